package config

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/validation"
)

// Documented defaults. Every optional value has a secure default; see README's configuration reference.
const (
	DefaultAddressSpace          = "10.40.0.0/16"
	DefaultNodeSubnet            = "10.40.0.0/22"
	DefaultPrivateEndpointSubnet = "10.40.4.0/24"
	DefaultBastionSubnet         = "10.40.5.0/26"
	DefaultBuildAgentSubnet      = "10.40.6.0/27"
	DefaultRegistrationSecret    = "build-agent-registration-token"
)

// defaults returns the configuration every stack starts from, before its own values and the environment overrides.
func defaults() Config {
	return Config{
		Environment: Environment{Tags: map[string]string{}},
		Network: Network{
			AddressSpace: DefaultAddressSpace,
			Subnets: Subnets{
				Nodes:            DefaultNodeSubnet,
				PrivateEndpoints: DefaultPrivateEndpointSubnet,
				Bastion:          DefaultBastionSubnet,
				BuildAgents:      DefaultBuildAgentSubnet,
			},
			NatGateway: NatGateway{Enabled: true, IdleTimeoutMinutes: network.DefaultNATIdleTimeoutMinutes,
				PublicIPPrefixLength: network.DefaultNATPublicIPPrefixLength},
		},
		Cluster: Cluster{
			// The cluster component's defaults, so the configuration shows the values it plans with.
			SkuTier:                cluster.DefaultSkuTier,
			PrivateDNSZone:         PrivateDNSZoneSystem,
			ServiceCIDR:            cluster.DefaultServiceCIDR,
			PodCIDR:                cluster.DefaultPodCIDR,
			NetworkDataplane:       cluster.DefaultNetworkDataplane,
			UpgradeChannel:         cluster.DefaultUpgradeChannel,
			NodeOSUpgradeChannel:   cluster.DefaultNodeOSUpgradeChannel,
			MaintenanceWindow:      MaintenanceWindow(cluster.DefaultMaintenanceWindow),
			SecretRotationInterval: cluster.DefaultSecretRotationPollInterval,
			AuditLogCategories:     slices.Clone(cluster.DefaultAuditLogCategories),
			RequireZones:           true,
			SystemPool:             NodePool{Name: "system"},
			UserPools:              []NodePool{{Name: "apps"}},
		},
		Registry:   Registry{UntaggedRetentionDays: registry.DefaultUntaggedRetentionDays},
		KeyVault:   KeyVault{Sku: "standard"},
		Monitoring: Monitoring{RetentionInDays: monitoring.DefaultRetentionInDays},
		Bastion:    Bastion{Sku: bastion.SkuStandard, ScaleUnits: bastion.DefaultScaleUnits},
		BuildAgent: BuildAgent{
			Enabled:                 true,
			Count:                   1,
			VMSize:                  buildagent.DefaultVMSize,
			AdminUsername:           "azureuser",
			KubernetesRole:          "writer",
			RegistrationTokenSecret: DefaultRegistrationSecret,
		},
	}
}

// Private DNS zone modes for the cluster API server.
const (
	// PrivateDNSZoneSystem lets AKS create and manage the zone in the node resource group.
	PrivateDNSZoneSystem = "system"
	// PrivateDNSZoneCreate has hardaks create privatelink.<region>.azmk8s.io and link it to the VNet.
	PrivateDNSZoneCreate = "create"
	// PrivateDNSZoneCustom uses the existing zone named by network.privateDnsZones.clusterZoneId (hub-and-spoke).
	PrivateDNSZoneCustom = "custom"
)

// Complete fills every value that derives from others: names, zones, per-pool defaults, outbound type, tags. Load
// calls it; a program that builds its Config in code calls it before Validate, with the subscription it deploys
// into (the provider's getClientConfig). It only fills empty fields.
func (c *Config) Complete(project, stack, subscriptionID string) {
	env := &c.Environment
	if env.Name == "" {
		env.Name = sanitizeName(stack)
	}
	if env.ResourceGroupName == "" {
		env.ResourceGroupName = "rg-hardaks-" + env.Name
	}
	if env.AvailabilityZones == nil && validation.HasZones(env.Location) {
		env.AvailabilityZones = []string{"1", "2", "3"}
	}
	if env.Tags == nil {
		env.Tags = map[string]string{}
	}
	// Our own tags are written after the user's, so they win (as CAPZ does).
	env.Tags["environment"] = env.Name
	env.Tags["managed-by"] = "hardaks"

	n := &c.Network
	if n.Egress == "" {
		n.Egress = EgressNatGateway
	}
	if n.Egress == EgressFirewall && n.Firewall.Sku == "" {
		n.Firewall.Sku = network.FirewallSkuStandard
	}

	cl := &c.Cluster
	if cl.OutboundType == "" {
		switch {
		case n.RoutesThroughFirewall():
			cl.OutboundType = cluster.OutboundUserDefinedRouting
		case n.NatGateway.Enabled:
			cl.OutboundType = cluster.OutboundNATGateway
		default:
			cl.OutboundType = cluster.OutboundLoadBalancer
		}
	}
	completePool(&cl.SystemPool, env.AvailabilityZones, defaultSystemPool)
	for i := range cl.UserPools {
		completePool(&cl.UserPools[i], env.AvailabilityZones, defaultUserPool)
	}
	if c.BuildAgent.KubernetesNamespaces == nil {
		c.BuildAgent.KubernetesNamespaces = workloadNamespaces(c.Workloads)
	}
	c.Names = deriveNames(project, stack, subscriptionID, c)
}

