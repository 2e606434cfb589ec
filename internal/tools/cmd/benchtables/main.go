// Command benchtables turns the raw results of .ci/bench into the Markdown
// tables of BENCHMARKS.md: the median of every run of each benchmark, the
// SDK beside its hand-written net/http baseline and beside the vendors'
// SDKs, and each budget of issue #6 checked against those medians.
//
//	go -C internal/tools run ./cmd/benchtables OUTDIR/raw-root.txt OUTDIR/raw-vendor.txt
//
// It reads the standard Go benchmark format ("pkg:" lines, then one line a
// result) and needs nothing but the standard library.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
)

// key names one benchmark: its package (last element), its name without the
// GOMAXPROCS suffix, split at "/impl=".
type key struct {
	pkg, name, impl string
}

// results holds every value measured, by benchmark and unit.
type results map[key]map[string][]float64

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchtables RAW.txt...")
		os.Exit(2)
	}
	r := results{}
	for _, name := range os.Args[1:] {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		err = r.read(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
			os.Exit(1)
		}
	}
	r.print(os.Stdout)
}

func (r results) read(f io.Reader) error {
	pkg := ""
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for s.Scan() {
		line := s.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = path.Base(strings.TrimSpace(p))
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			continue
		}
		name := strings.TrimPrefix(fields[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		k := key{pkg: pkg, name: name}
		if before, impl, ok := strings.Cut(name, "/impl="); ok {
			k.name, k.impl = before, impl
		}
		if r[k] == nil {
			r[k] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return fmt.Errorf("%q: %v", line, err)
			}
			r[k][fields[i+1]] = append(r[k][fields[i+1]], v)
		}
	}
	return s.Err()
}

// median returns the median of the values of k in unit, and how many there
// were.
func (r results) median(k key, unit string) (float64, int) {
	vs := slices.Clone(r[k][unit])
	if len(vs) == 0 {
		return 0, 0
	}
	slices.Sort(vs)
	n := len(vs)
	if n%2 == 1 {
		return vs[n/2], n
	}
	return (vs[n/2-1] + vs[n/2]) / 2, n
}

// services are the service packages in the order of the tables, with the
// budget of their time and allocation ratios against the baseline.
var services = []struct {
	pkg    string
	label  string
	budget float64
}{
	{"apigroup", "Huawei APIG (signed)", 1.3},
	{"appgroup", "Huawei Workspace (signed)", 1.3},
	{"apiproxygroup", "Apinizer (bearer)", 1.2},
	{"apiproduct", "Apigee (bearer)", 1.2},
}

