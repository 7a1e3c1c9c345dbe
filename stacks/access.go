package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/rbac"
)

func (b *builder) bastion() error {
	args := b.cfg.BastionArgs()
	args.ResourceGroupName = b.resourceGroupName
	args.SubnetID = b.env.Network.BastionSubnetID
	args.LogAnalyticsWorkspaceID = b.env.Monitoring.WorkspaceID
	args.Tags = b.tags
	bas, err := bastion.NewBastion(b.ctx, b.name+"-bastion", args, b.child())
	b.env.Bastion = bas
	return err
}

// kubernetesRoles maps config's build agent role to the Azure RBAC role on the cluster.
var kubernetesRoles = map[string]string{
	"reader":       rbac.AKSRBACReader,
	"writer":       rbac.AKSRBACWriter,
	"admin":        rbac.AKSRBACAdmin,
	"clusterAdmin": rbac.AKSRBACClusterAdmin,
}

func (b *builder) buildAgent() error {
	a := b.cfg.BuildAgent
	if !a.Enabled {
		return nil
	}
	agent, err := buildagent.NewBuildAgent(b.ctx, b.name+"-buildagent", &buildagent.BuildAgentArgs{
		ResourceGroupName:           b.resourceGroupName,
		Location:                    pulumi.String(b.cfg.Environment.Location),
		NamePrefix:                  b.cfg.Names.BuildAgentPrefix,
		Count:                       a.Count,
		VMSize:                      a.VMSize,
		AdminUsername:               a.AdminUsername,
		SSHPublicKey:                a.SSHPublicKey,
		SubnetID:                    b.env.Network.BuildAgentSubnetID,
		Zones:                       b.cfg.Environment.AvailabilityZones,
		SubscriptionID:              b.subscriptionID,
		RegistryID:                  b.env.Registry.RegistryID,
		RegistryName:                b.env.Registry.RegistryName,
		VaultID:                     b.env.KeyVault.VaultID,
		VaultName:                   b.env.KeyVault.VaultName,
		RegistrationTokenSecretName: a.RegistrationTokenSecret,
		VaultSecretIDs:              b.env.KeyVault.SecretIDs,
		ClusterID:                   b.env.Cluster.ClusterID,
		ClusterName:                 b.env.Cluster.ClusterName,
		ClusterResourceGroup:        b.resourceGroupName,
		KubernetesRoleGUID:          kubernetesRoles[a.KubernetesRole],
		KubernetesNamespaces:        a.KubernetesNamespaces,
		CI: buildagent.CIArgs{
			System: a.CI.System,
			URL:    a.CI.URL,
			Pool:   a.CI.Pool,
			Labels: a.CI.Labels,
		},
		Tags: b.tags,
	}, b.child())
	b.env.BuildAgent = agent
	return err
}

// accessOutputs are the commands that reach the private environment through Bastion.
func (b *builder) accessOutputs(out pulumi.Map) {
	env := b.env
	// az aks bastion tunnel opens a tunnel to the private API server and a subshell whose kubeconfig uses it. The
	// command group gained subcommands (enable, disable, update, tunnel) in the aks-preview extension for Azure CLI
	// 2.85+, and without --bastion it looks for a Bastion in the node resource group, where hardaks' is not.
	// https://learn.microsoft.com/cli/azure/aks/bastion
	out["aksBastionCommand"] = pulumi.Sprintf("az aks bastion tunnel --resource-group %s --name %s --bastion %s",
		b.resourceGroupName, env.Cluster.ClusterName, env.Bastion.BastionID)
	out["bastionName"] = env.Bastion.BastionName
	out["bastionPublicIpAddressId"] = env.Bastion.PublicIPAddressID
	if env.BuildAgent == nil {
		return
	}
	user := b.cfg.BuildAgent.AdminUsername
	out["buildAgentIdentityClientId"] = env.BuildAgent.IdentityClientID
	out["buildAgentSshCommands"] = pulumi.All(b.resourceGroupName, env.Bastion.BastionName, env.BuildAgent.VirtualMachineIDs).ApplyT(
		func(v []any) []string {
			var commands []string
			for _, id := range v[2].([]string) {
				commands = append(commands, fmt.Sprintf(
					"az network bastion ssh --resource-group %s --name %s --target-resource-id %s --auth-type ssh-key --username %s --ssh-key <path to the private key>",
					v[0], v[1], id, user))
			}
			return commands
		}).(pulumi.StringArrayOutput)
}
