package network

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	// DefaultNATPublicIPPrefixLength gives the NAT gateway two outbound addresses.
	DefaultNATPublicIPPrefixLength = 31
	// DefaultNATIdleTimeoutMinutes is Azure's own default TCP idle timeout for a NAT gateway.
	DefaultNATIdleTimeoutMinutes = 4
)

// newNatGateway creates the NAT gateway and the public IP prefix it egresses from.
//
// A prefix rather than a PublicIPAddress on purpose: the environment's only PublicIPAddress is Bastion's, so
// "no public IP address outside Bastion" stays a simple rule to check.
func newNatGateway(ctx *pulumi.Context, logicalName string, args *NetworkArgs, n names, opts ...pulumi.ResourceOption) (*aznetwork.NatGateway, error) {
	nat := args.NatGateway
	prefixLength := nat.PublicIPPrefixLength
	if prefixLength == 0 {
		prefixLength = DefaultNATPublicIPPrefixLength
	}
	idleTimeout := nat.IdleTimeoutMinutes
	if idleTimeout == 0 {
		idleTimeout = DefaultNATIdleTimeoutMinutes
	}
	// A Standard NAT gateway is zonal (one zone or none); its public IP prefix goes in the same zone.
	// https://learn.microsoft.com/azure/nat-gateway/nat-availability-zones
	var zones pulumi.StringArrayInput
	if len(nat.Zones) > 0 {
		zones = pulumi.ToStringArray(nat.Zones)
	}

	prefix, err := aznetwork.NewPublicIPPrefix(ctx, logicalName+"-ippre", &aznetwork.PublicIPPrefixArgs{
		ResourceGroupName:  args.ResourceGroupName,
		PublicIpPrefixName: pulumi.String(n.natPublicIPPrefix()),
		Location:           args.Location,
		// NAT gateway takes only Standard SKU IPv4 prefixes of /28 to /31.
		// https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#public-ip-addresses
		Sku: &aznetwork.PublicIPPrefixSkuArgs{
			Name: pulumi.String("Standard"),
			Tier: pulumi.String("Regional"),
		},
		PublicIPAddressVersion: pulumi.String("IPv4"),
		PrefixLength:           pulumi.Int(prefixLength),
		Zones:                  zones,
		Tags:                   args.Tags,
	}, opts...)
	if err != nil {
		return nil, err
	}

	return aznetwork.NewNatGateway(ctx, logicalName, &aznetwork.NatGatewayArgs{
		ResourceGroupName:    args.ResourceGroupName,
		NatGatewayName:       pulumi.String(n.natGateway()),
		Location:             args.Location,
		Sku:                  &aznetwork.NatGatewaySkuArgs{Name: pulumi.String("Standard")},
		IdleTimeoutInMinutes: pulumi.Int(idleTimeout),
		PublicIpPrefixes:     aznetwork.SubResourceArray{&aznetwork.SubResourceArgs{Id: prefix.ID()}},
		Zones:                zones,
		Tags:                 args.Tags,
	}, opts...)
}
