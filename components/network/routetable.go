package network

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newRouteTable creates the route table of the node and build agent subnets: every destination outside the VNet
// goes to the firewall at nextHop. AKS with outboundType userDefinedRouting requires exactly this default route to
// a virtual appliance on the node subnet before the cluster is created, and leaves the table alone with Azure CNI.
// https://learn.microsoft.com/azure/aks/egress-outboundtype#outbound-type-of-userdefinedrouting
//
// The routes are inline, so the table owns its whole route set. BGP propagation is off: a route learned from an
// on-premises gateway must not bypass the firewall.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#border-gateway-protocol
func newRouteTable(ctx *pulumi.Context, logicalName string, args *NetworkArgs, n names, nextHop pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*aznetwork.RouteTable, error) {
	return aznetwork.NewRouteTable(ctx, logicalName, &aznetwork.RouteTableArgs{
		ResourceGroupName:          args.ResourceGroupName,
		Location:                   args.Location,
		RouteTableName:             pulumi.String(n.routeTable()),
		DisableBgpRoutePropagation: pulumi.Bool(true),
		Routes: aznetwork.RouteTypeArray{aznetwork.RouteTypeArgs{
			Name:             pulumi.String("default-via-firewall"),
			AddressPrefix:    pulumi.String("0.0.0.0/0"),
			NextHopType:      pulumi.String("VirtualAppliance"),
			NextHopIpAddress: nextHop,
		}},
		Tags: args.Tags,
	}, opts...)
}
