package registry

import (
	"regexp"

	"github.com/hardaks/hardaks/components/validation"
)

// maxUntaggedRetentionDays is the longest retention Azure accepts.
// https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy
const maxUntaggedRetentionDays = 365

// registryNamePattern is Azure's rule for registry names: 5-50 letters and digits, unique across Azure.
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerregistry
var registryNamePattern = regexp.MustCompile(`^[A-Za-z0-9]{5,50}$`)

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names. NewRegistry also checks the required Inputs.
func (args *RegistryArgs) Validate() error { return validation.Check("registry", args.check) }

func validate(args *RegistryArgs) error {
	return validation.Check("registry", args.checkInputs, args.check)
}

func (args *RegistryArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", args.Location)
	p.Required(args.PrivateEndpointSubnetID != nil, "privateEndpointSubnetId", "pass the private endpoint subnet's ID")
	p.Required(args.PrivateDNSZoneID != nil, "privateDnsZoneId", "pass the privatelink.azurecr.io zone's ID")
}

func (args *RegistryArgs) check(p *validation.Problems) {
	if !registryNamePattern.MatchString(args.RegistryName) {
		p.Add("registryName", validation.OrUnset(args.RegistryName), "registry names are 5-50 letters and digits, unique across Azure",
			"choose another name")
	}
	if r := args.UntaggedRetentionDays; r < 0 || r > maxUntaggedRetentionDays {
		p.Addf("untaggedRetentionDays", r, "use 7 (Azure's default)", "must be 0 (Azure's default of %d) to %d days",
			DefaultUntaggedRetentionDays, maxUntaggedRetentionDays)
	}
	// Zone redundancy needs a region with availability zones. https://learn.microsoft.com/azure/container-registry/zone-redundancy
	if region, ok := validation.KnownRegion(args.Location); ok && args.ZoneRedundancy && !validation.HasZones(region) {
		p.Add("zoneRedundancy", true, "region "+region+" has no availability zones", "set zoneRedundancy to false")
	}
	accessSpec(args).Check(p)
}
