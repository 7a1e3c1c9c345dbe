// A private AKS environment from the hardaks components: workspace, network, private DNS, cluster, registry, vault
// and Bastion, in an existing resource group. Each component validates its arguments and reports every problem at
// once; the registry and vault hold the grants the cluster's identities need.
import * as pulumi from "@pulumi/pulumi";
import * as hardaks from "@hardaks/hardaks";

const config = new pulumi.Config();
const resourceGroupName = config.require("resourceGroupName");
const location = config.get("location") ?? "westeurope";
const name = config.get("name") ?? "demo";
const tags = { environment: name, "managed-by": "hardaks" };

const monitoring = new hardaks.monitoring.Monitoring("monitoring", {
    resourceGroupName, location, workspaceName: `log-hardaks-${name}`, tags,
});

const network = new hardaks.network.Network("network", {
    resourceGroupName, location, virtualNetworkName: `vnet-hardaks-${name}`,
    addressSpace: "10.40.0.0/16",
    nodeSubnetPrefix: "10.40.0.0/22",
    privateEndpointSubnetPrefix: "10.40.4.0/24",
    bastionSubnetPrefix: "10.40.5.0/26",
    buildAgentSubnetPrefix: "10.40.6.0/27",
    natGateway: { zones: ["1"] },
    tags,
});

const dns = new hardaks.privatedns.Zones("dns", {
    resourceGroupName, location, virtualNetworkId: network.virtualNetworkId, virtualNetworkName: `vnet-hardaks-${name}`, tags,
});

const cluster = new hardaks.cluster.Cluster("cluster", {
    resourceGroupName, location, clusterName: `aks-hardaks-${name}`,
    tenantId: config.require("tenantId"),
    adminGroupObjectIds: config.requireObject<string[]>("adminGroupObjectIds"),
    nodeSubnetId: network.nodeSubnetId,
    outboundType: "userAssignedNATGateway",
    logAnalyticsWorkspaceId: monitoring.workspaceId,
    systemPool: { name: "system", vmSize: "Standard_D4ds_v5", minCount: 2, maxCount: 3, osDiskType: "Ephemeral", zones: ["1", "2", "3"] },
    userPools: [{ name: "apps", vmSize: "Standard_D4ds_v5", minCount: 1, maxCount: 5, osDiskType: "Ephemeral", zones: ["1", "2", "3"] }],
    tags,
});

const registry = new hardaks.registry.Registry("registry", {
    resourceGroupName, location, registryName: config.require("registryName"),
    privateEndpointSubnetId: network.privateEndpointSubnetId, privateDnsZoneId: dns.registryZoneId,
    logAnalyticsWorkspaceId: monitoring.workspaceId,
    roleAssignments: [{ name: "kubelet-acrpull", role: "AcrPull", principalType: "ServicePrincipal" }],
    // The principal is an output of the cluster, so the map is one too.
    roleAssignmentPrincipalIds: cluster.kubeletObjectId.apply(id => ({ "kubelet-acrpull": id })),
    tags,
});

const vault = new hardaks.keyvault.Vault("vault", {
    resourceGroupName, location, vaultName: config.require("vaultName"), tenantId: config.require("tenantId"), skuName: "standard",
    privateEndpointSubnetId: network.privateEndpointSubnetId, privateDnsZoneId: dns.keyVaultZoneId,
    logAnalyticsWorkspaceId: monitoring.workspaceId,
    lock: { kind: "CanNotDelete" },
    tags,
});

const bastion = new hardaks.bastion.Bastion("bastion", {
    resourceGroupName, location, bastionName: `bas-hardaks-${name}`, subnetId: network.bastionSubnetId,
    logAnalyticsWorkspaceId: monitoring.workspaceId, zones: ["1", "2", "3"], tags,
});

export const clusterName = cluster.clusterName;
export const registryLoginServer = registry.loginServer;
export const vaultUri = vault.vaultUri;
export const aksBastionCommand = pulumi.interpolate`az aks bastion tunnel --resource-group ${resourceGroupName} --name ${cluster.clusterName} --bastion ${bastion.bastionId}`;
