package cluster

import (
	cs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240901"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	// systemPrivateDNSZone lets AKS create and link the API server's private DNS zone in the node resource group.
	systemPrivateDNSZone = "system"
	// imageCleanerIntervalHours is how often Image Cleaner removes unused, vulnerable images: weekly, AKS's default.
	// https://learn.microsoft.com/azure/aks/image-cleaner
	imageCleanerIntervalHours = 168

	addonKeyVaultSecretsProvider = "azureKeyvaultSecretsProvider"
	addonAzurePolicy             = "azurepolicy"
	addonContainerInsights       = "omsagent"
	kubeletIdentityKey           = "kubeletidentity"
)

// ignoredClusterChanges are the inputs Azure moves on its own. The autoscaler changes the system pool's count, and
// the upgrade channel the cluster's and the pool's Kubernetes versions; after `pulumi refresh` azure-native copies
// those values into the stored inputs (provider.go, Read), so without this the next update would scale the pool back
// or ask AKS for a downgrade, which it refuses ("You can't downgrade the control plane or a node pool Kubernetes
// version", https://learn.microsoft.com/azure/aks/upgrade-node-pools). The system pool is the only inline pool,
// at index 0.
var ignoredClusterChanges = []string{"kubernetesVersion", "agentPoolProfiles[0].count", "agentPoolProfiles[0].orchestratorVersion"}

// newManagedCluster creates the private cluster. zoneID is the custom private DNS zone, nil for "system"; identityID
// is the control-plane identity, once its roles have propagated.
func newManagedCluster(ctx *pulumi.Context, logicalName string, args *ClusterArgs, n names, zoneID pulumi.StringInput,
	identityID pulumi.StringInput, opts ...pulumi.ResourceOption,
) (*cs.ManagedCluster, error) {
	opts = append(opts, pulumi.IgnoreChanges(ignoredClusterChanges))
	return cs.NewManagedCluster(ctx, logicalName, managedClusterArgs(args, n, zoneID, identityID), opts...)
}

func managedClusterArgs(args *ClusterArgs, n names, zoneID pulumi.StringInput, identityID pulumi.StringInput) *cs.ManagedClusterArgs {
	return &cs.ManagedClusterArgs{
		ResourceGroupName: args.ResourceGroupName,
		ResourceName:      pulumi.String(n.cluster),
		Location:          args.Location,
		DnsPrefix:         pulumi.String(n.dnsPrefix),
		KubernetesVersion: kubernetesVersion(args.KubernetesVersion),
		Sku: &cs.ManagedClusterSKUArgs{
			Name: pulumi.String("Base"),
			Tier: pulumi.String(args.SkuTier),
		},
		Identity: &cs.ManagedClusterIdentityArgs{
			Type:                   cs.ResourceIdentityTypeUserAssigned,
			UserAssignedIdentities: pulumi.StringArray{identityID},
		},
		ApiServerAccessProfile: apiServerAccessProfile(zoneID),
		AadProfile: &cs.ManagedClusterAADProfileArgs{
			// Managed Entra ID integration with Azure RBAC for Kubernetes authorization; the admin groups are
			// the break-glass path that does not depend on Azure role assignments.
			// https://learn.microsoft.com/azure/aks/manage-azure-rbac
			Managed:             pulumi.Bool(true),
			EnableAzureRBAC:     pulumi.Bool(true),
			AdminGroupObjectIDs: pulumi.ToStringArray(args.AdminGroupObjectIDs),
			TenantID:            pulumi.String(args.TenantID),
		},
		EnableRBAC: pulumi.Bool(true),
		// No static kubeconfig credentials: every caller authenticates with Entra ID.
		// https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
		DisableLocalAccounts: pulumi.Bool(true),
		OidcIssuerProfile:    &cs.ManagedClusterOIDCIssuerProfileArgs{Enabled: pulumi.Bool(true)},
		SecurityProfile: &cs.ManagedClusterSecurityProfileArgs{
			WorkloadIdentity: &cs.ManagedClusterSecurityProfileWorkloadIdentityArgs{Enabled: pulumi.Bool(true)},
			Defender: &cs.ManagedClusterSecurityProfileDefenderArgs{
				LogAnalyticsWorkspaceResourceId: args.LogAnalyticsWorkspaceID,
				SecurityMonitoring: &cs.ManagedClusterSecurityProfileDefenderSecurityMonitoringArgs{
					Enabled: pulumi.Bool(true),
				},
			},
			ImageCleaner: &cs.ManagedClusterSecurityProfileImageCleanerArgs{
				Enabled:       pulumi.Bool(true),
				IntervalHours: pulumi.Int(imageCleanerIntervalHours),
			},
		},
		AddonProfiles: addonProfiles(args),
		AutoUpgradeProfile: &cs.ManagedClusterAutoUpgradeProfileArgs{
			UpgradeChannel:       pulumi.String(args.UpgradeChannel),
			NodeOSUpgradeChannel: pulumi.String(args.NodeOSUpgradeChannel),
		},
		NetworkProfile: networkProfile(args),
		// Only the system pool is inline; user pools are AgentPool resources. A managed cluster PUT neither adds
		// pools (AKS rejects new pools there) nor deletes pools missing from agentPoolProfiles, so listing each
		// pool in exactly one place keeps re-runs from fighting. https://github.com/pulumi/pulumi-azure-native/issues/579
		AgentPoolProfiles: cs.ManagedClusterAgentPoolProfileArray{systemPoolProfile(args)},
		// A deny assignment keeps everyone but AKS from changing the node resource group (VM scale sets, load
		// balancer, NICs), so nodes change only through the AKS and Kubernetes APIs.
		// https://learn.microsoft.com/azure/aks/node-resource-group-lockdown
		NodeResourceGroupProfile: &cs.ManagedClusterNodeResourceGroupProfileArgs{
			RestrictionLevel: pulumi.String(string(cs.RestrictionLevelReadOnly)),
		},
		// LinuxProfile is left out on purpose: API 2024-09-01 has no agent pool securityProfile.sshAccess, and
		// without a linuxProfile AKS provisions no SSH key, so nodes accept no SSH logins (az aks create --no-ssh-key).
		// https://learn.microsoft.com/azure/aks/manage-ssh-node-access
		Tags: args.Tags,
	}
}

