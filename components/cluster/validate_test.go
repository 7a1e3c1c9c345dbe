package cluster_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/internal/offline"
)

func TestNilArgsAreRejected(t *testing.T) {
	_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := cluster.NewCluster(ctx, "aks", nil)
		return nil, err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cluster: args must not be nil")
}

func TestInvalidArgsAreRejectedWithExactMessagesAndNothingRegistered(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*cluster.ClusterArgs, upstream)
		want   string
	}{
		{"a missing resource group", func(a *cluster.ClusterArgs, _ upstream) { a.ResourceGroupName = nil }, "cluster: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"a missing node subnet", func(a *cluster.ClusterArgs, _ upstream) { a.NodeSubnetID = nil }, "cluster: nodeSubnetId = (not set): is required; pass the node subnet's ID"},
		{"a missing workspace", func(a *cluster.ClusterArgs, _ upstream) { a.LogAnalyticsWorkspaceID = nil }, "cluster: logAnalyticsWorkspaceId = (not set): is required; pass the Log Analytics workspace's ID"},
		{"a display-name location", func(a *cluster.ClusterArgs, _ upstream) { a.Location = pulumi.String("West Europe") }, "cluster: location = \"West Europe\": is not an Azure region name; use the lowercase name `az account list-locations -o table` prints, e.g. westeurope"},
		{"a display-name workspace location", func(a *cluster.ClusterArgs, _ upstream) { a.LogAnalyticsWorkspaceLocation = "North Europe" }, "cluster: logAnalyticsWorkspaceLocation = \"North Europe\": is not an Azure region name; use the lowercase name `az account list-locations -o table` prints, e.g. westeurope"},
		{"a cluster name ending in a hyphen", func(a *cluster.ClusterArgs, _ upstream) { a.ClusterName = "aks-" }, `cluster: clusterName = "aks-": must be 1-63 letters, digits, underscores and hyphens, starting and ending with a letter or digit; choose a valid name`},
		{"a cluster name of 64 characters", func(a *cluster.ClusterArgs, _ upstream) { a.ClusterName = repeat("a", 64) }, `cluster: clusterName = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": must be 1-63 letters, digits, underscores and hyphens, starting and ending with a letter or digit; choose a valid name`},
		{"a tenant that is not a GUID", func(a *cluster.ClusterArgs, _ upstream) { a.TenantID = "contoso.onmicrosoft.com" }, "cluster: tenantId = \"contoso.onmicrosoft.com\": must be the Entra tenant ID, a GUID; set it to the output of `az account show --query tenantId -o tsv`"},
		{"a Kubernetes version with a v prefix", func(a *cluster.ClusterArgs, _ upstream) { a.KubernetesVersion = "v1.30" }, "cluster: kubernetesVersion = \"v1.30\": must be MAJOR.MINOR or MAJOR.MINOR.PATCH; use a version from `az aks get-versions -l westeurope -o table`, e.g. 1.33, or remove it for the AKS default"},
		{"a Kubernetes version with major 0", func(a *cluster.ClusterArgs, _ upstream) { a.KubernetesVersion = "0.33" }, "cluster: kubernetesVersion = \"0.33\": must be MAJOR.MINOR or MAJOR.MINOR.PATCH; use a version from `az aks get-versions -l westeurope -o table`, e.g. 1.33, or remove it for the AKS default"},
		{"the Premium tier", func(a *cluster.ClusterArgs, _ upstream) { a.SkuTier = "Premium" }, `cluster: skuTier = "Premium": must be Standard or Free; use Standard (Free for dev only)`},
		{"an admin group that is not a GUID", func(a *cluster.ClusterArgs, _ upstream) { a.AdminGroupObjectIDs = []string{adminGroup, "admins"} }, "cluster: adminGroupObjectIds[1] = \"admins\": is not a group object ID (a GUID); use `az ad group show -g <name> --query id -o tsv`"},
		{"an unknown dataplane", func(a *cluster.ClusterArgs, _ upstream) { a.NetworkDataplane = "calico" }, `cluster: networkDataplane = "calico": must be cilium or azure; use cilium (default)`},
		{"the cilium dataplane with azure policy", func(a *cluster.ClusterArgs, _ upstream) { a.NetworkPolicy = "azure" }, `cluster: networkPolicy = "azure": the Cilium dataplane enforces network policy itself and accepts only networkPolicy cilium; remove networkPolicy, or set networkDataplane: azure to choose azure or calico`},
		{"the azure dataplane with cilium policy", func(a *cluster.ClusterArgs, _ upstream) { a.NetworkDataplane = "azure" }, `cluster: networkPolicy = "cilium": with the azure dataplane the network policy engine must be azure or calico (none leaves pods unrestricted); set networkPolicy to azure or calico`},
		{"the azure dataplane without a policy", func(a *cluster.ClusterArgs, _ upstream) { a.NetworkDataplane, a.NetworkPolicy = "azure", "none" }, `cluster: networkPolicy = "none": with the azure dataplane the network policy engine must be azure or calico (none leaves pods unrestricted); set networkPolicy to azure or calico`},
		{"an outbound type of none", func(a *cluster.ClusterArgs, _ upstream) { a.OutboundType = "none" }, `cluster: outboundType = "none": must be loadBalancer, userAssignedNATGateway or userDefinedRouting; use loadBalancer, or the outbound type of the egress the node subnet has`},
		{"a service CIDR with host bits", func(a *cluster.ClusterArgs, _ upstream) { a.ServiceCIDR = "172.16.0.1/16" }, `cluster: serviceCidr = "172.16.0.1/16": has host bits set; use 172.16.0.0/16`},
		{"an IPv6 pod CIDR", func(a *cluster.ClusterArgs, _ upstream) { a.PodCIDR = "fd00::/64" }, `cluster: podCidr = "fd00::/64": is not an IPv4 CIDR; write it as address/prefix-length, e.g. 10.40.0.0/22`},
		{"overlapping service and pod CIDRs", func(a *cluster.ClusterArgs, _ upstream) { a.PodCIDR = "172.16.128.0/17" }, `cluster: podCidr = "172.16.128.0/17": overlaps serviceCidr 172.16.0.0/16; give pods and services separate ranges`},
		{"a DNS service IP outside the service CIDR", func(a *cluster.ClusterArgs, _ upstream) { a.DNSServiceIP = "10.0.0.10" }, `cluster: dnsServiceIp = "10.0.0.10": lies outside serviceCidr 172.16.0.0/16; use an address inside the service CIDR, e.g. its .10`},
		{"the DNS service IP on the kubernetes service address", func(a *cluster.ClusterArgs, _ upstream) { a.DNSServiceIP = "172.16.0.1" }, `cluster: dnsServiceIp = "172.16.0.1": the service CIDR's network address and first address are taken (kubernetes.default uses the first); use the service CIDR's .10`},
		{"a DNS service IP that is not an address", func(a *cluster.ClusterArgs, _ upstream) { a.DNSServiceIP = "dns" }, `cluster: dnsServiceIp = "dns": is not an IPv4 address; use the tenth address of the service CIDR, e.g. 172.16.0.10`},
		{"a Generation 1 system pool size", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.VMSize = "Standard_D4_v3" }, `cluster: systemPool.vmSize = "Standard_D4_v3": is a Generation 1 size; Trusted Launch needs Generation 2; use a size such as Standard_D4ds_v5`},
		{"an A-series user pool", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[1].VMSize = "Standard_A4_v2" }, `cluster: userPools[1].vmSize = "Standard_A4_v2": is a Generation 1 size; Trusted Launch needs Generation 2; use a size such as Standard_D4ds_v5`},
		{"an Arm64 user pool", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].VMSize = "Standard_D8pds_v5" }, `cluster: userPools[0].vmSize = "Standard_D8pds_v5": is an Arm64 size, on which AKS cannot enable Trusted Launch; use an x64 size such as Standard_D4ds_v5`},
		{"an unknown Pod Security level", func(a *cluster.ClusterArgs, _ upstream) { a.PodSecurity = "privileged" }, `cluster: podSecurity = "privileged": must be baseline, restricted or audit; use baseline (default); audit reports violations without denying them`},
		{"the none upgrade channel", func(a *cluster.ClusterArgs, _ upstream) { a.UpgradeChannel = "none" }, `cluster: upgradeChannel = "none": must be patch, stable or rapid (none would leave the cluster unpatched); use patch (default)`},
		{"the Unmanaged node OS channel", func(a *cluster.ClusterArgs, _ upstream) { a.NodeOSUpgradeChannel = "Unmanaged" }, `cluster: nodeOsUpgradeChannel = "Unmanaged": must be NodeImage or SecurityPatch (None and Unmanaged leave nodes unpatched); use NodeImage (default) or SecurityPatch`},
		{"the node-image channel, which never upgrades Kubernetes", func(a *cluster.ClusterArgs, _ upstream) { a.UpgradeChannel = "node-image" }, `cluster: upgradeChannel = "node-image": never upgrades Kubernetes itself, so the cluster would fall out of support; use patch (default); nodeOsUpgradeChannel NodeImage keeps node images current`},
		{"an abbreviated maintenance day", func(a *cluster.ClusterArgs, _ upstream) { a.NodeOSMaintenanceWindow.DayOfWeek = "Sun" }, `cluster: nodeOsMaintenanceWindow.dayOfWeek = "Sun": is not a day of the week; use one of Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday`},
		{"a maintenance start time without minutes", func(a *cluster.ClusterArgs, _ upstream) { a.NodeOSMaintenanceWindow.StartTime = "2" }, `cluster: nodeOsMaintenanceWindow.startTime = "2": must be HH:MM (24-hour); use e.g. 02:00`},
		{"a three-hour maintenance window", func(a *cluster.ClusterArgs, _ upstream) { a.NodeOSMaintenanceWindow.DurationHours = 3 }, `cluster: nodeOsMaintenanceWindow.durationHours = "3": AKS requires a window of 4 to 24 hours; set durationHours between 4 and 24`},
		{"a maintenance offset without a sign", func(a *cluster.ClusterArgs, _ upstream) { a.NodeOSMaintenanceWindow.UTCOffset = "00:00" }, `cluster: nodeOsMaintenanceWindow.utcOffset = "00:00": must be ±HH:MM; use e.g. +00:00 or +01:00`},
		{"a zero maintenance interval", func(a *cluster.ClusterArgs, _ upstream) { a.NodeOSMaintenanceWindow.IntervalWeeks = 0 }, `cluster: nodeOsMaintenanceWindow.intervalWeeks = "0": must be 1–4 weeks; use 1 (weekly)`},
		{"an invalid cluster upgrade window", func(a *cluster.ClusterArgs, _ upstream) {
			a.ClusterUpgradeMaintenanceWindow = &cluster.MaintenanceWindow{DayOfWeek: "Monday", StartTime: "01:00", DurationHours: 25, UTCOffset: "+00:00", IntervalWeeks: 1}
		}, `cluster: clusterUpgradeMaintenanceWindow.durationHours = "25": AKS requires a window of 4 to 24 hours; set durationHours between 4 and 24`},
		{"a rotation interval without a unit", func(a *cluster.ClusterArgs, _ upstream) { a.SecretRotationPollInterval = "2" }, `cluster: secretRotationPollInterval = "2": must be a positive duration; use a value such as 2m`},
		{"no audit log categories", func(a *cluster.ClusterArgs, _ upstream) { a.AuditLogCategories = []string{} }, "cluster: auditLogCategories = (not set): at least kube-audit-admin (or kube-audit) must be collected; list kube-audit-admin"},
		{"an empty audit log category", func(a *cluster.ClusterArgs, _ upstream) { a.AuditLogCategories = []string{"guard", ""} }, "cluster: auditLogCategories = [\"guard\" \"\"]: collects no Kubernetes audit log; add kube-audit-admin\ncluster: auditLogCategories[1] = \"\": is not an AKS log category; use one of kube-apiserver, kube-audit, kube-audit-admin, kube-controller-manager, kube-scheduler, cluster-autoscaler, cloud-controller-manager, guard, csi-azuredisk-controller, csi-azurefile-controller, csi-snapshot-controller"},
		{"a repeated audit log category", func(a *cluster.ClusterArgs, _ upstream) { a.AuditLogCategories = []string{"guard", "guard"} }, "cluster: auditLogCategories = [\"guard\" \"guard\"]: collects no Kubernetes audit log; add kube-audit-admin\ncluster: auditLogCategories[1] = \"guard\": is listed twice; list each category once"},
		{"an uppercase system pool name", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.Name = "System" }, `cluster: systemPool.name = "System": Linux node pool names are 1–12 lowercase letters and digits, starting with a letter; rename the pool`},
		{"a user pool name of 13 characters", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[1].Name = "batchworkers1" }, `cluster: userPools[1].name = "batchworkers1": Linux node pool names are 1–12 lowercase letters and digits, starting with a letter; rename the pool`},
		{"two pools with one name", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].Name = "system" }, `cluster: userPools[0].name = "system": node pool names must be unique; rename the pool`},
		{"a pool without a VM size", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].VMSize = "" }, "cluster: userPools[0].vmSize = (not set): is not an Azure VM size; use a size such as Standard_D4ds_v5"},
		{"a system pool that scales to zero", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.MinCount = 0 }, `cluster: systemPool.minCount = "0": the autoscaler needs at least one node in the system pool, for the cluster's own pods; set 1 <= minCount <= maxCount <= 1000`},
		{"a negative user pool minimum", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[1].MinCount = -1 }, `cluster: userPools[1].minCount = "-1": must not be negative; set 0 <= minCount <= maxCount <= 1000`},
		{"a maximum below the minimum", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].MaxCount = 0 }, `cluster: userPools[0].maxCount = "0": with minCount 1 is not a valid autoscaler range; set 0 <= minCount <= maxCount <= 1000`},
		{"a maximum above 1000", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.MaxCount = 1001 }, "cluster: podCidr = \"192.168.0.0/16\": holds 256 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 1350 nodes; use a /13 or larger range\ncluster: systemPool.maxCount = \"1001\": with minCount 2 is not a valid autoscaler range; set 1 <= minCount <= maxCount <= 1000"},
		{"an unknown OS disk type", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.OSDiskType = "Premium_LRS" }, `cluster: systemPool.osDiskType = "Premium_LRS": must be Ephemeral or Managed; use Managed, or Ephemeral where the VM size's cache or temp disk holds the OS disk`},
		{"a 20 GB OS disk", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.OSDiskSizeGB = 20 }, `cluster: systemPool.osDiskSizeGb = "20": must be 30–2048 GB; use 128 (default)`},
		{"more than 250 pods per node", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].MaxPods = 251 }, `cluster: userPools[0].maxPods = "251": Azure CNI overlay allows 10–250 pods per node; use 110 (default)`},
		{"a max surge above 100 percent", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].MaxSurge = "150%" }, `cluster: userPools[0].maxSurge = "150%": must be a node count or a percentage from 1% to 100%; use e.g. 33%`},
		{"a max surge of zero", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].MaxSurge = "0" }, `cluster: userPools[0].maxSurge = "0": must be a node count or a percentage from 1% to 100%; use e.g. 33%`},
		{"an availability zone 4", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.Zones = []string{"1", "4"} }, `cluster: systemPool.zones = ["1" "4"]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
		{"a repeated availability zone", func(a *cluster.ClusterArgs, _ upstream) { a.SystemPool.Zones = []string{"1", "1"} }, `cluster: systemPool.zones = ["1" "1"]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
		{"a taint without an effect", func(a *cluster.ClusterArgs, _ upstream) { a.UserPools[0].Taints = []string{"workload=apps"} }, `cluster: userPools[0].taints[0] = "workload=apps": is not a Kubernetes taint; write key=value:NoSchedule (or PreferNoSchedule, NoExecute)`},
		{"a taint value longer than 63 characters", func(a *cluster.ClusterArgs, _ upstream) {
			a.UserPools[0].Taints = []string{"workload=" + repeat("a", 64) + ":NoSchedule"}
		}, `cluster: userPools[0].taints[0] = "workload=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:NoSchedule": is not a Kubernetes taint; write key=value:NoSchedule (or PreferNoSchedule, NoExecute)`},
		{"the literal system zone as a zone ID", func(a *cluster.ClusterArgs, _ upstream) { a.PrivateDNSZoneID = pulumi.String("system") }, `cluster: privateDnsZoneId = "system": is not a private DNS zone resource ID; use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`},
		{"a zone of another region", func(a *cluster.ClusterArgs, _ upstream) {
			a.PrivateDNSZoneID = pulumi.String("/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.northeurope.azmk8s.io")
		}, `cluster: privateDnsZoneId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.northeurope.azmk8s.io": names zone privatelink.northeurope.azmk8s.io, but this service resolves through privatelink.westeurope.azmk8s.io; point it at the privatelink.westeurope.azmk8s.io zone`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := construct(t, tt.mutate)
			assert.EqualError(t, err, tt.want)
			assert.Empty(t, plan.OfType(typeComponent))
			assert.Empty(t, plan.OfType(typeCluster))
		})
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	_, err := construct(t, func(a *cluster.ClusterArgs, _ upstream) {
		a.ResourceGroupName = nil
		a.SkuTier = "Premium"
		a.SystemPool.Name = ""
	})
	assert.EqualError(t, err, "cluster: resourceGroupName = (not set): is required; pass the resource group's name\n"+
		"cluster: skuTier = \"Premium\": must be Standard or Free; use Standard (Free for dev only)\n"+
		"cluster: systemPool.name = (not set): Linux node pool names are 1–12 lowercase letters and digits, starting with a letter; rename the pool")
}

