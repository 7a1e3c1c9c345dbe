package cluster

import (
	"strings"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20220401"
	managedidentity "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2/v20230131"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/rbac"
)

// newControlPlaneIdentity creates the cluster's user-assigned identity. A user-assigned identity exists before the
// cluster, so its roles can be granted before AKS needs them; a custom private DNS zone even requires one.
// https://learn.microsoft.com/azure/aks/use-managed-identity
func newControlPlaneIdentity(ctx *pulumi.Context, logicalName string, args *ClusterArgs, n names, opts ...pulumi.ResourceOption) (*managedidentity.UserAssignedIdentity, error) {
	return managedidentity.NewUserAssignedIdentity(ctx, logicalName, &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: args.ResourceGroupName,
		ResourceName:      pulumi.String(n.identity),
		Location:          args.Location,
		Tags:              args.Tags,
	}, opts...)
}

// grantControlPlaneRoles gives the control-plane identity what AKS checks while creating the cluster: Network
// Contributor on the node subnet (a bring-your-own subnet), and with a custom private DNS zone (zoneID, nil for the
// AKS-managed zone) Private DNS Zone Contributor on the zone and Network Contributor on the whole VNet, which AKS
// links the zone to. It returns the assignments, which the cluster must wait for, and give time to propagate.
// https://learn.microsoft.com/azure/aks/use-managed-identity#add-a-role-assignment-for-a-system-assigned-managed-identity
// https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone ("For custom DNS
// configurations, you must use a user-assigned managed identity with the Private DNS Zone Contributor and Network
// Contributor roles"; its example scopes Network Contributor to the virtual network)
func grantControlPlaneRoles(assigner *rbac.Assigner, name string, args *ClusterArgs, zoneID pulumi.StringInput,
	identity *managedidentity.UserAssignedIdentity,
) ([]*authorization.RoleAssignment, error) {
	networkScope, networkName := args.NodeSubnetID, name+"-identity-network-contributor"
	if zoneID != nil {
		networkScope, networkName = virtualNetworkOf(args.NodeSubnetID), name+"-identity-vnet-network-contributor"
	}
	network, err := assigner.Assign(networkName, rbac.AssignmentArgs{
		Scope:         networkScope,
		Role:          rbac.NetworkContributor,
		PrincipalID:   identity.PrincipalId,
		PrincipalType: rbac.PrincipalServicePrincipal,
	})
	if err != nil {
		return nil, err
	}
	granted := []*authorization.RoleAssignment{network}
	if zoneID == nil {
		return granted, nil
	}
	dns, err := assigner.Assign(name+"-identity-dns-zone-contributor", rbac.AssignmentArgs{
		Scope:         zoneID,
		Role:          rbac.PrivateDNSZoneContributor,
		PrincipalID:   identity.PrincipalId,
		PrincipalType: rbac.PrincipalServicePrincipal,
	})
	if err != nil {
		return nil, err
	}
	return append(granted, dns), nil
}

// virtualNetworkOf is the VNet ID of a subnet ID (…/virtualNetworks/<vnet>/subnets/<subnet>).
func virtualNetworkOf(subnetID pulumi.StringInput) pulumi.StringOutput {
	return subnetID.ToStringOutput().ApplyT(func(id string) string {
		if i := strings.LastIndex(strings.ToLower(id), "/subnets/"); i >= 0 {
			return id[:i]
		}
		return id
	}).(pulumi.StringOutput)
}
