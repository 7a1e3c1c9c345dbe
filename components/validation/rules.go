package validation

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/internal/guid"
)

var (
	// regionPattern is a region name as ARM spells it: "westeurope", not "West Europe".
	regionPattern = regexp.MustCompile(`^[a-z][a-z0-9]+$`)
	// clockPattern is HH:MM on a 24-hour clock, as AKS maintenance windows take it.
	clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	// utcOffsetPattern is ±HH:MM, the offsets AKS maintenance windows accept (-14:00 to +14:00 hours).
	// https://learn.microsoft.com/azure/aks/planned-maintenance#schedule-configuration-types-for-planned-maintenance
	utcOffsetPattern = regexp.MustCompile(`^[+-](0[0-9]|1[0-4]):[0-5][0-9]$`)
	// resourceGroupPattern is Azure's rule for resource group names: 1-90 letters, digits, '-', '_', '.', '(' and
	// ')', not ending in a period.
	// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources
	resourceGroupPattern = `[-\w.()]{0,89}[-\w()]`
	validResourceGroup   = regexp.MustCompile(`^` + resourceGroupPattern + `$`)
	// privateDNSZoneIDPattern is the ARM ID of a private DNS zone. ARM compares the fixed segments without regard
	// to case.
	privateDNSZoneIDPattern = regexp.MustCompile(`(?i)^/subscriptions/` + guid.Pattern + `/resourceGroups/` + resourceGroupPattern +
		`/providers/Microsoft\.Network/privateDnsZones/([^/]+)$`)
	// vmSizePattern is the shape of an Azure VM size name, e.g. Standard_D4ds_v5.
	vmSizePattern = regexp.MustCompile(`^Standard_[A-Za-z0-9_]+$`)
	// subzonePattern is the one DNS label allowed in front of a privatelink zone name.
	// https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
	subzonePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
)

// Region checks an Azure region name; required, since every resource needs one.
func (p *Problems) Region(path, region string) {
	switch {
	case region == "":
		p.Add(path, nil, "is required", "set an Azure region, e.g. westeurope")
	case !regionPattern.MatchString(region):
		p.Add(path, region, "is not an Azure region name", "use the lowercase name `az account list-locations -o table` prints, e.g. westeurope")
	}
}

// KnownRegion is the region location holds when it is known at construction (a pulumi.String) and is spelled as a
// region; the rules that need the region wait for it, or skip it, otherwise.
func KnownRegion(location pulumi.StringInput) (string, bool) {
	region, ok := location.(pulumi.String)
	return string(region), ok && IsRegion(string(region))
}

// AKSPrivateDNSZone is the private DNS zone of a private AKS API server in region.
// https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
func AKSPrivateDNSZone(region string) string { return "privatelink." + region + ".azmk8s.io" }

// SubscriptionOf is the subscription of an ARM ID (/subscriptions/<id>/...), or false for an ID outside a
// subscription (a management group) or one that is not an ARM ID.
func SubscriptionOf(armID string) (string, bool) {
	parts := strings.SplitN(armID, "/", 4)
	if len(parts) < 3 || parts[0] != "" || !strings.EqualFold(parts[1], "subscriptions") || !guid.Valid(parts[2]) {
		return "", false
	}
	return parts[2], true
}

// ValidResourceGroupName reports whether name is a resource group name Azure accepts.
func ValidResourceGroupName(name string) bool { return validResourceGroup.MatchString(name) }

// IsRegion reports whether region is spelled as an Azure region name.
func IsRegion(region string) bool { return regionPattern.MatchString(region) }

// TenantID checks the Entra tenant ID, which several components take.
func (p *Problems) TenantID(path, value string) {
	p.GUID(path, value, "must be the Entra tenant ID, a GUID", "set it to the output of `az account show --query tenantId -o tsv`")
}

