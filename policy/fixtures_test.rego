package hardaks

import rego.v1

# Compliant resources shaped as the analyzer's input documents: fx_* as Analyze sees them (azure-native inputs plus
# __type, __name, __urn), fxo_* as AnalyzeStack sees them (azure-native outputs, without the path parameters, plus
# dependencies and propertyDependencies), and helpers the tests mutate them with. Test helpers are functions and
# complete rules, like the pack's.

fx_sub := "/subscriptions/00000000-0000-0000-0000-000000000001"

fx_rg := "rg-test"

fx_id(path) := sprintf("%s/resourceGroups/%s/providers/%s", [fx_sub, fx_rg, path])

fx_urn(typ, name) := sprintf("urn:pulumi:test::hardaks::%s::%s", [typ, name])

# fx_res is a resource; deps maps each input property computed from other resources to those resources' [type, name].
fx_res(typ, name, props, deps) := object.union(props, {
	"__type": typ,
	"__name": name,
	"__urn": fx_urn(typ, name),
	"dependencies": sort({fx_urn(t, n) | some pairs in deps; some [t, n] in pairs}),
	"propertyDependencies": {prop: [fx_urn(t, n) | some [t, n] in pairs] | some prop, pairs in deps},
})

# fx_out is resource r as stack analysis sees it: its outputs are its inputs without the path parameters, plus the
# name and what Azure computes.
fx_out(r, path_parameters, name, computed) := object.union(json.remove(r, path_parameters), object.union(computed, {"name": name}))

# The analyzer's encoding of a value that is not known yet, and of a secret (resource.PropertyMap.Mappable()).
fx_unknown := {"Element": {"V": ""}}

fx_secret(plaintext) := {"Element": {"V": plaintext}}

# patched deep-merges changes into a resource; stripped removes properties (paths like "a/b").
patched(r, changes) := object.union(r, changes)

stripped(r, paths) := json.remove(r, paths)

# with_resource replaces the stack resource of the same URN, or adds it.
with_resource(resources, r) := array.concat([x | some x in resources; x.__urn != r.__urn], [r])

without_resource(resources, name) := [x | some x in resources; x.__name != name]

# without_provenance is r with no dependencies: its references are values written out in the program.
without_provenance(r) := object.union(json.remove(r, ["dependencies", "propertyDependencies"]), {"propertyDependencies": {}})

fx_stack_resource(resources, name) := [x | some x in resources; x.__name == name][0]

t_cluster := "azure-native:containerservice/v20240901:ManagedCluster"

t_pool := "azure-native:containerservice/v20240901:AgentPool"

t_registry := "azure-native:containerregistry:Registry"

t_vault := "azure-native:keyvault:Vault"

t_pe := "azure-native:network:PrivateEndpoint"

t_zone_group := "azure-native:network:PrivateDnsZoneGroup"

t_diag := "azure-native:insights:DiagnosticSetting"

t_nsg := "azure-native:network:NetworkSecurityGroup"

t_rule := "azure-native:network:SecurityRule"

t_subnet := "azure-native:network:Subnet"

t_vnet := "azure-native:network:VirtualNetwork"

t_pip := "azure-native:network:PublicIPAddress"

t_bastion := "azure-native:network:BastionHost"

t_nic := "azure-native:network:NetworkInterface"

t_vm := "azure-native:compute:VirtualMachine"

t_uai := "azure-native:managedidentity:UserAssignedIdentity"

t_fic := "azure-native:managedidentity:FederatedIdentityCredential"

t_ra := "azure-native:authorization:RoleAssignment"

fx_workspace := fx_id("Microsoft.OperationalInsights/workspaces/log-test")

