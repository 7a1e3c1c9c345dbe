// Package access attaches the shared interfaces (Azure Verified Modules' avm-utl-interfaces) to the one resource a
// component owns: its private endpoint, the role assignments other principals hold on it, its diagnostic setting
// and its management lock. Every component that has any of them goes through Attach, so all create them the same
// way and in the same order.
package access

import (
	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20200501"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/diagnostics"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/privateendpoint"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/validation"
)

// Spec is what Attach puts on one resource. Every part is optional.
type Spec struct {
	// ResourceKind ("container registry") and ResourceName (its Azure name) describe the resource in the lock's
	// notes and default name.
	ResourceKind string
	ResourceName string

	// PrivateEndpoint connects the resource to a subnet; ResourceID and ResourceName are filled in from the scope
	// and ResourceName.
	PrivateEndpoint *privateendpoint.Args
	// RoleAssignments are granted on the resource; principals without a PrincipalID come from PrincipalIDs.
	RoleAssignments []rbac.RoleAssignment
	PrincipalIDs    pulumi.StringMapInput
	// SecretIDs are the IDs of the secrets the component wrote, for assignments narrowed to a secret (a vault).
	SecretIDs pulumi.StringMapInput
	// SubScopes says which narrower assignment scopes the component allows.
	SubScopes rbac.SubScopes
	// Assigner is the component's, when it already made one for its own identity; nil has Attach make one.
	Assigner *rbac.Assigner
	// Diagnostics sends the resource's logs; ResourceURI is filled in from the scope.
	Diagnostics *diagnostics.SettingArgs
	// Lock locks the resource, after everything else under it.
	Lock *lock.Lock
	// Under are the component's other resources below the scope (a vault's secrets), which the lock also follows.
	Under []pulumi.Resource
}

// Check reports the problems of the role assignments and the lock, with the component's argument paths.
func (s Spec) Check(p *validation.Problems) {
	rbac.Check(p, s.RoleAssignments, s.PrincipalIDs, s.SubScopes)
	s.Lock.Check(p, "lock")
}

// Attached is what Attach created.
type Attached struct {
	// PrivateEndpointID is the endpoint's ARM ID; empty without an endpoint.
	PrivateEndpointID pulumi.StringOutput
	// RoleAssignmentIDs maps each assignment's Name to its ARM ID.
	RoleAssignmentIDs pulumi.StringMap
	// Lock is nil without a lock.
	Lock *authorization.ManagementLockByScope
}

// Attach creates, under parent and named after name, the private endpoint (name-pe), the role assignments
// (name-ra-<assignment>), the diagnostic setting (name-diag) and, last, the lock (name-lock) on scope, in that
// order. The lock depends on everything else: a lock applies to everything under its scope, and on destroy
// Pulumi removes it first, so the endpoint's connection, the assignments, the setting and spec.Under can go.
// https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources#considerations-before-applying-your-locks
func Attach(ctx *pulumi.Context, parent pulumi.Resource, name string, scope pulumi.StringInput, spec Spec) (*Attached, error) {
	opt := pulumi.Parent(parent)
	out := &Attached{RoleAssignmentIDs: pulumi.StringMap{}}
	under := append([]pulumi.Resource(nil), spec.Under...)

	if spec.PrivateEndpoint != nil {
		pe := *spec.PrivateEndpoint
		pe.ResourceID = scope
		pe.ResourceName = spec.ResourceName
		endpoint, err := privateendpoint.New(ctx, name+"-pe", pe, opt)
		if err != nil {
			return nil, err
		}
		out.PrivateEndpointID = endpoint.ID().ToStringOutput()
		under = append(under, endpoint)
	}

	if len(spec.RoleAssignments) > 0 {
		assigner := spec.Assigner
		if assigner == nil {
			var err error
			if assigner, err = rbac.NewAssigner(ctx, parent); err != nil {
				return nil, err
			}
		}
		assigned, err := assigner.AssignAll(name, scope, spec.RoleAssignments, spec.PrincipalIDs, spec.SecretIDs)
		if err != nil {
			return nil, err
		}
		for _, a := range assigned {
			out.RoleAssignmentIDs[a.Name] = a.Assignment.ID().ToStringOutput()
			under = append(under, a.Assignment)
		}
	}

	if spec.Diagnostics != nil {
		d := *spec.Diagnostics
		d.ResourceURI = scope
		diag, err := diagnostics.NewSetting(ctx, name+"-diag", d, opt)
		if err != nil {
			return nil, err
		}
		under = append(under, diag)
	}

	if spec.Lock != nil {
		l, err := lock.New(ctx, name+"-lock", spec.ResourceKind, spec.ResourceName, scope, *spec.Lock, opt, pulumi.DependsOn(under))
		if err != nil {
			return nil, err
		}
		out.Lock = l
	}
	return out, nil
}
