package hardaks

import rego.v1

# Azure Key Vault (azure-native:keyvault:Vault). Its settings are nested under the properties input
# (alias Microsoft.KeyVault/vaults/enableRbacAuthorization is input properties.enableRbacAuthorization).

is_vault if is_type(input, "keyvault", "Vault")

vault_property(name) := known_at(input, ["properties", name], null)

# METADATA
# title: Key Vault uses the Azure RBAC permission model
# description: >-
#   Data-plane access is granted with Azure role assignments (properties.enableRbacAuthorization) instead of
#   access policies, which any Contributor of the vault can rewrite to grant themselves access.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set properties.enableRbacAuthorization to true.
#   remediation: >-
#     Set properties.enableRbacAuthorization to true, remove accessPolicies and grant Key Vault data roles on the
#     vault. https://learn.microsoft.com/azure/key-vault/general/rbac-guide
#   references:
#     - kind: azure-policy
#       id: 12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5
#       name: Azure Key Vault should use RBAC permission model
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_kv_rbac contains msg if {
	is_vault
	is_not_true(input, ["properties", "enableRbacAuthorization"])
	msg := sprintf("Vault %q does not use the Azure RBAC permission model (properties.enableRbacAuthorization is not true)", [input.__name])
}

# METADATA
# title: Key Vault purge protection is enabled
# description: >-
#   With purge protection (properties.enablePurgeProtection) nobody, an attacker included, can permanently delete
#   the vault or its objects before the soft-delete retention ends.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set properties.enablePurgeProtection to true.
#   remediation: >-
#     Set properties.enablePurgeProtection to true (it cannot be turned off again).
#     https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection
#   references:
#     - kind: azure-policy
#       id: 0b60c0b2-2dc2-4e1c-b5c9-abbed971de53
#       name: Key vaults should have deletion protection enabled
#     - kind: mcsb
#       id: DP-8
#       name: Ensure security of key and certificate repository
deny_kv_purge_protection contains msg if {
	is_vault
	is_not_true(input, ["properties", "enablePurgeProtection"])
	msg := sprintf("Vault %q does not enable purge protection (properties.enablePurgeProtection is not true)", [input.__name])
}

# METADATA
# title: Key Vault soft delete is enabled
# description: >-
#   Deleted vaults and objects stay recoverable for the retention period (properties.enableSoftDelete).
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set properties.enableSoftDelete to true.
#   remediation: >-
#     Set properties.enableSoftDelete to true and properties.softDeleteRetentionInDays (7-90, for example 90).
#     https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
#   references:
#     - kind: azure-policy
#       id: 1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d
#       name: Key vaults should have soft delete enabled
#     - kind: mcsb
#       id: DP-8
#       name: Ensure security of key and certificate repository
deny_kv_soft_delete contains msg if {
	is_vault
	is_not_true(input, ["properties", "enableSoftDelete"])
	msg := sprintf("Vault %q does not enable soft delete (properties.enableSoftDelete is not true)", [input.__name])
}

# METADATA
# title: Key Vault public network access is disabled
# description: >-
#   The vault is reachable only through its private endpoint (properties.publicNetworkAccess Disabled); Azure's
#   default is Enabled.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set properties.publicNetworkAccess to Disabled.
#   remediation: >-
#     Set properties.publicNetworkAccess to "Disabled" and use a private endpoint.
#     https://learn.microsoft.com/azure/key-vault/general/network-security
#   references:
#     - kind: azure-policy
#       id: 405c5871-3e91-4644-8a63-58e19d68ff5b
#       name: Azure Key Vault should disable public network access
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_kv_public_network_access contains msg if {
	is_vault
	vault_property("publicNetworkAccess") != "Disabled"
	msg := sprintf("Vault %q allows public network access (properties.publicNetworkAccess is not Disabled)", [input.__name])
}

# METADATA
# title: Key Vault firewall denies by default
# description: >-
#   The vault firewall denies every network not explicitly allowed (properties.networkAcls.defaultAction Deny), so
#   re-enabling public access does not open the vault to the internet.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set properties.networkAcls.defaultAction to Deny.
#   remediation: >-
#     Set properties.networkAcls with defaultAction "Deny" and bypass "AzureServices" (or "None").
#     https://learn.microsoft.com/azure/key-vault/general/network-security
#   references:
#     - kind: azure-policy
#       id: 55615ac9-af46-4a59-874e-391cc3dfb490
#       name: Azure Key Vault should have firewall enabled or public network access disabled
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_kv_firewall contains msg if {
	is_vault
	known_at(input, ["properties", "networkAcls", "defaultAction"], "") != "Deny"
	msg := sprintf("Vault %q firewall does not deny by default (properties.networkAcls.defaultAction is not Deny)", [input.__name])
}

# METADATA
# title: Key Vault has a private endpoint
# description: >-
#   Every vault has a private endpoint (a network PrivateEndpoint whose privateLinkServiceConnections name the
#   vault with group ID vault).
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Add a PrivateEndpoint to the vault with groupIds ["vault"] and a private DNS zone group.
#   remediation: >-
#     Create a network PrivateEndpoint with privateLinkServiceConnections [{privateLinkServiceId the vault ID,
#     groupIds ["vault"]}] and a PrivateDnsZoneGroup for privatelink.vaultcore.azure.net.
#     https://learn.microsoft.com/azure/key-vault/general/private-link-service
#   references:
#     - kind: azure-policy
#       id: a6abeaec-4d90-4a02-805f-6b26c4d3fbe9
#       name: Azure Key Vaults should use private link
#     - kind: azure-policy
#       id: 9d4fad1f-5189-4a42-b29e-cf7929c6b6df
#       name: Configure Azure Key Vaults with private endpoints
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
stack_deny_kv_private_endpoint contains msg if {
	some vault in resources_of("keyvault", "Vault")
	not has_private_endpoint(vault, "vault")
	not private_endpoint_undecided(vault)
	msg := stack_msg(vault, sprintf("Vault %q has no private endpoint (no PrivateEndpoint connects to it with group ID vault)", [vault.__name]))
}

kv_audit_categories := {"auditevent"}

# METADATA
# title: Key Vault audit logs are collected
# description: >-
#   Every vault has a diagnostic setting (resourceUri the vault) that sends the AuditEvent category (or the audit or
#   allLogs group) to a destination, recording who read or changed which secret, key or certificate.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Add an insights DiagnosticSetting for the vault with categoryGroup audit (or category AuditEvent) enabled.
#   remediation: >-
#     Create an insights DiagnosticSetting with resourceUri the vault ID, workspaceId the Log Analytics workspace and
#     logs [{categoryGroup audit, enabled true}]. https://learn.microsoft.com/azure/key-vault/general/logging
#   references:
#     - kind: azure-policy
#       id: cf820ca0-f99e-4f3e-84fb-66e913812d21
#       name: Resource logs in Key Vault should be enabled
#     - kind: mcsb
#       id: LT-3
#       name: Enable logging for security investigation
stack_deny_kv_audit_logs contains msg if {
	some vault in resources_of("keyvault", "Vault")
	not has_diagnostics(vault, kv_audit_categories, audit_category_groups)
	not diagnostics_undecided(vault)
	msg := stack_msg(vault, sprintf("Vault %q has no diagnostic setting that sends AuditEvent logs to a destination", [vault.__name]))
}
