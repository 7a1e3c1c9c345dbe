package hardaks

import rego.v1

test_deny_aks_private_cluster_pass if {
	count(deny_aks_private_cluster) == 0 with input as fx_cluster
}

test_deny_aks_private_cluster_fail_when_disabled if {
	deny_aks_private_cluster == {`ManagedCluster "aks" is not a private cluster (apiServerAccessProfile.enablePrivateCluster is not true)`} with input as patched(fx_cluster, {"apiServerAccessProfile": {"enablePrivateCluster": false}})
}

test_deny_aks_private_cluster_fail_without_access_profile if {
	count(deny_aks_private_cluster) == 1 with input as stripped(fx_cluster, ["apiServerAccessProfile"])
}

test_deny_aks_private_cluster_pass_on_other_types if {
	count(deny_aks_private_cluster) == 0 with input as fx_registry
}

test_deny_aks_private_cluster_fail_with_the_root_package_type if {
	count(deny_aks_private_cluster) == 1 with input as patched(fx_cluster, {
		"__type": "azure-native:containerservice:ManagedCluster",
		"apiServerAccessProfile": {"enablePrivateCluster": false},
	})
}

test_deny_aks_public_fqdn_pass if {
	count(deny_aks_public_fqdn) == 0 with input as fx_cluster
}

test_deny_aks_public_fqdn_fail_when_enabled if {
	deny_aks_public_fqdn == {`ManagedCluster "aks" publishes a public FQDN for its API server (apiServerAccessProfile.enablePrivateClusterPublicFQDN is not false)`} with input as patched(fx_cluster, {"apiServerAccessProfile": {"enablePrivateClusterPublicFQDN": true}})
}

test_deny_aks_public_fqdn_fail_when_left_to_the_azure_default if {
	count(deny_aks_public_fqdn) == 1 with input as stripped(fx_cluster, ["apiServerAccessProfile/enablePrivateClusterPublicFQDN"])
}

test_deny_aks_run_command_pass if {
	count(deny_aks_run_command) == 0 with input as fx_cluster
}

test_deny_aks_run_command_fail if {
	deny_aks_run_command == {`ManagedCluster "aks" allows run command (apiServerAccessProfile.disableRunCommand is not true)`} with input as patched(fx_cluster, {"apiServerAccessProfile": {"disableRunCommand": false}})
}

test_deny_aks_entra_id_pass if {
	count(deny_aks_entra_id) == 0 with input as fx_cluster
}

test_deny_aks_entra_id_fail_without_aad_profile if {
	deny_aks_entra_id == {`ManagedCluster "aks" has no Microsoft Entra ID integration (aadProfile is not set)`} with input as stripped(fx_cluster, ["aadProfile"])
}

test_deny_aks_entra_id_fail_with_legacy_integration if {
	deny_aks_entra_id == {`ManagedCluster "aks" uses the legacy Entra ID integration (aadProfile.managed is not true)`} with input as patched(fx_cluster, {"aadProfile": {"managed": false}})
}

test_deny_aks_azure_rbac_pass if {
	count(deny_aks_azure_rbac) == 0 with input as fx_cluster
}

test_deny_aks_azure_rbac_fail if {
	deny_aks_azure_rbac == {`ManagedCluster "aks" does not use Azure RBAC for Kubernetes authorization (aadProfile.enableAzureRBAC is not true)`} with input as patched(fx_cluster, {"aadProfile": {"enableAzureRBAC": false}})
}

test_deny_aks_admin_groups_pass if {
	count(deny_aks_admin_groups) == 0 with input as fx_cluster
}

test_deny_aks_admin_groups_fail_when_empty if {
	deny_aks_admin_groups == {`ManagedCluster "aks" names no Entra ID admin groups (aadProfile.adminGroupObjectIDs is empty)`} with input as patched(fx_cluster, {"aadProfile": {"adminGroupObjectIDs": []}})
}

