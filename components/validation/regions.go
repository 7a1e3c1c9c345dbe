package validation

// zonalRegions are the regions with availability zones. See also [Azure regions with availability zones].
//
// [Azure regions with availability zones]: https://learn.microsoft.com/azure/reliability/availability-zones-region-support
var zonalRegions = map[string]bool{
	"australiaeast": true, "austriaeast": true, "belgiumcentral": true, "brazilsouth": true, "canadacentral": true,
	"centralindia": true, "centralus": true, "chilecentral": true, "denmarkeast": true, "eastasia": true,
	"eastus": true, "eastus2": true, "francecentral": true, "germanywestcentral": true, "indonesiacentral": true,
	"israelcentral": true, "italynorth": true, "japaneast": true, "japanwest": true, "koreacentral": true,
	"malaysiawest": true, "mexicocentral": true, "newzealandnorth": true, "northeurope": true, "norwayeast": true,
	"polandcentral": true, "qatarcentral": true, "southafricanorth": true, "southcentralus": true,
	"southeastasia": true, "spaincentral": true, "swedencentral": true, "switzerlandnorth": true,
	"uaenorth": true, "uksouth": true, "westeurope": true, "westus2": true, "westus3": true,
}

// HasZones reports whether region has availability zones.
func HasZones(region string) bool { return zonalRegions[region] }
