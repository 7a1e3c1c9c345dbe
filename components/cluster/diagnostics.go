package cluster

import (
	insights "github.com/pulumi/pulumi-azure-native-sdk/insights/v2/v20210501preview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/diagnostics"
)

// newAuditDiagnosticSetting sends the cluster's audit and control-plane logs to the workspace, in the
// resource-specific tables (AKSAudit, AKSAuditAdmin, AKSControlPlane) AKS supports.
// https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs
func newAuditDiagnosticSetting(ctx *pulumi.Context, logicalName string, args *ClusterArgs, n names, clusterID pulumi.StringInput, opts ...pulumi.ResourceOption) (*insights.DiagnosticSetting, error) {
	return diagnostics.NewSetting(ctx, logicalName, diagnostics.SettingArgs{
		ResourceURI:            clusterID,
		WorkspaceID:            args.LogAnalyticsWorkspaceID,
		SettingName:            n.diagnosticSetting,
		LogCategories:          args.AuditLogCategories,
		ResourceSpecificTables: true,
	}, opts...)
}
