package keyvault_test

import (
	"encoding/json"
	"strings"
	"testing"

	azkeyvault "github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2/v20230701"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	rgID        = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
	vaultID     = rgID + "/providers/Microsoft.KeyVault/vaults/kv-hardaks-dev"
	endpointID  = rgID + "/providers/Microsoft.Network/privateEndpoints/pep-kv-hardaks-dev-vault"
	subnetID    = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-private-endpoints"
	zoneID      = rgID + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
	workspaceID = rgID + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev"
	csiID       = "5b8e2f1a-7c3d-4e9f-a0b1-c2d3e4f5a6b7"

	// The plaintext secret values; neither may appear anywhere in a plan.
	plainValue  = "pl41n-v4lue-from-code"
	secretValue = "s3cr3t-v4lue-from-config"

	componentType  = "hardaks:keyvault:Vault"
	vaultType      = "azure-native:keyvault/v20230701:Vault"
	secretType     = "azure-native:keyvault/v20230701:Secret"
	endpointType   = "azure-native:network/v20240301:PrivateEndpoint"
	zoneGroupType  = "azure-native:network/v20240301:PrivateDnsZoneGroup"
	assignmentType = "azure-native:authorization/v20220401:RoleAssignment"
	diagType       = "azure-native:insights/v20210501preview:DiagnosticSetting"
	lockType       = "azure-native:authorization/v20200501:ManagementLockByScope"
)

func validArgs() *keyvault.VaultArgs {
	return &keyvault.VaultArgs{
		ResourceGroupName:       pulumi.String("rg-hardaks-dev"),
		Location:                pulumi.String("westeurope"),
		VaultName:               "kv-hardaks-dev",
		TenantID:                offline.TenantID,
		SkuName:                 "standard",
		PrivateEndpointSubnetID: pulumi.String(subnetID),
		PrivateDNSZoneID:        pulumi.String(zoneID),
		LogAnalyticsWorkspaceID: pulumi.String(workspaceID),
		RoleAssignments: []rbac.RoleAssignment{{
			Name:          "csi-secrets-user",
			Role:          rbac.KeyVaultSecretsUser,
			PrincipalType: rbac.PrincipalServicePrincipal,
		}},
		RoleAssignmentPrincipalIDs: pulumi.StringMap{"csi-secrets-user": pulumi.String(csiID)},
		// Given out of order: registration is by name.
		SecretNames: []string{"db-password", "api-key"},
		SecretValues: pulumi.StringMap{
			"db-password": pulumi.ToSecret(pulumi.String(secretValue)).(pulumi.StringOutput),
			"api-key":     pulumi.String(plainValue),
		},
		Tags: pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

// run builds the vault and exports its outputs plus every secret resource's properties.value output.
func run(t *testing.T, args *keyvault.VaultArgs) (*offline.Plan, error) {
	t.Helper()
	return offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		var secrets []*azkeyvault.Secret
		err := ctx.RegisterStackTransformation(func(a *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
			if s, ok := a.Resource.(*azkeyvault.Secret); ok {
				secrets = append(secrets, s)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		v, err := keyvault.NewVault(ctx, "kv", args)
		if err != nil {
			return nil, err
		}
		out := pulumi.Map{
			"vaultId":           v.VaultID,
			"vaultName":         v.VaultName,
			"vaultUri":          v.VaultURI,
			"privateEndpointId": v.PrivateEndpointID,
			"secretIds":         v.SecretIDs,
		}
		for i, s := range secrets {
			out["secretValue"+string(rune('0'+i))] = s.Properties.Value()
		}
		return out, nil
	})
}

func mustRun(t *testing.T, args *keyvault.VaultArgs) *offline.Plan {
	t.Helper()
	plan, err := run(t, args)
	require.NoError(t, err)
	return plan
}

func TestNewVaultRegistersEveryResourceInOrderUnderTheComponent(t *testing.T) {
	args := validArgs()
	args.Lock = &lock.Lock{Kind: lock.CanNotDelete}
	plan := mustRun(t, args)

	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		componentType + " kv",
		vaultType + " kv-kv",
		secretType + " kv-secret-api-key",
		secretType + " kv-secret-db-password",
		endpointType + " kv-pe",
		zoneGroupType + " kv-pe-dns",
		assignmentType + " kv-ra-csi-secrets-user",
		diagType + " kv-diag",
		lockType + " kv-lock",
	}, got)
	for _, r := range plan.Resources[1:] {
		assert.Equal(t, plan.Resources[0].URN, r.Parent, r.Name)
	}
}

func TestNewVaultCreatesAPrivateRBACVaultWithPurgeProtection(t *testing.T) {
	plan := mustRun(t, validArgs())

	vault := plan.MustFind(t, vaultType, "kv-kv")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"vaultName":         "kv-hardaks-dev",
		"location":          "westeurope",
		"properties": map[string]any{
			"tenantId":                     offline.TenantID,
			"sku":                          map[string]any{"family": "A", "name": "standard"},
			"enableRbacAuthorization":      true,
			"enableSoftDelete":             true,
			"softDeleteRetentionInDays":    90.0,
			"enablePurgeProtection":        true,
			"publicNetworkAccess":          "Disabled",
			"networkAcls":                  map[string]any{"defaultAction": "Deny", "bypass": "AzureServices"},
			"enabledForDeployment":         false,
			"enabledForDiskEncryption":     false,
			"enabledForTemplateDeployment": false,
		},
		"tags": map[string]any{"env": "dev"},
	}, vault.Inputs)
	assert.Equal(t, vaultID, vault.ID)
}

