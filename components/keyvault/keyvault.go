// Package keyvault builds the private Key Vault of a hardaks environment: RBAC authorization, purge protection,
// no public network access, a private endpoint, AuditEvent logs to Log Analytics and the secrets the stack seeds.
//
// Azure names: the vault is VaultName; its private endpoint is pep-<vault>-vault (interface pep-<vault>-vault-nic);
// the diagnostic setting is diag-<vault>; the optional delete lock is lock-<vault>.
package keyvault

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/diagnostics"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/privateendpoint"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/guid"
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
	// SubscriptionID builds the role definition IDs of RoleAssignments.
	SubscriptionID pulumi.StringInput `pulumi:"subscriptionId"`
	// PrivateEndpointSubnetID is the ARM ID of the subnet the private endpoint takes its address from.
	PrivateEndpointSubnetID pulumi.StringInput `pulumi:"privateEndpointSubnetId"`
	// PrivateDNSZoneID is the ARM ID of the privatelink.vaultcore.azure.net private DNS zone.
	PrivateDNSZoneID pulumi.StringInput `pulumi:"privateDnsZoneId"`
	// LogAnalyticsWorkspaceID is the ARM ID of the workspace that receives the vault's AuditEvent logs.
	LogAnalyticsWorkspaceID pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// RoleAssignments grant roles on the vault to principals this component does not own (Key Vault Secrets User
	// for the AKS Secrets Store CSI add-on identity, for example).
	RoleAssignments []rbac.RoleAssignment `pulumi:"roleAssignments,optional"`
	// Secrets are written to the vault. Their values should be secret outputs (from `secure:` stack config); the
	// component marks them secret either way. Writing goes through ARM, but removing a secret goes through the data
	// plane (ARM has no delete for secrets), so it needs the private endpoint and a role such as Key Vault Secrets
	// Officer; the deleted secret then stays soft-deleted, and its name taken, for the retention period.
	// https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
	Secrets []Secret `pulumi:"secrets,optional"`
	// Protect makes Pulumi refuse to delete the vault.
	Protect bool `pulumi:"protect,optional"`
	// Lock puts a CanNotDelete management lock on the vault.
	Lock bool `pulumi:"lock,optional"`
	// Tags go on every taggable resource.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Secret is one secret the vault is seeded with.
type Secret struct {
	// Name is the secret's name in the vault: 1-127 letters, digits and hyphens.
	Name string `pulumi:"name"`
	// Value is the secret's value.
	Value pulumi.StringInput `pulumi:"value"`
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
}

