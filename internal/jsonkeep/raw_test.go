package jsonkeep

import (
	"reflect"
	"sync"
	"testing"
)

// A kept JSON is merged only when it has members the model lacks, and the
// look happens once however many goroutines send the value back.
func TestRawMergesOnlyWhatTheModelLacks(t *testing.T) {
	mt := reflect.TypeFor[model]()
	encoded := []byte(`{"name":"b"}`)

	var none *Raw
	if got, err := none.Merge(mt, encoded); err != nil || string(got) != string(encoded) {
		t.Fatalf("nil Raw: %s, %v", got, err)
	}
	modelled := NewRaw([]byte(`{"name":"a","tags":["x"]}`), mt)
	if got, err := modelled.Merge(mt, encoded); err != nil || string(got) != string(encoded) {
		t.Fatalf("JSON without unmodelled members: %s, %v; want the encoding as it is", got, err)
	}

	extra := NewRaw([]byte(`{"name":"a","extra":{"deep":1}}`), mt)
	known := NewRawUnknown([]byte(`{"name":"a","extra":{"deep":1}}`))
	want := `{"extra":{"deep":1},"name":"b"}`
	got := make([][]byte, 16)
	errs := make([]error, 16)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			got[2*i], errs[2*i] = extra.Merge(mt, encoded)
			got[2*i+1], errs[2*i+1] = known.Merge(mt, encoded)
		})
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || !jsonEqual(t, got[i], []byte(want)) {
			t.Errorf("merged %s, %v; want %s", got[i], errs[i], want)
		}
	}
}
