package network

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newVirtualNetwork creates the VNet without inline subnets: the subnets are standalone resources, and
// azure-native leaves existing subnets alone when the VNet's subnets property is not set
// (https://github.com/pulumi/pulumi-azure-native/issues/611); setting it, even to [], would fight them.
func newVirtualNetwork(ctx *pulumi.Context, logicalName string, args *NetworkArgs, n names, opts ...pulumi.ResourceOption) (*aznetwork.VirtualNetwork, error) {
	return aznetwork.NewVirtualNetwork(ctx, logicalName, &aznetwork.VirtualNetworkArgs{
		ResourceGroupName:  args.ResourceGroupName,
		VirtualNetworkName: pulumi.String(n.virtualNetwork),
		Location:           args.Location,
		AddressSpace: &aznetwork.AddressSpaceArgs{
			AddressPrefixes: pulumi.StringArray{pulumi.String(args.AddressSpace)},
		},
		Tags: args.Tags,
	}, opts...)
}