func TestNewVaultTakesThePremiumSku(t *testing.T) {
	args := validArgs()
	args.SkuName = "premium"
	plan := mustRun(t, args)
	vault := plan.MustFind(t, vaultType, "kv-kv")
	assert.Equal(t, map[string]any{"family": "A", "name": "premium"}, offline.Get(vault.Inputs, "properties.sku"))
}

func TestNewVaultConnectsAPrivateEndpointToTheVault(t *testing.T) {
	plan := mustRun(t, validArgs())
	vault := plan.MustFind(t, vaultType, "kv-kv")

	pe := plan.MustFind(t, endpointType, "kv-pe")
	assert.Equal(t, map[string]any{
		"resourceGroupName":          "rg-hardaks-dev",
		"privateEndpointName":        "pep-kv-hardaks-dev-vault",
		"location":                   "westeurope",
		"customNetworkInterfaceName": "pep-kv-hardaks-dev-vault-nic",
		"subnet": map[string]any{
			"id":                                subnetID,
			"privateEndpointNetworkPolicies":    "Disabled",
			"privateLinkServiceNetworkPolicies": "Enabled",
		},
		"privateLinkServiceConnections": []any{map[string]any{
			"name":                 "pep-kv-hardaks-dev-vault",
			"privateLinkServiceId": vaultID,
			"groupIds":             []any{"vault"},
		}},
		"tags": map[string]any{"env": "dev"},
	}, pe.Inputs)
	assert.Equal(t, []string{vault.URN}, pe.Dependencies)

	group := plan.MustFind(t, zoneGroupType, "kv-pe-dns")
	assert.Equal(t, map[string]any{
		"resourceGroupName":       "rg-hardaks-dev",
		"privateEndpointName":     "pep-kv-hardaks-dev-vault",
		"privateDnsZoneGroupName": "default",
		"privateDnsZoneConfigs": []any{map[string]any{
			"name":             "privatelink-vaultcore-azure-net",
			"privateDnsZoneId": zoneID,
		}},
	}, group.Inputs)
	assert.Equal(t, []string{pe.URN}, group.Dependencies)
}

func TestNewVaultAssignsTheGivenRolesOnTheVault(t *testing.T) {
	plan := mustRun(t, validArgs())
	require.Len(t, plan.OfType(assignmentType), 1)

	ra := plan.MustFind(t, assignmentType, "kv-ra-csi-secrets-user")
	assert.Equal(t, map[string]any{
		"roleAssignmentName": rbac.AssignmentName(vaultID, csiID, rbac.MustRoleGUID(rbac.KeyVaultSecretsUser)),
		"scope":              vaultID,
		"roleDefinitionId":   "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
		"principalId":        csiID,
		"principalType":      "ServicePrincipal",
	}, ra.Inputs)
}

