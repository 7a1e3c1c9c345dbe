package network_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	firewallType   = "azure-native:network/v20240301:AzureFirewall"
	policyType     = "azure-native:network/v20240301:FirewallPolicy"
	ruleGroupType  = "azure-native:network/v20240301:FirewallPolicyRuleCollectionGroup"
	routeTableType = "azure-native:network/v20240301:RouteTable"
	diagType       = "azure-native:insights/v20210501preview:DiagnosticSetting"
	workspaceID    = rgID + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev"
)

func withFirewall(sku string) *network.NetworkArgs {
	args := validArgs()
	args.FirewallSubnetPrefix = "10.40.7.0/26"
	args.LogAnalyticsWorkspaceID = pulumi.String(workspaceID)
	args.Firewall = &network.Firewall{Sku: sku, Zones: []string{"1", "2", "3"}, BuildAgentRules: []network.ApplicationRule{
		{Name: "ci", Description: "the CI service", FQDNs: []string{"dev.azure.com"}, Protocol: "Https", Port: 443},
	}}
	return args
}

func runEgress(t *testing.T, args *network.NetworkArgs) *offline.Plan {
	t.Helper()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		n, err := network.NewNetwork(ctx, "net", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{"egressPrivateIp": n.EgressPrivateIP, "firewallPublicIpId": n.FirewallPublicIPID}, nil
	})
	require.NoError(t, err)
	return plan
}

func TestAFirewallIsCreatedInItsSubnetWithAPolicyThatDeniesThreats(t *testing.T) {
	plan := runEgress(t, withFirewall(network.FirewallSkuStandard))

	subnet := plan.MustFind(t, subnetType, "net-snet-firewall")
	assert.Equal(t, "AzureFirewallSubnet", subnet.Inputs["subnetName"])
	assert.Equal(t, "10.40.7.0/26", subnet.Inputs["addressPrefix"])
	assert.NotContains(t, subnet.Inputs, "networkSecurityGroup", "Azure Firewall takes no NSG on its subnet")
	assert.NotContains(t, subnet.Inputs, "routeTable")
	assert.Empty(t, plan.OfType(natType))

	pip := plan.MustFind(t, publicIPType, "net-firewall-pip")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev", "location": "westeurope", "publicIpAddressName": "pip-hardaks-dev-firewall",
		"sku": map[string]any{"name": "Standard", "tier": "Regional"}, "publicIPAllocationMethod": "Static",
		"publicIPAddressVersion": "IPv4", "zones": []any{"1", "2", "3"}, "tags": map[string]any{"env": "dev"},
	}, pip.Inputs)

	policy := plan.MustFind(t, policyType, "net-firewall-policy")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev", "location": "westeurope", "firewallPolicyName": "afwp-hardaks-dev",
		"sku": map[string]any{"tier": "Standard"}, "threatIntelMode": "Deny", "tags": map[string]any{"env": "dev"},
	}, policy.Inputs)

	fw := plan.MustFind(t, firewallType, "net-firewall")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev", "location": "westeurope", "azureFirewallName": "afw-hardaks-dev",
		"sku":            map[string]any{"name": "AZFW_VNet", "tier": "Standard"},
		"firewallPolicy": map[string]any{"id": policy.ID},
		"ipConfigurations": []any{map[string]any{"name": "ipconfig", "subnet": map[string]any{"id": subnet.ID},
			"publicIPAddress": map[string]any{"id": pip.ID}}},
		"zones": []any{"1", "2", "3"}, "tags": map[string]any{"env": "dev"},
	}, fw.Inputs)
	assert.Equal(t, offline.MockFirewallPrivateIP, plan.Outputs["egressPrivateIp"])
	assert.Equal(t, pip.ID, plan.Outputs["firewallPublicIpId"])

	diag := plan.MustFind(t, diagType, "net-firewall-diagnostics")
	assert.Equal(t, fw.ID, diag.Inputs["resourceUri"])
	assert.Equal(t, workspaceID, diag.Inputs["workspaceId"])
	assert.Equal(t, "Dedicated", diag.Inputs["logAnalyticsDestinationType"])
	assert.Equal(t, []any{map[string]any{"categoryGroup": "allLogs", "enabled": true}}, diag.Inputs["logs"])
}

