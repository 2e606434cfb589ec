// Command apiproduct is the smallest program that uses apiproduct with
// Application Default Credentials.
package main

import (
	"context"
	"fmt"

	"github.com/apimgmt/apimgmt-go/apiproduct"
)

func main() {
	c, err := apiproduct.NewClient("org", apiproduct.WithDefaultCredentials())
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := c.Update(context.Background(), &apiproduct.Product{Name: "product"})
	fmt.Println(p, err)
}
