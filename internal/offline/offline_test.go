package offline_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/azureclient"
	"github.com/hardaks/hardaks/internal/offline"
)

type holder struct{ pulumi.ResourceState }

func TestRunRecordsResourcesInRegistrationOrderWithParentsAndDependencies(t *testing.T) {
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		comp := &holder{}
		if err := ctx.RegisterComponentResource("hardaks:test:Holder", "h", comp); err != nil {
			return nil, err
		}
		cfg, err := azureclient.Get(ctx)
		if err != nil {
			return nil, err
		}
		assigner, err := rbac.NewAssigner(ctx, comp)
		if err != nil {
			return nil, err
		}
		first, err := assigner.Assign("h-first", rbac.AssignmentArgs{
			Scope:         pulumi.String("/subscriptions/" + cfg.SubscriptionID + "/resourceGroups/rg-a"),
			Role:          rbac.AcrPull,
			PrincipalID:   pulumi.String("p1"),
			PrincipalType: rbac.PrincipalServicePrincipal,
		})
		if err != nil {
			return nil, err
		}
		_, err = assigner.Assign("h-second", rbac.AssignmentArgs{
			Scope:         first.ID().ToStringOutput(),
			Role:          rbac.AcrPush,
			PrincipalID:   pulumi.ToSecret(pulumi.String("p2")).(pulumi.StringOutput),
			PrincipalType: rbac.PrincipalGroup,
		})
		if err != nil {
			return nil, err
		}
		return pulumi.Map{"firstId": first.ID(), "secret": pulumi.ToSecret(pulumi.String("s"))}, nil
	})
	require.NoError(t, err)

	require.Len(t, plan.Resources, 3)
	assert.Equal(t, "urn:pulumi:test::hardaks::hardaks:test:Holder::h", plan.Resources[0].URN)
	assert.False(t, plan.Resources[0].Custom)
	first, second := plan.Resources[1], plan.Resources[2]
	assert.Equal(t, "urn:pulumi:test::hardaks::hardaks:test:Holder$azure-native:authorization/v20220401:RoleAssignment::h-first", first.URN)
	assert.Equal(t, plan.Resources[0].URN, first.Parent)
	assert.Empty(t, first.Dependencies)
	assert.Equal(t, []string{first.URN}, second.Dependencies)

	scope := "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-a"
	name := rbac.AssignmentName(scope, "p1", rbac.MustRoleGUID(rbac.AcrPull))
	assert.Equal(t, scope+"/providers/Microsoft.Authorization/roleAssignments/"+name, first.ID)
	assert.Equal(t, "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
		first.Inputs["roleDefinitionId"])
	assert.Equal(t, offline.SecretPlaceholder, second.Inputs["principalId"])
	assert.Equal(t, first.ID, second.Inputs["scope"])
	assert.Equal(t, first.ID, plan.Outputs["firstId"])
	assert.Equal(t, offline.SecretPlaceholder, plan.Outputs["secret"])
}

func TestGetReadsNestedPaths(t *testing.T) {
	value := map[string]any{"a": []any{map[string]any{"b": "c"}}}
	assert.Equal(t, "c", offline.Get(value, "a[0].b"))
	assert.Nil(t, offline.Get(value, "a[1].b"))
	assert.Nil(t, offline.Get(value, "x.y"))
}

func TestTypeKeyDropsTheAPIVersion(t *testing.T) {
	for token, want := range map[string]string{
		"azure-native:network:Subnet":                              "network:Subnet",
		"azure-native:network/v20240301:Subnet":                    "network:Subnet",
		"azure-native:insights/v20210501preview:DiagnosticSetting": "insights:DiagnosticSetting",
		"hardaks:network:Network":                                  "network:Network",
		"pulumi:pulumi:Stack":                                      "pulumi:Stack",
		"not-a-token":                                              "not-a-token",
	} {
		assert.Equal(t, want, offline.TypeKey(token), token)
	}
}

// A resource gets the same ARM ID and computed outputs whatever API version its token names, and the client
// config answers the invoke the program makes.
func TestStandInsOfEveryAPIVersionGetTheSameIDAndOutputs(t *testing.T) {
	var client *azureclient.ClientConfig
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		var err error
		if client, err = azureclient.Get(ctx); err != nil {
			return nil, err
		}
		for i, token := range []string{
			"azure-native:managedidentity:UserAssignedIdentity",
			"azure-native:managedidentity/v20230131:UserAssignedIdentity",
			"azure-native:managedidentity/v20241130:UserAssignedIdentity",
		} {
			if _, err := offline.NewStandIn(ctx, token, fmt.Sprintf("id-%d", i), pulumi.Map{
				"resourceGroupName": pulumi.String("rg-a"),
				"resourceName":      pulumi.String("id-orders"),
			}); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	require.NoError(t, err)

	assert.Equal(t, azureclient.ClientConfig{ClientID: offline.ClientID, ObjectID: offline.ClientObjectID,
		SubscriptionID: offline.SubscriptionID, TenantID: offline.TenantID}, *client)
	require.Len(t, plan.Resources, 3)
	want := "/subscriptions/" + offline.SubscriptionID + "/resourceGroups/rg-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
	for _, r := range plan.Resources {
		assert.Equal(t, want, r.ID, r.Type)
	}
}
