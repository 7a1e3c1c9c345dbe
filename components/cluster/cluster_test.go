package cluster_test

import (
	"fmt"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/internal/offline"
)

var tags = map[string]any{"environment": "dev", "project": "hardaks"}

func TestClusterRegistersEveryResourceUnderTheComponentInOrder(t *testing.T) {
	plan := mustRun(t, withCustomZone)

	component := plan.MustFind(t, typeComponent, "aks")
	want := []struct{ typ, name string }{
		{typeIdentity, "aks-identity"},
		{typeAssignment, "aks-identity-vnet-network-contributor"},
		{typeAssignment, "aks-identity-dns-zone-contributor"},
		{typeCluster, "aks-aks"},
		{typeAssignment, "aks-ra-admins"},
		{typeAssignment, "aks-ra-readers"},
		{typeAssignment, "aks-ra-build-agent"},
		{typeDiagnostic, "aks-diag"},
		{typeAgentPool, "aks-pool-apps"},
		{typeAgentPool, "aks-pool-batch"},
		{typeMaintenance, "aks-maintenance-node-os"},
		{typeMaintenance, "aks-maintenance-releases"},
		{typePolicyAssignment, "aks-pod-security"},
		{typeDCR, "aks-dcr"},
		{typeDCRA, "aks-dcra"},
	}
	var got []struct{ typ, name string }
	for _, r := range plan.Resources {
		if r.Parent == component.URN {
			got = append(got, struct{ typ, name string }{r.Type, r.Name})
		}
	}
	assert.Equal(t, want, got)
	assert.Empty(t, component.Parent)
}

func TestManagedClusterIsPrivateEntraOnlyAndHardened(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(*cluster.ClusterArgs, upstream)
		wantDNS string
	}{
		{name: "no zone given uses the AKS-managed system zone", wantDNS: "system"},
		{name: "a custom zone is passed by resource ID", mutate: withCustomZone, wantDNS: zoneID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aks := mustRun(t, tt.mutate).MustFind(t, typeCluster, "aks-aks")
			in := aks.Inputs

			assert.Equal(t, clusterID, aks.ID)
			assert.Equal(t, rg, in["resourceGroupName"])
			assert.Equal(t, clusterName, in["resourceName"])
			assert.Equal(t, location, in["location"])
			assert.Equal(t, clusterName, in["dnsPrefix"])
			assert.Equal(t, "1.30", in["kubernetesVersion"])
			assert.Equal(t, map[string]any{"name": "Base", "tier": "Standard"}, in["sku"])
			assert.Equal(t, map[string]any{
				"type":                   "UserAssigned",
				"userAssignedIdentities": []any{identityID},
			}, in["identity"])
			assert.Equal(t, map[string]any{
				"enablePrivateCluster":           true,
				"enablePrivateClusterPublicFQDN": false,
				"disableRunCommand":              true,
				"privateDNSZone":                 tt.wantDNS,
			}, in["apiServerAccessProfile"])
			assert.Equal(t, map[string]any{
				"managed":             true,
				"enableAzureRBAC":     true,
				"adminGroupObjectIDs": []any{adminGroup},
				"tenantID":            tenant,
			}, in["aadProfile"])
			assert.Equal(t, true, in["enableRBAC"])
			assert.Equal(t, true, in["disableLocalAccounts"])
			assert.Equal(t, map[string]any{"enabled": true}, in["oidcIssuerProfile"])
			assert.Equal(t, map[string]any{
				"workloadIdentity": map[string]any{"enabled": true},
				"defender": map[string]any{
					"logAnalyticsWorkspaceResourceId": workspaceID,
					"securityMonitoring":              map[string]any{"enabled": true},
				},
				"imageCleaner": map[string]any{"enabled": true, "intervalHours": 168.0},
			}, in["securityProfile"])
			assert.Equal(t, map[string]any{
				"azureKeyvaultSecretsProvider": map[string]any{
					"enabled": true,
					"config":  map[string]any{"enableSecretRotation": "true", "rotationPollInterval": "2m"},
				},
				"azurepolicy": map[string]any{"enabled": true},
				"omsagent": map[string]any{
					"enabled": true,
					"config":  map[string]any{"logAnalyticsWorkspaceResourceID": workspaceID, "useAADAuth": "true"},
				},
			}, in["addonProfiles"])
			assert.Equal(t, map[string]any{"upgradeChannel": "patch", "nodeOSUpgradeChannel": "SecurityPatch"}, in["autoUpgradeProfile"])
			assert.Equal(t, map[string]any{
				"networkPlugin":     "azure",
				"networkPluginMode": "overlay",
				"networkDataplane":  "cilium",
				"networkPolicy":     "cilium",
				"podCidr":           "192.168.0.0/16",
				"serviceCidr":       "172.16.0.0/16",
				"dnsServiceIP":      "172.16.0.10",
				"outboundType":      "userAssignedNATGateway",
				"loadBalancerSku":   "standard",
			}, in["networkProfile"])
			assert.NotContains(t, in, "linuxProfile", "no linuxProfile means no SSH key on the nodes")
			assert.NotContains(t, in, "publicNetworkAccess")
			assert.Equal(t, tags, in["tags"])
		})
	}
}

