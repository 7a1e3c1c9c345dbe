package bastion_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	componentType = "hardaks:bastion:Bastion"
	publicIPType  = "azure-native:network/v20240301:PublicIPAddress"
	hostType      = "azure-native:network/v20240301:BastionHost"
	diagType      = "azure-native:insights/v20210501preview:DiagnosticSetting"

	rgID        = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
	subnetID    = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/AzureBastionSubnet"
	workspaceID = rgID + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev"
	pipID       = rgID + "/providers/Microsoft.Network/publicIPAddresses/pip-bas-hardaks-dev"
	hostID      = rgID + "/providers/Microsoft.Network/bastionHosts/bas-hardaks-dev"
)

func validArgs() *bastion.BastionArgs {
	return &bastion.BastionArgs{
		ResourceGroupName:       pulumi.String("rg-hardaks-dev"),
		Location:                pulumi.String("westeurope"),
		BastionName:             "bas-hardaks-dev",
		SubnetID:                pulumi.String(subnetID),
		Zones:                   []string{"1", "2", "3"},
		LogAnalyticsWorkspaceID: pulumi.String(workspaceID),
		Tags:                    pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

func run(t *testing.T, args *bastion.BastionArgs) *offline.Plan {
	t.Helper()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		b, err := bastion.NewBastion(ctx, "bas", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"bastionId":         b.BastionID,
			"bastionName":       b.BastionName,
			"publicIpAddressId": b.PublicIPAddressID,
		}, nil
	})
	require.NoError(t, err)
	return plan
}

func TestTheComponentRegistersThePublicIPTheHostAndTheDiagnosticSettingInOrder(t *testing.T) {
	plan := run(t, validArgs())

	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		componentType + " bas",
		publicIPType + " bas-pip",
		hostType + " bas-host",
		diagType + " bas-diag",
	}, got)
	component := plan.MustFind(t, componentType, "bas")
	for _, r := range plan.Resources[1:] {
		assert.Equal(t, component.URN, r.Parent, r.Name)
	}
	assert.Equal(t, []string{plan.URNOf(publicIPType, "bas-pip")}, plan.MustFind(t, hostType, "bas-host").Dependencies)
	assert.Equal(t, []string{plan.URNOf(hostType, "bas-host")}, plan.MustFind(t, diagType, "bas-diag").Dependencies)
}

func TestThePublicIPIsAZoneRedundantStandardStaticIPv4Address(t *testing.T) {
	plan := run(t, validArgs())

	pip := plan.MustFind(t, publicIPType, "bas-pip")
	assert.Equal(t, map[string]any{
		"resourceGroupName":        "rg-hardaks-dev",
		"location":                 "westeurope",
		"publicIpAddressName":      "pip-bas-hardaks-dev",
		"sku":                      map[string]any{"name": "Standard", "tier": "Regional"},
		"publicIPAllocationMethod": "Static",
		"publicIPAddressVersion":   "IPv4",
		"zones":                    []any{"1", "2", "3"},
		"tags":                     map[string]any{"env": "dev"},
	}, pip.Inputs)
	assert.Equal(t, pipID, pip.ID)
}

func TestThePublicIPHasNoZonesInARegionWithoutAvailabilityZones(t *testing.T) {
	args := validArgs()
	args.Zones = nil
	plan := run(t, args)

	pip := plan.MustFind(t, publicIPType, "bas-pip")
	_, hasZones := pip.Inputs["zones"]
	assert.False(t, hasZones)
}

func TestTheBastionPublicIPIsTheOnlyPublicIPAddressInThePlan(t *testing.T) {
	plan := run(t, validArgs())

	pips := plan.OfType(publicIPType)
	require.Len(t, pips, 1)
	assert.Equal(t, "bas-pip", pips[0].Name)
}

func TestTheHostDefaultsToStandardWithNativeClientAndEverythingElseLockedDown(t *testing.T) {
	plan := run(t, validArgs())

	host := plan.MustFind(t, hostType, "bas-host")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"location":          "westeurope",
		"bastionHostName":   "bas-hardaks-dev",
		"sku":               map[string]any{"name": "Standard"},
		"scaleUnits":        float64(2),
		"enableTunneling":   true,
		"enableIpConnect":   false,
		"enableFileCopy":    false,
		// The 2024-03-01 SDK default; session recording (Premium) needs a storage account hardaks does not create.
		"enableSessionRecording": false,
		"enableShareableLink":    false,
		"enableKerberos":         false,
		"disableCopyPaste":       false,
		"ipConfigurations": []any{map[string]any{
			"name":            "ipconfig-bastion",
			"subnet":          map[string]any{"id": subnetID},
			"publicIPAddress": map[string]any{"id": pipID},
		}},
		"tags": map[string]any{"env": "dev"},
	}, host.Inputs)
	assert.Equal(t, hostID, host.ID)
}

func TestTheHostTakesTheOptionalFeaturesAndScaleUnitsFromTheArgs(t *testing.T) {
	args := validArgs()
	args.Sku = "Standard"
	args.EnableIPConnect = true
	args.DisableCopyPaste = true
	args.EnableFileCopy = true
	args.ScaleUnits = 50
	plan := run(t, args)

	host := plan.MustFind(t, hostType, "bas-host")
	assert.Equal(t, float64(50), host.Inputs["scaleUnits"])
	assert.Equal(t, true, host.Inputs["enableIpConnect"])
	assert.Equal(t, true, host.Inputs["disableCopyPaste"])
	assert.Equal(t, true, host.Inputs["enableFileCopy"])
	assert.Equal(t, true, host.Inputs["enableTunneling"])
	assert.Equal(t, false, host.Inputs["enableShareableLink"])
}