func TestNewVaultNarrowsAnAssignmentToOneOfItsSecretsOrCertificates(t *testing.T) {
	args := validArgs()
	args.RoleAssignments = append(args.RoleAssignments,
		rbac.RoleAssignment{Name: "orders-db-password", Role: rbac.KeyVaultSecretsUser, PrincipalType: rbac.PrincipalServicePrincipal, Secret: "db-password"},
		rbac.RoleAssignment{Name: "orders-tls", Role: rbac.KeyVaultCertificateUser, PrincipalType: rbac.PrincipalServicePrincipal, Certificate: "tls-orders"})
	args.RoleAssignmentPrincipalIDs.(pulumi.StringMap)["orders-db-password"] = pulumi.String(csiID)
	args.RoleAssignmentPrincipalIDs.(pulumi.StringMap)["orders-tls"] = pulumi.String(csiID)
	plan := mustRun(t, args)

	secret := plan.MustFind(t, assignmentType, "kv-ra-orders-db-password")
	assert.Equal(t, vaultID+"/secrets/db-password", secret.Inputs["scope"])
	// The grant on a secret this vault writes waits for that secret.
	assert.Contains(t, secret.Dependencies, plan.URNOf(secretType, "kv-secret-db-password"))
	certificate := plan.MustFind(t, assignmentType, "kv-ra-orders-tls")
	assert.Equal(t, vaultID+"/certificates/tls-orders", certificate.Inputs["scope"])
	assert.Equal(t, "/subscriptions/"+offline.SubscriptionID+"/providers/Microsoft.Authorization/roleDefinitions/db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
		certificate.Inputs["roleDefinitionId"])
}

func TestVaultArgsReportEveryProblemAtOnceWithoutASecretValue(t *testing.T) {
	args := validArgs()
	args.VaultName = "kv--x"
	args.SkuName = "Premium"
	args.SecretValues.(pulumi.StringMap)["stray"] = pulumi.String(plainValue)
	args.RoleAssignments[0].Namespace = "apps"
	err := args.Validate()
	assert.EqualError(t, err, `keyvault: vaultName = "kv--x": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name
keyvault: skuName = "Premium": must be standard or premium; use standard, or premium for HSM-protected keys
keyvault: secretValues.stray = "[secret]": names no secret in secretNames; add it to secretNames, or remove the value
keyvault: roleAssignments[0].namespace = "apps": applies to a cluster's assignments only; remove it`)
	assert.NotContains(t, err.Error(), plainValue)
}

func TestNewVaultSendsAuditEventsToTheWorkspace(t *testing.T) {
	plan := mustRun(t, validArgs())

	diag := plan.MustFind(t, diagType, "kv-diag")
	assert.Equal(t, "diag-kv-hardaks-dev", diag.Inputs["name"])
	assert.Equal(t, vaultID, diag.Inputs["resourceUri"])
	assert.Equal(t, workspaceID, diag.Inputs["workspaceId"])
	assert.Equal(t, []any{map[string]any{"categoryGroup": "audit", "enabled": true}}, diag.Inputs["logs"])
	assert.Equal(t, "Dedicated", diag.Inputs["logAnalyticsDestinationType"])
	assert.Nil(t, diag.Inputs["metrics"])
}

func TestNewVaultWritesEachSecretAsASecretThatDependsOnlyOnTheVault(t *testing.T) {
	plan := mustRun(t, validArgs())
	vault := plan.MustFind(t, vaultType, "kv-kv")

	for _, name := range []string{"api-key", "db-password"} {
		t.Run(name, func(t *testing.T) {
			s := plan.MustFind(t, secretType, "kv-secret-"+name)
			assert.Equal(t, map[string]any{
				"resourceGroupName": "rg-hardaks-dev",
				"vaultName":         "kv-hardaks-dev",
				"secretName":        name,
				"properties":        map[string]any{"value": offline.SecretPlaceholder},
				"tags":              map[string]any{"env": "dev"},
			}, s.Inputs)
			assert.Equal(t, vaultID+"/secrets/"+name, s.ID)
			assert.Equal(t, []string{vault.URN}, s.Dependencies)
			// Destroy never calls the private data plane: the secret goes with its vault.
			assert.True(t, s.Options.RetainOnDelete)
		})
	}
}