func TestManagedClusterPassesTheOtherAllowedSettingsThrough(t *testing.T) {
	aks := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) {
		a.SkuTier = "Free"
		a.NetworkDataplane = "azure"
		a.NetworkPolicy = "calico"
		a.OutboundType = "loadBalancer"
		a.UpgradeChannel = "stable" // moves minor versions, so no version is pinned
		a.NodeOSUpgradeChannel = "NodeImage"
		a.KubernetesVersion = ""
		a.SecretRotationPollInterval = "90s"
		a.AdminGroupObjectIDs = []string{adminGroup, readerGroup}
	}).MustFind(t, typeCluster, "aks-aks")

	assert.Equal(t, "Free", offline.Get(aks.Inputs, "sku.tier"))
	assert.Equal(t, "azure", offline.Get(aks.Inputs, "networkProfile.networkDataplane"))
	assert.Equal(t, "calico", offline.Get(aks.Inputs, "networkProfile.networkPolicy"))
	assert.Equal(t, "loadBalancer", offline.Get(aks.Inputs, "networkProfile.outboundType"))
	assert.Equal(t, map[string]any{"upgradeChannel": "stable", "nodeOSUpgradeChannel": "NodeImage"}, aks.Inputs["autoUpgradeProfile"])
	assert.NotContains(t, aks.Inputs, "kubernetesVersion", "an empty version leaves the version to AKS")
	assert.Equal(t, "90s", offline.Get(aks.Inputs, "addonProfiles.azureKeyvaultSecretsProvider.config.rotationPollInterval"))
	assert.Equal(t, []any{adminGroup, readerGroup}, offline.Get(aks.Inputs, "aadProfile.adminGroupObjectIDs"))
}

func TestDNSPrefixIsDerivedFromTheClusterName(t *testing.T) {
	tests := []struct {
		name, clusterName, want string
	}{
		{name: "a plain name is used as is", clusterName: "aks-hardaks-dev", want: "aks-hardaks-dev"},
		{name: "underscores become hyphens", clusterName: "aks_hardaks_dev", want: "aks-hardaks-dev"},
		{name: "a long name is cut to 54 characters without a trailing hyphen",
			clusterName: "aks-" + repeat("a", 49) + "-bcd", want: "aks-" + repeat("a", 49)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			aks := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.ClusterName = tt.clusterName }).MustFind(t, typeCluster, "aks-aks")
			assert.Equal(t, tt.want, aks.Inputs["dnsPrefix"])
			assert.Equal(t, tt.clusterName, aks.Inputs["resourceName"])
		})
	}
}

func TestSystemPoolIsInlineHardenedAndTheOnlyInlinePool(t *testing.T) {
	aks := mustRun(t, nil).MustFind(t, typeCluster, "aks-aks")
	assert.Equal(t, []any{map[string]any{
		"name":                   "system",
		"mode":                   "System",
		"type":                   "VirtualMachineScaleSets",
		"vmSize":                 "Standard_D4ds_v5",
		"osType":                 "Linux",
		"osSKU":                  "AzureLinux",
		"osDiskType":             "Ephemeral",
		"osDiskSizeGB":           128.0,
		"enableEncryptionAtHost": true,
		"enableNodePublicIP":     false,
		"securityProfile":        map[string]any{"enableVTPM": true, "enableSecureBoot": true},
		"vnetSubnetID":           subnetID,
		"availabilityZones":      []any{"1", "2", "3"},
		"enableAutoScaling":      true,
		"minCount":               2.0,
		"maxCount":               3.0,
		"count":                  2.0,
		"maxPods":                110.0,
		"nodeTaints":             []any{"CriticalAddonsOnly=true:NoSchedule"},
		"upgradeSettings":        map[string]any{"maxSurge": "33%"},
		"tags":                   tags,
	}}, aks.Inputs["agentPoolProfiles"])
}

