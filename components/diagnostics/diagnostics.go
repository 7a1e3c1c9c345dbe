// Package diagnostics sends a resource's logs to the environment's Log Analytics workspace: one diagnostic setting
// shape for every component, apart from the workspace itself (components/monitoring), so a component that logs does
// not link the workspace's SDK package.
package diagnostics

import (
	"errors"
	"fmt"

	insights "github.com/pulumi/pulumi-azure-native-sdk/insights/v2/v20210501preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// SettingArgs send one resource's logs to the workspace.
type SettingArgs struct {
	// ResourceURI is the ARM ID of the resource whose logs are sent.
	ResourceURI pulumi.StringInput `pulumi:"resourceUri"`
	WorkspaceID pulumi.StringInput `pulumi:"workspaceId"`
	// SettingName is the Azure name of the setting, unique per resource.
	SettingName string `pulumi:"settingName"`
	// LogCategories are single categories such as "kube-audit-admin".
	LogCategories []string `pulumi:"logCategories,optional"`
	// LogCategoryGroups are groups such as "audit" or "allLogs".
	LogCategoryGroups []string `pulumi:"logCategoryGroups,optional"`
	// Metrics sends AllMetrics too.
	Metrics bool `pulumi:"metrics,optional"`
	// ResourceSpecificTables writes to resource-specific tables (logAnalyticsDestinationType Dedicated) for the
	// resource types that support them, instead of AzureDiagnostics.
	ResourceSpecificTables bool `pulumi:"resourceSpecificTables,optional"`
}

// NewSetting creates a diagnostic setting on args.ResourceURI. See also [Diagnostic settings].
//
// [Diagnostic settings]: https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings
func NewSetting(ctx *pulumi.Context, name string, args SettingArgs, opts ...pulumi.ResourceOption) (*insights.DiagnosticSetting, error) {
	if args.ResourceURI == nil || args.WorkspaceID == nil || args.SettingName == "" {
		return nil, fmt.Errorf("diagnostic setting %s: resourceUri, workspaceId and settingName are required", name)
	}
	if len(args.LogCategories) == 0 && len(args.LogCategoryGroups) == 0 {
		return nil, errors.New("diagnostic setting " + name + ": at least one log category or category group is required")
	}
	var logs insights.LogSettingsArray
	for _, category := range args.LogCategories {
		logs = append(logs, insights.LogSettingsArgs{Category: pulumi.String(category), Enabled: pulumi.Bool(true)})
	}
	for _, group := range args.LogCategoryGroups {
		logs = append(logs, insights.LogSettingsArgs{CategoryGroup: pulumi.String(group), Enabled: pulumi.Bool(true)})
	}
	setting := &insights.DiagnosticSettingArgs{
		Name:        pulumi.String(args.SettingName),
		ResourceUri: args.ResourceURI,
		WorkspaceId: args.WorkspaceID,
		Logs:        logs,
	}
	if args.Metrics {
		setting.Metrics = insights.MetricSettingsArray{
			insights.MetricSettingsArgs{Category: pulumi.String("AllMetrics"), Enabled: pulumi.Bool(true)},
		}
	}
	if args.ResourceSpecificTables {
		setting.LogAnalyticsDestinationType = pulumi.String("Dedicated")
	}
	return insights.NewDiagnosticSetting(ctx, name, setting, opts...)
}
