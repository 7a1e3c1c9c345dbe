package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
)

// Every plain argument of a component that config fills reports its problems at a configuration key; the Inputs are
// wiring that stacks adds, checked by the constructors.
func TestEveryArgumentProblemIsReportedAtAKey(t *testing.T) {
	inputType := reflect.TypeFor[pulumi.Input]()
	for _, tc := range []struct {
		args any
		keys argumentKeys
	}{
		{cluster.ClusterArgs{}, clusterKeys},
		{network.NetworkArgs{}, networkKeys},
		{bastion.BastionArgs{}, bastionKeys},
		{monitoring.MonitoringArgs{}, monitoringKeys},
		{privatedns.ZonesArgs{}, zonesKeys},
		{registry.RegistryArgs{}, registryKeys},
		{keyvault.VaultArgs{}, (&Config{}).vaultKeys()},
		{buildagent.BuildAgentArgs{}, buildAgentKeys},
		{workloadidentity.WorkloadIdentityArgs{}, workloadKeys(0)},
	} {
		typ := reflect.TypeOf(tc.args)
		for field := range typ.Fields() {
			name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ",")
			if field.Type.Implements(inputType) || field.Type.Kind() == reflect.Slice && field.Type.Elem().Implements(inputType) {
				continue
			}
			// Config derives the cluster's role assignments from the Entra keys it checks itself; stacks adds the
			// others. Config leaves the workspace region (the environment's), Bastion file copy (off), the build
			// agents' identity name, disk, image, Helm release and networking at the components' defaults, and
			// each vault secret is its own key. protect follows environment.production and is a bool.
			switch name {
			case "roleAssignments", "logAnalyticsWorkspaceLocation", "enableFileCopy", "protect", "secretNames",
				"identityName", "osDiskSizeGb", "image", "helmVersion", "acceleratedNetworking", "clusterZone":
				continue
			}
			key, ok := tc.keys.key(name)
			assert.True(t, ok, "%s.%s has no configuration key", typ.Name(), name)
			assert.NotEmpty(t, key)
		}
	}
}

func TestAnArgumentPathKeepsItsTailAtTheLongestMappedHead(t *testing.T) {
	for path, want := range map[string]string{
		"systemPool.vmSize":                 "cluster.systemPool.vmSize",
		"userPools[1].zones":                "cluster.userPools[1].zones",
		"nodeOsMaintenanceWindow.utcOffset": "cluster.maintenanceWindow.utcOffset",
		"natGateway.zones":                  "environment.availabilityZones",
		"natGateway.idleTimeoutMinutes":     "network.natGateway.idleTimeoutMinutes",
		"firewall.sku":                      "network.firewall.sku",
	} {
		keys := clusterKeys
		if strings.HasPrefix(path, "natGateway") || strings.HasPrefix(path, "firewall") {
			keys = networkKeys
		}
		got, ok := keys.key(path)
		assert.True(t, ok, path)
		assert.Equal(t, want, got, path)
	}
	_, ok := clusterKeys.key("unknownArgument")
	assert.False(t, ok)
}
