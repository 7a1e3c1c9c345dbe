// Package privatedns provides the private DNS zones that the environment's private endpoints and private AKS API
// server resolve through (https://learn.microsoft.com/azure/private-link/private-endpoint-dns):
//
//	privatelink.azurecr.io              container registry
//	privatelink.vaultcore.azure.net     key vault
//	privatelink.<region>.azmk8s.io      AKS API server (optional custom private DNS zone)
//
// Each zone is either created here, in the spoke, together with a link named link-<VirtualNetworkName> to the
// spoke VNet (auto-registration off), or taken from an existing zone ID. An existing zone belongs to a hub
// (hub-and-spoke): the hub owns the zone and every VNet link to it, so the component creates neither a zone nor a
// link for it and only passes its ID on.
package privatedns

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ZonesArgs configures Zones.
type ZonesArgs struct {
	// ResourceGroupName is the resource group of the zones and links this component creates.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// VirtualNetworkID is the ARM ID of the VNet the created zones are linked to.
	VirtualNetworkID pulumi.StringInput `pulumi:"virtualNetworkId"`
	// VirtualNetworkName is the Azure name of that VNet; the link names derive from it.
	VirtualNetworkName string `pulumi:"virtualNetworkName"`
	// Location is the Azure region name, e.g. "westeurope", used in the AKS zone name. It may be an output, e.g.
	// the resource group's location; the AKS zone is then named once the region is known.
	Location pulumi.StringInput `pulumi:"location"`
	// ClusterZone creates privatelink.<location>.azmk8s.io, the custom private DNS zone of a private AKS cluster.
	ClusterZone bool `pulumi:"clusterZone,optional"`
	// ExistingRegistryZoneID is the ID of a hub's privatelink.azurecr.io zone to use instead of creating one.
	ExistingRegistryZoneID string `pulumi:"existingRegistryZoneId,optional"`
	// ExistingKeyVaultZoneID is the ID of a hub's privatelink.vaultcore.azure.net zone to use instead of creating one.
	ExistingKeyVaultZoneID string `pulumi:"existingKeyVaultZoneId,optional"`
	// ExistingClusterZoneID is the ID of a hub's AKS private DNS zone to use instead of creating one; it implies
	// ClusterZone.
	ExistingClusterZoneID string `pulumi:"existingClusterZoneId,optional"`
	// Tags go on every zone and link this component creates.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Zones holds the private DNS zones of the environment.
type Zones struct {
	pulumi.ResourceState

	// RegistryZoneID is the ARM ID of the privatelink.azurecr.io zone.
	RegistryZoneID pulumi.StringOutput `pulumi:"registryZoneId"`
	// KeyVaultZoneID is the ARM ID of the privatelink.vaultcore.azure.net zone.
	KeyVaultZoneID pulumi.StringOutput `pulumi:"keyVaultZoneId"`
	// ClusterZoneID is the ARM ID of the AKS private DNS zone; nil when no cluster zone is wanted.
	ClusterZoneID pulumi.StringPtrOutput `pulumi:"clusterZoneId,optional"`
	// RegistryZoneName is the DNS name of the registry zone.
	RegistryZoneName pulumi.StringOutput `pulumi:"registryZoneName"`
	// KeyVaultZoneName is the DNS name of the key vault zone.
	KeyVaultZoneName pulumi.StringOutput `pulumi:"keyVaultZoneName"`
	// ClusterZoneName is the DNS name of the AKS zone; nil when no cluster zone is wanted.
	ClusterZoneName pulumi.StringPtrOutput `pulumi:"clusterZoneName,optional"`
}

// NewZones creates (or adopts by ID) the registry, key vault and, when wanted, AKS private DNS zones, in that order.
func NewZones(ctx *pulumi.Context, name string, args *ZonesArgs, opts ...pulumi.ResourceOption) (*Zones, error) {
	if args == nil {
		return nil, errors.New("privatedns: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}

	comp := &Zones{}
	if err := ctx.RegisterComponentResource("hardaks:privatedns:Zones", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	ids := map[zoneKind]pulumi.StringOutput{}
	zoneNames := map[zoneKind]pulumi.StringOutput{}
	for _, spec := range zoneSpecs(args) {
		zoneNames[spec.kind] = spec.zoneName.ToStringOutput()
		if spec.existingID != "" {
			ids[spec.kind] = pulumi.String(spec.existingID).ToStringOutput()
			continue
		}
		zone, err := newPrivateZone(ctx, name+"-"+string(spec.kind), args, spec.zoneName, parent)
		if err != nil {
			return nil, err
		}
		if _, err := newVirtualNetworkLink(ctx, name+"-"+string(spec.kind)+"-link", args, zone.Name, parent); err != nil {
			return nil, err
		}
		ids[spec.kind] = zone.ID().ToStringOutput()
	}

	none := pulumi.ToOutput((*string)(nil)).(pulumi.StringPtrOutput)
	comp.RegistryZoneID = ids[zoneRegistry]
	comp.KeyVaultZoneID = ids[zoneKeyVault]
	comp.RegistryZoneName = zoneNames[zoneRegistry]
	comp.KeyVaultZoneName = zoneNames[zoneKeyVault]
	comp.ClusterZoneID, comp.ClusterZoneName = none, none
	if id, ok := ids[zoneCluster]; ok {
		comp.ClusterZoneID = id.ToStringPtrOutput()
		comp.ClusterZoneName = zoneNames[zoneCluster].ToStringPtrOutput()
	}

	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"registryZoneId":   comp.RegistryZoneID,
		"keyVaultZoneId":   comp.KeyVaultZoneID,
		"clusterZoneId":    comp.ClusterZoneID,
		"registryZoneName": comp.RegistryZoneName,
		"keyVaultZoneName": comp.KeyVaultZoneName,
		"clusterZoneName":  comp.ClusterZoneName,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}
