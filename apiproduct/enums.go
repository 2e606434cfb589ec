package apiproduct

// The enumerations of the product fields. The vendor documents these
// values; validation rejects any other.

// ApprovalType says how API keys for a product are approved.
type ApprovalType string

// ApprovalType values.
const (
	// ApprovalManual: the consumer key is generated and returned in
	// "pending" state; the API keys won't work until they have been
	// explicitly approved.
	ApprovalManual ApprovalType = "manual"
	// ApprovalAuto: the consumer key is generated and returned in "approved"
	// state and can be used immediately. Typically used for free or trial
	// API products that provide limited quota or capabilities.
	ApprovalAuto ApprovalType = "auto"
)

// TimeUnit is the time unit of a quota interval.
type TimeUnit string

// TimeUnit values.
const (
	Minute TimeUnit = "minute"
	Hour   TimeUnit = "hour"
	Day    TimeUnit = "day"
	Month  TimeUnit = "month"
)

// QuotaCounterScope is the scope of a product's quota counter.
type QuotaCounterScope string

// QuotaCounterScope values.
const (
	// QuotaCounterScopeUnspecified: when quota is not explicitly defined for
	// each operation, the limits set at product level are used as a local
	// counter for quota evaluation by all the operations, independent of
	// proxy association.
	QuotaCounterScopeUnspecified QuotaCounterScope = "QUOTA_COUNTER_SCOPE_UNSPECIFIED"
	// QuotaCounterScopeProxy: the limits set at product level are used as a
	// global counter for quota evaluation by all the operations associated
	// with a particular proxy.
	QuotaCounterScopeProxy QuotaCounterScope = "PROXY"
	// QuotaCounterScopeOperation: the limits set at product level are used
	// as a local counter for quota evaluation by all the operations,
	// independent of proxy association; it behaves like
	// QuotaCounterScopeUnspecified.
	QuotaCounterScopeOperation QuotaCounterScope = "OPERATION"
	// QuotaCounterScopeProduct: the limits set at product level are used as
	// a global counter for quota evaluation by all the operations.
	QuotaCounterScopeProduct QuotaCounterScope = "PRODUCT"
)

// OperationConfigType says whether operation configurations are for Apigee
// API proxies or remote services.
type OperationConfigType string

// OperationConfigType values.
const (
	// ConfigProxy is for Apigee API proxies (the default).
	ConfigProxy OperationConfigType = "proxy"
	// ConfigRemoteService is for non-Apigee proxies such as Istio-Envoy.
	ConfigRemoteService OperationConfigType = "remoteservice"
)

// GraphQLOperationType is a GraphQL operation type. Apigee does not
// support subscriptions.
type GraphQLOperationType string

// GraphQLOperationType values.
const (
	// GraphQLQuery is a query operation.
	GraphQLQuery GraphQLOperationType = "query"
	// GraphQLMutation is a mutation operation.
	GraphQLMutation GraphQLOperationType = "mutation"
)
