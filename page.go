package apimgmt

// Page is one page of a List: every service package's ListPage returns one
// (each package names its own with an alias, for example
// apigroup.Page = Page[*apigroup.Group]).
//
// The vendors page in two ways. Offset pagers (APIG, Workspace) are asked
// for the items from an offset on, and say how many match in all; the next
// page starts at Offset+len(Items). Token pagers (Apigee) are asked for the
// items from a key on, and NextPageToken names where the next page starts.
// Apinizer does not page: its ListPage returns every item as one page.
type Page[T any] struct {
	// Items are the items on this page, in the order the server sent them.
	Items []T
	// Total is how many items match the query in all (not the page size),
	// or -1 when the vendor does not say (Apigee).
	Total int64
	// Offset is the offset of this page's first item among all the items
	// that match (0 for token pagers and for a page that holds everything).
	Offset int64
	// NextPageToken is where the next page starts, for a token pager (the
	// value to put in the list options' PageToken); it is empty on the last
	// page and for offset pagers.
	NextPageToken string
}