fx_cluster := fx_res(
	t_cluster, "aks", {
		"resourceGroupName": fx_rg,
		"resourceName": "aks-test",
		"location": "westeurope",
		"dnsPrefix": "aks-test",
		"identity": {"type": "UserAssigned", "userAssignedIdentities": [fx_id("Microsoft.ManagedIdentity/userAssignedIdentities/id-aks-test")]},
		"apiServerAccessProfile": {"enablePrivateCluster": true, "enablePrivateClusterPublicFQDN": false, "disableRunCommand": true, "privateDNSZone": "system"},
		"aadProfile": {"managed": true, "enableAzureRBAC": true, "adminGroupObjectIDs": ["4f6e2d1c-8b7a-4c3d-9e0f-1a2b3c4d5e6f"], "tenantID": "11111111-1111-1111-1111-111111111111"},
		"enableRBAC": true,
		"disableLocalAccounts": true,
		"oidcIssuerProfile": {"enabled": true},
		"securityProfile": {
			"workloadIdentity": {"enabled": true},
			"defender": {"logAnalyticsWorkspaceResourceId": fx_workspace, "securityMonitoring": {"enabled": true}},
			"imageCleaner": {"enabled": true, "intervalHours": 168},
		},
		"addonProfiles": {
			"azureKeyvaultSecretsProvider": {"enabled": true, "config": {"enableSecretRotation": "true", "rotationPollInterval": "2m"}},
			"azurepolicy": {"enabled": true},
		},
		"autoUpgradeProfile": {"upgradeChannel": "patch", "nodeOSUpgradeChannel": "NodeImage"},
		"networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay", "networkPolicy": "cilium", "networkDataplane": "cilium"},
		"agentPoolProfiles": [{"name": "system", "mode": "System", "vmSize": "Standard_D4ds_v5", "enableEncryptionAtHost": true, "enableNodePublicIP": false, "securityProfile": {"enableVTPM": true, "enableSecureBoot": true}}],
		"nodeResourceGroupProfile": {"restrictionLevel": "ReadOnly"},
	},
	{},
)

fx_pool := fx_res(
	t_pool, "aks-pool-user", {
		"resourceGroupName": fx_rg,
		"resourceName": "aks-test",
		"agentPoolName": "user",
		"mode": "User",
		"vmSize": "Standard_D4ds_v5",
		"enableEncryptionAtHost": true,
		"enableNodePublicIP": false,
		"securityProfile": {"enableVTPM": true, "enableSecureBoot": true},
	},
	{"resourceName": [[t_cluster, "aks"]]},
)

fx_cluster_diag := fx_res(
	t_diag, "aks-diag", {
		"name": "diag-aks-test",
		"resourceUri": fx_id("Microsoft.ContainerService/managedClusters/aks-test"),
		"workspaceId": fx_workspace,
		"logAnalyticsDestinationType": "Dedicated",
		"logs": [{"category": "kube-audit-admin", "enabled": true}, {"category": "guard", "enabled": true}],
	},
	{"resourceUri": [[t_cluster, "aks"]]},
)

t_policy_assignment := "azure-native:authorization/v20240401:PolicyAssignment"

fx_pod_security := fx_res(
	t_policy_assignment, "aks-pod-security", {
		"scope": fx_id("Microsoft.ContainerService/managedClusters/aks-test"),
		"policyAssignmentName": "hardaks-pod-security",
		"policyDefinitionId": "/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d",
		"enforcementMode": "Default",
		"parameters": {"effect": {"value": "Deny"}, "excludedNamespaces": {"value": ["kube-system", "gatekeeper-system"]}},
	},
	{"scope": [[t_cluster, "aks"]]},
)

fx_registry := fx_res(
	t_registry, "acr", {
		"resourceGroupName": fx_rg,
		"registryName": "acrtest",
		"sku": {"name": "Premium"},
		"adminUserEnabled": false,
		"publicNetworkAccess": "Disabled",
		"networkRuleSet": {"defaultAction": "Deny"},
		"policies": {"exportPolicy": {"status": "disabled"}},
	},
	{},
)

fx_registry_pe := fx_res(
	t_pe, "acr-pe", {
		"resourceGroupName": fx_rg,
		"privateEndpointName": "pep-acrtest-registry",
		"subnet": {"id": fx_id("Microsoft.Network/virtualNetworks/vnet-test/subnets/snet-private-endpoints")},
		"privateLinkServiceConnections": [{"name": "pep-acrtest-registry", "privateLinkServiceId": fx_id("Microsoft.ContainerRegistry/registries/acrtest"), "groupIds": ["registry"]}],
	},
	{"privateLinkServiceConnections": [[t_registry, "acr"]]},
)