func TestSystemPoolKeepsExtraTaintsAfterCriticalAddonsOnly(t *testing.T) {
	aks := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) {
		a.SystemPool.Taints = []string{"CriticalAddonsOnly=true:NoSchedule", "dedicated=system:NoExecute"}
		a.SystemPool.Labels = map[string]string{"role": "system"}
		a.SystemPool.Zones = nil
		a.SystemPool.MaxPods = 0
		a.SystemPool.OSDiskSizeGB = 0
		a.SystemPool.MaxSurge = ""
	}).MustFind(t, typeCluster, "aks-aks")
	pool := offline.Get(aks.Inputs, "agentPoolProfiles[0]").(map[string]any)
	assert.Equal(t, []any{"CriticalAddonsOnly=true:NoSchedule", "dedicated=system:NoExecute"}, pool["nodeTaints"])
	assert.Equal(t, map[string]any{"role": "system"}, pool["nodeLabels"])
	assert.NotContains(t, pool, "availabilityZones", "no zones make a regional pool")
	assert.Equal(t, float64(cluster.DefaultMaxPods), pool["maxPods"], "a zero value takes the documented default")
	assert.Equal(t, float64(cluster.DefaultOSDiskSizeGB), pool["osDiskSizeGB"], "a zero value takes the documented default")
	assert.Equal(t, map[string]any{"maxSurge": cluster.DefaultMaxSurge}, pool["upgradeSettings"], "an empty value takes the documented default")
}

func TestClusterDependsOnItsDataAndTheControlPlaneRolesOnly(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*cluster.ClusterArgs, upstream)
		want   []struct{ typ, name string }
	}{
		{
			name: "with the system zone it waits for Network Contributor",
			want: []struct{ typ, name string }{
				{typeSubnet, "snet"}, {typeWorkspace, "mon-workspace"}, {typeIdentity, "aks-identity"},
				{typeAssignment, "aks-identity-network-contributor"},
			},
		},
		{
			name:   "with a custom zone it also waits for Private DNS Zone Contributor",
			mutate: withCustomZone,
			want: []struct{ typ, name string }{
				{typeSubnet, "snet"}, {typeWorkspace, "mon-workspace"}, {typeZone, "zone"}, {typeIdentity, "aks-identity"},
				{typeAssignment, "aks-identity-vnet-network-contributor"}, {typeAssignment, "aks-identity-dns-zone-contributor"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, tt.mutate)
			var want []string
			for _, w := range tt.want {
				urn := plan.URNOf(w.typ, w.name)
				require.NotEmpty(t, urn, "%s %s", w.typ, w.name)
				want = append(want, urn)
			}
			aks := plan.MustFind(t, typeCluster, "aks-aks")
			assert.ElementsMatch(t, want, aks.Dependencies)
			for _, unrelated := range []struct{ typ, name string }{
				{typeAgentPool, "aks-pool-apps"}, {typeMaintenance, "aks-maintenance-node-os"}, {typeDCR, "aks-dcr"},
				{typeAssignment, "aks-ra-admins"}, {typeDiagnostic, "aks-diag"},
			} {
				assert.NotContains(t, aks.Dependencies, plan.URNOf(unrelated.typ, unrelated.name))
			}
		})
	}
}

func TestControlPlaneIdentityIsUserAssignedAndTagged(t *testing.T) {
	plan := mustRun(t, nil)
	id := plan.MustFind(t, typeIdentity, "aks-identity")
	assert.Equal(t, identityID, id.ID)
	assert.Equal(t, map[string]any{
		"resourceGroupName": rg,
		"resourceName":      "id-" + clusterName,
		"location":          location,
		"tags":              tags,
	}, id.Inputs)
	assert.Empty(t, id.Dependencies)
}

