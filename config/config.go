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
	Environment Environment `mapstructure:"environment" json:"environment"`
	Entra       Entra       `mapstructure:"entra" json:"entra"`
	Network     Network     `mapstructure:"network" json:"network"`
	Cluster     Cluster     `mapstructure:"cluster" json:"cluster"`
	Registry    Registry    `mapstructure:"registry" json:"registry"`
	KeyVault    KeyVault    `mapstructure:"keyVault" json:"keyVault"`
	Monitoring  Monitoring  `mapstructure:"monitoring" json:"monitoring"`
	Bastion     Bastion     `mapstructure:"bastion" json:"bastion"`
	BuildAgent  BuildAgent  `mapstructure:"buildAgent" json:"buildAgent"`
	Workloads   []Workload  `mapstructure:"workloads" json:"workloads"`

	// VaultSecrets are written into Key Vault; their values never leave Secret.
	VaultSecrets []Secret `mapstructure:"-" json:"-"`
	// Names are the Azure names derived for this stack.
	Names Names `mapstructure:"-" json:"-"`
}

// Environment says where the environment lives and how it is protected.
type Environment struct {
	// Name is the short environment name (2–10 lowercase letters and digits) used in every derived Azure name.
	Name string `mapstructure:"name" json:"name"`
	// Location is the Azure region, e.g. "westeurope". Required.
	Location string `mapstructure:"location" json:"location"`
	// ResourceGroupName defaults to "rg-hardaks-<name>".
	ResourceGroupName string `mapstructure:"resourceGroupName" json:"resourceGroupName"`
	// AvailabilityZones default to ["1","2","3"] in regions with zones, none elsewhere.
	AvailabilityZones []string `mapstructure:"availabilityZones" json:"availabilityZones"`
	// Production protects stateful resources (Pulumi protect) and is expected to use the Standard AKS tier.
	Production bool `mapstructure:"production" json:"production"`
	// Locks adds CanNotDelete management locks on the registry and the vault.
	Locks bool              `mapstructure:"locks" json:"locks"`
	Tags  map[string]string `mapstructure:"tags" json:"tags"`
}

// Entra holds the tenant and the groups that administer and use the cluster.
type Entra struct {
	TenantID             string   `mapstructure:"tenantId" json:"tenantId"`
	AdminGroupObjectIDs  []string `mapstructure:"adminGroupObjectIds" json:"adminGroupObjectIds"`
	ReaderGroupObjectIDs []string `mapstructure:"readerGroupObjectIds" json:"readerGroupObjectIds"`
	WriterGroupObjectIDs []string `mapstructure:"writerGroupObjectIds" json:"writerGroupObjectIds"`
	// WriterNamespaces, when set, scope the writer groups' role to these namespaces instead of the whole cluster.
	WriterNamespaces []string `mapstructure:"writerNamespaces" json:"writerNamespaces"`
}

// Network is the address plan and the egress path.
type Network struct {
	AddressSpace string  `mapstructure:"addressSpace" json:"addressSpace"`
	Subnets      Subnets `mapstructure:"subnets" json:"subnets"`
	// Egress is how the node and build agent subnets reach the internet: EgressNatGateway (default),
	// EgressFirewall or EgressHubFirewall.
	Egress          string          `mapstructure:"egress" json:"egress"`
	NatGateway      NatGateway      `mapstructure:"natGateway" json:"natGateway"`
	Firewall        Firewall        `mapstructure:"firewall" json:"firewall"`
	HubFirewall     HubFirewall     `mapstructure:"hubFirewall" json:"hubFirewall"`
	PrivateDNSZones PrivateDNSZones `mapstructure:"privateDnsZones" json:"privateDnsZones"`
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
	Sku string `mapstructure:"sku" json:"sku"`
}

// HubFirewall is the existing firewall of egress hubFirewall.
type HubFirewall struct {
	PrivateIP string `mapstructure:"privateIp" json:"privateIp"`
}

// Subnets are the CIDR prefixes of the environment's subnets.
type Subnets struct {
	Nodes            string `mapstructure:"nodes" json:"nodes"`
	PrivateEndpoints string `mapstructure:"privateEndpoints" json:"privateEndpoints"`
	// Bastion is AzureBastionSubnet: /26 or larger.
	Bastion     string `mapstructure:"bastion" json:"bastion"`
	BuildAgents string `mapstructure:"buildAgents" json:"buildAgents"`
	// Firewall is AzureFirewallSubnet, /26 or larger; only with egress firewall.
	Firewall string `mapstructure:"firewall" json:"firewall"`
}

