package transport

// Service names the operations of one service package, so that every Op of
// the package is named "<package>.<Method>" without repeating the prefix:
//
//	var ops = transport.Service("apiproduct")
//	var opGet = ops.Op("Get", transport.Idempotent)
type Service string

// Op returns the Op named "<service>.<method>" with the given retry class
// (Idempotent or NotIdempotent).
func (s Service) Op(method string, idempotent bool) *Op {
	return &Op{Name: string(s) + "." + method, Idempotent: idempotent}
}

// EnvelopeOp is Op for an operation whose service checks the answer's
// envelope itself (see Op.Envelope).
func (s Service) EnvelopeOp(method string, idempotent bool) *Op {
	op := s.Op(method, idempotent)
	op.Envelope = true
	return op
}
