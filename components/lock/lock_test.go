package lock_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/offline"
)

func TestCheckReportsTheKindAndNameAtTheLocksPath(t *testing.T) {
	p := validation.For("registry")
	(&lock.Lock{Kind: "Delete", Name: "lock/acr"}).Check(p, "lock")
	var none *lock.Lock
	none.Check(p, "lock")
	(&lock.Lock{Kind: lock.ReadOnly, Name: strings.Repeat("l", 90)}).Check(p, "lock")
	assert.EqualError(t, p.Err(), `registry: lock.kind = "Delete": must be CanNotDelete or ReadOnly; choose what the lock refuses
registry: lock.name = "lock/acr": is not a lock name; use at most 90 characters without < > * % & : \ ? / + and no final period, or leave it empty for lock-<resource>`)
}

func TestNewNamesTheLockAfterTheResourceUnlessNamed(t *testing.T) {
	const scope = "/subscriptions/" + offline.SubscriptionID + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		if _, err := lock.New(ctx, "default", "key vault", "kv", pulumi.String(scope), lock.Lock{Kind: lock.CanNotDelete}); err != nil {
			return nil, err
		}
		_, err := lock.New(ctx, "named", "key vault", "kv", pulumi.String(scope), lock.Lock{Kind: lock.ReadOnly, Name: "freeze-kv"})
		return nil, err
	})
	require.NoError(t, err)
	const lockType = "azure-native:authorization/v20200501:ManagementLockByScope"
	assert.Equal(t, map[string]any{"lockName": "lock-kv", "scope": scope, "level": "CanNotDelete",
		"notes": "Managed by hardaks (Pulumi): protects the key vault from deletion."}, plan.MustFind(t, lockType, "default").Inputs)
	assert.Equal(t, map[string]any{"lockName": "freeze-kv", "scope": scope, "level": "ReadOnly",
		"notes": "Managed by hardaks (Pulumi): keeps the key vault read-only."}, plan.MustFind(t, lockType, "named").Inputs)
}
