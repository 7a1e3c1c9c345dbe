// Package config is the only code that knows hardaks's stack configuration keys. It reads the structured objects in
// the project namespace (hardaks:environment, hardaks:network, ...), lets HARDAKS_* environment variables override
// any value, fills secure defaults and validates the whole environment, reporting every problem at once.
package config

// Namespace is the Pulumi project namespace of every key.
const Namespace = "hardaks"

// Top-level stack configuration keys, each a structured object (or, for workloads, a list).
const (
	KeyEnvironment  = "environment"
	KeyEntra        = "entra"
	KeyNetwork      = "network"
	KeyCluster      = "cluster"
	KeyRegistry     = "registry"
	KeyKeyVault     = "keyVault"
	KeyMonitoring   = "monitoring"
	KeyBastion      = "bastion"
	KeyBuildAgent   = "buildAgent"
	KeyWorkloads    = "workloads"
	KeyVaultSecrets = "vaultSecrets" // secret: set with `pulumi config set --secret --path`
)

// objectKeys are the keys decoded through viper, in documentation order.
var objectKeys = []string{KeyEnvironment, KeyEntra, KeyNetwork, KeyCluster, KeyRegistry, KeyKeyVault, KeyMonitoring,
	KeyBastion, KeyBuildAgent, KeyWorkloads}

// Config is one validated environment.
type Config struct {
	Environment Environment `mapstructure:"environment" json:"environment" pulumi:"environment,optional"`
	Entra       Entra       `mapstructure:"entra" json:"entra" pulumi:"entra,optional"`
	Network     Network     `mapstructure:"network" json:"network" pulumi:"network,optional"`
	Cluster     Cluster     `mapstructure:"cluster" json:"cluster" pulumi:"cluster,optional"`
	Registry    Registry    `mapstructure:"registry" json:"registry" pulumi:"registry,optional"`
	KeyVault    KeyVault    `mapstructure:"keyVault" json:"keyVault" pulumi:"keyVault,optional"`
	Monitoring  Monitoring  `mapstructure:"monitoring" json:"monitoring" pulumi:"monitoring,optional"`
	Bastion     Bastion     `mapstructure:"bastion" json:"bastion" pulumi:"bastion,optional"`
	BuildAgent  BuildAgent  `mapstructure:"buildAgent" json:"buildAgent" pulumi:"buildAgent,optional"`
	Workloads   []Workload  `mapstructure:"workloads" json:"workloads" pulumi:"workloads,optional"`

	// VaultSecrets are written into Key Vault; their values never leave Secret.
	VaultSecrets []Secret `mapstructure:"-" json:"-"`
	// Names are the Azure names derived for this stack.
	Names Names `mapstructure:"-" json:"-"`
}

// Environment says where the environment lives and how it is protected.
type Environment struct {
	// Name is the short environment name (2–10 lowercase letters and digits) used in every derived Azure name.
	Name string `mapstructure:"name" json:"name" pulumi:"name,optional"`
	// Location is the Azure region, e.g. "westeurope". Required.
	Location string `mapstructure:"location" json:"location" pulumi:"location,optional"`
	// ResourceGroupName defaults to "rg-hardaks-<name>".
	ResourceGroupName string `mapstructure:"resourceGroupName" json:"resourceGroupName" pulumi:"resourceGroupName,optional"`
	// AvailabilityZones default to ["1","2","3"] in regions with zones, none elsewhere.
	AvailabilityZones []string `mapstructure:"availabilityZones" json:"availabilityZones" pulumi:"availabilityZones,optional"`
	// Production protects stateful resources (Pulumi protect) and is expected to use the Standard AKS tier.
	Production bool `mapstructure:"production" json:"production" pulumi:"production,optional"`
	// Locks adds CanNotDelete management locks on the registry and the vault.
	Locks bool `mapstructure:"locks" json:"locks" pulumi:"locks,optional"`
	// Tags go on every resource, beside the tags hardaks sets.
	Tags map[string]string `mapstructure:"tags" json:"tags" pulumi:"tags,optional"`
}