func (r results) print(w io.Writer) {
	fail := 0
	check := func(ok bool) string {
		if ok {
			return "yes"
		}
		fail++
		return "**no**"
	}

	fmt.Fprintln(w, "### The SDK against hand-written net/http (medians)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| service | call | transport | net/http | SDK | time × | net/http allocs | SDK allocs | allocs × | net/http B | SDK B | within budget |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, s := range services {
		for _, call := range []string{"Update", "List"} {
			for _, tr := range []string{"mem", "loopback"} {
				name := call + "/" + tr
				hand, n1 := r.median(key{s.pkg, name, "nethttp"}, "ns/op")
				sdk, n2 := r.median(key{s.pkg, name, "sdk"}, "ns/op")
				if n1 == 0 || n2 == 0 {
					continue
				}
				ha, _ := r.median(key{s.pkg, name, "nethttp"}, "allocs/op")
				sa, _ := r.median(key{s.pkg, name, "sdk"}, "allocs/op")
				hb, _ := r.median(key{s.pkg, name, "nethttp"}, "B/op")
				sb, _ := r.median(key{s.pkg, name, "sdk"}, "B/op")
				verdict := "—"
				if tr == "mem" { // the budget is the client's own cost
					verdict = check(sdk/hand <= s.budget && sa/ha <= s.budget) + fmt.Sprintf(" (≤ %.1f×)", s.budget)
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %.2f | %.0f | %.0f | %.2f | %.0f | %.0f | %s |\n",
					s.label, call, tr, dur(hand), dur(sdk), sdk/hand, ha, sa, sa/ha, hb, sb, verdict)
			}
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "### Parallel: 64 goroutines sharing one client (medians; throughput = 1/ns per op)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| service | transport | net/http | SDK | SDK throughput / net/http | at least 0.9 |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---|")
	for _, s := range services {
		for _, tr := range []string{"mem", "loopback"} {
			name := "UpdateParallel/" + tr
			hand, n1 := r.median(key{s.pkg, name, "nethttp"}, "ns/op")
			sdk, n2 := r.median(key{s.pkg, name, "sdk"}, "ns/op")
			if n1 == 0 || n2 == 0 {
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %.2f | %s |\n", s.label, tr, dur(hand), dur(sdk), hand/sdk, check(hand/sdk >= 0.9))
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "### apimgmt-go against the vendors' SDKs (medians, in-memory transport)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| call | vendor SDK | apimgmt-go | faster by | vendor allocs | apimgmt-go allocs | fewer allocs by | vendor B | apimgmt-go B | at least 2× on both |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, c := range []struct{ name, label string }{
		{"APIGUpdateGroup", "APIG update group (huaweicloud-sdk-go-v3)"},
		{"WorkspaceUpdateAppGroup", "Workspace update app group (huaweicloud-sdk-go-v3)"},
		{"ApigeeUpdateAPIProduct", "Apigee update product (google.golang.org/api)"},
	} {
		vt, n1 := r.median(key{"benchcmp", c.name, "vendor"}, "ns/op")
		ot, n2 := r.median(key{"benchcmp", c.name, "apimgmt-go"}, "ns/op")
		if n1 == 0 || n2 == 0 {
			continue
		}
		va, _ := r.median(key{"benchcmp", c.name, "vendor"}, "allocs/op")
		oa, _ := r.median(key{"benchcmp", c.name, "apimgmt-go"}, "allocs/op")
		vb, _ := r.median(key{"benchcmp", c.name, "vendor"}, "B/op")
		ob, _ := r.median(key{"benchcmp", c.name, "apimgmt-go"}, "B/op")
		fmt.Fprintf(w, "| %s | %s | %s | %.2f× | %.0f | %.0f | %.2f× | %.0f | %.0f | %s |\n",
			c.label, dur(vt), dur(ot), vt/ot, va, oa, va/oa, vb, ob, check(vt/ot >= 2 && va/oa >= 2))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "### The AK/SK signer alone (the seed's update request)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| benchmark | time | allocs | B | under 2 µs and at most 12 allocs |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|")
	if t, n := r.median(key{"auth", "HuaweiSign", ""}, "ns/op"); n > 0 {
		a, _ := r.median(key{"auth", "HuaweiSign", ""}, "allocs/op")
		b, _ := r.median(key{"auth", "HuaweiSign", ""}, "B/op")
		fmt.Fprintf(w, "| HuaweiSign | %s | %.0f | %.0f | %s |\n", dur(t), a, b, check(t < 2000 && a <= 12))
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "### Listing a large collection through the iterator (apigroup, medians)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| page size | items | time | B allocated per item | peak live heap | allocs |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|")
	var names []string
	for k := range r {
		if k.pkg == "apigroup" && strings.HasPrefix(k.name, "ListAll/") {
			names = append(names, k.name)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		pa, ia := listAllParams(a)
		pb, ib := listAllParams(b)
		if pa != pb {
			return pa - pb
		}
		return ia - ib
	})
	for _, name := range names {
		k := key{"apigroup", name, ""}
		page, items := listAllParams(name)
		t, _ := r.median(k, "ns/op")
		bi, _ := r.median(k, "B/item")
		live, _ := r.median(k, "peak-live-B")
		a, _ := r.median(k, "allocs/op")
		fmt.Fprintf(w, "| %d | %d | %s | %.0f | %.0f KiB | %.0f |\n", page, items, dur(t), bi, live/1024, a)
	}
	fmt.Fprintln(w)
	if fail > 0 {
		fmt.Fprintf(w, "%d budget lines not met: see the notes below the tables.\n", fail)
	} else {
		fmt.Fprintln(w, "Every budget line above is met.")
	}
}

func listAllParams(name string) (page, items int) {
	for _, part := range strings.Split(name, "/") {
		if v, ok := strings.CutPrefix(part, "page="); ok {
			page, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(part, "items="); ok {
			items, _ = strconv.Atoi(v)
		}
	}
	return page, items
}

// dur prints nanoseconds in the unit that suits them.
func dur(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
