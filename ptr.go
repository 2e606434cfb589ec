package apimgmt

// Ptr returns a pointer to a copy of v. Input fields that are pointers
// (present or absent, rather than zero) are set with it:
//
//	in := apigroup.UpdateInput{Remark: apimgmt.Ptr("")}
func Ptr[T any](v T) *T { return &v }
