package tests

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
	"github.com/hardaks/hardaks/stacks"
)

const (
	prodRGID      = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-prod"
	firewallType  = "azure-native:network/v20240301:AzureFirewall"
	ruleGroupType = "azure-native:network/v20240301:FirewallPolicyRuleCollectionGroup"
	routeType     = "azure-native:network/v20240301:RouteTable"
)

func TestProdEgressesThroughItsFirewallAndHasNoNATGateway(t *testing.T) {
	plan := prod(t)
	assert.Empty(t, plan.OfType("azure-native:network/v20240301:NatGateway"))
	assert.Empty(t, plan.OfType("azure-native:network/v20240301:PublicIPPrefix"))

	fw := plan.MustFind(t, firewallType, "hardaks-network-firewall")
	assert.Equal(t, "afw-hardaks-prod", fw.Inputs["azureFirewallName"])
	assert.Equal(t, map[string]any{"name": "AZFW_VNet", "tier": "Standard"}, fw.Inputs["sku"])
	assert.Equal(t, []any{"1", "2", "3"}, fw.Inputs["zones"])
	fwSubnet := plan.MustFind(t, subnetType, "hardaks-network-snet-firewall")
	assert.Equal(t, "AzureFirewallSubnet", fwSubnet.Inputs["subnetName"])
	assert.Equal(t, "10.50.11.0/26", fwSubnet.Inputs["addressPrefix"])

	policy := plan.MustFind(t, "azure-native:network/v20240301:FirewallPolicy", "hardaks-network-firewall-policy")
	assert.Equal(t, "Deny", policy.Inputs["threatIntelMode"])

	rt := plan.MustFind(t, routeType, "hardaks-network-rt")
	assert.Equal(t, []any{map[string]any{"name": "default-via-firewall", "addressPrefix": "0.0.0.0/0",
		"nextHopType": "VirtualAppliance", "nextHopIpAddress": offline.MockFirewallPrivateIP}}, rt.Inputs["routes"])
	for _, name := range []string{"hardaks-network-snet-nodes", "hardaks-network-snet-build-agents"} {
		assert.Equal(t, map[string]any{"id": rt.ID}, plan.MustFind(t, subnetType, name).Inputs["routeTable"], name)
	}
	for _, name := range []string{"hardaks-network-snet-private-endpoints", "hardaks-network-snet-bastion", "hardaks-network-snet-firewall"} {
		assert.NotContains(t, plan.MustFind(t, subnetType, name).Inputs, "routeTable", name)
	}

	aks := plan.MustFind(t, "azure-native:containerservice/v20240901:ManagedCluster", "hardaks-cluster-aks")
	assert.Equal(t, "userDefinedRouting", offline.Get(aks.Inputs, "networkProfile.outboundType"))

	diag := plan.MustFind(t, "azure-native:insights/v20210501preview:DiagnosticSetting", "hardaks-network-firewall-diagnostics")
	assert.Equal(t, prodRGID+"/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-prod", diag.Inputs["workspaceId"])
	assert.Equal(t, fw.ID, diag.Inputs["resourceUri"])

	assert.Equal(t, offline.MockFirewallPrivateIP, plan.Outputs["egressPrivateIp"])
	assert.Equal(t, prodRGID+"/providers/Microsoft.Network/publicIPAddresses/pip-hardaks-prod-firewall", plan.Outputs["firewallPublicIpId"])
	assert.NotContains(t, plan.Outputs, "natGatewayId")
}

