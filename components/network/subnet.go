package network

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// subnetSpec is everything one subnet is built from.
type subnetSpec struct {
	role               subnetRole
	resourceGroupName  pulumi.StringInput
	virtualNetworkName pulumi.StringInput
	subnetName         string
	prefix             string
	// securityGroupID is nil for AzureFirewallSubnet, which takes no NSG.
	securityGroupID pulumi.StringInput
	// natGatewayID is nil when there is no NAT gateway.
	natGatewayID pulumi.StringInput
	// routeTableID is nil unless egress goes through a firewall.
	routeTableID pulumi.StringInput
}

// newSubnet creates one subnet. after is the subnet registered before it (nil for the first): the network resource
// provider rejects concurrent writes to the subnets of one VNet with AnotherOperationInProgress, so the subnets are
// created, updated and deleted one at a time.
func newSubnet(ctx *pulumi.Context, logicalName string, spec subnetSpec, after pulumi.Resource, opts ...pulumi.ResourceOption) (*aznetwork.Subnet, error) {
	if after != nil {
		opts = append(opts, pulumi.DependsOn([]pulumi.Resource{after}))
	}
	return aznetwork.NewSubnet(ctx, logicalName, subnetArgs(spec), opts...)
}

func subnetArgs(spec subnetSpec) *aznetwork.SubnetArgs {
	args := &aznetwork.SubnetArgs{
		ResourceGroupName:  spec.resourceGroupName,
		VirtualNetworkName: spec.virtualNetworkName,
		SubnetName:         pulumi.String(spec.subnetName),
		AddressPrefix:      pulumi.String(spec.prefix),
		// Private subnet: no implicit outbound IP; egress only through the NAT gateway (or whatever the platform
		// team routes). https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access
		DefaultOutboundAccess: pulumi.Bool(false),
		// No delegations: AKS with Azure CNI overlay and plain VMs need none, and AzureBastionSubnet forbids them.
		PrivateEndpointNetworkPolicies: pulumi.String(privateEndpointNetworkPolicies(spec.role)),
	}
	if spec.securityGroupID != nil {
		args.NetworkSecurityGroup = &aznetwork.NetworkSecurityGroupTypeArgs{Id: spec.securityGroupID.ToStringOutput()}
	}
	if spec.natGatewayID != nil && egressAttached(spec.role) {
		args.NatGateway = &aznetwork.SubResourceArgs{Id: spec.natGatewayID.ToStringOutput()}
	}
	if spec.routeTableID != nil && egressAttached(spec.role) {
		args.RouteTable = &aznetwork.RouteTableTypeArgs{Id: spec.routeTableID.ToStringOutput()}
	}
	return args
}

// privateEndpointNetworkPolicies enables network policies on the private endpoint subnet so its NSG (and any UDR)
// applies to the private endpoints; without it Azure bypasses NSGs for private endpoint traffic.
// https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy
// The other subnets hold no private endpoints and say so explicitly.
func privateEndpointNetworkPolicies(role subnetRole) string {
	if role == rolePrivateEndpoints {
		return "Enabled"
	}
	return "Disabled"
}

// egressAttached says which subnets egress through the NAT gateway or the firewall route: the nodes and build
// agents. AzureBastionSubnet supports neither a NAT gateway nor a default route to an appliance (Bastion egresses
// through its own public IP), private endpoints never initiate outbound connections, and AzureFirewallSubnet is
// the firewall's own.
func egressAttached(role subnetRole) bool {
	return role == roleNodes || role == roleBuildAgents
}