// NewVault registers the vault, its private endpoint and DNS zone group, the role assignments, the diagnostic
// setting, the secrets and, last, the optional delete lock.
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

	endpoint, err := privateendpoint.New(ctx, name+"-pe", privateendpoint.Args{
		ResourceGroupName: args.ResourceGroupName,
		Location:          args.Location,
		ResourceName:      args.VaultName,
		ResourceID:        vaultID,
		GroupID:           privateLinkGroupID,
		SubnetID:          args.PrivateEndpointSubnetID,
		PrivateDNSZoneID:  args.PrivateDNSZoneID,
		Tags:              args.Tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	underVault := []pulumi.Resource{endpoint}

	assignments, err := rbac.AssignAll(ctx, name, args.SubscriptionID, vaultID, args.RoleAssignments, parent)
	if err != nil {
		return nil, err
	}
	for _, a := range assignments {
		underVault = append(underVault, a)
	}

	// The audit category group is AuditEvent: every authenticated and failed data-plane request and every change
	// to the vault. https://learn.microsoft.com/azure/key-vault/general/logging
	diag, err := diagnostics.NewSetting(ctx, name+"-diag", diagnostics.SettingArgs{
		ResourceURI:            vaultID,
		WorkspaceID:            args.LogAnalyticsWorkspaceID,
		SettingName:            "diag-" + args.VaultName,
		LogCategoryGroups:      []string{"audit"},
		ResourceSpecificTables: true, // AZKVAuditLogs
	}, parent)
	if err != nil {
		return nil, err
	}
	underVault = append(underVault, diag)

	secretIDs := pulumi.StringMap{}
	for _, s := range sortedSecrets(args.Secrets) {
		secret, err := newSecret(ctx, name+"-secret-"+s.Name, args, vault.Name, s, parent)
		if err != nil {
			return nil, err
		}
		secretIDs[s.Name] = secret.ID().ToStringOutput()
		underVault = append(underVault, secret)
	}

	if args.Lock {
		// A lock applies to everything under its scope. Created last, it is removed first on destroy, before the
		// endpoint's connection, the role assignments, the diagnostic setting and the secrets under the vault.
		// https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources
		if _, err := lock.NewCanNotDelete(ctx, name+"-lock", "key vault", args.VaultName, vaultID, parent, pulumi.DependsOn(underVault)); err != nil {
			return nil, err
		}
	}

	comp.VaultID = vaultID
	comp.VaultName = vault.Name
	comp.VaultURI = vault.Properties.VaultUri()
	comp.PrivateEndpointID = endpoint.ID().ToStringOutput()
	comp.SecretIDs = secretIDs.ToStringMapOutput()
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"vaultId":           comp.VaultID,
		"vaultName":         comp.VaultName,
		"vaultUri":          comp.VaultURI,
		"privateEndpointId": comp.PrivateEndpointID,
		"secretIds":         comp.SecretIDs,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}

// sortedSecrets returns the secrets ordered by name, so registration order does not depend on the caller's order.
func sortedSecrets(secrets []Secret) []Secret {
	out := append([]Secret(nil), secrets...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func validate(args *VaultArgs) error {
	switch {
	case args.ResourceGroupName == nil:
		return errors.New("keyvault: resourceGroupName is required")
	case args.Location == nil:
		return errors.New("keyvault: location is required")
	case args.SubscriptionID == nil:
		return errors.New("keyvault: subscriptionId is required")
	case args.PrivateEndpointSubnetID == nil:
		return errors.New("keyvault: privateEndpointSubnetId is required")
	case args.PrivateDNSZoneID == nil:
		return errors.New("keyvault: privateDnsZoneId is required")
	case args.LogAnalyticsWorkspaceID == nil:
		return errors.New("keyvault: logAnalyticsWorkspaceId is required")
	case !validVaultName(args.VaultName):
		// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault
		return fmt.Errorf("keyvault: vaultName %q must be 3-24 letters, digits and hyphens, start with a letter, "+
			"end with a letter or digit and have no consecutive hyphens", args.VaultName)
	case !guid.Valid(args.TenantID):
		return fmt.Errorf("keyvault: tenantId %q is not a GUID", args.TenantID)
	case args.SkuName != "standard" && args.SkuName != "premium":
		return fmt.Errorf("keyvault: skuName %q must be standard or premium", args.SkuName)
	}
	seen := map[string]bool{}
	for _, s := range args.Secrets {
		if !validSecretName(s.Name) {
			// https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#objects-identifiers-and-versioning
			return fmt.Errorf("keyvault: secret name %q must be 1-127 letters, digits and hyphens", s.Name)
		}
		// Key Vault object names are case-insensitive.
		key := strings.ToLower(s.Name)
		if seen[key] {
			return fmt.Errorf("keyvault: secret %q is listed twice", s.Name)
		}
		seen[key] = true
		if s.Value == nil {
			return fmt.Errorf("keyvault: secret %q has no value", s.Name)
		}
	}
	return nil
}

func validVaultName(s string) bool {
	if len(s) < 3 || len(s) > 24 || !isLetter(rune(s[0])) || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !isLetter(c) && !isDigit(c) && c != '-' {
			return false
		}
	}
	return true
}

func validSecretName(s string) bool {
	if len(s) < 1 || len(s) > 127 {
		return false
	}
	for _, c := range s {
		if !isLetter(c) && !isDigit(c) && c != '-' {
			return false
		}
	}
	return true
}

func isLetter(c rune) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c rune) bool  { return '0' <= c && c <= '9' }
