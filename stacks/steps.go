package stacks

import (
	"maps"

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

// step is what every step shares, none of it written by a step: the configuration, the resource group, the
// environment component the others are children of, and its tags.
type step struct {
	ctx    *pulumi.Context
	name   string
	cfg    *config.Config
	group  pulumi.StringOutput
	parent pulumi.ResourceOption
	tags   pulumi.StringMap
	moved  moved
}

func (s step) monitoring() (*monitoring.Monitoring, error) {
	args := s.cfg.MonitoringArgs()
	args.ResourceGroupName, args.Tags = s.group, s.tags
	return monitoring.NewMonitoring(s.ctx, s.name+"-monitoring", args, s.parent)
}

func (s step) network(args *network.NetworkArgs, workspace pulumi.StringOutput) (*network.Network, error) {
	args.ResourceGroupName, args.Tags = s.group, s.tags
	if args.Firewall != nil {
		args.LogAnalyticsWorkspaceID = workspace
	}
	return network.NewNetwork(s.ctx, s.name+"-network", args, s.parent)
}

func (s step) privateDNS(args *privatedns.ZonesArgs, net *network.Network) (*privatedns.Zones, error) {
	args.ResourceGroupName, args.VirtualNetworkID, args.Tags = s.group, net.VirtualNetworkID, s.tags
	return privatedns.NewZones(s.ctx, s.name+"-dns", args, s.parent)
}

func (s step) cluster(net *network.Network, dns *privatedns.Zones, clusterZone bool, workspace pulumi.StringOutput, agent *agentPrincipal,
) (*cluster.Cluster, error) {
	args := s.cfg.ClusterArgs()
	args.ResourceGroupName, args.Tags = s.group, s.tags
	args.NodeSubnetID, args.LogAnalyticsWorkspaceID = net.NodeSubnetID, workspace
	if clusterZone {
		args.PrivateDNSZoneID = dns.ClusterZoneID.Elem()
	}
	args.RoleAssignments, args.RoleAssignmentPrincipalIDs = agent.grant(args.RoleAssignments, nil, agent.grants.Cluster)
	component := s.name + "-cluster"
	return cluster.NewCluster(s.ctx, component, args, s.parent, s.moved.grants(component, s.moved.agentGrants(s.name, agent.grants.Cluster)))
}

// workloads are created before the vault, which grants each its objects; they need only the vault's name.
func (s step) workloads(args []*workloadidentity.WorkloadIdentityArgs, c *cluster.Cluster, vaultName string,
) ([]*workloadidentity.WorkloadIdentity, error) {
	var out []*workloadidentity.WorkloadIdentity
	for _, a := range args {
		a.ResourceGroupName, a.Tags = s.group, s.tags
		a.OIDCIssuerURL, a.VaultName = c.OIDCIssuerURL, pulumi.String(vaultName)
		w, err := workloadidentity.NewWorkloadIdentity(s.ctx, s.name+"-workload-"+a.Name, a, s.parent)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

func (s step) registry(net *network.Network, dns *privatedns.Zones, workspace pulumi.StringOutput, c *cluster.Cluster, agent *agentPrincipal,
) (*registry.Registry, error) {
	args := s.cfg.RegistryArgs()
	args.ResourceGroupName, args.Tags = s.group, s.tags
	args.PrivateEndpointSubnetID, args.PrivateDNSZoneID, args.LogAnalyticsWorkspaceID = net.PrivateEndpointSubnetID, dns.RegistryZoneID, workspace
	// Only the kubelet pulls; the build agents push.
	kubelet := []rbac.RoleAssignment{{Name: "kubelet-acrpull", Role: rbac.AcrPull, PrincipalType: rbac.PrincipalServicePrincipal}}
	args.RoleAssignments, args.RoleAssignmentPrincipalIDs = agent.grant(kubelet, pulumi.StringMap{"kubelet-acrpull": c.KubeletObjectID}, agent.grants.Registry)
	component := s.name + "-registry"
	return registry.NewRegistry(s.ctx, component, args, s.parent, s.moved.grants(component, s.moved.agentGrants(s.name, agent.grants.Registry)))
}

func (s step) keyVault(args *keyvault.VaultArgs, net *network.Network, dns *privatedns.Zones, workspace pulumi.StringOutput, c *cluster.Cluster,
	workloadArgs []*workloadidentity.WorkloadIdentityArgs, workloads []*workloadidentity.WorkloadIdentity, agent *agentPrincipal,
) (*keyvault.Vault, error) {
	args.ResourceGroupName, args.Tags = s.group, s.tags
	args.PrivateEndpointSubnetID, args.PrivateDNSZoneID, args.LogAnalyticsWorkspaceID = net.PrivateEndpointSubnetID, dns.KeyVaultZoneID, workspace
	var grants []rbac.RoleAssignment
	principals := pulumi.StringMap{}
	moves := map[string]pulumi.Alias{}
	if s.cfg.KeyVault.CSIAddonAccess {
		grants = append(grants, rbac.RoleAssignment{Name: "csi-addon-secrets-user", Role: rbac.KeyVaultSecretsUser, PrincipalType: rbac.PrincipalServicePrincipal})
		principals["csi-addon-secrets-user"] = c.KeyVaultSecretsProviderObjectID
	}
	for i, w := range workloadArgs {
		for _, g := range w.VaultRoleAssignments() {
			grants = append(grants, g)
			principals[g.Name] = workloads[i].PrincipalID
			moves[g.Name] = s.moved.workloadGrant(s.name+"-workload-"+w.Name, g)
		}
	}
	args.RoleAssignments, args.RoleAssignmentPrincipalIDs = agent.grant(grants, principals, agent.grants.KeyVault)
	maps.Copy(moves, s.moved.agentGrants(s.name, agent.grants.KeyVault))
	component := s.name + "-keyvault"
	return keyvault.NewVault(s.ctx, component, args, s.parent, s.moved.grants(component, moves))
}

func (s step) bastion(net *network.Network, workspace pulumi.StringOutput) (*bastion.Bastion, error) {
	args := s.cfg.BastionArgs()
	args.ResourceGroupName, args.Tags = s.group, s.tags
	args.SubnetID, args.LogAnalyticsWorkspaceID = net.BastionSubnetID, workspace
	return bastion.NewBastion(s.ctx, s.name+"-bastion", args, s.parent)
}

// buildAgent creates the agents, whose identity the registry, vault and cluster already grant, and settles the
// deferred principal.
func (s step) buildAgent(args *buildagent.BuildAgentArgs, net *network.Network, reg *registry.Registry, vault *keyvault.Vault,
	c *cluster.Cluster, agent *agentPrincipal,
) (*buildagent.BuildAgent, error) {
	args.ResourceGroupName, args.Tags = s.group, s.tags
	args.SubnetID = net.BuildAgentSubnetID
	args.RegistryName, args.VaultName = reg.RegistryName, vault.VaultName
	args.ClusterName, args.ClusterResourceGroup = c.ClusterName, s.group
	args.AccessRoleAssignmentIDs = agent.grantIDs(reg.RoleAssignmentIDs, vault.RoleAssignmentIDs, c.RoleAssignmentIDs)
	agents, err := buildagent.NewBuildAgent(s.ctx, s.name+"-buildagent", args, s.parent)
	if err != nil {
		return nil, err
	}
	agent.resolve(agents.IdentityPrincipalID)
	return agents, nil
}
