// Package network builds the spoke virtual network of a hardaks environment: one VNet, four private subnets
// (AKS nodes, private endpoints, Azure Bastion, build agents), one network security group per subnet, and the
// egress of the node and build agent subnets: a NAT gateway, an Azure Firewall of its own in AzureFirewallSubnet,
// or a route to a firewall in a peered hub.
//
// Azure names are derived from VirtualNetworkName (CAF abbreviations, with a leading "vnet-" dropped so names do
// not repeat it; "vnet-hardaks-dev" gives the base "hardaks-dev"):
//
//	subnets:   snet-nodes, snet-private-endpoints, AzureBastionSubnet, snet-build-agents
//	NSGs:      nsg-<base>-nodes, nsg-<base>-private-endpoints, nsg-<base>-bastion, nsg-<base>-build-agents
//	NAT:       ng-<base> (NAT gateway), ippre-<base>-nat (its public IP prefix)
//	firewall:  AzureFirewallSubnet, afw-<base> (firewall), afwp-<base> (policy), pip-<base>-firewall (public IP),
//	           diag-afw-<base> (diagnostic setting)
//	route:     rt-<base>-egress (route table of the node and build agent subnets)
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
	NatGateway *NatGateway `pulumi:"natGateway,optional"`
	// Firewall creates an Azure Firewall in AzureFirewallSubnet and routes the node and build agent subnets'
	// egress through it; nil means none. It excludes NatGateway and HubFirewallPrivateIP.
	Firewall *Firewall `pulumi:"firewall,optional"`
	// FirewallSubnetPrefix is AzureFirewallSubnet, /26 or larger; required with Firewall, empty without.
	FirewallSubnetPrefix string `pulumi:"firewallSubnetPrefix,optional"`
	// HubFirewallPrivateIP routes the node and build agent subnets' egress to an existing firewall or virtual
	// appliance at this private IPv4 address, outside the VNet in a peered hub; empty means none. It excludes
	// NatGateway and Firewall.
	HubFirewallPrivateIP string `pulumi:"hubFirewallPrivateIp,optional"`
	// LogAnalyticsWorkspaceID receives the firewall's logs and metrics; required with Firewall.
	LogAnalyticsWorkspaceID pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId,optional"`
	// Tags go on every taggable resource.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// NatGateway configures the optional NAT gateway.
type NatGateway struct {
	// IdleTimeoutMinutes is the TCP idle timeout, 4-120; 0 means Azure's default of 4.
	IdleTimeoutMinutes int `pulumi:"idleTimeoutMinutes,optional"`
	// Zones pins the NAT gateway and its public IP prefix to one availability zone; empty lets Azure choose.
	// A Standard NAT gateway is zonal, so at most one zone is allowed.
	Zones []string `pulumi:"zones,optional"`
	// PublicIPPrefixLength is the length of the outbound public IP prefix, 28-31; 0 means 31 (two addresses).
	PublicIPPrefixLength int `pulumi:"publicIpPrefixLength,optional"`
}

