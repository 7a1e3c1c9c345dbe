package privatedns

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240601"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// globalLocation is the only location private DNS zones and their VNet links accept.
const globalLocation = "global"

// newPrivateZone creates one private DNS zone.
func newPrivateZone(ctx *pulumi.Context, logicalName string, args *ZonesArgs, zoneName pulumi.StringInput, opts ...pulumi.ResourceOption) (*aznetwork.PrivateZone, error) {
	return aznetwork.NewPrivateZone(ctx, logicalName, &aznetwork.PrivateZoneArgs{
		ResourceGroupName: args.ResourceGroupName,
		PrivateZoneName:   zoneName,
		Location:          pulumi.String(globalLocation),
		Tags:              args.Tags,
	}, opts...)
}

// linkName is the Azure name of the link from a zone to the VNet; zones are shared by many VNets in a hub, so the
// name says which VNet it links.
func linkName(virtualNetworkName string) string { return "link-" + virtualNetworkName }

// newVirtualNetworkLink links a zone to the VNet so the VNet resolves its records. Auto-registration stays off:
// the privatelink zones hold only the records of private endpoints (written by their DNS zone groups) and of the
// AKS API server (written by AKS), never VM records.
func newVirtualNetworkLink(ctx *pulumi.Context, logicalName string, args *ZonesArgs, zoneName pulumi.StringInput, opts ...pulumi.ResourceOption) (*aznetwork.VirtualNetworkLink, error) {
	return aznetwork.NewVirtualNetworkLink(ctx, logicalName, &aznetwork.VirtualNetworkLinkArgs{
		ResourceGroupName: args.ResourceGroupName,
		// The zone's name output rather than the plain name, so the link depends on the zone.
		PrivateZoneName:        zoneName,
		VirtualNetworkLinkName: pulumi.String(linkName(args.VirtualNetworkName)),
		Location:               pulumi.String(globalLocation),
		RegistrationEnabled:    pulumi.Bool(false),
		VirtualNetwork:         &aznetwork.SubResourceArgs{Id: args.VirtualNetworkID.ToStringOutput()},
		Tags:                   args.Tags,
	}, opts...)
}
