package bastion

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ipConfigurationName is the name of the Bastion host's single IP configuration.
const ipConfigurationName = "ipconfig-bastion"

// newBastionHost creates the Bastion host.
//
// enableTunneling is the native client support that `az network bastion ssh` and `az aks bastion` need
// (https://learn.microsoft.com/azure/bastion/native-client). Shareable links would let anyone holding a URL reach
// a VM without Azure sign-in, so they stay off. Kerberos stays off: the VMs are Linux with SSH keys.
//
// The host stays regional: zonal Bastion hosts are available only in some regions. Its public IP address is
// zone-redundant. https://learn.microsoft.com/azure/bastion/configuration-settings#az
func newBastionHost(ctx *pulumi.Context, logicalName string, args *BastionArgs, s settings, publicIPID pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*aznetwork.BastionHost, error) {
	return aznetwork.NewBastionHost(ctx, logicalName, &aznetwork.BastionHostArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          args.Location,
		BastionHostName:   pulumi.String(args.BastionName),
		Sku:               &aznetwork.SkuArgs{Name: pulumi.String(s.sku)},
		ScaleUnits:        pulumi.Int(s.scaleUnits),
		EnableTunneling:   pulumi.Bool(true),
		EnableIpConnect:   pulumi.Bool(args.EnableIPConnect),
		// File copy works only through native client sessions, which enableTunneling provides.
		// https://learn.microsoft.com/azure/bastion/vm-upload-download-native
		EnableFileCopy:      pulumi.Bool(args.EnableFileCopy),
		EnableShareableLink: pulumi.Bool(false),
		EnableKerberos:      pulumi.Bool(false),
		DisableCopyPaste:    pulumi.Bool(args.DisableCopyPaste),
		IpConfigurations: aznetwork.BastionHostIPConfigurationArray{
			&aznetwork.BastionHostIPConfigurationArgs{
				Name:            pulumi.String(ipConfigurationName),
				Subnet:          &aznetwork.SubResourceArgs{Id: args.SubnetID},
				PublicIPAddress: &aznetwork.SubResourceArgs{Id: publicIPID},
			},
		},
		Tags: args.Tags,
	}, opts...)
}
