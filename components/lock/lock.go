// Package lock puts management locks on the environment's stateful resources (AVM's lock interface: a kind and a
// name).
package lock

import (
	"regexp"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20200501"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
)

// Lock kinds. CanNotDelete still allows reads and updates; ReadOnly also refuses updates, and with them every
// write under the resource, including data-plane operations that go through ARM. See also [Lock resources].
//
// [Lock resources]: https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources
const (
	CanNotDelete = "CanNotDelete"
	ReadOnly     = "ReadOnly"
)

// namePattern is Azure's rule for lock names: 1-90 characters, none of < > * % & : \ ? / + and no trailing period.
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftauthorization
var namePattern = regexp.MustCompile(`^[^<>*%&:\\?/+\x00-\x1f]{0,89}[^<>*%&:\\?/+.\x00-\x1f]$`)

// Lock is a management lock on one resource.
type Lock struct {
	// Kind is CanNotDelete or ReadOnly.
	Kind string `pulumi:"kind"`
	// Name is the lock's Azure name, 1-90 characters; empty means "lock-<resource name>" (AVM's default).
	Name string `pulumi:"name,optional"`
}

// Check reports the problems of l under path ("lock"); nil is no lock and fine.
func (l *Lock) Check(p *validation.Problems, path string) {
	if l == nil {
		return
	}
	p.OneOf(path+".kind", l.Kind, "choose what the lock refuses", CanNotDelete, ReadOnly)
	if l.Name != "" && !namePattern.MatchString(l.Name) {
		p.Add(path+".name", l.Name, "is not a lock name", "use at most 90 characters without < > * % & : \\ ? / + and no final period, or leave it empty for lock-<resource>")
	}
}

// New locks scope. The lock is named l.Name or "lock-<resourceName>", and its notes tell whoever meets it in the
// portal what it protects. Pass pulumi.DependsOn on everything under scope so the lock is created last and, on
// destroy, removed first.
func New(ctx *pulumi.Context, logicalName, resourceKind, resourceName string, scope pulumi.StringInput, l Lock,
	opts ...pulumi.ResourceOption,
) (*authorization.ManagementLockByScope, error) {
	name := l.Name
	if name == "" {
		name = "lock-" + resourceName
	}
	notes := "Managed by hardaks (Pulumi): protects the " + resourceKind + " from deletion."
	if l.Kind == ReadOnly {
		notes = "Managed by hardaks (Pulumi): keeps the " + resourceKind + " read-only."
	}
	return authorization.NewManagementLockByScope(ctx, logicalName, &authorization.ManagementLockByScopeArgs{
		LockName: pulumi.String(name),
		Scope:    scope,
		Level:    pulumi.String(l.Kind),
		Notes:    pulumi.String(notes),
	}, opts...)
}
