// Command apiproxygroup is the smallest program that uses apiproxygroup,
// with a username and password (the token exchange through
// golang.org/x/oauth2).
package main

import (
	"context"
	"fmt"

	"github.com/apimgmt/apimgmt-go/apiproxygroup"
)

func main() {
	c, err := apiproxygroup.NewClient("project", apiproxygroup.WithEndpoint("https://demo.apinizer.com"),
		apiproxygroup.WithPassword("user", "password"))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := c.Update(context.Background(), apiproxygroup.GroupInput{Name: "group"})
	fmt.Println(r, err)
}
