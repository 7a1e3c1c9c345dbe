package network

import "strings"

// subnetRole identifies one of the four subnets; it is also the suffix of the child resources' logical names.
type subnetRole string

const (
	roleNodes            subnetRole = "nodes"
	rolePrivateEndpoints subnetRole = "private-endpoints"
	roleBastion          subnetRole = "bastion"
	roleBuildAgents      subnetRole = "build-agents"
)

// subnetOrder is the order subnets (and their NSGs) are registered in; each subnet waits for the one before it.
var subnetOrder = []subnetRole{roleNodes, rolePrivateEndpoints, roleBastion, roleBuildAgents}

// bastionSubnetName is the name Azure Bastion requires for its subnet.
// https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
const bastionSubnetName = "AzureBastionSubnet"

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
	if role == roleBastion {
		return bastionSubnetName
	}
	return "snet-" + string(role)
}

func (n names) securityGroup(role subnetRole) string { return "nsg-" + n.base + "-" + string(role) }

func (n names) natGateway() string { return "ng-" + n.base }

func (n names) natPublicIPPrefix() string { return "ippre-" + n.base + "-nat" }

// prefix returns the address prefix the args give the subnet of this role.
func (a *NetworkArgs) prefix(role subnetRole) string {
	switch role {
	case roleNodes:
		return a.NodeSubnetPrefix
	case rolePrivateEndpoints:
		return a.PrivateEndpointSubnetPrefix
	case roleBastion:
		return a.BastionSubnetPrefix
	default:
		return a.BuildAgentSubnetPrefix
	}
}
