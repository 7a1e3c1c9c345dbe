package privateendpoint_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/privateendpoint"
	"github.com/hardaks/hardaks/components/validation"
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
		{"a missing resource group is rejected", func(a *privateendpoint.Args) { a.ResourceGroupName = nil },
			`privateendpoint: resourceGroupName = (not set): is required; pass the resource group's name`},
		{"a missing location is rejected", func(a *privateendpoint.Args) { a.Location = nil },
			`privateendpoint: location = (not set): is required; set an Azure region, e.g. westeurope`},
		{"a location that is not a region name is rejected", func(a *privateendpoint.Args) { a.Location = pulumi.String("West Europe") },
			"privateendpoint: location = \"West Europe\": is not an Azure region name; use the lowercase name `az account list-locations -o table` prints, e.g. westeurope"},
		{"a missing resource name is rejected", func(a *privateendpoint.Args) { a.ResourceName = "" },
			`privateendpoint: resourceName = (not set): is required; pass the target resource's Azure name`},
		{"a missing resource ID is rejected", func(a *privateendpoint.Args) { a.ResourceID = nil },
			`privateendpoint: resourceId = (not set): is required; pass the target resource's ARM ID`},
		{"a missing group ID is rejected", func(a *privateendpoint.Args) { a.GroupID = "" },
			`privateendpoint: groupId = (not set): is required; pass the target's private link sub-resource, e.g. registry or vault`},
		{"a missing subnet is rejected", func(a *privateendpoint.Args) { a.SubnetID = nil },
			`privateendpoint: subnetId = (not set): is required; pass the ID of the subnet the endpoint takes its private IP from`},
		{"a missing DNS zone is rejected", func(a *privateendpoint.Args) { a.PrivateDNSZoneID = nil },
			`privateendpoint: privateDnsZoneId = (not set): is required; pass the ID of the target's privatelink zone`},
		{
			"an endpoint name over 64 characters is rejected",
			func(a *privateendpoint.Args) { a.ResourceName = "a234567890123456789012345678901234567890123456789012" },
			`privateendpoint: resourceName = "a234567890123456789012345678901234567890123456789012": derives the private endpoint name "pep-a234567890123456789012345678901234567890123456789012-registry", longer than the 64 characters Azure allows; shorten it to at most 51 characters`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			tt.mutate(&args)
			assert.EqualError(t, newError(t, args), tt.want)
		})
	}
}

func TestNewReportsEveryProblemAtOnce(t *testing.T) {
	args := privateendpoint.Args{
		Location:     pulumi.String("West Europe"),
		ResourceName: "kv-a23456789012345678901234567890123456789012345678901234",
		GroupID:      "vault",
		SubnetID:     pulumi.String(subnetID),
	}
	err := newError(t, args)
	var problems *validation.Error
	require.ErrorAs(t, err, &problems)
	assert.EqualError(t, err, strings.Join([]string{
		`privateendpoint: resourceGroupName = (not set): is required; pass the resource group's name`,
		"privateendpoint: location = \"West Europe\": is not an Azure region name; use the lowercase name `az account list-locations -o table` prints, e.g. westeurope",
		`privateendpoint: resourceId = (not set): is required; pass the target resource's ARM ID`,
		`privateendpoint: privateDnsZoneId = (not set): is required; pass the ID of the target's privatelink zone`,
		`privateendpoint: resourceName = "kv-a23456789012345678901234567890123456789012345678901234": derives the private endpoint name "pep-kv-a23456789012345678901234567890123456789012345678901234-vault", longer than the 64 characters Azure allows; shorten it to at most 54 characters`,
	}, "\n"))
}

func TestCheckNameReportsANameTooLongForItsEndpointAtTheCallersPath(t *testing.T) {
	check := func(resourceName, groupID string) error {
		return validation.Check("registry", func(p *validation.Problems) {
			privateendpoint.CheckName(p, "registryName", resourceName, groupID)
		})
	}
	longest := "a23456789012345678901234567890123456789012345678901" // 51: pep-<name>-registry is 64
	assert.NoError(t, check(longest, "registry"))
	assert.EqualError(t, check(longest+"2", "registry"),
		`registry: registryName = "a234567890123456789012345678901234567890123456789012": derives the private endpoint name "pep-a234567890123456789012345678901234567890123456789012-registry", longer than the 64 characters Azure allows; shorten it to at most 51 characters`)
}

// newError is New's own error; the run fails with it.
func newError(t *testing.T, args privateendpoint.Args) error {
	t.Helper()
	var got error
	_, runErr := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, got = privateendpoint.New(ctx, "h-pe", args)
		return nil, got
	})
	require.Error(t, runErr)
	return got
}
