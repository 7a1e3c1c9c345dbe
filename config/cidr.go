package config

import (
	"net/netip"
)

// parseCIDR parses an IPv4 CIDR and reports a missing, malformed or non-canonical one.
func parseCIDR(v *ValidationError, key, value string) (netip.Prefix, bool) {
	if value == "" {
		v.add(key, nil, "is required", "set an IPv4 CIDR such as 10.40.0.0/22")
		return netip.Prefix{}, false
	}
	p, err := netip.ParsePrefix(value)
	if err != nil || !p.Addr().Is4() {
		v.add(key, value, "is not an IPv4 CIDR", "write it as address/prefix-length, e.g. 10.40.0.0/22")
		return netip.Prefix{}, false
	}
	if p.Masked() != p {
		// Azure rejects prefixes with host bits set.
		v.add(key, value, "has host bits set", "use "+p.Masked().String())
		return netip.Prefix{}, false
	}
	return p, true
}

// contains reports whether inner lies wholly inside outer.
func contains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// addresses is the number of addresses in an IPv4 prefix.
func addresses(p netip.Prefix) int {
	return 1 << (32 - p.Bits())
}
