package config

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/guid"
)

// Azure naming rules. See also [Azure resource naming rules].
//
// [Azure resource naming rules]: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
var (
	environmentNamePattern = regexp.MustCompile(fmt.Sprintf(`^[a-z][a-z0-9]{1,%d}$`, maxEnvironmentNameLength-1))
)

// maxEnvironmentNameLength keeps the derived names within Azure's shortest limits: the name is part of every one.
const maxEnvironmentNameLength = 10

// Validate checks the completed configuration and returns every problem at once as a *ValidationError.
func (c *Config) Validate() error {
	var v ValidationError
	c.validateEnvironment(&v)
	c.validateEntra(&v)
	clusterArgs := c.ClusterArgs()
	vnet := c.validateNetwork(&v, clusterArgs)
	c.validateCluster(&v, clusterArgs, vnet)
	c.validateServices(&v)
	c.validateBuildAgent(&v)
	c.validateWorkloads(&v)
	// Components report in their own order; users read the problems in the order the keys are documented.
	slices.SortStableFunc(v.Errors, func(a, b FieldError) int { return cmp.Compare(section(a.Key), section(b.Key)) })
	return v.err()
}

func (c *Config) validateEnvironment(v *ValidationError) {
	env := c.Environment
	if !environmentNamePattern.MatchString(env.Name) {
		v.add("environment.name", env.Name, "must be 2–10 lowercase letters and digits, starting with a letter (it is part of every Azure name)",
			"set hardaks:environment.name, e.g. dev")
	}
	p := validation.For("environment")
	p.Region("location", env.Location)
	p.Zones("availabilityZones", env.AvailabilityZones, env.Location)
	v.include(argumentKeys{"location": "environment.location", "availabilityZones": "environment.availabilityZones"}, p.Err())
	if !validation.ValidResourceGroupName(env.ResourceGroupName) {
		v.add("environment.resourceGroupName", env.ResourceGroupName, "must be 1–90 letters, digits, '-', '_', '.', '(' or ')' and not end in '.'",
			"choose a valid name or remove the key for rg-hardaks-<name>")
	}
	for _, k := range slices.Sorted(maps.Keys(env.Tags)) {
		if val := env.Tags[k]; len(k) > 512 || len(val) > 256 || strings.ContainsAny(k, "<>%&\\?/") {
			v.add("environment.tags."+k, val, "tag names are at most 512 characters without <>%&\\?/ and values at most 256", "shorten or rename the tag")
		}
	}
}

func (c *Config) validateEntra(v *ValidationError) {
	e := c.Entra
	groups := []struct {
		key string
		ids []string
	}{
		{"entra.readerGroupObjectIds", e.ReaderGroupObjectIDs},
		{"entra.writerGroupObjectIds", e.WriterGroupObjectIDs},
	}
	for _, g := range groups {
		for i, id := range g.ids {
			if !guid.Valid(id) {
				v.add(fmt.Sprintf("%s[%d]", g.key, i), id, "is not a group object ID (a GUID)", "use `az ad group show -g <name> --query id -o tsv`")
			}
		}
	}
	validateNamespaces(v, "entra.writerNamespaces", e.WriterNamespaces)
}

// vnetPlan is the parsed address plan, for the checks that span network and cluster.
type vnetPlan struct {
	vnet netip.Prefix
	ok   bool
}

