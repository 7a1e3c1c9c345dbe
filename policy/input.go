package policy

import (
	"sort"
	"strings"

	"github.com/hardaks/hardaks/internal/offline"
)

// The input documents below are the ones the Pulumi OPA analyzer builds (buildOPAInput and buildStackOPAInput in
// cmd/pulumi-analyzer-policy-opa/analyzer.go), filled from what a plan records:
//
//   - the resource's inputs, at the top level and under properties, __properties, props and __props;
//   - type/__type, urn/__urn, name/__name;
//   - options/__options with protect and parent (the stack's URN for top-level resources) and the analyzer's empty
//     values for the options a plan does not record (ignoreChanges, deleteBeforeReplace, additionalSecretOutputs,
//     aliasURNs, aliases, customTimeouts);
//   - provider/__provider: the default provider of the resource's package for custom resources, {} for components;
//   - for the stack document, dependencies on every resource; propertyDependencies are left out because a plan does
//     not record them (the analyzer leaves them out too when the engine sends none).
//
// A plan shows secrets as "[secret]" and unknown values as "[unknown]"; the pack never reads a meaning into either.

// ResourceInput is the input document of the resource-level rules for r.
func ResourceInput(r offline.Resource) map[string]any {
	return resourceDocument(r, stackURNOf(r.URN))
}

// StackInput is the input document of the stack-level rules: {"resources": [...]}, the stack resource and the
// default providers first, then every resource in plan order.
func StackInput(resources []offline.Resource) map[string]any {
	if len(resources) == 0 {
		return map[string]any{"resources": []any{}}
	}
	stack := stackURNOf(resources[0].URN)
	docs := []any{stackDocument(stack)}
	for _, pkg := range providerPackages(resources) {
		docs = append(docs, providerDocument(stack, pkg))
	}
	for _, r := range resources {
		doc := resourceDocument(r, stack)
		if r.Dependencies != nil {
			doc["dependencies"] = append([]string{}, r.Dependencies...)
		}
		docs = append(docs, doc)
	}
	return map[string]any{"resources": docs}
}

func resourceDocument(r offline.Resource, stack string) map[string]any {
	parent := r.Parent
	if parent == "" {
		parent = stack
	}
	var provider map[string]any
	if r.Custom {
		provider = defaultProvider(stack, packageOf(r.Type))
	} else {
		provider = map[string]any{}
	}
	return document(r.Type, r.URN, r.Name, r.Protect, parent, provider, r.Inputs)
}

// document lays out one resource as the analyzer does: metadata first, then the properties on top (a property
// named like a metadata field wins), then the __ forms, which always hold the metadata.
func document(typ, urn, name string, protect bool, parent string, provider, inputs map[string]any) map[string]any {
	opts := map[string]any{
		"protect":                 protect,
		"ignoreChanges":           nil,
		"deleteBeforeReplace":     nil,
		"additionalSecretOutputs": nil,
		"aliasURNs":               nil,
		"aliases":                 nil,
		"customTimeouts":          map[string]any{"create": 0.0, "update": 0.0, "delete": 0.0},
		"parent":                  parent,
	}
	props := inputs
	if props == nil {
		props = map[string]any{}
	}
	doc := make(map[string]any, len(props)+16)
	doc["type"] = typ
	doc["urn"] = urn
	doc["name"] = name
	doc["__name"] = name
	doc["options"] = opts
	doc["provider"] = provider
	doc["properties"] = props
	doc["props"] = props
	for k, v := range props {
		doc[k] = v
	}
	doc["__type"] = typ
	doc["__urn"] = urn
	doc["__name"] = name
	doc["__options"] = opts
	doc["__properties"] = props
	doc["__props"] = props
	doc["__provider"] = provider
	return doc
}

func stackDocument(stack string) map[string]any {
	_, rest, _ := strings.Cut(strings.TrimPrefix(stack, "urn:pulumi:"), "::pulumi:pulumi:Stack::")
	return document("pulumi:pulumi:Stack", stack, rest, false, "", map[string]any{}, nil)
}

func providerDocument(stack, pkg string) map[string]any {
	p := defaultProvider(stack, pkg)
	return document(p["type"].(string), p["urn"].(string), "default", false, "", map[string]any{}, nil)
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
