package offline

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// StandIn is a custom resource of any type token, registered with plain inputs. A component test builds the
// upstream resources its component receives (a subnet, a workspace, a DNS zone) as stand-ins, so the test binary
// links only the SDK packages of the component under test; the mocks answer a stand-in exactly as they answer the
// real resource of that type.
type StandIn struct {
	pulumi.CustomResourceState
}

// NewStandIn registers a stand-in of type token with the given inputs.
func NewStandIn(ctx *pulumi.Context, token, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*StandIn, error) {
	var r StandIn
	if err := ctx.RegisterResource(token, name, inputs, &r, opts...); err != nil {
		return nil, err
	}
	return &r, nil
}
