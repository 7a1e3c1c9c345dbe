package stacks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/azureclient"
)

// EnvironmentArgs configure a whole environment for a program in any Pulumi language: the sections and keys of
// the stack configuration (README, Configuration), each of which takes the configuration's default when left out.
// config.Load reads them, so the defaults, the rules and the messages are the configuration's.
type EnvironmentArgs struct {
	// Environment names the environment and its region: name, location, resourceGroupName, availabilityZones,
	// production, locks and tags.
	Environment config.Environment `json:"environment" pulumi:"environment"`
	// Entra is the tenant and the groups that administer, write to and read the cluster.
	Entra config.Entra `json:"entra" pulumi:"entra"`
	// Network is the VNet, its subnets, the egress and the private DNS zones.
	Network *NetworkSettings `json:"network,omitempty" pulumi:"network,optional"`
	// Cluster is the AKS cluster and its node pools.
	Cluster *ClusterSettings `json:"cluster,omitempty" pulumi:"cluster,optional"`
	// Registry is the container registry.
	Registry *config.Registry `json:"registry,omitempty" pulumi:"registry,optional"`
	// KeyVault is the key vault.
	KeyVault *config.KeyVault `json:"keyVault,omitempty" pulumi:"keyVault,optional"`
	// Monitoring is the Log Analytics workspace.
	Monitoring *config.Monitoring `json:"monitoring,omitempty" pulumi:"monitoring,optional"`
	// Bastion is Azure Bastion.
	Bastion *config.Bastion `json:"bastion,omitempty" pulumi:"bastion,optional"`
	// BuildAgent is the self-hosted CI agents inside the VNet.
	BuildAgent *BuildAgentSettings `json:"buildAgent,omitempty" pulumi:"buildAgent,optional"`
	// Workloads are the applications that read vault objects through workload identity.
	Workloads []config.Workload `json:"workloads,omitempty" pulumi:"workloads,optional"`
}

// NetworkSettings are the network section (README, hardaks:network).
type NetworkSettings struct {
	// AddressSpace is the VNet's IPv4 CIDR.
	AddressSpace string `json:"addressSpace,omitempty" pulumi:"addressSpace,optional"`
	// Subnets are the subnet prefixes.
	Subnets *config.Subnets `json:"subnets,omitempty" pulumi:"subnets,optional"`
	// Egress is natGateway (default), firewall or hubFirewall.
	Egress string `json:"egress,omitempty" pulumi:"egress,optional"`
	// NatGateway is the NAT gateway of the natGateway egress.
	NatGateway *NatGatewaySettings `json:"natGateway,omitempty" pulumi:"natGateway,optional"`
	// Firewall is the Azure Firewall of the firewall egress.
	Firewall *config.Firewall `json:"firewall,omitempty" pulumi:"firewall,optional"`
	// HubFirewall is the hub's firewall of the hubFirewall egress.
	HubFirewall *config.HubFirewall `json:"hubFirewall,omitempty" pulumi:"hubFirewall,optional"`
	// PrivateDNSZones are existing (hub) private DNS zones to use instead of creating them.
	PrivateDNSZones *config.PrivateDNSZones `json:"privateDnsZones,omitempty" pulumi:"privateDnsZones,optional"`
}

// NatGatewaySettings are network.natGateway.
type NatGatewaySettings struct {
	// Enabled is true unless set to false.
	Enabled *bool `json:"enabled,omitempty" pulumi:"enabled,optional"`
	// IdleTimeoutMinutes is the TCP idle timeout, 4-120.
	IdleTimeoutMinutes int `json:"idleTimeoutMinutes,omitempty" pulumi:"idleTimeoutMinutes,optional"`
	// PublicIPPrefixLength is the outbound prefix length, 28-31.
	PublicIPPrefixLength int `json:"publicIpPrefixLength,omitempty" pulumi:"publicIpPrefixLength,optional"`
}

// ClusterSettings are the cluster section (README, hardaks:cluster).
type ClusterSettings struct {
	// KubernetesVersion pins MAJOR.MINOR[.PATCH]; unset takes AKS's default.
	KubernetesVersion string `json:"kubernetesVersion,omitempty" pulumi:"kubernetesVersion,optional"`
	// SkuTier is Standard (default) or Free.
	SkuTier string `json:"skuTier,omitempty" pulumi:"skuTier,optional"`
	// PrivateDNSZone is system (default), create or custom.
	PrivateDNSZone string `json:"privateDnsZone,omitempty" pulumi:"privateDnsZone,optional"`
	// ServiceCIDR is the Kubernetes service range.
	ServiceCIDR string `json:"serviceCidr,omitempty" pulumi:"serviceCidr,optional"`
	// PodCIDR is the overlay pod range.
	PodCIDR string `json:"podCidr,omitempty" pulumi:"podCidr,optional"`
	// DNSServiceIP is the cluster DNS address, inside serviceCidr.
	DNSServiceIP string `json:"dnsServiceIp,omitempty" pulumi:"dnsServiceIp,optional"`
	// NetworkDataplane is cilium (default) or azure.
	NetworkDataplane string `json:"networkDataplane,omitempty" pulumi:"networkDataplane,optional"`
	// NetworkPolicy is the dataplane's own engine unless set (calico with the azure dataplane).
	NetworkPolicy string `json:"networkPolicy,omitempty" pulumi:"networkPolicy,optional"`
	// OutboundType follows network.egress unless set.
	OutboundType string `json:"outboundType,omitempty" pulumi:"outboundType,optional"`
	// UpgradeChannel is patch (default), stable or rapid.
	UpgradeChannel string `json:"upgradeChannel,omitempty" pulumi:"upgradeChannel,optional"`
	// NodeOSUpgradeChannel is NodeImage (default) or SecurityPatch.
	NodeOSUpgradeChannel string `json:"nodeOsUpgradeChannel,omitempty" pulumi:"nodeOsUpgradeChannel,optional"`
	// MaintenanceWindow is the weekly window of node OS and cluster upgrades.
	MaintenanceWindow *config.MaintenanceWindow `json:"maintenanceWindow,omitempty" pulumi:"maintenanceWindow,optional"`
	// SecretRotationInterval is how often the CSI driver re-reads secrets, e.g. 2m.
	SecretRotationInterval string `json:"secretRotationInterval,omitempty" pulumi:"secretRotationInterval,optional"`
	// PodSecurity is baseline (default), restricted or audit.
	PodSecurity string `json:"podSecurity,omitempty" pulumi:"podSecurity,optional"`
	// AuditLogCategories are the control-plane logs sent to the workspace.
	AuditLogCategories []string `json:"auditLogCategories,omitempty" pulumi:"auditLogCategories,optional"`
	// RequireZones is true unless set to false: pools must list zones where the region has them.
	RequireZones *bool `json:"requireZones,omitempty" pulumi:"requireZones,optional"`
	// SystemPool is the System mode pool.
	SystemPool *config.NodePool `json:"systemPool,omitempty" pulumi:"systemPool,optional"`
	// UserPools are the User mode pools.
	UserPools []config.NodePool `json:"userPools,omitempty" pulumi:"userPools,optional"`
}

