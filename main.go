// The hardaks Pulumi program: it loads the stack configuration and builds the environment. See README.md.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/stacks"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := stacks.Program(ctx)
		return err
	})
}
