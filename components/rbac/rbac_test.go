package rbac_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

const scope = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr"

func TestAssignmentNameIsStableAndCaseInsensitiveInTheScope(t *testing.T) {
	name := rbac.AssignmentName(scope, "p1", rbac.AcrPull)
	assert.Equal(t, name, rbac.AssignmentName(scope, "p1", rbac.AcrPull))
	assert.Equal(t, name, rbac.AssignmentName(
		"/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/RG/providers/Microsoft.ContainerRegistry/registries/ACR", "p1", rbac.AcrPull))
	assert.NotEqual(t, name, rbac.AssignmentName(scope, "p2", rbac.AcrPull))
	assert.NotEqual(t, name, rbac.AssignmentName(scope, "p1", rbac.AcrPush))
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, name)
}

func TestAssignAllCreatesNamedDeterministicAssignments(t *testing.T) {
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := rbac.AssignAll(ctx, "acr", pulumi.String(offline.SubscriptionID), pulumi.String(scope), []rbac.RoleAssignment{
			{Name: "kubelet-acrpull", RoleDefinitionGUID: rbac.AcrPull, PrincipalID: pulumi.String("kubelet"), PrincipalType: rbac.PrincipalServicePrincipal},
			{Name: "admins-reader", RoleDefinitionGUID: rbac.AKSRBACReader, PrincipalID: pulumi.String("group"), PrincipalType: rbac.PrincipalGroup},
		})
		return nil, err
	})
	require.NoError(t, err)
	require.Len(t, plan.Resources, 2)
	ra := plan.MustFind(t, "azure-native:authorization/v20220401:RoleAssignment", "acr-ra-kubelet-acrpull")
	assert.Equal(t, map[string]any{
		"roleAssignmentName": rbac.AssignmentName(scope, "kubelet", rbac.AcrPull),
		"scope":              scope,
		"roleDefinitionId":   "/subscriptions/" + offline.SubscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + rbac.AcrPull,
		"principalId":        "kubelet",
		"principalType":      "ServicePrincipal",
	}, ra.Inputs)
	group := plan.MustFind(t, "azure-native:authorization/v20220401:RoleAssignment", "acr-ra-admins-reader")
	assert.Equal(t, "Group", group.Inputs["principalType"])
}

func TestAssignAllRejectsDuplicateOrEmptyNames(t *testing.T) {
	for _, names := range [][]string{{"a", "a"}, {""}} {
		var assignments []rbac.RoleAssignment
		for _, n := range names {
			assignments = append(assignments, rbac.RoleAssignment{Name: n, RoleDefinitionGUID: rbac.AcrPull,
				PrincipalID: pulumi.String("p"), PrincipalType: rbac.PrincipalServicePrincipal})
		}
		_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
			_, err := rbac.AssignAll(ctx, "x", pulumi.String("s"), pulumi.String(scope), assignments)
			return nil, err
		})
		require.ErrorContains(t, err, "x: role assignment names must be unique and non-empty, got")
	}
}

func TestNewAssignmentValidatesEveryArgument(t *testing.T) {
	_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := rbac.NewAssignment(ctx, "bad", rbac.AssignmentArgs{RoleDefinitionGUID: "Owner", PrincipalType: "Robot"})
		return nil, err
	})
	require.Error(t, err)
	for _, want := range []string{
		"role assignment bad: subscriptionId is required",
		"scope is required",
		"principalId is required",
		`roleDefinitionGuid "Owner" is not a GUID`,
		`principalType "Robot" must be Group, ServicePrincipal or User`,
	} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestAssignAllNarrowsAKubernetesRoleToItsNamespace(t *testing.T) {
	cluster := "/subscriptions/" + offline.SubscriptionID + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks"
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := rbac.AssignAll(ctx, "aks", pulumi.String(offline.SubscriptionID), pulumi.String(cluster), []rbac.RoleAssignment{
			{Name: "writers-web", RoleDefinitionGUID: rbac.AKSRBACWriter, PrincipalID: pulumi.String("group"), PrincipalType: rbac.PrincipalGroup, Namespace: "web"},
		})
		return nil, err
	})
	require.NoError(t, err)
	ra := plan.MustFind(t, "azure-native:authorization/v20220401:RoleAssignment", "aks-ra-writers-web")
	assert.Equal(t, cluster+"/namespaces/web", ra.Inputs["scope"])
	assert.Equal(t, rbac.AssignmentName(cluster+"/namespaces/web", "group", rbac.AKSRBACWriter), ra.Inputs["roleAssignmentName"])

	_, err = offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := rbac.AssignAll(ctx, "aks", pulumi.String(offline.SubscriptionID), pulumi.String(cluster), []rbac.RoleAssignment{
			{Name: "writers", RoleDefinitionGUID: rbac.AKSRBACWriter, PrincipalID: pulumi.String("group"), PrincipalType: rbac.PrincipalGroup, Namespace: "Web"},
		})
		return nil, err
	})
	require.ErrorContains(t, err, `aks: role assignment writers: namespace "Web" is not a Kubernetes namespace name`)
}
