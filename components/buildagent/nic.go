package buildagent

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newNetworkInterface creates VM i's NIC: one dynamic private IPv4 address in the build agent subnet and no public
// IP address; inbound access is SSH from Bastion only, enforced by the subnet's NSG.
func newNetworkInterface(ctx *pulumi.Context, logicalName string, i int, args *BuildAgentArgs, s settings,
	opts ...pulumi.ResourceOption,
) (*aznetwork.NetworkInterface, error) {
	return aznetwork.NewNetworkInterface(ctx, logicalName, &aznetwork.NetworkInterfaceArgs{
		ResourceGroupName:    args.ResourceGroupName,
		Location:             args.Location,
		NetworkInterfaceName: pulumi.String(s.nicName(i)),
		IpConfigurations: aznetwork.NetworkInterfaceIPConfigurationArray{
			&aznetwork.NetworkInterfaceIPConfigurationArgs{
				Name:                      pulumi.String("ipconfig1"),
				Primary:                   pulumi.Bool(true),
				PrivateIPAllocationMethod: pulumi.String("Dynamic"),
				PrivateIPAddressVersion:   pulumi.String("IPv4"),
				Subnet:                    &aznetwork.SubnetTypeArgs{Id: args.SubnetID},
			},
		},
		EnableIPForwarding:          pulumi.Bool(false),
		EnableAcceleratedNetworking: pulumi.Bool(args.AcceleratedNetworking),
		Tags:                        args.Tags,
	}, opts...)
}