// BuildAgentSettings are the buildAgent section (README, hardaks:buildAgent).
type BuildAgentSettings struct {
	// Enabled is true unless set to false.
	Enabled *bool `json:"enabled,omitempty" pulumi:"enabled,optional"`
	// Count is the number of agent VMs, 1-10.
	Count int `json:"count,omitempty" pulumi:"count,optional"`
	// VMSize is the agents' VM size.
	VMSize string `json:"vmSize,omitempty" pulumi:"vmSize,optional"`
	// AdminUsername is the VMs' administrator.
	AdminUsername string `json:"adminUsername,omitempty" pulumi:"adminUsername,optional"`
	// SSHPublicKey is the administrator's ssh-ed25519 key, or ssh-rsa of at least 3072 bits.
	SSHPublicKey string `json:"sshPublicKey,omitempty" pulumi:"sshPublicKey,optional"`
	// KubernetesRole is writer (default), reader, admin or clusterAdmin.
	KubernetesRole string `json:"kubernetesRole,omitempty" pulumi:"kubernetesRole,optional"`
	// KubernetesNamespaces are where the agents deploy; unset means the workloads' namespaces.
	KubernetesNamespaces []string `json:"kubernetesNamespaces,omitempty" pulumi:"kubernetesNamespaces,optional"`
	// RegistrationTokenSecret is the Key Vault secret that holds the CI token.
	RegistrationTokenSecret string `json:"registrationTokenSecret,omitempty" pulumi:"registrationTokenSecret,optional"`
	// CI is the CI system the agents register with.
	CI *config.CI `json:"ci,omitempty" pulumi:"ci,optional"`
}

// source is args as stack configuration values (hardaks:<section> to JSON) with only the keys that are set, so
// config.Load fills the rest with its defaults.
func (args *EnvironmentArgs) source(project, stack, subscriptionID string) (config.Source, error) {
	src := config.Source{Project: project, Stack: stack, SubscriptionID: subscriptionID, Values: map[string]string{}}
	v := reflect.ValueOf(args).Elem()
	for i := range v.NumField() {
		key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		section := setValues(v.Field(i))
		if section == nil {
			continue
		}
		data, err := json.Marshal(section)
		if err != nil {
			return src, fmt.Errorf("stacks: environment argument %s: %w", key, err)
		}
		src.Values[config.Namespace+":"+key] = string(data)
	}
	return src, nil
}

// setValues is v without its zero values (a key left out), as JSON-ready values under their json keys; nil when
// nothing in v is set.
func setValues(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if v.Elem().Kind() == reflect.Bool { // a setting that is true unless set to false: false is set
			return v.Elem().Bool()
		}
		return setValues(v.Elem())
	case reflect.Struct:
		out := map[string]any{}
		for i := range v.NumField() {
			key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			if key == "" || key == "-" {
				continue
			}
			if value := setValues(v.Field(i)); value != nil {
				out[key] = value
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case reflect.Slice, reflect.Map:
		// An empty list that was given (no availability zones) is set; only a missing one is left out.
		if v.IsNil() {
			return nil
		}
		return v.Interface()
	}
	if v.IsZero() {
		return nil
	}
	return v.Interface()
}

// NewEnvironmentFromArgs builds the environment from typed arguments: what the component provider constructs for
// hardaks:index:Environment. The stack configuration of the program that calls it is not read.
func NewEnvironmentFromArgs(ctx *pulumi.Context, name string, args *EnvironmentArgs, opts ...pulumi.ResourceOption) (*Environment, error) {
	if args == nil {
		return nil, fmt.Errorf("stacks: environment args must not be nil")
	}
	client, err := azureclient.Get(ctx)
	if err != nil {
		return nil, err
	}
	src, err := args.source(ctx.Project(), ctx.Stack(), client.SubscriptionID)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(src)
	if err != nil {
		return nil, err
	}
	return NewEnvironment(ctx, name, cfg, opts...)
}
