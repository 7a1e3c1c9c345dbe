package tests

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/cli"
)

// documentedValue is one value the README's configuration reference documents for a key, with the other settings
// the reference says it needs, and edits of the dev stack's lines it does not go with.
type documentedValue struct {
	key, value string
	needs      map[string]string
	edits      []lineEdit
}

// withoutNATGateway drops the dev stack's NAT gateway settings, which another egress refuses.
var withoutNATGateway = []lineEdit{{"    natGateway:\n      enabled: true\n      idleTimeoutMinutes: 4\n      publicIpPrefixLength: 31\n", ""}}

// documentedValues walks every enumerated key of the README's configuration reference through each value it
// documents (the defaults are the dev stack itself).
var documentedValues = []documentedValue{
	{key: "environment.production", value: "true", needs: map[string]string{"cluster.skuTier": "Standard"}},
	{key: "environment.locks", value: "true"},
	{key: "entra.writerNamespaces", value: "orders,web"},
	{key: "cluster.kubernetesVersion", value: "1.35"},
	{key: "cluster.skuTier", value: "Standard"},
	{key: "cluster.privateDnsZone", value: "create"},
	{key: "cluster.privateDnsZone", value: "custom", needs: map[string]string{"network.privateDnsZones.clusterZoneId": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io"}},
	{key: "cluster.networkDataplane", value: "azure"},
	{key: "cluster.networkPolicy", value: "calico", needs: map[string]string{"cluster.networkDataplane": "azure"}},
	{key: "cluster.outboundType", value: "loadBalancer"},
	{key: "cluster.upgradeChannel", value: "stable"},
	{key: "cluster.upgradeChannel", value: "rapid"},
	{key: "cluster.nodeOsUpgradeChannel", value: "SecurityPatch"},
	{key: "cluster.podSecurity", value: "restricted"},
	{key: "cluster.podSecurity", value: "audit"},
	{key: "cluster.requireZones", value: "false"},
	{key: "cluster.systemPool.osDiskType", value: "Managed"},
	{key: "cluster.systemPool.osDiskType", value: "auto"},
	{key: "network.natGateway.enabled", value: "false", needs: map[string]string{"buildAgent.enabled": "false"}},
	{key: "network.egress", value: "firewall", needs: map[string]string{"network.subnets.firewall": "10.40.7.0/26"}, edits: withoutNATGateway},
	{key: "network.firewall.sku", value: "Premium", needs: map[string]string{"network.egress": "firewall", "network.subnets.firewall": "10.40.7.0/26"}, edits: withoutNATGateway},
	{key: "network.egress", value: "hubFirewall", needs: map[string]string{"network.hubFirewall.privateIp": "10.0.1.4"}, edits: withoutNATGateway},
	{key: "network.privateDnsZones.registryZoneId", value: "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"},
	{key: "network.privateDnsZones.keyVaultZoneId", value: "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"},
	{key: "registry.zoneRedundancy", value: "false"},
	{key: "registry.quarantine", value: "true"},
	{key: "registry.contentTrust", value: "true"},
	{key: "keyVault.sku", value: "premium"},
	{key: "keyVault.csiAddonAccess", value: "true"},
	{key: "keyVault.nameGeneration", value: "1"},
	{key: "bastion.sku", value: "Premium"},
	{key: "bastion.ipConnect", value: "true"},
	{key: "bastion.copyPaste", value: "false"},
	{key: "buildAgent.enabled", value: "false"},
	{key: "buildAgent.count", value: "3"},
	{key: "buildAgent.kubernetesNamespaces", value: "orders,payments"},
	{key: "buildAgent.kubernetesRole", value: "reader"},
	{key: "buildAgent.kubernetesRole", value: "admin"},
	{key: "buildAgent.kubernetesRole", value: "clusterAdmin"},
	{key: "buildAgent.ci.system", value: "githubActions", needs: map[string]string{"buildAgent.ci.url": "https://github.com/contoso/platform",
		"buildAgent.ci.labels": "self-hosted,hardaks-dev"}, edits: []lineEdit{{"      pool: hardaks-dev\n", ""}}},
}

// envName is the HARDAKS_ override of a key path (README, "Environment overrides").
func envName(key string) string {
	return "HARDAKS_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// Every value the README documents plans with exit 0 and no finding in any phase of the pack.
func TestEveryDocumentedValuePlansWithoutFindings(t *testing.T) {
	for _, dv := range documentedValues {
		t.Run(dv.key+"="+dv.value, func(t *testing.T) {
			t.Setenv(envName(dv.key), dv.value)
			for key, value := range dv.needs {
				t.Setenv(envName(key), value)
			}
			dir := projectWith(t, "dev", dv.edits)
			code, stdout, stderr := runCLI(t, "plan", "--cwd", dir, "--format", "json")
			require.Equal(t, cli.ExitOK, code, stderr)
			var plan struct {
				Findings []map[string]any `json:"findings"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &plan))
			assert.Empty(t, plan.Findings)
		})
	}
}

// What the pack would deny, config refuses first, with exit 2 and the reason.
func TestAValueThePackDeniesIsRefusedByConfig(t *testing.T) {
	t.Setenv(envName("cluster.upgradeChannel"), "node-image")
	code, _, stderr := runCLI(t, "plan", "--cwd", projectDir)
	assert.Equal(t, cli.ExitInvalidConfig, code)
	assert.Contains(t, stderr, `hardaks:cluster.upgradeChannel = "node-image": never upgrades Kubernetes itself`)
}