// workloadNamespaces are the workloads' namespaces, each once, in the order the workloads list them: where the
// build agents deploy unless told otherwise.
func workloadNamespaces(workloads []Workload) []string {
	namespaces := []string{}
	for _, w := range workloads {
		if !slices.Contains(namespaces, w.Namespace) {
			namespaces = append(namespaces, w.Namespace)
		}
	}
	return namespaces
}

// Autoscaler ranges for pools that give none.
var (
	defaultSystemPool = NodePool{MinCount: 2, MaxCount: 3}
	defaultUserPool   = NodePool{MinCount: 1, MaxCount: 5}
)

func completePool(p *NodePool, zones []string, scale NodePool) {
	switch {
	case p.MinCount == 0 && p.MaxCount == 0:
		p.MinCount, p.MaxCount = scale.MinCount, scale.MaxCount
	case p.MinCount == 0:
		p.MinCount = min(scale.MinCount, p.MaxCount)
	case p.MaxCount == 0:
		p.MaxCount = max(scale.MaxCount, p.MinCount)
	}
	if p.VMSize == "" {
		p.VMSize = cluster.DefaultNodeVMSize
	}
	if p.OSDiskSizeGB == 0 {
		p.OSDiskSizeGB = cluster.DefaultOSDiskSizeGB
	}
	if p.MaxSurge == "" {
		p.MaxSurge = cluster.DefaultMaxSurge
	}
	if p.MaxPods == 0 {
		p.MaxPods = cluster.DefaultMaxPods
	}
	if p.Zones == nil {
		p.Zones = append([]string{}, zones...)
	}
	if p.OSDiskType == "" || p.OSDiskType == "auto" {
		p.OSDiskType = cluster.OSDiskManaged
		if max, known := cluster.EphemeralOSDiskMaxGB(p.VMSize); known && p.OSDiskSizeGB <= max {
			p.OSDiskType = cluster.OSDiskEphemeral
		}
	}
}

// Names are the Azure names of the environment's resources.
type Names struct {
	ResourceGroup    string
	VirtualNetwork   string
	Cluster          string
	Registry         string
	KeyVault         string
	Workspace        string
	Bastion          string
	BuildAgentPrefix string
}

// deriveNames builds every Azure name. Globally unique names (registry, vault) carry a suffix hashed from the
// project, stack, environment, region and subscription, so the same stack always gets the same names and two stacks,
// or two teams deploying the same example stack, never collide. A vault name generation above 0 hashes in too, for
// the vault only: its old name stays taken while the vault is soft-deleted.
func deriveNames(project, stack, subscriptionID string, c *Config) Names {
	env := c.Environment.Name
	scope := strings.Join([]string{project, stack, env, c.Environment.Location, subscriptionID}, "/")
	suffix := nameSuffix(scope)
	vaultSuffix := suffix
	if g := c.KeyVault.NameGeneration; g > 0 {
		vaultSuffix = nameSuffix(scope + "/keyVault/" + strconv.Itoa(g))
	}
	n := Names{
		ResourceGroup:    c.Environment.ResourceGroupName,
		VirtualNetwork:   "vnet-hardaks-" + env,
		Cluster:          "aks-hardaks-" + env,
		Registry:         "acr" + env + suffix,
		KeyVault:         "kv-" + env + "-" + vaultSuffix,
		Workspace:        "log-hardaks-" + env,
		Bastion:          "bas-hardaks-" + env,
		BuildAgentPrefix: "vm-" + env + "-agent",
	}
	if c.Registry.Name != "" {
		n.Registry = c.Registry.Name
	}
	if c.KeyVault.Name != "" {
		n.KeyVault = c.KeyVault.Name
	}
	return n
}

// nameSuffix is the first 8 hex digits of the SHA-256 of scope.
func nameSuffix(scope string) string {
	sum := sha256.Sum256([]byte(scope))
	return hex.EncodeToString(sum[:])[:8]
}

var notNameChar = regexp.MustCompile(`[^a-z0-9]`)

// sanitizeName turns a stack name into an environment name candidate; validation reports it if it is still unfit.
func sanitizeName(stack string) string {
	name := notNameChar.ReplaceAllString(strings.ToLower(stack), "")
	if len(name) > maxEnvironmentNameLength {
		name = name[:maxEnvironmentNameLength]
	}
	return name
}
