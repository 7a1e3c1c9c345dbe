// Package offline runs a Pulumi program under mocks and records the resource graph it would register, so the
// plan, the policy pack and the tests see exactly what `pulumi up` would send to the engine without reaching Azure.
package offline

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// Options say which project and stack the program runs as, and with which stack config.
type Options struct {
	// Project defaults to "hardaks".
	Project string
	// Stack defaults to "test".
	Stack string
	// Config holds fully qualified keys ("hardaks:network") and their raw values, as Pulumi hands them to programs.
	Config map[string]string
	// SecretKeys are the Config keys that are secret.
	SecretKeys []string
	// FirstPreview runs the program as the engine runs it for the first `pulumi preview` of a new stack: a dry run
	// in which no resource exists yet, so every resource ID and every output that is not one of the resource's
	// inputs (principal IDs, URLs, names Azure derives) is unknown, and so is every input computed from them.
	FirstPreview bool
}

// Plan is the resource graph a program registered, in registration order.
type Plan struct {
	Project   string
	Stack     string
	Resources []Resource
	// Outputs are the stack outputs; secret values are SecretPlaceholder.
	Outputs map[string]any
}

// Resource is one registered resource as the engine would receive it.
type Resource struct {
	URN    string
	Type   string
	Name   string
	Custom bool
	// Parent is the parent's URN, or "" when the parent is the stack.
	Parent string
	// Dependencies are the URNs of every resource whose outputs flow into the inputs, plus explicit DependsOn; sorted.
	Dependencies []string
	Protect      bool
	// Options are the other resource options the engine acts on (ignoreChanges, retainOnDelete, aliases, …).
	Options ResourceOptions
	// PropertyDependencies are, for each input property computed from other resources' outputs, the URNs of those
	// resources (sorted), from the RegisterResourceRequest; properties that depend on nothing are absent.
	PropertyDependencies map[string][]string
	// ID is the mock's ARM resource ID ("" for components, and for every resource during a first preview).
	ID string
	// Inputs are what Pulumi sends the provider, as plain JSON values; secrets are SecretPlaceholder, values not
	// known yet (only during a first preview) UnknownPlaceholder.
	Inputs map[string]any
	// Outputs are the resource's state as azure-native returns it: only the output properties of its type
	// (OutputFields), so none of the path parameters it was created with. After the update they are all known;
	// during a first preview they are the provider's preview answer, unknown except where they repeat an input.
	// Components have none (the engine would show what they register with RegisterResourceOutputs).
	Outputs map[string]any
}

const (
	// SecretPlaceholder stands in for every secret value, so no plan, test or log ever holds one.
	SecretPlaceholder = "[secret]"
	// UnknownPlaceholder stands in for a value not known until the resource exists.
	UnknownPlaceholder = "[unknown]"
)

// Program is a Pulumi program that returns its stack outputs.
type Program func(ctx *pulumi.Context) (pulumi.Map, error)

// Run executes program under mocks and returns what it registered. A program error or a mock error is returned.
func Run(opts Options, program Program) (*Plan, error) {
	if opts.Project == "" {
		opts.Project = "hardaks"
	}
	if opts.Stack == "" {
		opts.Stack = "test"
	}
	monitor := NewMonitor(opts.Project, opts.Stack)
	monitor.firstPreview = opts.FirstPreview
	order := &registrationOrder{}
	var outputs map[string]any

	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		// Stack transformations run synchronously, in program order, before the asynchronous registration RPC,
		// so they give a registration order that does not depend on goroutine scheduling.
		if err := ctx.RegisterStackTransformation(order.record); err != nil {
			return err
		}
		exports, err := program(ctx)
		if err != nil {
			return err
		}
		// The program sets its own stack outputs with ctx.Export; the returned map is what the plan shows.
		outputs, err = awaitOutputs(ctx.Context(), exports)
		return err
	}, pulumi.WithMocks(opts.Project, opts.Stack, monitor), withConfig(opts.Config, opts.SecretKeys), withDryRun(opts.FirstPreview))
	if err != nil {
		return nil, err
	}

	resources, err := order.sorted(monitor.recorded())
	if err != nil {
		return nil, err
	}
	return &Plan{Project: opts.Project, Stack: opts.Stack, Resources: resources, Outputs: outputs}, nil
}

func withConfig(config map[string]string, secretKeys []string) pulumi.RunOption {
	return func(info *pulumi.RunInfo) {
		info.Config = config
		info.ConfigSecretKeys = secretKeys
	}
}

// withDryRun makes the SDK resolve what the mocks leave out (IDs, outputs) as unknown, as during `pulumi preview`
// (pulumi/pulumi sdk/go/pulumi/context.go, resourceState.resolve).
func withDryRun(dryRun bool) pulumi.RunOption {
	return func(info *pulumi.RunInfo) {
		info.DryRun = dryRun
	}
}

