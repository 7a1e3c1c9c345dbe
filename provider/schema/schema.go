// Package schema generates the hardaks package schema in-process, from the provider and the components' doc
// comments: what `go generate ./provider` writes and what the tests hold the committed files to.
package schema

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"

	"github.com/hardaks/hardaks/provider"
	"github.com/hardaks/hardaks/provider/docs"
)

// Paths relative to the provider package, where go generate and its tests run.
const (
	File             = "../sdk/schema.json"
	SDKDir           = "../sdk"
	DescriptionsFile = "descriptions.json"
	componentsDir    = "../components"
	stacksDir        = "../stacks"
	configDir        = "../config"
)

// Descriptions are the doc comments of the components, of the environment (module index) and of the configuration
// sections its arguments reuse (module config).
func Descriptions() (docs.Descriptions, error) {
	d, err := docs.Extract(provider.Name, componentsDir)
	if err != nil {
		return nil, err
	}
	if err := d.Package(provider.Name, "index", stacksDir); err != nil {
		return nil, err
	}
	return d, d.Package(provider.Name, "config", configDir)
}

// Generate is the package schema of version, described by the current doc comments.
func Generate(ctx context.Context, version string) ([]byte, error) {
	descriptions, err := Descriptions()
	if err != nil {
		return nil, err
	}
	prov, err := provider.Described(descriptions)
	if err != nil {
		return nil, err
	}
	server, err := integration.NewServer(ctx, provider.Name, semver.MustParse(version), integration.WithProvider(prov))
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	resp, err := server.GetSchema(p.GetSchemaRequest{})
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return []byte(resp.Schema), nil
}