// validateNetwork has the network component check its arguments, and checks what spans the network and other keys:
// the subnets' room for the pools and agents, the existing private DNS zones, and the keys of the chosen egress.
func (c *Config) validateNetwork(v *ValidationError, clusterArgs *cluster.ClusterArgs) vnetPlan {
	n := c.Network
	v.include(networkKeys, c.NetworkArgs().Validate())
	vnet, vnetOK := validation.ParseIPv4Prefix(n.AddressSpace)
	if p, ok := validation.ParseIPv4Prefix(n.Subnets.Nodes); ok {
		need := clusterArgs.MaxNodes() + azureReservedAddresses
		if have := validation.Addresses(p); have < need {
			v.addf("network.subnets.nodes", n.Subnets.Nodes, "use a larger prefix or lower the pools' maxCount",
				"holds %d addresses but the node pools need %d (maxCount plus upgrade surge of every pool, plus Azure's %d reserved addresses)",
				have, need, azureReservedAddresses)
		}
	}
	if p, ok := validation.ParseIPv4Prefix(n.Subnets.BuildAgents); ok && c.BuildAgent.Enabled {
		need := c.BuildAgent.Count + azureReservedAddresses
		if have := validation.Addresses(p); have < need {
			v.addf("network.subnets.buildAgents", n.Subnets.BuildAgents, "use a larger prefix or fewer agents",
				"holds %d addresses but %d agents need %d (Azure reserves %d per subnet)", have, c.BuildAgent.Count, need, azureReservedAddresses)
		}
	}
	c.validateEgress(v)
	v.include(zonesKeys, c.ZonesArgs().Validate())
	return vnetPlan{vnet: vnet, ok: vnetOK}
}

// validateEgress checks network.egress and that only the keys of the chosen egress are set.
func (c *Config) validateEgress(v *ValidationError) {
	n := c.Network
	modes := []string{EgressNatGateway, EgressFirewall, EgressHubFirewall}
	if !slices.Contains(modes, n.Egress) {
		v.add("network.egress", n.Egress, "must be one of "+strings.Join(modes, ", "), "use natGateway (default), or firewall for a locked-down egress")
		return
	}
	onlyWith := func(key string, value any, mode string) {
		v.add(key, value, "applies only to network.egress "+mode+", but egress is "+n.Egress, "remove it, or set network.egress to "+mode)
	}
	if n.Egress != EgressNatGateway && n.NatGateway.Enabled {
		onlyWith("network.natGateway.enabled", true, EgressNatGateway)
	}
	if n.Egress != EgressFirewall {
		if n.Subnets.Firewall != "" {
			onlyWith("network.subnets.firewall", n.Subnets.Firewall, EgressFirewall)
		}
		if n.Firewall.Sku != "" {
			onlyWith("network.firewall.sku", n.Firewall.Sku, EgressFirewall)
		}
	}
	switch ip := n.HubFirewall.PrivateIP; {
	case n.Egress != EgressHubFirewall && ip != "":
		onlyWith("network.hubFirewall.privateIp", ip, EgressHubFirewall)
	case n.Egress == EgressHubFirewall && ip == "":
		v.add("network.hubFirewall.privateIp", nil, "is required with network.egress hubFirewall", "set the private IP of the hub firewall, e.g. 10.0.1.4")
	}
}

// azureReservedAddresses are the five addresses Azure keeps in every subnet. See also [VNet FAQ].
//
// [VNet FAQ]: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
const azureReservedAddresses = 5

// maxNameGeneration bounds keyVault.nameGeneration: each step strands one soft-deleted vault for 90 days.
const maxNameGeneration = 99

