// Command gen writes provider/descriptions.json from the components' doc comments and sdk/schema.json from the
// provider, in-process. Run it with `go generate ./provider`.
package main

import (
	"context"
	"encoding/json"
	"log"
	"os"

	"github.com/hardaks/hardaks/provider"
	"github.com/hardaks/hardaks/provider/schema"
)

func main() {
	descriptions, err := schema.Descriptions()
	if err != nil {
		log.Fatal(err)
	}
	data, err := json.MarshalIndent(descriptions, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(schema.DescriptionsFile, append(data, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	doc, err := schema.Generate(context.Background(), provider.Version)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(schema.File, doc, 0o644); err != nil {
		log.Fatal(err)
	}
}
