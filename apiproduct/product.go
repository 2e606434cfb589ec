package apiproduct

import (
	"time"

	"github.com/apimgmt/apimgmt-go/internal/jsonkeep"
)

// Product is an API product: a bundle of API resources (proxies, resource
// paths and REST, GraphQL, gRPC, LLM or payload operations) with quota
// settings and metadata, offered to app developers.
//
// Update replaces the whole product, so change a product you got from Get
// (or use Modify) rather than one you built from scratch: fields left empty
// are not sent. A product read by Get, Create, Update, Delete, Move or List
// (with Expand) also carries the members of the response that this package
// does not model (fields the API gained after it), at every depth: inside
// the operation groups, their configurations, operations and quotas, and
// the attributes. Update sends them back unchanged, while a field you clear
// stays cleared. In a list (Attributes, OperationConfigs, Operations...), an
// element you keep, move or change in place keeps its unmodelled members,
// an element you remove is not sent, and an element you add, or change in a
// list whose length you also change, is sent with the modelled fields
// alone. A product built from scratch, or listed without Expand, carries
// nothing more than its fields.
//
// Its JSON form is the API's (the package sends and reads it as it is):
// empty strings and nil slices are left out, an empty non-nil slice is sent
// as []. Only CreatedAt and LastModifiedAt differ: the API sends them as
// milliseconds since the epoch, and they are never sent.
type Product struct {
	// Name is the internal name of the API product. Characters you can use
	// in the name are restricted to: A-Z0-9._\-$ % (lower-case letters are
	// accepted too). The internal name cannot be edited when updating the
	// API product.
	Name string `json:"name,omitempty"`
	// DisplayName is the name displayed in the UI or developer portal to
	// developers registering for API access.
	DisplayName string `json:"displayName,omitempty"`
	// Description of the API product. Include key information about the API
	// product that is not captured by other fields.
	Description string `json:"description,omitempty"`
	// ApprovalType specifies how API keys are approved to access the APIs
	// defined by the API product: ApprovalManual or ApprovalAuto.
	ApprovalType ApprovalType `json:"approvalType,omitempty"`
	// Attributes extend the default API product profile with
	// customer-specific metadata; at most MaxAttributes. The "access"
	// attribute sets the access level of the API product: "public",
	// "private" or "internal". Only products marked public are available to
	// developers in the Apigee developer portal; private products do not
	// appear on the portal but can be accessed by external developers.
	Attributes []Attribute `json:"attributes,omitzero"`
	// APIResources are the API resources bundled in the API product. By
	// default, the resource paths are mapped from the proxy.pathsuffix
	// variable, the URI fragment following the ProxyEndpoint base path. For
	// example, if APIResources holds /forecastrss and the base path of the
	// API proxy is /weather, only requests to /weather/forecastrss are
	// permitted. "/**" includes all sub-URIs; "/*" only URIs one level down;
	// "/" supports the same resources as "/**" as well as the base path.
	// Cannot be set together with OperationGroup, LLMOperationGroup or
	// PayloadOperationGroup.
	APIResources []string `json:"apiResources,omitzero"`
	// Environments are the environment names to which the API product is
	// bound. Requests to environments that are not listed are rejected. If
	// none are given, the product allows access to all environments.
	Environments []string `json:"environments,omitzero"`
	// Proxies are the API proxy names to which this API product is bound.
	// Apigee rejects requests to API proxies that are not listed. The API
	// proxy names must already exist in the specified environment as they
	// are validated upon creation. If none are given, any app associated
	// with the product can call any API of the organization. Cannot be set
	// together with PayloadOperationGroup.
	Proxies []string `json:"proxies,omitzero"`
	// Quota is the number of request messages permitted per app by this API
	// product for the specified QuotaInterval and QuotaTimeUnit. For
	// example, a Quota of 50, for a QuotaInterval of 12 and a QuotaTimeUnit
	// of hours means 50 requests are allowed every 12 hours. A decimal
	// number, sent as a string.
	Quota string `json:"quota,omitempty"`
	// QuotaInterval is the time interval over which the number of request
	// messages is calculated. A decimal number, sent as a string.
	QuotaInterval string `json:"quotaInterval,omitempty"`
	// QuotaTimeUnit is the time unit of QuotaInterval.
	QuotaTimeUnit TimeUnit `json:"quotaTimeUnit,omitempty"`
	// QuotaCounterScope decides how the quota counter gets applied and
	// evaluated for quota violation. It applies only when an operation does
	// not have dedicated quota set for itself.
	QuotaCounterScope QuotaCounterScope `json:"quotaCounterScope,omitempty"`
	// Scopes are the OAuth scopes that are validated at runtime. Apigee
	// validates that the scopes in any access token presented match the
	// scopes defined in the OAuth policy associated with the API product.
	Scopes []string `json:"scopes,omitzero"`
	// OperationGroup groups Apigee proxies or remote services with REST
	// resources, methods and quotas.
	OperationGroup *OperationGroup `json:"operationGroup,omitempty"`
	// GraphQLOperationGroup groups Apigee proxies or remote services with
	// GraphQL operation names, operation types and quotas.
	GraphQLOperationGroup *GraphQLOperationGroup `json:"graphqlOperationGroup,omitempty"`
	// GRPCOperationGroup groups Apigee proxies with gRPC services, methods
	// and quotas. Optional.
	GRPCOperationGroup *GRPCOperationGroup `json:"grpcOperationGroup,omitempty"`
	// LLMOperationGroup groups Apigee proxies with resources, methods, LLM
	// models and token quotas. Optional. Cannot be set together with
	// APIResources.
	LLMOperationGroup *LLMOperationGroup `json:"llmOperationGroup,omitempty"`
	// LLMQuota is the number of LLM tokens permitted per app by this API
	// product for the specified LLMQuotaInterval and LLMQuotaTimeUnit.
	// Optional. A decimal number, sent as a string.
	LLMQuota string `json:"llmQuota,omitempty"`
	// LLMQuotaInterval is the time interval over which the number of tokens
	// from LLM responses is calculated. Optional. A decimal number, sent as a
	// string.
	LLMQuotaInterval string `json:"llmQuotaInterval,omitempty"`
	// LLMQuotaTimeUnit is the time unit of LLMQuotaInterval. Optional.
	LLMQuotaTimeUnit TimeUnit `json:"llmQuotaTimeUnit,omitempty"`
	// PayloadOperationGroup groups Apigee proxies with operations identified
	// in the request payload (for example MCP "tools/call/get_weather"), for
	// authorization and quota. Optional. Cannot be set together with Proxies
	// or APIResources.
	PayloadOperationGroup *PayloadOperationGroup `json:"payloadOperationGroup,omitempty"`
	// Space is the resource ID of the parent Apigee Space. If not set, the
	// parent resource is the organization. Change it with Move. Optional.
	Space string `json:"space,omitempty"`
	// CreatedAt is the creation time of the API product. Response only: it
	// is never sent.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// LastModifiedAt is the last modification time of the API product.
	// Response only: it is never sent.
	LastModifiedAt time.Time `json:"lastModifiedAt,omitzero"`

	// raw is the JSON the product was read from: the whole response of
	// Get, Create, Update or Move (a buffer of its own, kept without a
	// copy), or a copy of its own element of a List page when that has
	// members this package does not model; nil for a product built by the
	// caller. Create and Update lay the product over it when it has such
	// members, at any depth (jsonkeep.Merge), so that a read-modify-write
	// keeps them; only a product that is sent back is looked at for them.
	raw *jsonkeep.Raw
}

