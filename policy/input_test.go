package policy

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

const (
	testStackURN = "urn:pulumi:dev::hardaks::pulumi:pulumi:Stack::hardaks-dev"
	componentURN = "urn:pulumi:dev::hardaks::hardaks:registry:Registry::reg"
	registryURN  = "urn:pulumi:dev::hardaks::hardaks:registry:Registry$azure-native:containerregistry/v20230701:Registry::reg-acr"
)

const rgURN = "urn:pulumi:dev::hardaks::azure-native:resources/v20240701:ResourceGroup::rg"

var testRegistry = offline.Resource{
	URN:                  registryURN,
	Type:                 "azure-native:containerregistry/v20230701:Registry",
	Name:                 "reg-acr",
	Custom:               true,
	Parent:               componentURN,
	Dependencies:         []string{rgURN},
	PropertyDependencies: map[string][]string{"resourceGroupName": {rgURN}},
	Protect:              true,
	ID:                   "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr",
	// A property named like a metadata field ("type") wins at the top level, as in the analyzer.
	Inputs:  map[string]any{"registryName": "acr", "resourceGroupName": "rg", "sku": map[string]any{"name": "Premium"}, "type": "custom", "adminPassword": offline.SecretPlaceholder, "loginServer": offline.UnknownPlaceholder},
	Outputs: map[string]any{"name": "acr", "sku": map[string]any{"name": "Premium"}, "type": "Microsoft.ContainerRegistry/registries", "loginServer": "acr.azurecr.io"},
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
	// Secrets and unknown values are what resource.PropertyMap.Mappable() makes of them.
	secret := resource.MakeSecret(resource.NewProperty(offline.SecretPlaceholder)).SecretValue()
	unknown := resource.MakeComputed(resource.NewProperty("")).Input()
	props := map[string]any{"registryName": "acr", "resourceGroupName": "rg", "sku": map[string]any{"name": "Premium"}, "type": "custom", "adminPassword": secret, "loginServer": unknown}
	assert.Equal(t, map[string]any{
		"type":              "custom",
		"urn":               registryURN,
		"name":              "reg-acr",
		"options":           defaultOptions(true, componentURN),
		"provider":          azureNativeProvider,
		"properties":        props,
		"registryName":      "acr",
		"resourceGroupName": "rg",
		"sku":               map[string]any{"name": "Premium"},
		"adminPassword":     secret,
		"loginServer":       unknown,
		"__type":            "azure-native:containerregistry/v20230701:Registry",
		"__urn":             registryURN,
		"__name":            "reg-acr",
		"__options":         defaultOptions(true, componentURN),
		"__properties":      props,
		"__provider":        azureNativeProvider,
	}, ResourceInput(testRegistry))
}

// TestRegoSeesUnknownsAndSecretsAsTheAnalyzerHandsThemOver evaluates a document with OPA as the analyzer does
// (rego.Input with the Go value, eval.go evalPolicyPack): an unknown is {"Element": {"V": ""}}, a secret
// {"Element": {"V": plaintext}}.
func TestRegoSeesUnknownsAndSecretsAsTheAnalyzerHandsThemOver(t *testing.T) {
	doc := ResourceInput(offline.Resource{URN: registryURN, Type: "azure-native:containerregistry/v20230701:Registry", Name: "reg-acr", Custom: true,
		Inputs: map[string]any{
			"loginServer": offline.UnknownPlaceholder,
			"password":    resource.MakeSecret(resource.NewProperty("plaintext")),
			"nested":      map[string]any{"ids": []any{offline.UnknownPlaceholder, "known"}},
		}})
	rs, err := rego.New(rego.Query("x = [input.loginServer, input.password, input.nested.ids]"), rego.Input(doc)).Eval(context.Background())
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, []any{
		map[string]any{"Element": map[string]any{"V": ""}},
		map[string]any{"Element": map[string]any{"V": "plaintext"}},
		[]any{map[string]any{"Element": map[string]any{"V": ""}}, "known"},
	}, rs[0].Bindings["x"])
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
	assert.NotContains(t, component, "dependencies", "the analyzer leaves out an empty list of dependencies")
	assert.Equal(t, map[string][]string{}, stack["propertyDependencies"], "the analyzer always adds property dependencies")
	assert.Equal(t, map[string][]string{}, component["propertyDependencies"])

	// Stack analysis sees the outputs: no path parameters, the ARM type and name, the computed login server.
	registry := docs[3].(map[string]any)
	outputs := map[string]any{"name": "acr", "sku": map[string]any{"name": "Premium"}, "type": "Microsoft.ContainerRegistry/registries", "loginServer": "acr.azurecr.io"}
	assert.Equal(t, map[string]any{
		"type":                 "Microsoft.ContainerRegistry/registries",
		"urn":                  registryURN,
		"name":                 "acr",
		"options":              defaultOptions(true, componentURN),
		"provider":             azureNativeProvider,
		"properties":           outputs,
		"sku":                  map[string]any{"name": "Premium"},
		"loginServer":          "acr.azurecr.io",
		"__type":               "azure-native:containerregistry/v20230701:Registry",
		"__urn":                registryURN,
		"__name":               "reg-acr",
		"__options":            defaultOptions(true, componentURN),
		"__properties":         outputs,
		"__provider":           azureNativeProvider,
		"dependencies":         []string{rgURN},
		"propertyDependencies": map[string][]string{"resourceGroupName": {rgURN}},
	}, registry)
}

func TestStackInputOfNoResources(t *testing.T) {
	assert.Equal(t, map[string]any{"resources": []any{}}, StackInput(nil))
}

func TestStackURNOf(t *testing.T) {
	assert.Equal(t, testStackURN, stackURNOf(registryURN))
	assert.Equal(t, "", stackURNOf("not-a-urn"))
}