fx_registry_dns := fx_res(
	t_zone_group, "acr-pe-dns", {
		"resourceGroupName": fx_rg,
		"privateEndpointName": "pep-acrtest-registry",
		"privateDnsZoneGroupName": "default",
		"privateDnsZoneConfigs": [{"name": "privatelink-azurecr-io", "privateDnsZoneId": fx_id("Microsoft.Network/privateDnsZones/privatelink.azurecr.io")}],
	},
	{"privateEndpointName": [[t_pe, "acr-pe"]]},
)

fx_vault := fx_res(
	t_vault, "kv", {
		"resourceGroupName": fx_rg,
		"vaultName": "kv-test",
		"properties": {
			"tenantId": "11111111-1111-1111-1111-111111111111",
			"sku": {"family": "A", "name": "standard"},
			"enableRbacAuthorization": true,
			"enableSoftDelete": true,
			"softDeleteRetentionInDays": 90,
			"enablePurgeProtection": true,
			"publicNetworkAccess": "Disabled",
			"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"},
		},
	},
	{},
)

fx_vault_pe := fx_res(
	t_pe, "kv-pe", {
		"resourceGroupName": fx_rg,
		"privateEndpointName": "pep-kv-test-vault",
		"privateLinkServiceConnections": [{"name": "pep-kv-test-vault", "privateLinkServiceId": fx_id("Microsoft.KeyVault/vaults/kv-test"), "groupIds": ["vault"]}],
	},
	{"privateLinkServiceConnections": [[t_vault, "kv"]]},
)

fx_vault_dns := fx_res(
	t_zone_group, "kv-pe-dns", {
		"resourceGroupName": fx_rg,
		"privateEndpointName": "pep-kv-test-vault",
		"privateDnsZoneConfigs": [{"name": "privatelink-vaultcore-azure-net", "privateDnsZoneId": fx_id("Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net")}],
	},
	{"privateEndpointName": [[t_pe, "kv-pe"]]},
)

fx_vault_diag := fx_res(
	t_diag, "kv-diag", {
		"name": "diag-kv-test",
		"resourceUri": fx_id("Microsoft.KeyVault/vaults/kv-test"),
		"workspaceId": fx_workspace,
		"logs": [{"categoryGroup": "audit", "enabled": true}],
	},
	{"resourceUri": [[t_vault, "kv"]]},
)

fx_nsg_nodes := fx_res(
	t_nsg, "nsg-nodes", {
		"resourceGroupName": fx_rg,
		"networkSecurityGroupName": "nsg-test-nodes",
		"securityRules": [],
	},
	{},
)

