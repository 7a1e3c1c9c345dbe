package provider_test

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/provider"
	"github.com/hardaks/hardaks/provider/schema"
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
		"hardaks:bastion:Bastion", "hardaks:buildagent:BuildAgent", "hardaks:cluster:Cluster", "hardaks:keyvault:Vault",
		"hardaks:monitoring:Monitoring", "hardaks:network:Network", "hardaks:privatedns:Zones", "hardaks:registry:Registry",
		"hardaks:workloadidentity:WorkloadIdentity",
	}, tokens)
}
