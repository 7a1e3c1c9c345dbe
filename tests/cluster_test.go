package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	clusterType   = "azure-native:containerservice/v20240901:ManagedCluster"
	agentPoolType = "azure-native:containerservice/v20240901:AgentPool"
	roleType      = "azure-native:authorization/v20220401:RoleAssignment"
	clusterID     = rgID + "/providers/Microsoft.ContainerService/managedClusters/aks-hardaks-dev"
)

func TestDevClusterIsPrivateEntraOnlyAndHardened(t *testing.T) {
	plan := dev(t)
	aks := plan.MustFind(t, clusterType, "hardaks-cluster-aks")
	for path, want := range map[string]any{
		"apiServerAccessProfile.enablePrivateCluster":                            true,
		"apiServerAccessProfile.enablePrivateClusterPublicFQDN":                  false,
		"apiServerAccessProfile.disableRunCommand":                               true,
		"apiServerAccessProfile.privateDNSZone":                                  "system",
		"aadProfile.managed":                                                     true,
		"aadProfile.enableAzureRBAC":                                             true,
		"aadProfile.tenantID":                                                    "7d3a9c52-4e1b-4f0a-9b8e-2c6d1e5f8a90",
		"aadProfile.adminGroupObjectIDs":                                         []any{"4f6e2d1c-8b7a-4c3d-9e0f-1a2b3c4d5e6f"},
		"enableRBAC":                                                             true,
		"disableLocalAccounts":                                                   true,
		"oidcIssuerProfile.enabled":                                              true,
		"securityProfile.workloadIdentity.enabled":                               true,
		"securityProfile.defender.securityMonitoring.enabled":                    true,
		"securityProfile.imageCleaner.enabled":                                   true,
		"addonProfiles.azureKeyvaultSecretsProvider.enabled":                     true,
		"addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation": "true",
		"addonProfiles.azureKeyvaultSecretsProvider.config.rotationPollInterval": "2m",
		"addonProfiles.azurepolicy.enabled":                                      true,
		"addonProfiles.omsagent.config.useAADAuth":                               "true",
		"autoUpgradeProfile.upgradeChannel":                                      "patch",
		"autoUpgradeProfile.nodeOSUpgradeChannel":                                "NodeImage",
		"sku.tier":                                    "Free",
		"networkProfile.networkPlugin":                "azure",
		"networkProfile.networkPluginMode":            "overlay",
		"networkProfile.networkDataplane":             "cilium",
		"networkProfile.networkPolicy":                "cilium",
		"networkProfile.outboundType":                 "userAssignedNATGateway",
		"networkProfile.serviceCidr":                  "172.16.0.0/16",
		"networkProfile.podCidr":                      "192.168.0.0/16",
		"networkProfile.dnsServiceIP":                 "172.16.0.10",
		"agentPoolProfiles[0].vnetSubnetID":           rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-nodes",
		"agentPoolProfiles[0].enableNodePublicIP":     false,
		"agentPoolProfiles[0].enableEncryptionAtHost": true,
		"agentPoolProfiles[0].nodeTaints":             []any{"CriticalAddonsOnly=true:NoSchedule"},
		"agentPoolProfiles[0].osDiskType":             "Ephemeral",
		"agentPoolProfiles[0].osSKU":                  "AzureLinux",
		"agentPoolProfiles[0].availabilityZones":      []any{"1", "2", "3"},
		"agentPoolProfiles[0].securityProfile":        map[string]any{"enableVTPM": true, "enableSecureBoot": true},
		"nodeResourceGroupProfile.restrictionLevel":   "ReadOnly",
	} {
		assert.Equal(t, want, offline.Get(aks.Inputs, path), path)
	}
	assert.Nil(t, aks.Inputs["linuxProfile"], "no SSH key is provisioned on nodes")
	_, pinned := aks.Inputs["kubernetesVersion"]
	assert.False(t, pinned, "the dev stack leaves the version to AKS's default")

	pools := plan.OfType(agentPoolType)
	require.Len(t, pools, 1)
	assert.Equal(t, "User", pools[0].Inputs["mode"])
	assert.Equal(t, true, pools[0].Inputs["enableEncryptionAtHost"])
	assert.Equal(t, map[string]any{"enableVTPM": true, "enableSecureBoot": true}, pools[0].Inputs["securityProfile"])
	assert.Equal(t, false, pools[0].Inputs["enableNodePublicIP"])
}

func TestDevClusterWaitsOnlyForTheRolesItNeeds(t *testing.T) {
	plan := dev(t)
	aks := plan.MustFind(t, clusterType, "hardaks-cluster-aks")
	networkContributor := plan.MustFind(t, roleType, "hardaks-cluster-identity-network-contributor")
	assert.Contains(t, aks.Dependencies, networkContributor.URN)
	for _, dep := range aks.Dependencies {
		r := findURN(t, plan, dep)
		assert.Contains(t, []string{"azure-native:resources/v20240701:ResourceGroup", roleType, "azure-native:managedidentity/v20230131:UserAssignedIdentity",
			"azure-native:operationalinsights/v20221001:Workspace", subnetType}, r.Type, "unexpected dependency %s", dep)
	}
	assert.Equal(t, rbac.MustRoleGUID(rbac.NetworkContributor), lastSegment(networkContributor.Inputs["roleDefinitionId"].(string)))
	assert.Equal(t, rgID+"/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-nodes", networkContributor.Inputs["scope"])
}

