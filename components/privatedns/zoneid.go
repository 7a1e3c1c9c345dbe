package privatedns

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
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

// zoneSpec is one zone to create, or to take from existingID.
type zoneSpec struct {
	kind       zoneKind
	zoneName   pulumi.StringInput
	existingID string
}

// zoneSpecs returns the zones of valid args in registration order: registry, key vault, then cluster.
func zoneSpecs(args *ZonesArgs) []zoneSpec {
	specs := []zoneSpec{
		specOf(zoneRegistry, args.ExistingRegistryZoneID, pulumi.String(registryZoneName)),
		specOf(zoneKeyVault, args.ExistingKeyVaultZoneID, pulumi.String(keyVaultZoneName)),
	}
	if args.ClusterZone || args.ExistingClusterZoneID != "" {
		specs = append(specs, specOf(zoneCluster, args.ExistingClusterZoneID, clusterZoneNameInput(args.Location)))
	}
	return specs
}

// specOf is the zone of kind to create, named name, or the existing zone with ID id. An existing zone is named as its
// ID names it (an AKS zone may have a sub-zone label), in lower case since DNS names are case-insensitive and ARM
// may spell them either way.
func specOf(kind zoneKind, id string, name pulumi.StringInput) zoneSpec {
	if id == "" {
		return zoneSpec{kind: kind, zoneName: name}
	}
	return zoneSpec{kind: kind, zoneName: pulumi.String(strings.ToLower(id[strings.LastIndexByte(id, '/')+1:])), existingID: id}
}

// clusterZoneNameInput is the AKS zone of location, a plain value when the region is known now.
func clusterZoneNameInput(location pulumi.StringInput) pulumi.StringInput {
	if region, ok := location.(pulumi.String); ok {
		return pulumi.String(validation.AKSPrivateDNSZone(string(region)))
	}
	return location.ToStringOutput().ApplyT(validation.AKSPrivateDNSZone).(pulumi.StringOutput)
}