func TestOutputsResolveToTheClusterAndIdentityValues(t *testing.T) {
	plan := mustRun(t, nil)
	nodeRG := "MC_" + rg + "_" + clusterName + "_" + location
	assert.Equal(t, map[string]any{
		"clusterName":                     clusterName,
		"clusterId":                       clusterID,
		"oidcIssuerUrl":                   fmt.Sprintf("https://%s.oic.prod-aks.azure.com/%s/%s/", location, offline.TenantID, offline.GUID("oidc", clusterID)),
		"kubeletObjectId":                 offline.GUID("kubelet", "object", clusterID),
		"kubeletClientId":                 offline.GUID("kubelet", "client", clusterID),
		"kubeletIdentityId":               "/subscriptions/" + sub + "/resourceGroups/" + nodeRG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + clusterName + "-agentpool",
		"keyVaultSecretsProviderClientId": offline.GUID("csi", "client", clusterID),
		"keyVaultSecretsProviderObjectId": offline.GUID("csi", "object", clusterID),
		"nodeResourceGroup":               nodeRG,
		"controlPlaneIdentityId":          identityID,
		"controlPlanePrincipalId":         offline.GUID("principal", identityID),
		"privateFqdn": fmt.Sprintf("%s-%s.%s.privatelink.%s.azmk8s.io", clusterName,
			offline.GUID("fqdn", clusterID)[:8], offline.GUID("fqdnsub", clusterID)[:8], location),
	}, plan.Outputs)
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

// After `pulumi refresh`, what the autoscaler and the upgrade channel moved is never set back.
func TestTheClusterAndItsPoolsIgnoreWhatAzureChangesOnItsOwn(t *testing.T) {
	plan := mustRun(t, nil)
	aks := plan.MustFind(t, typeCluster, "aks-aks")
	assert.Equal(t, []string{"agentPoolProfiles[0].count", "agentPoolProfiles[0].orchestratorVersion", "kubernetesVersion"},
		aks.Options.IgnoreChanges)
	pools := plan.OfType(typeAgentPool)
	require.Len(t, pools, 2)
	for _, pool := range pools {
		assert.Equal(t, []string{"count", "orchestratorVersion"}, pool.Options.IgnoreChanges, pool.Name)
		assert.Equal(t, offline.Get(pool.Inputs, "minCount"), offline.Get(pool.Inputs, "count"),
			"a new pool starts at its autoscaler minimum")
	}
}

// The cluster's identity input resolves only after its roles have had time to propagate (propagation.go), so the
// control-plane identity reaches AKS through the role assignments.
func TestTheClusterIdentityWaitsForItsRoleAssignments(t *testing.T) {
	plan := mustRun(t, withCustomZone)
	aks := plan.MustFind(t, typeCluster, "aks-aks")
	assert.ElementsMatch(t, []string{
		plan.URNOf(typeIdentity, "aks-identity"),
		plan.URNOf(typeAssignment, "aks-identity-vnet-network-contributor"),
		plan.URNOf(typeAssignment, "aks-identity-dns-zone-contributor"),
	}, aks.PropertyDependencies["identity"])
	assert.Equal(t, []any{identityID}, offline.Get(aks.Inputs, "identity.userAssignedIdentities"))
}

// Pod Security is enforced at admission by the Azure Policy add-on: the built-in initiative at cluster scope, with
// AKS's system namespaces excluded.
func TestPodSecurityAssignsTheBuiltInInitiativeAtClusterScope(t *testing.T) {
	excluded := []any{"kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"}
	for _, tt := range []struct {
		level, initiative, effect string
	}{
		{"", "a8640138-9b0a-4a28-b8cb-1666c838647d", "Deny"},
		{"baseline", "a8640138-9b0a-4a28-b8cb-1666c838647d", "Deny"},
		{"restricted", "42b8ef37-b724-4e24-bbc8-7a7708edfe00", "Deny"},
		{"audit", "a8640138-9b0a-4a28-b8cb-1666c838647d", "Audit"},
	} {
		t.Run("level "+tt.level, func(t *testing.T) {
			plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.PodSecurity = tt.level })
			level := tt.level
			if level == "" {
				level = "baseline"
			}
			assignment := plan.MustFind(t, typePolicyAssignment, "aks-pod-security")
			assert.Equal(t, map[string]any{
				"scope":                clusterID,
				"policyAssignmentName": "hardaks-pod-security",
				"displayName":          "Pod Security (" + level + ") for " + clusterName,
				"policyDefinitionId":   "/providers/Microsoft.Authorization/policySetDefinitions/" + tt.initiative,
				"enforcementMode":      "Default",
				"parameters": map[string]any{
					"effect":             map[string]any{"value": tt.effect},
					"excludedNamespaces": map[string]any{"value": excluded},
				},
			}, assignment.Inputs)
			assert.Equal(t, clusterID+"/providers/Microsoft.Authorization/policyAssignments/hardaks-pod-security", assignment.ID)
			assert.Equal(t, []string{plan.URNOf(typeCluster, "aks-aks")}, assignment.Dependencies)
		})
	}
}

// Location is an Input: a region known only as another resource's output still names the Container Insights rule
// and is the region the API server's custom zone must be in, once it is known.
func TestALocationFromAnOutputPlansTheSameCluster(t *testing.T) {
	fromOutput := func(a *cluster.ClusterArgs, up upstream) {
		a.Location = pulumi.String(location).ToStringOutput()
		withCustomZone(a, up)
	}
	plan := mustRun(t, fromOutput)
	known := mustRun(t, withCustomZone)
	for _, r := range []struct{ typ, name string }{{typeCluster, "aks-aks"}, {typeDCR, "aks-dcr"}, {typeIdentity, "aks-identity"}} {
		assert.Equal(t, known.MustFind(t, r.typ, r.name).Inputs, plan.MustFind(t, r.typ, r.name).Inputs, r.name)
	}
	assert.Equal(t, "MSCI-westeurope-aks-hardaks-dev", plan.MustFind(t, typeDCR, "aks-dcr").Inputs["dataCollectionRuleName"])

	_, err := run(t, func(a *cluster.ClusterArgs, up upstream) {
		fromOutput(a, up)
		a.Location = pulumi.String("northeurope").ToStringOutput()
	})
	require.ErrorContains(t, err, "cluster: privateDnsZoneId = ")
	assert.ErrorContains(t, err, "but this service resolves through privatelink.northeurope.azmk8s.io")
}