// Entra holds the tenant and the groups that administer and use the cluster.
type Entra struct {
	// TenantID is the Entra tenant of the cluster and the vault.
	TenantID string `mapstructure:"tenantId" json:"tenantId" pulumi:"tenantId,optional"`
	// AdminGroupObjectIDs are the Entra groups that administer the cluster (at least one).
	AdminGroupObjectIDs []string `mapstructure:"adminGroupObjectIds" json:"adminGroupObjectIds" pulumi:"adminGroupObjectIds,optional"`
	// ReaderGroupObjectIDs are the Entra groups that read the whole cluster.
	ReaderGroupObjectIDs []string `mapstructure:"readerGroupObjectIds" json:"readerGroupObjectIds" pulumi:"readerGroupObjectIds,optional"`
	// WriterGroupObjectIDs are the Entra groups that deploy, in writerNamespaces or the whole cluster.
	WriterGroupObjectIDs []string `mapstructure:"writerGroupObjectIds" json:"writerGroupObjectIds" pulumi:"writerGroupObjectIds,optional"`
	// WriterNamespaces, when set, scope the writer groups' role to these namespaces instead of the whole cluster.
	WriterNamespaces []string `mapstructure:"writerNamespaces" json:"writerNamespaces" pulumi:"writerNamespaces,optional"`
}

// Network is the address plan and the egress path.
type Network struct {
	AddressSpace string  `mapstructure:"addressSpace" json:"addressSpace" pulumi:"addressSpace,optional"`
	Subnets      Subnets `mapstructure:"subnets" json:"subnets" pulumi:"subnets,optional"`
	// Egress is how the node and build agent subnets reach the internet: EgressNatGateway (default),
	// EgressFirewall or EgressHubFirewall.
	Egress          string          `mapstructure:"egress" json:"egress" pulumi:"egress,optional"`
	NatGateway      NatGateway      `mapstructure:"natGateway" json:"natGateway" pulumi:"natGateway,optional"`
	Firewall        Firewall        `mapstructure:"firewall" json:"firewall" pulumi:"firewall,optional"`
	HubFirewall     HubFirewall     `mapstructure:"hubFirewall" json:"hubFirewall" pulumi:"hubFirewall,optional"`
	PrivateDNSZones PrivateDNSZones `mapstructure:"privateDnsZones" json:"privateDnsZones" pulumi:"privateDnsZones,optional"`
}

// Egress paths of network.egress.
const (
	// EgressNatGateway sends egress through the NAT gateway (or, with network.natGateway.enabled false, the
	// cluster's load balancer).
	EgressNatGateway = "natGateway"
	// EgressFirewall creates an Azure Firewall in AzureFirewallSubnet and routes egress through it.
	EgressFirewall = "firewall"
	// EgressHubFirewall routes egress to an existing firewall in a peered hub, at network.hubFirewall.privateIp.
	EgressHubFirewall = "hubFirewall"
)

// RoutesThroughFirewall reports whether egress is routed to a firewall (hardaks's own or a hub's), so the node and
// agent subnets get the default route and the cluster userDefinedRouting.
func (n Network) RoutesThroughFirewall() bool {
	return n.Egress == EgressFirewall || n.Egress == EgressHubFirewall
}

// Firewall is the Azure Firewall of egress firewall.
type Firewall struct {
	// Sku is Standard (default) or Premium.
	Sku string `mapstructure:"sku" json:"sku" pulumi:"sku,optional"`
}

// HubFirewall is the existing firewall of egress hubFirewall.
type HubFirewall struct {
	// PrivateIP is the hub firewall's private address, the next hop of the default route.
	PrivateIP string `mapstructure:"privateIp" json:"privateIp" pulumi:"privateIp,optional"`
}