func TestThePremiumSkuIsTakenFromTheArgs(t *testing.T) {
	args := validArgs()
	args.Sku = bastion.SkuPremium
	plan := run(t, args)

	host := plan.MustFind(t, hostType, "bas-host")
	assert.Equal(t, map[string]any{"name": "Premium"}, host.Inputs["sku"])
	assert.Equal(t, true, host.Inputs["enableTunneling"])
}

func TestTheDiagnosticSettingSendsAllBastionLogsToTheWorkspace(t *testing.T) {
	plan := run(t, validArgs())

	diag := plan.MustFind(t, diagType, "bas-diag")
	assert.Equal(t, map[string]any{
		"name":        "diag-bas-hardaks-dev",
		"resourceUri": hostID,
		"workspaceId": workspaceID,
		"logs":        []any{map[string]any{"categoryGroup": "allLogs", "enabled": true}},
	}, diag.Inputs)
}

func TestTheOutputsAreTheHostAndPublicIPIdentifiers(t *testing.T) {
	plan := run(t, validArgs())

	assert.Equal(t, map[string]any{
		"bastionId":         hostID,
		"bastionName":       "bas-hardaks-dev",
		"publicIpAddressId": pipID,
	}, plan.Outputs)
}

func TestInvalidArgumentsAreRejectedWithAClearError(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *bastion.BastionArgs)
		want   string
	}{
		{"missing resource group", func(a *bastion.BastionArgs) { a.ResourceGroupName = nil },
			"bastion: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"missing location", func(a *bastion.BastionArgs) { a.Location = nil },
			"bastion: location = (not set): is required; set an Azure region, e.g. westeurope"},
		{"missing bastion name", func(a *bastion.BastionArgs) { a.BastionName = "" },
			"bastion: bastionName = (not set): is required; name the Bastion host"},
		{"missing subnet", func(a *bastion.BastionArgs) { a.SubnetID = nil },
			"bastion: subnetId = (not set): is required; pass the AzureBastionSubnet's ID"},
		{"missing workspace", func(a *bastion.BastionArgs) { a.LogAnalyticsWorkspaceID = nil },
			"bastion: logAnalyticsWorkspaceId = (not set): is required; pass the Log Analytics workspace's ID"},
		{"a name ending in a hyphen", func(a *bastion.BastionArgs) { a.BastionName = "bas-" },
			`bastion: bastionName = "bas-": must be 1-80 letters, digits, '_', '.' or '-', start with a letter or digit and end with a letter, digit or '_'; choose a valid name`},
		{"a name with a space", func(a *bastion.BastionArgs) { a.BastionName = "bas hardaks" },
			`bastion: bastionName = "bas hardaks": must be 1-80 letters, digits, '_', '.' or '-', start with a letter or digit and end with a letter, digit or '_'; choose a valid name`},
		{"a name too long for the derived public IP name", func(a *bastion.BastionArgs) { a.BastionName = "b" + strings.Repeat("x", 78) },
			`bastion: bastionName = "bxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": derives the public IP name "pip-bxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", longer than 80 characters; choose a shorter name`},
		{"the Basic sku", func(a *bastion.BastionArgs) { a.Sku = "Basic" },
			`bastion: sku = "Basic": native-client tunneling (az network bastion ssh, az aks bastion) needs Standard or Premium; use Standard (default)`},
		{"an unknown sku", func(a *bastion.BastionArgs) { a.Sku = "standard" },
			`bastion: sku = "standard": native-client tunneling (az network bastion ssh, az aks bastion) needs Standard or Premium; use Standard (default)`},
		{"one scale unit", func(a *bastion.BastionArgs) { a.ScaleUnits = 1 },
			`bastion: scaleUnits = "1": Standard and Premium Bastion take 2–50 scale units; use 2 (default)`},
		{"51 scale units", func(a *bastion.BastionArgs) { a.ScaleUnits = 51 },
			`bastion: scaleUnits = "51": Standard and Premium Bastion take 2–50 scale units; use 2 (default)`},
		{"an unknown zone", func(a *bastion.BastionArgs) { a.Zones = []string{"1", "4"} },
			`bastion: zones = ["1" "4"]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
		{"a repeated zone", func(a *bastion.BastionArgs) { a.Zones = []string{"1", "1"} },
			`bastion: zones = ["1" "1"]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := validArgs()
			tc.mutate(args)
			assert.EqualError(t, constructorError(t, args), tc.want)
		})
	}
}

func TestNilArgsAreRejected(t *testing.T) {
	assert.EqualError(t, constructorError(t, nil), "bastion: args must not be nil")
}

// constructorError returns exactly what NewBastion returned, before the Pulumi runtime wraps it.
func constructorError(t *testing.T, args *bastion.BastionArgs) error {
	t.Helper()
	var got error
	_, runErr := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, got = bastion.NewBastion(ctx, "bas", args)
		return nil, got
	})
	require.Error(t, runErr)
	return got
}
