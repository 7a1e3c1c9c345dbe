// Package cluster builds the private AKS cluster of a hardaks environment: a user-assigned control-plane identity
// with the roles AKS needs before it exists, the ManagedCluster (private API server, Entra ID only, Azure RBAC,
// workload identity, Azure CNI overlay), its user node pools, the node OS maintenance window, the audit
// diagnostic setting and Container Insights with managed identity authentication.
//
// Azure names derive from ClusterName (CAF abbreviations):
//
//	control-plane identity:  id-<clusterName>
//	DNS prefix:              <clusterName> (underscores become hyphens, at most 54 characters)
//	diagnostic setting:      diag-<clusterName>
//	data collection rule:    MSCI-<workspaceLocation>-<clusterName> (at most 64 characters), as the Azure CLI names it
//	DCR association:         ContainerInsightsExtension
package cluster

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/access"
	"github.com/hardaks/hardaks/components/rbac"
)

// ClusterArgs configures a Cluster. Config validation happens before; the constructor still rejects values Azure
// would reject, with the field name in the message.
type ClusterArgs struct {
	// ResourceGroupName holds the cluster, its identity and its data collection rule.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region name of the cluster, e.g. "westeurope".
	Location pulumi.StringInput `pulumi:"location"`
	// ClusterName is the Azure name of the ManagedCluster; every other name derives from it.
	ClusterName string `pulumi:"clusterName"`
	// TenantID is the Entra ID tenant that authenticates cluster users.
	TenantID string `pulumi:"tenantId"`
	// KubernetesVersion is "<major>.<minor>" (AKS picks the latest GA patch), "<major>.<minor>.<patch>", or empty
	// for the version AKS creates clusters on by default.
	KubernetesVersion string `pulumi:"kubernetesVersion,optional"`
	// SkuTier is "Standard" (financially backed API server SLA) or "Free"; empty means DefaultSkuTier.
	SkuTier string `pulumi:"skuTier,optional"`
	// AdminGroupObjectIDs are the Entra ID groups that get cluster-admin through the managed AAD integration.
	AdminGroupObjectIDs []string `pulumi:"adminGroupObjectIds"`

	// NodeSubnetID is the subnet every node pool joins; the control-plane identity gets Network Contributor on it.
	NodeSubnetID pulumi.StringInput `pulumi:"nodeSubnetId"`
	// PrivateDNSZoneID is the custom private DNS zone (privatelink.<location>.azmk8s.io, optionally with one subzone
	// label) of the API server; nil lets AKS create and manage the zone ("system").
	PrivateDNSZoneID pulumi.StringInput `pulumi:"privateDnsZoneId,optional"`
	// NetworkDataplane is "cilium" or "azure"; empty means DefaultNetworkDataplane.
	NetworkDataplane string `pulumi:"networkDataplane,optional"`
	// NetworkPolicy is "cilium" with the cilium dataplane, "azure" or "calico" with the azure dataplane; empty
	// means the dataplane's own engine (cilium, or azure).
	NetworkPolicy string `pulumi:"networkPolicy,optional"`
	// ServiceCIDR is the Kubernetes service range; it must not overlap the VNet or PodCIDR. Empty means
	// DefaultServiceCIDR.
	ServiceCIDR string `pulumi:"serviceCidr,optional"`
	// PodCIDR is the overlay pod range; empty means DefaultPodCIDR.
	PodCIDR string `pulumi:"podCidr,optional"`
	// DNSServiceIP is the cluster DNS service address, inside ServiceCIDR; empty means the tenth address of
	// ServiceCIDR, as AKS chooses it (172.16.0.10 for DefaultServiceCIDR).
	DNSServiceIP string `pulumi:"dnsServiceIp,optional"`
	// OutboundType is OutboundLoadBalancer (the default when empty), OutboundNATGateway (the NAT gateway already
	// attached to the node subnet) or OutboundUserDefinedRouting (the node subnet's route table already sends
	// 0.0.0.0/0 to a firewall).
	OutboundType string `pulumi:"outboundType,optional"`

	// UpgradeChannel is the cluster auto-upgrade channel: "patch", "stable" or "rapid"; empty means
	// DefaultUpgradeChannel.
	UpgradeChannel string `pulumi:"upgradeChannel,optional"`
	// NodeOSUpgradeChannel is "NodeImage" or "SecurityPatch"; empty means DefaultNodeOSUpgradeChannel.
	NodeOSUpgradeChannel string `pulumi:"nodeOsUpgradeChannel,optional"`
	// NodeOSMaintenanceWindow is the weekly window of node OS upgrades (aksManagedNodeOSUpgradeSchedule); unset
	// means DefaultMaintenanceWindow.
	NodeOSMaintenanceWindow *MaintenanceWindow `pulumi:"nodeOsMaintenanceWindow,optional"`
	// ClusterUpgradeMaintenanceWindow is the weekly window of cluster auto-upgrades (aksManagedAutoUpgradeSchedule);
	// nil lets upgrades run at any time.
	ClusterUpgradeMaintenanceWindow *MaintenanceWindow `pulumi:"clusterUpgradeMaintenanceWindow,optional"`

	// SecretRotationPollInterval is how often the Key Vault CSI driver re-reads secrets, a Go duration such as "2m";
	// empty means DefaultSecretRotationPollInterval.
	SecretRotationPollInterval string `pulumi:"secretRotationPollInterval,optional"`
	// PodSecurity is the Pod Security Standard enforced at admission through the Azure Policy add-on: "baseline"
	// (the default when empty), "restricted", or "audit" (baseline violations reported, not denied).
	PodSecurity string `pulumi:"podSecurity,optional"`
	// LogAnalyticsWorkspaceID receives audit logs, Container Insights and Defender data.
	LogAnalyticsWorkspaceID pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// LogAnalyticsWorkspaceLocation is the workspace's region; "" means Location. The Container Insights data
	// collection rule lives in the workspace's region.
	LogAnalyticsWorkspaceLocation string `pulumi:"logAnalyticsWorkspaceLocation,optional"`
	// AuditLogCategories are the AKS resource log categories sent to the workspace, e.g. "kube-audit-admin"; nil
	// means DefaultAuditLogCategories.
	AuditLogCategories []string `pulumi:"auditLogCategories,optional"`

	// SystemPool is the System mode pool, defined inline in the ManagedCluster.
	SystemPool NodePool `pulumi:"systemPool"`
	// UserPools are User mode pools, each a separate AgentPool resource.
	UserPools []NodePool `pulumi:"userPools,optional"`

	// RoleAssignments grant Azure RBAC roles at the cluster's scope to principals this component does not own.
	// A Namespace narrows an Azure RBAC for Kubernetes role to one namespace.
	RoleAssignments []rbac.RoleAssignment `pulumi:"roleAssignments,optional"`
	// RoleAssignmentPrincipalIDs are the principals of the RoleAssignments without a principalId, keyed by their
	// name: the principals that are outputs of other resources (the build agents' identity).
	RoleAssignmentPrincipalIDs pulumi.StringMapInput `pulumi:"roleAssignmentPrincipalIds,optional"`
	// Tags go on every taggable resource.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// NodePool is one Linux node pool. Every pool is autoscaled, Azure Linux, encrypted at host, without public IPs.
type NodePool struct {
	// Name is the pool name: lowercase letters and digits, starting with a letter, at most 12 characters.
	Name string `pulumi:"name"`
	// VMSize is the VM size, e.g. "Standard_D4ds_v5".
	VMSize string `pulumi:"vmSize"`
	// MinCount is the autoscaler minimum and the initial node count; at least 1 for the system pool.
	MinCount int `pulumi:"minCount"`
	// MaxCount is the autoscaler maximum.
	MaxCount int `pulumi:"maxCount"`
	// OSDiskType is OSDiskEphemeral or OSDiskManaged; an ephemeral disk must fit the VM size's cache or temp disk.
	OSDiskType string `pulumi:"osDiskType"`
	// OSDiskSizeGB is the OS disk size, 30-2048 GB; 0 means DefaultOSDiskSizeGB.
	OSDiskSizeGB int `pulumi:"osDiskSizeGb,optional"`
	// MaxSurge is the extra nodes during upgrades, a count ("1") or percentage ("33%"); "" means DefaultMaxSurge.
	MaxSurge string `pulumi:"maxSurge,optional"`
	// Zones are the availability zones ("1", "2", "3"); empty means regional.
	Zones []string `pulumi:"zones,optional"`
	// MaxPods per node, 10-250; 0 means DefaultMaxPods.
	MaxPods int `pulumi:"maxPods,optional"`
	// Labels are Kubernetes node labels.
	Labels map[string]string `pulumi:"labels,optional"`
	// Taints are Kubernetes node taints, "key=value:Effect".
	Taints []string `pulumi:"taints,optional"`
}

// MaintenanceWindow is a weekly planned maintenance window.
// https://learn.microsoft.com/azure/aks/planned-maintenance
type MaintenanceWindow struct {
	// DayOfWeek is "Monday" … "Sunday".
	DayOfWeek string `pulumi:"dayOfWeek"`
	// StartTime is "HH:MM" in UTCOffset.
	StartTime string `pulumi:"startTime"`
	// DurationHours is 4–24; AKS requires at least four hours for its managed schedules.
	DurationHours int `pulumi:"durationHours"`
	// UTCOffset is "+HH:MM" or "-HH:MM", e.g. "+00:00".
	UTCOffset string `pulumi:"utcOffset"`
	// IntervalWeeks is 1–4: the window recurs every IntervalWeeks weeks.
	IntervalWeeks int `pulumi:"intervalWeeks"`
}

// Cluster is the private AKS cluster and everything it needs.
type Cluster struct {
	pulumi.ResourceState

	// ClusterName is the Azure name of the ManagedCluster.
	ClusterName pulumi.StringOutput `pulumi:"clusterName"`
	// ClusterID is the ARM ID of the ManagedCluster.
	ClusterID pulumi.StringOutput `pulumi:"clusterId"`
	// OIDCIssuerURL is the cluster's OIDC issuer, the issuer of workload identity federated credentials.
	OIDCIssuerURL pulumi.StringOutput `pulumi:"oidcIssuerUrl"`
	// KubeletObjectID is the principal ID of the kubelet identity (grant it AcrPull).
	KubeletObjectID pulumi.StringOutput `pulumi:"kubeletObjectId"`
	// KubeletClientID is the client ID of the kubelet identity.
	KubeletClientID pulumi.StringOutput `pulumi:"kubeletClientId"`
	// KubeletIdentityID is the ARM ID of the kubelet identity.
	KubeletIdentityID pulumi.StringOutput `pulumi:"kubeletIdentityId"`
	// KeyVaultSecretsProviderClientID is the client ID of the Key Vault CSI driver add-on identity.
	KeyVaultSecretsProviderClientID pulumi.StringOutput `pulumi:"keyVaultSecretsProviderClientId"`
	// KeyVaultSecretsProviderObjectID is the principal ID of the Key Vault CSI driver add-on identity.
	KeyVaultSecretsProviderObjectID pulumi.StringOutput `pulumi:"keyVaultSecretsProviderObjectId"`
	// NodeResourceGroup is the AKS-managed resource group of the nodes.
	NodeResourceGroup pulumi.StringOutput `pulumi:"nodeResourceGroup"`
	// ControlPlaneIdentityID is the ARM ID of the control-plane user-assigned identity.
	ControlPlaneIdentityID pulumi.StringOutput `pulumi:"controlPlaneIdentityId"`
	// ControlPlanePrincipalID is the principal ID of the control-plane identity.
	ControlPlanePrincipalID pulumi.StringOutput `pulumi:"controlPlanePrincipalId"`
	// PrivateFQDN is the API server's private FQDN.
	PrivateFQDN pulumi.StringOutput `pulumi:"privateFqdn"`
	// RoleAssignmentIDs maps the name of each of RoleAssignments to the assignment's ARM ID.
	RoleAssignmentIDs pulumi.StringMapOutput `pulumi:"roleAssignmentIds"`
}

// NewCluster registers, in order: the control-plane identity, its Network Contributor (and, with a custom zone,
// Private DNS Zone Contributor) assignment, the ManagedCluster, the RoleAssignments at cluster scope and the audit
// diagnostic setting (access.Attach), the user pools, the maintenance configurations, the pod security policy
// assignment and the Container Insights rule and association.
func NewCluster(ctx *pulumi.Context, name string, args *ClusterArgs, opts ...pulumi.ResourceOption) (*Cluster, error) {
	if args == nil {
		return nil, errors.New("cluster: args must not be nil")
	}
	filled := args.withDefaults()
	args = &filled
	if err := validate(args); err != nil {
		return nil, err
	}
	n := namesFor(args)

	comp := &Cluster{}
	if err := ctx.RegisterComponentResource("hardaks:cluster:Cluster", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	identity, err := newControlPlaneIdentity(ctx, name+"-identity", args, n, parent)
	if err != nil {
		return nil, err
	}
	zoneID := privateDNSZoneID(args)
	// The control-plane identity's grants on the subnet (and zone) stay here, unlike other grants, which the
	// resource being accessed makes: AKS checks them while it creates the cluster, and the identity is the
	// cluster's own, as in the Azure Verified Module for AKS.
	assigner, err := rbac.NewAssigner(ctx, comp)
	if err != nil {
		return nil, err
	}
	prerequisites, err := grantControlPlaneRoles(assigner, name, args, zoneID, identity)
	if err != nil {
		return nil, err
	}

	// The assignments are not inputs of the cluster, yet AKS checks them while creating it.
	waitFor := make([]pulumi.Resource, len(prerequisites))
	for i, a := range prerequisites {
		waitFor[i] = a
	}
	identityID := afterPropagation(ctx, identity.ID().ToStringOutput(), prerequisites)
	aks, err := newManagedCluster(ctx, name+"-aks", args, n, zoneID, identityID, parent, pulumi.DependsOn(waitFor))
	if err != nil {
		return nil, err
	}
	clusterID := aks.ID().ToStringOutput()

	// The assigner that granted the control-plane identity makes these assignments too: one invoke, not two.
	spec := accessSpec(args, n)
	spec.Assigner = assigner
	attached, err := access.Attach(ctx, comp, name, clusterID, spec)
	if err != nil {
		return nil, err
	}
	if err := newUserPools(ctx, name, args, aks, parent); err != nil {
		return nil, err
	}
	if err := newMaintenanceConfigurations(ctx, name, args, aks, parent); err != nil {
		return nil, err
	}
	if _, err := newPodSecurityAssignment(ctx, name+"-pod-security", args, n, clusterID, parent); err != nil {
		return nil, err
	}
	if err := newContainerInsights(ctx, name, args, n, clusterID, parent); err != nil {
		return nil, err
	}

	comp.ClusterName = aks.Name
	comp.ClusterID = clusterID
	comp.OIDCIssuerURL = oidcIssuerURL(aks)
	kubelet := kubeletIdentity(aks)
	comp.KubeletObjectID = kubelet.ObjectId().Elem()
	comp.KubeletClientID = kubelet.ClientId().Elem()
	comp.KubeletIdentityID = kubelet.ResourceId().Elem()
	csi := keyVaultSecretsProviderIdentity(aks)
	comp.KeyVaultSecretsProviderClientID = csi.ClientId().Elem()
	comp.KeyVaultSecretsProviderObjectID = csi.ObjectId().Elem()
	comp.NodeResourceGroup = aks.NodeResourceGroup.Elem()
	comp.ControlPlaneIdentityID = identity.ID().ToStringOutput()
	comp.ControlPlanePrincipalID = identity.PrincipalId
	comp.PrivateFQDN = aks.PrivateFQDN
	comp.RoleAssignmentIDs = attached.RoleAssignmentIDs.ToStringMapOutput()

	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"clusterName":                     comp.ClusterName,
		"clusterId":                       comp.ClusterID,
		"oidcIssuerUrl":                   comp.OIDCIssuerURL,
		"kubeletObjectId":                 comp.KubeletObjectID,
		"kubeletClientId":                 comp.KubeletClientID,
		"kubeletIdentityId":               comp.KubeletIdentityID,
		"keyVaultSecretsProviderClientId": comp.KeyVaultSecretsProviderClientID,
		"keyVaultSecretsProviderObjectId": comp.KeyVaultSecretsProviderObjectID,
		"nodeResourceGroup":               comp.NodeResourceGroup,
		"controlPlaneIdentityId":          comp.ControlPlaneIdentityID,
		"controlPlanePrincipalId":         comp.ControlPlanePrincipalID,
		"privateFqdn":                     comp.PrivateFQDN,
		"roleAssignmentIds":               comp.RoleAssignmentIDs,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}
