package cluster

import (
	"cmp"
	"fmt"
	"math/bits"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
)

var (
	// clusterNamePattern: 1-63 alphanumerics, underscores and hyphens, alphanumeric at both ends.
	// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerservice
	clusterNamePattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$`)
	// kubernetesVersionPattern accepts <major>.<minor> and <major>.<minor>.<patch>, with no leading zero major.
	kubernetesVersionPattern = regexp.MustCompile(`^[1-9][0-9]*\.[0-9]+(\.[0-9]+)?$`)
	// poolNamePattern: Linux pool names are 1-12 lowercase alphanumerics starting with a letter.
	// https://learn.microsoft.com/azure/aks/create-node-pools#limitations
	poolNamePattern = regexp.MustCompile(`^[a-z][a-z0-9]{0,11}$`)
	// maxSurgePattern is a node count ("1") or a percentage ("33%").
	maxSurgePattern = regexp.MustCompile(`^([1-9][0-9]{0,3})(%?)$`)
	// taintPattern is key=value:Effect: a key of at most 253 characters (an optional DNS prefix and a name), and a
	// value of at most 63, each alphanumeric at both ends, as Kubernetes validates them.
	// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
	taintPattern = regexp.MustCompile(`^[A-Za-z0-9]([-A-Za-z0-9_./]{0,251}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?:(NoSchedule|PreferNoSchedule|NoExecute)$`)
	// Every pool uses Trusted Launch, which needs a Generation 2 VM size and is not available on Arm64 sizes
	// (https://learn.microsoft.com/azure/aks/use-trusted-launch#limitations). generation1OnlySize matches the
	// sizes Azure offers in Generation 1 only: the A series, and Dv2, Dv3 and Ev3 without premium storage
	// (https://learn.microsoft.com/azure/virtual-machines/generation-2). arm64Size matches the Ampere sizes, whose
	// feature letters include "p" (Standard_D4ps_v5, Standard_E8pds_v5).
	generation1OnlySize = regexp.MustCompile(`^(Basic_A|Standard_A)|^Standard_[DE][0-9]+_v[23]$`)
	arm64Size           = regexp.MustCompile(`^Standard_[A-Z]+[0-9]+[a-z]*p[a-z]*_v[0-9]+$`)
)

const (
	// maxPoolNodes is AKS's per-pool node limit.
	maxPoolNodes = 1000
	// OS disk size range AKS accepts.
	minOSDiskSizeGB = 30
	maxOSDiskSizeGB = 2048
	// Pods per node with Azure CNI overlay. https://learn.microsoft.com/azure/aks/azure-cni-overlay#maximum-pods-per-node
	minMaxPods = 10
	maxMaxPods = 250
	// AKS-managed maintenance windows last four to 24 hours and recur every one to four weeks.
	// https://learn.microsoft.com/azure/aks/planned-maintenance#schedule-configuration-types-for-planned-maintenance
	minWindowHours = 4
	maxWindowHours = 24
	maxWindowWeeks = 4
	// minServiceCIDRBits: the service CIDR may be at most a /12.
	// https://learn.microsoft.com/azure/aks/configure-azure-cni#plan-ip-addressing-for-your-cluster
	minServiceCIDRBits = 12
)

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// aksReservedRanges may not hold the service CIDR. https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning
var aksReservedRanges = []netip.Prefix{netip.MustParsePrefix("169.254.0.0/16"), netip.MustParsePrefix("172.30.0.0/16"),
	netip.MustParsePrefix("172.31.0.0/16"), netip.MustParsePrefix("192.0.2.0/24")}

// AuditLogCategories are the AKS resource log categories a diagnostic setting can collect.
// https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs
var AuditLogCategories = []string{"kube-apiserver", "kube-audit", "kube-audit-admin", "kube-controller-manager",
	"kube-scheduler", "cluster-autoscaler", "cloud-controller-manager", "guard", "csi-azuredisk-controller",
	"csi-azurefile-controller", "csi-snapshot-controller"}

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names ("systemPool.vmSize"). NewCluster also checks the required Inputs.
func (args *ClusterArgs) Validate() error {
	filled := args.withDefaults()
	return validation.Check("cluster", filled.check)
}

func validate(args *ClusterArgs) error {
	return validation.Check("cluster", args.checkInputs, args.check)
}

func (args *ClusterArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.Required(args.NodeSubnetID != nil, "nodeSubnetId", "pass the node subnet's ID")
	p.Required(args.LogAnalyticsWorkspaceID != nil, "logAnalyticsWorkspaceId", "pass the Log Analytics workspace's ID")
}

func (args *ClusterArgs) check(p *validation.Problems) {
	p.RegionInput("location", args.Location)
	if args.LogAnalyticsWorkspaceLocation != "" {
		p.Region("logAnalyticsWorkspaceLocation", args.LogAnalyticsWorkspaceLocation)
	}
	if !clusterNamePattern.MatchString(args.ClusterName) {
		p.Add("clusterName", args.ClusterName, "must be 1-63 letters, digits, underscores and hyphens, starting and ending with a letter or digit",
			"choose a valid name")
	}
	p.TenantID("tenantId", args.TenantID)
	if len(args.AdminGroupObjectIDs) == 0 {
		p.Add("adminGroupObjectIds", nil, "at least one admin group is required: local accounts are disabled, so nobody could administer the cluster",
			"list the object ID of an Entra group, e.g. from `az ad group show -g <name> --query id -o tsv`")
	}
	for i, id := range args.AdminGroupObjectIDs {
		p.GUID(fmt.Sprintf("adminGroupObjectIds[%d]", i), id, "is not a group object ID (a GUID)", "use `az ad group show -g <name> --query id -o tsv`")
	}
	args.checkVersion(p)
	p.OneOf("skuTier", args.SkuTier, "use Standard (Free for dev only)", "Standard", "Free")
	args.checkNetwork(p)
	args.checkUpgrades(p)
	if args.PodSecurity != "" {
		p.OneOf("podSecurity", args.PodSecurity, "use baseline (default); audit reports violations without denying them",
			PodSecurityBaseline, PodSecurityRestricted, PodSecurityAudit)
	}
	// The CSI driver parses the interval as a Go duration.
	// https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation
	if d, err := time.ParseDuration(args.SecretRotationPollInterval); err != nil || d <= 0 {
		p.Add("secretRotationPollInterval", args.SecretRotationPollInterval, "must be a positive duration", "use a value such as 2m")
	}
	args.checkAuditLogs(p)
	args.checkPools(p)
	if id, ok := args.PrivateDNSZoneID.(pulumi.String); ok && args.knownLocation() != "" {
		p.PrivateDNSZoneID("privateDnsZoneId", string(id), validation.AKSPrivateDNSZone(args.knownLocation()), true)
	}
	accessSpec(args, namesFor(args)).Check(p)
}

// ValidKubernetesVersion reports whether v is a version AKS takes: MAJOR.MINOR or MAJOR.MINOR.PATCH.
func ValidKubernetesVersion(v string) bool { return kubernetesVersionPattern.MatchString(v) }

// checkVersion also rejects a version that auto-upgrade would move past: the next update would then ask AKS for an
// older version, which it refuses as a downgrade.
// https://learn.microsoft.com/azure/aks/auto-upgrade-cluster#cluster-auto-upgrade-channels
func (args *ClusterArgs) checkVersion(p *validation.Problems) {
	v := args.KubernetesVersion
	switch {
	case v == "":
	case !ValidKubernetesVersion(v):
		p.Add("kubernetesVersion", v, "must be MAJOR.MINOR or MAJOR.MINOR.PATCH",
			"use a version from `az aks get-versions -l "+cmp.Or(args.knownLocation(), "<region>")+" -o table`, e.g. 1.33, or remove it for the AKS default")
	case args.UpgradeChannel == "stable" || args.UpgradeChannel == "rapid":
		p.Add("kubernetesVersion", v, "the "+args.UpgradeChannel+" channel upgrades minor versions, so a pinned version would soon be a downgrade",
			"remove kubernetesVersion, or use upgradeChannel patch")
	case args.UpgradeChannel == "patch" && strings.Count(v, ".") == 2:
		p.Add("kubernetesVersion", v, "the patch channel moves to newer patches, so a pinned patch would soon be a downgrade",
			"give MAJOR.MINOR only, e.g. "+v[:strings.LastIndexByte(v, '.')])
	}
}

func (args *ClusterArgs) checkNetwork(p *validation.Problems) {
	switch {
	case args.NetworkDataplane == "cilium" && args.NetworkPolicy != "cilium":
		// https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium#limitations
		p.Add("networkPolicy", args.NetworkPolicy, "the Cilium dataplane enforces network policy itself and accepts only networkPolicy cilium",
			"remove networkPolicy, or set networkDataplane: azure to choose azure or calico")
	case args.NetworkDataplane == "azure" && args.NetworkPolicy != "azure" && args.NetworkPolicy != "calico":
		p.Add("networkPolicy", args.NetworkPolicy, "with the azure dataplane the network policy engine must be azure or calico (none leaves pods unrestricted)",
			"set networkPolicy to azure or calico")
	case args.NetworkDataplane != "cilium" && args.NetworkDataplane != "azure":
		p.Add("networkDataplane", args.NetworkDataplane, "must be cilium or azure", "use cilium (default)")
	}
	p.OneOf("outboundType", args.OutboundType, "use loadBalancer, or the outbound type of the egress the node subnet has",
		OutboundLoadBalancer, OutboundNATGateway, OutboundUserDefinedRouting)

	service, serviceOK := p.IPv4Prefix("serviceCidr", args.ServiceCIDR)
	pod, podOK := p.IPv4Prefix("podCidr", args.PodCIDR)
	if serviceOK && podOK && service.Overlaps(pod) {
		p.Add("podCidr", args.PodCIDR, "overlaps serviceCidr "+args.ServiceCIDR, "give pods and services separate ranges")
	}
	if podOK {
		// Overlay gives every node a /24 of the pod CIDR. https://learn.microsoft.com/azure/aks/azure-cni-overlay#pods
		have := 0
		if pod.Bits() <= 24 {
			have = 1 << (24 - pod.Bits())
		}
		if nodes := args.MaxNodes(); have < nodes {
			need := 24 - bits.Len(uint(nodes-1))
			p.Addf("podCidr", args.PodCIDR, fmt.Sprintf("use a /%d or larger range", max(need, 0)),
				"holds %d node ranges (a /24 per node with Azure CNI overlay) but the pools can reach %d nodes", have, nodes)
		}
	}
	if serviceOK {
		if service.Bits() < minServiceCIDRBits {
			p.Add("serviceCidr", args.ServiceCIDR, "the service CIDR must be /12 or smaller", "use a /16 such as 172.16.0.0/16")
		}
		for _, reserved := range aksReservedRanges {
			if service.Overlaps(reserved) {
				p.Addf("serviceCidr", args.ServiceCIDR, "choose another range, e.g. 172.16.0.0/16", "overlaps %s, which AKS reserves", reserved)
			}
		}
	}
	dns, err := netip.ParseAddr(args.DNSServiceIP)
	switch {
	case err != nil || !dns.Is4():
		p.Add("dnsServiceIp", args.DNSServiceIP, "is not an IPv4 address", "use the tenth address of the service CIDR, e.g. 172.16.0.10")
	case serviceOK && !service.Contains(dns):
		p.Add("dnsServiceIp", args.DNSServiceIP, "lies outside serviceCidr "+args.ServiceCIDR, "use an address inside the service CIDR, e.g. its .10")
	case serviceOK && (dns == service.Addr() || dns == service.Addr().Next()):
		// The first address is the network; the next is the kubernetes service (kubernetes.default.svc).
		p.Add("dnsServiceIp", args.DNSServiceIP, "the service CIDR's network address and first address are taken (kubernetes.default uses the first)",
			"use the service CIDR's .10")
	}
}

func (args *ClusterArgs) checkUpgrades(p *validation.Problems) {
	switch {
	case args.UpgradeChannel == "node-image":
		// node-image upgrades node images only, so Kubernetes would fall out of support; Azure Policy
		// 5c345cdf-2049-47e0-b8fe-b0e96bc2df35 (the pack's deny_aks_upgrade_channel) accepts only patch, stable and rapid.
		p.Add("upgradeChannel", args.UpgradeChannel, "never upgrades Kubernetes itself, so the cluster would fall out of support",
			"use patch (default); nodeOsUpgradeChannel NodeImage keeps node images current")
	case !slices.Contains([]string{"patch", "stable", "rapid"}, args.UpgradeChannel):
		p.Add("upgradeChannel", validation.OrUnset(args.UpgradeChannel), "must be patch, stable or rapid (none would leave the cluster unpatched)", "use patch (default)")
	}
	if args.NodeOSUpgradeChannel != "NodeImage" && args.NodeOSUpgradeChannel != "SecurityPatch" {
		p.Add("nodeOsUpgradeChannel", validation.OrUnset(args.NodeOSUpgradeChannel), "must be NodeImage or SecurityPatch (None and Unmanaged leave nodes unpatched)",
			"use NodeImage (default) or SecurityPatch")
	}
	args.NodeOSMaintenanceWindow.check(p, "nodeOsMaintenanceWindow")
	if w := args.ClusterUpgradeMaintenanceWindow; w != nil {
		w.check(p, "clusterUpgradeMaintenanceWindow")
	}
}

func (w MaintenanceWindow) check(p *validation.Problems, path string) {
	if !slices.Contains(weekdays, w.DayOfWeek) {
		p.Add(path+".dayOfWeek", validation.OrUnset(w.DayOfWeek), "is not a day of the week", "use one of "+strings.Join(weekdays, ", "))
	}
	p.Clock(path+".startTime", w.StartTime)
	if w.DurationHours < minWindowHours || w.DurationHours > maxWindowHours {
		p.Add(path+".durationHours", w.DurationHours, "AKS requires a window of 4 to 24 hours", "set durationHours between 4 and 24")
	}
	p.UTCOffset(path+".utcOffset", w.UTCOffset)
	if w.IntervalWeeks < 1 || w.IntervalWeeks > maxWindowWeeks {
		p.Add(path+".intervalWeeks", w.IntervalWeeks, "must be 1–4 weeks", "use 1 (weekly)")
	}
}

func (args *ClusterArgs) checkAuditLogs(p *validation.Problems) {
	categories := args.AuditLogCategories
	switch {
	case len(categories) == 0:
		p.Add("auditLogCategories", nil, "at least kube-audit-admin (or kube-audit) must be collected", "list kube-audit-admin")
	case !slices.Contains(categories, "kube-audit-admin") && !slices.Contains(categories, "kube-audit"):
		p.Add("auditLogCategories", categories, "collects no Kubernetes audit log", "add kube-audit-admin")
	}
	for i, category := range categories {
		switch {
		case !slices.Contains(AuditLogCategories, category):
			p.Add(fmt.Sprintf("auditLogCategories[%d]", i), category, "is not an AKS log category", "use one of "+strings.Join(AuditLogCategories, ", "))
		case slices.Index(categories, category) < i:
			p.Add(fmt.Sprintf("auditLogCategories[%d]", i), category, "is listed twice", "list each category once")
		}
	}
}

// ValidPoolName reports whether name is a Linux node pool name AKS takes.
func ValidPoolName(name string) bool { return poolNamePattern.MatchString(name) }

func (args *ClusterArgs) checkPools(p *validation.Problems) {
	names := map[string]bool{}
	location := args.knownLocation()
	args.SystemPool.check(p, "systemPool", 1, location, names)
	for i, pool := range args.UserPools {
		pool.check(p, fmt.Sprintf("userPools[%d]", i), 0, location, names)
	}
}

func (pool NodePool) check(p *validation.Problems, path string, minNodes int, location string, names map[string]bool) {
	switch {
	case !ValidPoolName(pool.Name):
		p.Add(path+".name", validation.OrUnset(pool.Name), "Linux node pool names are 1–12 lowercase letters and digits, starting with a letter", "rename the pool")
	case names[pool.Name]:
		p.Add(path+".name", pool.Name, "node pool names must be unique", "rename the pool")
	}
	names[pool.Name] = true
	switch {
	case !validation.ValidVMSize(pool.VMSize):
		p.Add(path+".vmSize", validation.OrUnset(pool.VMSize), "is not an Azure VM size", "use a size such as "+DefaultNodeVMSize)
	case generation1OnlySize.MatchString(pool.VMSize):
		p.Add(path+".vmSize", pool.VMSize, "is a Generation 1 size; Trusted Launch needs Generation 2", "use a size such as "+DefaultNodeVMSize)
	case arm64Size.MatchString(pool.VMSize):
		p.Add(path+".vmSize", pool.VMSize, "is an Arm64 size, on which AKS cannot enable Trusted Launch", "use an x64 size such as "+DefaultNodeVMSize)
	}
	// User pools may scale to zero; the system pool keeps at least one node for the cluster's own pods.
	// https://learn.microsoft.com/azure/aks/cluster-autoscaler
	rangeFix := fmt.Sprintf("set %d <= minCount <= maxCount <= %d", minNodes, maxPoolNodes)
	switch {
	case pool.MinCount < minNodes && minNodes == 1:
		p.Add(path+".minCount", pool.MinCount, "the autoscaler needs at least one node in the system pool, for the cluster's own pods", rangeFix)
	case pool.MinCount < minNodes:
		p.Add(path+".minCount", pool.MinCount, "must not be negative", rangeFix)
	case pool.MaxCount < max(pool.MinCount, 1) || pool.MaxCount > maxPoolNodes:
		p.Addf(path+".maxCount", pool.MaxCount, rangeFix, "with minCount %d is not a valid autoscaler range", pool.MinCount)
	}
	size := pool.osDiskSizeGB()
	if size < minOSDiskSizeGB || size > maxOSDiskSizeGB {
		p.Add(path+".osDiskSizeGb", pool.OSDiskSizeGB, fmt.Sprintf("must be %d–%d GB", minOSDiskSizeGB, maxOSDiskSizeGB),
			fmt.Sprintf("use %d (default)", DefaultOSDiskSizeGB))
	}
	switch pool.OSDiskType {
	case OSDiskManaged:
	case OSDiskEphemeral:
		// AKS places an ephemeral OS disk in the VM's cache or temp disk and refuses one that does not fit.
		switch limit, known := EphemeralOSDiskMaxGB(pool.VMSize); {
		case known && limit == 0:
			p.Addf(path+".osDiskType", pool.OSDiskType, "use Managed, or a size with a temp disk (the \"d\" sizes)",
				"%s has neither cache nor temp disk to hold an ephemeral OS disk", pool.VMSize)
		case known && size > limit:
			p.Addf(path+".osDiskType", pool.OSDiskType, "use Managed, a smaller osDiskSizeGb, or a size with a larger cache or temp disk",
				"%s can hold at most a %d GB ephemeral OS disk, not %d GB", pool.VMSize, limit, size)
		}
	default:
		p.Add(path+".osDiskType", validation.OrUnset(pool.OSDiskType), "must be Ephemeral or Managed", "use Managed, or Ephemeral where the VM size's cache or temp disk holds the OS disk")
	}
	if !validSurge(pool.maxSurge()) {
		p.Add(path+".maxSurge", pool.MaxSurge, "must be a node count or a percentage from 1% to 100%", "use e.g. 33%")
	}
	if pool.MaxPods != 0 && (pool.MaxPods < minMaxPods || pool.MaxPods > maxMaxPods) {
		p.Add(path+".maxPods", pool.MaxPods, "Azure CNI overlay allows 10–250 pods per node", fmt.Sprintf("use %d (default)", DefaultMaxPods))
	}
	for i, taint := range pool.Taints {
		if !ValidTaint(taint) {
			p.Add(fmt.Sprintf("%s.taints[%d]", path, i), taint, "is not a Kubernetes taint", "write key=value:NoSchedule (or PreferNoSchedule, NoExecute)")
		}
	}
	p.Zones(path+".zones", pool.Zones, location)
}

// ValidTaint reports whether t is a node taint key=value:Effect that Kubernetes accepts.
func ValidTaint(t string) bool { return taintPattern.MatchString(t) }

// validSurge accepts a node count (1-1000) or a percentage (1%-100%).
func validSurge(surge string) bool {
	n, percent, ok := parseSurge(surge)
	return ok && (percent && n <= 100 || !percent && n <= maxPoolNodes)
}

func parseSurge(surge string) (n int, percent, ok bool) {
	m := maxSurgePattern.FindStringSubmatch(surge)
	if m == nil {
		return 0, false, false
	}
	n, _ = strconv.Atoi(m[1])
	return n, m[2] == "%", true
}

// SurgeNodes is how many extra nodes an upgrade of pool adds at once; 0 for the AKS default or an invalid surge.
func (pool NodePool) SurgeNodes() int {
	n, percent, ok := parseSurge(pool.maxSurge())
	switch {
	case !ok || !validSurge(pool.maxSurge()):
		return 0
	case percent:
		return (pool.MaxCount*n + 99) / 100
	}
	return n
}

// MaxNodes is the largest number of nodes the pools can have at once: every pool at maxCount, plus upgrade surge.
func (args *ClusterArgs) MaxNodes() int {
	total := 0
	for _, pool := range append([]NodePool{args.SystemPool}, args.UserPools...) {
		total += pool.MaxCount + pool.SurgeNodes()
	}
	return total
}

// privateDNSZoneID is args.PrivateDNSZoneID, checked when it resolves (a zone ID from another resource is not
// known at construction); nil means the AKS-managed zone.
func privateDNSZoneID(args *ClusterArgs) pulumi.StringInput {
	if args.PrivateDNSZoneID == nil {
		return nil
	}
	if id, ok := args.PrivateDNSZoneID.(pulumi.String); ok && args.knownLocation() != "" {
		return id // already checked by validate
	}
	return pulumi.All(args.PrivateDNSZoneID, args.Location).ApplyT(func(v []any) (string, error) {
		p := validation.For("cluster")
		p.PrivateDNSZoneID("privateDnsZoneId", v[0].(string), validation.AKSPrivateDNSZone(v[1].(string)), true)
		return v[0].(string), p.Err()
	}).(pulumi.StringOutput)
}

// knownLocation is Location when it is a region known at construction, else "": the rules that need the region
// (zones, the API server's zone name) then wait for it or skip it.
func (args *ClusterArgs) knownLocation() string {
	region, _ := validation.KnownRegion(args.Location)
	return region
}
