package privatedns_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	componentType = "hardaks:privatedns:Zones"
	zoneType      = "azure-native:network/v20240601:PrivateZone"
	linkType      = "azure-native:network/v20240601:VirtualNetworkLink"

	rgID   = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
	vnetID = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev"
	hubRG  = "/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourceGroups/rg-hub-dns"

	hubRegistryZone = hubRG + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"
	hubKeyVaultZone = hubRG + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
	hubClusterZone  = hubRG + "/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io"
)

func validArgs() *privatedns.ZonesArgs {
	return &privatedns.ZonesArgs{
		ResourceGroupName:  pulumi.String("rg-hardaks-dev"),
		VirtualNetworkID:   pulumi.String(vnetID),
		VirtualNetworkName: "vnet-hardaks-dev",
		Location:           pulumi.String("westeurope"),
		Tags:               pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

func run(t *testing.T, args *privatedns.ZonesArgs) *offline.Plan {
	t.Helper()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		z, err := privatedns.NewZones(ctx, "dns", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"registryZoneId":   z.RegistryZoneID,
			"keyVaultZoneId":   z.KeyVaultZoneID,
			"clusterZoneId":    z.ClusterZoneID,
			"registryZoneName": z.RegistryZoneName,
			"keyVaultZoneName": z.KeyVaultZoneName,
			"clusterZoneName":  z.ClusterZoneName,
		}, nil
	})
	require.NoError(t, err)
	return plan
}

func zoneNames(plan *offline.Plan) []any {
	var out []any
	for _, z := range plan.OfType(zoneType) {
		out = append(out, z.Inputs["privateZoneName"])
	}
	return out
}

// assertZoneWithLink checks one created zone and its link to the VNet, and returns the zone's mock ID.
func assertZoneWithLink(t *testing.T, plan *offline.Plan, kind, zoneName string) string {
	t.Helper()
	zone := plan.MustFind(t, zoneType, "dns-"+kind)
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"privateZoneName":   zoneName,
		"location":          "global",
		"tags":              map[string]any{"env": "dev"},
	}, zone.Inputs)
	assert.Equal(t, rgID+"/providers/Microsoft.Network/privateDnsZones/"+zoneName, zone.ID)

	link := plan.MustFind(t, linkType, "dns-"+kind+"-link")
	assert.Equal(t, map[string]any{
		"resourceGroupName":      "rg-hardaks-dev",
		"privateZoneName":        zoneName,
		"virtualNetworkLinkName": "link-vnet-hardaks-dev",
		"location":               "global",
		"registrationEnabled":    false,
		"virtualNetwork":         map[string]any{"id": vnetID},
		"tags":                   map[string]any{"env": "dev"},
	}, link.Inputs)
	assert.Equal(t, []string{zone.URN}, link.Dependencies, "the link waits for its zone")
	return zone.ID
}