func (c *Config) validateCluster(v *ValidationError, args *cluster.ClusterArgs, plan vnetPlan) {
	cl := c.Cluster
	v.include(clusterKeys, args.Validate())
	if cl.SkuTier == "Free" && c.Environment.Production {
		v.add("cluster.skuTier", cl.SkuTier, "the Free tier has no uptime SLA and is not for production",
			"use Standard, or set environment.production to false")
	}
	c.validatePrivateDNSZoneMode(v)
	if service, ok := validation.ParseIPv4Prefix(cl.ServiceCIDR); ok && plan.ok && service.Overlaps(plan.vnet) {
		v.addf("cluster.serviceCidr", cl.ServiceCIDR, "choose a range outside the VNet, e.g. "+cluster.DefaultServiceCIDR, "overlaps the VNet address space %s", plan.vnet)
	}
	if pod, ok := validation.ParseIPv4Prefix(cl.PodCIDR); ok && plan.ok && pod.Overlaps(plan.vnet) {
		v.addf("cluster.podCidr", cl.PodCIDR, "choose a range outside the VNet, e.g. "+cluster.DefaultPodCIDR, "overlaps the VNet address space %s", plan.vnet)
	}
	routed := c.Network.RoutesThroughFirewall()
	switch cl.OutboundType {
	case cluster.OutboundLoadBalancer:
		if routed {
			v.add("cluster.outboundType", cl.OutboundType, "egress "+c.Network.Egress+" routes the node subnet through the firewall",
				"remove the key: it derives userDefinedRouting")
		}
	case cluster.OutboundNATGateway:
		if !c.Network.NatGateway.Enabled {
			v.add("cluster.outboundType", cl.OutboundType, "needs the NAT gateway", "set network.natGateway.enabled to true, or use loadBalancer")
		}
	case cluster.OutboundUserDefinedRouting:
		if !routed {
			v.add("cluster.outboundType", cl.OutboundType, "needs the route through a firewall of network.egress firewall or hubFirewall",
				"remove the key to derive it from network.egress")
		}
	}
	pools := append([]NodePool{cl.SystemPool}, cl.UserPools...)
	for i, p := range pools {
		key := "cluster.systemPool"
		if i > 0 {
			key = fmt.Sprintf("cluster.userPools[%d]", i-1)
		}
		if cl.RequireZones && len(p.Zones) == 0 && validation.HasZones(c.Environment.Location) {
			v.add(key+".zones", p.Zones, "region "+c.Environment.Location+" has availability zones and cluster.requireZones is true",
				"list zones such as [\"1\",\"2\",\"3\"], or set cluster.requireZones to false")
		}
	}
}

func (c *Config) validateServices(v *ValidationError) {
	v.include(registryKeys, c.RegistryArgs().Validate())
	v.include(c.vaultKeys(), c.VaultArgs().Validate())
	if g := c.KeyVault.NameGeneration; g < 0 || g > maxNameGeneration {
		v.add("keyVault.nameGeneration", g, fmt.Sprintf("must be 0–%d", maxNameGeneration), "raise it by one each time a destroyed stack is re-created")
	}
	for _, s := range c.VaultSecrets {
		if s.value == "" {
			v.add(KeyVaultSecrets+"."+s.Name, redacted, "is empty", "set a value with `pulumi config set --secret --path`")
		}
	}
	v.include(monitoringKeys, c.MonitoringArgs().Validate())
	v.include(bastionKeys, c.BastionArgs().Validate())
}

func (c *Config) validatePrivateDNSZoneMode(v *ValidationError) {
	id := c.Network.PrivateDNSZones.ClusterZoneID
	switch c.Cluster.PrivateDNSZone {
	case PrivateDNSZoneSystem, PrivateDNSZoneCreate:
		if id != "" {
			v.add("network.privateDnsZones.clusterZoneId", id, "is set but cluster.privateDnsZone is "+c.Cluster.PrivateDNSZone,
				"set cluster.privateDnsZone to custom to use this zone, or remove the ID")
		}
	case PrivateDNSZoneCustom:
		if id == "" {
			v.add("cluster.privateDnsZone", PrivateDNSZoneCustom, "a custom private DNS zone needs the zone's resource ID",
				"set network.privateDnsZones.clusterZoneId, or use create to have hardaks create privatelink."+c.Environment.Location+".azmk8s.io")
		}
	case "none":
		v.add("cluster.privateDnsZone", "none", "none publishes the private API server address in public DNS",
			"use system (default), create or custom")
	default:
		v.add("cluster.privateDnsZone", c.Cluster.PrivateDNSZone, "must be system, create or custom", "use system (default)")
	}
}

// section is the documentation position of key's top-level key.
func section(key string) int {
	top, _, _ := strings.Cut(key, ".")
	top, _, _ = strings.Cut(top, "[")
	if i := slices.Index(objectKeys, top); i >= 0 {
		return i
	}
	return len(objectKeys)
}
