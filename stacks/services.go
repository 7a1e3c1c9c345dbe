package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
)

func (b *builder) registry() error {
	r := b.cfg.Registry
	reg, err := registry.NewRegistry(b.ctx, b.name+"-registry", &registry.RegistryArgs{
		ResourceGroupName:       b.resourceGroupName,
		Location:                pulumi.String(b.cfg.Environment.Location),
		RegistryName:            b.cfg.Names.Registry,
		SubscriptionID:          b.subscriptionID,
		ZoneRedundancy:          r.ZoneRedundancy,
		UntaggedRetentionDays:   r.UntaggedRetentionDays,
		QuarantineEnabled:       r.Quarantine,
		ContentTrustEnabled:     r.ContentTrust,
		PrivateEndpointSubnetID: b.env.Network.PrivateEndpointSubnetID,
		PrivateDNSZoneID:        b.env.DNS.RegistryZoneID,
		LogAnalyticsWorkspaceID: b.env.Monitoring.WorkspaceID,
		// Only the kubelet pulls; the build agent grants itself AcrPush.
		RoleAssignments: []rbac.RoleAssignment{{Name: "kubelet-acrpull", RoleDefinitionGUID: rbac.AcrPull,
			PrincipalID: b.env.Cluster.KubeletObjectID, PrincipalType: rbac.PrincipalServicePrincipal}},
		Protect: b.cfg.Environment.Production,
		Lock:    b.cfg.Environment.Locks,
		Tags:    b.tags,
	}, b.child())
	b.env.Registry = reg
	return err
}

func (b *builder) keyVault() error {
	var roles []rbac.RoleAssignment
	if b.cfg.KeyVault.CSIAddonAccess {
		roles = append(roles, rbac.RoleAssignment{Name: "csi-addon-secrets-user", RoleDefinitionGUID: rbac.KeyVaultSecretsUser,
			PrincipalID: b.env.Cluster.KeyVaultSecretsProviderObjectID, PrincipalType: rbac.PrincipalServicePrincipal})
	}
	var secrets []keyvault.Secret
	for _, s := range b.cfg.VaultSecrets {
		secrets = append(secrets, keyvault.Secret{Name: s.Name, Value: pulumi.ToSecret(pulumi.String(s.Value())).(pulumi.StringOutput)})
	}
	vault, err := keyvault.NewVault(b.ctx, b.name+"-keyvault", &keyvault.VaultArgs{
		ResourceGroupName:       b.resourceGroupName,
		Location:                pulumi.String(b.cfg.Environment.Location),
		VaultName:               b.cfg.Names.KeyVault,
		TenantID:                b.cfg.Entra.TenantID,
		SkuName:                 b.cfg.KeyVault.Sku,
		SubscriptionID:          b.subscriptionID,
		PrivateEndpointSubnetID: b.env.Network.PrivateEndpointSubnetID,
		PrivateDNSZoneID:        b.env.DNS.KeyVaultZoneID,
		LogAnalyticsWorkspaceID: b.env.Monitoring.WorkspaceID,
		RoleAssignments:         roles,
		Secrets:                 secrets,
		Protect:                 b.cfg.Environment.Production,
		Lock:                    b.cfg.Environment.Locks,
		Tags:                    b.tags,
	}, b.child())
	b.env.KeyVault = vault
	return err
}

func (b *builder) workloads() error {
	for _, w := range b.cfg.Workloads {
		wi, err := workloadidentity.NewWorkloadIdentity(b.ctx, b.name+"-workload-"+w.Name, &workloadidentity.WorkloadIdentityArgs{
			ResourceGroupName: b.resourceGroupName,
			Location:          pulumi.String(b.cfg.Environment.Location),
			Name:              w.Name,
			Namespace:         w.Namespace,
			ServiceAccount:    w.ServiceAccount,
			OIDCIssuerURL:     b.env.Cluster.OIDCIssuerURL,
			VaultID:           b.env.KeyVault.VaultID,
			VaultSecretIDs:    b.env.KeyVault.SecretIDs,
			VaultName:         b.env.KeyVault.VaultName,
			TenantID:          b.cfg.Entra.TenantID,
			SubscriptionID:    b.subscriptionID,
			Secrets:           w.Secrets,
			Certificates:      w.Certificates,
			Tags:              b.tags,
		}, b.child())
		if err != nil {
			return err
		}
		b.env.Workloads = append(b.env.Workloads, wi)
	}
	return nil
}