func TestPremiumAddsIDPSInDenyMode(t *testing.T) {
	plan := runEgress(t, withFirewall(network.FirewallSkuPremium))
	policy := plan.MustFind(t, policyType, "net-firewall-policy")
	assert.Equal(t, map[string]any{"mode": "Deny"}, policy.Inputs["intrusionDetection"])
	assert.Equal(t, map[string]any{"tier": "Premium"}, policy.Inputs["sku"])
	assert.Equal(t, "Premium", offline.Get(plan.MustFind(t, firewallType, "net-firewall").Inputs, "sku.tier"))
}

func TestTheFirewallAllowsTheAKSTagTheAddOnsAndTheBuildAgentEndpointsEachFromItsSubnet(t *testing.T) {
	plan := runEgress(t, withFirewall(network.FirewallSkuStandard))
	policy := plan.MustFind(t, policyType, "net-firewall-policy")

	nodes := plan.MustFind(t, ruleGroupType, "net-firewall-rules-aks-nodes")
	assert.Equal(t, float64(200), nodes.Inputs["priority"])
	assert.Contains(t, nodes.Dependencies, policy.URN)
	collection := offline.Get(nodes.Inputs, "ruleCollections").([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"type": "Allow"}, collection["action"])
	rules := collection["rules"].([]any)
	require.Len(t, rules, 6)
	assert.Equal(t, map[string]any{
		"name": "aks-fqdn-tag", "description": "Azure Global required FQDN rules, kept current by Azure", "ruleType": "ApplicationRule",
		"sourceAddresses": []any{"10.40.0.0/22"}, "fqdnTags": []any{"AzureKubernetesService"},
		"protocols": []any{map[string]any{"protocolType": "Http", "port": float64(80)}, map[string]any{"protocolType": "Https", "port": float64(443)}},
	}, rules[0])
	monitor := rules[3].(map[string]any)
	assert.Equal(t, "azure-monitor", monitor["name"])
	assert.Equal(t, []any{"dc.services.visualstudio.com", "*.ods.opinsights.azure.com", "*.oms.opinsights.azure.com", "*.monitoring.azure.com",
		"westeurope.ingest.monitor.azure.com", "westeurope.handler.control.monitor.azure.com"}, monitor["targetFqdns"])
	var names []string
	for _, r := range rules {
		names = append(names, r.(map[string]any)["name"].(string))
		assert.Equal(t, []any{"10.40.0.0/22"}, r.(map[string]any)["sourceAddresses"], "node rules apply to the node subnet only")
	}
	assert.Equal(t, []string{"aks-fqdn-tag", "ubuntu-security-updates", "ubuntu-snapshot", "azure-monitor", "azure-policy", "defender"}, names)

	agents := plan.MustFind(t, ruleGroupType, "net-firewall-rules-build-agents")
	assert.Equal(t, float64(300), agents.Inputs["priority"])
	assert.Contains(t, agents.Dependencies, nodes.URN, "a policy takes one rule collection group write at a time")
	assert.Equal(t, []any{map[string]any{
		"name": "ci", "description": "the CI service", "ruleType": "ApplicationRule", "sourceAddresses": []any{"10.40.6.0/24"},
		"targetFqdns": []any{"dev.azure.com"}, "protocols": []any{map[string]any{"protocolType": "Https", "port": float64(443)}},
	}}, offline.Get(agents.Inputs, "ruleCollections").([]any)[0].(map[string]any)["rules"])
	assert.Contains(t, plan.MustFind(t, firewallType, "net-firewall").Dependencies, agents.URN, "the firewall starts with its rules in force")
}

func TestTheNodeAndAgentSubnetsRouteEverythingToTheFirewallOnlyOnceItExists(t *testing.T) {
	plan := runEgress(t, withFirewall(network.FirewallSkuStandard))
	fw := plan.MustFind(t, firewallType, "net-firewall")
	rt := plan.MustFind(t, routeTableType, "net-rt")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev", "location": "westeurope", "routeTableName": "rt-hardaks-dev-egress",
		"disableBgpRoutePropagation": true, "tags": map[string]any{"env": "dev"},
		"routes": []any{map[string]any{"name": "default-via-firewall", "addressPrefix": "0.0.0.0/0",
			"nextHopType": "VirtualAppliance", "nextHopIpAddress": offline.MockFirewallPrivateIP}},
	}, rt.Inputs)
	assert.Contains(t, rt.Dependencies, fw.URN)

	for _, tc := range subnetCases {
		subnet := plan.MustFind(t, subnetType, tc.logical)
		if tc.natWhenEnabled {
			assert.Equal(t, map[string]any{"id": rt.ID}, subnet.Inputs["routeTable"], tc.azureName)
		} else {
			assert.NotContains(t, subnet.Inputs, "routeTable", tc.azureName)
		}
	}
	assert.Contains(t, plan.MustFind(t, subnetType, "net-snet-nodes").Dependencies, plan.MustFind(t, subnetType, "net-snet-firewall").URN,
		"AzureFirewallSubnet is the first subnet")
}

