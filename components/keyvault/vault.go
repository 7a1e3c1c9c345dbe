package keyvault

import (
	keyvault "github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2/v20230701"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// softDeleteRetentionDays is the longest soft-delete retention Azure allows (7-90); it cannot be changed after the
// vault is created. https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
const softDeleteRetentionDays = 90

// newKeyVault creates the vault.
func newKeyVault(ctx *pulumi.Context, logicalName string, args *VaultArgs, opts ...pulumi.ResourceOption) (*keyvault.Vault, error) {
	return keyvault.NewVault(ctx, logicalName, &keyvault.VaultArgs{
		ResourceGroupName: args.ResourceGroupName,
		VaultName:         pulumi.String(args.VaultName),
		Location:          args.Location,
		Properties: &keyvault.VaultPropertiesArgs{
			TenantId: pulumi.String(args.TenantID),
			Sku: &keyvault.SkuArgs{
				Family: pulumi.String(string(keyvault.SkuFamilyA)),
				Name:   keyvault.SkuName(args.SkuName),
			},
			// Azure RBAC instead of access policies: data-plane access is granted by role assignments that
			// Contributors cannot give themselves. https://learn.microsoft.com/azure/key-vault/general/rbac-guide
			EnableRbacAuthorization: pulumi.Bool(true),
			// Soft delete cannot be turned off; purge protection cannot be turned off once on.
			// https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection
			EnableSoftDelete:          pulumi.Bool(true),
			SoftDeleteRetentionInDays: pulumi.Int(softDeleteRetentionDays),
			EnablePurgeProtection:     pulumi.Bool(true),
			// Only the private endpoint reaches the data plane. Trusted Microsoft services may still bypass the
			// firewall, and they too need a role on the vault.
			// https://learn.microsoft.com/azure/key-vault/general/network-security
			PublicNetworkAccess: pulumi.String("Disabled"),
			NetworkAcls: &keyvault.NetworkRuleSetArgs{
				DefaultAction: pulumi.String(string(keyvault.NetworkRuleActionDeny)),
				Bypass:        pulumi.String(string(keyvault.NetworkRuleBypassOptionsAzureServices)),
			},
			// No VM, disk encryption or ARM template deployment may read secrets through the platform.
			EnabledForDeployment:         pulumi.Bool(false),
			EnabledForDiskEncryption:     pulumi.Bool(false),
			EnabledForTemplateDeployment: pulumi.Bool(false),
		},
		Tags: args.Tags,
	}, opts...)
}