// Subnets are the CIDR prefixes of the environment's subnets.
type Subnets struct {
	// Nodes is the node pools' subnet.
	Nodes string `mapstructure:"nodes" json:"nodes" pulumi:"nodes,optional"`
	// PrivateEndpoints is the private endpoint subnet.
	PrivateEndpoints string `mapstructure:"privateEndpoints" json:"privateEndpoints" pulumi:"privateEndpoints,optional"`
	// Bastion is AzureBastionSubnet: /26 or larger.
	Bastion string `mapstructure:"bastion" json:"bastion" pulumi:"bastion,optional"`
	// BuildAgents is the build agent subnet.
	BuildAgents string `mapstructure:"buildAgents" json:"buildAgents" pulumi:"buildAgents,optional"`
	// Firewall is AzureFirewallSubnet, /26 or larger; only with egress firewall.
	Firewall string `mapstructure:"firewall" json:"firewall" pulumi:"firewall,optional"`
}

// NatGateway gives the node and build-agent subnets egress through a public IP prefix.
type NatGateway struct {
	Enabled              bool `mapstructure:"enabled" json:"enabled" pulumi:"enabled,optional"`
	IdleTimeoutMinutes   int  `mapstructure:"idleTimeoutMinutes" json:"idleTimeoutMinutes" pulumi:"idleTimeoutMinutes,optional"`
	PublicIPPrefixLength int  `mapstructure:"publicIpPrefixLength" json:"publicIpPrefixLength" pulumi:"publicIpPrefixLength,optional"`
}

// PrivateDNSZones name existing zones (hub-and-spoke) to use instead of creating them.
type PrivateDNSZones struct {
	// RegistryZoneID is an existing privatelink.azurecr.io zone.
	RegistryZoneID string `mapstructure:"registryZoneId" json:"registryZoneId" pulumi:"registryZoneId,optional"`
	// KeyVaultZoneID is an existing privatelink.vaultcore.azure.net zone.
	KeyVaultZoneID string `mapstructure:"keyVaultZoneId" json:"keyVaultZoneId" pulumi:"keyVaultZoneId,optional"`
	// ClusterZoneID is an existing privatelink.<region>.azmk8s.io zone, with cluster.privateDnsZone custom.
	ClusterZoneID string `mapstructure:"clusterZoneId" json:"clusterZoneId" pulumi:"clusterZoneId,optional"`
}

