package offline_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

// identity is a user-assigned identity with the output its role assignments read.
type identity struct {
	pulumi.CustomResourceState
	PrincipalID pulumi.StringOutput `pulumi:"principalId"`
}

// twoResources registers an identity and a role assignment on it for its principal: the shape of every hardaks
// role assignment.
func twoResources(ctx *pulumi.Context) (pulumi.Map, error) {
	var id identity
	err := ctx.RegisterResource("azure-native:managedidentity/v20230131:UserAssignedIdentity", "id", pulumi.Map{
		"resourceGroupName": pulumi.String("rg-a"),
		"resourceName":      pulumi.String("id-a"),
		"location":          pulumi.String("westeurope"),
	}, &id)
	if err != nil {
		return nil, err
	}
	_, err = offline.NewStandIn(ctx, "azure-native:authorization/v20220401:RoleAssignment", "ra", pulumi.Map{
		"principalId":        id.PrincipalID,
		"principalType":      pulumi.String("ServicePrincipal"),
		"roleDefinitionId":   pulumi.String("/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d"),
		"scope":              id.ID().ToStringOutput(),
		"roleAssignmentName": pulumi.String("00000000-0000-4000-8000-0000000000aa"),
	})
	return pulumi.Map{}, err
}

func TestTheUpdateRecordsOutputsInTheAzureNativeShapeAndPropertyDependencies(t *testing.T) {
	plan, err := offline.Run(offline.Options{}, twoResources)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 2)
	id, ra := plan.Resources[0], plan.Resources[1]

	idID := "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-a/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-a"
	assert.Equal(t, idID, id.ID)
	// The outputs are the SDK struct's fields: no resourceGroupName or resourceName, which are path parameters.
	assert.Equal(t, map[string]any{
		"clientId":    offline.GUID("client", idID),
		"location":    "westeurope",
		"name":        "id-a",
		"principalId": offline.GUID("principal", idID),
		"tenantId":    offline.TenantID,
		"type":        "Microsoft.ManagedIdentity/userAssignedIdentities",
	}, id.Outputs)
	assert.Empty(t, id.PropertyDependencies)

	assert.Equal(t, offline.GUID("principal", idID), ra.Inputs["principalId"])
	assert.Equal(t, map[string][]string{"principalId": {id.URN}, "scope": {id.URN}}, ra.PropertyDependencies)
	assert.NotContains(t, ra.Outputs, "roleAssignmentName")
	assert.Equal(t, idID, ra.Outputs["scope"])
	assert.Equal(t, "Microsoft.Authorization/roleAssignments", ra.Outputs["type"])
}

func TestTheFirstPreviewLeavesIDsAndComputedOutputsUnknown(t *testing.T) {
	plan, err := offline.Run(offline.Options{FirstPreview: true}, twoResources)
	require.NoError(t, err)
	require.Len(t, plan.Resources, 2)
	id, ra := plan.Resources[0], plan.Resources[1]

	assert.Empty(t, id.ID)
	// azure-native's preview answer: the inputs that are outputs, everything else unknown.
	assert.Equal(t, "westeurope", id.Outputs["location"])
	for _, computed := range []string{"principalId", "clientId", "tenantId", "name", "type", "systemData", "tags"} {
		assert.Equal(t, offline.UnknownPlaceholder, id.Outputs[computed], computed)
	}
	assert.Equal(t, offline.UnknownPlaceholder, ra.Inputs["principalId"])
	assert.Equal(t, offline.UnknownPlaceholder, ra.Inputs["scope"])
	assert.Equal(t, "ServicePrincipal", ra.Inputs["principalType"])
	assert.Equal(t, map[string][]string{"principalId": {id.URN}, "scope": {id.URN}}, ra.PropertyDependencies,
		"property dependencies are known before the values are")
}

func TestOutputFieldsKnowsTheTypesWhateverTheirAPIVersion(t *testing.T) {
	root, ok := offline.OutputFields("azure-native:keyvault:Vault")
	require.True(t, ok)
	versioned, ok := offline.OutputFields("azure-native:keyvault/v20230701:Vault")
	require.True(t, ok)
	assert.Equal(t, []string{"location", "name", "properties", "systemData", "tags", "type"}, versioned)
	assert.Equal(t, root, versioned)
	_, ok = offline.OutputFields("azure-native:storage:StorageAccount")
	assert.False(t, ok)
}
