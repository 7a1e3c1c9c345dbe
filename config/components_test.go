package config_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/config"
)

// A program that builds the components' Args in code, without config, gets the problems config reports, from the
// same rule: config only renames the argument paths to its keys.
func TestArgsBuiltInCodeGetTheSameProblemsAsConfig(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change change
		key    string
		path   string
		args   func(*config.Config) error
	}{
		{"an Arm64 pool size", systemPool(func(p *config.NodePool) { p.VMSize = "Standard_D4ps_v5" }),
			"cluster.systemPool.vmSize", "systemPool.vmSize", func(c *config.Config) error { return c.ClusterArgs().Validate() }},
		{"a taint without an effect", userPool(func(p *config.NodePool) { p.Taints = []string{"workload=apps"} }),
			"cluster.userPools[0].taints[0]", "userPools[0].taints[0]", func(c *config.Config) error { return c.ClusterArgs().Validate() }},
		{"a maintenance offset without a sign", func(c *config.Config) { c.Cluster.MaintenanceWindow.UTCOffset = "01:00" },
			"cluster.maintenanceWindow.utcOffset", "nodeOsMaintenanceWindow.utcOffset", func(c *config.Config) error { return c.ClusterArgs().Validate() }},
		{"a pinned patch on the patch channel", func(c *config.Config) { c.Cluster.KubernetesVersion = "1.33.2" },
			"cluster.kubernetesVersion", "kubernetesVersion", func(c *config.Config) error { return c.ClusterArgs().Validate() }},
		{"a bastion subnet smaller than /26", func(c *config.Config) { c.Network.Subnets.Bastion = "10.40.5.0/27" },
			"network.subnets.bastion", "bastionSubnetPrefix", func(c *config.Config) error { return c.NetworkArgs().Validate() }},
		{"a NAT idle timeout of two hours and a minute", func(c *config.Config) { c.Network.NatGateway.IdleTimeoutMinutes = 121 },
			"network.natGateway.idleTimeoutMinutes", "natGateway.idleTimeoutMinutes", func(c *config.Config) error { return c.NetworkArgs().Validate() }},
		{"a registry name with a hyphen", func(c *config.Config) { c.Names.Registry = "acr-dev-01" },
			"registry.name", "registryName", func(c *config.Config) error { return c.RegistryArgs().Validate() }},
		{"a capitalised vault SKU", func(c *config.Config) { c.KeyVault.Sku = "Standard" },
			"keyVault.sku", "skuName", func(c *config.Config) error { return c.VaultArgs().Validate() }},
		{"eleven build agents", agent(func(a *config.BuildAgent) { a.Count = 11 }),
			"buildAgent.count", "count", func(c *config.Config) error { return c.BuildAgentArgs().Validate() }},
		{"an Azure DevOps project URL", agent(func(a *config.BuildAgent) { a.CI.URL = "https://dev.azure.com/contoso/project" }),
			"buildAgent.ci.url", "ci.url", func(c *config.Config) error { return c.BuildAgentArgs().Validate() }},
		{"a workload name with capitals", workload(func(w *config.Workload) { w.Name = "Orders" }),
			"workloads[0].name", "name", func(c *config.Config) error { return c.WorkloadArgs()[0].Validate() }},
		{"an existing registry zone of another service", func(c *config.Config) {
			c.Network.PrivateDNSZones.RegistryZoneID = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
		}, "network.privateDnsZones.registryZoneId", "existingRegistryZoneId", func(c *config.Config) error { return c.ZonesArgs().Validate() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid(t, tc.change)
			fromConfig := problems(t, cfg.Validate())
			require.Len(t, fromConfig, 1)
			var invalid *validation.Error
			require.True(t, errors.As(tc.args(cfg), &invalid))
			// Both maintenance windows come from one key, so config reports their common problem once.
			require.NotEmpty(t, invalid.Problems)
			got := invalid.Problems[0]
			assert.Equal(t, tc.path, got.Path)
			assert.Equal(t, fe(tc.key, got.Value, got.Problem, got.Fix), fromConfig[0])
		})
	}
}
