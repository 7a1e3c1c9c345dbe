package privatedns

import (
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
)

// anyRegionClusterZone finds the region in the name of an AKS private DNS zone, privatelink.<region>.azmk8s.io with
// perhaps a sub-zone label in front, for when Location is not known until deployment.
// https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
var anyRegionClusterZone = regexp.MustCompile(`(?i)(?:^|[./])privatelink\.([a-z0-9]+)\.azmk8s\.io$`)

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names. NewZones also checks the required Inputs.
func (args *ZonesArgs) Validate() error { return validation.Check("privatedns", args.check) }

func validate(args *ZonesArgs) error {
	return validation.Check("privatedns", args.checkInputs, args.check)
}

func (args *ZonesArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.Required(args.VirtualNetworkID != nil, "virtualNetworkId", "pass the ID of the VNet the zones resolve in")
	p.RegionInput("location", args.Location)
}

func (args *ZonesArgs) check(p *validation.Problems) {
	p.Required(args.VirtualNetworkName != "", "virtualNetworkName", "pass the VNet's Azure name; the link names derive from it")
	if args.ExistingRegistryZoneID != "" {
		p.PrivateDNSZoneID("existingRegistryZoneId", args.ExistingRegistryZoneID, registryZoneName, false)
	}
	if args.ExistingKeyVaultZoneID != "" {
		p.PrivateDNSZoneID("existingKeyVaultZoneId", args.ExistingKeyVaultZoneID, keyVaultZoneName, false)
	}
	if args.ExistingClusterZoneID != "" {
		p.PrivateDNSZoneID("existingClusterZoneId", args.ExistingClusterZoneID, expectedClusterZone(args.Location, args.ExistingClusterZoneID), true)
	}
}

// expectedClusterZone is the AKS zone an existing cluster zone ID must name. With a region known now that is the
// region's zone; otherwise the ID's own region is taken, so the ID is still checked for its shape and for the
// privatelink.<region>.azmk8s.io form, and AKS checks the region when it creates the cluster.
func expectedClusterZone(location pulumi.StringInput, id string) string {
	if region, ok := validation.KnownRegion(location); ok {
		return validation.AKSPrivateDNSZone(region)
	}
	if match := anyRegionClusterZone.FindStringSubmatch(id); match != nil {
		return validation.AKSPrivateDNSZone(strings.ToLower(match[1]))
	}
	return validation.AKSPrivateDNSZone("<region>")
}
