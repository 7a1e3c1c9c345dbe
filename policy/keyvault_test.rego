package hardaks

import rego.v1

test_deny_kv_rbac_pass if {
	count(deny_kv_rbac) == 0 with input as fx_vault
}

test_deny_kv_rbac_fail_with_access_policies if {
	deny_kv_rbac == {`Vault "kv" does not use the Azure RBAC permission model (properties.enableRbacAuthorization is not true)`} with input as patched(fx_vault, {"properties": {"enableRbacAuthorization": false}})
}

test_deny_kv_rbac_fail_when_left_to_the_azure_default if {
	count(deny_kv_rbac) == 1 with input as stripped(fx_vault, ["properties/enableRbacAuthorization"])
}

test_deny_kv_purge_protection_pass if {
	count(deny_kv_purge_protection) == 0 with input as fx_vault
}

test_deny_kv_purge_protection_fail if {
	deny_kv_purge_protection == {`Vault "kv" does not enable purge protection (properties.enablePurgeProtection is not true)`} with input as stripped(fx_vault, ["properties/enablePurgeProtection"])
}

test_deny_kv_soft_delete_pass if {
	count(deny_kv_soft_delete) == 0 with input as fx_vault
}

test_deny_kv_soft_delete_fail if {
	deny_kv_soft_delete == {`Vault "kv" does not enable soft delete (properties.enableSoftDelete is not true)`} with input as patched(fx_vault, {"properties": {"enableSoftDelete": false}})
}

test_deny_kv_public_network_access_pass if {
	count(deny_kv_public_network_access) == 0 with input as fx_vault
}

test_deny_kv_public_network_access_fail_when_enabled if {
	deny_kv_public_network_access == {`Vault "kv" allows public network access (properties.publicNetworkAccess is not Disabled)`} with input as patched(fx_vault, {"properties": {"publicNetworkAccess": "Enabled"}})
}

test_deny_kv_public_network_access_fail_when_left_to_the_azure_default if {
	count(deny_kv_public_network_access) == 1 with input as stripped(fx_vault, ["properties/publicNetworkAccess"])
}

test_deny_kv_firewall_pass if {
	count(deny_kv_firewall) == 0 with input as fx_vault
}

test_deny_kv_firewall_fail_when_allowing if {
	deny_kv_firewall == {`Vault "kv" firewall does not deny by default (properties.networkAcls.defaultAction is not Deny)`} with input as patched(fx_vault, {"properties": {"networkAcls": {"defaultAction": "Allow"}}})
}

test_deny_kv_firewall_fail_without_network_acls if {
	count(deny_kv_firewall) == 1 with input as stripped(fx_vault, ["properties/networkAcls"])
}

test_stack_deny_kv_private_endpoint_pass if {
	count(stack_deny_kv_private_endpoint) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_kv_private_endpoint_fail_without_an_endpoint if {
	stack_deny_kv_private_endpoint == {sprintf(`Vault "kv" has no private endpoint (no PrivateEndpoint connects to it with group ID vault) [%s]`, [fxo_vault.__urn])} with input as {"resources": without_resource(fx_stack, "kv-pe")}
}

test_stack_deny_kv_private_endpoint_fail_with_the_wrong_group_id if {
	pe := patched(fxo_vault_pe, {"privateLinkServiceConnections": [{"name": "pep", "privateLinkServiceId": fx_id("Microsoft.KeyVault/vaults/kv-test"), "groupIds": ["registry"]}]})
	count(stack_deny_kv_private_endpoint) == 1 with input as {"resources": with_resource(fx_stack, pe)}
}

test_stack_deny_kv_audit_logs_pass if {
	count(stack_deny_kv_audit_logs) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_kv_audit_logs_pass_with_the_audit_event_category if {
	diag := patched(fxo_vault_diag, {"logs": [{"category": "AuditEvent", "enabled": true}]})
	count(stack_deny_kv_audit_logs) == 0 with input as {"resources": with_resource(fx_stack, diag)}
}

test_stack_deny_kv_audit_logs_fail_without_a_setting if {
	stack_deny_kv_audit_logs == {sprintf(`Vault "kv" has no diagnostic setting that sends AuditEvent logs to a destination [%s]`, [fxo_vault.__urn])} with input as {"resources": without_resource(fx_stack, "kv-diag")}
}

test_stack_deny_kv_audit_logs_fail_with_other_categories_only if {
	diag := patched(fxo_vault_diag, {"logs": [{"category": "AzurePolicyEvaluationDetails", "enabled": true}]})
	count(stack_deny_kv_audit_logs) == 1 with input as {"resources": with_resource(fx_stack, diag)}
}
