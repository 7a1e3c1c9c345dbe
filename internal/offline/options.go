package offline

import (
	"sort"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// ResourceOptions are the resource options the engine receives with a registration and acts on at update and destroy time,
// so the tests can pin them: what the second `pulumi up` ignores, what replaces a resource and how, what destroy
// leaves behind, and which earlier type tokens the resource answers to.
type ResourceOptions struct {
	IgnoreChanges       []string        `json:"ignoreChanges,omitempty"`
	ReplaceOnChanges    []string        `json:"replaceOnChanges,omitempty"`
	DeleteBeforeReplace bool            `json:"deleteBeforeReplace,omitempty"`
	RetainOnDelete      bool            `json:"retainOnDelete,omitempty"`
	CustomTimeouts      *CustomTimeouts `json:"customTimeouts,omitempty"`
	// Aliases are the type tokens of the alias specs (a versioned azure-native package aliases the root token and
	// the service's other API versions), "<parent URN>::<name>" for a spec of a resource that moved to another
	// parent or name, and any alias URNs, sorted.
	Aliases []string `json:"aliases,omitempty"`
}

// CustomTimeouts are the create, update and delete timeouts ("30m"); empty means the provider's default.
type CustomTimeouts struct {
	Create string `json:"create,omitempty"`
	Update string `json:"update,omitempty"`
	Delete string `json:"delete,omitempty"`
}

func optionsOf(rpc *pulumirpc.RegisterResourceRequest) ResourceOptions {
	o := ResourceOptions{
		IgnoreChanges:       sortedCopy(rpc.GetIgnoreChanges()),
		ReplaceOnChanges:    sortedCopy(rpc.GetReplaceOnChanges()),
		DeleteBeforeReplace: rpc.GetDeleteBeforeReplace(),
		RetainOnDelete:      rpc.GetRetainOnDelete(),
	}
	if t := rpc.GetCustomTimeouts(); t != nil && (t.GetCreate() != "" || t.GetUpdate() != "" || t.GetDelete() != "") {
		o.CustomTimeouts = &CustomTimeouts{Create: t.GetCreate(), Update: t.GetUpdate(), Delete: t.GetDelete()}
	}
	seen := map[string]bool{}
	for _, alias := range rpc.GetAliases() {
		a := alias.GetUrn()
		if spec := alias.GetSpec(); spec != nil {
			a = spec.GetType()
			if spec.GetName() != "" || spec.GetParentUrn() != "" {
				a = spec.GetParentUrn() + "::" + spec.GetName()
			}
		}
		if a != "" && !seen[a] {
			seen[a] = true
			o.Aliases = append(o.Aliases, a)
		}
	}
	sort.Strings(o.Aliases)
	return o
}

func sortedCopy(values []string) []string {
	if len(values) == 0 {
		return nil
	}
	out := append([]string{}, values...)
	sort.Strings(out)
	return out
}
