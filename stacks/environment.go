// Package stacks composes hardaks components into a whole environment. Another Go Pulumi program can import it
// (or the components directly) and build its own environment from a config.Config.
package stacks

import (
	"errors"
	"fmt"
	"maps"

	resources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2/v20240701"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
	"github.com/hardaks/hardaks/config"
)

// Environment is one hardened environment: every component, and the commands that reach it.
type Environment struct {
	pulumi.ResourceState

	ResourceGroupName pulumi.StringOutput `pulumi:"resourceGroupName"`
	Monitoring        *monitoring.Monitoring
	Network           *network.Network
	DNS               *privatedns.Zones
	Cluster           *cluster.Cluster
	// Workloads are in the order of the configuration's workloads.
	Workloads []*workloadidentity.WorkloadIdentity
	Registry  *registry.Registry
	KeyVault  *keyvault.Vault
	Bastion   *bastion.Bastion
	// BuildAgent is nil when the build agents are disabled.
	BuildAgent *buildagent.BuildAgent

	// GetCredentialsCommand writes a kubeconfig that signs in with the az login (local accounts are disabled).
	GetCredentialsCommand pulumi.StringOutput `pulumi:"getCredentialsCommand"`
	// AKSBastionCommand opens a tunnel to the private API server through Bastion.
	AKSBastionCommand pulumi.StringOutput `pulumi:"aksBastionCommand"`
	// BuildAgentSSHCommands reach each agent VM through Bastion; empty without agents.
	BuildAgentSSHCommands pulumi.StringArrayOutput `pulumi:"buildAgentSshCommands"`

	// outputs are the stack outputs, built once from the components.
	outputs pulumi.Map
}

// StackOutputs are the stack outputs of the environment: what operators and pipelines need to reach and use it.
func (env *Environment) StackOutputs() pulumi.Map { return env.outputs }

// Program is the hardaks Pulumi program: it loads the stack configuration, builds the environment, and exports and
// returns its stack outputs.
func Program(ctx *pulumi.Context) (pulumi.Map, error) {
	cfg, err := config.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	env, err := NewEnvironment(ctx, "hardaks", cfg)
	if err != nil {
		return nil, err
	}
	outputs := env.StackOutputs()
	for key, value := range outputs {
		ctx.Export(key, value)
	}
	return outputs, nil
}

// NewEnvironment builds the environment described by cfg, which must be completed and valid (config.Load does
// both). Each step below receives what it needs and returns its component; the order is the data flow.
func NewEnvironment(ctx *pulumi.Context, name string, cfg *config.Config, opts ...pulumi.ResourceOption) (*Environment, error) {
	if cfg == nil {
		return nil, errors.New("stacks: config must not be nil")
	}
	// A Config built in code may skip config.Load; nothing is registered unless it is valid.
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	env := &Environment{}
	if err := ctx.RegisterComponentResource("hardaks:index:Environment", name, env, opts...); err != nil {
		return nil, err
	}
	if err := compose(ctx, name, cfg, env); err != nil {
		return nil, err
	}
	return env, ctx.RegisterResourceOutputs(env, env.outputs)
}

