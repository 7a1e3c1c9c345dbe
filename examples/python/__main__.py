"""A private AKS environment from the hardaks components: workspace, network, private DNS, cluster, registry, vault
and Bastion, in an existing resource group. Each component validates its arguments and reports every problem at
once; the registry holds the grant the cluster's kubelet needs."""

import pulumi
import hardaks

config = pulumi.Config()
resource_group_name = config.require("resourceGroupName")
location = config.get("location") or "westeurope"
name = config.get("name") or "demo"
tenant_id = config.require("tenantId")
tags = {"environment": name, "managed-by": "hardaks"}

monitoring = hardaks.monitoring.Monitoring(
    "monitoring", resource_group_name=resource_group_name, location=location,
    workspace_name=f"log-hardaks-{name}", tags=tags)

network = hardaks.network.Network(
    "network", resource_group_name=resource_group_name, location=location,
    virtual_network_name=f"vnet-hardaks-{name}", address_space="10.40.0.0/16",
    node_subnet_prefix="10.40.0.0/22", private_endpoint_subnet_prefix="10.40.4.0/24",
    bastion_subnet_prefix="10.40.5.0/26", build_agent_subnet_prefix="10.40.6.0/27",
    nat_gateway={"zones": ["1"]}, tags=tags)

dns = hardaks.privatedns.Zones(
    "dns", resource_group_name=resource_group_name, location=location,
    virtual_network_id=network.virtual_network_id, virtual_network_name=f"vnet-hardaks-{name}", tags=tags)

pool = {"vm_size": "Standard_D4ds_v5", "os_disk_type": "Ephemeral", "zones": ["1", "2", "3"]}
cluster = hardaks.cluster.Cluster(
    "cluster", resource_group_name=resource_group_name, location=location, cluster_name=f"aks-hardaks-{name}",
    tenant_id=tenant_id, admin_group_object_ids=config.require_object("adminGroupObjectIds"),
    node_subnet_id=network.node_subnet_id, outbound_type="userAssignedNATGateway",
    log_analytics_workspace_id=monitoring.workspace_id,
    system_pool={"name": "system", "min_count": 2, "max_count": 3, **pool},
    user_pools=[{"name": "apps", "min_count": 1, "max_count": 5, **pool}], tags=tags)

registry = hardaks.registry.Registry(
    "registry", resource_group_name=resource_group_name, location=location,
    registry_name=config.require("registryName"),
    private_endpoint_subnet_id=network.private_endpoint_subnet_id, private_dns_zone_id=dns.registry_zone_id,
    log_analytics_workspace_id=monitoring.workspace_id,
    role_assignments=[{"name": "kubelet-acrpull", "role": "AcrPull", "principal_type": "ServicePrincipal"}],
    role_assignment_principal_ids=cluster.kubelet_object_id.apply(lambda id: {"kubelet-acrpull": id}), tags=tags)

vault = hardaks.keyvault.Vault(
    "vault", resource_group_name=resource_group_name, location=location, vault_name=config.require("vaultName"),
    tenant_id=tenant_id, sku_name="standard",
    private_endpoint_subnet_id=network.private_endpoint_subnet_id, private_dns_zone_id=dns.key_vault_zone_id,
    log_analytics_workspace_id=monitoring.workspace_id, lock={"kind": "CanNotDelete"}, tags=tags)

bastion = hardaks.bastion.Bastion(
    "bastion", resource_group_name=resource_group_name, location=location, bastion_name=f"bas-hardaks-{name}",
    subnet_id=network.bastion_subnet_id, log_analytics_workspace_id=monitoring.workspace_id,
    zones=["1", "2", "3"], tags=tags)

pulumi.export("clusterName", cluster.cluster_name)
pulumi.export("registryLoginServer", registry.login_server)
pulumi.export("vaultUri", vault.vault_uri)