// MaxAttributes is the documented maximum number of custom attributes of a
// product.
const MaxAttributes = 18

// Attribute is a key-value pair to store extra metadata.
type Attribute struct {
	// Name is the attribute's name (its key).
	Name string `json:"name,omitempty"`
	// Value is the value of the attribute.
	Value string `json:"value,omitempty"`
}

// Quota is a request quota applied to the resources, methods and API source
// of an operation configuration. While optional, setting it prevents
// requests from exceeding the provisioned parameters; without it, quota
// enforcement is not done (unless a quota is defined at product level).
type Quota struct {
	// Limit is the upper limit allowed for the time interval and time unit
	// specified; requests exceeding it are rejected. Required. A decimal
	// number, sent as a string.
	Limit string `json:"limit"`
	// Interval is the time interval over which the number of request
	// messages is calculated. Required. A decimal number, sent as a string.
	Interval string `json:"interval"`
	// TimeUnit is the time unit of Interval. If Limit and Interval are
	// valid, it defaults to Hour.
	TimeUnit TimeUnit `json:"timeUnit,omitempty"`
}

// OperationGroup lists the REST operation configurations associated with
// Apigee API proxies or remote services (non-Apigee proxies, such as
// Istio-Envoy): which REST methods have access to which resources (URIs
// excluding the base path) and how many calls can be made.
type OperationGroup struct {
	// OperationConfigType says whether the configuration is for Apigee API
	// proxies (ConfigProxy, the default) or remote services
	// (ConfigRemoteService).
	OperationConfigType OperationConfigType `json:"operationConfigType,omitempty"`
	// OperationConfigs are the operation configurations. Required.
	OperationConfigs []OperationConfig `json:"operationConfigs"`
}

