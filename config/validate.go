package config

import (
	"fmt"
	"maps"
	"math/bits"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/guid"
)

// Azure naming rules. See also [Azure resource naming rules].
//
// [Azure resource naming rules]: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
var (
	environmentNamePattern = regexp.MustCompile(`^[a-z][a-z0-9]{1,9}$`)
	locationPattern        = regexp.MustCompile(`^[a-z][a-z0-9]+$`)
	resourceGroupPattern   = regexp.MustCompile(`^[-\w._()]{1,90}$`)
	registryNamePattern    = regexp.MustCompile(`^[a-zA-Z0-9]{5,50}$`)
	// Key Vault: 3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no "--".
	vaultNamePattern      = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$`)
	vaultObjectPattern    = regexp.MustCompile(`^[a-zA-Z0-9-]{1,127}$`)
	vmSizePattern         = regexp.MustCompile(`^Standard_[A-Za-z0-9_]+$`)
	maxSurgePattern       = regexp.MustCompile(`^([1-9][0-9]*)(%?)$`)
	clockPattern          = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	utcOffsetPattern      = regexp.MustCompile(`^[+-](0[0-9]|1[0-4]):[0-5][0-9]$`)
	dnsLabelPattern       = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
	dnsSubdomainPattern   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$`)
	privateDNSZoneIDRegex = regexp.MustCompile(`^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\w._()]{1,90}/providers/Microsoft\.Network/privateDnsZones/([a-z0-9.-]+)$`)
	githubURLPattern      = regexp.MustCompile(`^https://github\.com/[A-Za-z0-9-]+(/[A-Za-z0-9._-]+)?$`)
	azureDevOpsURLPattern = regexp.MustCompile(`^https://dev\.azure\.com/[A-Za-z0-9-]+/?$`)
)

// aksReservedRanges may not hold the service CIDR. See also [AKS CNI overlay].
//
// [AKS CNI overlay]: https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning
var aksReservedRanges = []string{"169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24"}

var auditLogCategories = []string{"kube-apiserver", "kube-audit", "kube-audit-admin", "kube-controller-manager",
	"kube-scheduler", "cluster-autoscaler", "cloud-controller-manager", "guard", "csi-azuredisk-controller",
	"csi-azurefile-controller", "csi-snapshot-controller"}

// Validate checks the completed configuration and returns every problem at once as a *ValidationError.
func (c *Config) Validate() error {
	var v ValidationError
	c.validateEnvironment(&v)
	c.validateEntra(&v)
	vnet := c.validateNetwork(&v)
	c.validateCluster(&v, vnet)
	c.validateServices(&v)
	c.validateBuildAgent(&v)
	c.validateWorkloads(&v)
	return v.err()
}

func (c *Config) validateEnvironment(v *ValidationError) {
	env := c.Environment
	if !environmentNamePattern.MatchString(env.Name) {
		v.add("environment.name", env.Name, "must be 2–10 lowercase letters and digits, starting with a letter (it is part of every Azure name)",
			"set hardaks:environment.name, e.g. dev")
	}
	if env.Location == "" {
		v.add("environment.location", nil, "is required", "set hardaks:environment.location to an Azure region, e.g. westeurope")
	} else if !locationPattern.MatchString(env.Location) {
		v.add("environment.location", env.Location, "is not an Azure region name", "use the lowercase name `az account list-locations -o table` prints, e.g. westeurope")
	}
	if !resourceGroupPattern.MatchString(env.ResourceGroupName) || strings.HasSuffix(env.ResourceGroupName, ".") {
		v.add("environment.resourceGroupName", env.ResourceGroupName, "must be 1–90 letters, digits, '-', '_', '.', '(' or ')' and not end in '.'",
			"choose a valid name or remove the key for rg-hardaks-<name>")
	}
	c.validateZones(v, "environment.availabilityZones", env.AvailabilityZones)
	for _, k := range slices.Sorted(maps.Keys(env.Tags)) {
		if val := env.Tags[k]; len(k) > 512 || len(val) > 256 || strings.ContainsAny(k, "<>%&\\?/") {
			v.add("environment.tags."+k, val, "tag names are at most 512 characters without <>%&\\?/ and values at most 256", "shorten or rename the tag")
		}
	}
}