// construct runs NewCluster on validArgs after mutate and returns its error together with the plan, so a test can
// check that a rejected Cluster registered nothing.
func construct(t *testing.T, mutate func(*cluster.ClusterArgs, upstream)) (*offline.Plan, error) {
	t.Helper()
	var constructErr error
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		up, err := newUpstream(ctx)
		if err != nil {
			return nil, err
		}
		args := validArgs(up)
		mutate(args, up)
		_, constructErr = cluster.NewCluster(ctx, "aks", args)
		return pulumi.Map{}, nil
	})
	require.NoError(t, err)
	return plan, constructErr
}

func TestCustomZoneIDsAreAccepted(t *testing.T) {
	zones := "/subscriptions/" + sub + "/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/"
	lowerCased := "/subscriptions/" + sub + "/resourcegroups/rg-dns/providers/microsoft.network/privatednszones/privatelink.westeurope.azmk8s.io"
	tests := []struct {
		name string
		id   pulumi.StringInput
		want string
	}{
		{name: "a plain ID of the region's zone", id: pulumi.String(zones + "privatelink.westeurope.azmk8s.io"),
			want: zones + "privatelink.westeurope.azmk8s.io"},
		{name: "a plain ID of a subzone", id: pulumi.String(zones + "hardaks.privatelink.westeurope.azmk8s.io"),
			want: zones + "hardaks.privatelink.westeurope.azmk8s.io"},
		{name: "an output ID with differently cased fixed segments", id: pulumi.String(lowerCased).ToStringOutput(), want: lowerCased},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) { a.PrivateDNSZoneID = tt.id })
			assert.Equal(t, tt.want, offline.Get(plan.MustFind(t, typeCluster, "aks-aks").Inputs, "apiServerAccessProfile.privateDNSZone"))
			assert.Equal(t, tt.want, plan.MustFind(t, typeAssignment, "aks-identity-dns-zone-contributor").Inputs["scope"])
		})
	}
}