// NatGateway gives the node and build-agent subnets egress through a public IP prefix.
type NatGateway struct {
	Enabled              bool `mapstructure:"enabled" json:"enabled"`
	IdleTimeoutMinutes   int  `mapstructure:"idleTimeoutMinutes" json:"idleTimeoutMinutes"`
	PublicIPPrefixLength int  `mapstructure:"publicIpPrefixLength" json:"publicIpPrefixLength"`
}

// PrivateDNSZones name existing zones (hub-and-spoke) to use instead of creating them.
type PrivateDNSZones struct {
	RegistryZoneID string `mapstructure:"registryZoneId" json:"registryZoneId"`
	KeyVaultZoneID string `mapstructure:"keyVaultZoneId" json:"keyVaultZoneId"`
	ClusterZoneID  string `mapstructure:"clusterZoneId" json:"clusterZoneId"`
}

// Cluster is the AKS cluster.
type Cluster struct {
	KubernetesVersion string `mapstructure:"kubernetesVersion" json:"kubernetesVersion"`
	// SkuTier is "Standard" (uptime SLA) or "Free" (dev only).
	SkuTier string `mapstructure:"skuTier" json:"skuTier"`
	// PrivateDNSZone is "system" or "custom" (then clusterZoneId or a created privatelink.<region>.azmk8s.io zone).
	PrivateDNSZone   string `mapstructure:"privateDnsZone" json:"privateDnsZone"`
	ServiceCIDR      string `mapstructure:"serviceCidr" json:"serviceCidr"`
	PodCIDR          string `mapstructure:"podCidr" json:"podCidr"`
	DNSServiceIP     string `mapstructure:"dnsServiceIp" json:"dnsServiceIp"`
	NetworkDataplane string `mapstructure:"networkDataplane" json:"networkDataplane"`
	NetworkPolicy    string `mapstructure:"networkPolicy" json:"networkPolicy"`
	// OutboundType defaults to userDefinedRouting with a firewall egress, else to userAssignedNATGateway when the
	// NAT gateway is enabled, else loadBalancer.
	OutboundType         string            `mapstructure:"outboundType" json:"outboundType"`
	UpgradeChannel       string            `mapstructure:"upgradeChannel" json:"upgradeChannel"`
	NodeOSUpgradeChannel string            `mapstructure:"nodeOsUpgradeChannel" json:"nodeOsUpgradeChannel"`
	MaintenanceWindow    MaintenanceWindow `mapstructure:"maintenanceWindow" json:"maintenanceWindow"`
	// SecretRotationInterval is the CSI driver's rotationPollInterval, e.g. "2m".
	SecretRotationInterval string `mapstructure:"secretRotationInterval" json:"secretRotationInterval"`
	// PodSecurity is the Pod Security Standard the Azure Policy add-on enforces: baseline (the component's default
	// when empty), restricted or audit.
	PodSecurity        string   `mapstructure:"podSecurity" json:"podSecurity"`
	AuditLogCategories []string `mapstructure:"auditLogCategories" json:"auditLogCategories"`
	// RequireZones rejects node pools without zones in a region that has zones.
	RequireZones bool       `mapstructure:"requireZones" json:"requireZones"`
	SystemPool   NodePool   `mapstructure:"systemPool" json:"systemPool"`
	UserPools    []NodePool `mapstructure:"userPools" json:"userPools"`
}

// MaintenanceWindow is a weekly planned-maintenance window.
type MaintenanceWindow struct {
	DayOfWeek     string `mapstructure:"dayOfWeek" json:"dayOfWeek"`
	StartTime     string `mapstructure:"startTime" json:"startTime"`
	DurationHours int    `mapstructure:"durationHours" json:"durationHours"`
	UTCOffset     string `mapstructure:"utcOffset" json:"utcOffset"`
	IntervalWeeks int    `mapstructure:"intervalWeeks" json:"intervalWeeks"`
}

// NodePool is one AKS node pool.
type NodePool struct {
	// Name is 1–12 lowercase letters and digits, starting with a letter.
	Name     string `mapstructure:"name" json:"name"`
	VMSize   string `mapstructure:"vmSize" json:"vmSize"`
	MinCount int    `mapstructure:"minCount" json:"minCount"`
	MaxCount int    `mapstructure:"maxCount" json:"maxCount"`
	// OSDiskType is "auto" (Ephemeral when the VM size's cache or temp disk holds the OS disk, else Managed),
	// "Ephemeral" or "Managed". After Load it is always Ephemeral or Managed.
	OSDiskType   string            `mapstructure:"osDiskType" json:"osDiskType"`
	OSDiskSizeGB int               `mapstructure:"osDiskSizeGb" json:"osDiskSizeGb"`
	MaxSurge     string            `mapstructure:"maxSurge" json:"maxSurge"`
	MaxPods      int               `mapstructure:"maxPods" json:"maxPods"`
	Zones        []string          `mapstructure:"zones" json:"zones"`
	Labels       map[string]string `mapstructure:"labels" json:"labels"`
	Taints       []string          `mapstructure:"taints" json:"taints"`
}

