package cluster

import (
	"time"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20220401"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// rolePropagationWait is how long a new role assignment is given before AKS is asked to act on it. Azure RBAC
// documents that assignment changes can take up to 10 minutes to take effect because Azure Resource Manager caches
// them (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected),
// AKS checks the control-plane identity's rights on the subnet and DNS zone while it creates the cluster, and
// azure-native retries no authorization error (provider/pkg/azure/client_azcore.go retries only 408, 429, 5xx and
// AnotherOperationInProgress). So the first creation waits out that window; later updates, whose assignments are
// older, do not wait at all.
const rolePropagationWait = 10 * time.Minute

// propagationDelay is how much longer to wait at now until the newest assignment created at createdOn (ARM's
// RFC 3339 timestamps) is rolePropagationWait old. An unparsable or missing time waits for nothing: it cannot be a
// fresh assignment's.
func propagationDelay(createdOn []string, now time.Time) time.Duration {
	var newest time.Time
	for _, c := range createdOn {
		if t, err := time.Parse(time.RFC3339Nano, c); err == nil && t.After(newest) {
			newest = t
		}
	}
	if newest.IsZero() {
		return 0
	}
	return max(0, newest.Add(rolePropagationWait).Sub(now))
}

// afterPropagation resolves to identityID once every assignment has had rolePropagationWait to propagate. Only
// `pulumi up` waits: during a preview a new assignment's createdOn is unknown, so the apply does not run, and a dry
// run never sleeps.
func afterPropagation(ctx *pulumi.Context, identityID pulumi.StringOutput, assignments []*authorization.RoleAssignment) pulumi.StringOutput {
	inputs := []any{identityID}
	for _, a := range assignments {
		inputs = append(inputs, a.CreatedOn)
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) string {
		var createdOn []string
		for _, c := range v[1:] {
			createdOn = append(createdOn, c.(string))
		}
		if !ctx.DryRun() {
			time.Sleep(propagationDelay(createdOn, time.Now()))
		}
		return v[0].(string)
	}).(pulumi.StringOutput)
}
