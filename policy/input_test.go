package policy

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/internal/offline"
)

const (
	testStackURN = "urn:pulumi:dev::hardaks::pulumi:pulumi:Stack::hardaks-dev"
	componentURN = "urn:pulumi:dev::hardaks::hardaks:registry:Registry::reg"
	registryURN  = "urn:pulumi:dev::hardaks::hardaks:registry:Registry$azure-native:containerregistry:Registry::reg-acr"
)

var testRegistry = offline.Resource{
	URN:          registryURN,
	Type:         "azure-native:containerregistry:Registry",
	Name:         "reg-acr",
	Custom:       true,
	Parent:       componentURN,
	Dependencies: []string{"urn:pulumi:dev::hardaks::azure-native:resources:ResourceGroup::rg"},
	Protect:      true,
	ID:           "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr",
	// A property named like a metadata field ("type") wins at the top level, as in the analyzer.
	Inputs: map[string]any{"registryName": "acr", "sku": map[string]any{"name": "Premium"}, "type": "custom"},
}

var testComponent = offline.Resource{URN: componentURN, Type: "hardaks:registry:Registry", Name: "reg", Inputs: map[string]any{}}

func defaultOptions(protect bool, parent string) map[string]any {
	return map[string]any{
		"protect":                 protect,
		"ignoreChanges":           nil,
		"deleteBeforeReplace":     nil,
		"additionalSecretOutputs": nil,
		"aliasURNs":               nil,
		"aliases":                 nil,
		"customTimeouts":          map[string]any{"create": 0.0, "update": 0.0, "delete": 0.0},
		"parent":                  parent,
	}
}

var azureNativeProvider = map[string]any{
	"type":       "pulumi:providers:azure-native",
	"name":       "default",
	"urn":        "urn:pulumi:dev::hardaks::pulumi:providers:azure-native::default",
	"properties": map[string]any{},
}

func TestResourceInputIsTheAnalyzerDocument(t *testing.T) {
	props := testRegistry.Inputs
	assert.Equal(t, map[string]any{
		"type":         "custom",
		"urn":          registryURN,
		"name":         "reg-acr",
		"options":      defaultOptions(true, componentURN),
		"provider":     azureNativeProvider,
		"properties":   props,
		"props":        props,
		"registryName": "acr",
		"sku":          map[string]any{"name": "Premium"},
		"__type":       "azure-native:containerregistry:Registry",
		"__urn":        registryURN,
		"__name":       "reg-acr",
		"__options":    defaultOptions(true, componentURN),
		"__properties": props,
		"__props":      props,
		"__provider":   azureNativeProvider,
	}, ResourceInput(testRegistry))
}

func TestResourceInputOfATopLevelComponent(t *testing.T) {
	doc := ResourceInput(offline.Resource{URN: "urn:pulumi:dev::hardaks::hardaks:index:Environment::hardaks", Type: "hardaks:index:Environment", Name: "hardaks"})
	assert.Equal(t, defaultOptions(false, testStackURN), doc["__options"], "a resource without a parent is the stack's child")
	assert.Equal(t, map[string]any{}, doc["__provider"], "components have no provider")
	assert.Equal(t, map[string]any{}, doc["__properties"])
	assert.Equal(t, "hardaks:index:Environment", doc["type"])
}

func TestStackInputListsTheStackTheProvidersAndEveryResource(t *testing.T) {
	docs := StackInput([]offline.Resource{testComponent, testRegistry})["resources"].([]any)
	if !assert.Len(t, docs, 4) {
		return
	}
	stack := docs[0].(map[string]any)
	assert.Equal(t, "pulumi:pulumi:Stack", stack["__type"])
	assert.Equal(t, testStackURN, stack["__urn"])
	assert.Equal(t, "hardaks-dev", stack["__name"])
	assert.Equal(t, defaultOptions(false, ""), stack["__options"])
	assert.NotContains(t, stack, "dependencies")

	provider := docs[1].(map[string]any)
	assert.Equal(t, "pulumi:providers:azure-native", provider["__type"])
	assert.Equal(t, azureNativeProvider["urn"], provider["__urn"])

	component := docs[2].(map[string]any)
	assert.Equal(t, componentURN, component["__urn"])
	assert.Equal(t, defaultOptions(false, testStackURN), component["__options"])
	assert.NotContains(t, component, "dependencies", "the plan recorded no dependencies")

	registry := docs[3].(map[string]any)
	want := ResourceInput(testRegistry)
	want["dependencies"] = []string{"urn:pulumi:dev::hardaks::azure-native:resources:ResourceGroup::rg"}
	assert.Equal(t, want, registry)
	assert.NotContains(t, registry, "propertyDependencies")
}

func TestStackInputOfNoResources(t *testing.T) {
	assert.Equal(t, map[string]any{"resources": []any{}}, StackInput(nil))
}

func TestStackURNOf(t *testing.T) {
	assert.Equal(t, testStackURN, stackURNOf(registryURN))
	assert.Equal(t, "", stackURNOf("not-a-urn"))
}
