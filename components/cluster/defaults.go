package cluster

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
