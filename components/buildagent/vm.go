package buildagent

import (
	"fmt"

	compute "github.com/pulumi/pulumi-azure-native-sdk/compute/v2/v20240701"
	managedidentity "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2/v20230131"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newAgent creates VM i (0-based) and its NIC. previous is VM i-1 (nil for the first): each VM waits for the one
// before it, so a new cloud-config replaces the agents one at a time, and the others keep taking jobs meanwhile.
func newAgent(ctx *pulumi.Context, name string, i int, args *BuildAgentArgs, s settings,
	identity *managedidentity.UserAssignedIdentity, previous pulumi.Resource,
	parent pulumi.ResourceOption,
) (*compute.VirtualMachine, error) {
	suffix := fmt.Sprintf("%02d", i+1)
	nic, err := newNetworkInterface(ctx, name+"-nic-"+suffix, i, args, s, parent)
	if err != nil {
		return nil, err
	}
	azureName := vmName(args.NamePrefix, i)
	var after []pulumi.Resource
	if previous != nil {
		after = append(after, previous)
	}
	return newVirtualMachine(ctx, name+"-vm-"+suffix, i, azureName, args, s, identity, nic.ID().ToStringOutput(),
		parent,
		pulumi.DependsOn(after),
		// customData cannot change on an existing VM and the Azure name is fixed, so a new cloud-config means a
		// new VM, and the old one must go first.
		pulumi.ReplaceOnChanges([]string{"osProfile.customData"}),
		pulumi.DeleteBeforeReplace(true),
	)
}

// newVirtualMachine creates one agent VM.
func newVirtualMachine(ctx *pulumi.Context, logicalName string, i int, vmName string, args *BuildAgentArgs, s settings,
	identity *managedidentity.UserAssignedIdentity, nicID pulumi.StringInput, opts ...pulumi.ResourceOption,
) (*compute.VirtualMachine, error) {
	vmArgs := &compute.VirtualMachineArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          args.Location,
		VmName:            pulumi.String(vmName),
		HardwareProfile:   &compute.HardwareProfileArgs{VmSize: pulumi.String(s.vmSize)},
		Identity: &compute.VirtualMachineIdentityArgs{
			Type:                   compute.ResourceIdentityTypeUserAssigned,
			UserAssignedIdentities: pulumi.StringArray{identity.ID().ToStringOutput()},
		},
		OsProfile: &compute.OSProfileArgs{
			ComputerName:  pulumi.String(vmName),
			AdminUsername: pulumi.String(args.AdminUsername),
			CustomData:    customData(vmName, args, s, identity.ClientId),
			LinuxConfiguration: &compute.LinuxConfigurationArgs{
				DisablePasswordAuthentication: pulumi.Bool(true),
				Ssh: &compute.SshConfigurationArgs{
					PublicKeys: compute.SshPublicKeyTypeArray{
						&compute.SshPublicKeyTypeArgs{
							Path:    pulumi.String("/home/" + args.AdminUsername + "/.ssh/authorized_keys"),
							KeyData: pulumi.String(args.SSHPublicKey),
						},
					},
				},
				// The VM agent is required by automatic guest patching.
				ProvisionVMAgent: pulumi.Bool(true),
				// Azure installs security and critical updates in off-peak hours, availability-first across zones.
				// https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching
				PatchSettings: &compute.LinuxPatchSettingsArgs{
					PatchMode:      pulumi.String("AutomaticByPlatform"),
					AssessmentMode: pulumi.String("AutomaticByPlatform"),
					AutomaticByPlatformSettings: &compute.LinuxVMGuestPatchAutomaticByPlatformSettingsArgs{
						RebootSetting: pulumi.String("IfRequired"),
					},
				},
			},
		},
		// Trusted Launch: Secure Boot and a virtual TPM against boot kits (needs a Gen2 image).
		// https://learn.microsoft.com/azure/virtual-machines/trusted-launch
		// Encryption at host also encrypts the temp disk and caches; the subscription must have the
		// Microsoft.Compute/EncryptionAtHost feature registered.
		// https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-portal
		SecurityProfile: &compute.SecurityProfileArgs{
			SecurityType: pulumi.String("TrustedLaunch"),
			UefiSettings: &compute.UefiSettingsArgs{
				SecureBootEnabled: pulumi.Bool(true),
				VTpmEnabled:       pulumi.Bool(true),
			},
			EncryptionAtHost: pulumi.Bool(true),
		},
		StorageProfile: &compute.StorageProfileArgs{
			ImageReference: &compute.ImageReferenceArgs{
				Publisher: pulumi.String(s.image.Publisher),
				Offer:     pulumi.String(s.image.Offer),
				Sku:       pulumi.String(s.image.Sku),
				Version:   pulumi.String(s.image.Version),
			},
			OsDisk: &compute.OSDiskArgs{
				Name:         pulumi.String(s.osDiskName(i)),
				CreateOption: pulumi.String("FromImage"),
				Caching:      compute.CachingTypesReadWrite,
				DiskSizeGB:   pulumi.Int(s.osDiskSizeGB),
				ManagedDisk:  &compute.ManagedDiskParametersArgs{StorageAccountType: pulumi.String("Premium_LRS")},
				// The OS disk is created by the VM, not by Pulumi, so it goes with the VM.
				DeleteOption: pulumi.String("Delete"),
			},
		},
		// Boot diagnostics without storageUri use managed storage: no storage account to secure.
		// https://learn.microsoft.com/azure/virtual-machines/boot-diagnostics
		DiagnosticsProfile: &compute.DiagnosticsProfileArgs{
			BootDiagnostics: &compute.BootDiagnosticsArgs{Enabled: pulumi.Bool(true)},
		},
		NetworkProfile: &compute.NetworkProfileArgs{
			NetworkInterfaces: compute.NetworkInterfaceReferenceArray{
				&compute.NetworkInterfaceReferenceArgs{
					Id:      nicID,
					Primary: pulumi.Bool(true),
					// Detach, not Delete: the NIC is a Pulumi resource that outlives a VM replacement; Azure
					// deleting it along with the old VM would leave the new VM pointing at a missing NIC.
					DeleteOption: pulumi.String("Detach"),
				},
			},
		},
		Tags: args.Tags,
	}
	if z := zone(args.Zones, i); z != "" {
		vmArgs.Zones = pulumi.StringArray{pulumi.String(z)}
	}
	return compute.NewVirtualMachine(ctx, logicalName, vmArgs, opts...)
}
