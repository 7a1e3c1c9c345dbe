package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/config"
)

func (b *builder) cluster() error {
	args := b.cfg.ClusterArgs()
	args.ResourceGroupName = b.resourceGroupName
	args.SubscriptionID = b.subscriptionID
	args.NodeSubnetID = b.env.Network.NodeSubnetID
	args.LogAnalyticsWorkspaceID = b.env.Monitoring.WorkspaceID
	args.RoleAssignments = clusterRoleAssignments(b.cfg.Entra)
	args.Tags = b.tags
	if b.cfg.Cluster.PrivateDNSZone != config.PrivateDNSZoneSystem {
		args.PrivateDNSZoneID = b.env.DNS.ClusterZoneID
	}
	c, err := cluster.NewCluster(b.ctx, b.name+"-cluster", args, b.child())
	b.env.Cluster = c
	return err
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
