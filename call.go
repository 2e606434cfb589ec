package apimgmt

// CallOption changes one call of any service package. It is the trailing
// variadic parameter of every operation, so that options added later never
// break a caller, even one that keeps a method as a function value or
// behind an interface.
type CallOption func(*CallOptions)

// CallOptions are the settings that the CallOptions given to one call
// build. The request pipeline reads them.
type CallOptions struct{}
