package rbac_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	scope          = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr"
	assignmentType = "azure-native:authorization/v20220401:RoleAssignment"
	groupID        = "9d2b6a8e-1c4f-4e0a-8b7d-3f5e6a7b8c9d"
)

// owner is a component the assignments are made for, as every caller's are.
type owner struct{ pulumi.ResourceState }

// withAssigner runs assign with an Assigner for a component, as the components make their assignments.
func withAssigner(opts offline.Options, assign func(*rbac.Assigner) error) (*offline.Plan, error) {
	return offline.Run(opts, func(ctx *pulumi.Context) (pulumi.Map, error) {
		comp := &owner{}
		if err := ctx.RegisterComponentResource("hardaks:test:Owner", "owner", comp); err != nil {
			return nil, err
		}
		assigner, err := rbac.NewAssigner(ctx, comp)
		if err != nil {
			return nil, err
		}
		return nil, assign(assigner)
	})
}

// assign runs AssignAll at scope.
func assign(opts offline.Options, scope pulumi.StringInput, assignments []rbac.RoleAssignment, principalIDs pulumi.StringMapInput) (*offline.Plan, error) {
	return withAssigner(opts, func(a *rbac.Assigner) error {
		_, err := a.AssignAll("acr", scope, assignments, principalIDs, nil)
		return err
	})
}

func TestAssignmentNameIsStableAndCaseInsensitiveInTheScope(t *testing.T) {
	pull, push := rbac.MustRoleGUID(rbac.AcrPull), rbac.MustRoleGUID(rbac.AcrPush)
	name := rbac.AssignmentName(scope, "p1", pull)
	assert.Equal(t, name, rbac.AssignmentName(scope, "p1", pull))
	assert.Equal(t, name, rbac.AssignmentName(
		"/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/RG/providers/Microsoft.ContainerRegistry/registries/ACR", "p1", pull))
	assert.NotEqual(t, name, rbac.AssignmentName(scope, "p2", pull))
	assert.NotEqual(t, name, rbac.AssignmentName(scope, "p1", push))
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, name)
}

