package provider_test

import (
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/provider"
)

const (
	project  = "hardaks"
	stack    = "test"
	rgID     = "/subscriptions/" + offline.SubscriptionID + "/resourceGroups/rg-hardaks-dev"
	subnetID = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-private-endpoints"
	zoneID   = rgID + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"
	kubelet  = "9d2b6a8e-1c4f-4e0a-8b7d-3f5e6a7b8c9d"
)

// construct calls Construct of token through the provider, as a TypeScript, Python or YAML program's engine would,
// and returns what it registered.
func construct(t *testing.T, token, name string, inputs map[string]any) (map[string]offline.Resource, error) {
	t.Helper()
	return constructIn(t, project, stack, token, name, inputs)
}

// constructIn is construct in another project and stack, which derived Azure names hash.
func constructIn(t *testing.T, project, stack, token, name string, inputs map[string]any) (map[string]offline.Resource, error) {
	t.Helper()
	prov, err := provider.New()
	require.NoError(t, err)
	monitor := offline.NewMonitor(project, stack)
	server, err := integration.NewServer(t.Context(), provider.Name, semver.MustParse(provider.Version),
		integration.WithProvider(prov), integration.WithMocks(monitor))
	require.NoError(t, err)
	_, err = server.Construct(p.ConstructRequest{
		Urn:    presource.URN("urn:pulumi:" + stack + "::" + project + "::" + token + "::" + name),
		Inputs: presource.FromResourcePropertyMap(presource.NewPropertyMapFromMap(inputs)),
	})
	return monitor.Recorded(), err
}

// byName keeps the custom resources, by logical name.
func byName(resources map[string]offline.Resource) map[string]offline.Resource {
	out := map[string]offline.Resource{}
	for _, r := range resources {
		if r.Custom {
			out[r.Type+" "+r.Name] = r
		}
	}
	return out
}

// Bad arguments from another language come back as the component's own message, every problem at once.
func TestConstructReportsEveryProblemOfTheArguments(t *testing.T) {
	_, err := construct(t, "hardaks:registry:Registry", "acr", map[string]any{
		"resourceGroupName":       "rg-hardaks-dev",
		"location":                "westeurope",
		"registryName":            "acr-1",
		"untaggedRetentionDays":   400,
		"privateEndpointSubnetId": subnetID,
		"privateDnsZoneId":        zoneID,
		"lock":                    map[string]any{"kind": "Delete"},
	})
	require.Error(t, err)
	for _, want := range []string{
		`registry: registryName = "acr-1": registry names are 5-50 letters and digits, unique across Azure; choose another name`,
		`registry: untaggedRetentionDays = "400": must be 0 (Azure's default of 7) to 365 days; use 7 (Azure's default)`,
		`registry: lock.kind = "Delete": must be CanNotDelete or ReadOnly; choose what the lock refuses`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "panic")
}

func keys(m map[string]offline.Resource) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