test_deny_aks_admin_groups_fail_when_missing if {
	count(deny_aks_admin_groups) == 1 with input as stripped(fx_cluster, ["aadProfile/adminGroupObjectIDs"])
}

test_deny_aks_local_accounts_pass if {
	count(deny_aks_local_accounts) == 0 with input as fx_cluster
}

test_deny_aks_local_accounts_fail_when_enabled if {
	deny_aks_local_accounts == {`ManagedCluster "aks" allows local accounts (disableLocalAccounts is not true)`} with input as patched(fx_cluster, {"disableLocalAccounts": false})
}

test_deny_aks_local_accounts_fail_when_left_to_the_azure_default if {
	count(deny_aks_local_accounts) == 1 with input as stripped(fx_cluster, ["disableLocalAccounts"])
}

test_deny_aks_kubernetes_rbac_pass if {
	count(deny_aks_kubernetes_rbac) == 0 with input as fx_cluster
}

test_deny_aks_kubernetes_rbac_pass_when_left_to_the_azure_default if {
	count(deny_aks_kubernetes_rbac) == 0 with input as stripped(fx_cluster, ["enableRBAC"])
}

test_deny_aks_kubernetes_rbac_fail if {
	deny_aks_kubernetes_rbac == {`ManagedCluster "aks" disables Kubernetes RBAC (enableRBAC is false)`} with input as patched(fx_cluster, {"enableRBAC": false})
}

test_deny_aks_oidc_issuer_pass if {
	count(deny_aks_oidc_issuer) == 0 with input as fx_cluster
}

test_deny_aks_oidc_issuer_fail if {
	deny_aks_oidc_issuer == {`ManagedCluster "aks" has no OIDC issuer (oidcIssuerProfile.enabled is not true)`} with input as stripped(fx_cluster, ["oidcIssuerProfile"])
}

test_deny_aks_workload_identity_pass if {
	count(deny_aks_workload_identity) == 0 with input as fx_cluster
}

test_deny_aks_workload_identity_fail if {
	deny_aks_workload_identity == {`ManagedCluster "aks" does not enable workload identity (securityProfile.workloadIdentity.enabled is not true)`} with input as patched(fx_cluster, {"securityProfile": {"workloadIdentity": {"enabled": false}}})
}

test_deny_aks_managed_identity_pass if {
	count(deny_aks_managed_identity) == 0 with input as fx_cluster
}

test_deny_aks_managed_identity_pass_with_msi_service_principal_profile if {
	count(deny_aks_managed_identity) == 0 with input as patched(fx_cluster, {"servicePrincipalProfile": {"clientId": "msi"}})
}

test_deny_aks_managed_identity_fail_with_a_service_principal if {
	deny_aks_managed_identity == {`ManagedCluster "aks" authenticates with a service principal secret (servicePrincipalProfile.clientId is not "msi")`} with input as patched(fx_cluster, {"servicePrincipalProfile": {"clientId": "0a1b2c3d-0000-4000-8000-000000000001", "secret": fx_secret("sp-password")}})
}

test_deny_aks_managed_identity_fail_without_identity if {
	deny_aks_managed_identity == {`ManagedCluster "aks" has no managed identity (identity.type is not SystemAssigned or UserAssigned)`} with input as stripped(fx_cluster, ["identity"])
}

test_deny_aks_keyvault_csi_pass if {
	count(deny_aks_keyvault_csi) == 0 with input as fx_cluster
}

test_deny_aks_keyvault_csi_pass_with_any_add_on_name_case if {
	count(deny_aks_keyvault_csi) == 0 with input as patched(stripped(fx_cluster, ["addonProfiles/azureKeyvaultSecretsProvider"]), {"addonProfiles": {"AzureKeyVaultSecretsProvider": {"enabled": true, "config": {"enableSecretRotation": "True"}}}})
}