// Cluster is the AKS cluster.
type Cluster struct {
	KubernetesVersion string `mapstructure:"kubernetesVersion" json:"kubernetesVersion" pulumi:"kubernetesVersion,optional"`
	// SkuTier is "Standard" (uptime SLA) or "Free" (dev only).
	SkuTier string `mapstructure:"skuTier" json:"skuTier" pulumi:"skuTier,optional"`
	// PrivateDNSZone is "system" or "custom" (then clusterZoneId or a created privatelink.<region>.azmk8s.io zone).
	PrivateDNSZone   string `mapstructure:"privateDnsZone" json:"privateDnsZone" pulumi:"privateDnsZone,optional"`
	ServiceCIDR      string `mapstructure:"serviceCidr" json:"serviceCidr" pulumi:"serviceCidr,optional"`
	PodCIDR          string `mapstructure:"podCidr" json:"podCidr" pulumi:"podCidr,optional"`
	DNSServiceIP     string `mapstructure:"dnsServiceIp" json:"dnsServiceIp" pulumi:"dnsServiceIp,optional"`
	NetworkDataplane string `mapstructure:"networkDataplane" json:"networkDataplane" pulumi:"networkDataplane,optional"`
	NetworkPolicy    string `mapstructure:"networkPolicy" json:"networkPolicy" pulumi:"networkPolicy,optional"`
	// OutboundType defaults to userDefinedRouting with a firewall egress, else to userAssignedNATGateway when the
	// NAT gateway is enabled, else loadBalancer.
	OutboundType         string            `mapstructure:"outboundType" json:"outboundType" pulumi:"outboundType,optional"`
	UpgradeChannel       string            `mapstructure:"upgradeChannel" json:"upgradeChannel" pulumi:"upgradeChannel,optional"`
	NodeOSUpgradeChannel string            `mapstructure:"nodeOsUpgradeChannel" json:"nodeOsUpgradeChannel" pulumi:"nodeOsUpgradeChannel,optional"`
	MaintenanceWindow    MaintenanceWindow `mapstructure:"maintenanceWindow" json:"maintenanceWindow" pulumi:"maintenanceWindow,optional"`
	// SecretRotationInterval is the CSI driver's rotationPollInterval, e.g. "2m".
	SecretRotationInterval string `mapstructure:"secretRotationInterval" json:"secretRotationInterval" pulumi:"secretRotationInterval,optional"`
	// PodSecurity is the Pod Security Standard the Azure Policy add-on enforces: baseline (the component's default
	// when empty), restricted or audit.
	PodSecurity        string   `mapstructure:"podSecurity" json:"podSecurity" pulumi:"podSecurity,optional"`
	AuditLogCategories []string `mapstructure:"auditLogCategories" json:"auditLogCategories" pulumi:"auditLogCategories,optional"`
	// RequireZones rejects node pools without zones in a region that has zones.
	RequireZones bool       `mapstructure:"requireZones" json:"requireZones" pulumi:"requireZones,optional"`
	SystemPool   NodePool   `mapstructure:"systemPool" json:"systemPool" pulumi:"systemPool,optional"`
	UserPools    []NodePool `mapstructure:"userPools" json:"userPools" pulumi:"userPools,optional"`
}

// MaintenanceWindow is a weekly planned-maintenance window.
type MaintenanceWindow struct {
	// DayOfWeek is Monday to Sunday.
	DayOfWeek string `mapstructure:"dayOfWeek" json:"dayOfWeek" pulumi:"dayOfWeek,optional"`
	// StartTime is HH:MM in UTCOffset.
	StartTime string `mapstructure:"startTime" json:"startTime" pulumi:"startTime,optional"`
	// DurationHours is 4-24.
	DurationHours int `mapstructure:"durationHours" json:"durationHours" pulumi:"durationHours,optional"`
	// UTCOffset is +HH:MM or -HH:MM.
	UTCOffset string `mapstructure:"utcOffset" json:"utcOffset" pulumi:"utcOffset,optional"`
	// IntervalWeeks is 1-4: the window recurs every IntervalWeeks weeks.
	IntervalWeeks int `mapstructure:"intervalWeeks" json:"intervalWeeks" pulumi:"intervalWeeks,optional"`
}

// NodePool is one AKS node pool.
type NodePool struct {
	// Name is 1–12 lowercase letters and digits, starting with a letter.
	Name string `mapstructure:"name" json:"name" pulumi:"name,optional"`
	// VMSize is a Generation 2 x64 VM size.
	VMSize string `mapstructure:"vmSize" json:"vmSize" pulumi:"vmSize,optional"`
	// MinCount is the autoscaler's minimum (at least 1 for the system pool).
	MinCount int `mapstructure:"minCount" json:"minCount" pulumi:"minCount,optional"`
	// MaxCount is the autoscaler's maximum.
	MaxCount int `mapstructure:"maxCount" json:"maxCount" pulumi:"maxCount,optional"`
	// OSDiskType is "auto" (Ephemeral when the VM size's cache or temp disk holds the OS disk, else Managed),
	// "Ephemeral" or "Managed". After Load it is always Ephemeral or Managed.
	OSDiskType string `mapstructure:"osDiskType" json:"osDiskType" pulumi:"osDiskType,optional"`
	// OSDiskSizeGB is the OS disk size in GB.
	OSDiskSizeGB int `mapstructure:"osDiskSizeGb" json:"osDiskSizeGb" pulumi:"osDiskSizeGb,optional"`
	// MaxSurge is the upgrade surge, a count or a percentage.
	MaxSurge string `mapstructure:"maxSurge" json:"maxSurge" pulumi:"maxSurge,optional"`
	// MaxPods per node, 10-250.
	MaxPods int `mapstructure:"maxPods" json:"maxPods" pulumi:"maxPods,optional"`
	// Zones are the availability zones the pool spans.
	Zones []string `mapstructure:"zones" json:"zones" pulumi:"zones,optional"`
	// Labels are Kubernetes node labels.
	Labels map[string]string `mapstructure:"labels" json:"labels" pulumi:"labels,optional"`
	// Taints are key=value:effect node taints.
	Taints []string `mapstructure:"taints" json:"taints" pulumi:"taints,optional"`
}

