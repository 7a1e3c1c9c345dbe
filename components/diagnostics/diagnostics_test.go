package diagnostics_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/diagnostics"
	"github.com/hardaks/hardaks/internal/offline"
)

const rgID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-test"

func TestDiagnosticSettingSendsCategoriesGroupsAndMetricsToTheWorkspace(t *testing.T) {
	workspaceID := rgID + "/providers/Microsoft.OperationalInsights/workspaces/log"
	resourceID := rgID + "/providers/Microsoft.KeyVault/vaults/kv"
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := diagnostics.NewSetting(ctx, "kv-diag", diagnostics.SettingArgs{
			ResourceURI:            pulumi.String(resourceID),
			WorkspaceID:            pulumi.String(workspaceID),
			SettingName:            "diag-kv",
			LogCategories:          []string{"AuditEvent"},
			LogCategoryGroups:      []string{"audit"},
			Metrics:                true,
			ResourceSpecificTables: true,
		})
		return nil, err
	})
	require.NoError(t, err)
	diag := plan.MustFind(t, "azure-native:insights/v20210501preview:DiagnosticSetting", "kv-diag")
	assert.Equal(t, map[string]any{
		"name":        "diag-kv",
		"resourceUri": resourceID,
		"workspaceId": workspaceID,
		"logs": []any{
			map[string]any{"category": "AuditEvent", "enabled": true},
			map[string]any{"categoryGroup": "audit", "enabled": true},
		},
		"metrics":                     []any{map[string]any{"category": "AllMetrics", "enabled": true}},
		"logAnalyticsDestinationType": "Dedicated",
	}, diag.Inputs)
	assert.Equal(t, resourceID+"/providers/Microsoft.Insights/diagnosticSettings/diag-kv", diag.ID)
}

func TestDiagnosticSettingNeedsATargetAndLogs(t *testing.T) {
	_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := diagnostics.NewSetting(ctx, "d", diagnostics.SettingArgs{
			ResourceURI: pulumi.String("x"), WorkspaceID: pulumi.String("y"), SettingName: "diag"})
		return nil, err
	})
	require.ErrorContains(t, err, "diagnostic setting d: at least one log category or category group is required")
	_, err = offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := diagnostics.NewSetting(ctx, "d", diagnostics.SettingArgs{LogCategories: []string{"x"}})
		return nil, err
	})
	require.ErrorContains(t, err, "diagnostic setting d: resourceUri, workspaceId and settingName are required")
}
