package monitoring_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/internal/offline"
)

const rgID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-test"

func validArgs() *monitoring.MonitoringArgs {
	return &monitoring.MonitoringArgs{
		ResourceGroupName: pulumi.String("rg-test"),
		Location:          pulumi.String("westeurope"),
		WorkspaceName:     "log-hardaks-test",
		RetentionInDays:   90,
		Tags:              pulumi.StringMap{"environment": pulumi.String("test")},
	}
}

func TestWorkspaceIsEntraOnlyWithTheConfiguredRetention(t *testing.T) {
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		m, err := monitoring.NewMonitoring(ctx, "mon", validArgs())
		if err != nil {
			return nil, err
		}
		return pulumi.Map{"workspaceId": m.WorkspaceID, "customerId": m.CustomerID}, nil
	})
	require.NoError(t, err)
	require.Len(t, plan.Resources, 2)
	comp := plan.MustFind(t, "hardaks:monitoring:Monitoring", "mon")
	ws := plan.MustFind(t, "azure-native:operationalinsights/v20221001:Workspace", "mon-workspace")
	assert.Equal(t, comp.URN, ws.Parent)
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-test",
		"location":          "westeurope",
		"workspaceName":     "log-hardaks-test",
		"sku":               map[string]any{"name": "PerGB2018"},
		"retentionInDays":   float64(90),
		"features":          map[string]any{"disableLocalAuth": true},
		"tags":              map[string]any{"environment": "test"},
	}, ws.Inputs)
	workspaceID := rgID + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-test"
	assert.Equal(t, workspaceID, ws.ID)
	assert.Equal(t, workspaceID, plan.Outputs["workspaceId"])
	assert.Equal(t, offline.GUID("workspace", workspaceID), plan.Outputs["customerId"])
}

func TestMonitoringRejectsBadArgs(t *testing.T) {
	cases := []struct {
		name   string
		change func(*monitoring.MonitoringArgs)
		want   string
	}{
		{"retention below Log Analytics' minimum", func(a *monitoring.MonitoringArgs) { a.RetentionInDays = 7 },
			`monitoring: retentionInDays = "7": Log Analytics keeps data 30–730 days; use 90 (default)`},
		{"retention above the maximum", func(a *monitoring.MonitoringArgs) { a.RetentionInDays = 731 },
			`monitoring: retentionInDays = "731": Log Analytics keeps data 30–730 days; use 90 (default)`},
		{"no workspace name", func(a *monitoring.MonitoringArgs) { a.WorkspaceName = "" },
			"monitoring: workspaceName = (not set): is required; name the workspace"},
		{"no resource group", func(a *monitoring.MonitoringArgs) { a.ResourceGroupName = nil },
			"monitoring: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"no location", func(a *monitoring.MonitoringArgs) { a.Location = nil },
			"monitoring: location = (not set): is required; set an Azure region, e.g. westeurope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := validArgs()
			tc.change(args)
			_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
				_, err := monitoring.NewMonitoring(ctx, "mon", args)
				return nil, err
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := monitoring.NewMonitoring(ctx, "mon", nil)
		return nil, err
	})
	require.ErrorContains(t, err, "monitoring: args must not be nil")
}

func TestAnUnsetRetentionIsTheDefault(t *testing.T) {
	args := validArgs()
	args.RetentionInDays = 0
	require.NoError(t, args.Validate())
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := monitoring.NewMonitoring(ctx, "mon", args)
		return nil, err
	})
	require.NoError(t, err)
	ws := plan.MustFind(t, "azure-native:operationalinsights/v20221001:Workspace", "mon-workspace")
	assert.Equal(t, float64(monitoring.DefaultRetentionInDays), ws.Inputs["retentionInDays"])
}