func TestAHubFirewallGetsTheRouteAndNoFirewallOfItsOwn(t *testing.T) {
	args := validArgs()
	args.HubFirewallPrivateIP = "10.0.1.4"
	plan := runEgress(t, args)

	assert.Empty(t, plan.OfType(firewallType))
	assert.Empty(t, plan.OfType(policyType))
	assert.Empty(t, plan.OfType(publicIPType))
	assert.Empty(t, plan.OfType(natType))
	assert.Len(t, plan.OfType(subnetType), 4)
	rt := plan.MustFind(t, routeTableType, "net-rt")
	assert.Equal(t, "10.0.1.4", offline.Get(rt.Inputs, "routes").([]any)[0].(map[string]any)["nextHopIpAddress"])
	assert.Equal(t, map[string]any{"id": rt.ID}, plan.MustFind(t, subnetType, "net-snet-build-agents").Inputs["routeTable"])
	assert.Equal(t, "10.0.1.4", plan.Outputs["egressPrivateIp"])
	assert.Nil(t, plan.Outputs["firewallPublicIpId"])
}

func TestInvalidEgressArgumentsAreRejected(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*network.NetworkArgs)
		want   string
	}{
		{"NAT gateway and firewall", func(a *network.NetworkArgs) { a.NatGateway = &network.NatGateway{} },
			"network: natGateway = (not set): natGateway, firewall and hubFirewallPrivateIp are alternative egress paths; set at most one"},
		{"firewall subnet smaller than /26", func(a *network.NetworkArgs) { a.FirewallSubnetPrefix = "10.40.7.0/27" },
			`network: firewallSubnetPrefix = "10.40.7.0/27": AzureFirewallSubnet must be /26 or larger; use a /26 such as 10.40.7.0/26`},
		{"firewall subnet overlapping", func(a *network.NetworkArgs) { a.FirewallSubnetPrefix = "10.40.6.0/26" },
			`network: firewallSubnetPrefix = "10.40.6.0/26": overlaps buildAgentSubnetPrefix (10.40.6.0/24); give every subnet its own range`},
		{"Basic SKU", func(a *network.NetworkArgs) { a.Firewall.Sku = "Basic" },
			`network: firewall.sku = "Basic": must be Standard or Premium (Premium adds IDPS; Basic has neither IDPS nor the throughput for a cluster); use Standard (default)`},
		{"no workspace", func(a *network.NetworkArgs) { a.LogAnalyticsWorkspaceID = nil },
			"network: logAnalyticsWorkspaceId = (not set): is required with firewall, for the firewall's logs; pass the Log Analytics workspace's ID"},
		{"a rule without FQDNs", func(a *network.NetworkArgs) { a.Firewall.BuildAgentRules[0].FQDNs = nil },
			"network: firewall.buildAgentRules[0].fqdns = (not set): a rule needs at least one FQDN; list the destinations"},
		{"a rule over FTP", func(a *network.NetworkArgs) { a.Firewall.BuildAgentRules[0].Protocol = "Ftp" },
			`network: firewall.buildAgentRules[0].protocol = "Ftp": must be Http or Https; use Https`},
		{"a firewall subnet without a firewall", func(a *network.NetworkArgs) { a.Firewall = nil },
			`network: firewallSubnetPrefix = "10.40.7.0/26": is set without firewall; remove it, or add firewall`},
		{"a public hub address", func(a *network.NetworkArgs) {
			a.Firewall, a.FirewallSubnetPrefix, a.HubFirewallPrivateIP = nil, "", "20.0.0.4"
		},
			`network: hubFirewallPrivateIp = "20.0.0.4": is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16); use the hub firewall's private IP, not its public one`},
		{"a hub address inside the VNet", func(a *network.NetworkArgs) {
			a.Firewall, a.FirewallSubnetPrefix, a.HubFirewallPrivateIP = nil, "", "10.40.9.4"
		},
			`network: hubFirewallPrivateIp = "10.40.9.4": lies inside this environment's VNet 10.40.0.0/16; use the firewall's address in the peered hub VNet`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := withFirewall(network.FirewallSkuStandard)
			tc.mutate(args)
			_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, err := network.NewNetwork(ctx, "net", args)
				return nil, err
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
