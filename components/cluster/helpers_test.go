package cluster_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

// Types of the resources the component registers.
const (
	typeCluster          = "azure-native:containerservice/v20240901:ManagedCluster"
	typeAgentPool        = "azure-native:containerservice/v20240901:AgentPool"
	typeMaintenance      = "azure-native:containerservice/v20240901:MaintenanceConfiguration"
	typeIdentity         = "azure-native:managedidentity/v20230131:UserAssignedIdentity"
	typeAssignment       = "azure-native:authorization/v20220401:RoleAssignment"
	typeDiagnostic       = "azure-native:insights/v20210501preview:DiagnosticSetting"
	typeDCR              = "azure-native:insights/v20220601:DataCollectionRule"
	typeDCRA             = "azure-native:insights/v20220601:DataCollectionRuleAssociation"
	typeComponent        = "hardaks:cluster:Cluster"
	typePolicyAssignment = "azure-native:authorization/v20240401:PolicyAssignment"
	typeSubnet           = "azure-native:network/v20240301:Subnet"
	typeZone             = "azure-native:network/v20240601:PrivateZone"
	typeWorkspace        = "azure-native:operationalinsights/v20221001:Workspace"
)

// Fixture values, and the ARM IDs the mock gives the upstream resources.
const (
	sub           = offline.SubscriptionID
	rg            = "rg-hardaks-dev"
	location      = "westeurope"
	clusterName   = "aks-hardaks-dev"
	tenant        = "11111111-1111-1111-1111-111111111111"
	adminGroup    = "aaaaaaaa-0000-0000-0000-000000000001"
	readerGroup   = "aaaaaaaa-0000-0000-0000-000000000002"
	buildAgent    = "bbbbbbbb-0000-0000-0000-000000000003"
	vnetID        = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev"
	subnetID      = vnetID + "/subnets/snet-nodes"
	workspaceID   = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev"
	zoneID        = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io"
	clusterID     = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.ContainerService/managedClusters/" + clusterName
	identityID    = "/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-" + clusterName
	roleDefPrefix = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/"
)

// upstream are the resources a stack would pass in: the node subnet, the workspace and the private DNS zone, as
// stand-ins so this test links no network or monitoring packages.
type upstream struct {
	subnetID, workspaceID, zoneID pulumi.StringOutput
}

func newUpstream(ctx *pulumi.Context) (upstream, error) {
	subnet, err := offline.NewStandIn(ctx, typeSubnet, "snet", pulumi.Map{
		"resourceGroupName":  pulumi.String(rg),
		"virtualNetworkName": pulumi.String("vnet-hardaks-dev"),
		"subnetName":         pulumi.String("snet-nodes"),
		"addressPrefix":      pulumi.String("10.40.0.0/22"),
	})
	if err != nil {
		return upstream{}, err
	}
	workspace, err := offline.NewStandIn(ctx, typeWorkspace, "mon-workspace", pulumi.Map{
		"resourceGroupName": pulumi.String(rg),
		"workspaceName":     pulumi.String("log-hardaks-dev"),
		"location":          pulumi.String(location),
	})
	if err != nil {
		return upstream{}, err
	}
	zone, err := offline.NewStandIn(ctx, typeZone, "zone", pulumi.Map{
		"resourceGroupName": pulumi.String(rg),
		"privateZoneName":   pulumi.String("privatelink.westeurope.azmk8s.io"),
		"location":          pulumi.String("global"),
	})
	if err != nil {
		return upstream{}, err
	}
	return upstream{
		subnetID:    subnet.ID().ToStringOutput(),
		workspaceID: workspace.ID().ToStringOutput(),
		zoneID:      zone.ID().ToStringOutput(),
	}, nil
}

