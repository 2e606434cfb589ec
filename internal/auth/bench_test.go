package auth

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// BenchmarkHuaweiSign signs seed 002's update request: PUT with the seed's
// JSON body, host, X-Project-Id and X-Sdk-Date signed.
func BenchmarkHuaweiSign(b *testing.B) {
	fixed := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	c, err := NewHuaweiAKSK("AKTESTAKTESTAKTEST01", "sk-test-secret-value", "a4da8115c9d8464ead3a38309130523f", "", func() time.Time { return fixed })
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(`{"name":"api_group_001","remark":"API group 1"}`)
	req, _ := http.NewRequest(http.MethodPut, "https://apig.cn-north-4.myhuaweicloud.com/v2/a4da8115c9d8464ead3a38309130523f/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/api-groups/c77f5e81d9cb4424bf704ef2b0ac7600", nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Apply(ctx, req, body); err != nil {
			b.Fatal(err)
		}
	}
}
