package cluster

import (
	"github.com/hardaks/hardaks/components/access"
	"github.com/hardaks/hardaks/components/diagnostics"
	"github.com/hardaks/hardaks/components/rbac"
)

// accessSpec is what the cluster's resource carries besides its pools: the role assignments others hold on it and
// the diagnostic setting that sends its audit and control-plane logs to the workspace, in the resource-specific
// tables (AKSAudit, AKSAuditAdmin, AKSControlPlane) AKS supports.
// https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs
func accessSpec(args *ClusterArgs, n names) access.Spec {
	return access.Spec{
		ResourceKind:    "AKS cluster",
		ResourceName:    args.ClusterName,
		RoleAssignments: args.RoleAssignments,
		PrincipalIDs:    args.RoleAssignmentPrincipalIDs,
		SubScopes:       rbac.SubScopes{Namespaces: true},
		Diagnostics: &diagnostics.SettingArgs{
			WorkspaceID:            args.LogAnalyticsWorkspaceID,
			SettingName:            n.diagnosticSetting,
			LogCategories:          args.AuditLogCategories,
			ResourceSpecificTables: true,
		},
	}
}
