package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/components/cluster"
)

func TestUserPoolsAreSeparateAgentPoolsWithTheSameHardening(t *testing.T) {
	plan := mustRun(t, nil)
	pools := plan.OfType(typeAgentPool)
	if assert.Len(t, pools, 2) {
		assert.Equal(t, "aks-pool-apps", pools[0].Name)
		assert.Equal(t, "aks-pool-batch", pools[1].Name)
	}

	apps := plan.MustFind(t, typeAgentPool, "aks-pool-apps")
	assert.Equal(t, clusterID+"/agentPools/apps", apps.ID)
	assert.Equal(t, map[string]any{
		"resourceGroupName":      rg,
		"resourceName":           clusterName,
		"agentPoolName":          "apps",
		"mode":                   "User",
		"type":                   "VirtualMachineScaleSets",
		"vmSize":                 "Standard_D8ds_v5",
		"osType":                 "Linux",
		"osSKU":                  "AzureLinux",
		"osDiskType":             "Ephemeral",
		"osDiskSizeGB":           200.0,
		"enableEncryptionAtHost": true,
		"enableNodePublicIP":     false,
		"securityProfile":        map[string]any{"enableVTPM": true, "enableSecureBoot": true},
		"vnetSubnetID":           subnetID,
		"availabilityZones":      []any{"1", "2"},
		"enableAutoScaling":      true,
		"minCount":               1.0,
		"maxCount":               10.0,
		"count":                  1.0,
		"maxPods":                60.0,
		"nodeLabels":             map[string]any{"tier": "general", "workload": "apps"},
		"nodeTaints":             []any{"workload=apps:NoSchedule"},
		"upgradeSettings":        map[string]any{"maxSurge": "1"},
		"tags":                   tags,
	}, apps.Inputs)

	batch := plan.MustFind(t, typeAgentPool, "aks-pool-batch")
	assert.Equal(t, map[string]any{
		"resourceGroupName":      rg,
		"resourceName":           clusterName,
		"agentPoolName":          "batch",
		"mode":                   "User",
		"type":                   "VirtualMachineScaleSets",
		"vmSize":                 "Standard_D4s_v5",
		"osType":                 "Linux",
		"osSKU":                  "AzureLinux",
		"osDiskType":             "Managed",
		"enableEncryptionAtHost": true,
		"enableNodePublicIP":     false,
		"securityProfile":        map[string]any{"enableVTPM": true, "enableSecureBoot": true},
		"vnetSubnetID":           subnetID,
		"enableAutoScaling":      true,
		"minCount":               0.0,
		"maxCount":               5.0,
		"count":                  0.0,
		"maxPods":                110.0,
		"osDiskSizeGB":           128.0,
		"upgradeSettings":        map[string]any{"maxSurge": "33%"},
		"tags":                   tags,
	}, batch.Inputs)
}

func TestUserPoolsWaitForTheClusterAndForEachOther(t *testing.T) {
	plan := mustRun(t, nil)
	aks := plan.URNOf(typeCluster, "aks-aks")
	subnet := plan.URNOf(typeSubnet, "snet")
	assert.ElementsMatch(t, []string{aks, subnet}, plan.MustFind(t, typeAgentPool, "aks-pool-apps").Dependencies)
	assert.ElementsMatch(t, []string{aks, subnet, plan.URNOf(typeAgentPool, "aks-pool-apps")},
		plan.MustFind(t, typeAgentPool, "aks-pool-batch").Dependencies)
}

func TestNoUserPoolsRegistersNoAgentPool(t *testing.T) {
	plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.UserPools = nil })
	assert.Empty(t, plan.OfType(typeAgentPool))
}