// orUnset prints an empty string as "(not set)".
func orUnset(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (c *Config) validateZones(v *ValidationError, key string, zones []string) {
	for _, z := range zones {
		if z != "1" && z != "2" && z != "3" {
			v.add(key, zones, "availability zones are \"1\", \"2\" and \"3\"", "list a subset of [\"1\",\"2\",\"3\"]")
			return
		}
	}
	if len(zones) > 0 && c.Environment.Location != "" && !validation.HasZones(c.Environment.Location) {
		v.add(key, zones, "region "+c.Environment.Location+" has no availability zones", "remove the zones or choose a region with zones")
	}
}

func (c *Config) validateEntra(v *ValidationError) {
	e := c.Entra
	if !guid.Valid(e.TenantID) {
		v.add("entra.tenantId", orUnset(e.TenantID), "must be the Entra tenant ID, a GUID", "set it to the output of `az account show --query tenantId -o tsv`")
	}
	if len(e.AdminGroupObjectIDs) == 0 {
		v.add("entra.adminGroupObjectIds", nil, "at least one admin group is required: local accounts are disabled, so nobody could administer the cluster",
			"list the object ID of an Entra group, e.g. from `az ad group show -g <name> --query id -o tsv`")
	}
	groups := []struct {
		key string
		ids []string
	}{
		{"entra.adminGroupObjectIds", e.AdminGroupObjectIDs},
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

func (c *Config) validateNetwork(v *ValidationError) vnetPlan {
	n := c.Network
	vnet, vnetOK := parseCIDR(v, "network.addressSpace", n.AddressSpace)
	subnets := []struct {
		key, value string
	}{
		{"network.subnets.nodes", n.Subnets.Nodes},
		{"network.subnets.privateEndpoints", n.Subnets.PrivateEndpoints},
		{"network.subnets.bastion", n.Subnets.Bastion},
		{"network.subnets.buildAgents", n.Subnets.BuildAgents},
	}
	if n.Egress == EgressFirewall || n.Subnets.Firewall != "" {
		subnets = append(subnets, struct{ key, value string }{"network.subnets.firewall", n.Subnets.Firewall})
	}
	parsed := map[string]netip.Prefix{}
	for _, s := range subnets {
		p, ok := parseCIDR(v, s.key, s.value)
		if !ok {
			continue
		}
		parsed[s.key] = p
		if vnetOK && !contains(vnet, p) {
			v.addf(s.key, s.value, "choose a prefix inside "+vnet.String(), "lies outside the VNet address space %s", vnet)
		}
	}
	for i, a := range subnets {
		for _, b := range subnets[i+1:] {
			pa, okA := parsed[a.key]
			pb, okB := parsed[b.key]
			if okA && okB && pa.Overlaps(pb) {
				v.addf(b.key, b.value, "give every subnet its own range", "overlaps %s (%s)", a.key, a.value)
			}
		}
	}
	// Azure Bastion and Azure Firewall need /26 for the instances they scale to.
	// https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
	// https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size
	for _, s := range []struct{ key, value, name string }{
		{"network.subnets.bastion", n.Subnets.Bastion, "AzureBastionSubnet"},
		{"network.subnets.firewall", n.Subnets.Firewall, "AzureFirewallSubnet"},
	} {
		if p, ok := parsed[s.key]; ok && p.Bits() > 26 {
			v.add(s.key, s.value, s.name+" must be /26 or larger", fmt.Sprintf("use a /26 such as %s/26", p.Addr()))
		}
	}
	c.validateEgress(v, vnet, vnetOK)
	if p, ok := parsed["network.subnets.nodes"]; ok {
		need := c.maxNodes() + azureReservedAddresses
		if have := addresses(p); have < need {
			v.addf("network.subnets.nodes", n.Subnets.Nodes, "use a larger prefix or lower the pools' maxCount",
				"holds %d addresses but the node pools need %d (maxCount plus upgrade surge of every pool, plus Azure's %d reserved addresses)",
				have, need, azureReservedAddresses)
		}
	}
	if p, ok := parsed["network.subnets.buildAgents"]; ok && c.BuildAgent.Enabled {
		need := c.BuildAgent.Count + azureReservedAddresses
		if have := addresses(p); have < need {
			v.addf("network.subnets.buildAgents", n.Subnets.BuildAgents, "use a larger prefix or fewer agents",
				"holds %d addresses but %d agents need %d (Azure reserves %d per subnet)", have, c.BuildAgent.Count, need, azureReservedAddresses)
		}
	}
	nat := n.NatGateway
	if nat.Enabled {
		if nat.IdleTimeoutMinutes < 4 || nat.IdleTimeoutMinutes > 120 {
			v.add("network.natGateway.idleTimeoutMinutes", nat.IdleTimeoutMinutes, "must be 4–120 minutes", "set a value between 4 and 120")
		}
		if nat.PublicIPPrefixLength < 28 || nat.PublicIPPrefixLength > 31 {
			v.add("network.natGateway.publicIpPrefixLength", nat.PublicIPPrefixLength, "a NAT gateway takes a /28 to /31 public IP prefix", "set 28, 29, 30 or 31")
		}
	}
	zones := n.PrivateDNSZones
	c.validateZoneID(v, "network.privateDnsZones.registryZoneId", zones.RegistryZoneID, "privatelink.azurecr.io")
	c.validateZoneID(v, "network.privateDnsZones.keyVaultZoneId", zones.KeyVaultZoneID, "privatelink.vaultcore.azure.net")
	c.validateZoneID(v, "network.privateDnsZones.clusterZoneId", zones.ClusterZoneID, "privatelink."+c.Environment.Location+".azmk8s.io")
	return vnetPlan{vnet: vnet, ok: vnetOK}
}

// validateEgress checks network.egress and that only the keys of the chosen egress are set.
func (c *Config) validateEgress(v *ValidationError, vnet netip.Prefix, vnetOK bool) {
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
	} else if sku := n.Firewall.Sku; sku != network.FirewallSkuStandard && sku != network.FirewallSkuPremium {
		v.add("network.firewall.sku", sku, "must be Standard or Premium (Premium adds IDPS; Basic has neither IDPS nor the throughput for a cluster)",
			"use Standard (default)")
	}
	ip := n.HubFirewall.PrivateIP
	if n.Egress != EgressHubFirewall {
		if ip != "" {
			onlyWith("network.hubFirewall.privateIp", ip, EgressHubFirewall)
		}
		return
	}
	addr, err := netip.ParseAddr(ip)
	switch {
	case ip == "":
		v.add("network.hubFirewall.privateIp", nil, "is required with network.egress hubFirewall", "set the private IP of the hub firewall, e.g. 10.0.1.4")
	case err != nil || !addr.Is4():
		v.add("network.hubFirewall.privateIp", ip, "is not an IPv4 address", "write the hub firewall's private IP, e.g. 10.0.1.4")
	case !addr.IsPrivate():
		v.add("network.hubFirewall.privateIp", ip, "is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)",
			"use the hub firewall's private IP, not its public one")
	case vnetOK && vnet.Contains(addr):
		v.addf("network.hubFirewall.privateIp", ip, "use the firewall's address in the peered hub VNet", "lies inside this environment's VNet %s", vnet)
	}
}

// azureReservedAddresses are the five addresses Azure keeps in every subnet. See also [VNet FAQ].
//
// [VNet FAQ]: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
const azureReservedAddresses = 5

// maxNameGeneration bounds keyVault.nameGeneration: each step strands one soft-deleted vault for 90 days.
const maxNameGeneration = 99

// maxNodes is the largest number of nodes the pools can have at once, counting upgrade surge nodes.
func (c *Config) maxNodes() int {
	total := 0
	for _, p := range append([]NodePool{c.Cluster.SystemPool}, c.Cluster.UserPools...) {
		total += p.MaxCount + surgeNodes(p)
	}
	return total
}

// validSurge accepts a node count (1–1000) or a percentage (1%–100%).
func validSurge(surge string) bool {
	m := maxSurgePattern.FindStringSubmatch(surge)
	if m == nil || len(m[1]) > 4 {
		return false
	}
	n, _ := strconv.Atoi(m[1])
	if m[2] == "%" {
		return n <= 100
	}
	return n <= 1000
}

func surgeNodes(p NodePool) int {
	if !validSurge(p.MaxSurge) {
		return 0
	}
	m := maxSurgePattern.FindStringSubmatch(p.MaxSurge)
	n, _ := strconv.Atoi(m[1])
	if m[2] == "%" {
		return (p.MaxCount*n + 99) / 100
	}
	return n
}

// validateZoneID checks an existing private DNS zone ID and that it names the zone the service needs.
func (c *Config) validateZoneID(v *ValidationError, key, id, zone string) {
	if id == "" {
		return
	}
	m := privateDNSZoneIDRegex.FindStringSubmatch(id)
	if m == nil {
		v.add(key, id, "is not a private DNS zone resource ID",
			"use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/"+zone)
		return
	}
	if !strings.EqualFold(m[1], zone) && !strings.HasSuffix(strings.ToLower(m[1]), "."+zone) {
		v.addf(key, id, "point it at the "+zone+" zone", "names zone %s, but this service resolves through %s", m[1], zone)
	}
}

func (c *Config) validateCluster(v *ValidationError, plan vnetPlan) {
	cl := c.Cluster
	if cl.KubernetesVersion != "" && !cluster.ValidKubernetesVersion(cl.KubernetesVersion) {
		v.add("cluster.kubernetesVersion", cl.KubernetesVersion, "must be MAJOR.MINOR or MAJOR.MINOR.PATCH",
			"use a version from `az aks get-versions -l "+c.Environment.Location+" -o table`, e.g. 1.33, or remove the key for the AKS default")
	}
	c.validateVersionPinning(v)
	switch cl.SkuTier {
	case "Standard":
	case "Free":
		if c.Environment.Production {
			v.add("cluster.skuTier", cl.SkuTier, "the Free tier has no uptime SLA and is not for production",
				"use Standard, or set environment.production to false")
		}
	default:
		v.add("cluster.skuTier", cl.SkuTier, "must be Standard or Free", "use Standard (Free for dev only)")
	}
	c.validatePrivateDNSZoneMode(v)
	c.validateClusterCIDRs(v, plan)
	switch {
	case cl.NetworkDataplane == "cilium" && cl.NetworkPolicy != "cilium":
		// https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium#limitations
		v.add("cluster.networkPolicy", cl.NetworkPolicy, "the Cilium dataplane enforces network policy itself and accepts only networkPolicy cilium",
			"remove networkPolicy, or set networkDataplane: azure to choose azure or calico")
	case cl.NetworkDataplane == "azure" && cl.NetworkPolicy != "azure" && cl.NetworkPolicy != "calico":
		v.add("cluster.networkPolicy", cl.NetworkPolicy, "with the azure dataplane the network policy engine must be azure or calico (none leaves pods unrestricted)",
			"set networkPolicy to azure or calico")
	case cl.NetworkDataplane != "cilium" && cl.NetworkDataplane != "azure":
		v.add("cluster.networkDataplane", cl.NetworkDataplane, "must be cilium or azure", "use cilium (default)")
	}
	routed := c.Network.RoutesThroughFirewall()
	switch cl.OutboundType {
	case "loadBalancer":
		if routed {
			v.add("cluster.outboundType", cl.OutboundType, "egress "+c.Network.Egress+" routes the node subnet through the firewall",
				"remove the key: it derives userDefinedRouting")
		}
	case "userAssignedNATGateway":
		if !c.Network.NatGateway.Enabled {
			v.add("cluster.outboundType", cl.OutboundType, "needs the NAT gateway", "set network.natGateway.enabled to true, or use loadBalancer")
		}
	case "userDefinedRouting":
		if !routed {
			v.add("cluster.outboundType", cl.OutboundType, "needs the route through a firewall of network.egress firewall or hubFirewall",
				"remove the key to derive it from network.egress")
		}
	default:
		v.add("cluster.outboundType", cl.OutboundType, "must be loadBalancer, userAssignedNATGateway or userDefinedRouting",
			"remove the key to derive it from network.egress and network.natGateway.enabled")
	}
	switch {
	case cl.UpgradeChannel == "node-image":
		// node-image upgrades node images only, so Kubernetes would fall out of support; the pack's
		// deny_aks_upgrade_channel (Azure Policy 5c345cdf-2049-47e0-b8fe-b0e96bc2df35) denies it.
		v.add("cluster.upgradeChannel", cl.UpgradeChannel, "never upgrades Kubernetes itself, so the cluster would fall out of support",
			"use patch (default); nodeOsUpgradeChannel NodeImage keeps node images current")
	case !slices.Contains([]string{"patch", "stable", "rapid"}, cl.UpgradeChannel):
		v.add("cluster.upgradeChannel", cl.UpgradeChannel, "must be patch, stable or rapid (none would leave the cluster unpatched)",
			"use patch (default)")
	}
	if cl.NodeOSUpgradeChannel != "NodeImage" && cl.NodeOSUpgradeChannel != "SecurityPatch" {
		v.add("cluster.nodeOsUpgradeChannel", cl.NodeOSUpgradeChannel, "must be NodeImage or SecurityPatch (None and Unmanaged leave nodes unpatched)",
			"use NodeImage (default) or SecurityPatch")
	}
	c.validateMaintenanceWindow(v)
	if !slices.Contains([]string{"", "baseline", "restricted", "audit"}, cl.PodSecurity) {
		v.add("cluster.podSecurity", cl.PodSecurity, "must be baseline, restricted or audit", "use baseline (default); audit reports violations without denying them")
	}
	if d, err := time.ParseDuration(cl.SecretRotationInterval); err != nil || d <= 0 {
		v.add("cluster.secretRotationInterval", cl.SecretRotationInterval, "must be a positive duration", "use a value such as 2m")
	}
	if len(cl.AuditLogCategories) == 0 {
		v.add("cluster.auditLogCategories", nil, "at least kube-audit-admin (or kube-audit) must be collected", "remove the key for the defaults")
	} else if !slices.Contains(cl.AuditLogCategories, "kube-audit-admin") && !slices.Contains(cl.AuditLogCategories, "kube-audit") {
		v.add("cluster.auditLogCategories", cl.AuditLogCategories, "collects no Kubernetes audit log", "add kube-audit-admin")
	}
	for i, category := range cl.AuditLogCategories {
		if !slices.Contains(auditLogCategories, category) {
			v.add(fmt.Sprintf("cluster.auditLogCategories[%d]", i), category, "is not an AKS log category", "use one of "+strings.Join(auditLogCategories, ", "))
		}
	}
	c.validatePool(v, "cluster.systemPool", cl.SystemPool)
	names := map[string]bool{cl.SystemPool.Name: true}
	for i, p := range cl.UserPools {
		key := fmt.Sprintf("cluster.userPools[%d]", i)
		if names[p.Name] {
			v.add(key+".name", p.Name, "node pool names must be unique", "rename the pool")
		}
		names[p.Name] = true
		c.validatePool(v, key, p)
	}
}

// validateVersionPinning rejects a kubernetesVersion that auto-upgrade would move past: the next update would then
// ask AKS for an older version, which it refuses as a downgrade. See also [AKS auto-upgrade channels].
//
// [AKS auto-upgrade channels]: https://learn.microsoft.com/azure/aks/auto-upgrade-cluster#cluster-auto-upgrade-channels
func (c *Config) validateVersionPinning(v *ValidationError) {
	cl := c.Cluster
	if cl.KubernetesVersion == "" || !cluster.ValidKubernetesVersion(cl.KubernetesVersion) {
		return
	}
	switch {
	case cl.UpgradeChannel == "stable" || cl.UpgradeChannel == "rapid":
		v.add("cluster.kubernetesVersion", cl.KubernetesVersion, "the "+cl.UpgradeChannel+" channel upgrades minor versions, so a pinned version would soon be a downgrade",
			"remove kubernetesVersion, or use upgradeChannel patch")
	case cl.UpgradeChannel == "patch" && strings.Count(cl.KubernetesVersion, ".") == 2:
		v.add("cluster.kubernetesVersion", cl.KubernetesVersion, "the patch channel moves to newer patches, so a pinned patch would soon be a downgrade",
			"give MAJOR.MINOR only, e.g. "+cl.KubernetesVersion[:strings.LastIndexByte(cl.KubernetesVersion, '.')])
	}
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

func (c *Config) validateClusterCIDRs(v *ValidationError, plan vnetPlan) {
	cl := c.Cluster
	service, serviceOK := parseCIDR(v, "cluster.serviceCidr", cl.ServiceCIDR)
	pod, podOK := parseCIDR(v, "cluster.podCidr", cl.PodCIDR)
	if plan.ok && serviceOK && service.Overlaps(plan.vnet) {
		v.addf("cluster.serviceCidr", cl.ServiceCIDR, "choose a range outside the VNet, e.g. "+DefaultServiceCIDR, "overlaps the VNet address space %s", plan.vnet)
	}
	if plan.ok && podOK && pod.Overlaps(plan.vnet) {
		v.addf("cluster.podCidr", cl.PodCIDR, "choose a range outside the VNet, e.g. "+DefaultPodCIDR, "overlaps the VNet address space %s", plan.vnet)
	}
	if serviceOK && podOK && service.Overlaps(pod) {
		v.add("cluster.podCidr", cl.PodCIDR, "overlaps cluster.serviceCidr "+cl.ServiceCIDR, "give pods and services separate ranges")
	}
	if podOK {
		// Overlay gives every node a /24 of the pod CIDR. https://learn.microsoft.com/azure/aks/azure-cni-overlay#pods
		have := 0
		if pod.Bits() <= 24 {
			have = 1 << (24 - pod.Bits())
		}
		if nodes := c.maxNodes(); have < nodes {
			need := 24 - bits.Len(uint(nodes-1))
			v.addf("cluster.podCidr", cl.PodCIDR, fmt.Sprintf("use a /%d or larger range", max(need, 0)),
				"holds %d node ranges (a /24 per node with Azure CNI overlay) but the pools can reach %d nodes", have, nodes)
		}
	}
	if serviceOK {
		if service.Bits() < 12 {
			// https://learn.microsoft.com/azure/aks/configure-azure-cni#plan-ip-addressing-for-your-cluster
			v.add("cluster.serviceCidr", cl.ServiceCIDR, "the service CIDR must be /12 or smaller", "use a /16 such as "+DefaultServiceCIDR)
		}
		for _, reserved := range aksReservedRanges {
			if service.Overlaps(netip.MustParsePrefix(reserved)) {
				v.addf("cluster.serviceCidr", cl.ServiceCIDR, "choose another range, e.g. "+DefaultServiceCIDR, "overlaps %s, which AKS reserves", reserved)
			}
		}
	}
	dns, err := netip.ParseAddr(cl.DNSServiceIP)
	switch {
	case err != nil || !dns.Is4():
		v.add("cluster.dnsServiceIp", cl.DNSServiceIP, "is not an IPv4 address", "use the tenth address of the service CIDR, e.g. "+DefaultDNSServiceIP)
	case serviceOK && !service.Contains(dns):
		v.add("cluster.dnsServiceIp", cl.DNSServiceIP, "lies outside cluster.serviceCidr "+cl.ServiceCIDR, "use an address inside the service CIDR, e.g. its .10")
	case serviceOK && (dns == service.Addr() || dns == service.Addr().Next()):
		// The first address is the network; the next is the kubernetes service (kubernetes.default.svc).
		v.add("cluster.dnsServiceIp", cl.DNSServiceIP, "the service CIDR's network address and first address are taken (kubernetes.default uses the first)",
			"use the service CIDR's .10")
	}
}

func (c *Config) validateMaintenanceWindow(v *ValidationError) {
	w := c.Cluster.MaintenanceWindow
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	if !slices.Contains(days, w.DayOfWeek) {
		v.add("cluster.maintenanceWindow.dayOfWeek", w.DayOfWeek, "is not a day of the week", "use one of "+strings.Join(days, ", "))
	}
	if !clockPattern.MatchString(w.StartTime) {
		v.add("cluster.maintenanceWindow.startTime", w.StartTime, "must be HH:MM (24-hour)", "use e.g. 02:00")
	}
	if w.DurationHours < 4 || w.DurationHours > 24 {
		// https://learn.microsoft.com/azure/aks/planned-maintenance#schedule-configuration-types-for-planned-maintenance
		v.add("cluster.maintenanceWindow.durationHours", w.DurationHours, "AKS requires a window of 4 to 24 hours", "set durationHours between 4 and 24")
	}
	if !utcOffsetPattern.MatchString(w.UTCOffset) {
		v.add("cluster.maintenanceWindow.utcOffset", w.UTCOffset, "must be ±HH:MM", "use e.g. +00:00 or +01:00")
	}
	if w.IntervalWeeks < 1 || w.IntervalWeeks > 4 {
		v.add("cluster.maintenanceWindow.intervalWeeks", w.IntervalWeeks, "must be 1–4 weeks", "use 1 (weekly)")
	}
}

func (c *Config) validatePool(v *ValidationError, key string, p NodePool) {
	if !cluster.ValidPoolName(p.Name) {
		v.add(key+".name", p.Name, "Linux node pool names are 1–12 lowercase letters and digits, starting with a letter", "rename the pool")
	}
	if !vmSizePattern.MatchString(p.VMSize) {
		v.add(key+".vmSize", p.VMSize, "is not an Azure VM size", "use a size such as "+DefaultNodeVMSize)
	}
	switch {
	case p.MinCount < 1:
		v.add(key+".minCount", p.MinCount, "the autoscaler needs at least one node", "set 1 <= minCount <= maxCount <= 1000")
	case p.MaxCount < p.MinCount || p.MaxCount > 1000:
		v.addf(key+".maxCount", p.MaxCount, "set 1 <= minCount <= maxCount <= 1000", "with minCount %d is not a valid autoscaler range", p.MinCount)
	}
	if p.OSDiskSizeGB < 30 || p.OSDiskSizeGB > 2048 {
		v.add(key+".osDiskSizeGb", p.OSDiskSizeGB, "must be 30–2048 GB", "use 128 (default)")
	}
	switch p.OSDiskType {
	case "Managed":
	case "Ephemeral":
		switch limit, known := cluster.EphemeralOSDiskMaxGB(p.VMSize); {
		case known && limit == 0:
			v.addf(key+".osDiskType", p.OSDiskType, "use osDiskType auto or Managed, or a size with a temp disk (the \"d\" sizes)",
				"%s has neither cache nor temp disk to hold an ephemeral OS disk", p.VMSize)
		case known && p.OSDiskSizeGB > limit:
			v.addf(key+".osDiskType", p.OSDiskType, "use osDiskType auto or Managed, a smaller osDiskSizeGb, or a size with a larger cache or temp disk",
				"%s can hold at most a %d GB ephemeral OS disk, not %d GB", p.VMSize, limit, p.OSDiskSizeGB)
		}
	case "auto":
		v.add(key+".osDiskType", p.OSDiskType, "was not resolved to Ephemeral or Managed", "call Complete before Validate, or set Ephemeral or Managed")
	default:
		v.add(key+".osDiskType", p.OSDiskType, "must be auto, Ephemeral or Managed", "use auto (default)")
	}
	if !validSurge(p.MaxSurge) {
		v.add(key+".maxSurge", p.MaxSurge, "must be a node count or a percentage from 1% to 100%", "use e.g. 33%")
	}
	if p.MaxPods < 10 || p.MaxPods > 250 {
		v.add(key+".maxPods", p.MaxPods, "Azure CNI overlay allows 10–250 pods per node", "use 110 (default)")
	}
	for j, taint := range p.Taints {
		if !cluster.ValidTaint(taint) {
			v.add(fmt.Sprintf("%s.taints[%d]", key, j), taint, "is not a Kubernetes taint", "write key=value:NoSchedule (or PreferNoSchedule, NoExecute)")
		}
	}
	c.validateZones(v, key+".zones", p.Zones)
	if c.Cluster.RequireZones && len(p.Zones) == 0 && validation.HasZones(c.Environment.Location) {
		v.add(key+".zones", p.Zones, "region "+c.Environment.Location+" has availability zones and cluster.requireZones is true",
			"list zones such as [\"1\",\"2\",\"3\"], or set cluster.requireZones to false")
	}
}

func (c *Config) validateServices(v *ValidationError) {
	if !registryNamePattern.MatchString(c.Names.Registry) {
		v.add("registry.name", c.Names.Registry, "registry names are 5–50 letters and digits, globally unique", "choose another name or remove the key for the derived one")
	}
	if c.Registry.ZoneRedundancy && c.Environment.Location != "" && !validation.HasZones(c.Environment.Location) {
		v.add("registry.zoneRedundancy", true, "region "+c.Environment.Location+" has no availability zones", "set registry.zoneRedundancy to false")
	}
	if r := c.Registry.UntaggedRetentionDays; r < 0 || r > 365 {
		v.add("registry.untaggedRetentionDays", r, "must be 0–365 days", "use 7 (default)")
	}
	if !vaultNamePattern.MatchString(c.Names.KeyVault) || strings.Contains(c.Names.KeyVault, "--") {
		v.add("keyVault.name", c.Names.KeyVault, "vault names are 3–24 letters, digits and hyphens, start with a letter, end with a letter or digit, no \"--\"",
			"choose another name or remove the key for the derived one")
	}
	if g := c.KeyVault.NameGeneration; g < 0 || g > maxNameGeneration {
		v.add("keyVault.nameGeneration", g, fmt.Sprintf("must be 0–%d", maxNameGeneration), "raise it by one each time a destroyed stack is re-created")
	}
	if c.KeyVault.Sku != "standard" && c.KeyVault.Sku != "premium" {
		v.add("keyVault.sku", c.KeyVault.Sku, "must be standard or premium", "use standard (default) or premium for HSM-backed keys")
	}
	for _, s := range c.VaultSecrets {
		if !vaultObjectPattern.MatchString(s.Name) {
			v.add("vaultSecrets."+s.Name, redacted, "Key Vault secret names are 1–127 letters, digits and hyphens", "rename the secret")
		}
		if s.value == "" {
			v.add("vaultSecrets."+s.Name, redacted, "is empty", "set a value with `pulumi config set --secret --path`")
		}
	}
	if r := c.Monitoring.RetentionInDays; r < 30 || r > 730 {
		v.add("monitoring.retentionInDays", r, "Log Analytics keeps data 30–730 days", "use 90 (default)")
	}
	if c.Bastion.Sku != "Standard" && c.Bastion.Sku != "Premium" {
		// https://learn.microsoft.com/azure/bastion/native-client#prerequisites
		v.add("bastion.sku", c.Bastion.Sku, "native-client tunneling (az network bastion ssh, az aks bastion) needs Standard or Premium", "use Standard (default)")
	}
	if s := c.Bastion.ScaleUnits; s < 2 || s > 50 {
		v.add("bastion.scaleUnits", s, "Standard and Premium Bastion take 2–50 scale units", "use 2 (default)")
	}
}
