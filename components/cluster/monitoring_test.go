package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/components/cluster"
)

func TestAuditLogsGoToTheWorkspaceInResourceSpecificTables(t *testing.T) {
	tests := []struct {
		name       string
		categories []string
	}{
		{name: "the default categories", categories: []string{"kube-audit-admin", "kube-apiserver", "guard"}},
		{name: "the full audit log", categories: []string{"kube-audit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.AuditLogCategories = tt.categories })
			diag := plan.MustFind(t, typeDiagnostic, "aks-diag")
			var logs []any
			for _, c := range tt.categories {
				logs = append(logs, map[string]any{"category": c, "enabled": true})
			}
			assert.Equal(t, map[string]any{
				"name":                        "diag-" + clusterName,
				"resourceUri":                 clusterID,
				"workspaceId":                 workspaceID,
				"logAnalyticsDestinationType": "Dedicated",
				"logs":                        logs,
			}, diag.Inputs)
			assert.ElementsMatch(t, []string{plan.URNOf(typeCluster, "aks-aks"), plan.URNOf(typeWorkspace, "mon-workspace")}, diag.Dependencies)
		})
	}
}

func TestContainerInsightsRuleSendsTheDefaultStreamToTheWorkspace(t *testing.T) {
	tests := []struct {
		name              string
		workspaceLocation string
		wantLocation      string
		wantName          string
	}{
		{name: "the rule defaults to the cluster's region", wantLocation: location, wantName: "MSCI-westeurope-aks-hardaks-dev"},
		{name: "the rule follows a workspace in another region", workspaceLocation: "northeurope",
			wantLocation: "northeurope", wantName: "MSCI-northeurope-aks-hardaks-dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.LogAnalyticsWorkspaceLocation = tt.workspaceLocation })
			dcr := plan.MustFind(t, typeDCR, "aks-dcr")
			assert.Equal(t, map[string]any{
				"resourceGroupName":      rg,
				"dataCollectionRuleName": tt.wantName,
				"location":               tt.wantLocation,
				"kind":                   "Linux",
				"description":            "Container Insights data collection for AKS cluster " + clusterName,
				"dataSources": map[string]any{
					"extensions": []any{map[string]any{
						"name":          "ContainerInsightsExtension",
						"extensionName": "ContainerInsights",
						"streams":       []any{"Microsoft-ContainerInsights-Group-Default"},
						"extensionSettings": map[string]any{
							"dataCollectionSettings": map[string]any{
								"interval":               "1m",
								"namespaceFilteringMode": "Off",
								"enableContainerLogV2":   true,
							},
						},
					}},
				},
				"destinations": map[string]any{
					"logAnalytics": []any{map[string]any{"name": "ciworkspace", "workspaceResourceId": workspaceID}},
				},
				"dataFlows": []any{map[string]any{
					"streams":      []any{"Microsoft-ContainerInsights-Group-Default"},
					"destinations": []any{"ciworkspace"},
				}},
				"tags": tags,
			}, dcr.Inputs)
			assert.Equal(t, []string{plan.URNOf(typeWorkspace, "mon-workspace")}, dcr.Dependencies)
		})
	}
}

func TestContainerInsightsRuleNameIsCutTo64Characters(t *testing.T) {
	long := "aks-" + repeat("x", 59)
	plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.ClusterName = long })
	got := plan.MustFind(t, typeDCR, "aks-dcr").Inputs["dataCollectionRuleName"].(string)
	assert.Equal(t, ("MSCI-westeurope-" + long)[:64], got)
}

func TestContainerInsightsRuleIsAssociatedWithTheCluster(t *testing.T) {
	plan := mustRun(t, nil)
	dcra := plan.MustFind(t, typeDCRA, "aks-dcra")
	dcrID := "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.Insights/dataCollectionRules/MSCI-westeurope-" + clusterName
	assert.Equal(t, map[string]any{
		"resourceUri":          clusterID,
		"associationName":      "ContainerInsightsExtension",
		"dataCollectionRuleId": dcrID,
		"description":          "Association of data collection rule. Deleting this association will break the data collection for this AKS Cluster.",
	}, dcra.Inputs)
	assert.Equal(t, clusterID+"/providers/Microsoft.Insights/dataCollectionRuleAssociations/ContainerInsightsExtension", dcra.ID)
	assert.ElementsMatch(t, []string{plan.URNOf(typeCluster, "aks-aks"), plan.URNOf(typeDCR, "aks-dcr")}, dcra.Dependencies)
}