// Registry is the Azure Container Registry.
type Registry struct {
	// Name overrides the derived globally unique name (5–50 alphanumerics).
	Name string `mapstructure:"name" json:"name" pulumi:"name,optional"`
	// ZoneRedundancy spreads the registry over availability zones; fixed at creation.
	ZoneRedundancy bool `mapstructure:"zoneRedundancy" json:"zoneRedundancy" pulumi:"zoneRedundancy,optional"`
	// UntaggedRetentionDays is how long untagged manifests are kept, 0-365.
	UntaggedRetentionDays int `mapstructure:"untaggedRetentionDays" json:"untaggedRetentionDays" pulumi:"untaggedRetentionDays,optional"`
	// Quarantine holds pushed images back until a scanner passes them.
	Quarantine bool `mapstructure:"quarantine" json:"quarantine" pulumi:"quarantine,optional"`
	// ContentTrust turns on Docker Content Trust, which Azure has deprecated.
	ContentTrust bool `mapstructure:"contentTrust" json:"contentTrust" pulumi:"contentTrust,optional"`
}

// KeyVault is the environment's vault.
type KeyVault struct {
	// Name overrides the derived globally unique name (3–24 letters, digits and hyphens).
	Name string `mapstructure:"name" json:"name" pulumi:"name,optional"`
	// Sku is "standard" or "premium" (HSM-backed keys).
	Sku string `mapstructure:"sku" json:"sku" pulumi:"sku,optional"`
	// CSIAddonAccess grants the Secrets Store CSI add-on identity Key Vault Secrets User on the vault.
	CSIAddonAccess bool `mapstructure:"csiAddonAccess" json:"csiAddonAccess" pulumi:"csiAddonAccess,optional"`
	// NameGeneration, when above 0, derives a new vault name: after `pulumi destroy` the purge-protected vault stays
	// soft-deleted and keeps its name for its 90-day retention, so re-creating the stack needs another name.
	NameGeneration int `mapstructure:"nameGeneration" json:"nameGeneration" pulumi:"nameGeneration,optional"`
}

// Monitoring is the Log Analytics workspace.
type Monitoring struct {
	// RetentionInDays is 30-730.
	RetentionInDays int `mapstructure:"retentionInDays" json:"retentionInDays" pulumi:"retentionInDays,optional"`
}

// Bastion is Azure Bastion.
type Bastion struct {
	// Sku is Standard (default) or Premium; native-client tunneling needs one of them.
	Sku string `mapstructure:"sku" json:"sku" pulumi:"sku,optional"`
	// IPConnect allows connections to private IP addresses rather than resources.
	IPConnect bool `mapstructure:"ipConnect" json:"ipConnect" pulumi:"ipConnect,optional"`
	// CopyPaste allows the clipboard in browser sessions.
	CopyPaste bool `mapstructure:"copyPaste" json:"copyPaste" pulumi:"copyPaste,optional"`
	// ScaleUnits is 2-50 Bastion instances.
	ScaleUnits int `mapstructure:"scaleUnits" json:"scaleUnits" pulumi:"scaleUnits,optional"`
}

