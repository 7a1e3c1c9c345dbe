package cluster

import (
	"net/netip"
	"slices"
)

// Outbound types: how nodes reach the internet.
// https://learn.microsoft.com/azure/aks/egress-outboundtype
const (
	OutboundLoadBalancer       = "loadBalancer"
	OutboundNATGateway         = "userAssignedNATGateway"
	OutboundUserDefinedRouting = "userDefinedRouting"
)

// OS disk types of a node pool.
const (
	OSDiskEphemeral = "Ephemeral"
	OSDiskManaged   = "Managed"
)

const (
	// DefaultOSDiskSizeGB fills NodePool.OSDiskSizeGB: 128 GB, AKS's own default for most sizes, and small enough
	// to be ephemeral on the v5 "d" sizes from 4 vCPUs (Standard_D4ds_v5 holds 150 GB).
	// https://learn.microsoft.com/azure/aks/concepts-storage#ephemeral-os-disk
	DefaultOSDiskSizeGB = 128
	// DefaultNodeVMSize is the size hardaks suggests for a node pool: Generation 2, x64, with a temp disk for an
	// ephemeral OS disk.
	DefaultNodeVMSize = "Standard_D4ds_v5"
	// DefaultMaxPods fills NodePool.MaxPods: 110 pods per node, the Kubernetes default, rather than the overlay's
	// 250, so a node's pods fit its memory and the kubelet's eviction thresholds.
	// https://learn.microsoft.com/azure/aks/azure-cni-overlay#maximum-pods-per-node
	DefaultMaxPods = 110
	// DefaultMaxSurge fills NodePool.MaxSurge: a third of the pool is upgraded at once, which AKS recommends for
	// production pools over its own default of 10%. https://learn.microsoft.com/azure/aks/upgrade-aks-node-pools-rolling#customize-node-surge-upgrade
	DefaultMaxSurge = "33%"
)

func (pool NodePool) osDiskSizeGB() int {
	if pool.OSDiskSizeGB == 0 {
		return DefaultOSDiskSizeGB
	}
	return pool.OSDiskSizeGB
}

func (pool NodePool) maxPods() int {
	if pool.MaxPods == 0 {
		return DefaultMaxPods
	}
	return pool.MaxPods
}

func (pool NodePool) maxSurge() string {
	if pool.MaxSurge == "" {
		return DefaultMaxSurge
	}
	return pool.MaxSurge
}

// Defaults of the cluster's arguments, which the component fills when an argument is empty.
const (
	DefaultSkuTier          = "Standard"
	DefaultNetworkDataplane = "cilium"
	// DefaultServiceCIDR and DefaultPodCIDR stay clear of the 10.0.0.0/8 most VNets use and of the ranges AKS
	// reserves. https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning
	DefaultServiceCIDR = "172.16.0.0/16"
	DefaultPodCIDR     = "192.168.0.0/16"
	// DefaultUpgradeChannel takes patch releases of the pinned minor version automatically; minor upgrades stay a
	// decision. https://learn.microsoft.com/azure/aks/auto-upgrade-cluster#cluster-auto-upgrade-channels
	DefaultUpgradeChannel = "patch"
	// DefaultNodeOSUpgradeChannel replaces node images weekly, with every OS fix in them.
	// https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image
	DefaultNodeOSUpgradeChannel = "NodeImage"
	// DefaultSecretRotationPollInterval is the CSI driver's own default poll interval.
	// https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation
	DefaultSecretRotationPollInterval = "2m"
)

// DefaultMaintenanceWindow is Sundays 02:00-06:00 UTC, every week: AKS's managed schedules need four hours.
var DefaultMaintenanceWindow = MaintenanceWindow{DayOfWeek: "Sunday", StartTime: "02:00", DurationHours: 4, UTCOffset: "+00:00", IntervalWeeks: 1}

// DefaultAuditLogCategories are the AKS control-plane logs sent to Log Analytics by default. kube-audit-admin
// leaves out get and list events, which keeps the volume affordable.
// https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs
var DefaultAuditLogCategories = []string{"kube-audit-admin", "kube-apiserver", "guard"}

// withDefaults is args with every empty defaulted argument filled; the component validates and builds from it.
func (args ClusterArgs) withDefaults() ClusterArgs {
	fill := func(value *string, otherwise string) {
		if *value == "" {
			*value = otherwise
		}
	}
	fill(&args.SkuTier, DefaultSkuTier)
	fill(&args.NetworkDataplane, DefaultNetworkDataplane)
	fill(&args.NetworkPolicy, map[string]string{"cilium": "cilium", "azure": "azure"}[args.NetworkDataplane])
	fill(&args.ServiceCIDR, DefaultServiceCIDR)
	fill(&args.PodCIDR, DefaultPodCIDR)
	fill(&args.DNSServiceIP, DNSServiceIPOf(args.ServiceCIDR))
	fill(&args.OutboundType, OutboundLoadBalancer)
	fill(&args.UpgradeChannel, DefaultUpgradeChannel)
	fill(&args.NodeOSUpgradeChannel, DefaultNodeOSUpgradeChannel)
	fill(&args.SecretRotationPollInterval, DefaultSecretRotationPollInterval)
	if args.NodeOSMaintenanceWindow == nil {
		window := DefaultMaintenanceWindow
		args.NodeOSMaintenanceWindow = &window
	}
	if args.AuditLogCategories == nil {
		args.AuditLogCategories = slices.Clone(DefaultAuditLogCategories)
	}
	return args
}

// DNSServiceIPOf is the tenth address of a service CIDR, which AKS gives the cluster DNS service by default; "" for
// a CIDR that does not parse (validation reports it).
func DNSServiceIPOf(serviceCIDR string) string {
	prefix, err := netip.ParsePrefix(serviceCIDR)
	if err != nil || !prefix.Addr().Is4() {
		return ""
	}
	addr := prefix.Masked().Addr().As4()
	addr[3] += 10
	return netip.AddrFrom4(addr).String()
}
