package network

import (
	"fmt"
	"net/netip"

	"github.com/hardaks/hardaks/components/validation"
)

const (
	// minPlatformSubnetPrefixBits: AzureBastionSubnet and AzureFirewallSubnet must be /26 or larger, for the instances
	// the service scales to. https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
	// https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size
	minPlatformSubnetPrefixBits = 26
	// maxSubnetPrefixBits: the smallest subnet Azure allows is /29.
	// https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#how-small-and-how-large-can-virtual-networks-and-subnets-be
	maxSubnetPrefixBits = 29
	// NAT gateway limits. https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#tcp-idle-timeout
	// https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#public-ip-addresses
	minNATIdleTimeoutMinutes = 4
	maxNATIdleTimeoutMinutes = 120
	minNATPublicIPPrefixBits = 28
	maxNATPublicIPPrefixBits = 31
)

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names ("nodeSubnetPrefix"). NewNetwork also checks the required Inputs.
func (args *NetworkArgs) Validate() error { return validation.Check("network", args.check) }

func validate(args *NetworkArgs) error {
	return validation.Check("network", args.checkInputs, args.check)
}

func (args *NetworkArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", args.Location)
	if args.Firewall != nil && args.LogAnalyticsWorkspaceID == nil {
		p.Add("logAnalyticsWorkspaceId", nil, "is required with firewall, for the firewall's logs", "pass the Log Analytics workspace's ID")
	}
}

// subnetPlan is one subnet of the address plan.
type subnetPlan struct {
	path, value string
	// platformName is the name of a subnet Azure sizes at minPlatformSubnetPrefixBits, or "".
	platformName string
}

func (args *NetworkArgs) check(p *validation.Problems) {
	if args.VirtualNetworkName == "" {
		p.Add("virtualNetworkName", nil, "is required", "name the virtual network")
	}
	space, spaceOK := p.IPv4Prefix("addressSpace", args.AddressSpace)
	subnets := []subnetPlan{
		{path: "nodeSubnetPrefix", value: args.NodeSubnetPrefix},
		{path: "privateEndpointSubnetPrefix", value: args.PrivateEndpointSubnetPrefix},
		{path: "bastionSubnetPrefix", value: args.BastionSubnetPrefix, platformName: bastionSubnetName},
		{path: "buildAgentSubnetPrefix", value: args.BuildAgentSubnetPrefix},
	}
	if args.Firewall != nil {
		subnets = append(subnets, subnetPlan{path: "firewallSubnetPrefix", value: args.FirewallSubnetPrefix, platformName: firewallSubnetName})
	} else if args.FirewallSubnetPrefix != "" {
		p.Add("firewallSubnetPrefix", args.FirewallSubnetPrefix, "is set without firewall", "remove it, or add firewall")
	}
	parsed := make([]netip.Prefix, len(subnets))
	ok := make([]bool, len(subnets))
	for i, s := range subnets {
		parsed[i], ok[i] = p.IPv4Prefix(s.path, s.value)
		if !ok[i] {
			continue
		}
		if spaceOK && !validation.Contains(space, parsed[i]) {
			p.Addf(s.path, s.value, "choose a prefix inside "+space.String(), "lies outside the VNet address space %s", space)
		}
		switch {
		case parsed[i].Bits() > maxSubnetPrefixBits:
			p.Addf(s.path, s.value, fmt.Sprintf("use a /%d or larger prefix", maxSubnetPrefixBits), "is smaller than /%d, the smallest subnet Azure allows", maxSubnetPrefixBits)
		case s.platformName != "" && parsed[i].Bits() > minPlatformSubnetPrefixBits:
			p.Add(s.path, s.value, s.platformName+" must be /26 or larger", fmt.Sprintf("use a /26 such as %s/26", parsed[i].Addr()))
		}
		for j := range i {
			if ok[j] && parsed[j].Overlaps(parsed[i]) {
				p.AddAgainst(s.path, s.value, subnets[j].path, subnets[j].value, "overlaps %s", "give every subnet its own range")
			}
		}
	}
	args.checkEgress(p, space, spaceOK)
}

// checkEgress checks that at most one egress is chosen, and the NAT gateway, firewall or hub route it names.
func (args *NetworkArgs) checkEgress(p *validation.Problems, space netip.Prefix, spaceOK bool) {
	chosen := 0
	for _, set := range []bool{args.NatGateway != nil, args.Firewall != nil, args.HubFirewallPrivateIP != ""} {
		if set {
			chosen++
		}
	}
	if chosen > 1 {
		p.Add("natGateway", nil, "natGateway, firewall and hubFirewallPrivateIp are alternative egress paths", "set at most one")
	}
	if nat := args.NatGateway; nat != nil {
		switch {
		case len(nat.Zones) > 1:
			p.Addf("natGateway.zones", nat.Zones, "list one zone, or none", "lists %d zones; a Standard NAT gateway is zonal and takes at most one", len(nat.Zones))
		case len(nat.Zones) == 1:
			p.Zones("natGateway.zones", nat.Zones, "")
		}
		if t := nat.IdleTimeoutMinutes; t != 0 && (t < minNATIdleTimeoutMinutes || t > maxNATIdleTimeoutMinutes) {
			p.Add("natGateway.idleTimeoutMinutes", t, "must be 4–120 minutes", "set a value between 4 and 120")
		}
		if l := nat.PublicIPPrefixLength; l != 0 && (l < minNATPublicIPPrefixBits || l > maxNATPublicIPPrefixBits) {
			p.Add("natGateway.publicIpPrefixLength", l, "a NAT gateway takes a /28 to /31 public IP prefix", "set 28, 29, 30 or 31")
		}
	}
	if ip := args.HubFirewallPrivateIP; ip != "" {
		addr, err := netip.ParseAddr(ip)
		switch {
		case err != nil || !addr.Is4():
			p.Add("hubFirewallPrivateIp", ip, "is not an IPv4 address", "write the hub firewall's private IP, e.g. 10.0.1.4")
		case !addr.IsPrivate():
			p.Add("hubFirewallPrivateIp", ip, "is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)",
				"use the hub firewall's private IP, not its public one")
		case spaceOK && space.Contains(addr):
			p.Addf("hubFirewallPrivateIp", ip, "use the firewall's address in the peered hub VNet", "lies inside this environment's VNet %s", space)
		}
	}
	fw := args.Firewall
	if fw == nil {
		return
	}
	if fw.Sku != FirewallSkuStandard && fw.Sku != FirewallSkuPremium {
		p.Add("firewall.sku", validation.OrUnset(fw.Sku), "must be Standard or Premium (Premium adds IDPS; Basic has neither IDPS nor the throughput for a cluster)",
			"use Standard (default)")
	}
	p.Zones("firewall.zones", fw.Zones, "")
	for i, r := range fw.BuildAgentRules {
		path := fmt.Sprintf("firewall.buildAgentRules[%d]", i)
		if r.Name == "" {
			p.Add(path+".name", nil, "is required", "name the rule")
		}
		if len(r.FQDNs)+len(r.RegionalFQDNs) == 0 {
			p.Add(path+".fqdns", nil, "a rule needs at least one FQDN", "list the destinations")
		}
		if r.Protocol != "Http" && r.Protocol != "Https" {
			p.Add(path+".protocol", validation.OrUnset(r.Protocol), "must be Http or Https", "use Https")
		}
		if r.Port < 1 || r.Port > 65535 {
			p.Add(path+".port", r.Port, "is outside 1–65535", "use 443")
		}
	}
}
