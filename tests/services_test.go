package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	peSubnetID = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-private-endpoints"
	registryID = rgID + "/providers/Microsoft.ContainerRegistry/registries/acrdevcf4f6236"
	vaultID    = rgID + "/providers/Microsoft.KeyVault/vaults/kv-dev-cf4f6236"
)

func TestDevRegistryAndVaultAreReachableOnlyThroughPrivateEndpoints(t *testing.T) {
	plan := dev(t)
	acr := plan.MustFind(t, "azure-native:containerregistry/v20230701:Registry", "hardaks-registry-acr")
	assert.Equal(t, registryID, acr.ID)
	for path, want := range map[string]any{
		"sku.name": "Premium", "adminUserEnabled": false, "publicNetworkAccess": "Disabled", "dataEndpointEnabled": true,
		"zoneRedundancy": "Enabled", "policies.exportPolicy.status": "disabled", "networkRuleBypassOptions": "AzureServices",
	} {
		assert.Equal(t, want, offline.Get(acr.Inputs, path), path)
	}
	kv := plan.MustFind(t, "azure-native:keyvault/v20230701:Vault", "hardaks-keyvault-kv")
	assert.Equal(t, vaultID, kv.ID)
	for path, want := range map[string]any{
		"properties.enableRbacAuthorization": true, "properties.enableSoftDelete": true,
		"properties.softDeleteRetentionInDays": float64(90), "properties.enablePurgeProtection": true,
		"properties.publicNetworkAccess": "Disabled", "properties.networkAcls.defaultAction": "Deny",
		"properties.networkAcls.bypass": "AzureServices", "properties.sku.name": "standard",
	} {
		assert.Equal(t, want, offline.Get(kv.Inputs, path), path)
	}

	endpoints := map[string]struct{ target, group, zone string }{
		"hardaks-registry-pe": {registryID, "registry", "privatelink.azurecr.io"},
		"hardaks-keyvault-pe": {vaultID, "vault", "privatelink.vaultcore.azure.net"},
	}
	require.Len(t, plan.OfType("azure-native:network/v20240301:PrivateEndpoint"), len(endpoints))
	for name, want := range endpoints {
		pe := plan.MustFind(t, "azure-native:network/v20240301:PrivateEndpoint", name)
		assert.Equal(t, want.target, offline.Get(pe.Inputs, "privateLinkServiceConnections[0].privateLinkServiceId"), name)
		assert.Equal(t, []any{want.group}, offline.Get(pe.Inputs, "privateLinkServiceConnections[0].groupIds"), name)
		assert.Equal(t, peSubnetID, offline.Get(pe.Inputs, "subnet.id"), name)
		group := plan.MustFind(t, "azure-native:network/v20240301:PrivateDnsZoneGroup", name+"-dns")
		assert.Equal(t, rgID+"/providers/Microsoft.Network/privateDnsZones/"+want.zone,
			offline.Get(group.Inputs, "privateDnsZoneConfigs[0].privateDnsZoneId"), name)
	}
}

func TestDevRegistryRolesAreAcrPullForTheKubeletAndPushForTheAgentOnly(t *testing.T) {
	plan := dev(t)
	type grant struct{ role, principal string }
	var got []grant
	for _, ra := range plan.OfType(roleType) {
		if ra.Inputs["scope"] == registryID {
			got = append(got, grant{lastSegment(ra.Inputs["roleDefinitionId"].(string)), ra.Inputs["principalId"].(string)})
			assert.Equal(t, "ServicePrincipal", ra.Inputs["principalType"])
		}
	}
	agentIdentity := plan.MustFind(t, "azure-native:managedidentity/v20230131:UserAssignedIdentity", "hardaks-buildagent-id")
	assert.ElementsMatch(t, []grant{
		{rbac.MustRoleGUID(rbac.AcrPull), offline.GUID("kubelet", "object", clusterID)},
		{rbac.MustRoleGUID(rbac.AcrPush), offline.GUID("principal", agentIdentity.ID)},
	}, got)
}

func TestDevWorkloadIdentityTrustsTheClusterIssuerAndReadsOnlyItsOwnSecret(t *testing.T) {
	plan := dev(t)
	fic := plan.MustFind(t, "azure-native:managedidentity/v20230131:FederatedIdentityCredential", "hardaks-workload-orders-fic")
	assert.Equal(t, plan.Outputs["oidcIssuerUrl"], fic.Inputs["issuer"])
	assert.Equal(t, "system:serviceaccount:orders:orders-api", fic.Inputs["subject"])
	assert.Equal(t, []any{"api://AzureADTokenExchange"}, fic.Inputs["audiences"])

	identity := plan.MustFind(t, "azure-native:managedidentity/v20230131:UserAssignedIdentity", "hardaks-workload-orders-id")
	ra := plan.MustFind(t, roleType, "hardaks-keyvault-ra-orders-secret-orders-db-connection")
	assert.Equal(t, vaultID+"/secrets/orders-db-connection", ra.Inputs["scope"])
	var grants []string
	for _, r := range plan.OfType(roleType) {
		if r.Inputs["principalId"] == offline.GUID("principal", identity.ID) {
			grants = append(grants, r.Name)
		}
	}
	assert.Equal(t, []string{"hardaks-keyvault-ra-orders-secret-orders-db-connection"}, grants, "exactly one grant: its declared secret")
	assert.Equal(t, rbac.MustRoleGUID(rbac.KeyVaultSecretsUser), lastSegment(ra.Inputs["roleDefinitionId"].(string)))
	assert.Equal(t, offline.GUID("principal", identity.ID), ra.Inputs["principalId"])

	workload := offline.Get(plan.Outputs, "workloads.orders").(map[string]any)
	assert.Equal(t, offline.GUID("client", identity.ID), workload["clientId"])
	assert.Contains(t, workload["serviceAccountManifest"], "azure.workload.identity/client-id: "+offline.GUID("client", identity.ID))
	assert.Contains(t, workload["secretProviderClassManifest"], "keyvaultName: kv-dev-cf4f6236")
}
