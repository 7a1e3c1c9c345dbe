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
	componentType = "hardaks:network:Network"
	vnetType      = "azure-native:network/v20240301:VirtualNetwork"
	subnetType    = "azure-native:network/v20240301:Subnet"
	nsgType       = "azure-native:network/v20240301:NetworkSecurityGroup"
	natType       = "azure-native:network/v20240301:NatGateway"
	prefixType    = "azure-native:network/v20240301:PublicIPPrefix"
	publicIPType  = "azure-native:network/v20240301:PublicIPAddress"

	rgID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
)

func validArgs() *network.NetworkArgs {
	return &network.NetworkArgs{
		ResourceGroupName:           pulumi.String("rg-hardaks-dev"),
		Location:                    pulumi.String("westeurope"),
		VirtualNetworkName:          "vnet-hardaks-dev",
		AddressSpace:                "10.40.0.0/16",
		NodeSubnetPrefix:            "10.40.0.0/22",
		PrivateEndpointSubnetPrefix: "10.40.4.0/24",
		BastionSubnetPrefix:         "10.40.5.0/26",
		BuildAgentSubnetPrefix:      "10.40.6.0/24",
		Tags:                        pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

func withNat(nat *network.NatGateway) *network.NetworkArgs {
	args := validArgs()
	args.NatGateway = nat
	return args
}

// run builds the component under mocks and returns the plan plus every component output as a stack output.
func run(t *testing.T, args *network.NetworkArgs) *offline.Plan {
	t.Helper()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		n, err := network.NewNetwork(ctx, "net", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"virtualNetworkId":        n.VirtualNetworkID,
			"virtualNetworkName":      n.VirtualNetworkName,
			"nodeSubnetId":            n.NodeSubnetID,
			"privateEndpointSubnetId": n.PrivateEndpointSubnetID,
			"bastionSubnetId":         n.BastionSubnetID,
			"buildAgentSubnetId":      n.BuildAgentSubnetID,
			"natGatewayId":            n.NatGatewayID,
		}, nil
	})
	require.NoError(t, err)
	return plan
}

// subnetCase is what each subnet must look like; the slice order is the required creation order.
var subnetCases = []struct {
	logical, azureName, prefix, nsgLogical, nsgName, endpointPolicies string
	natWhenEnabled                                                    bool
}{
	{"net-snet-nodes", "snet-nodes", "10.40.0.0/22", "net-nsg-nodes", "nsg-hardaks-dev-nodes", "Disabled", true},
	{"net-snet-private-endpoints", "snet-private-endpoints", "10.40.4.0/24", "net-nsg-private-endpoints", "nsg-hardaks-dev-private-endpoints", "Enabled", false},
	{"net-snet-bastion", "AzureBastionSubnet", "10.40.5.0/26", "net-nsg-bastion", "nsg-hardaks-dev-bastion", "Disabled", false},
	{"net-snet-build-agents", "snet-build-agents", "10.40.6.0/24", "net-nsg-build-agents", "nsg-hardaks-dev-build-agents", "Disabled", true},
}

func TestTheVirtualNetworkHasTheAddressSpaceTagsAndNoInlineSubnets(t *testing.T) {
	plan := run(t, validArgs())

	vnets := plan.OfType(vnetType)
	require.Len(t, vnets, 1)
	vnet := vnets[0]
	assert.Equal(t, "net-vnet", vnet.Name)
	assert.Equal(t, map[string]any{
		"resourceGroupName":  "rg-hardaks-dev",
		"virtualNetworkName": "vnet-hardaks-dev",
		"location":           "westeurope",
		"addressSpace":       map[string]any{"addressPrefixes": []any{"10.40.0.0/16"}},
		"tags":               map[string]any{"env": "dev"},
		// SDK defaults.
		"enableDdosProtection": false,
		"enableVmProtection":   false,
	}, vnet.Inputs)
	assert.Equal(t, rgID+"/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev", vnet.ID)
}

