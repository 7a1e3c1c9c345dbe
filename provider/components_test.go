package provider_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	vnetID      = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev"
	workspaceID = rgID + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev"
	agentKey    = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvW1r0k0x1n0mNqGq7Vd3Jm3XgN1m8d4n1q0Yb2c3d4 ops@hardaks"
)

var (
	rg    = pulumi.String("rg-hardaks-dev")
	where = pulumi.String("westeurope")
	tags  = pulumi.StringMap{"env": pulumi.String("dev")}
)

// components are Args for every component, as a program in another language would pass them.
var components = []struct {
	token string
	args  any
	build func(ctx *pulumi.Context, name string, args any) error
}{
	{"hardaks:monitoring:Monitoring", &monitoring.MonitoringArgs{ResourceGroupName: rg, Location: where, WorkspaceName: "log-hardaks-dev", Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := monitoring.NewMonitoring(ctx, name, a.(*monitoring.MonitoringArgs))
			return err
		}},
	{"hardaks:network:Network", &network.NetworkArgs{ResourceGroupName: rg, Location: where, VirtualNetworkName: "vnet-hardaks-dev",
		AddressSpace: "10.40.0.0/16", NodeSubnetPrefix: "10.40.0.0/22", PrivateEndpointSubnetPrefix: "10.40.4.0/24",
		BastionSubnetPrefix: "10.40.5.0/26", BuildAgentSubnetPrefix: "10.40.6.0/27", NatGateway: &network.NatGateway{Zones: []string{"1"}}, Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := network.NewNetwork(ctx, name, a.(*network.NetworkArgs))
			return err
		}},
	{"hardaks:privatedns:Zones", &privatedns.ZonesArgs{ResourceGroupName: rg, Location: where, VirtualNetworkID: pulumi.String(vnetID),
		VirtualNetworkName: "vnet-hardaks-dev", ClusterZone: true, Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := privatedns.NewZones(ctx, name, a.(*privatedns.ZonesArgs))
			return err
		}},
	{"hardaks:cluster:Cluster", &cluster.ClusterArgs{ResourceGroupName: rg, Location: where, ClusterName: "aks-hardaks-dev",
		TenantID: offline.TenantID, AdminGroupObjectIDs: []string{kubelet}, NodeSubnetID: pulumi.String(vnetID + "/subnets/snet-nodes"),
		LogAnalyticsWorkspaceID: pulumi.String(workspaceID), OutboundType: cluster.OutboundNATGateway,
		SystemPool: cluster.NodePool{Name: "system", VMSize: "Standard_D4ds_v5", MinCount: 2, MaxCount: 3, OSDiskType: cluster.OSDiskEphemeral, Zones: []string{"1", "2", "3"}},
		UserPools:  []cluster.NodePool{{Name: "apps", VMSize: "Standard_D4ds_v5", MinCount: 1, MaxCount: 5, OSDiskType: cluster.OSDiskEphemeral}},
		RoleAssignments: []rbac.RoleAssignment{{Name: "writers-web", Role: rbac.AKSRBACWriter, PrincipalID: kubelet,
			PrincipalType: rbac.PrincipalGroup, Namespace: "web"}},
		Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := cluster.NewCluster(ctx, name, a.(*cluster.ClusterArgs))
			return err
		}},
	{"hardaks:registry:Registry", &registry.RegistryArgs{ResourceGroupName: rg, Location: where, RegistryName: "acrhardaksdev",
		PrivateEndpointSubnetID: pulumi.String(subnetID), PrivateDNSZoneID: pulumi.String(zoneID), LogAnalyticsWorkspaceID: pulumi.String(workspaceID),
		RoleAssignments:            []rbac.RoleAssignment{{Name: "kubelet-acrpull", Role: rbac.AcrPull, PrincipalType: rbac.PrincipalServicePrincipal}},
		RoleAssignmentPrincipalIDs: pulumi.StringMap{"kubelet-acrpull": pulumi.String(kubelet)},
		Lock:                       &lock.Lock{Kind: lock.CanNotDelete}, Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := registry.NewRegistry(ctx, name, a.(*registry.RegistryArgs))
			return err
		}},
	{"hardaks:keyvault:Vault", &keyvault.VaultArgs{ResourceGroupName: rg, Location: where, VaultName: "kv-hardaks-dev", TenantID: offline.TenantID,
		SkuName: keyvault.SkuStandard, PrivateEndpointSubnetID: pulumi.String(subnetID),
		PrivateDNSZoneID:        pulumi.String(rgID + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"),
		LogAnalyticsWorkspaceID: pulumi.String(workspaceID), SecretNames: []string{"db-password"},
		SecretValues:    pulumi.StringMap{"db-password": pulumi.String("s3cr3t")},
		RoleAssignments: []rbac.RoleAssignment{{Name: "app-db", Role: rbac.KeyVaultSecretsUser, PrincipalID: kubelet, PrincipalType: rbac.PrincipalServicePrincipal, Secret: "db-password"}},
		Tags:            tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := keyvault.NewVault(ctx, name, a.(*keyvault.VaultArgs))
			return err
		}},
	{"hardaks:bastion:Bastion", &bastion.BastionArgs{ResourceGroupName: rg, Location: where, BastionName: "bas-hardaks-dev",
		SubnetID: pulumi.String(vnetID + "/subnets/AzureBastionSubnet"), LogAnalyticsWorkspaceID: pulumi.String(workspaceID), Zones: []string{"1", "2", "3"}, Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := bastion.NewBastion(ctx, name, a.(*bastion.BastionArgs))
			return err
		}},
	{"hardaks:workloadidentity:WorkloadIdentity", &workloadidentity.WorkloadIdentityArgs{ResourceGroupName: rg, Location: where, Name: "orders",
		Namespace: "orders", ServiceAccount: "orders-api", OIDCIssuerURL: pulumi.String("https://westeurope.oic.prod-aks.azure.com/t/i/"),
		VaultName: pulumi.String("kv-hardaks-dev"), TenantID: offline.TenantID, Secrets: []string{"db-password"}, Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := workloadidentity.NewWorkloadIdentity(ctx, name, a.(*workloadidentity.WorkloadIdentityArgs))
			return err
		}},
	{"hardaks:buildagent:BuildAgent", &buildagent.BuildAgentArgs{ResourceGroupName: rg, Location: where, NamePrefix: "vm-hardaks-dev-agent",
		Count: 2, AdminUsername: "hardaksadmin", SSHPublicKey: agentKey, SubnetID: pulumi.String(vnetID + "/subnets/snet-build-agents"),
		Zones: []string{"1", "2"}, RegistryName: pulumi.String("acrhardaksdev"), VaultName: pulumi.String("kv-hardaks-dev"),
		RegistrationTokenSecretName: "ci-token", ClusterName: pulumi.String("aks-hardaks-dev"), ClusterResourceGroup: rg,
		CI: buildagent.CI{System: buildagent.SystemGitHubActions, URL: "https://github.com/contoso/apps", Labels: []string{"hardaks"}}, Tags: tags},
		func(ctx *pulumi.Context, name string, a any) error {
			_, err := buildagent.NewBuildAgent(ctx, name, a.(*buildagent.BuildAgentArgs))
			return err
		}},
}

// Every component built through the provider, from the inputs another language sends, registers the same children
// with the same inputs and dependencies between them as its Go constructor from the same arguments.
func TestConstructMatchesTheGoConstructorForEveryComponent(t *testing.T) {
	for _, c := range components {
		t.Run(c.token, func(t *testing.T) {
			viaProvider, err := construct(t, c.token, "x", inputsOf(c.args))
			require.NoError(t, err)
			plan, err := offline.Run(offline.Options{Project: project, Stack: stack}, func(ctx *pulumi.Context) (pulumi.Map, error) {
				return nil, c.build(ctx, "x", c.args)
			})
			require.NoError(t, err)
			got, want := byName(viaProvider), map[string]offline.Resource{}
			for _, r := range plan.Resources {
				if r.Custom {
					want[r.Type+" "+r.Name] = r
				}
			}
			require.NotEmpty(t, want)
			require.ElementsMatch(t, keys(want), keys(got))
			for name, r := range want {
				assert.Equal(t, r.Inputs, got[name].Inputs, name)
				assert.Equal(t, names(r.Dependencies), names(got[name].Dependencies), name)
			}
		})
	}
}

// names are the logical names of URNs: the provider's URNs carry the engine's stack and project.
func names(urns []string) []string {
	out := make([]string, len(urns))
	for i, u := range urns {
		out[i] = u[strings.LastIndex(u, "::")+2:]
	}
	return out
}

// inputsOf is args as the engine sends them to Construct: each field under its pulumi tag, Inputs as their values.
func inputsOf(args any) map[string]any {
	return value(reflect.ValueOf(args)).(map[string]any)
}

func value(v reflect.Value) any {
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		if in, ok := v.Interface().(pulumi.Input); ok {
			return inputValue(in)
		}
		v = v.Elem()
	}
	if in, ok := v.Interface().(pulumi.Input); ok {
		return inputValue(in)
	}
	switch v.Kind() {
	case reflect.Struct:
		out := map[string]any{}
		for i := range v.NumField() {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("pulumi"), ",")
			if name == "" {
				continue
			}
			f := v.Field(i)
			if f.IsZero() {
				continue
			}
			out[name] = value(f)
		}
		return out
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range v.Len() {
			out[i] = value(v.Index(i))
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		for _, k := range v.MapKeys() {
			out[k.String()] = value(v.MapIndex(k))
		}
		return out
	case reflect.String:
		return v.String()
	case reflect.Int:
		return float64(v.Int())
	case reflect.Bool:
		return v.Bool()
	}
	panic(fmt.Sprintf("inputsOf: %s", v.Type()))
}

func inputValue(in pulumi.Input) any {
	switch in := in.(type) {
	case pulumi.String:
		return string(in)
	case pulumi.StringMap:
		out := map[string]any{}
		for k, v := range in {
			out[k] = inputValue(v)
		}
		return out
	}
	panic(fmt.Sprintf("inputsOf: %T", in))
}
