package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

const (
	subnetType = "azure-native:network/v20240301:Subnet"
	nsgType    = "azure-native:network/v20240301:NetworkSecurityGroup"
)

func TestDevNetworkHasEverySubnetWithItsOwnNSG(t *testing.T) {
	plan := dev(t)
	vnet := plan.MustFind(t, "azure-native:network/v20240301:VirtualNetwork", "hardaks-network-vnet")
	assert.Equal(t, []any{"10.40.0.0/16"}, offline.Get(vnet.Inputs, "addressSpace.addressPrefixes"))
	assert.Equal(t, "westeurope", vnet.Inputs["location"])

	want := map[string]struct{ prefix, nsg string }{
		"snet-nodes":             {"10.40.0.0/22", "nsg-hardaks-dev-nodes"},
		"snet-private-endpoints": {"10.40.4.0/24", "nsg-hardaks-dev-private-endpoints"},
		"AzureBastionSubnet":     {"10.40.5.0/26", "nsg-hardaks-dev-bastion"},
		"snet-build-agents":      {"10.40.6.0/27", "nsg-hardaks-dev-build-agents"},
	}
	subnets := plan.OfType(subnetType)
	require.Len(t, subnets, len(want))
	for _, s := range subnets {
		name := s.Inputs["subnetName"].(string)
		w, ok := want[name]
		require.True(t, ok, "unexpected subnet %s", name)
		assert.Equal(t, w.prefix, s.Inputs["addressPrefix"], name)
		assert.Equal(t, rgID+"/providers/Microsoft.Network/networkSecurityGroups/"+w.nsg, offline.Get(s.Inputs, "networkSecurityGroup.id"), name)
	}
}

func TestDevSubnetsAreWrittenOneAtATime(t *testing.T) {
	plan := dev(t)
	subnets := plan.OfType(subnetType)
	for i := 1; i < len(subnets); i++ {
		assert.Contains(t, subnets[i].Dependencies, subnets[i-1].URN, "%s must wait for %s", subnets[i].Name, subnets[i-1].Name)
	}
}

func TestDevNodeAndAgentSubnetsEgressThroughTheNATGateway(t *testing.T) {
	plan := dev(t)
	nat := plan.MustFind(t, "azure-native:network/v20240301:NatGateway", "hardaks-network-nat")
	for _, s := range plan.OfType(subnetType) {
		switch s.Inputs["subnetName"] {
		case "snet-nodes", "snet-build-agents":
			assert.Equal(t, nat.ID, offline.Get(s.Inputs, "natGateway.id"), s.Name)
		default:
			assert.Nil(t, s.Inputs["natGateway"], s.Name)
		}
	}
	assert.Equal(t, []any{"1"}, nat.Inputs["zones"], "a NAT gateway is zonal")
}

func TestDevAllowsNoInboundFromTheInternetOutsideBastion(t *testing.T) {
	plan := dev(t)
	for _, nsg := range plan.OfType(nsgType) {
		rules, _ := nsg.Inputs["securityRules"].([]any)
		for _, r := range rules {
			rule := r.(map[string]any)
			if rule["direction"] != "Inbound" || rule["access"] != "Allow" {
				continue
			}
			source := rule["sourceAddressPrefix"]
			if nsg.Inputs["networkSecurityGroupName"] == "nsg-hardaks-dev-bastion" {
				if source == "Internet" {
					assert.Equal(t, "443", rule["destinationPortRange"], "Bastion admits only HTTPS from the Internet")
				}
				continue
			}
			assert.NotContains(t, []any{"Internet", "*", "0.0.0.0/0", "Any"}, source, "%s rule %s", nsg.Name, rule["name"])
		}
	}
}

func TestDevAgentsAdmitSSHOnlyFromBastion(t *testing.T) {
	plan := dev(t)
	nsg := plan.MustFind(t, nsgType, "hardaks-network-nsg-build-agents")
	rules := nsg.Inputs["securityRules"].([]any)
	require.Len(t, rules, 2)
	assert.Equal(t, "10.40.5.0/26", offline.Get(rules[0], "sourceAddressPrefix"))
	assert.Equal(t, "Allow", offline.Get(rules[0], "access"))
	assert.Equal(t, "22", offline.Get(rules[0], "destinationPortRange"))
	assert.Equal(t, "Deny", offline.Get(rules[1], "access"))
	assert.Equal(t, "22", offline.Get(rules[1], "destinationPortRange"))
}

func TestDevPrivateDNSZonesAreGlobalAndLinked(t *testing.T) {
	plan := dev(t)
	vnet := plan.MustFind(t, "azure-native:network/v20240301:VirtualNetwork", "hardaks-network-vnet")
	zones := plan.OfType("azure-native:network/v20240601:PrivateZone")
	names := []any{}
	for _, z := range zones {
		names = append(names, z.Inputs["privateZoneName"])
		assert.Equal(t, "global", z.Inputs["location"])
	}
	assert.Equal(t, []any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net"}, names, "the dev cluster uses the system zone")
	links := plan.OfType("azure-native:network/v20240601:VirtualNetworkLink")
	require.Len(t, links, 2)
	for _, l := range links {
		assert.Equal(t, vnet.ID, offline.Get(l.Inputs, "virtualNetwork.id"))
		assert.Equal(t, false, l.Inputs["registrationEnabled"])
		assert.Equal(t, "global", l.Inputs["location"])
	}
}

func TestEveryResourceBelongsToTheEnvironmentTree(t *testing.T) {
	plan := dev(t)
	env := plan.MustFind(t, "hardaks:index:Environment", "hardaks")
	assert.Empty(t, env.Parent)
	known := map[string]bool{env.URN: true}
	for _, r := range plan.Resources[1:] {
		assert.True(t, known[r.Parent], "%s %s has parent %q, registered before it", r.Type, r.Name, r.Parent)
		known[r.URN] = true
	}
}
