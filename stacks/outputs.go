package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/config"
)

// setOutputs sets the commands and the stack outputs, read from the components; an optional output is there when
// the arguments the component was given create it.
func (env *Environment) setOutputs(cfg *config.Config, networkArgs *network.NetworkArgs, zonesArgs *privatedns.ZonesArgs) {
	group := env.ResourceGroupName
	env.ClusterName, env.OIDCIssuerURL = env.Cluster.ClusterName, env.Cluster.OIDCIssuerURL
	env.RegistryLoginServer, env.KeyVaultURI = env.Registry.LoginServer, env.KeyVault.VaultURI
	// kubelogin turns the Entra-only kubeconfig into one that reuses the az login; local accounts are disabled.
	env.GetCredentialsCommand = pulumi.Sprintf(
		"az aks get-credentials --resource-group %s --name %s && kubelogin convert-kubeconfig -l azurecli", group, env.Cluster.ClusterName)
	// az aks bastion tunnel opens a tunnel to the private API server and a subshell whose kubeconfig uses it. The
	// command group gained subcommands (enable, disable, update, tunnel) in the aks-preview extension for Azure CLI
	// 2.85+, and without --bastion it looks for a Bastion in the node resource group, where hardaks' is not.
	// https://learn.microsoft.com/cli/azure/aks/bastion
	env.AKSBastionCommand = pulumi.Sprintf("az aks bastion tunnel --resource-group %s --name %s --bastion %s",
		group, env.Cluster.ClusterName, env.Bastion.BastionID)

	out := pulumi.Map{
		"resourceGroupName":        group,
		"virtualNetworkId":         env.Network.VirtualNetworkID,
		"nodeSubnetId":             env.Network.NodeSubnetID,
		"privateEndpointSubnetId":  env.Network.PrivateEndpointSubnetID,
		"bastionSubnetId":          env.Network.BastionSubnetID,
		"buildAgentSubnetId":       env.Network.BuildAgentSubnetID,
		"registryPrivateDnsZoneId": env.DNS.RegistryZoneID,
		"keyVaultPrivateDnsZoneId": env.DNS.KeyVaultZoneID,
		"logAnalyticsWorkspaceId":  env.Monitoring.WorkspaceID,

		"clusterName":                     env.Cluster.ClusterName,
		"clusterId":                       env.Cluster.ClusterID,
		"clusterPrivateFqdn":              env.Cluster.PrivateFQDN,
		"oidcIssuerUrl":                   env.Cluster.OIDCIssuerURL,
		"kubeletIdentityObjectId":         env.Cluster.KubeletObjectID,
		"kubeletIdentityClientId":         env.Cluster.KubeletClientID,
		"keyVaultSecretsProviderClientId": env.Cluster.KeyVaultSecretsProviderClientID,
		"keyVaultSecretsProviderObjectId": env.Cluster.KeyVaultSecretsProviderObjectID,
		"nodeResourceGroup":               env.Cluster.NodeResourceGroup,
		"getCredentialsCommand":           env.GetCredentialsCommand,

		"registryName":        env.Registry.RegistryName,
		"registryLoginServer": env.Registry.LoginServer,
		"keyVaultName":        env.KeyVault.VaultName,
		"keyVaultUri":         env.KeyVault.VaultURI,

		"aksBastionCommand":        env.AKSBastionCommand,
		"bastionName":              env.Bastion.BastionName,
		"bastionPublicIpAddressId": env.Bastion.PublicIPAddressID,
	}
	if networkArgs.NatGateway != nil {
		out["natGatewayId"] = env.Network.NatGatewayID
	}
	if networkArgs.Firewall != nil || networkArgs.HubFirewallPrivateIP != "" {
		out["egressPrivateIp"] = env.Network.EgressPrivateIP
	}
	if networkArgs.Firewall != nil {
		out["firewallPublicIpId"] = env.Network.FirewallPublicIPID
	}
	if zonesArgs.ClusterZone {
		out["clusterPrivateDnsZoneId"] = env.DNS.ClusterZoneID
	}
	workloads := pulumi.Map{}
	for i, w := range env.Workloads {
		workloads[cfg.Workloads[i].Name] = pulumi.Map{
			"clientId":                    w.ClientID,
			"serviceAccountManifest":      w.ServiceAccountManifest,
			"secretProviderClassManifest": w.SecretProviderClassManifest,
		}
	}
	out["workloads"] = workloads
	env.BuildAgentSSHCommands = pulumi.StringArray{}.ToStringArrayOutput()
	if env.BuildAgent != nil {
		user := cfg.BuildAgent.AdminUsername
		out["buildAgentIdentityClientId"] = env.BuildAgent.IdentityClientID
		env.BuildAgentSSHCommands = pulumi.All(group, env.Bastion.BastionName, env.BuildAgent.VirtualMachineIDs).ApplyT(
			func(v []any) []string {
				var commands []string
				for _, id := range v[2].([]string) {
					commands = append(commands, fmt.Sprintf(
						"az network bastion ssh --resource-group %s --name %s --target-resource-id %s --auth-type ssh-key --username %s --ssh-key <path to the private key>",
						v[0], v[1], id, user))
				}
				return commands
			}).(pulumi.StringArrayOutput)
		out["buildAgentSshCommands"] = env.BuildAgentSSHCommands
	}
	env.outputs = out
}