func TestNewVaultNeverPutsASecretValueInThePlan(t *testing.T) {
	plan := mustRun(t, validArgs())

	// Both secrets' value outputs are secret.
	assert.Equal(t, offline.SecretPlaceholder, plan.Outputs["secretValue0"])
	assert.Equal(t, offline.SecretPlaceholder, plan.Outputs["secretValue1"])

	encoded, err := json.Marshal(plan)
	require.NoError(t, err)
	for _, value := range []string{plainValue, secretValue} {
		assert.False(t, strings.Contains(string(encoded), value), "plan contains %q", value)
	}
	// The search itself can find a value when one is there.
	assert.Contains(t, string(encoded), "kv-hardaks-dev")
}

func TestNewVaultExportsItsOutputs(t *testing.T) {
	plan := mustRun(t, validArgs())
	delete(plan.Outputs, "secretValue0")
	delete(plan.Outputs, "secretValue1")
	assert.Equal(t, map[string]any{
		"vaultId":           vaultID,
		"vaultName":         "kv-hardaks-dev",
		"vaultUri":          "https://kv-hardaks-dev.vault.azure.net/",
		"privateEndpointId": endpointID,
		"secretIds": map[string]any{
			"api-key":     vaultID + "/secrets/api-key",
			"db-password": vaultID + "/secrets/db-password",
		},
	}, plan.Outputs)
}

func TestNewVaultWithoutSecretsExportsAnEmptyMap(t *testing.T) {
	args := validArgs()
	args.SecretNames = nil
	args.SecretValues = nil
	plan := mustRun(t, args)
	assert.Empty(t, plan.OfType(secretType))
	assert.Equal(t, map[string]any{}, plan.Outputs["secretIds"])
}

func TestNewVaultProtect(t *testing.T) {
	for _, protect := range []bool{true, false} {
		t.Run(map[bool]string{true: "protect true protects the vault only", false: "protect false protects nothing"}[protect], func(t *testing.T) {
			args := validArgs()
			args.Protect = protect
			plan := mustRun(t, args)
			for _, r := range plan.Resources {
				assert.Equal(t, protect && r.Type == vaultType, r.Protect, r.Name)
			}
		})
	}
}

func TestNewVaultLock(t *testing.T) {
	t.Run("lock true puts a CanNotDelete lock on the vault after everything under it", func(t *testing.T) {
		args := validArgs()
		args.Lock = &lock.Lock{Kind: lock.CanNotDelete}
		plan := mustRun(t, args)

		lock := plan.MustFind(t, lockType, "kv-lock")
		assert.Equal(t, map[string]any{
			"lockName": "lock-kv-hardaks-dev",
			"scope":    vaultID,
			"level":    "CanNotDelete",
			"notes":    "Managed by hardaks (Pulumi): protects the key vault from deletion.",
		}, lock.Inputs)
		assert.ElementsMatch(t, []string{
			plan.URNOf(vaultType, "kv-kv"),
			plan.URNOf(endpointType, "kv-pe"),
			plan.URNOf(assignmentType, "kv-ra-csi-secrets-user"),
			plan.URNOf(diagType, "kv-diag"),
			plan.URNOf(secretType, "kv-secret-api-key"),
			plan.URNOf(secretType, "kv-secret-db-password"),
		}, lock.Dependencies)
	})
	t.Run("lock false creates no lock", func(t *testing.T) {
		plan := mustRun(t, validArgs())
		assert.Empty(t, plan.OfType(lockType))
	})
}

// renameSecret renames the i-th secret, keeping its value.
func renameSecret(a *keyvault.VaultArgs, i int, name string) {
	values := a.SecretValues.(pulumi.StringMap)
	values[name] = values[a.SecretNames[i]]
	delete(values, a.SecretNames[i])
	a.SecretNames[i] = name
}

