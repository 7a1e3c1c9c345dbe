package policy

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/hardaks/hardaks/internal/offline"
)

// The input documents below are the ones the Pulumi OPA analyzer builds (pulumi/pulumi-policy-opa,
// cmd/pulumi-analyzer-policy-opa/analyzer.go: buildOPAInput for Analyze, buildStackOPAInput for AnalyzeStack) from
// what the engine sends it (pulumi/pulumi pkg/resource/deploy/step_generator.go):
//
//   - Analyze gets a resource's inputs, the goal state after the provider's Check. resourceDocument lays them out at
//     the top level and under properties and __properties, with type/__type, urn/__urn, name/__name, options and
//     __options (protect, parent, ignoreChanges, deleteBeforeReplace, and the empty values of the options a plan does
//     not record in the engine's form) and provider and
//     __provider (the default provider of the resource's package for custom resources, {} for components).
//   - AnalyzeStack gets every resource's outputs (stepGenerator.AnalyzeResources: "Unlike Analyze, AnalyzeStack is
//     called on the final outputs of each resource"), so the stack document is built from offline.Resource.Outputs,
//     which hold azure-native's output properties and none of the inputs that are only path parameters. Each
//     resource also carries dependencies (left out when there are none: the SDK's analyzer server maps an empty list
//     to nil, analyzer_server.go AnalyzeStack, and buildStackOPAInput skips nil) and propertyDependencies, which is
//     always present: analyzer_server.go AnalyzeStack always makes the map, so buildStackOPAInput always adds it,
//     {} when the engine sends none.
//   - Values: both go through resource.PropertyMap.Mappable() (sdk/go/common/resource/properties.go), which keeps an
//     unknown value as a resource.Computed and a secret as a *resource.Secret; OPA turns its Go input into JSON
//     values (rego.Input, v1/rego/rego.go parseRawInput), so Rego sees both as {"Element": {"V": <value>}}: an
//     unknown's zero value (the engine unmarshals an unknown as Computed{Element: ""}, plugin/rpc.go
//     unmarshalUnknownPropertyValue) or the secret's plaintext. The plan records secrets as offline.SecretPlaceholder
//     and unknowns as offline.UnknownPlaceholder, so propertyValue turns them back into those property values and
//     the documents are built with the same Mappable call; a test may put a resource.PropertyValue (a secret with a
//     plaintext) into a resource's values, which is kept as it is.

// ResourceInput is the input document of the resource-level rules for r, built from r.Inputs.
func ResourceInput(r offline.Resource) map[string]any {
	return resourceDocument(r, stackURNOf(r.URN))
}

// StackInput is the input document of the stack-level rules: {"resources": [...]}, the stack resource and the
// default providers first, then every resource in plan order, each built from its outputs.
func StackInput(resources []offline.Resource) map[string]any {
	if len(resources) == 0 {
		return map[string]any{"resources": []any{}}
	}
	stack := stackURNOf(resources[0].URN)
	docs := []any{withDependencies(stackDocument(stack), nil, nil)}
	for _, pkg := range providerPackages(resources) {
		docs = append(docs, withDependencies(providerDocument(stack, pkg), nil, nil))
	}
	for _, r := range resources {
		doc := document(r.Type, r.URN, r.Name, optionsOf(r, stack), providerOf(r, stack), r.Outputs)
		docs = append(docs, withDependencies(doc, r.Dependencies, r.PropertyDependencies))
	}
	return map[string]any{"resources": docs}
}

// withDependencies adds the stack-level fields as buildStackOPAInput does.
func withDependencies(doc map[string]any, dependencies []string, propertyDependencies map[string][]string) map[string]any {
	if len(dependencies) > 0 {
		doc["dependencies"] = append([]string{}, dependencies...)
	}
	propDeps := make(map[string][]string, len(propertyDependencies))
	for k, urns := range propertyDependencies {
		if len(urns) > 0 {
			propDeps[k] = append([]string{}, urns...)
		}
	}
	doc["propertyDependencies"] = propDeps
	return doc
}

func resourceDocument(r offline.Resource, stack string) map[string]any {
	return document(r.Type, r.URN, r.Name, optionsOf(r, stack), providerOf(r, stack), r.Inputs)
}

// optionsOf is the options object of buildOPAInput. The SDK's analyzer server passes deleteBeforeReplace only when
// it is set (analyzer_server.go, convertResourceOptions) and the plan does not record additionalSecretOutputs and
// alias URNs, which stay empty, nor custom timeouts in the engine's seconds, which stay 0.
func optionsOf(r offline.Resource, stack string) map[string]any {
	parent := r.Parent
	if parent == "" {
		parent = stack
	}
	opts := options(r.Protect, parent)
	if len(r.Options.IgnoreChanges) > 0 {
		opts["ignoreChanges"] = append([]string{}, r.Options.IgnoreChanges...)
	}
	if r.Options.DeleteBeforeReplace {
		opts["deleteBeforeReplace"] = true
	}
	return opts
}