// compose registers the components under env.
func compose(ctx *pulumi.Context, name string, cfg *config.Config, env *Environment) error {
	s := step{parent: pulumi.Parent(env), tags: pulumi.ToStringMap(cfg.Environment.Tags), moved: moved{ctx: ctx, env: env}}

	rg, err := resources.NewResourceGroup(ctx, name+"-rg", &resources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(cfg.Names.ResourceGroup),
		Location:          pulumi.String(cfg.Environment.Location),
		Tags:              s.tags,
	}, s.parent, pulumi.Protect(cfg.Environment.Production))
	if err != nil {
		return err
	}
	group := rg.Name
	env.ResourceGroupName = group

	monitoringArgs := cfg.MonitoringArgs()
	monitoringArgs.ResourceGroupName, monitoringArgs.Tags = group, s.tags
	// Before the network: the firewall logs to the workspace.
	if env.Monitoring, err = monitoring.NewMonitoring(ctx, name+"-monitoring", monitoringArgs, s.parent); err != nil {
		return err
	}
	workspace := env.Monitoring.WorkspaceID

	networkArgs := cfg.NetworkArgs()
	networkArgs.ResourceGroupName, networkArgs.Tags = group, s.tags
	if networkArgs.Firewall != nil {
		networkArgs.LogAnalyticsWorkspaceID = workspace
	}
	if env.Network, err = network.NewNetwork(ctx, name+"-network", networkArgs, s.parent); err != nil {
		return err
	}

	zonesArgs := cfg.ZonesArgs()
	zonesArgs.ResourceGroupName, zonesArgs.VirtualNetworkID, zonesArgs.Tags = group, env.Network.VirtualNetworkID, s.tags
	if env.DNS, err = privatedns.NewZones(ctx, name+"-dns", zonesArgs, s.parent); err != nil {
		return err
	}

	// The build agents' identity is created with the agents, last: they need the names of the registry, vault and
	// cluster, which grant the identity its roles. Its principal is deferred so those grants can be declared first.
	agentArgs := cfg.BuildAgentArgs()
	agent := deferAgentPrincipal(ctx, agentArgs)
	defer agent.abandon()

	clusterArgs := cfg.ClusterArgs()
	clusterArgs.ResourceGroupName, clusterArgs.Tags = group, s.tags
	clusterArgs.NodeSubnetID, clusterArgs.LogAnalyticsWorkspaceID = env.Network.NodeSubnetID, workspace
	if zonesArgs.ClusterZone {
		clusterArgs.PrivateDNSZoneID = env.DNS.ClusterZoneID.Elem()
	}
	clusterArgs.RoleAssignments, clusterArgs.RoleAssignmentPrincipalIDs = agent.grant(clusterArgs.RoleAssignments, nil, agent.grants.Cluster)
	if env.Cluster, err = cluster.NewCluster(ctx, name+"-cluster", clusterArgs, s.parent, s.moved.grants(name+"-cluster", s.moved.agentGrants(name, agent.grants.Cluster))); err != nil {
		return err
	}

	vaultArgs := cfg.VaultArgs()
	workloadArgs := cfg.WorkloadArgs()
	for _, args := range workloadArgs {
		args.ResourceGroupName, args.Tags = group, s.tags
		args.OIDCIssuerURL, args.VaultName = env.Cluster.OIDCIssuerURL, pulumi.String(vaultArgs.VaultName)
		w, err := workloadidentity.NewWorkloadIdentity(ctx, name+"-workload-"+args.Name, args, s.parent)
		if err != nil {
			return err
		}
		env.Workloads = append(env.Workloads, w)
	}

	registryArgs := cfg.RegistryArgs()
	registryArgs.ResourceGroupName, registryArgs.Tags = group, s.tags
	registryArgs.PrivateEndpointSubnetID, registryArgs.PrivateDNSZoneID = env.Network.PrivateEndpointSubnetID, env.DNS.RegistryZoneID
	registryArgs.LogAnalyticsWorkspaceID = workspace
	// Only the kubelet pulls; the build agents push.
	kubelet := []rbac.RoleAssignment{{Name: "kubelet-acrpull", Role: rbac.AcrPull, PrincipalType: rbac.PrincipalServicePrincipal}}
	registryArgs.RoleAssignments, registryArgs.RoleAssignmentPrincipalIDs = agent.grant(kubelet,
		pulumi.StringMap{"kubelet-acrpull": env.Cluster.KubeletObjectID}, agent.grants.Registry)
	if env.Registry, err = registry.NewRegistry(ctx, name+"-registry", registryArgs, s.parent, s.moved.grants(name+"-registry", s.moved.agentGrants(name, agent.grants.Registry))); err != nil {
		return err
	}

	vaultArgs.ResourceGroupName, vaultArgs.Tags = group, s.tags
	vaultArgs.PrivateEndpointSubnetID, vaultArgs.PrivateDNSZoneID = env.Network.PrivateEndpointSubnetID, env.DNS.KeyVaultZoneID
	vaultArgs.LogAnalyticsWorkspaceID = workspace
	var vaultGrants []rbac.RoleAssignment
	vaultPrincipals := pulumi.StringMap{}
	moves := map[string]pulumi.Alias{}
	if cfg.KeyVault.CSIAddonAccess {
		vaultGrants = append(vaultGrants, rbac.RoleAssignment{Name: "csi-addon-secrets-user", Role: rbac.KeyVaultSecretsUser, PrincipalType: rbac.PrincipalServicePrincipal})
		vaultPrincipals["csi-addon-secrets-user"] = env.Cluster.KeyVaultSecretsProviderObjectID
	}
	for i, args := range workloadArgs {
		for _, g := range args.VaultRoleAssignments() {
			vaultGrants = append(vaultGrants, g)
			vaultPrincipals[g.Name] = env.Workloads[i].PrincipalID
			moves[g.Name] = s.moved.workloadGrant(name+"-workload-"+args.Name, g)
		}
	}
	vaultArgs.RoleAssignments, vaultArgs.RoleAssignmentPrincipalIDs = agent.grant(vaultGrants, vaultPrincipals, agent.grants.KeyVault)
	maps.Copy(moves, s.moved.agentGrants(name, agent.grants.KeyVault))
	if env.KeyVault, err = keyvault.NewVault(ctx, name+"-keyvault", vaultArgs, s.parent, s.moved.grants(name+"-keyvault", moves)); err != nil {
		return err
	}

	bastionArgs := cfg.BastionArgs()
	bastionArgs.ResourceGroupName, bastionArgs.Tags = group, s.tags
	bastionArgs.SubnetID, bastionArgs.LogAnalyticsWorkspaceID = env.Network.BastionSubnetID, workspace
	if env.Bastion, err = bastion.NewBastion(ctx, name+"-bastion", bastionArgs, s.parent); err != nil {
		return err
	}

	if agentArgs != nil {
		agentArgs.ResourceGroupName, agentArgs.Tags = group, s.tags
		agentArgs.SubnetID = env.Network.BuildAgentSubnetID
		agentArgs.RegistryName, agentArgs.VaultName = env.Registry.RegistryName, env.KeyVault.VaultName
		agentArgs.ClusterName, agentArgs.ClusterResourceGroup = env.Cluster.ClusterName, group
		agentArgs.AccessRoleAssignmentIDs = agent.grantIDs(env.Registry.RoleAssignmentIDs, env.KeyVault.RoleAssignmentIDs, env.Cluster.RoleAssignmentIDs)
		if env.BuildAgent, err = buildagent.NewBuildAgent(ctx, name+"-buildagent", agentArgs, s.parent); err != nil {
			return err
		}
		agent.resolve(env.BuildAgent.IdentityPrincipalID)
	}

	env.setOutputs(cfg, networkArgs, zonesArgs)
	return nil
}

