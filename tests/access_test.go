package tests

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
	"github.com/hardaks/hardaks/stacks"
)

const bastionID = rgID + "/providers/Microsoft.Network/bastionHosts/bas-hardaks-dev"

func TestDevBastionIsStandardWithNativeClientAndTheOnlyPublicIP(t *testing.T) {
	plan := dev(t)
	host := plan.MustFind(t, "azure-native:network/v20240301:BastionHost", "hardaks-bastion-host")
	assert.Equal(t, bastionID, host.ID)
	for path, want := range map[string]any{
		"sku.name": "Standard", "enableTunneling": true, "enableShareableLink": false, "enableIpConnect": false,
		"disableCopyPaste": false, "scaleUnits": float64(2),
		"ipConfigurations[0].subnet.id": rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/AzureBastionSubnet",
	} {
		assert.Equal(t, want, offline.Get(host.Inputs, path), path)
	}
	ips := plan.OfType("azure-native:network/v20240301:PublicIPAddress")
	require.Len(t, ips, 1, "Bastion's public IP is the only one in the environment")
	assert.Equal(t, ips[0].ID, offline.Get(host.Inputs, "ipConfigurations[0].publicIPAddress.id"))
	assert.Equal(t, []any{"1", "2", "3"}, ips[0].Inputs["zones"])
	assert.Equal(t, map[string]any{"name": "Standard", "tier": "Regional"}, ips[0].Inputs["sku"])
	diag := plan.MustFind(t, "azure-native:insights/v20210501preview:DiagnosticSetting", "hardaks-bastion-diag")
	assert.Equal(t, bastionID, diag.Inputs["resourceUri"])
}

func TestDevNoNetworkInterfaceHasAPublicIP(t *testing.T) {
	plan := dev(t)
	nics := plan.OfType("azure-native:network/v20240301:NetworkInterface")
	require.NotEmpty(t, nics)
	for _, nic := range nics {
		for _, c := range nic.Inputs["ipConfigurations"].([]any) {
			assert.Nil(t, offline.Get(c, "publicIPAddress"), nic.Name)
		}
		assert.Equal(t, false, nic.Inputs["enableIPForwarding"], nic.Name)
	}
}

func TestDevBuildAgentIsHardenedAndHoldsExactlyItsRoles(t *testing.T) {
	plan := dev(t)
	vm := plan.MustFind(t, "azure-native:compute/v20240701:VirtualMachine", "hardaks-buildagent-vm-01")
	for path, want := range map[string]any{
		"securityProfile.securityType":                               "TrustedLaunch",
		"securityProfile.uefiSettings.secureBootEnabled":             true,
		"securityProfile.uefiSettings.vTpmEnabled":                   true,
		"securityProfile.encryptionAtHost":                           true,
		"osProfile.linuxConfiguration.disablePasswordAuthentication": true,
		"osProfile.linuxConfiguration.patchSettings.patchMode":       "AutomaticByPlatform",
		"diagnosticsProfile.bootDiagnostics.enabled":                 true,
		"storageProfile.imageReference.offer":                        "ubuntu-24_04-lts",
		"identity.type":                                              "UserAssigned",
	} {
		assert.Equal(t, want, offline.Get(vm.Inputs, path), path)
	}
	assert.Nil(t, offline.Get(vm.Inputs, "osProfile.adminPassword"))

	identity := plan.MustFind(t, "azure-native:managedidentity/v20230131:UserAssignedIdentity", "hardaks-buildagent-id")
	principal := offline.GUID("principal", identity.ID)
	type grant struct{ scope, role string }
	var got []grant
	for _, ra := range plan.OfType(roleType) {
		if ra.Inputs["principalId"] == principal {
			got = append(got, grant{ra.Inputs["scope"].(string), lastSegment(ra.Inputs["roleDefinitionId"].(string))})
		}
	}
	assert.ElementsMatch(t, []grant{
		{registryID, rbac.MustRoleGUID(rbac.AcrPush)}, {vaultID + "/secrets/build-agent-registration-token", rbac.MustRoleGUID(rbac.KeyVaultSecretsUser)},
		{clusterID, rbac.MustRoleGUID(rbac.AKSClusterUser)}, {clusterID + "/namespaces/orders", rbac.MustRoleGUID(rbac.AKSRBACWriter)},
	}, got)
	assert.Contains(t, vm.Dependencies, plan.URNOf(roleType, "hardaks-keyvault-ra-dev-agent-kv-secrets-user"),
		"the agent reads its token at first boot, so its vault role exists first")
}