// Registry is the Azure Container Registry.
type Registry struct {
	// Name overrides the derived globally unique name (5–50 alphanumerics).
	Name                  string `mapstructure:"name" json:"name"`
	ZoneRedundancy        bool   `mapstructure:"zoneRedundancy" json:"zoneRedundancy"`
	UntaggedRetentionDays int    `mapstructure:"untaggedRetentionDays" json:"untaggedRetentionDays"`
	Quarantine            bool   `mapstructure:"quarantine" json:"quarantine"`
	ContentTrust          bool   `mapstructure:"contentTrust" json:"contentTrust"`
}

// KeyVault is the environment's vault.
type KeyVault struct {
	// Name overrides the derived globally unique name (3–24 letters, digits and hyphens).
	Name string `mapstructure:"name" json:"name"`
	// Sku is "standard" or "premium" (HSM-backed keys).
	Sku string `mapstructure:"sku" json:"sku"`
	// CSIAddonAccess grants the Secrets Store CSI add-on identity Key Vault Secrets User on the vault.
	CSIAddonAccess bool `mapstructure:"csiAddonAccess" json:"csiAddonAccess"`
	// NameGeneration, when above 0, derives a new vault name: after `pulumi destroy` the purge-protected vault stays
	// soft-deleted and keeps its name for its 90-day retention, so re-creating the stack needs another name.
	NameGeneration int `mapstructure:"nameGeneration" json:"nameGeneration"`
}

// Monitoring is the Log Analytics workspace.
type Monitoring struct {
	RetentionInDays int `mapstructure:"retentionInDays" json:"retentionInDays"`
}

// Bastion is Azure Bastion.
type Bastion struct {
	Sku        string `mapstructure:"sku" json:"sku"`
	IPConnect  bool   `mapstructure:"ipConnect" json:"ipConnect"`
	CopyPaste  bool   `mapstructure:"copyPaste" json:"copyPaste"`
	ScaleUnits int    `mapstructure:"scaleUnits" json:"scaleUnits"`
}

// BuildAgent is the self-hosted CI agent pool inside the VNet.
type BuildAgent struct {
	Enabled       bool   `mapstructure:"enabled" json:"enabled"`
	Count         int    `mapstructure:"count" json:"count"`
	VMSize        string `mapstructure:"vmSize" json:"vmSize"`
	AdminUsername string `mapstructure:"adminUsername" json:"adminUsername"`
	// SSHPublicKey is an ssh-ed25519 key or an ssh-rsa key of at least 3072 bits (public, not a secret).
	SSHPublicKey string `mapstructure:"sshPublicKey" json:"sshPublicKey"`
	// KubernetesRole is "writer" (default), "reader", "admin" or "clusterAdmin": the Azure RBAC role the agents
	// deploy with, on each of KubernetesNamespaces; clusterAdmin is cluster-wide.
	KubernetesRole string `mapstructure:"kubernetesRole" json:"kubernetesRole"`
	// KubernetesNamespaces are the namespaces the agents may deploy to; unset means the workloads' namespaces.
	KubernetesNamespaces []string `mapstructure:"kubernetesNamespaces" json:"kubernetesNamespaces"`
	// RegistrationTokenSecret is the Key Vault secret that holds the CI system's token.
	RegistrationTokenSecret string `mapstructure:"registrationTokenSecret" json:"registrationTokenSecret"`
	CI                      CI     `mapstructure:"ci" json:"ci"`
}

// CI names the CI system the agents register with.
type CI struct {
	// System is "azureDevOps" or "githubActions".
	System string `mapstructure:"system" json:"system"`
	// URL is the Azure DevOps organization URL or the GitHub repository or organization URL.
	URL string `mapstructure:"url" json:"url"`
	// Pool is the Azure DevOps agent pool.
	Pool string `mapstructure:"pool" json:"pool"`
	// Labels are the GitHub runner labels.
	Labels []string `mapstructure:"labels" json:"labels"`
}

// Workload is an application that reads vault objects through workload identity.
type Workload struct {
	Name           string   `mapstructure:"name" json:"name"`
	Namespace      string   `mapstructure:"namespace" json:"namespace"`
	ServiceAccount string   `mapstructure:"serviceAccount" json:"serviceAccount"`
	Secrets        []string `mapstructure:"secrets" json:"secrets"`
	Certificates   []string `mapstructure:"certificates" json:"certificates"`
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