func TestRoleGUIDTakesABuiltInNameOrADefinitionID(t *testing.T) {
	tests := []struct{ role, want string }{
		{rbac.AcrPull, "7f951dda-4ed3-4680-a7ca-43fe172d538d"},
		{"key vault secrets user", "4633458b-17de-408a-b874-0445c86b69e6"},
		{"/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/ACDD72A7-3385-48EF-BD42-F606FBA81AE7",
			"acdd72a7-3385-48ef-bd42-f606fba81ae7"},
		{"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "acdd72a7-3385-48ef-bd42-f606fba81ae7"},
	}
	for _, tt := range tests {
		got, err := rbac.RoleGUID(tt.role)
		require.NoError(t, err, tt.role)
		assert.Equal(t, tt.want, got, tt.role)
	}
	_, err := rbac.RoleGUID("/providers/Microsoft.Authorization/roleDefinitions/owner")
	assert.EqualError(t, err, `role definition ID "/providers/Microsoft.Authorization/roleDefinitions/owner" does not end in a GUID`)
}

func TestRoleDefinitionIDIsUnderTheScopesSubscription(t *testing.T) {
	guid := rbac.MustRoleGUID(rbac.PrivateDNSZoneContributor)
	assert.Equal(t, "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/"+guid,
		rbac.RoleDefinitionID("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/hub/providers/Microsoft.Network/privateDnsZones/z", guid))
	assert.Equal(t, "/providers/Microsoft.Authorization/roleDefinitions/"+guid,
		rbac.RoleDefinitionID("/providers/Microsoft.Management/managementGroups/platform", guid))
}

func TestAssignAllCreatesNamedDeterministicAssignments(t *testing.T) {
	plan, err := assign(offline.Options{}, pulumi.String(scope), []rbac.RoleAssignment{
		{Name: "kubelet-acrpull", Role: rbac.AcrPull, PrincipalType: rbac.PrincipalServicePrincipal},
		{Name: "admins-reader", Role: rbac.AcrPull, PrincipalID: groupID, PrincipalType: rbac.PrincipalGroup},
	}, pulumi.StringMap{"kubelet-acrpull": pulumi.String("kubelet")})
	require.NoError(t, err)
	require.Len(t, plan.OfType(assignmentType), 2)
	pull := rbac.MustRoleGUID(rbac.AcrPull)
	ra := plan.MustFind(t, assignmentType, "acr-ra-kubelet-acrpull")
	assert.Equal(t, map[string]any{
		"roleAssignmentName": rbac.AssignmentName(scope, "kubelet", pull),
		"scope":              scope,
		"roleDefinitionId":   "/subscriptions/" + offline.SubscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + pull,
		"principalId":        "kubelet",
		"principalType":      "ServicePrincipal",
	}, ra.Inputs)
	assert.Equal(t, plan.URNOf("hardaks:test:Owner", "owner"), ra.Parent)
	group := plan.MustFind(t, assignmentType, "acr-ra-admins-reader")
	assert.Equal(t, groupID, group.Inputs["principalId"])
	assert.Equal(t, "Group", group.Inputs["principalType"])
}

func TestTheRoleIsKnownOnANewStacksFirstPreview(t *testing.T) {
	// The scope is a resource's ID, unknown until it exists; the role definition ID must not be, since the policy
	// pack reads the role from it.
	plan, err := withAssigner(offline.Options{FirstPreview: true}, func(a *rbac.Assigner) error {
		unknownScope := pulumi.UnsafeUnknownOutput(nil).ApplyT(func(any) string { return scope }).(pulumi.StringOutput)
		_, err := a.Assign("acr-ra-pull", rbac.AssignmentArgs{Scope: unknownScope, Role: rbac.AcrPull,
			PrincipalID: pulumi.String("kubelet"), PrincipalType: rbac.PrincipalServicePrincipal})
		return err
	})
	require.NoError(t, err)
	ra := plan.MustFind(t, assignmentType, "acr-ra-pull")
	assert.Equal(t, offline.UnknownPlaceholder, ra.Inputs["scope"])
	assert.Equal(t, "/subscriptions/"+offline.SubscriptionID+"/providers/Microsoft.Authorization/roleDefinitions/"+rbac.MustRoleGUID(rbac.AcrPull),
		ra.Inputs["roleDefinitionId"])
}

func TestAssignAllNarrowsAKubernetesRoleToItsNamespace(t *testing.T) {
	cluster := "/subscriptions/" + offline.SubscriptionID + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"
	plan, err := assign(offline.Options{}, pulumi.String(cluster), []rbac.RoleAssignment{
		{Name: "writers-web", Role: rbac.AKSRBACWriter, PrincipalID: groupID, PrincipalType: rbac.PrincipalGroup, Namespace: "web"},
	}, nil)
	require.NoError(t, err)
	ra := plan.MustFind(t, assignmentType, "acr-ra-writers-web")
	assert.Equal(t, cluster+"/namespaces/web", ra.Inputs["scope"])
	assert.Equal(t, rbac.AssignmentName(cluster+"/namespaces/web", groupID, rbac.MustRoleGUID(rbac.AKSRBACWriter)), ra.Inputs["roleAssignmentName"])
}

func TestAPrincipalKnownOnlyAtDeploymentMustBeInTheMap(t *testing.T) {
	later := pulumi.StringMap{"other": pulumi.String("p")}.ToStringMapOutput()
	_, err := assign(offline.Options{}, pulumi.String(scope), []rbac.RoleAssignment{
		{Name: "kubelet-acrpull", Role: rbac.AcrPull, PrincipalType: rbac.PrincipalServicePrincipal},
	}, later)
	require.ErrorContains(t, err, "acr: role assignment kubelet-acrpull: roleAssignmentPrincipalIds has no principal for it")
}

func TestCheckReportsEveryProblemAtItsArgumentPath(t *testing.T) {
	p := validation.For("cluster")
	rbac.Check(p, []rbac.RoleAssignment{
		{Name: "", Role: "Owner", PrincipalType: "Robot", PrincipalID: groupID},
		{Name: "writers", Role: rbac.AKSRBACWriter, PrincipalType: rbac.PrincipalGroup, Namespace: "Web", Secret: "token"},
		{Name: "writers", Role: rbac.AKSRBACWriter, PrincipalType: rbac.PrincipalGroup, PrincipalID: groupID},
	}, pulumi.StringMap{"writers": pulumi.String("p"), "stale": pulumi.String("q")}, rbac.SubScopes{Namespaces: true})
	assert.EqualError(t, p.Err(), `cluster: roleAssignments[0].name = (not set): must be 1-256 letters, digits, '-' or '_'; give the assignment a stable label, e.g. kubelet-acrpull
cluster: roleAssignments[0].role = "Owner": is neither a built-in role hardaks knows nor a role definition ID; use one of `+
		`AcrPull, AcrPush, Azure Kubernetes Service Cluster User Role, Azure Kubernetes Service RBAC Admin, Azure Kubernetes Service RBAC Cluster Admin, `+
		`Azure Kubernetes Service RBAC Reader, Azure Kubernetes Service RBAC Writer, Key Vault Certificate User, Key Vault Secrets User, `+
		`Managed Identity Operator, Monitoring Metrics Publisher, Network Contributor, Private DNS Zone Contributor, or /providers/Microsoft.Authorization/roleDefinitions/<guid>
cluster: roleAssignments[0].principalType = "Robot": must be Group, ServicePrincipal or User; set the kind of principal being granted
cluster: roleAssignments[1].namespace = "Web": is not a Kubernetes namespace name; use a DNS label of at most 63 characters
cluster: roleAssignments[1].secret = "token": applies to a key vault's assignments only; remove it
cluster: roleAssignments[2].name = "writers": names a second assignment; give each assignment its own name
cluster: roleAssignments[2].principalId = "`+groupID+`": is set and roleAssignmentPrincipalIds also has writers; give the principal in one place
cluster: roleAssignmentPrincipalIds.stale = (not set): names no role assignment; remove it, or add a roleAssignments entry named stale`)
}