// OperationConfig binds the resources in an API proxy or remote service with
// the allowed REST methods and associated quota enforcement.
type OperationConfig struct {
	// APISource is the name of the API proxy or remote service with which
	// the resources, methods, and quota are associated. Required.
	APISource string `json:"apiSource"`
	// Operations are the resource/method pairs to which quota is applied.
	// Currently only a single pair is accepted; the call fails with more.
	Operations []Operation `json:"operations,omitzero"`
	// Quota is the quota of this configuration.
	Quota *Quota `json:"quota,omitempty"`
	// Attributes are custom attributes associated with the operation.
	Attributes []Attribute `json:"attributes,omitzero"`
}

// Operation pairs a REST resource path with the verbs allowed on it.
type Operation struct {
	// Resource is the REST resource path associated with the API proxy or
	// remote service. Required.
	Resource string `json:"resource"`
	// Methods are the REST verbs allowed; none means all verbs.
	Methods []string `json:"methods,omitzero"`
}

// GraphQLOperationGroup lists the GraphQL operation configurations
// associated with Apigee API proxies or remote services: quotas for
// combinations of GraphQL operation name and type. Without a name, the quota
// applies to every GraphQL request of the operation type.
type GraphQLOperationGroup struct {
	// OperationConfigType says whether the configuration is for Apigee API
	// proxies (ConfigProxy, the default) or remote services
	// (ConfigRemoteService).
	OperationConfigType OperationConfigType `json:"operationConfigType,omitempty"`
	// OperationConfigs are the operation configurations. Required.
	OperationConfigs []GraphQLOperationConfig `json:"operationConfigs"`
}

// GraphQLOperationConfig binds the resources in a proxy or remote service
// with a GraphQL operation and its quota enforcement.
type GraphQLOperationConfig struct {
	// APISource is the name of the API proxy endpoint or remote service with
	// which the GraphQL operation and quota are associated. Required.
	APISource string `json:"apiSource"`
	// Operations are the GraphQL name/operation type pairs to which quota
	// is applied. Required; currently exactly one is accepted.
	Operations []GraphQLOperation `json:"operations"`
	// Quota is the quota of this configuration.
	Quota *Quota `json:"quota,omitempty"`
	// Attributes are custom attributes associated with the operation.
	Attributes []Attribute `json:"attributes,omitzero"`
}

// GraphQLOperation pairs GraphQL operation types with an operation name.
type GraphQLOperation struct {
	// Operation is the GraphQL operation name; empty applies the quota to
	// every operation name.
	Operation string `json:"operation,omitempty"`
	// OperationTypes are the GraphQL operation types (GraphQLQuery,
	// GraphQLMutation). Required.
	OperationTypes []GraphQLOperationType `json:"operationTypes"`
}

// GRPCOperationGroup lists the gRPC operation configurations associated with
// Apigee API proxies: quotas for a proxy's gRPC service and methods.
type GRPCOperationGroup struct {
	// OperationConfigs are the operation configurations. Required.
	OperationConfigs []GRPCOperationConfig `json:"operationConfigs"`
}

