package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/config"
)

// outputs are the stack outputs: what operators and pipelines need to reach and use the environment.
func (b *builder) outputs() pulumi.Map {
	env := b.env
	out := pulumi.Map{
		"resourceGroupName":        b.resourceGroupName,
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
		// kubelogin turns the Entra-only kubeconfig into one that reuses the az login; local accounts are disabled.
		"getCredentialsCommand": pulumi.Sprintf(
			"az aks get-credentials --resource-group %s --name %s && kubelogin convert-kubeconfig -l azurecli",
			b.resourceGroupName, env.Cluster.ClusterName),

		"registryName":        env.Registry.RegistryName,
		"registryLoginServer": env.Registry.LoginServer,
		"keyVaultName":        env.KeyVault.VaultName,
		"keyVaultUri":         env.KeyVault.VaultURI,
	}
	if b.cfg.Network.NatGateway.Enabled {
		out["natGatewayId"] = env.Network.NatGatewayID
	}
	if b.cfg.Network.RoutesThroughFirewall() {
		out["egressPrivateIp"] = env.Network.EgressPrivateIP
	}
	if b.cfg.Network.Egress == config.EgressFirewall {
		out["firewallPublicIpId"] = env.Network.FirewallPublicIPID
	}
	if b.cfg.Cluster.PrivateDNSZone != config.PrivateDNSZoneSystem {
		out["clusterPrivateDnsZoneId"] = env.DNS.ClusterZoneID
	}
	workloads := pulumi.Map{}
	for i, w := range env.Workloads {
		workloads[b.cfg.Workloads[i].Name] = pulumi.Map{
			"clientId":                    w.ClientID,
			"serviceAccountManifest":      w.ServiceAccountManifest,
			"secretProviderClassManifest": w.SecretProviderClassManifest,
		}
	}
	out["workloads"] = workloads
	b.accessOutputs(out)
	return out
}
