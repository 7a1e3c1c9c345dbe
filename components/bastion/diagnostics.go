package bastion

import (
	insights "github.com/pulumi/pulumi-azure-native-sdk/insights/v2/v20210501preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/diagnostics"
)

// newDiagnosticSetting sends every Bastion log category (today only BastionAuditLogs: who connected to which VM,
// from which address, for how long) to the workspace. The category group "allLogs" picks up categories Azure adds
// later. https://learn.microsoft.com/azure/bastion/diagnostic-logs
//
// logAnalyticsDestinationType stays at Azure's default; Bastion's audit records are read from the
// MicrosoftAzureBastionAuditLogs table. https://learn.microsoft.com/azure/azure-monitor/reference/tables/microsoftazurebastionauditlogs
func newDiagnosticSetting(ctx *pulumi.Context, logicalName string, args *BastionArgs, bastionID pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*insights.DiagnosticSetting, error) {
	return diagnostics.NewSetting(ctx, logicalName, diagnostics.SettingArgs{
		ResourceURI:       bastionID,
		WorkspaceID:       args.LogAnalyticsWorkspaceID,
		SettingName:       diagnosticSettingName(args.BastionName),
		LogCategoryGroups: []string{"allLogs"},
	}, opts...)
}
