package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/config"
)

func (b *builder) cluster() error {
	cl := b.cfg.Cluster
	window := cluster.MaintenanceWindow{
		DayOfWeek:     cl.MaintenanceWindow.DayOfWeek,
		StartTime:     cl.MaintenanceWindow.StartTime,
		DurationHours: cl.MaintenanceWindow.DurationHours,
		UTCOffset:     cl.MaintenanceWindow.UTCOffset,
		IntervalWeeks: cl.MaintenanceWindow.IntervalWeeks,
	}
	args := &cluster.ClusterArgs{
		ResourceGroupName:       b.resourceGroupName,
		Location:                b.cfg.Environment.Location,
		ClusterName:             b.cfg.Names.Cluster,
		SubscriptionID:          b.subscriptionID,
		TenantID:                b.cfg.Entra.TenantID,
		KubernetesVersion:       cl.KubernetesVersion,
		SkuTier:                 cl.SkuTier,
		AdminGroupObjectIDs:     b.cfg.Entra.AdminGroupObjectIDs,
		NodeSubnetID:            b.env.Network.NodeSubnetID,
		NetworkDataplane:        cl.NetworkDataplane,
		NetworkPolicy:           cl.NetworkPolicy,
		ServiceCIDR:             cl.ServiceCIDR,
		PodCIDR:                 cl.PodCIDR,
		DNSServiceIP:            cl.DNSServiceIP,
		OutboundType:            cl.OutboundType,
		UpgradeChannel:          cl.UpgradeChannel,
		NodeOSUpgradeChannel:    cl.NodeOSUpgradeChannel,
		NodeOSMaintenanceWindow: window,
		// Cluster upgrades share the node OS window, so nothing restarts nodes outside it.
		ClusterUpgradeMaintenanceWindow: &window,
		SecretRotationPollInterval:      cl.SecretRotationInterval,
		PodSecurity:                     cl.PodSecurity,
		LogAnalyticsWorkspaceID:         b.env.Monitoring.WorkspaceID,
		AuditLogCategories:              cl.AuditLogCategories,
		SystemPool:                      nodePool(cl.SystemPool),
		RoleAssignments:                 clusterRoleAssignments(b.cfg.Entra),
		Tags:                            b.tags,
	}
	for _, p := range cl.UserPools {
		args.UserPools = append(args.UserPools, nodePool(p))
	}
	if cl.PrivateDNSZone != config.PrivateDNSZoneSystem {
		args.PrivateDNSZoneID = b.env.DNS.ClusterZoneID
	}
	c, err := cluster.NewCluster(b.ctx, b.name+"-cluster", args, b.child())
	b.env.Cluster = c
	return err
}

func nodePool(p config.NodePool) cluster.NodePool {
	return cluster.NodePool{
		Name:         p.Name,
		VMSize:       p.VMSize,
		MinCount:     p.MinCount,
		MaxCount:     p.MaxCount,
		OSDiskType:   p.OSDiskType,
		OSDiskSizeGB: p.OSDiskSizeGB,
		MaxSurge:     p.MaxSurge,
		Zones:        p.Zones,
		MaxPods:      p.MaxPods,
		Labels:       p.Labels,
		Taints:       p.Taints,
	}
}

// clusterRoleAssignments grants the Entra groups their Azure RBAC roles on the cluster. Every group also gets
// the Cluster User Role, which lets it download the (Entra-only) kubeconfig; it is granted once per group even when
// a group is in several lists. Names carry the group's object ID, so reordering a list never recreates anything.
// See also [AKS Azure RBAC].
//
// [AKS Azure RBAC]: https://learn.microsoft.com/azure/aks/manage-azure-rbac
func clusterRoleAssignments(e config.Entra) []rbac.RoleAssignment {
	var out []rbac.RoleAssignment
	userGranted := map[string]bool{}
	grant := func(groups []string, label, role string, namespaces ...string) {
		for _, id := range groups {
			if len(namespaces) == 0 {
				out = append(out, rbac.RoleAssignment{Name: label + "-" + id, RoleDefinitionGUID: role,
					PrincipalID: pulumi.String(id), PrincipalType: rbac.PrincipalGroup})
			}
			for _, ns := range namespaces {
				out = append(out, rbac.RoleAssignment{Name: label + "-" + ns + "-" + id, RoleDefinitionGUID: role,
					PrincipalID: pulumi.String(id), PrincipalType: rbac.PrincipalGroup, Namespace: ns})
			}
			if !userGranted[id] {
				userGranted[id] = true
				out = append(out, rbac.RoleAssignment{Name: "cluster-user-" + id, RoleDefinitionGUID: rbac.AKSClusterUser,
					PrincipalID: pulumi.String(id), PrincipalType: rbac.PrincipalGroup})
			}
		}
	}
	grant(e.AdminGroupObjectIDs, "rbac-cluster-admin", rbac.AKSRBACClusterAdmin)
	grant(e.WriterGroupObjectIDs, "rbac-writer", rbac.AKSRBACWriter, e.WriterNamespaces...)
	grant(e.ReaderGroupObjectIDs, "rbac-reader", rbac.AKSRBACReader)
	return out
}