func TestRegistryAndKeyVaultZonesAreCreatedAndLinkedToTheVNet(t *testing.T) {
	plan := run(t, validArgs())

	assert.Equal(t, []any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net"}, zoneNames(plan))
	assert.Len(t, plan.OfType(linkType), 2)
	registryID := assertZoneWithLink(t, plan, "registry", "privatelink.azurecr.io")
	keyVaultID := assertZoneWithLink(t, plan, "keyvault", "privatelink.vaultcore.azure.net")

	assert.Equal(t, map[string]any{
		"registryZoneId":   registryID,
		"keyVaultZoneId":   keyVaultID,
		"clusterZoneId":    nil,
		"registryZoneName": "privatelink.azurecr.io",
		"keyVaultZoneName": "privatelink.vaultcore.azure.net",
		"clusterZoneName":  nil,
	}, plan.Outputs)
	assert.Equal(t, rgID+"/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io", plan.Outputs["registryZoneId"])
}

func TestTheClusterZoneIsCreatedForTheRegionWhenWanted(t *testing.T) {
	args := validArgs()
	args.ClusterZone = true
	plan := run(t, args)

	assert.Equal(t, []any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net", "privatelink.westeurope.azmk8s.io"},
		zoneNames(plan))
	assert.Len(t, plan.OfType(linkType), 3)
	clusterID := assertZoneWithLink(t, plan, "cluster", "privatelink.westeurope.azmk8s.io")
	assert.Equal(t, clusterID, plan.Outputs["clusterZoneId"])
	assert.Equal(t, rgID+"/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io", plan.Outputs["clusterZoneId"])
	assert.Equal(t, "privatelink.westeurope.azmk8s.io", plan.Outputs["clusterZoneName"])
}

func TestExistingZonesAreUsedAsGivenWithoutCreatingZonesOrLinks(t *testing.T) {
	cases := []struct {
		name        string
		mutate      func(*privatedns.ZonesArgs)
		wantCreated []any
		wantOutputs map[string]any
	}{
		{
			name:        "an existing registry zone replaces only the registry zone",
			mutate:      func(a *privatedns.ZonesArgs) { a.ExistingRegistryZoneID = hubRegistryZone },
			wantCreated: []any{"privatelink.vaultcore.azure.net"},
			wantOutputs: map[string]any{"registryZoneId": hubRegistryZone, "registryZoneName": "privatelink.azurecr.io", "clusterZoneId": nil},
		},
		{
			name:        "an existing key vault zone replaces only the key vault zone",
			mutate:      func(a *privatedns.ZonesArgs) { a.ExistingKeyVaultZoneID = hubKeyVaultZone },
			wantCreated: []any{"privatelink.azurecr.io"},
			wantOutputs: map[string]any{"keyVaultZoneId": hubKeyVaultZone, "keyVaultZoneName": "privatelink.vaultcore.azure.net"},
		},
		{
			name:        "an existing cluster zone implies a cluster zone",
			mutate:      func(a *privatedns.ZonesArgs) { a.ExistingClusterZoneID = hubClusterZone },
			wantCreated: []any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net"},
			wantOutputs: map[string]any{"clusterZoneId": hubClusterZone, "clusterZoneName": "privatelink.westeurope.azmk8s.io"},
		},
		{
			name: "an existing cluster zone with a subzone is accepted as AKS accepts it",
			mutate: func(a *privatedns.ZonesArgs) {
				a.ClusterZone = true
				a.ExistingClusterZoneID = hubRG + "/providers/Microsoft.Network/privateDnsZones/team-a.privatelink.westeurope.azmk8s.io"
			},
			wantCreated: []any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net"},
			wantOutputs: map[string]any{
				"clusterZoneId":   hubRG + "/providers/Microsoft.Network/privateDnsZones/team-a.privatelink.westeurope.azmk8s.io",
				"clusterZoneName": "team-a.privatelink.westeurope.azmk8s.io",
			},
		},
		{
			name: "ARM's lower-case spelling of an ID is accepted and passed on unchanged",
			mutate: func(a *privatedns.ZonesArgs) {
				a.ExistingRegistryZoneID = "/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourcegroups/rg-hub-dns/providers/microsoft.network/privatednszones/privatelink.azurecr.io"
			},
			wantCreated: []any{"privatelink.vaultcore.azure.net"},
			wantOutputs: map[string]any{
				"registryZoneId":   "/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourcegroups/rg-hub-dns/providers/microsoft.network/privatednszones/privatelink.azurecr.io",
				"registryZoneName": "privatelink.azurecr.io",
			},
		},
		{
			name: "all zones existing creates nothing but the component",
			mutate: func(a *privatedns.ZonesArgs) {
				a.ExistingRegistryZoneID = hubRegistryZone
				a.ExistingKeyVaultZoneID = hubKeyVaultZone
				a.ExistingClusterZoneID = hubClusterZone
			},
			wantCreated: nil,
			wantOutputs: map[string]any{
				"registryZoneId": hubRegistryZone, "keyVaultZoneId": hubKeyVaultZone, "clusterZoneId": hubClusterZone,
				"registryZoneName": "privatelink.azurecr.io", "keyVaultZoneName": "privatelink.vaultcore.azure.net",
				"clusterZoneName": "privatelink.westeurope.azmk8s.io",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := validArgs()
			tc.mutate(args)
			plan := run(t, args)

			assert.Equal(t, tc.wantCreated, zoneNames(plan))
			require.Len(t, plan.OfType(linkType), len(tc.wantCreated), "one link per created zone, none for existing zones")
			for _, link := range plan.OfType(linkType) {
				assert.Contains(t, tc.wantCreated, link.Inputs["privateZoneName"])
			}
			if tc.wantCreated == nil {
				assert.Len(t, plan.Resources, 1, "only the component")
			}
			for output, want := range tc.wantOutputs {
				assert.Equal(t, want, plan.Outputs[output], output)
			}
		})
	}
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	args := validArgs()
	args.ClusterZone = true
	plan := run(t, args)

	components := plan.OfType(componentType)
	require.Len(t, components, 1)
	comp := components[0]
	assert.Equal(t, "dns", comp.Name)
	assert.Empty(t, comp.Parent)
	require.Len(t, plan.Resources, 1+3+3)
	for _, r := range plan.Resources {
		if r.URN != comp.URN {
			assert.Equal(t, comp.URN, r.Parent, r.Name)
		}
	}
}

func TestAnUnknownLocationStillPlansTheClusterZone(t *testing.T) {
	existing := hubRG + "/providers/Microsoft.Network/privateDnsZones/team-a.privatelink.northeurope.azmk8s.io"
	cases := []struct {
		name        string
		existingID  string
		wantCreated []any
		wantName    any
	}{
		{"the created zone is named once the region is known", "",
			[]any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net", offline.UnknownPlaceholder}, offline.UnknownPlaceholder},
		{"an existing zone of any region is taken as its ID names it", existing,
			[]any{"privatelink.azurecr.io", "privatelink.vaultcore.azure.net"}, "team-a.privatelink.northeurope.azmk8s.io"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := offline.Run(offline.Options{FirstPreview: true}, func(ctx *pulumi.Context) (pulumi.Map, error) {
				// A region read from a resource that does not exist yet is unknown during the first preview.
				rg, err := offline.NewStandIn(ctx, "azure-native:resources:ResourceGroup", "rg", pulumi.Map{
					"resourceGroupName": pulumi.String("rg-hardaks-dev"),
					"location":          pulumi.String("westeurope"),
				})
				if err != nil {
					return nil, err
				}
				args := validArgs()
				args.Location = rg.ID().ApplyT(func(pulumi.ID) string { return "westeurope" }).(pulumi.StringOutput)
				args.ClusterZone = true
				args.ExistingClusterZoneID = tc.existingID
				z, err := privatedns.NewZones(ctx, "dns", args)
				if err != nil {
					return nil, err
				}
				return pulumi.Map{"clusterZoneName": z.ClusterZoneName}, nil
			})
			require.NoError(t, err)
			assert.Equal(t, tc.wantCreated, zoneNames(plan))
			assert.Len(t, plan.OfType(linkType), len(tc.wantCreated))
			assert.Equal(t, tc.wantName, plan.Outputs["clusterZoneName"])
		})
	}
}

func TestInvalidArgumentsAreRejectedWithAClearError(t *testing.T) {
	const (
		regionFix = "use the lowercase name `az account list-locations -o table` prints, e.g. westeurope"
		idFix     = "use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/"
	)
	cases := []struct {
		name   string
		mutate func(*privatedns.ZonesArgs) *privatedns.ZonesArgs
		want   string
	}{
		{"nil args", func(*privatedns.ZonesArgs) *privatedns.ZonesArgs { return nil },
			"privatedns: args must not be nil"},
		{"missing resource group", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs { a.ResourceGroupName = nil; return a },
			`privatedns: resourceGroupName = (not set): is required; pass the resource group's name`},
		{"missing VNet ID", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs { a.VirtualNetworkID = nil; return a },
			`privatedns: virtualNetworkId = (not set): is required; pass the ID of the VNet the zones resolve in`},
		{"missing VNet name", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs { a.VirtualNetworkName = ""; return a },
			`privatedns: virtualNetworkName = (not set): is required; pass the VNet's Azure name; the link names derive from it`},
		{"missing location", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs { a.Location = nil; return a },
			`privatedns: location = (not set): is required; set an Azure region, e.g. westeurope`},
		{"empty location", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs { a.Location = pulumi.String(""); return a },
			`privatedns: location = (not set): is required; set an Azure region, e.g. westeurope`},
		{"display name instead of a region name", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.Location = pulumi.String("West Europe")
			return a
		}, `privatedns: location = "West Europe": is not an Azure region name; ` + regionFix},
		{"registry zone ID that is not an ARM ID", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingRegistryZoneID = "privatelink.azurecr.io"
			return a
		}, `privatedns: existingRegistryZoneId = "privatelink.azurecr.io": is not a private DNS zone resource ID; ` + idFix + `privatelink.azurecr.io`},
		{"key vault zone ID whose subscription is not a GUID", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingKeyVaultZoneID = "/subscriptions/hub/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
			return a
		}, `privatedns: existingKeyVaultZoneId = "/subscriptions/hub/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net": is not a private DNS zone resource ID; ` +
			idFix + `privatelink.vaultcore.azure.net`},
		{"registry zone ID of a public DNS zone", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingRegistryZoneID = hubRG + "/providers/Microsoft.Network/dnszones/privatelink.azurecr.io"
			return a
		}, `privatedns: existingRegistryZoneId = "` + hubRG + `/providers/Microsoft.Network/dnszones/privatelink.azurecr.io": is not a private DNS zone resource ID; ` +
			idFix + `privatelink.azurecr.io`},
		{"key vault zone ID naming another zone", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingKeyVaultZoneID = hubRegistryZone
			return a
		}, `privatedns: existingKeyVaultZoneId = "` + hubRegistryZone + `": names zone privatelink.azurecr.io, but this service resolves through privatelink.vaultcore.azure.net; point it at the privatelink.vaultcore.azure.net zone`},
		{"registry zone ID with a subzone, which only AKS allows", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingRegistryZoneID = hubRG + "/providers/Microsoft.Network/privateDnsZones/team-a.privatelink.azurecr.io"
			return a
		}, `privatedns: existingRegistryZoneId = "` + hubRG + `/providers/Microsoft.Network/privateDnsZones/team-a.privatelink.azurecr.io": names zone team-a.privatelink.azurecr.io, but this service resolves through privatelink.azurecr.io; point it at the privatelink.azurecr.io zone`},
		{"cluster zone ID of another region", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingClusterZoneID = hubRG + "/providers/Microsoft.Network/privateDnsZones/privatelink.northeurope.azmk8s.io"
			return a
		}, `privatedns: existingClusterZoneId = "` + hubRG + `/providers/Microsoft.Network/privateDnsZones/privatelink.northeurope.azmk8s.io": names zone privatelink.northeurope.azmk8s.io, but this service resolves through privatelink.westeurope.azmk8s.io; point it at the privatelink.westeurope.azmk8s.io zone`},
		{"cluster zone ID with a nested subzone", func(a *privatedns.ZonesArgs) *privatedns.ZonesArgs {
			a.ExistingClusterZoneID = hubRG + "/providers/Microsoft.Network/privateDnsZones/a.b.privatelink.westeurope.azmk8s.io"
			return a
		}, `privatedns: existingClusterZoneId = "` + hubRG + `/providers/Microsoft.Network/privateDnsZones/a.b.privatelink.westeurope.azmk8s.io": names zone a.b.privatelink.westeurope.azmk8s.io, but this service resolves through privatelink.westeurope.azmk8s.io; point it at the privatelink.westeurope.azmk8s.io zone`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.EqualError(t, constructorError(t, tc.mutate(validArgs())), tc.want)
		})
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	args := &privatedns.ZonesArgs{
		Location:               pulumi.String("West Europe"),
		ExistingRegistryZoneID: hubKeyVaultZone,
		ExistingKeyVaultZoneID: "privatelink.vaultcore.azure.net",
		ExistingClusterZoneID:  hubRG + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io",
	}
	assert.EqualError(t, constructorError(t, args), strings.Join([]string{
		`privatedns: resourceGroupName = (not set): is required; pass the resource group's name`,
		`privatedns: virtualNetworkId = (not set): is required; pass the ID of the VNet the zones resolve in`,
		"privatedns: location = \"West Europe\": is not an Azure region name; use the lowercase name `az account list-locations -o table` prints, e.g. westeurope",
		`privatedns: virtualNetworkName = (not set): is required; pass the VNet's Azure name; the link names derive from it`,
		`privatedns: existingRegistryZoneId = "` + hubKeyVaultZone + `": names zone privatelink.vaultcore.azure.net, but this service resolves through privatelink.azurecr.io; point it at the privatelink.azurecr.io zone`,
		`privatedns: existingKeyVaultZoneId = "privatelink.vaultcore.azure.net": is not a private DNS zone resource ID; use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`,
		// With the region unreadable, an existing cluster zone is still held to the AKS form.
		`privatedns: existingClusterZoneId = "` + hubRG + `/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io": names zone privatelink.azurecr.io, but this service resolves through privatelink.<region>.azmk8s.io; point it at the privatelink.<region>.azmk8s.io zone`,
	}, "\n"))
}

