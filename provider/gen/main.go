// Command gen writes provider/descriptions.json from the components' doc comments, sdk/schema.json from the
// provider, in-process, and the Node.js and Python SDKs from the schema. Run it with `go generate ./provider`.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/hardaks/hardaks/provider"
	"github.com/hardaks/hardaks/provider/schema"
	"github.com/hardaks/hardaks/provider/sdkgen"
)

func main() {
	descriptions, err := schema.Descriptions()
	if err != nil {
		fail(err)
	}
	data, err := json.MarshalIndent(descriptions, "", "  ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(schema.DescriptionsFile, append(data, '\n'), 0o644); err != nil {
		fail(err)
	}
	doc, err := schema.Generate(context.Background(), provider.Version)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(schema.File, doc, 0o644); err != nil {
		fail(err)
	}
	for _, language := range sdkgen.Languages {
		files, err := sdkgen.Generate(doc, language)
		if err != nil {
			fail(fmt.Errorf("%s SDK: %w", language, err))
		}
		if err := sdkgen.Write(filepath.Join(schema.SDKDir, language), files); err != nil {
			fail(err)
		}
	}
}

// fail reports err and exits; the Pulumi SDK's provider host sends the log package's output elsewhere.
func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