// Firewall configures the Azure Firewall.
type Firewall struct {
	// Sku is FirewallSkuStandard or FirewallSkuPremium (adds IDPS in Deny mode).
	Sku string `pulumi:"sku"`
	// Zones are the availability zones of the firewall and its public IP; empty lets Azure choose.
	Zones []string `pulumi:"zones,optional"`
	// BuildAgentRules are the endpoints the build agent subnet may reach, beyond nothing: its CI system and the
	// sources its tools install from.
	BuildAgentRules []ApplicationRule `pulumi:"buildAgentRules,optional"`
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
	// NatGatewayID is the ARM ID of the NAT gateway; nil when there is none.
	NatGatewayID pulumi.StringPtrOutput `pulumi:"natGatewayId,optional"`
	// EgressPrivateIP is the next hop of the node and build agent subnets' default route: the firewall's private
	// IP, or HubFirewallPrivateIP; nil with a NAT gateway or no egress.
	EgressPrivateIP pulumi.StringPtrOutput `pulumi:"egressPrivateIp"`
	// FirewallPublicIPID is the ARM ID of the firewall's public IP address, the environment's egress address;
	// nil without Firewall.
	FirewallPublicIPID pulumi.StringPtrOutput `pulumi:"firewallPublicIpId"`

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

// NewNetwork registers the VNet, its NSGs, the optional NAT gateway, the hub route, and the subnets, in that order;
// with Firewall, AzureFirewallSubnet is the first subnet, followed by the firewall and its route.
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

	nsgs := map[subnetRole]pulumi.StringInput{}
	for _, role := range args.subnetRoles() {
		if role == roleFirewall {
			continue // Azure Firewall does not support an NSG on its subnet.
		}
		nsg, err := newSecurityGroup(ctx, name+"-nsg-"+string(role), args, names.securityGroup(role), securityRules(role, args), parent)
		if err != nil {
			return nil, err
		}
		nsgs[role] = nsg.ID().ToStringOutput()
	}

	natGatewayID := pulumi.ToOutput((*string)(nil)).(pulumi.StringPtrOutput)
	var natID pulumi.StringInput
	if args.NatGateway != nil {
		nat, err := newNatGateway(ctx, name+"-nat", args, names, parent)
		if err != nil {
			return nil, err
		}
		id := nat.ID().ToStringOutput()
		natID, natGatewayID = id, id.ToStringPtrOutput()
	}

	egressPrivateIP := pulumi.ToOutput((*string)(nil)).(pulumi.StringPtrOutput)
	firewallPublicIPID := pulumi.ToOutput((*string)(nil)).(pulumi.StringPtrOutput)
	var routeTableID pulumi.StringInput
	newRoute := func(nextHop pulumi.StringInput) error {
		rt, err := newRouteTable(ctx, name+"-rt", args, names, nextHop, parent)
		if err != nil {
			return err
		}
		routeTableID = rt.ID()
		egressPrivateIP = nextHop.ToStringOutput().ToStringPtrOutput()
		return nil
	}
	if args.HubFirewallPrivateIP != "" {
		if err := newRoute(pulumi.String(args.HubFirewallPrivateIP)); err != nil {
			return nil, err
		}
	}

	subnetIDs := map[subnetRole]pulumi.StringOutput{}
	var previous pulumi.Resource
	for _, role := range args.subnetRoles() {
		subnet, err := newSubnet(ctx, name+"-snet-"+string(role), subnetSpec{
			role:              role,
			resourceGroupName: args.ResourceGroupName,
			// The VNet's name output, not the plain name, so every subnet depends on the VNet.
			virtualNetworkName: vnet.Name,
			subnetName:         names.subnet(role),
			prefix:             args.prefix(role),
			securityGroupID:    nsgs[role],
			natGatewayID:       natID,
			routeTableID:       routeTableID,
		}, previous, parent)
		if err != nil {
			return nil, err
		}
		subnetIDs[role] = subnet.ID().ToStringOutput()
		previous = subnet
		if role == roleFirewall {
			fw, err := newFirewall(ctx, name+"-firewall", args, names, subnet.ID(), parent)
			if err != nil {
				return nil, err
			}
			// The route's next hop is the firewall's private IP, so the route table, and the subnets after it,
			// wait for the firewall and its rules.
			if err := newRoute(fw.privateIP); err != nil {
				return nil, err
			}
			firewallPublicIPID = fw.publicIP.ID().ToStringOutput().ToStringPtrOutput()
		}
	}

	comp.VirtualNetworkID = vnet.ID().ToStringOutput()
	comp.VirtualNetworkName = vnet.Name
	comp.NodeSubnetID = subnetIDs[roleNodes]
	comp.PrivateEndpointSubnetID = subnetIDs[rolePrivateEndpoints]
	comp.BastionSubnetID = subnetIDs[roleBastion]
	comp.BuildAgentSubnetID = subnetIDs[roleBuildAgents]
	comp.NatGatewayID = natGatewayID
	comp.EgressPrivateIP = egressPrivateIP
	comp.FirewallPublicIPID = firewallPublicIPID

	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"virtualNetworkId":        comp.VirtualNetworkID,
		"virtualNetworkName":      comp.VirtualNetworkName,
		"nodeSubnetId":            comp.NodeSubnetID,
		"privateEndpointSubnetId": comp.PrivateEndpointSubnetID,
		"bastionSubnetId":         comp.BastionSubnetID,
		"buildAgentSubnetId":      comp.BuildAgentSubnetID,
		"natGatewayId":            comp.NatGatewayID,
		"egressPrivateIp":         comp.EgressPrivateIP,
		"firewallPublicIpId":      comp.FirewallPublicIPID,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}
