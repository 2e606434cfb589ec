package convert

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// Fuzz targets for the tolerant time parsers (issue #7): no panics, a
// result that is either the zero time or in UTC, and agreement with the
// standard parsers where those apply.

// FuzzTime parses arbitrary timestamps.
func FuzzTime(f *testing.F) {
	for _, s := range []string{"", "   ", "2020-07-31T06:55:55Z", "2020-07-31T06:55:55.866474185Z", "2020-07-31T14:55:55+08:00",
		"2020-07-31T06:55:55Z.866474185Z", "2020-07-31T06:55:55", "2020-07-31 14:55:55+08:00", "2020-07-31 06:55:55.25Z",
		"2020-07-31T04:55:55.1-0200", "Z.", "Z.5", "xZ.Z.", "2020-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := Time(""); !got.IsZero() {
			t.Fatalf("Time(\"\") = %v", got)
		}
		got := Time(s)
		if again := Time(s); !again.Equal(got) {
			t.Fatalf("Time(%q) not deterministic: %v then %v", s, got, again)
		}
		if got.IsZero() {
			return
		}
		if got.Location() != time.UTC {
			t.Fatalf("Time(%q) = %v, not in UTC", s, got)
		}
		if want, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s)); err == nil && !want.Equal(got) {
			t.Fatalf("Time(%q) = %v, time.Parse gives %v", s, got, want)
		}
		// What Time returns, it reads back (RFC 3339 has four-digit years;
		// an offset can move 9999-12-31 into the year 10000).
		if got.Year() > 9999 {
			return
		}
		back := got.Format(time.RFC3339Nano)
		if again := Time(back); !again.Equal(got) {
			t.Fatalf("Time(%q) = %v, but Time(%q) = %v", s, got, back, again)
		}
	})
}

// FuzzUnixMillis parses arbitrary millisecond timestamps.
func FuzzUnixMillis(f *testing.F) {
	for _, s := range []string{"", " ", "0", "1596178555866", "-1", " 42 ", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e3", "0x10", "+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := UnixMillis(s)
		if again := UnixMillis(s); !again.Equal(got) {
			t.Fatalf("UnixMillis(%q) not deterministic", s)
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		switch {
		case s == "" || err != nil:
			if !got.IsZero() {
				t.Fatalf("UnixMillis(%q) = %v, want the zero time", s, got)
			}
		case got.Location() != time.UTC:
			t.Fatalf("UnixMillis(%q) = %v, not in UTC", s, got)
		case got.UnixMilli() != n:
			t.Fatalf("UnixMillis(%q) = %v (%d ms)", s, got, got.UnixMilli())
		}
	})
}
