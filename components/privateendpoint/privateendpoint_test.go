package privateendpoint_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/privateendpoint"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	rgID     = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
	targetID = rgID + "/providers/Microsoft.ContainerRegistry/registries/acrhardaksdev"
	subnetID = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-private-endpoints"
	zoneID   = rgID + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"

	endpointType  = "azure-native:network/v20240301:PrivateEndpoint"
	zoneGroupType = "azure-native:network/v20240301:PrivateDnsZoneGroup"
)

type holder struct{ pulumi.ResourceState }

func validArgs() privateendpoint.Args {
	return privateendpoint.Args{
		ResourceGroupName: pulumi.String("rg-hardaks-dev"),
		Location:          pulumi.String("westeurope"),
		ResourceName:      "acrhardaksdev",
		ResourceID:        pulumi.String(targetID),
		GroupID:           "registry",
		SubnetID:          pulumi.String(subnetID),
		PrivateDNSZoneID:  pulumi.String(zoneID),
		Tags:              pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

func run(t *testing.T, args privateendpoint.Args) (*offline.Plan, error) {
	t.Helper()
	return offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		h := &holder{}
		if err := ctx.RegisterComponentResource("hardaks:test:Holder", "h", h); err != nil {
			return nil, err
		}
		pe, err := privateendpoint.New(ctx, "h-pe", args, pulumi.Parent(h))
		if err != nil {
			return nil, err
		}
		return pulumi.Map{"id": pe.ID()}, nil
	})
}

func TestNewCreatesAnEndpointToTheTargetInTheSubnetAndAZoneGroupOnTheZone(t *testing.T) {
	plan, err := run(t, validArgs())
	require.NoError(t, err)
	require.Len(t, plan.Resources, 3)
	holderURN := plan.Resources[0].URN

	pe := plan.MustFind(t, endpointType, "h-pe")
	assert.Equal(t, map[string]any{
		"resourceGroupName":   "rg-hardaks-dev",
		"privateEndpointName": "pep-acrhardaksdev-registry",
		"location":            "westeurope",
		// The SDK fills SubnetType's defaults into every subnet reference; the endpoint API reads only the id.
		"subnet": map[string]any{
			"id":                                subnetID,
			"privateEndpointNetworkPolicies":    "Disabled",
			"privateLinkServiceNetworkPolicies": "Enabled",
		},
		"customNetworkInterfaceName": "pep-acrhardaksdev-registry-nic",
		"privateLinkServiceConnections": []any{map[string]any{
			"name":                 "pep-acrhardaksdev-registry",
			"privateLinkServiceId": targetID,
			"groupIds":             []any{"registry"},
		}},
		"tags": map[string]any{"env": "dev"},
	}, pe.Inputs)
	assert.Equal(t, holderURN, pe.Parent)
	endpointID := rgID + "/providers/Microsoft.Network/privateEndpoints/pep-acrhardaksdev-registry"
	assert.Equal(t, endpointID, pe.ID)
	assert.Equal(t, endpointID, plan.Outputs["id"])

	group := plan.MustFind(t, zoneGroupType, "h-pe-dns")
	assert.Equal(t, map[string]any{
		"resourceGroupName":       "rg-hardaks-dev",
		"privateEndpointName":     "pep-acrhardaksdev-registry",
		"privateDnsZoneGroupName": "default",
		"privateDnsZoneConfigs": []any{map[string]any{
			"name":             "privatelink-azurecr-io",
			"privateDnsZoneId": zoneID,
		}},
	}, group.Inputs)
	assert.Equal(t, holderURN, group.Parent)
	assert.Equal(t, []string{pe.URN}, group.Dependencies)
}

func TestNameFollowsTheAVMConvention(t *testing.T) {
	assert.Equal(t, "pep-kv-hardaks-dev-vault", privateendpoint.Name("kv-hardaks-dev", "vault"))
}

func TestZoneConfigNameIsTheZoneWithHyphens(t *testing.T) {
	assert.Equal(t, "privatelink-vaultcore-azure-net",
		privateendpoint.ZoneConfigName(rgID+"/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"))
}

func TestNewRejectsIncompleteArgs(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*privateendpoint.Args)
		want   string
	}{
		{"a missing resource group is rejected", func(a *privateendpoint.Args) { a.ResourceGroupName = nil }, "privateendpoint h-pe: resourceGroupName is required"},
		{"a missing location is rejected", func(a *privateendpoint.Args) { a.Location = nil }, "privateendpoint h-pe: location is required"},
		{"a missing resource name is rejected", func(a *privateendpoint.Args) { a.ResourceName = "" }, "privateendpoint h-pe: resourceName is required"},
		{"a missing resource ID is rejected", func(a *privateendpoint.Args) { a.ResourceID = nil }, "privateendpoint h-pe: resourceId is required"},
		{"a missing group ID is rejected", func(a *privateendpoint.Args) { a.GroupID = "" }, "privateendpoint h-pe: groupId is required"},
		{"a missing subnet is rejected", func(a *privateendpoint.Args) { a.SubnetID = nil }, "privateendpoint h-pe: subnetId is required"},
		{"a missing DNS zone is rejected", func(a *privateendpoint.Args) { a.PrivateDNSZoneID = nil }, "privateendpoint h-pe: privateDnsZoneId is required"},
		{
			"an endpoint name over 64 characters is rejected",
			func(a *privateendpoint.Args) { a.ResourceName = "a234567890123456789012345678901234567890123456789012" },
			`privateendpoint h-pe: endpoint name "pep-a234567890123456789012345678901234567890123456789012-registry" is longer than the 64 characters Azure allows`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			tt.mutate(&args)
			_, err := run(t, args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