// awaitOutputs resolves every stack output, keeping secrets as SecretPlaceholder.
func awaitOutputs(ctx context.Context, exports pulumi.Map) (map[string]any, error) {
	out := make(map[string]any, len(exports))
	for name, input := range exports {
		awaited, err := internals.UnsafeAwaitOutput(ctx, pulumi.ToOutput(input))
		if err != nil {
			return nil, fmt.Errorf("stack output %q: %w", name, err)
		}
		switch {
		case awaited.Secret:
			out[name] = SecretPlaceholder
		case !awaited.Known:
			out[name] = UnknownPlaceholder
		default:
			out[name] = plainGo(awaited.Value)
		}
	}
	return out, nil
}

// registrationOrder remembers the order in which the program constructed resources.
type registrationOrder struct {
	mu        sync.Mutex
	resources []pulumi.Resource
}

func (o *registrationOrder) record(args *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.resources = append(o.resources, args.Resource)
	return nil
}

// sorted orders the monitor's records by registration.
func (o *registrationOrder) sorted(records map[string]Resource) ([]Resource, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]Resource, 0, len(records))
	for _, res := range o.resources {
		awaited, err := internals.UnsafeAwaitOutput(context.Background(), res.URN())
		if err != nil {
			return nil, err
		}
		urn := fmt.Sprint(awaited.Value)
		rec, ok := records[urn]
		if !ok {
			return nil, fmt.Errorf("offline: resource %s was constructed but never registered", urn)
		}
		out = append(out, rec)
		delete(records, urn)
	}
	if len(records) > 0 {
		return nil, errors.New("offline: registered resources missing from the registration order")
	}
	return out, nil
}

// OfType returns the resources of one type, in registration order.
func (p *Plan) OfType(typ string) []Resource {
	var out []Resource
	for _, r := range p.Resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the resource with this type and logical name.
func (p *Plan) Find(typ, name string) (Resource, bool) {
	for _, r := range p.Resources {
		if r.Type == typ && r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}

// MustFind is Find that fails the test when the resource is missing.
func (p *Plan) MustFind(t testing.TB, typ, name string) Resource {
	t.Helper()
	r, ok := p.Find(typ, name)
	if !ok {
		t.Fatalf("no %s named %q in the plan; have:\n%s", typ, name, strings.Join(p.names(), "\n"))
	}
	return r
}

// URNOf returns the URN of the resource with this type and name, or "".
func (p *Plan) URNOf(typ, name string) string {
	r, _ := p.Find(typ, name)
	return r.URN
}

func (p *Plan) names() []string {
	out := make([]string, 0, len(p.Resources))
	for _, r := range p.Resources {
		out = append(out, r.Type+" "+r.Name)
	}
	return out
}

// Get reads a dotted path with [i] indexes, such as "securityRules[0].name", from plain JSON values.
// It returns nil when any step is missing.
func Get(value any, path string) any {
	for _, step := range splitPath(path) {
		switch v := value.(type) {
		case map[string]any:
			value = v[step]
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(v) {
				return nil
			}
			value = v[i]
		default:
			return nil
		}
	}
	return value
}

func splitPath(path string) []string {
	var steps []string
	for _, part := range strings.Split(path, ".") {
		for part != "" {
			open := strings.IndexByte(part, '[')
			if open < 0 {
				steps = append(steps, part)
				break
			}
			if open > 0 {
				steps = append(steps, part[:open])
			}
			end := strings.IndexByte(part[open:], ']')
			if end < 0 {
				steps = append(steps, part[open:])
				break
			}
			steps = append(steps, part[open+1:open+end])
			part = part[open+end+1:]
		}
	}
	return steps
}

// plainValue converts a property value to plain JSON values, hiding secrets.
func plainValue(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsSecret():
		return SecretPlaceholder
	case v.IsComputed(), v.IsOutput() && !v.OutputValue().Known:
		return UnknownPlaceholder
	case v.IsOutput():
		if v.OutputValue().Secret {
			return SecretPlaceholder
		}
		return plainValue(v.OutputValue().Element)
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = plainValue(e)
		}
		return out
	case v.IsObject():
		return plainMap(v.ObjectValue())
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsAsset(), v.IsArchive():
		return "[asset]"
	}
	return nil
}

func plainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[string(k)] = plainValue(v)
	}
	return out
}

// plainGo normalises an awaited Go value (maps, slices, numbers) into plain JSON values.
func plainGo(v any) any {
	return plainValue(resource.NewPropertyValue(v))
}

func sortedURNs(urns []string) []string {
	out := append([]string{}, urns...)
	sort.Strings(out)
	return out
}