func TestNewVaultRejectsInvalidArgs(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*keyvault.VaultArgs)
		want   string
	}{
		{"a missing resource group is rejected", func(a *keyvault.VaultArgs) { a.ResourceGroupName = nil }, "keyvault: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"a missing location is rejected", func(a *keyvault.VaultArgs) { a.Location = nil }, "keyvault: location = (not set): is required; set an Azure region, e.g. westeurope"},
		{"a missing endpoint subnet is rejected", func(a *keyvault.VaultArgs) { a.PrivateEndpointSubnetID = nil }, "keyvault: privateEndpointSubnetId = (not set): is required; pass the private endpoint subnet's ID"},
		{"a missing DNS zone is rejected", func(a *keyvault.VaultArgs) { a.PrivateDNSZoneID = nil }, "keyvault: privateDnsZoneId = (not set): is required; pass the privatelink.vaultcore.azure.net zone's ID"},
		{"a missing workspace is rejected", func(a *keyvault.VaultArgs) { a.LogAnalyticsWorkspaceID = nil }, "keyvault: logAnalyticsWorkspaceId = (not set): is required; pass the Log Analytics workspace's ID"},
		{"a two-character name is rejected", func(a *keyvault.VaultArgs) { a.VaultName = "kv" }, `keyvault: vaultName = "kv": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name`},
		{"a 25-character name is rejected", func(a *keyvault.VaultArgs) { a.VaultName = "kv-1234567890123456789012" }, `keyvault: vaultName = "kv-1234567890123456789012": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name`},
		{"a name starting with a digit is rejected", func(a *keyvault.VaultArgs) { a.VaultName = "1kv-hardaks" }, `keyvault: vaultName = "1kv-hardaks": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name`},
		{"a name ending with a hyphen is rejected", func(a *keyvault.VaultArgs) { a.VaultName = "kv-hardaks-" }, `keyvault: vaultName = "kv-hardaks-": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name`},
		{"a name with consecutive hyphens is rejected", func(a *keyvault.VaultArgs) { a.VaultName = "kv--hardaks" },
			`keyvault: vaultName = "kv--hardaks": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name`},
		{"a name with an underscore is rejected", func(a *keyvault.VaultArgs) { a.VaultName = "kv_hardaks" }, `keyvault: vaultName = "kv_hardaks": vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no "--" and are unique across Azure; choose another name`},
		{"a tenant that is not a GUID is rejected", func(a *keyvault.VaultArgs) { a.TenantID = "contoso.onmicrosoft.com" }, "keyvault: tenantId = \"contoso.onmicrosoft.com\": must be the Entra tenant ID, a GUID; set it to the output of `az account show --query tenantId -o tsv`"},
		{"an unknown sku is rejected", func(a *keyvault.VaultArgs) { a.SkuName = "Standard" }, `keyvault: skuName = "Standard": must be standard or premium; use standard, or premium for HSM-protected keys`},
		{"a secret name with a dot is rejected", func(a *keyvault.VaultArgs) { renameSecret(a, 0, "db.password") },
			`keyvault: secretNames[0] = "db.password": Key Vault secret names are 1-127 letters, digits and hyphens; rename the secret`},
		{"an empty secret name is rejected", func(a *keyvault.VaultArgs) { renameSecret(a, 0, "") }, "keyvault: secretNames[0] = (not set): Key Vault secret names are 1-127 letters, digits and hyphens; rename the secret"},
		{"a secret listed twice in another case is rejected", func(a *keyvault.VaultArgs) { renameSecret(a, 1, "DB-Password") }, `keyvault: secretNames[1] = "DB-Password": names a secret listed before (Key Vault ignores case); list each secret once`},
		{"a secret without a value is rejected", func(a *keyvault.VaultArgs) { delete(a.SecretValues.(pulumi.StringMap), "api-key") }, "keyvault: secretValues.api-key = (not set): is not set; give the secret a value, or remove it from secretNames"},
		{"a duplicate role assignment name is rejected", func(a *keyvault.VaultArgs) { a.RoleAssignments = append(a.RoleAssignments, a.RoleAssignments[0]) },
			`keyvault: roleAssignments[1].name = "csi-secrets-user": names a second assignment; give each assignment its own name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			tt.mutate(args)
			_, err := run(t, args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("nil args are rejected", func(t *testing.T) {
		_, err := run(t, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "keyvault: args must not be nil")
	})
}
