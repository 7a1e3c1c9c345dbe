// Command hardaks plans a hardaks environment offline and checks it. See README.md.
package main

import (
	"os"

	"github.com/hardaks/hardaks/internal/cli"
)

func main() {
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr))
}