// Zones checks a list of availability zones in region: a subset of "1", "2" and "3", and none in a region without
// zones. https://learn.microsoft.com/azure/reliability/availability-zones-region-support
func (p *Problems) Zones(path string, zones []string, region string) {
	seen := map[string]bool{}
	for _, z := range zones {
		if z != "1" && z != "2" && z != "3" || seen[z] {
			p.Add(path, zones, `availability zones are "1", "2" and "3"`, `list a subset of ["1","2","3"]`)
			return
		}
		seen[z] = true
	}
	if len(zones) > 0 && regionPattern.MatchString(region) && !HasZones(region) {
		p.Add(path, zones, "region "+region+" has no availability zones", "remove the zones or choose a region with zones")
	}
}

// ParseIPv4Prefix parses an IPv4 CIDR that Azure accepts: no host bits set. IPv4Prefix says what is wrong with one
// it refuses.
func ParseIPv4Prefix(value string) (netip.Prefix, bool) {
	prefix, err := netip.ParsePrefix(value)
	return prefix, err == nil && prefix.Addr().Is4() && prefix.Masked() == prefix
}

// IPv4Prefix parses a required IPv4 CIDR that Azure accepts: no host bits set.
func (p *Problems) IPv4Prefix(path, value string) (netip.Prefix, bool) {
	if prefix, ok := ParseIPv4Prefix(value); ok {
		return prefix, true
	}
	if value == "" {
		p.Add(path, nil, "is required", "set an IPv4 CIDR such as 10.40.0.0/22")
		return netip.Prefix{}, false
	}
	prefix, err := netip.ParsePrefix(value)
	if err != nil || !prefix.Addr().Is4() {
		p.Add(path, value, "is not an IPv4 CIDR", "write it as address/prefix-length, e.g. 10.40.0.0/22")
		return netip.Prefix{}, false
	}
	// ARM rejects a prefix with host bits set.
	p.Add(path, value, "has host bits set", "use "+prefix.Masked().String())
	return netip.Prefix{}, false
}

// ValidVMSize reports whether size has the shape of an Azure VM size name.
func ValidVMSize(size string) bool { return vmSizePattern.MatchString(size) }

// GUID checks an Entra object or tenant ID.
func (p *Problems) GUID(path, value, problem, fix string) {
	if !guid.Valid(value) {
		p.Add(path, OrUnset(value), problem, fix)
	}
}

// Clock checks an HH:MM time of day.
func (p *Problems) Clock(path, value string) {
	if !clockPattern.MatchString(value) {
		p.Add(path, OrUnset(value), "must be HH:MM (24-hour)", "use e.g. 02:00")
	}
}

// UTCOffset checks a ±HH:MM offset from UTC.
func (p *Problems) UTCOffset(path, value string) {
	if !utcOffsetPattern.MatchString(value) {
		p.Add(path, OrUnset(value), "must be ±HH:MM", "use e.g. +00:00 or +01:00")
	}
}

// PrivateDNSZoneID checks the ARM ID of an existing private DNS zone named zone. With subzone, one label in front
// of it (<label>.zone) is accepted too, as AKS allows for its API server zone; the privatelink zones of other
// services resolve only under their exact name.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns
func (p *Problems) PrivateDNSZoneID(path, id, zone string, subzone bool) {
	match := privateDNSZoneIDPattern.FindStringSubmatch(id)
	if match == nil {
		p.Add(path, id, "is not a private DNS zone resource ID",
			"use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/"+zone)
		return
	}
	name := strings.ToLower(match[1])
	if sub, ok := strings.CutSuffix(name, "."+zone); name == zone || subzone && ok && subzonePattern.MatchString(sub) {
		return
	}
	p.Addf(path, id, "point it at the "+zone+" zone", "names zone %s, but this service resolves through %s", match[1], zone)
}

// Contains reports whether inner lies wholly inside outer.
func Contains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// Addresses is the number of addresses in an IPv4 prefix.
func Addresses(p netip.Prefix) int { return 1 << (32 - p.Bits()) }

// RegionInput checks a required region Input; a region that is known at construction (a pulumi.String) must be a
// region name.
func (p *Problems) RegionInput(path string, region pulumi.StringInput) {
	switch known, ok := region.(pulumi.String); {
	case region == nil:
		p.Add(path, nil, "is required", "set an Azure region, e.g. westeurope")
	case ok:
		p.Region(path, string(known))
	}
}