// kubernetesVersion leaves the property out when no version is pinned: AKS then creates the cluster on its default
// version, and the upgrade channel moves it from there. https://learn.microsoft.com/azure/aks/supported-kubernetes-versions
func kubernetesVersion(version string) pulumi.StringPtrInput {
	if version == "" {
		return nil
	}
	return pulumi.String(version)
}

// apiServerAccessProfile makes the API server reachable only through its private endpoint in the node VNet.
// https://learn.microsoft.com/azure/aks/private-clusters
func apiServerAccessProfile(zoneID pulumi.StringInput) *cs.ManagedClusterAPIServerAccessProfileArgs {
	var zone pulumi.StringInput = pulumi.String(systemPrivateDNSZone)
	if zoneID != nil {
		zone = zoneID
	}
	return &cs.ManagedClusterAPIServerAccessProfileArgs{
		EnablePrivateCluster: pulumi.Bool(true),
		// No public A record pointing at the private IP: the private FQDN resolves only through the private zone.
		EnablePrivateClusterPublicFQDN: pulumi.Bool(false),
		// az aks command invoke would create pods with cluster-admin rights from outside the network path.
		// https://learn.microsoft.com/azure/aks/access-private-cluster#disable-run-command
		DisableRunCommand: pulumi.Bool(true),
		PrivateDNSZone:    zone,
	}
}

func addonProfiles(args *ClusterArgs) cs.ManagedClusterAddonProfileMap {
	return cs.ManagedClusterAddonProfileMap{
		// https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation
		addonKeyVaultSecretsProvider: cs.ManagedClusterAddonProfileArgs{
			Enabled: pulumi.Bool(true),
			Config: pulumi.StringMap{
				"enableSecretRotation": pulumi.String("true"),
				"rotationPollInterval": pulumi.String(args.SecretRotationPollInterval),
			},
		},
		addonAzurePolicy: cs.ManagedClusterAddonProfileArgs{Enabled: pulumi.Bool(true)},
		// Container Insights authenticating with the add-on's managed identity, as a workspace with local
		// authentication disabled requires; the data collection rule and its association complete it.
		// https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable?tabs=arm
		addonContainerInsights: cs.ManagedClusterAddonProfileArgs{
			Enabled: pulumi.Bool(true),
			Config: pulumi.StringMap{
				"logAnalyticsWorkspaceResourceID": args.LogAnalyticsWorkspaceID,
				"useAADAuth":                      pulumi.String("true"),
			},
		},
	}
}

// networkProfile is Azure CNI overlay: pods get addresses from PodCIDR, outside the VNet.
// https://learn.microsoft.com/azure/aks/azure-cni-overlay
// https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium
func networkProfile(args *ClusterArgs) *cs.ContainerServiceNetworkProfileArgs {
	return &cs.ContainerServiceNetworkProfileArgs{
		NetworkPlugin:     pulumi.String("azure"),
		NetworkPluginMode: pulumi.String("overlay"),
		NetworkDataplane:  pulumi.String(args.NetworkDataplane),
		NetworkPolicy:     pulumi.String(args.NetworkPolicy),
		PodCidr:           pulumi.String(args.PodCIDR),
		ServiceCidr:       pulumi.String(args.ServiceCIDR),
		DnsServiceIP:      pulumi.String(args.DNSServiceIP),
		OutboundType:      pulumi.String(args.OutboundType),
		// Private clusters need the Standard load balancer (Private Link service).
		LoadBalancerSku: pulumi.String("standard"),
	}
}

func oidcIssuerURL(aks *cs.ManagedCluster) pulumi.StringOutput {
	return aks.OidcIssuerProfile.ApplyT(func(p *cs.ManagedClusterOIDCIssuerProfileResponse) string {
		if p == nil {
			return ""
		}
		return p.IssuerURL
	}).(pulumi.StringOutput)
}

func kubeletIdentity(aks *cs.ManagedCluster) cs.UserAssignedIdentityResponseOutput {
	return aks.IdentityProfile.MapIndex(pulumi.String(kubeletIdentityKey))
}

func keyVaultSecretsProviderIdentity(aks *cs.ManagedCluster) cs.ManagedClusterAddonProfileResponseIdentityOutput {
	return aks.AddonProfiles.MapIndex(pulumi.String(addonKeyVaultSecretsProvider)).Identity()
}
