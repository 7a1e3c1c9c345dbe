package bastion

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newPublicIPAddress creates Bastion's public IP address. Bastion requires a Standard, static, IPv4 address in the
// Bastion's region. https://learn.microsoft.com/azure/bastion/configuration-settings#public-ip
//
// Listing every zone makes the address zone-redundant, so it survives the loss of one zone.
// https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses#availability-zone
func newPublicIPAddress(ctx *pulumi.Context, logicalName string, args *BastionArgs, opts ...pulumi.ResourceOption) (*aznetwork.PublicIPAddress, error) {
	pipArgs := &aznetwork.PublicIPAddressArgs{
		ResourceGroupName:   args.ResourceGroupName,
		Location:            args.Location,
		PublicIpAddressName: pulumi.String(publicIPName(args.BastionName)),
		Sku: &aznetwork.PublicIPAddressSkuArgs{
			Name: pulumi.String("Standard"),
			Tier: pulumi.String("Regional"),
		},
		PublicIPAllocationMethod: pulumi.String("Static"),
		PublicIPAddressVersion:   pulumi.String("IPv4"),
		Tags:                     args.Tags,
	}
	if len(args.Zones) > 0 {
		pipArgs.Zones = pulumi.ToStringArray(args.Zones)
	}
	return aznetwork.NewPublicIPAddress(ctx, logicalName, pipArgs, opts...)
}