func TestEachSubnetHasItsPrefixNameAndPrivateSettings(t *testing.T) {
	plan := run(t, validArgs())

	subnets := plan.OfType(subnetType)
	require.Len(t, subnets, len(subnetCases))
	for i, tc := range subnetCases {
		t.Run("subnet "+tc.azureName, func(t *testing.T) {
			subnet := subnets[i]
			nsg := plan.MustFind(t, nsgType, tc.nsgLogical)
			assert.Equal(t, tc.logical, subnet.Name, "registration order")
			assert.Equal(t, map[string]any{
				"resourceGroupName":              "rg-hardaks-dev",
				"virtualNetworkName":             "vnet-hardaks-dev",
				"subnetName":                     tc.azureName,
				"addressPrefix":                  tc.prefix,
				"privateEndpointNetworkPolicies": tc.endpointPolicies,
				"defaultOutboundAccess":          false,
				// The SDK's default, sent explicitly.
				"privateLinkServiceNetworkPolicies": "Enabled",
				"networkSecurityGroup":              map[string]any{"id": nsg.ID},
			}, subnet.Inputs)
			assert.Equal(t, rgID+"/providers/Microsoft.Network/networkSecurityGroups/"+tc.nsgName, nsg.ID)
		})
	}
}

func TestSubnetsAreCreatedOneAfterAnother(t *testing.T) {
	plan := run(t, withNat(&network.NatGateway{}))

	vnetURN := plan.URNOf(vnetType, "net-vnet")
	var subnetURNs []string
	for _, tc := range subnetCases {
		subnetURNs = append(subnetURNs, plan.URNOf(subnetType, tc.logical))
	}
	for i, tc := range subnetCases {
		t.Run("subnet "+tc.azureName, func(t *testing.T) {
			subnet := plan.MustFind(t, subnetType, tc.logical)
			assert.Contains(t, subnet.Dependencies, vnetURN)
			assert.Contains(t, subnet.Dependencies, plan.URNOf(nsgType, tc.nsgLogical))
			for j, other := range subnetURNs {
				if j == i-1 {
					assert.Contains(t, subnet.Dependencies, other, "must wait for the previous subnet")
				} else {
					assert.NotContains(t, subnet.Dependencies, other)
				}
			}
		})
	}
}

// nsgRule is a rule as the mock records it: numbers are float64, lists []any.
func nsgRule(name string, priority float64, direction, access, protocol, source, destination string, ports ...string) map[string]any {
	r := map[string]any{
		"name":                     name,
		"priority":                 priority,
		"direction":                direction,
		"access":                   access,
		"protocol":                 protocol,
		"sourceAddressPrefix":      source,
		"sourcePortRange":          "*",
		"destinationAddressPrefix": destination,
	}
	if len(ports) == 1 {
		r["destinationPortRange"] = ports[0]
	} else {
		list := make([]any, len(ports))
		for i, p := range ports {
			list[i] = p
		}
		r["destinationPortRanges"] = list
	}
	return r
}