// GRPCOperationConfig binds the resources in a proxy with a gRPC service and
// methods and their quota enforcement.
type GRPCOperationConfig struct {
	// APISource is the name of the API proxy with which the gRPC operation
	// and quota are associated. Required.
	APISource string `json:"apiSource"`
	// Service is the gRPC service name on which quota rules are applied.
	// Required.
	Service string `json:"service"`
	// Methods are unqualified gRPC method names ("ListPets", not
	// "com.petstore.PetService.ListPets"); none means every method of the
	// service.
	Methods []string `json:"methods,omitzero"`
	// Quota is the quota of this configuration.
	Quota *Quota `json:"quota,omitempty"`
	// Attributes are custom attributes associated with the operation.
	Attributes []Attribute `json:"attributes,omitzero"`
}

// LLMOperationGroup lists the LLM operation configurations associated with
// Apigee API proxies: which REST methods have access to which resources and
// LLM models, and how many tokens can be used.
type LLMOperationGroup struct {
	// OperationConfigs are the operation configurations. Required.
	OperationConfigs []LLMOperationConfig `json:"operationConfigs"`
}

// LLMOperationConfig binds the resources in an API proxy or remote service
// with the allowed REST methods, LLM model and token quota.
type LLMOperationConfig struct {
	// APISource is the name of the API proxy or remote service with which
	// the resources, methods, and quota are associated. Required.
	APISource string `json:"apiSource"`
	// LLMOperations are the resource/method/model mappings to which quota is
	// applied. Required; currently exactly one is accepted.
	LLMOperations []LLMOperation `json:"llmOperations"`
	// LLMTokenQuota is the token quota of this configuration. Required.
	LLMTokenQuota LLMTokenQuota `json:"llmTokenQuota"`
	// Attributes are custom attributes associated with the operation.
	Attributes []Attribute `json:"attributes,omitzero"`
}

// LLMOperation pairs a REST resource path and an LLM model with the verbs
// allowed on them.
type LLMOperation struct {
	// Resource is the REST resource path associated with the API proxy or
	// remote service. Required.
	Resource string `json:"resource"`
	// Model is the LLM model name associated with the API proxy. Required.
	Model string `json:"model"`
	// Methods are the REST verbs allowed, in upper case; none means all.
	Methods []string `json:"methods,omitzero"`
}

// LLMTokenQuota is a quota of LLM tokens.
type LLMTokenQuota struct {
	// Limit is the upper limit of LLM tokens allowed for the time interval
	// and unit; requests exceeding it are rejected. Required. A decimal
	// number, sent as a string.
	Limit string `json:"limit"`
	// Interval is the time interval over which tokens are counted.
	// Required. A decimal number, sent as a string.
	Interval string `json:"interval"`
	// TimeUnit is the time unit of Interval. If Limit and Interval are
	// valid, it defaults to Hour.
	TimeUnit TimeUnit `json:"timeUnit,omitempty"`
}

// PayloadOperationGroup lists payload operation configurations: operations
// identified in the request body (such as JSON-RPC method and tool names),
// for protocols like MCP where many operations share one endpoint.
type PayloadOperationGroup struct {
	// OperationConfigs are the operation configurations. Required.
	OperationConfigs []PayloadOperationConfig `json:"operationConfigs"`
}

// PayloadOperationConfig binds the payload operations in an API proxy with
// their quota enforcement.
type PayloadOperationConfig struct {
	// APISource is the name of the API proxy with which the payload
	// operations and quota are associated. Required.
	APISource string `json:"apiSource"`
	// Operations are the payload operations to which quota is applied.
	// Required.
	Operations []PayloadOperation `json:"operations"`
	// Quota is the quota of this configuration.
	Quota *Quota `json:"quota,omitempty"`
	// Attributes are custom attributes associated with the operation.
	Attributes []Attribute `json:"attributes,omitzero"`
}

// PayloadOperation is one operation identifier extracted from the request
// payload.
type PayloadOperation struct {
	// Operation is the operation name extracted from the request payload at
	// runtime by the ParsePayload policy, for example "tools/list" or
	// "tools/call/get_weather". Wildcards are not supported. Required.
	Operation string `json:"operation"`
}