// BuildAgent is the self-hosted CI agent pool inside the VNet.
type BuildAgent struct {
	Enabled       bool   `mapstructure:"enabled" json:"enabled" pulumi:"enabled,optional"`
	Count         int    `mapstructure:"count" json:"count" pulumi:"count,optional"`
	VMSize        string `mapstructure:"vmSize" json:"vmSize" pulumi:"vmSize,optional"`
	AdminUsername string `mapstructure:"adminUsername" json:"adminUsername" pulumi:"adminUsername,optional"`
	// SSHPublicKey is an ssh-ed25519 key or an ssh-rsa key of at least 3072 bits (public, not a secret).
	SSHPublicKey string `mapstructure:"sshPublicKey" json:"sshPublicKey" pulumi:"sshPublicKey,optional"`
	// KubernetesRole is "writer" (default), "reader", "admin" or "clusterAdmin": the Azure RBAC role the agents
	// deploy with, on each of KubernetesNamespaces; clusterAdmin is cluster-wide.
	KubernetesRole string `mapstructure:"kubernetesRole" json:"kubernetesRole" pulumi:"kubernetesRole,optional"`
	// KubernetesNamespaces are the namespaces the agents may deploy to; unset means the workloads' namespaces.
	KubernetesNamespaces []string `mapstructure:"kubernetesNamespaces" json:"kubernetesNamespaces" pulumi:"kubernetesNamespaces,optional"`
	// RegistrationTokenSecret is the Key Vault secret that holds the CI system's token.
	RegistrationTokenSecret string `mapstructure:"registrationTokenSecret" json:"registrationTokenSecret" pulumi:"registrationTokenSecret,optional"`
	CI                      CI     `mapstructure:"ci" json:"ci" pulumi:"ci,optional"`
}

// CI names the CI system the agents register with.
type CI struct {
	// System is "azureDevOps" or "githubActions".
	System string `mapstructure:"system" json:"system" pulumi:"system,optional"`
	// URL is the Azure DevOps organization URL or the GitHub repository or organization URL.
	URL string `mapstructure:"url" json:"url" pulumi:"url,optional"`
	// Pool is the Azure DevOps agent pool.
	Pool string `mapstructure:"pool" json:"pool" pulumi:"pool,optional"`
	// Labels are the GitHub runner labels.
	Labels []string `mapstructure:"labels" json:"labels" pulumi:"labels,optional"`
}

// Workload is an application that reads vault objects through workload identity.
type Workload struct {
	// Name is a DNS label of at most 60 characters; it names the identity and the SecretProviderClass.
	Name string `mapstructure:"name" json:"name" pulumi:"name,optional"`
	// Namespace is the Kubernetes namespace of the workload's ServiceAccount.
	Namespace string `mapstructure:"namespace" json:"namespace" pulumi:"namespace,optional"`
	// ServiceAccount is the Kubernetes ServiceAccount the identity trusts.
	ServiceAccount string `mapstructure:"serviceAccount" json:"serviceAccount" pulumi:"serviceAccount,optional"`
	// Secrets are the vault secrets the workload reads.
	Secrets []string `mapstructure:"secrets" json:"secrets" pulumi:"secrets,optional"`
	// Certificates are the vault certificates the workload reads.
	Certificates []string `mapstructure:"certificates" json:"certificates" pulumi:"certificates,optional"`
}

// Secret is a value from secret stack config. It prints as "[secret]" so it cannot leak through logs or errors.
type Secret struct {
	Name  string
	value string
}

// Value returns the plaintext, for wrapping in pulumi.ToSecret and nothing else.
func (s Secret) Value() string { return s.value }

// String hides the value.
func (s Secret) String() string { return s.Name + "=[secret]" }

// GoString hides the value from %#v too.
func (s Secret) GoString() string { return s.String() }