func TestEveryNetworkSecurityGroupHasExactlyTheDocumentedRules(t *testing.T) {
	plan := run(t, validArgs())

	cases := []struct {
		logical, azureName string
		rules              []any
	}{
		{"net-nsg-nodes", "nsg-hardaks-dev-nodes", []any{}},
		{"net-nsg-private-endpoints", "nsg-hardaks-dev-private-endpoints", []any{}},
		{"net-nsg-bastion", "nsg-hardaks-dev-bastion", []any{
			nsgRule("AllowHttpsInbound", 120, "Inbound", "Allow", "Tcp", "Internet", "*", "443"),
			nsgRule("AllowGatewayManagerInbound", 130, "Inbound", "Allow", "Tcp", "GatewayManager", "*", "443"),
			nsgRule("AllowAzureLoadBalancerInbound", 140, "Inbound", "Allow", "Tcp", "AzureLoadBalancer", "*", "443"),
			nsgRule("AllowBastionHostCommunication", 150, "Inbound", "Allow", "*", "VirtualNetwork", "VirtualNetwork", "8080", "5701"),
			nsgRule("AllowSshRdpOutbound", 100, "Outbound", "Allow", "*", "*", "VirtualNetwork", "22", "3389"),
			nsgRule("AllowAzureCloudOutbound", 110, "Outbound", "Allow", "Tcp", "*", "AzureCloud", "443"),
			nsgRule("AllowBastionCommunication", 120, "Outbound", "Allow", "*", "VirtualNetwork", "VirtualNetwork", "8080", "5701"),
			nsgRule("AllowHttpOutbound", 130, "Outbound", "Allow", "*", "*", "Internet", "80"),
		}},
		{"net-nsg-build-agents", "nsg-hardaks-dev-build-agents", []any{
			nsgRule("AllowSshFromBastion", 100, "Inbound", "Allow", "Tcp", "10.40.5.0/26", "*", "22"),
			nsgRule("DenySshFromElsewhere", 110, "Inbound", "Deny", "Tcp", "*", "*", "22"),
		}},
	}
	require.Len(t, plan.OfType(nsgType), len(cases))
	for i, tc := range cases {
		t.Run("nsg "+tc.azureName, func(t *testing.T) {
			nsg := plan.OfType(nsgType)[i]
			assert.Equal(t, tc.logical, nsg.Name, "registration order")
			assert.Equal(t, map[string]any{
				"resourceGroupName":        "rg-hardaks-dev",
				"networkSecurityGroupName": tc.azureName,
				"location":                 "westeurope",
				"securityRules":            tc.rules,
				"tags":                     map[string]any{"env": "dev"},
			}, nsg.Inputs)
		})
	}
	assert.Len(t, offline.Get(plan.MustFind(t, nsgType, "net-nsg-bastion").Inputs, "securityRules"), 8)
}

func TestNoSecurityGroupButBastionsAllowsInboundTrafficFromTheInternet(t *testing.T) {
	plan := run(t, withNat(&network.NatGateway{}))

	open := map[string]bool{"Internet": true, "*": true, "0.0.0.0/0": true, "Any": true}
	checked := 0
	for _, nsg := range plan.OfType(nsgType) {
		if nsg.Name == "net-nsg-bastion" {
			continue
		}
		rules, _ := offline.Get(nsg.Inputs, "securityRules").([]any)
		for i := range rules {
			rule := rules[i].(map[string]any)
			checked++
			if rule["direction"] == "Inbound" && rule["access"] == "Allow" {
				assert.False(t, open[rule["sourceAddressPrefix"].(string)], "%s rule %s admits %s",
					nsg.Name, rule["name"], rule["sourceAddressPrefix"])
				assert.Nil(t, rule["sourceAddressPrefixes"], "%s rule %s", nsg.Name, rule["name"])
			}
		}
	}
	assert.Equal(t, 2, checked, "the build-agent rules were inspected")
}

