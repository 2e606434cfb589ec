// Package depbudget checks how many third-party packages a program links
// when it uses one apimgmt-go service package (see depbudget_test.go and the
// programs under testdata). It has no code of its own.
package depbudget