func TestProdFirewallAllowsExactlyTheGitHubRunnerAndToolEndpointsFromTheAgentSubnet(t *testing.T) {
	agents := prod(t).MustFind(t, ruleGroupType, "hardaks-network-firewall-rules-build-agents")
	rules := offline.Get(agents.Inputs, "ruleCollections").([]any)[0].(map[string]any)["rules"].([]any)
	got := map[string][]any{}
	for _, r := range rules {
		rule := r.(map[string]any)
		assert.Equal(t, []any{"10.50.10.0/27"}, rule["sourceAddresses"], rule["name"])
		assert.NotEmpty(t, rule["description"], "every endpoint says where it is documented")
		got[rule["name"].(string)] = rule["targetFqdns"].([]any)
	}
	assert.Equal(t, []string{"azure", "azure-cli", "docker", "github-actions", "helm", "kubectl-kubelogin", "ubuntu-packages"}, keys(got))
	assert.Contains(t, got["github-actions"], "*.actions.githubusercontent.com")
	assert.Equal(t, []any{"get.helm.sh"}, got["helm"])
	assert.Equal(t, []any{"download.docker.com"}, got["docker"])
	assert.NotContains(t, got, "azure-devops", "prod runs GitHub Actions")

	nodes := prod(t).MustFind(t, ruleGroupType, "hardaks-network-firewall-rules-aks-nodes")
	nodeRules := offline.Get(nodes.Inputs, "ruleCollections").([]any)[0].(map[string]any)["rules"].([]any)
	assert.Equal(t, []any{"AzureKubernetesService"}, nodeRules[0].(map[string]any)["fqdnTags"])
	assert.Equal(t, []any{"10.50.0.0/21"}, nodeRules[0].(map[string]any)["sourceAddresses"])
}

func keys(m map[string][]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestAHubFirewallVariantRoutesToTheHubAndCreatesNoFirewall plans prod with its egress pointed at a hub appliance.
func TestAHubFirewallVariantRoutesToTheHubAndCreatesNoFirewall(t *testing.T) {
	src, err := stackfile.Read(projectDir, "prod")
	require.NoError(t, err)
	network := src.Values["hardaks:network"]
	for _, cut := range []string{`"egress":"firewall"`, `"firewall":{"sku":"Standard"}`, `"firewall":"10.50.11.0/26"`} {
		require.Contains(t, network, cut)
	}
	network = strings.Replace(network, `"egress":"firewall"`, `"egress":"hubFirewall","hubFirewall":{"privateIp":"10.0.1.4"}`, 1)
	network = strings.Replace(network, `,"firewall":{"sku":"Standard"}`, "", 1)
	network = strings.Replace(network, `"firewall":{"sku":"Standard"},`, "", 1)
	network = strings.Replace(network, `,"firewall":"10.50.11.0/26"`, "", 1)
	network = strings.Replace(network, `"firewall":"10.50.11.0/26",`, "", 1)
	src.Values["hardaks:network"] = network
	plan, err := offline.Run(offline.Options{Project: src.Project, Stack: src.Stack, Config: src.Values, SecretKeys: src.SecretKeys}, stacks.Program)
	require.NoError(t, err)

	assert.Empty(t, plan.OfType(firewallType))
	assert.Empty(t, plan.OfType("azure-native:network/v20240301:NatGateway"))
	require.Len(t, plan.OfType("azure-native:network/v20240301:PublicIPAddress"), 1, "Bastion's address is the only one")
	assert.Equal(t, "hardaks-bastion-pip", plan.OfType("azure-native:network/v20240301:PublicIPAddress")[0].Name)
	rt := plan.MustFind(t, routeType, "hardaks-network-rt")
	assert.Equal(t, "10.0.1.4", offline.Get(rt.Inputs, "routes").([]any)[0].(map[string]any)["nextHopIpAddress"])
	assert.Equal(t, map[string]any{"id": rt.ID}, plan.MustFind(t, subnetType, "hardaks-network-snet-nodes").Inputs["routeTable"])
	aks := plan.MustFind(t, "azure-native:containerservice/v20240901:ManagedCluster", "hardaks-cluster-aks")
	assert.Equal(t, "userDefinedRouting", offline.Get(aks.Inputs, "networkProfile.outboundType"))
	assert.Equal(t, "10.0.1.4", plan.Outputs["egressPrivateIp"])
	assert.NotContains(t, plan.Outputs, "firewallPublicIpId")
}