test_deny_aks_keyvault_csi_fail_when_disabled if {
	deny_aks_keyvault_csi == {`ManagedCluster "aks" does not enable the azureKeyvaultSecretsProvider add-on`} with input as patched(fx_cluster, {"addonProfiles": {"azureKeyvaultSecretsProvider": {"enabled": false}}})
}

test_deny_aks_keyvault_csi_fail_without_rotation if {
	deny_aks_keyvault_csi == {`ManagedCluster "aks" does not rotate mounted secrets (addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation is not "true")`} with input as patched(fx_cluster, {"addonProfiles": {"azureKeyvaultSecretsProvider": {"config": {"enableSecretRotation": "false"}}}})
}

test_deny_aks_azure_policy_pass if {
	count(deny_aks_azure_policy) == 0 with input as fx_cluster
}

test_deny_aks_azure_policy_pass_with_the_alias_spelling if {
	count(deny_aks_azure_policy) == 0 with input as patched(stripped(fx_cluster, ["addonProfiles/azurepolicy"]), {"addonProfiles": {"azurePolicy": {"enabled": true}}})
}

test_deny_aks_azure_policy_fail if {
	deny_aks_azure_policy == {`ManagedCluster "aks" does not enable the Azure Policy add-on (addonProfiles.azurepolicy.enabled is not true)`} with input as stripped(fx_cluster, ["addonProfiles/azurepolicy"])
}

test_deny_aks_defender_pass if {
	count(deny_aks_defender) == 0 with input as fx_cluster
}

test_deny_aks_defender_fail if {
	deny_aks_defender == {`ManagedCluster "aks" does not enable the Defender profile (securityProfile.defender.securityMonitoring.enabled is not true)`} with input as patched(fx_cluster, {"securityProfile": {"defender": {"securityMonitoring": {"enabled": false}}}})
}

test_deny_aks_azure_cni_pass if {
	count(deny_aks_azure_cni) == 0 with input as fx_cluster
}

test_deny_aks_azure_cni_fail_with_kubenet if {
	deny_aks_azure_cni == {`ManagedCluster "aks" does not use Azure CNI (networkProfile.networkPlugin is not azure)`} with input as patched(fx_cluster, {"networkProfile": {"networkPlugin": "kubenet", "networkPolicy": "calico"}})
}

test_deny_aks_network_policy_pass if {
	count(deny_aks_network_policy) == 0 with input as fx_cluster
}

test_deny_aks_network_policy_fail_with_none if {
	deny_aks_network_policy == {`ManagedCluster "aks" has no network policy engine (networkProfile.networkPolicy is "none")`} with input as patched(fx_cluster, {"networkProfile": {"networkPolicy": "none"}})
}

test_deny_aks_network_policy_fail_when_unset if {
	deny_aks_network_policy == {`ManagedCluster "aks" has no network policy engine (networkProfile.networkPolicy is "")`} with input as stripped(fx_cluster, ["networkProfile/networkPolicy"])
}

test_deny_aks_pool_encryption_at_host_pass if {
	count(deny_aks_pool_encryption_at_host) == 0 with input as fx_cluster
	count(deny_aks_pool_encryption_at_host) == 0 with input as fx_pool
}

test_deny_aks_pool_encryption_at_host_fail_on_an_inline_pool if {
	pools := [
		{"name": "system", "mode": "System", "enableEncryptionAtHost": true},
		{"name": "batch", "mode": "User", "enableEncryptionAtHost": false},
	]
	deny_aks_pool_encryption_at_host == {`node pool "batch" of ManagedCluster "aks" does not encrypt at host (enableEncryptionAtHost is not true)`} with input as patched(fx_cluster, {"agentPoolProfiles": pools})
}

test_deny_aks_pool_encryption_at_host_fail_on_an_agent_pool if {
	deny_aks_pool_encryption_at_host == {`AgentPool "aks-pool-user" (node pool "user") does not encrypt at host (enableEncryptionAtHost is not true)`} with input as stripped(fx_pool, ["enableEncryptionAtHost"])
}