// step is what every step shares.
type step struct {
	parent pulumi.ResourceOption
	tags   pulumi.StringMap
	moved  moved
}

// agentPrincipal is the build agents' identity, as the registry, vault and cluster grant it before the agents exist.
type agentPrincipal struct {
	grants      buildagent.AccessRoleAssignments
	principalID pulumi.StringOutput
	settle      func(pulumi.Output)
	settled     bool
}

func deferAgentPrincipal(ctx *pulumi.Context, args *buildagent.BuildAgentArgs) *agentPrincipal {
	if args == nil {
		return &agentPrincipal{settled: true}
	}
	deferred, settle := pulumi.DeferredOutput[string](ctx.Context())
	return &agentPrincipal{grants: args.AccessRoleAssignments(), principalID: deferred.Untyped().(pulumi.StringOutput), settle: settle}
}

// grant adds the agents' grants, with the deferred principal, to a component's assignments and principals.
func (a *agentPrincipal) grant(assignments []rbac.RoleAssignment, principals pulumi.StringMap, agents []rbac.RoleAssignment) ([]rbac.RoleAssignment, pulumi.StringMapInput) {
	if principals == nil {
		principals = pulumi.StringMap{}
	}
	for _, g := range agents {
		assignments = append(assignments, g)
		principals[g.Name] = a.principalID
	}
	if len(principals) == 0 {
		return assignments, nil
	}
	return assignments, principals
}

// grantIDs are the IDs of the agents' grants in the components' roleAssignmentIds.
func (a *agentPrincipal) grantIDs(registryIDs, vaultIDs, clusterIDs pulumi.StringMapOutput) pulumi.StringArrayOutput {
	return pulumi.All(registryIDs, vaultIDs, clusterIDs).ApplyT(func(v []any) []string {
		var ids []string
		for i, grants := range [][]rbac.RoleAssignment{a.grants.Registry, a.grants.KeyVault, a.grants.Cluster} {
			for _, g := range grants {
				ids = append(ids, v[i].(map[string]string)[g.Name])
			}
		}
		return ids
	}).(pulumi.StringArrayOutput)
}

func (a *agentPrincipal) resolve(principalID pulumi.StringOutput) {
	a.settle(principalID)
	a.settled = true
}

// abandon fails the deferred principal when composition stopped before the agents were built, so no grant waits
// for it forever.
func (a *agentPrincipal) abandon() {
	if !a.settled {
		a.settle(pulumi.String("").ToStringOutput().ApplyT(func(string) (string, error) {
			return "", fmt.Errorf("stacks: the build agents were not created")
		}).(pulumi.StringOutput))
	}
}
