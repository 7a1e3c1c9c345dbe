// Package keyvault builds the private Key Vault of a hardaks environment: RBAC authorization, purge protection,
// no public network access, a private endpoint, AuditEvent logs to Log Analytics and the secrets the stack seeds.
//
// Azure names: the vault is VaultName; its private endpoint is pep-<vault>-vault (interface pep-<vault>-vault-nic);
// the diagnostic setting is diag-<vault>; the optional delete lock is lock-<vault>.
package keyvault

import (
	"errors"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/access"
	"github.com/hardaks/hardaks/components/diagnostics"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/privateendpoint"
	"github.com/hardaks/hardaks/components/rbac"
)

// privateLinkGroupID is the vault's private link sub-resource.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource
const privateLinkGroupID = "vault"

// VaultArgs configures a Vault.
type VaultArgs struct {
	// ResourceGroupName is the resource group of the vault and its private endpoint.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region of the vault and its private endpoint.
	Location pulumi.StringInput `pulumi:"location"`
	// VaultName is the globally unique Azure name: 3-24 letters, digits and hyphens, starting with a letter, ending
	// with a letter or digit, without consecutive hyphens.
	VaultName string `pulumi:"vaultName"`
	// TenantID is the Entra tenant that authenticates requests to the vault.
	TenantID string `pulumi:"tenantId"`
	// SkuName is "standard" or "premium" (HSM-protected keys).
	SkuName string `pulumi:"skuName"`
	// PrivateEndpointSubnetID is the ARM ID of the subnet the private endpoint takes its address from.
	PrivateEndpointSubnetID pulumi.StringInput `pulumi:"privateEndpointSubnetId"`
	// PrivateDNSZoneID is the ARM ID of the privatelink.vaultcore.azure.net private DNS zone.
	PrivateDNSZoneID pulumi.StringInput `pulumi:"privateDnsZoneId"`
	// LogAnalyticsWorkspaceID is the ARM ID of the workspace that receives the vault's AuditEvent logs.
	LogAnalyticsWorkspaceID pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// RoleAssignments grant roles on the vault, or on one of its secrets or certificates, to principals this
	// component does not own: Key Vault Secrets User for the AKS Secrets Store CSI add-on identity, a workload
	// identity's read on exactly its own objects, the build agents' read on their registration token.
	RoleAssignments []rbac.RoleAssignment `pulumi:"roleAssignments,optional"`
	// RoleAssignmentPrincipalIDs are the principals of the RoleAssignments without a principalId, keyed by their
	// name: the principals that are outputs of other resources.
	RoleAssignmentPrincipalIDs pulumi.StringMapInput `pulumi:"roleAssignmentPrincipalIds,optional"`
	// SecretNames are the secrets written to the vault (1-127 letters, digits and hyphens; Key Vault compares them
	// without regard to case), each valued from SecretValues. Writing goes through ARM, but removing a secret goes
	// through the data plane (ARM has no delete for secrets), so it needs the private endpoint and a role such as
	// Key Vault Secrets Officer; the deleted secret then stays soft-deleted, and its name taken, for the retention
	// period. https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
	SecretNames []string `pulumi:"secretNames,optional"`
	// SecretValues holds the value of each of SecretNames, by name. The values should be secret outputs (from
	// `secure:` stack config); the component marks them secret either way.
	SecretValues pulumi.StringMapInput `pulumi:"secretValues,optional"`
	// Protect makes Pulumi refuse to delete the vault.
	Protect bool `pulumi:"protect,optional"`
	// Lock puts a management lock on the vault, named lock-<vault> unless named; nil means none.
	Lock *lock.Lock `pulumi:"lock,optional"`
	// Tags go on every taggable resource.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Vault is a private Key Vault.
type Vault struct {
	pulumi.ResourceState

	// VaultID is the ARM ID of the vault.
	VaultID pulumi.StringOutput `pulumi:"vaultId"`
	// VaultName is the Azure name of the vault.
	VaultName pulumi.StringOutput `pulumi:"vaultName"`
	// VaultURI is the data-plane URI, https://<name>.vault.azure.net/.
	VaultURI pulumi.StringOutput `pulumi:"vaultUri"`
	// PrivateEndpointID is the ARM ID of the vault's private endpoint.
	PrivateEndpointID pulumi.StringOutput `pulumi:"privateEndpointId"`
	// SecretIDs maps each secret's name to the ARM ID of the secret; it holds no values.
	SecretIDs pulumi.StringMapOutput `pulumi:"secretIds"`
	// RoleAssignmentIDs maps the name of each of RoleAssignments to the assignment's ARM ID.
	RoleAssignmentIDs pulumi.StringMapOutput `pulumi:"roleAssignmentIds"`
}

// NewVault registers the vault, the secrets, its private endpoint and DNS zone group, the role assignments (which
// may be scoped to those secrets), the diagnostic setting and, last, the optional lock.
func NewVault(ctx *pulumi.Context, name string, args *VaultArgs, opts ...pulumi.ResourceOption) (*Vault, error) {
	if args == nil {
		return nil, errors.New("keyvault: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}

	comp := &Vault{}
	if err := ctx.RegisterComponentResource("hardaks:keyvault:Vault", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	vault, err := newKeyVault(ctx, name+"-kv", args, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	vaultID := vault.ID().ToStringOutput()

	secretIDs := pulumi.StringMap{}
	var secrets []pulumi.Resource
	for _, secretName := range slices.Sorted(slices.Values(args.SecretNames)) {
		secret, err := newSecret(ctx, name+"-secret-"+secretName, args, vault.Name, secretName, parent)
		if err != nil {
			return nil, err
		}
		secretIDs[secretName] = secret.ID().ToStringOutput()
		secrets = append(secrets, secret)
	}

	spec := accessSpec(args)
	spec.SecretIDs = secretIDs
	spec.Under = secrets
	attached, err := access.Attach(ctx, comp, name, vaultID, spec)
	if err != nil {
		return nil, err
	}

	comp.VaultID = vaultID
	comp.VaultName = vault.Name
	comp.VaultURI = vault.Properties.VaultUri()
	comp.PrivateEndpointID = attached.PrivateEndpointID
	comp.SecretIDs = secretIDs.ToStringMapOutput()
	comp.RoleAssignmentIDs = attached.RoleAssignmentIDs.ToStringMapOutput()
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"vaultId":           comp.VaultID,
		"vaultName":         comp.VaultName,
		"vaultUri":          comp.VaultURI,
		"privateEndpointId": comp.PrivateEndpointID,
		"secretIds":         comp.SecretIDs,
		"roleAssignmentIds": comp.RoleAssignmentIDs,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}

// accessSpec is the vault's endpoint, assignments, audit logs and lock.
func accessSpec(args *VaultArgs) access.Spec {
	return access.Spec{
		ResourceKind: "key vault",
		ResourceName: args.VaultName,
		PrivateEndpoint: &privateendpoint.Args{
			ResourceGroupName: args.ResourceGroupName,
			Location:          args.Location,
			GroupID:           privateLinkGroupID,
			SubnetID:          args.PrivateEndpointSubnetID,
			PrivateDNSZoneID:  args.PrivateDNSZoneID,
			Tags:              args.Tags,
		},
		RoleAssignments: args.RoleAssignments,
		PrincipalIDs:    args.RoleAssignmentPrincipalIDs,
		SubScopes:       rbac.SubScopes{VaultObjects: true},
		// The audit category group is AuditEvent: every authenticated and failed data-plane request and every
		// change to the vault. https://learn.microsoft.com/azure/key-vault/general/logging
		Diagnostics: &diagnostics.SettingArgs{
			WorkspaceID:            args.LogAnalyticsWorkspaceID,
			SettingName:            "diag-" + args.VaultName,
			LogCategoryGroups:      []string{"audit"},
			ResourceSpecificTables: true, // AZKVAuditLogs
		},
		Lock: args.Lock,
	}
}