func options(protect bool, parent string) map[string]any {
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

func providerOf(r offline.Resource, stack string) map[string]any {
	if r.Custom {
		return defaultProvider(stack, packageOf(r.Type))
	}
	return map[string]any{}
}

// document lays out one resource as the analyzer does: metadata first, then the properties on top (a property
// named like a metadata field wins), then the __ forms, which always hold the metadata.
func document(typ, urn, name string, opts, provider, values map[string]any) map[string]any {
	props := analyzerProperties(values)
	doc := make(map[string]any, len(props)+12)
	doc["type"] = typ
	doc["urn"] = urn
	doc["name"] = name
	doc["__name"] = name
	doc["options"] = opts
	doc["provider"] = provider
	doc["properties"] = props
	for k, v := range props {
		doc[k] = v
	}
	doc["__type"] = typ
	doc["__urn"] = urn
	doc["__name"] = name
	doc["__options"] = opts
	doc["__properties"] = props
	doc["__provider"] = provider
	return doc
}

// analyzerProperties is a resource's values as buildOPAInput hands them to OPA: r.Properties.Mappable().
func analyzerProperties(values map[string]any) map[string]any {
	props := resource.PropertyMap{}
	for k, v := range values {
		props[resource.PropertyKey(k)] = propertyValue(v)
	}
	return props.Mappable()
}

// propertyValue turns a plan value back into the property value the engine holds.
func propertyValue(v any) resource.PropertyValue {
	switch v := v.(type) {
	case resource.PropertyValue:
		return v
	case string:
		switch v {
		case offline.SecretPlaceholder:
			return resource.MakeSecret(resource.NewProperty(v))
		case offline.UnknownPlaceholder:
			return resource.MakeComputed(resource.NewProperty(""))
		}
		return resource.NewProperty(v)
	case map[string]any:
		obj := resource.PropertyMap{}
		for k, e := range v {
			obj[resource.PropertyKey(k)] = propertyValue(e)
		}
		return resource.NewProperty(obj)
	case []any:
		arr := make([]resource.PropertyValue, len(v))
		for i, e := range v {
			arr[i] = propertyValue(e)
		}
		return resource.NewProperty(arr)
	}
	return resource.NewPropertyValue(v)
}

func stackDocument(stack string) map[string]any {
	_, rest, _ := strings.Cut(strings.TrimPrefix(stack, "urn:pulumi:"), "::pulumi:pulumi:Stack::")
	return document("pulumi:pulumi:Stack", stack, rest, options(false, ""), map[string]any{}, nil)
}

func providerDocument(stack, pkg string) map[string]any {
	p := defaultProvider(stack, pkg)
	return document(p["type"].(string), p["urn"].(string), "default", options(false, ""), map[string]any{}, nil)
}

// defaultProvider is the provider reference of a custom resource of package pkg. The engine's default provider is
// named after the plugin version (default_2_90_0); a plan does not record it, so the name is "default".
func defaultProvider(stack, pkg string) map[string]any {
	project, stackName := projectAndStack(stack)
	typ := "pulumi:providers:" + pkg
	return map[string]any{
		"type":       typ,
		"name":       "default",
		"urn":        "urn:pulumi:" + stackName + "::" + project + "::" + typ + "::default",
		"properties": map[string]any{},
	}
}

func providerPackages(resources []offline.Resource) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range resources {
		if !r.Custom {
			continue
		}
		if pkg := packageOf(r.Type); !seen[pkg] {
			seen[pkg] = true
			out = append(out, pkg)
		}
	}
	sort.Strings(out)
	return out
}

func packageOf(typ string) string {
	pkg, _, _ := strings.Cut(typ, ":")
	return pkg
}

// stackURNOf is the root stack URN of the stack a resource URN belongs to:
// urn:pulumi:<stack>::<project>::pulumi:pulumi:Stack::<project>-<stack>.
func stackURNOf(urn string) string {
	parts := strings.Split(strings.TrimPrefix(urn, "urn:pulumi:"), "::")
	if len(parts) < 2 {
		return ""
	}
	stack, project := parts[0], parts[1]
	return "urn:pulumi:" + stack + "::" + project + "::pulumi:pulumi:Stack::" + project + "-" + stack
}

func projectAndStack(stackURN string) (project, stack string) {
	parts := strings.Split(strings.TrimPrefix(stackURN, "urn:pulumi:"), "::")
	if len(parts) < 2 {
		return "", ""
	}
	return parts[1], parts[0]
}