// constructorError is NewZones' own error; the run fails with it and registers nothing.
func constructorError(t *testing.T, args *privatedns.ZonesArgs) error {
	t.Helper()
	var got error
	plan, runErr := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, got = privatedns.NewZones(ctx, "dns", args)
		return nil, got
	})
	require.Error(t, runErr)
	assert.Nil(t, plan)
	return got
}

func TestValidateChecksThePlainArgumentsOnly(t *testing.T) {
	args := validArgs()
	args.ResourceGroupName, args.VirtualNetworkID = nil, nil
	assert.NoError(t, args.Validate(), "the Inputs are NewZones' to check")

	args.VirtualNetworkName = ""
	assert.EqualError(t, args.Validate(),
		`privatedns: virtualNetworkName = (not set): is required; pass the VNet's Azure name; the link names derive from it`)
}

func TestAnExistingClusterZoneIsHeldToTheAKSFormWhileTheRegionIsUnknown(t *testing.T) {
	zoneID := func(name string) string { return hubRG + "/providers/Microsoft.Network/privateDnsZones/" + name }
	cases := []struct {
		name string
		id   string
		want string
	}{
		{"a zone of any region", zoneID("privatelink.northeurope.azmk8s.io"), ""},
		{"a zone with a subzone", zoneID("team-a.privatelink.northeurope.azmk8s.io"), ""},
		{"a zone ID ARM spells in lower case", "/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourcegroups/rg-hub-dns/providers/microsoft.network/privatednszones/privatelink.westeurope.azmk8s.io", ""},
		{"a nested subzone", zoneID("a.b.privatelink.northeurope.azmk8s.io"),
			`privatedns: existingClusterZoneId = "` + zoneID("a.b.privatelink.northeurope.azmk8s.io") + `": names zone a.b.privatelink.northeurope.azmk8s.io, but this service resolves through privatelink.northeurope.azmk8s.io; point it at the privatelink.northeurope.azmk8s.io zone`},
		{"another service's zone", zoneID("privatelink.azurecr.io"),
			`privatedns: existingClusterZoneId = "` + zoneID("privatelink.azurecr.io") + `": names zone privatelink.azurecr.io, but this service resolves through privatelink.<region>.azmk8s.io; point it at the privatelink.<region>.azmk8s.io zone`},
		{"a zone name instead of an ID", "privatelink.westeurope.azmk8s.io",
			`privatedns: existingClusterZoneId = "privatelink.westeurope.azmk8s.io": is not a private DNS zone resource ID; use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := validArgs()
			args.Location = pulumi.String("westeurope").ToStringOutput()
			args.ExistingClusterZoneID = tc.id
			if tc.want == "" {
				assert.NoError(t, args.Validate())
				return
			}
			assert.EqualError(t, args.Validate(), tc.want)
		})
	}
}
