package offline

import (
	"fmt"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/internal/guid"
)

const (
	// SubscriptionID is the subscription every mock resource lives in.
	SubscriptionID = "00000000-0000-0000-0000-000000000001"
	// TenantID is the tenant getClientConfig reports.
	TenantID = "11111111-1111-1111-1111-111111111111"
	// ClientObjectID is the object ID of the identity running the deployment, as getClientConfig reports it.
	ClientObjectID = "22222222-2222-2222-2222-222222222222"
	// ClientID is the client (application) ID of that identity.
	ClientID = "33333333-3333-3333-3333-333333333333"
)

// Monitor is a pulumi.MockResourceMonitor that records every resource and answers with realistic ARM IDs and the
// computed outputs that later components read (identity principal IDs, the AKS OIDC issuer, and so on).
type Monitor struct {
	project string
	stack   string

	mu        sync.Mutex
	resources map[string]Resource
}

var _ pulumi.MockResourceMonitor = (*Monitor)(nil)

// NewMonitor returns a Monitor for one project and stack.
func NewMonitor(project, stack string) *Monitor {
	return &Monitor{project: project, stack: stack, resources: map[string]Resource{}}
}

// NewResource records the resource and returns its mock ID and state: the inputs plus computed outputs.
func (m *Monitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	inputs := plainMap(args.Inputs)
	id := ""
	state := args.Inputs.Copy()
	if args.Custom {
		id = armID(args.TypeToken, args.Name, inputs)
		for k, v := range computedOutputs(args.TypeToken, args.Name, id, inputs) {
			state[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		}
		if _, ok := state["name"]; !ok {
			state["name"] = resource.NewProperty(id[strings.LastIndexByte(id, '/')+1:])
		}
	}

	rec := Resource{
		URN:    m.urn(args.RegisterRPC.GetParent(), args.TypeToken, args.Name),
		Type:   args.TypeToken,
		Name:   args.Name,
		Custom: args.Custom,
		ID:     id,
		Inputs: inputs,
	}
	if rpc := args.RegisterRPC; rpc != nil {
		rec.Parent = rpc.GetParent()
		if resource.URN(rec.Parent).QualifiedType() == resource.RootStackType {
			rec.Parent = ""
		}
		rec.Dependencies = sortedURNs(rpc.GetDependencies())
		rec.Protect = rpc.GetProtect()
	}
	m.mu.Lock()
	m.resources[rec.URN] = rec
	m.mu.Unlock()
	return id, state, nil
}

// Call answers invokes.
func (m *Monitor) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	switch args.Token {
	case "azure-native:authorization:getClientConfig":
		return resource.NewPropertyMapFromMap(map[string]any{
			"clientId":       ClientID,
			"objectId":       ClientObjectID,
			"subscriptionId": SubscriptionID,
			"tenantId":       TenantID,
		}), nil
	}
	return nil, fmt.Errorf("offline: no mock for invoke %s", args.Token)
}

func (m *Monitor) recorded() map[string]Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]Resource, len(m.resources))
	for k, v := range m.resources {
		out[k] = v
	}
	return out
}

// urn builds the URN exactly as the engine does (and as the SDK's mock monitor does).
func (m *Monitor) urn(parent, typ, name string) string {
	parentType := tokens.Type("")
	if parentURN := resource.URN(parent); parentURN != "" && parentURN.QualifiedType() != resource.RootStackType {
		parentType = parentURN.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(m.stack), tokens.PackageName(m.project), parentType,
		tokens.Type(typ), name))
}

// GUID derives a stable GUID from parts, so mock principals and client IDs are the same on every run.
func GUID(parts ...string) string { return guid.FromParts(parts...) }