func TestDevGroupsGetTheirAzureRBACRolesOnTheCluster(t *testing.T) {
	plan := dev(t)
	type grant struct{ principal, role string }
	var got []grant
	for _, ra := range plan.OfType(roleType) {
		if ra.Inputs["scope"] == clusterID && ra.Inputs["principalType"] == "Group" {
			got = append(got, grant{ra.Inputs["principalId"].(string), lastSegment(ra.Inputs["roleDefinitionId"].(string))})
			assert.Equal(t, rbac.AssignmentName(clusterID, ra.Inputs["principalId"].(string), lastSegment(ra.Inputs["roleDefinitionId"].(string))),
				ra.Inputs["roleAssignmentName"])
		}
	}
	assert.ElementsMatch(t, []grant{
		{"4f6e2d1c-8b7a-4c3d-9e0f-1a2b3c4d5e6f", rbac.MustRoleGUID(rbac.AKSRBACClusterAdmin)},
		{"4f6e2d1c-8b7a-4c3d-9e0f-1a2b3c4d5e6f", rbac.MustRoleGUID(rbac.AKSClusterUser)},
		{"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", rbac.MustRoleGUID(rbac.AKSRBACWriter)},
		{"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", rbac.MustRoleGUID(rbac.AKSClusterUser)},
		{"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", rbac.MustRoleGUID(rbac.AKSRBACReader)},
		{"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", rbac.MustRoleGUID(rbac.AKSClusterUser)},
	}, got)
}

func TestDevAuditLogsGoToTheWorkspace(t *testing.T) {
	plan := dev(t)
	diag := plan.MustFind(t, "azure-native:insights/v20210501preview:DiagnosticSetting", "hardaks-cluster-diag")
	assert.Equal(t, clusterID, diag.Inputs["resourceUri"])
	assert.Equal(t, rgID+"/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev", diag.Inputs["workspaceId"])
	var categories []any
	for _, l := range diag.Inputs["logs"].([]any) {
		categories = append(categories, offline.Get(l, "category"))
	}
	assert.Equal(t, []any{"kube-audit-admin", "kube-apiserver", "guard"}, categories)
}

func TestDevOutputsSayHowToConnect(t *testing.T) {
	plan := dev(t)
	assert.Equal(t, "az aks get-credentials --resource-group rg-hardaks-dev --name aks-hardaks-dev && kubelogin convert-kubeconfig -l azurecli",
		plan.Outputs["getCredentialsCommand"])
	assert.Equal(t, "az aks bastion tunnel --resource-group rg-hardaks-dev --name aks-hardaks-dev --bastion "+rgID+"/providers/Microsoft.Network/bastionHosts/bas-hardaks-dev",
		plan.Outputs["aksBastionCommand"])
	assert.Equal(t, "aks-hardaks-dev", plan.Outputs["clusterName"])
	assert.Equal(t, clusterID, plan.Outputs["clusterId"])
	assert.Equal(t, offline.GUID("kubelet", "object", clusterID), plan.Outputs["kubeletIdentityObjectId"])
	assert.Equal(t, offline.GUID("kubelet", "client", clusterID), plan.Outputs["kubeletIdentityClientId"])
	assert.Equal(t, offline.GUID("csi", "client", clusterID), plan.Outputs["keyVaultSecretsProviderClientId"])
	assert.Equal(t, "MC_rg-hardaks-dev_aks-hardaks-dev_westeurope", plan.Outputs["nodeResourceGroup"])
	assert.Regexp(t, `^https://westeurope\.oic\.prod-aks\.azure\.com/7d3a9c52-4e1b-4f0a-9b8e-2c6d1e5f8a90/[0-9a-f-]{36}/$`, plan.Outputs["oidcIssuerUrl"])
}

func findURN(t *testing.T, plan *offline.Plan, urn string) offline.Resource {
	t.Helper()
	for _, r := range plan.Resources {
		if r.URN == urn {
			return r
		}
	}
	t.Fatalf("no resource %s", urn)
	return offline.Resource{}
}

func lastSegment(id string) string {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '/' {
			return id[i+1:]
		}
	}
	return id
}

// entra.writerNamespaces narrows the writer groups to those namespaces; admins and readers keep the whole cluster.
func TestWriterNamespacesScopeTheWriterGroups(t *testing.T) {
	t.Setenv("HARDAKS_ENTRA_WRITERNAMESPACES", "orders,web")
	plan, err := planStack("dev")
	require.NoError(t, err)
	writer := "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
	var scopes []string
	for _, ra := range plan.OfType(roleType) {
		if ra.Inputs["principalId"] == writer && lastSegment(ra.Inputs["roleDefinitionId"].(string)) == rbac.MustRoleGUID(rbac.AKSRBACWriter) {
			scopes = append(scopes, ra.Inputs["scope"].(string))
		}
	}
	assert.ElementsMatch(t, []string{clusterID + "/namespaces/orders", clusterID + "/namespaces/web"}, scopes)
}