func TestNatGatewayIsOptional(t *testing.T) {
	t.Run("without a NAT gateway no NAT, prefix or public IP exists and no subnet references one", func(t *testing.T) {
		plan := run(t, validArgs())

		assert.Empty(t, plan.OfType(natType))
		assert.Empty(t, plan.OfType(prefixType))
		assert.Empty(t, plan.OfType(publicIPType))
		for _, subnet := range plan.OfType(subnetType) {
			assert.NotContains(t, subnet.Inputs, "natGateway", subnet.Name)
		}
		assert.Nil(t, plan.Outputs["natGatewayId"], "no NAT gateway, no ID")
	})

	t.Run("with a NAT gateway the nodes and build agents egress through it from a public IP prefix", func(t *testing.T) {
		plan := run(t, withNat(&network.NatGateway{IdleTimeoutMinutes: 10, Zones: []string{"1"}, PublicIPPrefixLength: 30}))

		require.Len(t, plan.OfType(prefixType), 1)
		require.Len(t, plan.OfType(natType), 1)
		assert.Empty(t, plan.OfType(publicIPType))

		prefix := plan.OfType(prefixType)[0]
		assert.Equal(t, "net-nat-ippre", prefix.Name)
		assert.Equal(t, map[string]any{
			"resourceGroupName":      "rg-hardaks-dev",
			"publicIpPrefixName":     "ippre-hardaks-dev-nat",
			"location":               "westeurope",
			"sku":                    map[string]any{"name": "Standard", "tier": "Regional"},
			"publicIPAddressVersion": "IPv4",
			"prefixLength":           float64(30),
			"zones":                  []any{"1"},
			"tags":                   map[string]any{"env": "dev"},
		}, prefix.Inputs)

		nat := plan.OfType(natType)[0]
		assert.Equal(t, "net-nat", nat.Name)
		assert.Equal(t, rgID+"/providers/Microsoft.Network/natGateways/ng-hardaks-dev", nat.ID)
		assert.Equal(t, map[string]any{
			"resourceGroupName":    "rg-hardaks-dev",
			"natGatewayName":       "ng-hardaks-dev",
			"location":             "westeurope",
			"sku":                  map[string]any{"name": "Standard"},
			"idleTimeoutInMinutes": float64(10),
			"publicIpPrefixes":     []any{map[string]any{"id": rgID + "/providers/Microsoft.Network/publicIPPrefixes/ippre-hardaks-dev-nat"}},
			"zones":                []any{"1"},
			"tags":                 map[string]any{"env": "dev"},
		}, nat.Inputs)

		for _, tc := range subnetCases {
			subnet := plan.MustFind(t, subnetType, tc.logical)
			if tc.natWhenEnabled {
				assert.Equal(t, map[string]any{"id": nat.ID}, subnet.Inputs["natGateway"], tc.azureName)
				assert.Contains(t, subnet.Dependencies, nat.URN, tc.azureName)
			} else {
				assert.NotContains(t, subnet.Inputs, "natGateway", tc.azureName)
			}
		}
		assert.Equal(t, nat.ID, plan.Outputs["natGatewayId"])
	})

	t.Run("zero NAT values take Azure-compatible defaults and no zone", func(t *testing.T) {
		plan := run(t, withNat(&network.NatGateway{}))

		prefix := plan.MustFind(t, prefixType, "net-nat-ippre")
		nat := plan.MustFind(t, natType, "net-nat")
		assert.Equal(t, float64(31), prefix.Inputs["prefixLength"])
		assert.Equal(t, float64(4), nat.Inputs["idleTimeoutInMinutes"])
		assert.NotContains(t, prefix.Inputs, "zones")
		assert.NotContains(t, nat.Inputs, "zones")
	})
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	plan := run(t, withNat(&network.NatGateway{}))

	components := plan.OfType(componentType)
	require.Len(t, components, 1)
	comp := components[0]
	assert.Equal(t, "net", comp.Name)
	assert.Empty(t, comp.Parent)
	assert.Equal(t, comp.URN, plan.Resources[0].URN, "the component registers first")

	// vnet, 4 NSGs, prefix, NAT gateway, 4 subnets
	require.Len(t, plan.Resources, 1+1+4+2+4)
	for _, r := range plan.Resources[1:] {
		assert.Equal(t, comp.URN, r.Parent, r.Name)
	}
}

