// Command pulumi-resource-hardaks is the hardaks component provider: Pulumi programs in TypeScript, Python and
// YAML construct the hardaks components through it. `pulumi package add` builds it from source (PulumiPlugin.yaml).
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/hardaks/hardaks/provider"
)

func main() {
	prov, err := provider.New()
	if err == nil {
		err = p.RunProvider(context.Background(), provider.Name, provider.Version, prov)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