// validArgs are complete, valid arguments: AKS-managed DNS zone, two user pools, no cluster upgrade window.
func validArgs(up upstream) *cluster.ClusterArgs {
	return &cluster.ClusterArgs{
		ResourceGroupName:    pulumi.String(rg),
		Location:             pulumi.String(location),
		ClusterName:          clusterName,
		TenantID:             tenant,
		KubernetesVersion:    "1.30",
		SkuTier:              "Standard",
		AdminGroupObjectIDs:  []string{adminGroup},
		NodeSubnetID:         up.subnetID,
		NetworkDataplane:     "cilium",
		NetworkPolicy:        "cilium",
		ServiceCIDR:          "172.16.0.0/16",
		PodCIDR:              "192.168.0.0/16",
		DNSServiceIP:         "172.16.0.10",
		OutboundType:         "userAssignedNATGateway",
		UpgradeChannel:       "patch",
		NodeOSUpgradeChannel: "SecurityPatch",
		NodeOSMaintenanceWindow: &cluster.MaintenanceWindow{
			DayOfWeek: "Sunday", StartTime: "02:00", DurationHours: 4, UTCOffset: "+00:00", IntervalWeeks: 1,
		},
		SecretRotationPollInterval: "2m",
		LogAnalyticsWorkspaceID:    up.workspaceID,
		AuditLogCategories:         []string{"kube-audit-admin", "kube-apiserver", "guard"},
		SystemPool: cluster.NodePool{
			Name: "system", VMSize: "Standard_D4ds_v5", MinCount: 2, MaxCount: 3, OSDiskType: "Ephemeral",
			OSDiskSizeGB: 128, MaxSurge: "33%", Zones: []string{"1", "2", "3"}, MaxPods: 110,
		},
		UserPools: []cluster.NodePool{
			{
				Name: "apps", VMSize: "Standard_D8ds_v5", MinCount: 1, MaxCount: 10, OSDiskType: "Ephemeral",
				OSDiskSizeGB: 200, MaxSurge: "1", Zones: []string{"1", "2"}, MaxPods: 60,
				Labels: map[string]string{"workload": "apps", "tier": "general"},
				Taints: []string{"workload=apps:NoSchedule"},
			},
			{Name: "batch", VMSize: "Standard_D4s_v5", MinCount: 0, MaxCount: 5, OSDiskType: "Managed"},
		},
		RoleAssignments: []rbac.RoleAssignment{
			{Name: "admins", Role: rbac.AKSRBACClusterAdmin, PrincipalID: adminGroup, PrincipalType: rbac.PrincipalGroup},
			{Name: "readers", Role: rbac.AKSRBACReader, PrincipalID: readerGroup, PrincipalType: rbac.PrincipalGroup},
			{Name: "build-agent", Role: rbac.AKSClusterUser, PrincipalType: rbac.PrincipalServicePrincipal},
		},
		RoleAssignmentPrincipalIDs: pulumi.StringMap{"build-agent": pulumi.String(buildAgent)},
		Tags:                       pulumi.StringMap{"environment": pulumi.String("dev"), "project": pulumi.String("hardaks")},
	}
}

// run builds the upstream resources and a Cluster named "aks" from validArgs after mutate, and exports every
// output of the component.
func run(t *testing.T, mutate func(args *cluster.ClusterArgs, up upstream)) (*offline.Plan, error) {
	t.Helper()
	return offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		up, err := newUpstream(ctx)
		if err != nil {
			return nil, err
		}
		args := validArgs(up)
		if mutate != nil {
			mutate(args, up)
		}
		c, err := cluster.NewCluster(ctx, "aks", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"clusterName":                     c.ClusterName,
			"clusterId":                       c.ClusterID,
			"oidcIssuerUrl":                   c.OIDCIssuerURL,
			"kubeletObjectId":                 c.KubeletObjectID,
			"kubeletClientId":                 c.KubeletClientID,
			"kubeletIdentityId":               c.KubeletIdentityID,
			"keyVaultSecretsProviderClientId": c.KeyVaultSecretsProviderClientID,
			"keyVaultSecretsProviderObjectId": c.KeyVaultSecretsProviderObjectID,
			"nodeResourceGroup":               c.NodeResourceGroup,
			"controlPlaneIdentityId":          c.ControlPlaneIdentityID,
			"controlPlanePrincipalId":         c.ControlPlanePrincipalID,
			"privateFqdn":                     c.PrivateFQDN,
		}, nil
	})
}

// mustRun is run that fails the test on error.
func mustRun(t *testing.T, mutate func(args *cluster.ClusterArgs, up upstream)) *offline.Plan {
	t.Helper()
	plan, err := run(t, mutate)
	require.NoError(t, err)
	return plan
}

// withCustomZone passes the upstream private DNS zone.
func withCustomZone(args *cluster.ClusterArgs, up upstream) { args.PrivateDNSZoneID = up.zoneID }