func TestOutputsResolveToTheChildResourceIDs(t *testing.T) {
	plan := run(t, validArgs())

	assert.Equal(t, rgID+"/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev", plan.Outputs["virtualNetworkId"])
	assert.Equal(t, "vnet-hardaks-dev", plan.Outputs["virtualNetworkName"])
	outputs := map[string]string{
		"nodeSubnetId":            "net-snet-nodes",
		"privateEndpointSubnetId": "net-snet-private-endpoints",
		"bastionSubnetId":         "net-snet-bastion",
		"buildAgentSubnetId":      "net-snet-build-agents",
	}
	seen := map[any]bool{}
	for output, logical := range outputs {
		subnet := plan.MustFind(t, subnetType, logical)
		require.NotEmpty(t, subnet.ID)
		assert.Equal(t, subnet.ID, plan.Outputs[output], output)
		seen[plan.Outputs[output]] = true
	}
	assert.Len(t, seen, 4, "every subnet output is a different subnet")
	assert.Nil(t, plan.Outputs["natGatewayId"], "no NAT gateway, no ID")
}

func TestPlainPrefixesAreKeptOnTheComponent(t *testing.T) {
	var got *network.Network
	_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		var err error
		got, err = network.NewNetwork(ctx, "net", validArgs())
		return pulumi.Map{}, err
	})
	require.NoError(t, err)
	assert.Equal(t, "10.40.0.0/16", got.AddressSpace)
	assert.Equal(t, "10.40.0.0/22", got.NodeSubnetPrefix)
	assert.Equal(t, "10.40.4.0/24", got.PrivateEndpointSubnetPrefix)
	assert.Equal(t, "10.40.5.0/26", got.BastionSubnetPrefix)
	assert.Equal(t, "10.40.6.0/24", got.BuildAgentSubnetPrefix)
}

