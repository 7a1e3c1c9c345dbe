package offline

import (
	"fmt"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
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

	// firstPreview answers as the engine does during the first preview of a new stack (Options.FirstPreview).
	firstPreview bool

	mu        sync.Mutex
	resources map[string]Resource
}

var _ pulumi.MockResourceMonitor = (*Monitor)(nil)

// NewMonitor returns a Monitor for one project and stack.
func NewMonitor(project, stack string) *Monitor {
	return &Monitor{project: project, stack: stack, resources: map[string]Resource{}}
}

// NewResource records the resource and returns its mock ID and state: the inputs plus computed outputs, or during a
// first preview no ID and the provider's preview answer (previewOutputs).
func (m *Monitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	inputs, err := requestInputs(args)
	if err != nil {
		return "", nil, err
	}
	plainInputs := plainMap(inputs)
	id := ""
	state := args.Inputs.Copy()
	var outputs resource.PropertyMap
	if args.Custom {
		id = armID(args.TypeToken, args.Name, plainInputs)
		computed := computedOutputs(args.TypeToken, args.Name, id, plainInputs)
		for k, v := range computed {
			state[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		}
		if _, ok := state["name"]; !ok {
			state["name"] = resource.NewProperty(id[strings.LastIndexByte(id, '/')+1:])
		}
		if m.firstPreview {
			id = ""
			outputs = previewOutputs(args.TypeToken, inputs, computed)
			state = resolvable(outputs)
		} else {
			withType := state.Copy()
			withType["type"] = resource.NewProperty(armType(args.TypeToken))
			outputs = shapeOutputs(args.TypeToken, withType)
		}
	}

	rec := Resource{
		URN:     m.urn(args.RegisterRPC.GetParent(), args.TypeToken, args.Name),
		Type:    args.TypeToken,
		Name:    args.Name,
		Custom:  args.Custom,
		ID:      id,
		Inputs:  plainInputs,
		Outputs: plainMap(outputs),
	}
	if rpc := args.RegisterRPC; rpc != nil {
		rec.Parent = rpc.GetParent()
		if rec.Parent != "" && resource.URN(rec.Parent).QualifiedType() == resource.RootStackType {
			rec.Parent = ""
		}
		rec.Dependencies = sortedURNs(rpc.GetDependencies())
		rec.PropertyDependencies = propertyDependencies(rpc.GetPropertyDependencies())
		rec.Protect = rpc.GetProtect()
		rec.Options = optionsOf(rpc)
	}
	m.mu.Lock()
	m.resources[rec.URN] = rec
	m.mu.Unlock()
	return id, state, nil
}

// resolvable is a preview state as the SDK can resolve it from the mocks. The SDK's mock monitor marshals the state
// without unknowns, so an unknown output is simply missing, which the SDK resolves as unknown during a dry run
// (resourceState.resolve); an unknown nested in an object would be missing from a known object instead, so the
// whole output is left out, as unknown as the engine's value would make what the program reads from it.
func resolvable(outputs resource.PropertyMap) resource.PropertyMap {
	state := resource.PropertyMap{}
	for k, v := range outputs {
		if !v.ContainsUnknowns() {
			state[k] = v
		}
	}
	return state
}

// requestInputs are the inputs as the engine receives them. The SDK's mock monitor hands NewResource the inputs
// without the unknown ones (it unmarshals the request without KeepUnknowns), so they are read from the request.
func requestInputs(args pulumi.MockResourceArgs) (resource.PropertyMap, error) {
	if args.RegisterRPC == nil {
		return args.Inputs, nil
	}
	return plugin.UnmarshalProperties(args.RegisterRPC.GetObject(), plugin.MarshalOptions{
		KeepUnknowns:  true,
		KeepSecrets:   true,
		KeepResources: true,
	})
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

// Recorded are the resources registered so far, by URN: for a monitor that serves something other than Run, such as
// a component provider's Construct.
func (m *Monitor) Recorded() map[string]Resource { return m.recorded() }

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
