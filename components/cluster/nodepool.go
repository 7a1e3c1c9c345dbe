package cluster

import (
	cs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240901"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	modeSystem = "System"
	modeUser   = "User"
	// criticalAddonsOnlyTaint keeps application pods off the system pool, so they cannot starve CoreDNS,
	// konnectivity and the other kube-system pods. https://learn.microsoft.com/azure/aks/use-system-pools
	criticalAddonsOnlyTaint = "CriticalAddonsOnly=true:NoSchedule"
)

// poolSettings are the values both the inline system pool and the AgentPool resources are built from, so every
// pool gets the same hardening.
type poolSettings struct {
	availabilityZones pulumi.StringArrayInput
	maxPods           pulumi.IntPtrInput
	osDiskSizeGB      pulumi.IntPtrInput
	nodeLabels        pulumi.StringMapInput
	nodeTaints        pulumi.StringArrayInput
	upgradeSettings   cs.AgentPoolUpgradeSettingsPtrInput
}

// trustedLaunch boots every node with Secure Boot (only signed boot loaders, kernels and drivers) and a virtual TPM
// that measures the boot chain, so boot kits and rootkits cannot persist on a node and Defender can attest its boot
// integrity. AKS switches the pool to its Trusted Launch node image. https://learn.microsoft.com/azure/aks/use-trusted-launch
func trustedLaunch() *cs.AgentPoolSecurityProfileArgs {
	return &cs.AgentPoolSecurityProfileArgs{EnableVTPM: pulumi.Bool(true), EnableSecureBoot: pulumi.Bool(true)}
}

func settingsFor(pool NodePool, taints []string) poolSettings {
	s := poolSettings{}
	if len(pool.Zones) > 0 {
		s.availabilityZones = pulumi.ToStringArray(pool.Zones)
	}
	s.maxPods = pulumi.Int(pool.maxPods())
	s.osDiskSizeGB = pulumi.Int(pool.osDiskSizeGB())
	if len(pool.Labels) > 0 {
		s.nodeLabels = pulumi.ToStringMap(pool.Labels)
	}
	if len(taints) > 0 {
		s.nodeTaints = pulumi.ToStringArray(taints)
	}
	s.upgradeSettings = &cs.AgentPoolUpgradeSettingsArgs{MaxSurge: pulumi.String(pool.maxSurge())}
	return s
}

// systemTaints puts CriticalAddonsOnly first and keeps any other taint the pool asks for.
func systemTaints(pool NodePool) []string {
	taints := []string{criticalAddonsOnlyTaint}
	for _, t := range pool.Taints {
		if t != criticalAddonsOnlyTaint {
			taints = append(taints, t)
		}
	}
	return taints
}

// systemPoolProfile is the System pool, inline in the cluster because AKS requires one at creation.
func systemPoolProfile(args *ClusterArgs) cs.ManagedClusterAgentPoolProfileArgs {
	pool := args.SystemPool
	s := settingsFor(pool, systemTaints(pool))
	return cs.ManagedClusterAgentPoolProfileArgs{
		Name:   pulumi.String(pool.Name),
		Mode:   pulumi.String(modeSystem),
		Type:   pulumi.String("VirtualMachineScaleSets"),
		VmSize: pulumi.String(pool.VMSize),
		OsType: pulumi.String("Linux"),
		// Azure Linux: a minimal, Microsoft-maintained node image with a smaller attack surface.
		// https://learn.microsoft.com/azure/azure-linux/intro-azure-linux
		OsSKU:        pulumi.String("AzureLinux"),
		OsDiskType:   pulumi.String(pool.OSDiskType),
		OsDiskSizeGB: s.osDiskSizeGB,
		// Temp disks, caches and the data flow between the VM and its disks are encrypted too.
		// https://learn.microsoft.com/azure/aks/enable-host-encryption
		EnableEncryptionAtHost: pulumi.Bool(true),
		EnableNodePublicIP:     pulumi.Bool(false),
		SecurityProfile:        trustedLaunch(),
		VnetSubnetID:           args.NodeSubnetID,
		AvailabilityZones:      s.availabilityZones,
		EnableAutoScaling:      pulumi.Bool(true),
		MinCount:               pulumi.Int(pool.MinCount),
		MaxCount:               pulumi.Int(pool.MaxCount),
		Count:                  pulumi.Int(pool.MinCount),
		MaxPods:                s.maxPods,
		NodeLabels:             s.nodeLabels,
		NodeTaints:             s.nodeTaints,
		UpgradeSettings:        s.upgradeSettings,
		Tags:                   args.Tags,
	}
}

// userPoolArgs is one User pool with the same hardening as the system pool. clusterName is the cluster's name
// output, so the pool depends on the cluster.
func userPoolArgs(args *ClusterArgs, pool NodePool, clusterName pulumi.StringInput) *cs.AgentPoolArgs {
	s := settingsFor(pool, pool.Taints)
	return &cs.AgentPoolArgs{
		ResourceGroupName:      args.ResourceGroupName,
		ResourceName:           clusterName,
		AgentPoolName:          pulumi.String(pool.Name),
		Mode:                   pulumi.String(modeUser),
		Type:                   pulumi.String("VirtualMachineScaleSets"),
		VmSize:                 pulumi.String(pool.VMSize),
		OsType:                 pulumi.String("Linux"),
		OsSKU:                  pulumi.String("AzureLinux"),
		OsDiskType:             pulumi.String(pool.OSDiskType),
		OsDiskSizeGB:           s.osDiskSizeGB,
		EnableEncryptionAtHost: pulumi.Bool(true),
		EnableNodePublicIP:     pulumi.Bool(false),
		SecurityProfile:        trustedLaunch(),
		VnetSubnetID:           args.NodeSubnetID,
		AvailabilityZones:      s.availabilityZones,
		EnableAutoScaling:      pulumi.Bool(true),
		MinCount:               pulumi.Int(pool.MinCount),
		MaxCount:               pulumi.Int(pool.MaxCount),
		Count:                  pulumi.Int(pool.MinCount),
		MaxPods:                s.maxPods,
		NodeLabels:             s.nodeLabels,
		NodeTaints:             s.nodeTaints,
		UpgradeSettings:        s.upgradeSettings,
		Tags:                   args.Tags,
	}
}

// ignoredPoolChanges are the pool inputs the autoscaler and the upgrade channel move (see ignoredClusterChanges).
var ignoredPoolChanges = []string{"count", "orchestratorVersion"}

// newUserPools creates the User pools one after another: AKS rejects an agent pool operation while another one on
// the same cluster is in progress ("OperationNotAllowed: Another agentpool operation ... is in progress"), so
// pools are created, updated and deleted in turn. https://aka.ms/aks-pending-operation
func newUserPools(ctx *pulumi.Context, name string, args *ClusterArgs, aks *cs.ManagedCluster, opts ...pulumi.ResourceOption) error {
	var previous pulumi.Resource
	for _, pool := range args.UserPools {
		poolOpts := append(append([]pulumi.ResourceOption{}, opts...), pulumi.IgnoreChanges(ignoredPoolChanges))
		if previous != nil {
			poolOpts = append(poolOpts, pulumi.DependsOn([]pulumi.Resource{previous}))
		}
		created, err := cs.NewAgentPool(ctx, name+"-pool-"+pool.Name, userPoolArgs(args, pool, aks.Name), poolOpts...)
		if err != nil {
			return err
		}
		previous = created
	}
	return nil
}
