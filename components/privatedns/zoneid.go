package privatedns

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// zoneKind identifies one of the zones; it is also the suffix of the child resources' logical names.
type zoneKind string

const (
	zoneRegistry zoneKind = "registry"
	zoneKeyVault zoneKind = "keyvault"
	zoneCluster  zoneKind = "cluster"
)

// Zone names from https://learn.microsoft.com/azure/private-link/private-endpoint-dns.
const (
	registryZoneName = "privatelink.azurecr.io"
	keyVaultZoneName = "privatelink.vaultcore.azure.net"
)

// clusterZoneName is the AKS private DNS zone of a region.
// https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
func clusterZoneName(location string) string { return "privatelink." + location + ".azmk8s.io" }

// zoneSpec is one zone to create, or to take from existingID.
type zoneSpec struct {
	kind       zoneKind
	zoneName   string
	existingID string
}

var (
	// zoneIDPattern matches a private DNS zone ARM ID. ARM treats the fixed segments case-insensitively, and so
	// does this pattern.
	zoneIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}` +
		`/resourceGroups/[-\w.()]{0,89}[-\w()]/providers/Microsoft\.Network/privateDnsZones/([^/]+)$`)
	// regionPattern matches an Azure region name as ARM spells it ("westeurope", not "West Europe").
	regionPattern = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	// subzonePattern matches the optional first label AKS allows before privatelink.<region>.azmk8s.io.
	subzonePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
)

// zoneSpecs validates args and returns the zones in registration order: registry, key vault, then cluster.
func zoneSpecs(args *ZonesArgs) ([]zoneSpec, error) {
	switch {
	case args.ResourceGroupName == nil:
		return nil, errors.New("privatedns: resourceGroupName is required")
	case args.VirtualNetworkID == nil:
		return nil, errors.New("privatedns: virtualNetworkId is required")
	case args.VirtualNetworkName == "":
		return nil, errors.New("privatedns: virtualNetworkName is required")
	case args.Location == "":
		return nil, errors.New("privatedns: location is required")
	case !regionPattern.MatchString(args.Location):
		return nil, fmt.Errorf("privatedns: location %q is not an Azure region name such as \"westeurope\"", args.Location)
	}

	registry, err := existingZone("existingRegistryZoneId", args.ExistingRegistryZoneID, registryZoneName, exactName(registryZoneName))
	if err != nil {
		return nil, err
	}
	keyVault, err := existingZone("existingKeyVaultZoneId", args.ExistingKeyVaultZoneID, keyVaultZoneName, exactName(keyVaultZoneName))
	if err != nil {
		return nil, err
	}
	specs := []zoneSpec{
		{kind: zoneRegistry, zoneName: registry.name, existingID: registry.id},
		{kind: zoneKeyVault, zoneName: keyVault.name, existingID: keyVault.id},
	}

	if args.ClusterZone || args.ExistingClusterZoneID != "" {
		want := clusterZoneName(args.Location)
		cluster, err := existingZone("existingClusterZoneId", args.ExistingClusterZoneID, want, clusterName(want))
		if err != nil {
			return nil, err
		}
		specs = append(specs, zoneSpec{kind: zoneCluster, zoneName: cluster.name, existingID: cluster.id})
	}
	return specs, nil
}

type zoneRef struct{ id, name string }

// existingZone checks an existing zone ID. With no ID it returns the zone to create, named want.
func existingZone(field, id, want string, nameOK func(string) bool) (zoneRef, error) {
	if id == "" {
		return zoneRef{name: want}, nil
	}
	match := zoneIDPattern.FindStringSubmatch(id)
	if match == nil {
		return zoneRef{}, fmt.Errorf("privatedns: %s %q is not a private DNS zone ID; want "+
			"/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/%s", field, id, want)
	}
	name := strings.ToLower(match[1])
	if !nameOK(name) {
		return zoneRef{}, fmt.Errorf("privatedns: %s names zone %q; want %q", field, match[1], want)
	}
	return zoneRef{id: id, name: name}, nil
}

func exactName(want string) func(string) bool {
	return func(name string) bool { return name == want }
}

// clusterName accepts the AKS zone of the region and, as AKS also does, one subzone label in front of it.
// https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
func clusterName(want string) func(string) bool {
	return func(name string) bool {
		if name == want {
			return true
		}
		sub, ok := strings.CutSuffix(name, "."+want)
		return ok && subzonePattern.MatchString(sub)
	}
}
