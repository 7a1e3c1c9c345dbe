package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

func TestRoleAssignmentsHaveExactScopeRolePrincipalAndDeterministicName(t *testing.T) {
	principal := offline.GUID("principal", identityID)
	tests := []struct {
		name          string
		mutate        func(*cluster.ClusterArgs, upstream)
		logical       string
		scope         string
		roleGUID      string
		principal     string
		principalType string
		dependsOn     []struct{ typ, name string }
	}{
		{
			name: "the control-plane identity is Network Contributor on the node subnet", logical: "aks-identity-network-contributor",
			scope: subnetID, roleGUID: "4d97b98b-1d4f-4787-a291-c67834d212e7", principal: principal, principalType: "ServicePrincipal",
			dependsOn: []struct{ typ, name string }{{typeSubnet, "snet"}, {typeIdentity, "aks-identity"}},
		},
		{
			name: "with a custom zone the control-plane identity is Network Contributor on the VNet AKS links it to", mutate: withCustomZone,
			logical: "aks-identity-vnet-network-contributor", scope: vnetID, roleGUID: "4d97b98b-1d4f-4787-a291-c67834d212e7",
			principal: principal, principalType: "ServicePrincipal",
			dependsOn: []struct{ typ, name string }{{typeSubnet, "snet"}, {typeIdentity, "aks-identity"}},
		},
		{
			name: "the control-plane identity is Private DNS Zone Contributor on a custom zone", mutate: withCustomZone,
			logical: "aks-identity-dns-zone-contributor", scope: zoneID, roleGUID: "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
			principal: principal, principalType: "ServicePrincipal",
			dependsOn: []struct{ typ, name string }{{typeZone, "zone"}, {typeIdentity, "aks-identity"}},
		},
		{
			name: "the admin group is AKS RBAC Cluster Admin on the cluster", logical: "aks-ra-admins",
			scope: clusterID, roleGUID: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b", principal: adminGroup, principalType: "Group",
			dependsOn: []struct{ typ, name string }{{typeCluster, "aks-aks"}},
		},
		{
			name: "the reader group is AKS RBAC Reader on the cluster", logical: "aks-ra-readers",
			scope: clusterID, roleGUID: "7f6c6a51-bcf8-42ba-9220-52d62157d7db", principal: readerGroup, principalType: "Group",
			dependsOn: []struct{ typ, name string }{{typeCluster, "aks-aks"}},
		},
		{
			name: "the build agent is AKS Cluster User on the cluster", logical: "aks-ra-build-agent",
			scope: clusterID, roleGUID: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f", principal: buildAgent, principalType: "ServicePrincipal",
			dependsOn: []struct{ typ, name string }{{typeCluster, "aks-aks"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, tt.mutate)
			ra := plan.MustFind(t, typeAssignment, tt.logical)
			name := rbac.AssignmentName(tt.scope, tt.principal, tt.roleGUID)
			assert.Equal(t, map[string]any{
				"roleAssignmentName": name,
				"scope":              tt.scope,
				"roleDefinitionId":   roleDefPrefix + tt.roleGUID,
				"principalId":        tt.principal,
				"principalType":      tt.principalType,
			}, ra.Inputs)
			assert.Equal(t, tt.scope+"/providers/Microsoft.Authorization/roleAssignments/"+name, ra.ID)
			var want []string
			for _, d := range tt.dependsOn {
				want = append(want, plan.URNOf(d.typ, d.name))
			}
			assert.ElementsMatch(t, want, ra.Dependencies)
		})
	}
}

func TestControlPlaneRoleAssignmentsDependOnTheZoneChoice(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*cluster.ClusterArgs, upstream)
		want   []string
	}{
		{name: "the system zone needs only Network Contributor", want: []string{"aks-identity-network-contributor"}},
		{name: "a custom zone moves Network Contributor to the VNet and adds Private DNS Zone Contributor", mutate: withCustomZone,
			want: []string{"aks-identity-vnet-network-contributor", "aks-identity-dns-zone-contributor"}},
		{name: "no RoleAssignments leaves only the identity's own", mutate: func(a *cluster.ClusterArgs, _ upstream) { a.RoleAssignments, a.RoleAssignmentPrincipalIDs = nil, nil },
			want: []string{"aks-identity-network-contributor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, tt.mutate)
			var got []string
			for _, ra := range plan.OfType(typeAssignment) {
				if ra.Name != "aks-ra-admins" && ra.Name != "aks-ra-readers" && ra.Name != "aks-ra-build-agent" {
					got = append(got, ra.Name)
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestRoleAssignmentNamesMustBeUnique(t *testing.T) {
	_, err := run(t, func(a *cluster.ClusterArgs, _ upstream) {
		a.RoleAssignments = append(a.RoleAssignments, a.RoleAssignments[0])
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `cluster: roleAssignments[3].name = "admins": names a second assignment; give each assignment its own name`)
}
