// Package stacks composes hardaks components into a whole environment. Another Go Pulumi program can import it
// (or the components directly) and build its own environment from a config.Config.
package stacks

import (
	"errors"

	resources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2/v20240701"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/azureclient"
)

// Environment is one hardened environment: every component, and the stack outputs they produce.
type Environment struct {
	pulumi.ResourceState

	ResourceGroupName pulumi.StringOutput `pulumi:"resourceGroupName"`
	Network           *network.Network
	DNS               *privatedns.Zones
	Monitoring        *monitoring.Monitoring
	Cluster           *cluster.Cluster
	Registry          *registry.Registry
	KeyVault          *keyvault.Vault
	Workloads         []*workloadidentity.WorkloadIdentity
	Bastion           *bastion.Bastion
	// BuildAgent is nil when the build agents are disabled.
	BuildAgent *buildagent.BuildAgent

	// Outputs are the stack outputs NewEnvironment exported.
	Outputs pulumi.Map
}

// Program is the hardaks Pulumi program: it loads the stack configuration, builds the environment and returns
// the stack outputs it set.
func Program(ctx *pulumi.Context) (pulumi.Map, error) {
	cfg, err := config.FromContext(ctx)
	if err != nil {
		return nil, err
	}
	env, err := NewEnvironment(ctx, "hardaks", cfg)
	if err != nil {
		return nil, err
	}
	return env.Outputs, nil
}

// NewEnvironment builds the environment described by cfg, which must be completed and valid (config.Load does
// both), and exports its stack outputs.
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
	client, err := azureclient.Get(ctx)
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, cfg: cfg, env: env, subscriptionID: pulumi.String(client.SubscriptionID),
		tags: pulumi.ToStringMap(cfg.Environment.Tags)}
	steps := []func() error{
		b.resourceGroup,
		b.monitoring, // before the network: the firewall logs to the workspace
		b.network,
		b.privateDNS,
		b.cluster,
		b.registry,
		b.keyVault,
		b.workloads,
		b.bastion,
		b.buildAgent,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	env.Outputs = b.outputs()
	for key, value := range env.Outputs {
		ctx.Export(key, value)
	}
	return env, ctx.RegisterResourceOutputs(env, env.Outputs)
}

// builder carries what the composition steps share.
type builder struct {
	ctx            *pulumi.Context
	name           string
	cfg            *config.Config
	env            *Environment
	subscriptionID pulumi.StringInput
	tags           pulumi.StringMap

	resourceGroupName pulumi.StringOutput
}

func (b *builder) child() pulumi.ResourceOption { return pulumi.Parent(b.env) }

func (b *builder) resourceGroup() error {
	rg, err := resources.NewResourceGroup(b.ctx, b.name+"-rg", &resources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(b.cfg.Names.ResourceGroup),
		Location:          pulumi.String(b.cfg.Environment.Location),
		Tags:              b.tags,
	}, b.child(), pulumi.Protect(b.cfg.Environment.Production))
	if err != nil {
		return err
	}
	b.resourceGroupName = rg.Name
	b.env.ResourceGroupName = rg.Name
	return nil
}

func (b *builder) network() error {
	args := b.cfg.NetworkArgs()
	args.ResourceGroupName = b.resourceGroupName
	args.Tags = b.tags
	if args.Firewall != nil {
		args.LogAnalyticsWorkspaceID = b.env.Monitoring.WorkspaceID
	}
	net, err := network.NewNetwork(b.ctx, b.name+"-network", args, b.child())
	b.env.Network = net
	return err
}

func (b *builder) privateDNS() error {
	z := b.cfg.Network.PrivateDNSZones
	zones, err := privatedns.NewZones(b.ctx, b.name+"-dns", &privatedns.ZonesArgs{
		ResourceGroupName:      b.resourceGroupName,
		VirtualNetworkID:       b.env.Network.VirtualNetworkID,
		VirtualNetworkName:     b.cfg.Names.VirtualNetwork,
		Location:               pulumi.String(b.cfg.Environment.Location),
		ClusterZone:            b.cfg.Cluster.PrivateDNSZone != config.PrivateDNSZoneSystem,
		ExistingRegistryZoneID: z.RegistryZoneID,
		ExistingKeyVaultZoneID: z.KeyVaultZoneID,
		ExistingClusterZoneID:  z.ClusterZoneID,
		Tags:                   b.tags,
	}, b.child())
	b.env.DNS = zones
	return err
}

func (b *builder) monitoring() error {
	args := b.cfg.MonitoringArgs()
	args.ResourceGroupName = b.resourceGroupName
	args.Tags = b.tags
	m, err := monitoring.NewMonitoring(b.ctx, b.name+"-monitoring", args, b.child())
	b.env.Monitoring = m
	return err
}
