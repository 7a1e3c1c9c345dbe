package registry

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// lockNotes explains the lock to whoever meets it in the portal.
const lockNotes = "Managed by hardaks (Pulumi): protects the container registry from deletion."

// newLock puts a CanNotDelete lock on scope. Reads and updates still work; deleting needs the lock removed first.
// https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources
func newLock(ctx *pulumi.Context, logicalName, lockName string, scope pulumi.StringInput, opts ...pulumi.ResourceOption) (*authorization.ManagementLockByScope, error) {
	return authorization.NewManagementLockByScope(ctx, logicalName, &authorization.ManagementLockByScopeArgs{
		LockName: pulumi.String(lockName),
		Scope:    scope,
		Level:    pulumi.String(string(authorization.LockLevelCanNotDelete)),
		Notes:    pulumi.String(lockNotes),
	}, opts...)
}
