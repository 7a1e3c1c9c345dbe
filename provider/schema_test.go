package provider_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/hardaks/hardaks/provider"
	"github.com/hardaks/hardaks/provider/schema"
	"github.com/hardaks/hardaks/provider/sdkgen"
)

// The committed schema and descriptions are what `go generate ./provider` writes now.
func TestTheCommittedSchemaIsCurrent(t *testing.T) {
	descriptions, err := schema.Descriptions()
	require.NoError(t, err)
	want, err := json.MarshalIndent(descriptions, "", "  ")
	require.NoError(t, err)
	committed, err := os.ReadFile(schema.DescriptionsFile)
	require.NoError(t, err)
	assert.Equal(t, string(want)+"\n", string(committed), "run go generate ./provider")

	doc, err := schema.Generate(t.Context(), provider.Version)
	require.NoError(t, err)
	committed, err = os.ReadFile(schema.File)
	require.NoError(t, err)
	assert.Equal(t, string(doc), string(committed), "run go generate ./provider")
}

// Every component is served, as a component, under the token the Go API registers, and every argument and output
// is described.
func TestTheSchemaListsEveryComponentDescribed(t *testing.T) {
	data, err := os.ReadFile(schema.File)
	require.NoError(t, err)
	var doc struct {
		Name      string
		Version   string
		Resources map[string]struct {
			IsComponent     bool
			Description     string
			InputProperties map[string]struct{ Description string }
			Properties      map[string]struct{ Description string }
		}
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, provider.Name, doc.Name)
	assert.Equal(t, provider.Version, doc.Version)
	var tokens []string
	for token, r := range doc.Resources {
		tokens = append(tokens, token)
		assert.True(t, r.IsComponent, token)
		assert.NotEmpty(t, r.Description, token)
		for name, p := range r.InputProperties {
			assert.NotEmpty(t, p.Description, "%s input %s", token, name)
		}
		for name, p := range r.Properties {
			assert.NotEmpty(t, p.Description, "%s output %s", token, name)
		}
	}
	slices.Sort(tokens)
	assert.Equal(t, []string{
		"hardaks:bastion:Bastion", "hardaks:buildagent:BuildAgent", "hardaks:cluster:Cluster", "hardaks:index:Environment", "hardaks:keyvault:Vault",
		"hardaks:monitoring:Monitoring", "hardaks:network:Network", "hardaks:privatedns:Zones", "hardaks:registry:Registry",
		"hardaks:workloadidentity:WorkloadIdentity",
	}, tokens)
}

// The committed Node.js and Python SDKs are what Pulumi's generators make of the committed schema.
func TestTheCommittedSDKsAreCurrent(t *testing.T) {
	doc, err := os.ReadFile(schema.File)
	require.NoError(t, err)
	for _, language := range sdkgen.Languages {
		want, err := sdkgen.Generate(doc, language)
		require.NoError(t, err)
		got, err := sdkgen.Read(filepath.Join(schema.SDKDir, language))
		require.NoError(t, err)
		assert.ElementsMatch(t, slices.Collect(maps.Keys(want)), slices.Collect(maps.Keys(got)), "%s: run go generate ./provider", language)
		for name, data := range want {
			assert.Equal(t, string(data), string(got[name]), "sdk/%s/%s: run go generate ./provider", language, name)
		}
	}
}

// The YAML example names only component types and arguments the schema has.
func TestTheYAMLExampleUsesTheSchema(t *testing.T) {
	data, err := os.ReadFile(schema.File)
	require.NoError(t, err)
	var doc struct {
		Resources map[string]struct {
			InputProperties map[string]any
			RequiredInputs  []string
		}
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	program, err := os.ReadFile("../examples/yaml/Pulumi.yaml")
	require.NoError(t, err)
	var example struct {
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	require.NoError(t, yaml.Unmarshal(program, &example))
	require.NotEmpty(t, example.Resources)
	for name, r := range example.Resources {
		spec, ok := doc.Resources[r.Type]
		if !assert.True(t, ok, "%s: type %s is not in the schema", name, r.Type) {
			continue
		}
		for property := range r.Properties {
			assert.Contains(t, spec.InputProperties, property, "%s: %s has no argument %s", name, r.Type, property)
		}
		for _, required := range spec.RequiredInputs {
			assert.Contains(t, r.Properties, required, "%s: %s needs %s", name, r.Type, required)
		}
	}
}

// Every property of every type in the schema is described too: the nested arguments other languages fill in.
func TestEveryTypePropertyIsDescribed(t *testing.T) {
	data, err := os.ReadFile(schema.File)
	require.NoError(t, err)
	var doc struct {
		Types map[string]struct {
			Properties map[string]struct{ Description string }
		}
	}
	require.NoError(t, json.Unmarshal(data, &doc))
	for token, typ := range doc.Types {
		for name, p := range typ.Properties {
			assert.NotEmpty(t, p.Description, "%s.%s", token, name)
		}
	}
}