func TestInvalidArgumentsAreRejectedWithAClearError(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*network.NetworkArgs) *network.NetworkArgs
		want   string
	}{
		{"nil args", func(*network.NetworkArgs) *network.NetworkArgs { return nil },
			"network: args must not be nil"},
		{"missing resource group", func(a *network.NetworkArgs) *network.NetworkArgs { a.ResourceGroupName = nil; return a },
			"network: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"missing location", func(a *network.NetworkArgs) *network.NetworkArgs { a.Location = nil; return a },
			"network: location = (not set): is required; set an Azure region, e.g. westeurope"},
		{"missing VNet name", func(a *network.NetworkArgs) *network.NetworkArgs { a.VirtualNetworkName = ""; return a },
			"network: virtualNetworkName = (not set): is required; name the virtual network"},
		{"missing address space", func(a *network.NetworkArgs) *network.NetworkArgs { a.AddressSpace = ""; return a },
			"network: addressSpace = (not set): is required; set an IPv4 CIDR such as 10.40.0.0/22"},
		{"missing build agent prefix", func(a *network.NetworkArgs) *network.NetworkArgs { a.BuildAgentSubnetPrefix = ""; return a },
			"network: buildAgentSubnetPrefix = (not set): is required; set an IPv4 CIDR such as 10.40.0.0/22"},
		{"address space that is not a CIDR", func(a *network.NetworkArgs) *network.NetworkArgs { a.AddressSpace = "10.40.0.0"; return a },
			`network: addressSpace = "10.40.0.0": is not an IPv4 CIDR; write it as address/prefix-length, e.g. 10.40.0.0/22`},
		{"subnet prefix with an impossible length", func(a *network.NetworkArgs) *network.NetworkArgs { a.NodeSubnetPrefix = "10.40.0.0/33"; return a },
			`network: nodeSubnetPrefix = "10.40.0.0/33": is not an IPv4 CIDR; write it as address/prefix-length, e.g. 10.40.0.0/22`},
		{"IPv6 prefix", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.PrivateEndpointSubnetPrefix = "fd00::/64"
			return a
		},
			`network: privateEndpointSubnetPrefix = "fd00::/64": is not an IPv4 CIDR; write it as address/prefix-length, e.g. 10.40.0.0/22`},
		{"prefix with host bits", func(a *network.NetworkArgs) *network.NetworkArgs { a.BuildAgentSubnetPrefix = "10.40.6.7/24"; return a },
			`network: buildAgentSubnetPrefix = "10.40.6.7/24": has host bits set; use 10.40.6.0/24`},
		{"subnet outside the address space", func(a *network.NetworkArgs) *network.NetworkArgs { a.NodeSubnetPrefix = "10.41.0.0/22"; return a },
			`network: nodeSubnetPrefix = "10.41.0.0/22": lies outside the VNet address space 10.40.0.0/16; choose a prefix inside 10.40.0.0/16`},
		{"subnet larger than the address space", func(a *network.NetworkArgs) *network.NetworkArgs { a.NodeSubnetPrefix = "10.40.0.0/15"; return a },
			"network: nodeSubnetPrefix = \"10.40.0.0/15\": lies outside the VNet address space 10.40.0.0/16; choose a prefix inside 10.40.0.0/16\nnetwork: privateEndpointSubnetPrefix = \"10.40.4.0/24\": overlaps nodeSubnetPrefix (10.40.0.0/15); give every subnet its own range\nnetwork: bastionSubnetPrefix = \"10.40.5.0/26\": overlaps nodeSubnetPrefix (10.40.0.0/15); give every subnet its own range\nnetwork: buildAgentSubnetPrefix = \"10.40.6.0/24\": overlaps nodeSubnetPrefix (10.40.0.0/15); give every subnet its own range"},
		{"subnet smaller than /29", func(a *network.NetworkArgs) *network.NetworkArgs { a.BuildAgentSubnetPrefix = "10.40.6.0/30"; return a },
			`network: buildAgentSubnetPrefix = "10.40.6.0/30": is smaller than /29, the smallest subnet Azure allows; use a /29 or larger prefix`},
		{"overlapping subnets", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.BuildAgentSubnetPrefix = "10.40.4.128/25"
			return a
		},
			`network: buildAgentSubnetPrefix = "10.40.4.128/25": overlaps privateEndpointSubnetPrefix (10.40.4.0/24); give every subnet its own range`},
		{"bastion subnet smaller than /26", func(a *network.NetworkArgs) *network.NetworkArgs { a.BastionSubnetPrefix = "10.40.5.0/27"; return a },
			`network: bastionSubnetPrefix = "10.40.5.0/27": AzureBastionSubnet must be /26 or larger; use a /26 such as 10.40.5.0/26`},
		{"NAT gateway in two zones", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.NatGateway = &network.NatGateway{Zones: []string{"1", "2"}}
			return a
		},
			`network: natGateway.zones = ["1" "2"]: lists 2 zones; a Standard NAT gateway is zonal and takes at most one; list one zone, or none`},
		{"NAT gateway with an empty zone", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.NatGateway = &network.NatGateway{Zones: []string{""}}
			return a
		},
			`network: natGateway.zones = [""]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
		{"NAT idle timeout above 120", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.NatGateway = &network.NatGateway{IdleTimeoutMinutes: 121}
			return a
		},
			`network: natGateway.idleTimeoutMinutes = "121": must be 4–120 minutes; set a value between 4 and 120`},
		{"NAT public IP prefix longer than /31", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.NatGateway = &network.NatGateway{PublicIPPrefixLength: 32}
			return a
		},
			`network: natGateway.publicIpPrefixLength = "32": a NAT gateway takes a /28 to /31 public IP prefix; set 28, 29, 30 or 31`},
		{"NAT public IP prefix shorter than /28", func(a *network.NetworkArgs) *network.NetworkArgs {
			a.NatGateway = &network.NatGateway{PublicIPPrefixLength: 27}
			return a
		},
			`network: natGateway.publicIpPrefixLength = "27": a NAT gateway takes a /28 to /31 public IP prefix; set 28, 29, 30 or 31`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.mutate(validArgs())
			plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, err := network.NewNetwork(ctx, "net", args)
				return nil, err
			})
			require.Error(t, err)
			assert.Nil(t, plan)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
