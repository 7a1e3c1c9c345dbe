package network

import "strings"

// subnetRole identifies one of the four subnets; it is also the suffix of the child resources' logical names.
type subnetRole string

const (
	roleNodes            subnetRole = "nodes"
	rolePrivateEndpoints subnetRole = "private-endpoints"
	roleBastion          subnetRole = "bastion"
	roleBuildAgents      subnetRole = "build-agents"
	roleFirewall         subnetRole = "firewall"
)

// subnetRoles are the subnets the args ask for, in the order they are registered; each subnet waits for the one
// before it. AzureFirewallSubnet comes first: the firewall in it, and the route table to the firewall's private
// IP, must exist before the node and build agent subnets that use the route.
func (a *NetworkArgs) subnetRoles() []subnetRole {
	roles := []subnetRole{roleNodes, rolePrivateEndpoints, roleBastion, roleBuildAgents}
	if a.Firewall != nil {
		roles = append([]subnetRole{roleFirewall}, roles...)
	}
	return roles
}

const (
	// bastionSubnetName is the name Azure Bastion requires for its subnet.
	// https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
	bastionSubnetName = "AzureBastionSubnet"
	// firewallSubnetName is the name Azure Firewall requires for its subnet.
	// https://learn.microsoft.com/azure/firewall/tutorial-firewall-deploy-portal-policy#create-a-virtual-network
	firewallSubnetName = "AzureFirewallSubnet"
)

// names derives the Azure names of the component's resources from the VNet name.
type names struct {
	virtualNetwork string
	base           string
}

func namesFor(virtualNetworkName string) names {
	base := strings.TrimPrefix(virtualNetworkName, "vnet-")
	if base == "" {
		base = virtualNetworkName
	}
	return names{virtualNetwork: virtualNetworkName, base: base}
}

func (n names) subnet(role subnetRole) string {
	switch role {
	case roleBastion:
		return bastionSubnetName
	case roleFirewall:
		return firewallSubnetName
	}
	return "snet-" + string(role)
}

func (n names) securityGroup(role subnetRole) string { return "nsg-" + n.base + "-" + string(role) }

func (n names) natGateway() string { return "ng-" + n.base }

func (n names) natPublicIPPrefix() string { return "ippre-" + n.base + "-nat" }

func (n names) firewall() string { return "afw-" + n.base }

func (n names) firewallPolicy() string { return "afwp-" + n.base }

func (n names) firewallPublicIP() string { return "pip-" + n.base + "-firewall" }

func (n names) firewallDiagnosticSetting() string { return "diag-afw-" + n.base }

func (n names) routeTable() string { return "rt-" + n.base + "-egress" }

// prefix returns the address prefix the args give the subnet of this role.
func (a *NetworkArgs) prefix(role subnetRole) string {
	switch role {
	case roleNodes:
		return a.NodeSubnetPrefix
	case rolePrivateEndpoints:
		return a.PrivateEndpointSubnetPrefix
	case roleBastion:
		return a.BastionSubnetPrefix
	case roleFirewall:
		return a.FirewallSubnetPrefix
	default:
		return a.BuildAgentSubnetPrefix
	}
}