func TestAnInvalidZoneIDFromAnotherResourceFailsWhenItResolves(t *testing.T) {
	_, err := run(t, func(a *cluster.ClusterArgs, _ upstream) {
		a.PrivateDNSZoneID = pulumi.String("/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/example.com").ToStringOutput()
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `cluster: privateDnsZoneId = "/subscriptions/`+sub+`/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/example.com": `+
		"names zone example.com, but this service resolves through privatelink.westeurope.azmk8s.io; point it at the privatelink.westeurope.azmk8s.io zone")
}

// Config and code-built Args share these checks, so a value one accepts the other accepts.
func TestTheSharedChecksAcceptWhatKubernetesAndAKSAccept(t *testing.T) {
	for _, v := range []string{"1.33", "1.33.2", "10.0"} {
		assert.True(t, cluster.ValidKubernetesVersion(v), v)
	}
	for _, v := range []string{"", "v1.33", "0.33", "1", "1.33.2.1"} {
		assert.False(t, cluster.ValidKubernetesVersion(v), v)
	}
	for _, taint := range []string{"workload=batch:NoSchedule", "example.com/gpu_kind=a100:NoExecute", "dedicated=:PreferNoSchedule"} {
		assert.True(t, cluster.ValidTaint(taint), taint)
	}
	for _, taint := range []string{"workload=batch", "-workload=batch:NoSchedule", "workload=batch-:NoSchedule", "workload=batch:Evict"} {
		assert.False(t, cluster.ValidTaint(taint), taint)
	}
	assert.True(t, cluster.ValidPoolName("apps2"))
	assert.False(t, cluster.ValidPoolName("Apps"))
	assert.False(t, cluster.ValidPoolName("abcdefghijklm"), "13 characters")
}

// An empty defaulted argument is the documented default, whoever builds the Args.
func TestEmptyArgumentsAreTheirDefaults(t *testing.T) {
	plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) {
		a.SkuTier, a.NetworkDataplane, a.NetworkPolicy, a.ServiceCIDR, a.PodCIDR, a.DNSServiceIP = "", "", "", "", "", ""
		a.OutboundType, a.UpgradeChannel, a.NodeOSUpgradeChannel, a.SecretRotationPollInterval = "", "", "", ""
		a.NodeOSMaintenanceWindow, a.AuditLogCategories = nil, nil
	})
	aks := plan.MustFind(t, typeCluster, "aks-aks")
	for path, want := range map[string]any{
		"sku.tier": cluster.DefaultSkuTier, "networkProfile.networkDataplane": "cilium", "networkProfile.networkPolicy": "cilium",
		"networkProfile.serviceCidr": cluster.DefaultServiceCIDR, "networkProfile.podCidr": cluster.DefaultPodCIDR,
		"networkProfile.dnsServiceIP": "172.16.0.10", "networkProfile.outboundType": cluster.OutboundLoadBalancer,
		"autoUpgradeProfile.upgradeChannel": cluster.DefaultUpgradeChannel, "autoUpgradeProfile.nodeOSUpgradeChannel": cluster.DefaultNodeOSUpgradeChannel,
		"addonProfiles.azureKeyvaultSecretsProvider.config.rotationPollInterval": cluster.DefaultSecretRotationPollInterval,
	} {
		assert.Equal(t, want, offline.Get(aks.Inputs, path), path)
	}
	assert.Equal(t, "192.168.0.10", cluster.DNSServiceIPOf("192.168.0.0/16"))
	assert.Equal(t, "", cluster.DNSServiceIPOf("not a CIDR"))
}

// An unset network policy is the dataplane's own engine; the azure dataplane also takes calico.
func TestNetworkPolicyFollowsTheDataplane(t *testing.T) {
	for _, tc := range []struct{ dataplane, policy, want string }{
		{"", "", "cilium"},
		{"azure", "", "azure"},
		{"azure", "calico", "calico"},
	} {
		plan := mustRun(t, func(a *cluster.ClusterArgs, _ upstream) {
			a.NetworkDataplane, a.NetworkPolicy = tc.dataplane, tc.policy
		})
		aks := plan.MustFind(t, typeCluster, "aks-aks")
		assert.Equal(t, tc.want, offline.Get(aks.Inputs, "networkProfile.networkPolicy"), tc.dataplane+"/"+tc.policy)
	}
}
