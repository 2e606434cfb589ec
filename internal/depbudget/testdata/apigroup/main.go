// Command apigroup is the smallest program that uses one Huawei service
// package: what it links is what a user's program pays for apigroup.
package main

import (
	"context"
	"fmt"

	"github.com/apimgmt/apimgmt-go/apigroup"
)

func main() {
	c, err := apigroup.NewClient("instance", apigroup.WithRegion("cn-north-4"), apigroup.WithEnvCredentials())
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := c.Update(context.Background(), "group", apigroup.UpdateInput{Name: "api_group_001"})
	fmt.Println(g, err)
}