fx_bastion_rules := [
	{"name": "AllowHttpsInbound", "priority": 120, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443"},
	{"name": "AllowGatewayManagerInbound", "priority": 130, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "GatewayManager", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443"},
	{"name": "AllowAzureLoadBalancerInbound", "priority": 140, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443"},
	{"name": "AllowBastionHostCommunication", "priority": 150, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRanges": ["8080", "5701"]},
	{"name": "AllowSshRdpOutbound", "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRanges": ["22", "3389"]},
	{"name": "AllowAzureCloudOutbound", "priority": 110, "direction": "Outbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "AzureCloud", "destinationPortRange": "443"},
	{"name": "AllowBastionCommunication", "priority": 120, "direction": "Outbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRanges": ["8080", "5701"]},
	{"name": "AllowHttpOutbound", "priority": 130, "direction": "Outbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Internet", "destinationPortRange": "80"},
]

fx_nsg_bastion := fx_res(
	t_nsg, "nsg-bastion", {
		"resourceGroupName": fx_rg,
		"networkSecurityGroupName": "nsg-test-bastion",
		"securityRules": fx_bastion_rules,
	},
	{},
)

fx_subnet_nodes := fx_res(
	t_subnet, "snet-nodes", {
		"resourceGroupName": fx_rg,
		"virtualNetworkName": "vnet-test",
		"subnetName": "snet-nodes",
		"addressPrefix": "10.40.0.0/22",
		"networkSecurityGroup": {"id": fx_id("Microsoft.Network/networkSecurityGroups/nsg-test-nodes")},
	},
	{"networkSecurityGroup": [[t_nsg, "nsg-nodes"]]},
)

fx_subnet_bastion := fx_res(
	t_subnet, "snet-bastion", {
		"resourceGroupName": fx_rg,
		"virtualNetworkName": "vnet-test",
		"subnetName": "AzureBastionSubnet",
		"addressPrefix": "10.40.5.0/26",
		"networkSecurityGroup": {"id": fx_id("Microsoft.Network/networkSecurityGroups/nsg-test-bastion")},
	},
	{"networkSecurityGroup": [[t_nsg, "nsg-bastion"]]},
)

fx_pip := fx_res(
	t_pip, "bastion-pip", {
		"resourceGroupName": fx_rg,
		"publicIpAddressName": "pip-bas-test",
		"sku": {"name": "Standard"},
		"publicIPAllocationMethod": "Static",
	},
	{},
)

fx_bastion := fx_res(
	t_bastion, "bastion", {
		"resourceGroupName": fx_rg,
		"bastionHostName": "bas-test",
		"ipConfigurations": [{
			"name": "ipconfig-bastion",
			"subnet": {"id": fx_id("Microsoft.Network/virtualNetworks/vnet-test/subnets/AzureBastionSubnet")},
			"publicIPAddress": {"id": fx_id("Microsoft.Network/publicIPAddresses/pip-bas-test")},
		}],
	},
	{"ipConfigurations": [[t_subnet, "snet-bastion"], [t_pip, "bastion-pip"]]},
)

fx_nic := fx_res(
	t_nic, "agent-nic", {
		"resourceGroupName": fx_rg,
		"networkInterfaceName": "nic-test-agent-01",
		"enableIPForwarding": false,
		"ipConfigurations": [{"name": "ipconfig1", "privateIPAllocationMethod": "Dynamic", "subnet": {"id": fx_id("Microsoft.Network/virtualNetworks/vnet-test/subnets/snet-build-agents")}}],
	},
	{},
)

fx_agent_identity := fx_res(t_uai, "agent-id", {"resourceGroupName": fx_rg, "resourceName": "id-test-agent"}, {})

fx_workload_identity := fx_res(t_uai, "orders-id", {"resourceGroupName": fx_rg, "resourceName": "id-orders"}, {})

fx_cloud_config := concat("\n", [
	"#cloud-config",
	"ssh_pwauth: false",
	"users:",
	"  - default",
	"  - name: agent",
	"    lock_passwd: true",
	"write_files:",
	"  - path: /etc/hardaks/agent.env",
	"    content: |",
	"      HARDAKS_VAULT_NAME='kv-test'",
	"      HARDAKS_TOKEN_SECRET_NAME='build-agent-registration-token'",
	"  - path: /usr/local/bin/hardaks-register-agent",
	"    content: |",
	"      token=$(az keyvault secret show --vault-name \"${HARDAKS_VAULT_NAME}\" --name \"${HARDAKS_TOKEN_SECRET_NAME}\" --query value -o tsv)",
	"      VSTS_AGENT_INPUT_TOKEN=${token} ./config.sh --unattended --auth pat --token \"${token}\"",
	"      token=\"\"",
	"runcmd:",
	"  - /usr/local/bin/hardaks-register-agent",
	"",
])

fx_vm := fx_res(
	t_vm, "agent-vm", {
		"resourceGroupName": fx_rg,
		"vmName": "vm-test-agent-01",
		"hardwareProfile": {"vmSize": "Standard_D2ds_v5"},
		"identity": {"type": "UserAssigned", "userAssignedIdentities": [fx_id("Microsoft.ManagedIdentity/userAssignedIdentities/id-test-agent")]},
		"osProfile": {
			"computerName": "vm-test-agent-01",
			"adminUsername": "azureuser",
			"customData": base64.encode(fx_cloud_config),
			"linuxConfiguration": {
				"disablePasswordAuthentication": true,
				"ssh": {"publicKeys": [{"path": "/home/azureuser/.ssh/authorized_keys", "keyData": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHardaksTestKeyOnly azureuser"}]},
			},
		},
		"securityProfile": {"securityType": "TrustedLaunch", "uefiSettings": {"secureBootEnabled": true, "vTpmEnabled": true}, "encryptionAtHost": true},
		"networkProfile": {"networkInterfaces": [{"id": fx_id("Microsoft.Network/networkInterfaces/nic-test-agent-01"), "primary": true}]},
	},
	{"identity": [[t_uai, "agent-id"]], "networkProfile": [[t_nic, "agent-nic"]]},
)

fx_role_definition(guid) := sprintf("%s/providers/Microsoft.Authorization/roleDefinitions/%s", [fx_sub, guid])

fx_acr_pull := fx_res(
	t_ra, "acr-pull-kubelet", {
		"roleDefinitionId": fx_role_definition("7f951dda-4ed3-4680-a7ca-43fe172d538d"),
		"principalId": "5f224529-b44c-5d2e-8f3a-6b7c8d9e0f1a",
		"principalType": "ServicePrincipal",
		"scope": fx_id("Microsoft.ContainerRegistry/registries/acrtest"),
	},
	{"principalId": [[t_cluster, "aks"]], "scope": [[t_registry, "acr"]]},
)

fx_acr_push := fx_res(
	t_ra, "acr-push-agent", {
		"roleDefinitionId": fx_role_definition("8311e382-0749-4cb8-b61a-304f252e45ec"),
		"principalId": "e1573929-77f1-5a2b-9c3d-4e5f6a7b8c9d",
		"principalType": "ServicePrincipal",
		"scope": fx_id("Microsoft.ContainerRegistry/registries/acrtest"),
	},
	{"principalId": [[t_uai, "agent-id"]], "scope": [[t_registry, "acr"]]},
)

fx_role_kv_secrets_user := "4633458b-17de-408a-b874-0445c86b69e6"

fx_secrets_user := fx_res(
	t_ra, "orders-secrets-user", {
		"roleDefinitionId": fx_role_definition(fx_role_kv_secrets_user),
		"principalId": "dddee936-e2d1-5f3a-8b4c-5d6e7f8a9b0c",
		"principalType": "ServicePrincipal",
		"scope": fx_id("Microsoft.KeyVault/vaults/kv-test/secrets/orders-db"),
	},
	{"principalId": [[t_uai, "orders-id"]], "scope": [[t_vault, "kv"]]},
)

fx_fic := fx_res(
	t_fic, "orders-fic", {
		"resourceGroupName": fx_rg,
		"resourceName": "id-orders",
		"federatedIdentityCredentialResourceName": "fic-orders",
		"issuer": "https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/d934aa0e-2b43-5bc1-af8e-c322b868daa8/",
		"subject": "system:serviceaccount:orders:orders-api",
		"audiences": ["api://AzureADTokenExchange"],
	},
	{"resourceName": [[t_uai, "orders-id"]]},
)

# The kubelet identity AKS creates, as the cluster's outputs show it.
fx_kubelet_object_id := "5f224529-b44c-5d2e-8f3a-6b7c8d9e0f1a"

fxo_cluster := fx_out(fx_cluster, ["resourceGroupName", "resourceName"], "aks-test", {"identityProfile": {"kubeletidentity": {
	"resourceId": sprintf("%s/resourceGroups/MC_rg-test_aks-test_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-test-agentpool", [fx_sub]),
	"clientId": "c0c0c0c0-0000-4000-8000-000000000001",
	"objectId": fx_kubelet_object_id,
}}})

fxo_pool := fx_out(fx_pool, ["resourceGroupName", "resourceName", "agentPoolName"], "user", {})

fxo_cluster_diag := fx_out(fx_cluster_diag, ["resourceUri"], "diag-aks-test", {})

fxo_pod_security := fx_out(fx_pod_security, ["policyAssignmentName"], "hardaks-pod-security", {})

fxo_registry := fx_out(fx_registry, ["resourceGroupName", "registryName"], "acrtest", {"loginServer": "acrtest.azurecr.io"})

fxo_registry_pe := fx_out(fx_registry_pe, ["resourceGroupName", "privateEndpointName"], "pep-acrtest-registry", {})

fxo_registry_dns := fx_out(fx_registry_dns, ["resourceGroupName", "privateEndpointName", "privateDnsZoneGroupName"], "default", {})

fxo_vault := fx_out(fx_vault, ["resourceGroupName", "vaultName"], "kv-test", {})

fxo_vault_pe := fx_out(fx_vault_pe, ["resourceGroupName", "privateEndpointName"], "pep-kv-test-vault", {})

fxo_vault_dns := fx_out(fx_vault_dns, ["resourceGroupName", "privateEndpointName"], "default", {})

fxo_vault_diag := fx_out(fx_vault_diag, ["resourceUri"], "diag-kv-test", {})

fxo_nsg_nodes := fx_out(fx_nsg_nodes, ["resourceGroupName", "networkSecurityGroupName"], "nsg-test-nodes", {})

fxo_nsg_bastion := fx_out(fx_nsg_bastion, ["resourceGroupName", "networkSecurityGroupName"], "nsg-test-bastion", {})

fxo_subnet_nodes := fx_out(fx_subnet_nodes, ["resourceGroupName", "virtualNetworkName", "subnetName"], "snet-nodes", {})

fxo_subnet_bastion := fx_out(fx_subnet_bastion, ["resourceGroupName", "virtualNetworkName", "subnetName"], "AzureBastionSubnet", {})

fxo_pip := fx_out(fx_pip, ["resourceGroupName", "publicIpAddressName"], "pip-bas-test", {"ipAddress": "20.0.0.7"})

fxo_bastion := fx_out(fx_bastion, ["resourceGroupName", "bastionHostName"], "bas-test", {})

fxo_nic := fx_out(fx_nic, ["resourceGroupName", "networkInterfaceName"], "nic-test-agent-01", {})

fxo_agent_identity := fx_out(fx_agent_identity, ["resourceGroupName", "resourceName"], "id-test-agent", {"principalId": "e1573929-77f1-5a2b-9c3d-4e5f6a7b8c9d"})

fxo_workload_identity := fx_out(fx_workload_identity, ["resourceGroupName", "resourceName"], "id-orders", {"principalId": "dddee936-e2d1-5f3a-8b4c-5d6e7f8a9b0c"})

fxo_vm := fx_out(fx_vm, ["resourceGroupName", "vmName"], "vm-test-agent-01", {})

fxo_acr_pull := fx_out(fx_acr_pull, [], "0a5e5c3e-0000-4000-8000-00000000a001", {})

fxo_acr_push := fx_out(fx_acr_push, [], "0a5e5c3e-0000-4000-8000-00000000a002", {})

fxo_secrets_user := fx_out(fx_secrets_user, [], "0a5e5c3e-0000-4000-8000-00000000a003", {})

fxo_fic := fx_out(fx_fic, ["resourceGroupName", "resourceName", "federatedIdentityCredentialResourceName"], "fic-orders", {})

# fx_stack is a compliant environment as stack analysis sees it.
fx_stack := [
	fxo_cluster, fxo_pool, fxo_cluster_diag, fxo_pod_security,
	fxo_registry, fxo_registry_pe, fxo_registry_dns,
	fxo_vault, fxo_vault_pe, fxo_vault_dns, fxo_vault_diag,
	fxo_nsg_nodes, fxo_nsg_bastion, fxo_subnet_nodes, fxo_subnet_bastion,
	fxo_pip, fxo_bastion, fxo_nic, fxo_agent_identity, fxo_workload_identity, fxo_vm,
	fxo_acr_pull, fxo_acr_push, fxo_secrets_user, fxo_fic,
]
