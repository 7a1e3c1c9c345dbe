package keyvault

import (
	"fmt"

	keyvault "github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2/v20230701"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/internal/inputs"
)

// newSecret writes one secret through Azure Resource Manager. That works although the vault's public network
// access is disabled: the firewall applies to the data plane only, and ARM writes secrets on the control plane.
// https://learn.microsoft.com/azure/key-vault/general/network-security
//
// vaultName is the vault's name output, so the secret depends on the vault and nothing else.
func newSecret(ctx *pulumi.Context, logicalName string, args *VaultArgs, vaultName pulumi.StringInput, secretName string,
	opts ...pulumi.ResourceOption,
) (*keyvault.Secret, error) {
	// The value is secret in the inputs whatever the caller passed, and "properties" is secret in the outputs, so
	// the value stays encrypted in state even if the provider reads it back.
	value := pulumi.ToSecret(secretValue(args.SecretValues, secretName)).(pulumi.StringOutput)
	// azure-native deletes a secret through the vault's data plane (ARM has none; custom_keyvault.go), which the
	// private endpoint makes unreachable from outside the VNet, so `pulumi destroy` would fail there with 403.
	// Retaining it skips that call: the secret is soft-deleted with its vault, and a secret removed from the stack
	// stays in the vault until someone inside the network deletes it. https://github.com/pulumi/pulumi-azure-native/issues/1174
	opts = append(opts, pulumi.AdditionalSecretOutputs([]string{"properties"}), pulumi.RetainOnDelete(true))
	return keyvault.NewSecret(ctx, logicalName, &keyvault.SecretArgs{
		ResourceGroupName: args.ResourceGroupName,
		VaultName:         vaultName,
		SecretName:        pulumi.String(secretName),
		Properties: &keyvault.SecretPropertiesArgs{
			Value: value,
		},
		Tags: args.Tags,
	}, opts...)
}

// secretValue is SecretValues[name], which fails the deployment, naming the secret, when it is missing.
func secretValue(values pulumi.StringMapInput, name string) pulumi.StringOutput {
	return inputs.MapEntry(values, name, func() error {
		return fmt.Errorf("keyvault: secretValues has no value for secret %s", name)
	})
}
