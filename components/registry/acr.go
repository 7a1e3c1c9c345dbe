package registry

import (
	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20230701"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newContainerRegistry creates the registry with API version 2023-07-01, which has no anonymousPullEnabled property:
// anonymous pull is off unless enabled, and this API cannot enable it.
func newContainerRegistry(ctx *pulumi.Context, logicalName string, args *RegistryArgs, opts ...pulumi.ResourceOption) (*containerregistry.Registry, error) {
	retentionDays := args.UntaggedRetentionDays
	if retentionDays == 0 {
		retentionDays = DefaultUntaggedRetentionDays
	}
	return containerregistry.NewRegistry(ctx, logicalName, &containerregistry.RegistryArgs{
		ResourceGroupName: args.ResourceGroupName,
		RegistryName:      pulumi.String(args.RegistryName),
		Location:          args.Location,
		// Premium is the only tier with private endpoints, zone redundancy, retention and export policies.
		// https://learn.microsoft.com/azure/container-registry/container-registry-skus
		Sku:              &containerregistry.SkuArgs{Name: pulumi.String(string(containerregistry.SkuNamePremium))},
		AdminUserEnabled: pulumi.Bool(false),
		// The private endpoint is the only way in; the default action denies the public endpoint even if public
		// access is ever re-enabled.
		PublicNetworkAccess: pulumi.String(string(containerregistry.PublicNetworkAccessDisabled)),
		NetworkRuleSet: &containerregistry.NetworkRuleSetArgs{
			DefaultAction: pulumi.String(string(containerregistry.DefaultActionDeny)),
		},
		// AzureServices lets Microsoft Defender for Containers scan images in a registry that only a private
		// endpoint reaches (it is a trusted service; the other way is no scanning at all). Trusted services still
		// authenticate with Entra ID and need a role on the registry, so this opens no anonymous path, and with
		// export disabled they cannot copy artifacts out.
		// https://learn.microsoft.com/azure/container-registry/allow-access-trusted-services
		// https://learn.microsoft.com/azure/defender-for-cloud/agentless-vulnerability-assessment-azure
		NetworkRuleBypassOptions: pulumi.String(string(containerregistry.NetworkRuleBypassOptionsAzureServices)),
		// Dedicated regional data endpoints let firewalls allow <name>.<region>.data.azurecr.io instead of every
		// *.blob.core.windows.net, and the private endpoint serves them.
		// https://learn.microsoft.com/azure/container-registry/container-registry-dedicated-data-endpoints
		DataEndpointEnabled: pulumi.Bool(true),
		ZoneRedundancy:      pulumi.String(zoneRedundancy(args.ZoneRedundancy)),
		Policies: &containerregistry.PoliciesArgs{
			RetentionPolicy: &containerregistry.RetentionPolicyArgs{
				Days:   pulumi.Int(retentionDays),
				Status: pulumi.String(string(containerregistry.PolicyStatusEnabled)),
			},
			// Disabling export needs publicNetworkAccess Disabled; it blocks `az acr import` from this registry and
			// export pipelines. https://learn.microsoft.com/azure/container-registry/data-loss-prevention
			ExportPolicy: &containerregistry.ExportPolicyArgs{
				Status: pulumi.String(string(containerregistry.ExportPolicyStatusDisabled)),
			},
			QuarantinePolicy: &containerregistry.QuarantinePolicyArgs{
				Status: pulumi.String(policyStatus(args.QuarantineEnabled)),
			},
			TrustPolicy: &containerregistry.TrustPolicyArgs{
				Type:   pulumi.String(string(containerregistry.TrustPolicyTypeNotary)),
				Status: pulumi.String(policyStatus(args.ContentTrustEnabled)),
			},
		},
		Tags: args.Tags,
	}, opts...)
}

func zoneRedundancy(enabled bool) string {
	if enabled {
		return string(containerregistry.ZoneRedundancyEnabled)
	}
	return string(containerregistry.ZoneRedundancyDisabled)
}

func policyStatus(enabled bool) string {
	if enabled {
		return string(containerregistry.PolicyStatusEnabled)
	}
	return string(containerregistry.PolicyStatusDisabled)
}
