package convert

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVal(t *testing.T) {
	assert.Equal(t, 0, Val[int](nil))
	assert.Equal(t, "", Val[string](nil))
	assert.Nil(t, Val[[]int](nil))
	assert.Equal(t, struct{ A int }{}, Val[struct{ A int }](nil))

	n := 42
	assert.Equal(t, 42, Val(&n))
	s := "x"
	assert.Equal(t, "x", Val(&s))
}

func TestPtr(t *testing.T) {
	p := Ptr(7)
	require.NotNil(t, p)
	assert.Equal(t, 7, *p)

	// Each call returns a fresh pointer, not an alias of the argument.
	v := "a"
	q := Ptr(v)
	*q = "b"
	assert.Equal(t, "a", v)
	assert.NotSame(t, Ptr(1), Ptr(1))

	z := Ptr(0)
	require.NotNil(t, z, "Ptr keeps zero values")
	assert.Equal(t, 0, *z)
}

func TestPtrIfSet(t *testing.T) {
	assert.Nil(t, PtrIfSet(0))
	assert.Nil(t, PtrIfSet(""))
	assert.Nil(t, PtrIfSet(false))
	assert.Nil(t, PtrIfSet(struct{ A int }{}))

	p := PtrIfSet(3)
	require.NotNil(t, p)
	assert.Equal(t, 3, *p)
	s := PtrIfSet("x")
	require.NotNil(t, s)
	assert.Equal(t, "x", *s)
	b := PtrIfSet(true)
	require.NotNil(t, b)
	assert.True(t, *b)
}

func TestRefIfSet(t *testing.T) {
	zero, empty := 0, ""
	assert.Nil(t, RefIfSet(&zero))
	assert.Nil(t, RefIfSet(&empty))

	// A set value is returned as the same pointer, not a copy.
	n := 3
	assert.Same(t, &n, RefIfSet(&n))
}

func TestSliceRef(t *testing.T) {
	var none []string
	assert.Nil(t, SliceRef(&none))
	empty := []string{}
	assert.Same(t, &empty, SliceRef(&empty), "an empty list is kept, to be sent as []")
	s := []int{1}
	assert.Same(t, &s, SliceRef(&s))
}

func TestTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	cases := []struct {
		name string
		in   string
		want time.Time
	}{
		{"RFC3339 Z", "2020-07-31T06:55:55Z", utc(2020, 7, 31, 6, 55, 55, 0)},
		{"RFC3339Nano Z", "2020-07-31T06:55:55.866474185Z", utc(2020, 7, 31, 6, 55, 55, 866474185)},
		{"RFC3339 offset converted to UTC", "2020-07-31T14:55:55+08:00", utc(2020, 7, 31, 6, 55, 55, 0)},
		{"RFC3339Nano offset", "2020-07-31T14:55:55.5+08:00", utc(2020, 7, 31, 6, 55, 55, 500000000)},
		{"irregular Z before fraction", "2020-07-31T06:55:55Z.866474185Z", utc(2020, 7, 31, 6, 55, 55, 866474185)},
		{"no zone means UTC", "2020-07-31T06:55:55", utc(2020, 7, 31, 6, 55, 55, 0)},
		{"no zone with fraction", "2020-07-31T06:55:55.123", utc(2020, 7, 31, 6, 55, 55, 123000000)},
		{"space with zone", "2020-07-31 14:55:55+08:00", utc(2020, 7, 31, 6, 55, 55, 0)},
		{"space with Z and fraction", "2020-07-31 06:55:55.25Z", utc(2020, 7, 31, 6, 55, 55, 250000000)},
		{"space without zone", "2020-07-31 06:55:55", utc(2020, 7, 31, 6, 55, 55, 0)},
		{"space without zone fraction", "2020-07-31 06:55:55.000001", utc(2020, 7, 31, 6, 55, 55, 1000)},
		{"compact offset", "2020-07-31T14:55:55+0800", utc(2020, 7, 31, 6, 55, 55, 0)},
		{"compact offset fraction", "2020-07-31T04:55:55.1-0200", utc(2020, 7, 31, 6, 55, 55, 100000000)},
		{"surrounding space", "  2020-07-31T06:55:55Z \n", utc(2020, 7, 31, 6, 55, 55, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.in
			got := Time(s)
			assert.True(t, c.want.Equal(got), "got %v want %v", got, c.want)
			assert.Equal(t, time.UTC, got.Location())
		})
	}
}

func TestTimeInvalid(t *testing.T) {
	assert.True(t, Time("").IsZero())
	for _, in := range []string{"", "   ", "yesterday", "2020-13-01T00:00:00Z", "2020-07-31", "Z.5", "1596178555"} {
		s := in
		assert.True(t, Time(s).IsZero(), "%q", in)
	}
}

func TestUnixMillis(t *testing.T) {
	assert.True(t, UnixMillis("").IsZero())
	for _, in := range []string{"", "abc", "1.5", "  ", "9223372036854775808"} {
		s := in
		assert.True(t, UnixMillis(s).IsZero(), "%q", in)
	}
	s := "1596178555866"
	got := UnixMillis(s)
	assert.True(t, time.Date(2020, 7, 31, 6, 55, 55, 866000000, time.UTC).Equal(got), "%v", got)
	assert.Equal(t, time.UTC, got.Location())

	z := "0"
	assert.True(t, time.Unix(0, 0).Equal(UnixMillis(z)))
	sp := " 1000 "
	assert.True(t, time.Unix(1, 0).Equal(UnixMillis(sp)))
	neg := "-1000"
	assert.True(t, time.Unix(-1, 0).Equal(UnixMillis(neg)))
}