test_deny_aks_pool_node_public_ip_pass if {
	count(deny_aks_pool_node_public_ip) == 0 with input as fx_cluster
	count(deny_aks_pool_node_public_ip) == 0 with input as stripped(fx_pool, ["enableNodePublicIP"])
}

test_deny_aks_pool_node_public_ip_fail_on_an_inline_pool if {
	deny_aks_pool_node_public_ip == {`node pool "system" of ManagedCluster "aks" gives its nodes public IP addresses (enableNodePublicIP is true)`} with input as patched(fx_cluster, {"agentPoolProfiles": [{"name": "system", "enableEncryptionAtHost": true, "enableNodePublicIP": true}]})
}

test_deny_aks_pool_node_public_ip_fail_on_an_agent_pool if {
	deny_aks_pool_node_public_ip == {`AgentPool "aks-pool-user" (node pool "user") gives its nodes public IP addresses (enableNodePublicIP is true)`} with input as patched(fx_pool, {"enableNodePublicIP": true})
}

test_deny_aks_upgrade_channel_pass if {
	count(deny_aks_upgrade_channel) == 0 with input as fx_cluster
}

test_deny_aks_upgrade_channel_fail_with_none if {
	deny_aks_upgrade_channel == {`ManagedCluster "aks" has no automatic upgrade channel (autoUpgradeProfile.upgradeChannel is "none")`} with input as patched(fx_cluster, {"autoUpgradeProfile": {"upgradeChannel": "none"}})
}

test_deny_aks_upgrade_channel_fail_when_unset if {
	count(deny_aks_upgrade_channel) == 1 with input as stripped(fx_cluster, ["autoUpgradeProfile/upgradeChannel"])
}

test_deny_aks_node_os_upgrade_channel_pass if {
	count(deny_aks_node_os_upgrade_channel) == 0 with input as fx_cluster
}

test_deny_aks_node_os_upgrade_channel_pass_with_the_node_image_cluster_channel if {
	count(deny_aks_node_os_upgrade_channel) == 0 with input as stripped(patched(fx_cluster, {"autoUpgradeProfile": {"upgradeChannel": "node-image"}}), ["autoUpgradeProfile/nodeOSUpgradeChannel"])
}

test_deny_aks_node_os_upgrade_channel_fail_when_unmanaged if {
	deny_aks_node_os_upgrade_channel == {`ManagedCluster "aks" does not patch node images automatically (autoUpgradeProfile.nodeOSUpgradeChannel is "Unmanaged")`} with input as patched(fx_cluster, {"autoUpgradeProfile": {"nodeOSUpgradeChannel": "Unmanaged"}})
}

test_warn_aks_image_cleaner_pass if {
	count(warn_aks_image_cleaner) == 0 with input as fx_cluster
}

test_warn_aks_image_cleaner_fail if {
	warn_aks_image_cleaner == {`ManagedCluster "aks" does not enable Image Cleaner (securityProfile.imageCleaner.enabled is not true)`} with input as stripped(fx_cluster, ["securityProfile/imageCleaner"])
}

test_warn_aks_node_ssh_pass if {
	count(warn_aks_node_ssh) == 0 with input as fx_cluster
}

test_warn_aks_node_ssh_fail if {
	warn_aks_node_ssh == {`ManagedCluster "aks" installs SSH public keys on its nodes (linuxProfile.ssh.publicKeys)`} with input as patched(fx_cluster, {"linuxProfile": {"adminUsername": "azureuser", "ssh": {"publicKeys": [{"keyData": "ssh-ed25519 AAAA test"}]}}})
}

