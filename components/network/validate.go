package network

import (
	"errors"
	"fmt"
	"net/netip"
)

const (
	// minPlatformSubnetPrefixBits: AzureBastionSubnet and AzureFirewallSubnet must be /26 or larger, for the instances
	// the service scales to. https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
	// https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size
	minPlatformSubnetPrefixBits = 26
	// maxSubnetPrefixBits: the smallest subnet Azure allows is /29.
	// https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#how-small-and-how-large-can-virtual-networks-and-subnets-be
	maxSubnetPrefixBits = 29
)

// validate checks the arguments NewNetwork inspects at construction time. config/ validates user input earlier;
// this is the component's own guard, so a caller that skips config/ still gets a clear error before Azure does.
func validate(args *NetworkArgs) error {
	switch {
	case args.ResourceGroupName == nil:
		return errors.New("network: resourceGroupName is required")
	case args.Location == nil:
		return errors.New("network: location is required")
	case args.VirtualNetworkName == "":
		return errors.New("network: virtualNetworkName is required")
	}

	space, err := parseCIDR("addressSpace", args.AddressSpace)
	if err != nil {
		return err
	}

	type subnet struct {
		field  string
		value  string
		prefix netip.Prefix
		// platformName is the name of a subnet Azure sizes at minPlatformSubnetPrefixBits, or "".
		platformName string
	}
	subnets := []subnet{
		{field: "nodeSubnetPrefix", value: args.NodeSubnetPrefix},
		{field: "privateEndpointSubnetPrefix", value: args.PrivateEndpointSubnetPrefix},
		{field: "bastionSubnetPrefix", value: args.BastionSubnetPrefix, platformName: bastionSubnetName},
		{field: "buildAgentSubnetPrefix", value: args.BuildAgentSubnetPrefix},
	}
	if args.Firewall != nil {
		subnets = append(subnets, subnet{field: "firewallSubnetPrefix", value: args.FirewallSubnetPrefix, platformName: firewallSubnetName})
	}
	for i := range subnets {
		s := &subnets[i]
		if s.prefix, err = parseCIDR(s.field, s.value); err != nil {
			return err
		}
		if s.prefix.Bits() < space.Bits() || !space.Contains(s.prefix.Addr()) {
			return fmt.Errorf("network: %s %q is outside addressSpace %q", s.field, s.value, args.AddressSpace)
		}
		if s.prefix.Bits() > maxSubnetPrefixBits {
			return fmt.Errorf("network: %s %q is smaller than /%d, the smallest subnet Azure allows", s.field, s.value, maxSubnetPrefixBits)
		}
	}
	for i := range subnets {
		for j := i + 1; j < len(subnets); j++ {
			if subnets[i].prefix.Overlaps(subnets[j].prefix) {
				return fmt.Errorf("network: %s %q overlaps %s %q",
					subnets[i].field, subnets[i].value, subnets[j].field, subnets[j].value)
			}
		}
	}
	for _, s := range subnets {
		if s.platformName != "" && s.prefix.Bits() > minPlatformSubnetPrefixBits {
			return fmt.Errorf("network: %s %q is smaller than the /%d %s requires", s.field, s.value, minPlatformSubnetPrefixBits, s.platformName)
		}
	}

	if err := validateEgress(args, space); err != nil {
		return err
	}

	if nat := args.NatGateway; nat != nil {
		if len(nat.Zones) > 1 {
			return fmt.Errorf("network: natGateway.zones %q lists %d zones; a Standard NAT gateway is zonal and takes at most one",
				nat.Zones, len(nat.Zones))
		}
		for _, zone := range nat.Zones {
			if zone == "" {
				return errors.New("network: natGateway.zones must not contain an empty zone")
			}
		}
		// https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#tcp-idle-timeout
		if t := nat.IdleTimeoutMinutes; t != 0 && (t < 4 || t > 120) {
			return fmt.Errorf("network: natGateway.idleTimeoutMinutes %d is outside 4-120", t)
		}
		// https://learn.microsoft.com/azure/nat-gateway/nat-gateway-resource#public-ip-addresses
		if l := nat.PublicIPPrefixLength; l != 0 && (l < 28 || l > 31) {
			return fmt.Errorf("network: natGateway.publicIpPrefixLength %d is outside 28-31", l)
		}
	}
	return nil
}

// validateEgress checks that at most one egress is chosen, and the firewall or hub route it names.
func validateEgress(args *NetworkArgs, space netip.Prefix) error {
	chosen := 0
	for _, set := range []bool{args.NatGateway != nil, args.Firewall != nil, args.HubFirewallPrivateIP != ""} {
		if set {
			chosen++
		}
	}
	if chosen > 1 {
		return errors.New("network: natGateway, firewall and hubFirewallPrivateIp are alternative egress paths; set at most one")
	}
	if args.Firewall == nil && args.FirewallSubnetPrefix != "" {
		return fmt.Errorf("network: firewallSubnetPrefix %q is set without firewall", args.FirewallSubnetPrefix)
	}
	if ip := args.HubFirewallPrivateIP; ip != "" {
		addr, err := netip.ParseAddr(ip)
		switch {
		case err != nil || !addr.Is4():
			return fmt.Errorf("network: hubFirewallPrivateIp %q is not an IPv4 address", ip)
		case !addr.IsPrivate():
			return fmt.Errorf("network: hubFirewallPrivateIp %q is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)", ip)
		case space.Contains(addr):
			return fmt.Errorf("network: hubFirewallPrivateIp %q is inside addressSpace %q; the hub firewall is in a peered VNet", ip, space)
		}
	}
	fw := args.Firewall
	if fw == nil {
		return nil
	}
	if fw.Sku != FirewallSkuStandard && fw.Sku != FirewallSkuPremium {
		return fmt.Errorf("network: firewall.sku %q must be %s or %s", fw.Sku, FirewallSkuStandard, FirewallSkuPremium)
	}
	if args.LogAnalyticsWorkspaceID == nil {
		return errors.New("network: logAnalyticsWorkspaceId is required with firewall, for the firewall's logs")
	}
	for i, r := range fw.BuildAgentRules {
		switch {
		case r.Name == "" || len(r.FQDNs)+len(r.RegionalFQDNs) == 0:
			return fmt.Errorf("network: firewall.buildAgentRules[%d] needs a name and at least one FQDN", i)
		case r.Protocol != "Http" && r.Protocol != "Https":
			return fmt.Errorf("network: firewall.buildAgentRules[%d].protocol %q must be Http or Https", i, r.Protocol)
		case r.Port < 1 || r.Port > 65535:
			return fmt.Errorf("network: firewall.buildAgentRules[%d].port %d is outside 1-65535", i, r.Port)
		}
	}
	return nil
}

// parseCIDR parses an IPv4 prefix that Azure accepts: no host bits set.
func parseCIDR(field, value string) (netip.Prefix, error) {
	if value == "" {
		return netip.Prefix{}, fmt.Errorf("network: %s is required", field)
	}
	prefix, err := netip.ParsePrefix(value)
	if err != nil || !prefix.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("network: %s %q is not a valid IPv4 CIDR", field, value)
	}
	if masked := prefix.Masked(); masked != prefix {
		return netip.Prefix{}, fmt.Errorf("network: %s %q has host bits set; Azure requires %q", field, value, masked.String())
	}
	return prefix, nil
}