func TestDevOutputsGiveABastionSSHCommandPerAgent(t *testing.T) {
	plan := dev(t)
	vm := plan.MustFind(t, "azure-native:compute/v20240701:VirtualMachine", "hardaks-buildagent-vm-01")
	assert.Equal(t, []any{"az network bastion ssh --resource-group rg-hardaks-dev --name bas-hardaks-dev --target-resource-id " + vm.ID +
		" --auth-type ssh-key --username azureuser --ssh-key <path to the private key>"}, plan.Outputs["buildAgentSshCommands"])
}

// TestSecretsNeverAppearInThePlan writes a known secret through hardaks:vaultSecrets and checks it reaches Key Vault
// as a secret and appears nowhere: not in any input, output or the agents' custom data.
func TestSecretsNeverAppearInThePlan(t *testing.T) {
	const sentinel = "s3ntinel-PAT-value-0123456789"
	src, err := stackfile.Read(projectDir, "dev")
	require.NoError(t, err)
	src.Values["hardaks:vaultSecrets"] = `{"build-agent-registration-token":"` + sentinel + `"}`
	src.SecretKeys = append(src.SecretKeys, "hardaks:vaultSecrets")
	plan, err := offline.Run(offline.Options{Project: src.Project, Stack: src.Stack, Config: src.Values, SecretKeys: src.SecretKeys}, stacks.Program)
	require.NoError(t, err)

	secret := plan.MustFind(t, "azure-native:keyvault/v20230701:Secret", "hardaks-keyvault-secret-build-agent-registration-token")
	assert.Equal(t, offline.SecretPlaceholder, offline.Get(secret.Inputs, "properties.value"))
	data, err := json.Marshal(plan)
	require.NoError(t, err)
	assert.NotContains(t, string(data), sentinel)

	vm := plan.MustFind(t, "azure-native:compute/v20240701:VirtualMachine", "hardaks-buildagent-vm-01")
	customData, err := base64.StdEncoding.DecodeString(offline.Get(vm.Inputs, "osProfile.customData").(string))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(customData), "#cloud-config\n"))
	assert.NotContains(t, string(customData), sentinel)
	assert.Contains(t, string(customData), "build-agent-registration-token", "the agent reads the token by name at boot")
	tokenGrant := plan.MustFind(t, roleType, "hardaks-keyvault-ra-dev-agent-kv-secrets-user")
	assert.Equal(t, secret.ID, tokenGrant.Inputs["scope"], "the agents may read their registration token and nothing else")
	assert.Contains(t, tokenGrant.Dependencies, secret.URN)
	assert.Contains(t, vm.Dependencies, tokenGrant.URN, "the agent boots only once its registration token is in the vault")
}

// Without the token in hardaks:vaultSecrets (written to the vault some other way), the agents wait for no secret.
func TestAgentsWaitForNoSecretTheStackDoesNotWrite(t *testing.T) {
	vm := dev(t).MustFind(t, "azure-native:compute/v20240701:VirtualMachine", "hardaks-buildagent-vm-01")
	for _, dep := range vm.Dependencies {
		assert.NotContains(t, dep, "keyvault/v20230701:Secret")
	}
}

func TestProdProtectsAndLocksStatefulResources(t *testing.T) {
	plan, err := planStack("prod")
	require.NoError(t, err)
	for _, name := range []struct{ typ, name string }{
		{"azure-native:resources/v20240701:ResourceGroup", "hardaks-rg"},
		{"azure-native:containerregistry/v20230701:Registry", "hardaks-registry-acr"},
		{"azure-native:keyvault/v20230701:Vault", "hardaks-keyvault-kv"},
	} {
		assert.True(t, plan.MustFind(t, name.typ, name.name).Protect, name.name)
	}
	locks := plan.OfType("azure-native:authorization/v20200501:ManagementLockByScope")
	require.Len(t, locks, 2)
	for _, l := range locks {
		assert.Equal(t, "CanNotDelete", l.Inputs["level"])
	}
	aks := plan.MustFind(t, clusterType, "hardaks-cluster-aks")
	assert.Equal(t, "Standard", offline.Get(aks.Inputs, "sku.tier"))
	zone := plan.MustFind(t, "azure-native:network/v20240601:PrivateZone", "hardaks-dns-cluster")
	assert.Equal(t, zone.ID, offline.Get(aks.Inputs, "apiServerAccessProfile.privateDNSZone"))
	assert.Equal(t, "premium", offline.Get(plan.MustFind(t, "azure-native:keyvault/v20230701:Vault", "hardaks-keyvault-kv").Inputs, "properties.sku.name"))
	assert.Equal(t, "Premium", offline.Get(plan.MustFind(t, "azure-native:network/v20240301:BastionHost", "hardaks-bastion-host").Inputs, "sku.name"))
	dev := dev(t)
	for _, r := range dev.Resources {
		assert.False(t, r.Protect, "dev protects nothing: %s", r.Name)
	}
}