test_stack_deny_aks_audit_logs_pass if {
	count(stack_deny_aks_audit_logs) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_aks_audit_logs_pass_with_the_audit_category_group if {
	diag := patched(fxo_cluster_diag, {"logs": [{"categoryGroup": "audit", "enabled": true}]})
	count(stack_deny_aks_audit_logs) == 0 with input as {"resources": with_resource(fx_stack, diag)}
}

test_stack_deny_aks_audit_logs_pass_while_the_workspace_id_is_unknown if {
	diag := patched(fxo_cluster_diag, {"workspaceId": fx_unknown})
	count(stack_deny_aks_audit_logs) == 0 with input as {"resources": with_resource(fx_stack, diag)}
}

test_stack_deny_aks_audit_logs_fail_without_a_setting if {
	stack_deny_aks_audit_logs == {sprintf(`ManagedCluster "aks" has no diagnostic setting that sends kube-audit or kube-audit-admin logs to a destination [%s]`, [fxo_cluster.__urn])} with input as {"resources": without_resource(fx_stack, "aks-diag")}
}

test_stack_deny_aks_audit_logs_fail_without_audit_categories if {
	diag := patched(fxo_cluster_diag, {"logs": [{"category": "kube-apiserver", "enabled": true}, {"category": "kube-audit", "enabled": false}]})
	count(stack_deny_aks_audit_logs) == 1 with input as {"resources": with_resource(fx_stack, diag)}
}

test_stack_deny_aks_audit_logs_pass_while_the_logs_are_unknown if {
	diag := patched(fxo_cluster_diag, {"logs": fx_unknown})
	count(stack_deny_aks_audit_logs) == 0 with input as {"resources": with_resource(fx_stack, diag)}
}

test_stack_deny_aks_audit_logs_fail_when_the_setting_is_for_another_resource if {
	diag := object.union(without_provenance(fxo_cluster_diag), {"propertyDependencies": {"resourceUri": [fxo_vault.__urn]}})
	count(stack_deny_aks_audit_logs) == 1 with input as {"resources": with_resource(fx_stack, diag)}
}

test_stack_deny_aks_audit_logs_fail_without_a_destination if {
	diag := stripped(fxo_cluster_diag, ["workspaceId"])
	count(stack_deny_aks_audit_logs) == 1 with input as {"resources": with_resource(fx_stack, diag)}
}

test_deny_aks_private_cluster_pass_while_the_profile_is_unknown if {
	count(deny_aks_private_cluster) == 0 with input as patched(fx_cluster, {"apiServerAccessProfile": fx_unknown})
	count(deny_aks_private_cluster) == 0 with input as patched(fx_cluster, {"apiServerAccessProfile": {"enablePrivateCluster": fx_secret(false)}})
}

test_deny_aks_pool_encryption_at_host_pass_while_a_pool_is_unknown if {
	count(deny_aks_pool_encryption_at_host) == 0 with input as patched(fx_cluster, {"agentPoolProfiles": [fx_unknown]})
	count(deny_aks_pool_encryption_at_host) == 0 with input as patched(fx_cluster, {"agentPoolProfiles": fx_unknown})
}

test_deny_aks_upgrade_channel_pass_while_the_channel_is_secret if {
	count(deny_aks_upgrade_channel) == 0 with input as patched(fx_cluster, {"autoUpgradeProfile": {"upgradeChannel": fx_secret("none")}})
}

test_deny_aks_pool_trusted_launch_pass if {
	count(deny_aks_pool_trusted_launch) == 0 with input as fx_cluster
	count(deny_aks_pool_trusted_launch) == 0 with input as fx_pool
}

test_deny_aks_pool_trusted_launch_fail_on_an_inline_pool_without_a_vtpm if {
	pools := [json.remove(fx_cluster.agentPoolProfiles[0], ["securityProfile/enableVTPM"])]
	deny_aks_pool_trusted_launch == {`node pool "system" of ManagedCluster "aks" does not use Trusted Launch (securityProfile.enableVTPM is not true)`} with input as patched(fx_cluster, {"agentPoolProfiles": pools})
}

test_deny_aks_pool_trusted_launch_fail_on_an_agent_pool_without_a_security_profile if {
	deny_aks_pool_trusted_launch == {
		`AgentPool "aks-pool-user" (node pool "user") does not use Trusted Launch (securityProfile.enableSecureBoot is not true)`,
		`AgentPool "aks-pool-user" (node pool "user") does not use Trusted Launch (securityProfile.enableVTPM is not true)`,
	} with input as stripped(fx_pool, ["securityProfile"])
}

test_deny_aks_pool_trusted_launch_pass_while_the_profile_is_unknown if {
	count(deny_aks_pool_trusted_launch) == 0 with input as patched(stripped(fx_pool, ["securityProfile"]), {"securityProfile": fx_unknown})
}

test_deny_aks_node_resource_group_lockdown_pass if {
	count(deny_aks_node_resource_group_lockdown) == 0 with input as fx_cluster
	count(deny_aks_node_resource_group_lockdown) == 0 with input as patched(stripped(fx_cluster, ["nodeResourceGroupProfile"]), {"nodeResourceGroupProfile": fx_unknown})
}

test_deny_aks_node_resource_group_lockdown_fail_when_unset if {
	deny_aks_node_resource_group_lockdown == {`ManagedCluster "aks" leaves its node resource group writable (nodeResourceGroupProfile.restrictionLevel is "Unrestricted")`} with input as stripped(fx_cluster, ["nodeResourceGroupProfile"])
}

test_stack_deny_aks_pod_security_pass if {
	count(stack_deny_aks_pod_security) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_aks_pod_security_pass_with_the_restricted_initiative_in_audit_mode if {
	restricted := patched(fxo_pod_security, {
		"policyDefinitionId": "/providers/Microsoft.Authorization/policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00",
		"parameters": {"effect": {"value": "Audit"}},
	})
	count(stack_deny_aks_pod_security) == 0 with input as {"resources": with_resource(fx_stack, restricted)}
}

test_stack_deny_aks_pod_security_pass_while_the_effect_is_unknown if {
	unknown := patched(stripped(fxo_pod_security, ["parameters"]), {"parameters": {"effect": fx_unknown}})
	count(stack_deny_aks_pod_security) == 0 with input as {"resources": with_resource(fx_stack, unknown)}
}

test_stack_deny_aks_pod_security_fail_without_an_assignment if {
	stack_deny_aks_pod_security == {sprintf(`ManagedCluster "aks" has no Pod Security initiative assigned with effect Deny or Audit [%s]`, [fxo_cluster.__urn])} with input as {"resources": without_resource(fx_stack, "aks-pod-security")}
}

test_stack_deny_aks_pod_security_fail_when_disabled if {
	disabled := patched(fxo_pod_security, {"parameters": {"effect": {"value": "Disabled"}}})
	count(stack_deny_aks_pod_security) == 1 with input as {"resources": with_resource(fx_stack, disabled)}
}

test_stack_deny_aks_pod_security_fail_with_another_initiative if {
	other := patched(fxo_pod_security, {"policyDefinitionId": "/providers/Microsoft.Authorization/policySetDefinitions/00000000-0000-0000-0000-000000000000"})
	count(stack_deny_aks_pod_security) == 1 with input as {"resources": with_resource(fx_stack, other)}
}

test_stack_deny_aks_pod_security_fail_when_assigned_to_another_resource if {
	elsewhere := object.union(without_provenance(fxo_pod_security), {"propertyDependencies": {"scope": [fxo_vault.__urn]}, "scope": fx_id("Microsoft.KeyVault/vaults/kv-test")})
	count(stack_deny_aks_pod_security) == 1 with input as {"resources": with_resource(fx_stack, elsewhere)}
}

test_stack_deny_aks_pod_security_pass_while_the_initiative_is_unknown if {
	unknown := patched(fxo_pod_security, {"policyDefinitionId": fx_unknown})
	count(stack_deny_aks_pod_security) == 0 with input as {"resources": with_resource(fx_stack, unknown)}
}
