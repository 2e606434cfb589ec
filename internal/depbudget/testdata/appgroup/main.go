// Command appgroup is the smallest program that uses one Huawei service
// package: what it links is what a user's program pays for appgroup.
package main

import (
	"context"
	"fmt"

	"github.com/apimgmt/apimgmt-go"
	"github.com/apimgmt/apimgmt-go/appgroup"
)

func main() {
	c, err := appgroup.NewClient(appgroup.WithRegion("cn-north-4"), appgroup.WithEnvCredentials())
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := c.Update(context.Background(), "group", appgroup.UpdateInput{Description: apimgmt.Ptr("AAAA")})
	fmt.Println(g, err)
}
