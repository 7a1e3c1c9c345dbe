package cluster

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/internal/guid"
)

var (
	// regionPattern matches an Azure region name as ARM spells it ("westeurope", not "West Europe").
	regionPattern = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	// clusterNamePattern: 1-63 alphanumerics, underscores and hyphens, alphanumeric at both ends.
	// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerservice
	clusterNamePattern = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$`)
	// kubernetesVersionPattern accepts <major>.<minor> and <major>.<minor>.<patch>, with no leading zero major.
	kubernetesVersionPattern = regexp.MustCompile(`^[1-9][0-9]*\.[0-9]+(\.[0-9]+)?$`)
	// poolNamePattern: Linux pool names are 1-12 lowercase alphanumerics starting with a letter.
	// https://learn.microsoft.com/azure/aks/create-node-pools#limitations
	poolNamePattern = regexp.MustCompile(`^[a-z][a-z0-9]{0,11}$`)
	// maxSurgePattern is a node count ("1") or a percentage ("33%").
	maxSurgePattern = regexp.MustCompile(`^[1-9][0-9]*%?$`)
	// taintPattern is key=value:Effect: a key of at most 253 characters (an optional DNS prefix and a name), and a
	// value of at most 63, each alphanumeric at both ends, as Kubernetes validates them.
	// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
	taintPattern = regexp.MustCompile(`^[A-Za-z0-9]([-A-Za-z0-9_./]{0,251}[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?:(NoSchedule|PreferNoSchedule|NoExecute)$`)
	// startTimePattern is HH:MM, 24-hour clock.
	startTimePattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)
	// utcOffsetPattern is +HH:MM or -HH:MM.
	utcOffsetPattern = regexp.MustCompile(`^[+-](0[0-9]|1[0-4]):[0-5][0-9]$`)
	// zoneIDPattern matches a private DNS zone ARM ID; ARM treats the fixed segments case-insensitively.
	zoneIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}` +
		`/resourceGroups/[-\w.()]{0,89}[-\w()]/providers/Microsoft\.Network/privateDnsZones/([^/]+)$`)
	// Every pool uses Trusted Launch, which needs a Generation 2 VM size and is not available on Arm64 sizes
	// (https://learn.microsoft.com/azure/aks/use-trusted-launch#limitations). generation1OnlySize matches the
	// sizes Azure offers in Generation 1 only: the A series, and Dv2, Dv3 and Ev3 without premium storage
	// (https://learn.microsoft.com/azure/virtual-machines/generation-2). arm64Size matches the Ampere sizes, whose
	// feature letters include "p" (Standard_D4ps_v5, Standard_E8pds_v5).
	generation1OnlySize = regexp.MustCompile(`^(Basic_A|Standard_A)|^Standard_[DE][0-9]+_v[23]$`)
	arm64Size           = regexp.MustCompile(`^Standard_[A-Z]+[0-9]+[a-z]*p[a-z]*_v[0-9]+$`)
	// subzonePattern matches the one label AKS allows in front of privatelink.<region>.azmk8s.io.
	subzonePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
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
	// AKS-managed maintenance windows last at least four hours. https://learn.microsoft.com/azure/aks/planned-maintenance
	minWindowHours = 4
	maxWindowHours = 24
	maxWindowWeeks = 4
)

var weekdays = map[string]bool{
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
}

// validate returns every problem with args at once, each prefixed "cluster: ".

// ValidKubernetesVersion reports whether v is a version AKS takes: MAJOR.MINOR or MAJOR.MINOR.PATCH.
func ValidKubernetesVersion(v string) bool { return kubernetesVersionPattern.MatchString(v) }

// ValidPoolName reports whether name is a Linux node pool name AKS takes.
func ValidPoolName(name string) bool { return poolNamePattern.MatchString(name) }

// ValidTaint reports whether t is a node taint key=value:Effect that Kubernetes accepts.
func ValidTaint(t string) bool { return taintPattern.MatchString(t) }

func validate(args *ClusterArgs) error {
	v := &validator{}
	v.require(args.ResourceGroupName != nil, "resourceGroupName is required")
	v.require(args.SubscriptionID != nil, "subscriptionId is required")
	v.require(args.NodeSubnetID != nil, "nodeSubnetId is required")
	v.require(args.LogAnalyticsWorkspaceID != nil, "logAnalyticsWorkspaceId is required")
	v.require(regionPattern.MatchString(args.Location), "location %q is not an Azure region name such as \"westeurope\"", args.Location)
	if args.LogAnalyticsWorkspaceLocation != "" {
		v.require(regionPattern.MatchString(args.LogAnalyticsWorkspaceLocation),
			"logAnalyticsWorkspaceLocation %q is not an Azure region name such as \"westeurope\"", args.LogAnalyticsWorkspaceLocation)
	}
	v.require(clusterNamePattern.MatchString(args.ClusterName),
		"clusterName %q must be 1-63 letters, digits, underscores and hyphens, starting and ending with a letter or digit", args.ClusterName)
	v.require(guid.Valid(args.TenantID), "tenantId %q is not a GUID", args.TenantID)
	v.require(args.KubernetesVersion == "" || kubernetesVersionPattern.MatchString(args.KubernetesVersion),
		"kubernetesVersion %q must be <major>.<minor> or <major>.<minor>.<patch>, or empty for the AKS default", args.KubernetesVersion)
	v.oneOf("skuTier", args.SkuTier, "Standard", "Free")
	for i, id := range args.AdminGroupObjectIDs {
		v.require(guid.Valid(id), "adminGroupObjectIds[%d] %q is not a GUID", i, id)
	}

	v.network(args)
	v.upgrades(args)
	if args.PodSecurity != "" {
		v.oneOf("podSecurity", args.PodSecurity, PodSecurityBaseline, PodSecurityRestricted, PodSecurityAudit)
	}

	// The CSI driver parses the interval as a Go duration.
	// https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation
	poll, err := time.ParseDuration(args.SecretRotationPollInterval)
	v.require(err == nil && poll > 0, "secretRotationPollInterval %q must be a positive duration such as \"2m\"", args.SecretRotationPollInterval)

	v.require(len(args.AuditLogCategories) > 0, "auditLogCategories must name at least one log category")
	seenCategory := map[string]bool{}
	for i, c := range args.AuditLogCategories {
		v.require(c != "", "auditLogCategories[%d] is empty", i)
		v.require(c == "" || !seenCategory[c], "auditLogCategories[%d] %q is listed twice", i, c)
		seenCategory[c] = true
	}

	v.pools(args)
	if args.PrivateDNSZoneID != nil {
		if id, ok := args.PrivateDNSZoneID.(pulumi.String); ok {
			if err := checkZoneID(string(id), args.Location); err != nil {
				v.errs = append(v.errs, err)
			}
		}
	}
	return errors.Join(v.errs...)
}

type validator struct{ errs []error }

func (v *validator) fail(format string, a ...any) {
	v.errs = append(v.errs, fmt.Errorf("cluster: "+format, a...))
}

func (v *validator) require(ok bool, format string, a ...any) {
	if !ok {
		v.fail(format, a...)
	}
}

func (v *validator) oneOf(field, value string, allowed ...string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.fail("%s %q must be one of %s", field, value, strings.Join(allowed, ", "))
}

func (v *validator) network(args *ClusterArgs) {
	v.oneOf("networkDataplane", args.NetworkDataplane, "cilium", "azure")
	switch args.NetworkDataplane {
	case "cilium":
		// Cilium enforces network policy itself. https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
		v.require(args.NetworkPolicy == "cilium", "networkPolicy %q must be cilium with the cilium dataplane", args.NetworkPolicy)
	case "azure":
		v.require(args.NetworkPolicy == "azure" || args.NetworkPolicy == "calico",
			"networkPolicy %q must be azure or calico with the azure dataplane", args.NetworkPolicy)
	}
	v.oneOf("outboundType", args.OutboundType, "loadBalancer", "userAssignedNATGateway", "userDefinedRouting")

	service, serviceOK := v.prefix("serviceCidr", args.ServiceCIDR)
	pod, podOK := v.prefix("podCidr", args.PodCIDR)
	if serviceOK && podOK {
		v.require(!service.Overlaps(pod), "serviceCidr %s overlaps podCidr %s", service, pod)
	}
	dns, err := netip.ParseAddr(args.DNSServiceIP)
	if err != nil || !dns.Is4() {
		v.fail("dnsServiceIp %q is not an IPv4 address", args.DNSServiceIP)
		return
	}
	if serviceOK {
		// The first address of the range is the kubernetes service itself.
		// https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning
		v.require(service.Contains(dns) && dns != service.Addr() && dns != service.Addr().Next(),
			"dnsServiceIp %s must be inside serviceCidr %s and not its network or first address", dns, service)
	}
}

func (v *validator) prefix(field, value string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(value)
	if err != nil || !p.Addr().Is4() || p.Masked() != p {
		v.fail("%s %q is not an IPv4 CIDR such as \"10.0.0.0/16\"", field, value)
		return netip.Prefix{}, false
	}
	return p, true
}

func (v *validator) upgrades(args *ClusterArgs) {
	// The node-image cluster channel upgrades node images only, never Kubernetes, so the cluster would fall out of
	// support; Azure Policy 5c345cdf-2049-47e0-b8fe-b0e96bc2df35 (and the pack's deny_aks_upgrade_channel) accept
	// only patch, stable and rapid. Node images are patched by nodeOsUpgradeChannel instead.
	// https://learn.microsoft.com/azure/aks/auto-upgrade-cluster#cluster-auto-upgrade-channels
	if args.UpgradeChannel == "node-image" {
		v.fail("upgradeChannel \"node-image\" never upgrades Kubernetes; use patch, stable or rapid, with nodeOsUpgradeChannel NodeImage")
	} else {
		v.oneOf("upgradeChannel", args.UpgradeChannel, "patch", "stable", "rapid")
	}
	v.oneOf("nodeOsUpgradeChannel", args.NodeOSUpgradeChannel, "NodeImage", "SecurityPatch")
	v.window("nodeOsMaintenanceWindow", args.NodeOSMaintenanceWindow)
	if args.ClusterUpgradeMaintenanceWindow != nil {
		v.window("clusterUpgradeMaintenanceWindow", *args.ClusterUpgradeMaintenanceWindow)
	}
}

func (v *validator) window(field string, w MaintenanceWindow) {
	v.require(weekdays[w.DayOfWeek], "%s.dayOfWeek %q must be a day such as \"Sunday\"", field, w.DayOfWeek)
	v.require(startTimePattern.MatchString(w.StartTime), "%s.startTime %q must be HH:MM", field, w.StartTime)
	v.require(w.DurationHours >= minWindowHours && w.DurationHours <= maxWindowHours,
		"%s.durationHours %d must be between %d and %d", field, w.DurationHours, minWindowHours, maxWindowHours)
	v.require(utcOffsetPattern.MatchString(w.UTCOffset), "%s.utcOffset %q must be +HH:MM or -HH:MM", field, w.UTCOffset)
	v.require(w.IntervalWeeks >= 1 && w.IntervalWeeks <= maxWindowWeeks,
		"%s.intervalWeeks %d must be between 1 and %d", field, w.IntervalWeeks, maxWindowWeeks)
}

func (v *validator) pools(args *ClusterArgs) {
	seen := map[string]bool{}
	v.pool("systemPool", args.SystemPool, 1, seen)
	for i, p := range args.UserPools {
		v.pool(fmt.Sprintf("userPools[%d]", i), p, 0, seen)
	}
}

func (v *validator) pool(field string, p NodePool, minNodes int, seen map[string]bool) {
	v.require(poolNamePattern.MatchString(p.Name),
		"%s.name %q must be 1-12 lowercase letters and digits, starting with a letter", field, p.Name)
	v.require(p.Name == "" || !seen[p.Name], "%s.name %q is used by another pool", field, p.Name)
	seen[p.Name] = true
	v.require(p.VMSize != "", "%s.vmSize is required", field)
	v.require(p.VMSize == "" || !generation1OnlySize.MatchString(p.VMSize),
		"%s.vmSize %q is a Generation 1 size; Trusted Launch needs Generation 2, e.g. Standard_D4ds_v5", field, p.VMSize)
	v.require(!arm64Size.MatchString(p.VMSize),
		"%s.vmSize %q is an Arm64 size, on which AKS cannot enable Trusted Launch; use an x64 size such as Standard_D4ds_v5", field, p.VMSize)
	v.require(p.MinCount >= minNodes, "%s.minCount %d must be at least %d", field, p.MinCount, minNodes)
	v.require(p.MaxCount >= 1 && p.MaxCount >= p.MinCount && p.MaxCount <= maxPoolNodes,
		"%s.maxCount %d must be between max(1, minCount) and %d", field, p.MaxCount, maxPoolNodes)
	v.oneOf(field+".osDiskType", p.OSDiskType, "Ephemeral", "Managed")
	v.require(p.OSDiskSizeGB == 0 || p.OSDiskSizeGB >= minOSDiskSizeGB && p.OSDiskSizeGB <= maxOSDiskSizeGB,
		"%s.osDiskSizeGb %d must be 0 (AKS default) or between %d and %d", field, p.OSDiskSizeGB, minOSDiskSizeGB, maxOSDiskSizeGB)
	v.require(p.MaxPods == 0 || p.MaxPods >= minMaxPods && p.MaxPods <= maxMaxPods,
		"%s.maxPods %d must be 0 (AKS default) or between %d and %d", field, p.MaxPods, minMaxPods, maxMaxPods)
	if p.MaxSurge != "" {
		ok := maxSurgePattern.MatchString(p.MaxSurge)
		if pct, isPct := strings.CutSuffix(p.MaxSurge, "%"); ok && isPct {
			n, _ := strconv.Atoi(pct)
			ok = n <= 100
		}
		v.require(ok, "%s.maxSurge %q must be a node count such as \"1\" or a percentage such as \"33%%\"", field, p.MaxSurge)
	}
	seenZone := map[string]bool{}
	for i, z := range p.Zones {
		v.require((z == "1" || z == "2" || z == "3") && !seenZone[z], "%s.zones[%d] %q must be a distinct zone 1, 2 or 3", field, i, z)
		seenZone[z] = true
	}
	for i, t := range p.Taints {
		v.require(taintPattern.MatchString(t), "%s.taints[%d] %q must be key=value:NoSchedule|PreferNoSchedule|NoExecute", field, i, t)
	}
}

// checkZoneID accepts the ID of privatelink.<location>.azmk8s.io, with at most one subzone label in front, the
// only custom zone names AKS accepts. https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
func checkZoneID(id, location string) error {
	match := zoneIDPattern.FindStringSubmatch(id)
	if match == nil {
		return fmt.Errorf("cluster: privateDnsZoneId %q is not a private DNS zone ID; want "+
			"/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/privatelink.%s.azmk8s.io", id, location)
	}
	name := strings.ToLower(match[1])
	want := "privatelink." + location + ".azmk8s.io"
	if name == want {
		return nil
	}
	if sub, ok := strings.CutSuffix(name, "."+want); ok && subzonePattern.MatchString(sub) {
		return nil
	}
	return fmt.Errorf("cluster: privateDnsZoneId names zone %q; want %q or <subzone>.%s", match[1], want, want)
}

// privateDNSZoneID is args.PrivateDNSZoneID, checked when it resolves (a zone ID from another resource is not
// known at construction); nil means the AKS-managed zone.
func privateDNSZoneID(args *ClusterArgs) pulumi.StringInput {
	if args.PrivateDNSZoneID == nil {
		return nil
	}
	if id, ok := args.PrivateDNSZoneID.(pulumi.String); ok {
		return id // already checked by validate
	}
	location := args.Location
	return args.PrivateDNSZoneID.ToStringOutput().ApplyT(func(id string) (string, error) {
		return id, checkZoneID(id, location)
	}).(pulumi.StringOutput)
}
