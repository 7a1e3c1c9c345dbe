// Package lock puts CanNotDelete management locks on the environment's stateful resources.
package lock

import (
	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20200501"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NewCanNotDelete locks scope against deletion; reads and updates still work, deleting needs the lock removed
// first. The lock is named "lock-<resourceName>" (AVM's convention), and its notes tell whoever meets it in the
// portal what it protects. Pass pulumi.DependsOn on everything under scope so the lock is created last and, on
// destroy, removed first. See also [Lock resources].
//
// [Lock resources]: https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources
func NewCanNotDelete(ctx *pulumi.Context, logicalName, resourceKind, resourceName string, scope pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*authorization.ManagementLockByScope, error) {
	return authorization.NewManagementLockByScope(ctx, logicalName, &authorization.ManagementLockByScopeArgs{
		LockName: pulumi.String("lock-" + resourceName),
		Scope:    scope,
		Level:    pulumi.String(string(authorization.LockLevelCanNotDelete)),
		Notes:    pulumi.String("Managed by hardaks (Pulumi): protects the " + resourceKind + " from deletion."),
	}, opts...)
}
