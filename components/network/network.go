// Package network builds the spoke virtual network of a hardaks environment: one VNet, four private subnets
// (AKS nodes, private endpoints, Azure Bastion, build agents), one network security group per subnet and an
// optional NAT gateway for the subnets that need outbound internet access.
//
// Azure names are derived from VirtualNetworkName (CAF abbreviations, with a leading "vnet-" dropped so names do
// not repeat it; "vnet-hardaks-dev" gives the base "hardaks-dev"):
//
//	subnets:   snet-nodes, snet-private-endpoints, AzureBastionSubnet, snet-build-agents
//	NSGs:      nsg-<base>-nodes, nsg-<base>-private-endpoints, nsg-<base>-bastion, nsg-<base>-build-agents
//	NAT:       ng-<base> (NAT gateway), ippre-<base>-nat (its public IP prefix)
package network

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NetworkArgs configures a Network.
type NetworkArgs struct {
	// ResourceGroupName is the resource group that holds every resource of the component.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region of the VNet, NSGs and NAT gateway.
	Location pulumi.StringInput `pulumi:"location"`
	// VirtualNetworkName is the Azure name of the VNet, e.g. "vnet-hardaks-dev"; every other name derives from it.
	VirtualNetworkName string `pulumi:"virtualNetworkName"`
	// AddressSpace is the VNet's IPv4 address space, e.g. "10.40.0.0/16".
	AddressSpace string `pulumi:"addressSpace"`
	// NodeSubnetPrefix is the AKS node subnet. With Azure CNI overlay pods take addresses outside the VNet, so it
	// only needs room for nodes (plus surge nodes during upgrades).
	NodeSubnetPrefix string `pulumi:"nodeSubnetPrefix"`
	// PrivateEndpointSubnetPrefix is the subnet for the private endpoints of the registry, key vault and so on.
	PrivateEndpointSubnetPrefix string `pulumi:"privateEndpointSubnetPrefix"`
	// BastionSubnetPrefix is AzureBastionSubnet; Azure requires /26 or larger.
	BastionSubnetPrefix string `pulumi:"bastionSubnetPrefix"`
	// BuildAgentSubnetPrefix is the subnet of the self-hosted build agent VMs.
	BuildAgentSubnetPrefix string `pulumi:"buildAgentSubnetPrefix"`
	// NatGateway adds a NAT gateway to the node and build-agent subnets; nil means no NAT gateway.
	NatGateway *NatGatewayArgs `pulumi:"natGateway,optional"`
	// Tags go on every taggable resource.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// NatGatewayArgs configures the optional NAT gateway.
type NatGatewayArgs struct {
	// IdleTimeoutMinutes is the TCP idle timeout, 4-120; 0 means Azure's default of 4.
	IdleTimeoutMinutes int `pulumi:"idleTimeoutMinutes"`
	// Zones pins the NAT gateway and its public IP prefix to one availability zone; empty lets Azure choose.
	// A Standard NAT gateway is zonal, so at most one zone is allowed.
	Zones []string `pulumi:"zones,optional"`
	// PublicIPPrefixLength is the length of the outbound public IP prefix, 28-31; 0 means 31 (two addresses).
	PublicIPPrefixLength int `pulumi:"publicIpPrefixLength"`
}

// Network is the spoke virtual network with its subnets, NSGs and optional NAT gateway.
type Network struct {
	pulumi.ResourceState

	// VirtualNetworkID is the ARM ID of the VNet.
	VirtualNetworkID pulumi.StringOutput `pulumi:"virtualNetworkId"`
	// VirtualNetworkName is the Azure name of the VNet.
	VirtualNetworkName pulumi.StringOutput `pulumi:"virtualNetworkName"`
	// NodeSubnetID is the ARM ID of the AKS node subnet.
	NodeSubnetID pulumi.StringOutput `pulumi:"nodeSubnetId"`
	// PrivateEndpointSubnetID is the ARM ID of the private endpoint subnet.
	PrivateEndpointSubnetID pulumi.StringOutput `pulumi:"privateEndpointSubnetId"`
	// BastionSubnetID is the ARM ID of AzureBastionSubnet.
	BastionSubnetID pulumi.StringOutput `pulumi:"bastionSubnetId"`
	// BuildAgentSubnetID is the ARM ID of the build agent subnet.
	BuildAgentSubnetID pulumi.StringOutput `pulumi:"buildAgentSubnetId"`
	// NatGatewayID is the ARM ID of the NAT gateway, or "" when there is none.
	NatGatewayID pulumi.StringOutput `pulumi:"natGatewayId"`

	// AddressSpace is the VNet address space, as given.
	AddressSpace string
	// NodeSubnetPrefix is the node subnet prefix, as given.
	NodeSubnetPrefix string
	// PrivateEndpointSubnetPrefix is the private endpoint subnet prefix, as given.
	PrivateEndpointSubnetPrefix string
	// BastionSubnetPrefix is the AzureBastionSubnet prefix, as given.
	BastionSubnetPrefix string
	// BuildAgentSubnetPrefix is the build agent subnet prefix, as given.
	BuildAgentSubnetPrefix string
}

// NewNetwork registers the VNet, its NSGs, the optional NAT gateway and the four subnets, in that order.
func NewNetwork(ctx *pulumi.Context, name string, args *NetworkArgs, opts ...pulumi.ResourceOption) (*Network, error) {
	if args == nil {
		return nil, errors.New("network: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}
	names := namesFor(args.VirtualNetworkName)

	comp := &Network{
		AddressSpace:                args.AddressSpace,
		NodeSubnetPrefix:            args.NodeSubnetPrefix,
		PrivateEndpointSubnetPrefix: args.PrivateEndpointSubnetPrefix,
		BastionSubnetPrefix:         args.BastionSubnetPrefix,
		BuildAgentSubnetPrefix:      args.BuildAgentSubnetPrefix,
	}
	if err := ctx.RegisterComponentResource("hardaks:network:Network", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	vnet, err := newVirtualNetwork(ctx, name+"-vnet", args, names, parent)
	if err != nil {
		return nil, err
	}

	nsgs := map[subnetRole]pulumi.StringOutput{}
	for _, role := range subnetOrder {
		nsg, err := newSecurityGroup(ctx, name+"-nsg-"+string(role), args, names.securityGroup(role), securityRules(role, args), parent)
		if err != nil {
			return nil, err
		}
		nsgs[role] = nsg.ID().ToStringOutput()
	}

	natGatewayID := pulumi.String("").ToStringOutput()
	var natID pulumi.StringInput
	if args.NatGateway != nil {
		nat, err := newNatGateway(ctx, name+"-nat", args, names, parent)
		if err != nil {
			return nil, err
		}
		natGatewayID = nat.ID().ToStringOutput()
		natID = natGatewayID
	}

	subnetIDs := map[subnetRole]pulumi.StringOutput{}
	var previous pulumi.Resource
	for _, role := range subnetOrder {
		subnet, err := newSubnet(ctx, name+"-snet-"+string(role), subnetSpec{
			role:              role,
			resourceGroupName: args.ResourceGroupName,
			// The VNet's name output, not the plain name, so every subnet depends on the VNet.
			virtualNetworkName: vnet.Name,
			subnetName:         names.subnet(role),
			prefix:             args.prefix(role),
			securityGroupID:    nsgs[role],
			natGatewayID:       natID,
		}, previous, parent)
		if err != nil {
			return nil, err
		}
		subnetIDs[role] = subnet.ID().ToStringOutput()
		previous = subnet
	}

	comp.VirtualNetworkID = vnet.ID().ToStringOutput()
	comp.VirtualNetworkName = vnet.Name
	comp.NodeSubnetID = subnetIDs[roleNodes]
	comp.PrivateEndpointSubnetID = subnetIDs[rolePrivateEndpoints]
	comp.BastionSubnetID = subnetIDs[roleBastion]
	comp.BuildAgentSubnetID = subnetIDs[roleBuildAgents]
	comp.NatGatewayID = natGatewayID

	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"virtualNetworkId":        comp.VirtualNetworkID,
		"virtualNetworkName":      comp.VirtualNetworkName,
		"nodeSubnetId":            comp.NodeSubnetID,
		"privateEndpointSubnetId": comp.PrivateEndpointSubnetID,
		"bastionSubnetId":         comp.BastionSubnetID,
		"buildAgentSubnetId":      comp.BuildAgentSubnetID,
		"natGatewayId":            comp.NatGatewayID,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}
