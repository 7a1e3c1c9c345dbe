// Package stacks composes hardaks components into a whole environment. Another Go Pulumi program can import it
// (or the components directly) and build its own environment from a config.Config.
package stacks

import (
	"errors"
	"fmt"

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

	// ResourceGroupName is the environment's resource group.
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

	// ClusterName is the AKS cluster's name.
	ClusterName pulumi.StringOutput `pulumi:"clusterName"`
	// OIDCIssuerURL is the cluster's OIDC issuer, which workload identities' federated credentials trust.
	OIDCIssuerURL pulumi.StringOutput `pulumi:"oidcIssuerUrl"`
	// RegistryLoginServer is the registry's host name, <name>.azurecr.io.
	RegistryLoginServer pulumi.StringOutput `pulumi:"registryLoginServer"`
	// KeyVaultURI is the vault's data-plane URI.
	KeyVaultURI pulumi.StringOutput `pulumi:"keyVaultUri"`
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

// compose registers the components under env, in the order their data flows: each step receives the components it
// reads and returns its own.
func compose(ctx *pulumi.Context, name string, cfg *config.Config, env *Environment) error {
	s := step{ctx: ctx, name: name, cfg: cfg, parent: pulumi.Parent(env), tags: pulumi.ToStringMap(cfg.Environment.Tags),
		moved: moved{ctx: ctx, env: env}}
	rg, err := resources.NewResourceGroup(ctx, name+"-rg", &resources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(cfg.Names.ResourceGroup),
		Location:          pulumi.String(cfg.Environment.Location),
		Tags:              s.tags,
	}, s.parent, pulumi.Protect(cfg.Environment.Production))
	if err != nil {
		return err
	}
	s.group, env.ResourceGroupName = rg.Name, rg.Name

	// Before the network: the firewall logs to the workspace.
	if env.Monitoring, err = s.monitoring(); err != nil {
		return err
	}
	workspace := env.Monitoring.WorkspaceID
	networkArgs := cfg.NetworkArgs()
	if env.Network, err = s.network(networkArgs, workspace); err != nil {
		return err
	}
	zonesArgs := cfg.ZonesArgs()
	if env.DNS, err = s.privateDNS(zonesArgs, env.Network); err != nil {
		return err
	}
	// The build agents' identity is created with the agents, last: they need the names of the registry, vault and
	// cluster, which grant the identity its roles. Its principal is deferred so those grants can be declared first.
	agentArgs := cfg.BuildAgentArgs()
	agent := deferAgentPrincipal(ctx, agentArgs)
	defer agent.abandon()
	if env.Cluster, err = s.cluster(env.Network, env.DNS, zonesArgs.ClusterZone, workspace, agent); err != nil {
		return err
	}
	vaultArgs, workloadArgs := cfg.VaultArgs(), cfg.WorkloadArgs()
	if env.Workloads, err = s.workloads(workloadArgs, env.Cluster, vaultArgs.VaultName); err != nil {
		return err
	}
	if env.Registry, err = s.registry(env.Network, env.DNS, workspace, env.Cluster, agent); err != nil {
		return err
	}
	if env.KeyVault, err = s.keyVault(vaultArgs, env.Network, env.DNS, workspace, env.Cluster, workloadArgs, env.Workloads, agent); err != nil {
		return err
	}
	if env.Bastion, err = s.bastion(env.Network, workspace); err != nil {
		return err
	}
	if agentArgs != nil {
		if env.BuildAgent, err = s.buildAgent(agentArgs, env.Network, env.Registry, env.KeyVault, env.Cluster, agent); err != nil {
			return err
		}
	}
	env.setOutputs(cfg, networkArgs, zonesArgs)
	return nil
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
