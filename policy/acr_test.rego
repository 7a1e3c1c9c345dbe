package hardaks

import rego.v1

test_deny_acr_premium_sku_pass if {
	count(deny_acr_premium_sku) == 0 with input as fx_registry
}

test_deny_acr_premium_sku_fail if {
	deny_acr_premium_sku == {`Registry "acr" uses SKU "Standard", not Premium`} with input as patched(fx_registry, {"sku": {"name": "Standard"}})
}

test_deny_acr_public_network_access_pass if {
	count(deny_acr_public_network_access) == 0 with input as fx_registry
}

test_deny_acr_public_network_access_fail_when_enabled if {
	deny_acr_public_network_access == {`Registry "acr" allows public network access (publicNetworkAccess is not Disabled)`} with input as patched(fx_registry, {"publicNetworkAccess": "Enabled"})
}

test_deny_acr_public_network_access_fail_when_left_to_the_azure_default if {
	count(deny_acr_public_network_access) == 1 with input as stripped(fx_registry, ["publicNetworkAccess"])
}

test_deny_acr_admin_user_pass if {
	count(deny_acr_admin_user) == 0 with input as fx_registry
	count(deny_acr_admin_user) == 0 with input as stripped(fx_registry, ["adminUserEnabled"])
}

test_deny_acr_admin_user_fail if {
	deny_acr_admin_user == {`Registry "acr" enables the admin user (adminUserEnabled is true)`} with input as patched(fx_registry, {"adminUserEnabled": true})
}

test_deny_acr_anonymous_pull_pass if {
	count(deny_acr_anonymous_pull) == 0 with input as fx_registry
	count(deny_acr_anonymous_pull) == 0 with input as patched(fx_registry, {"anonymousPullEnabled": false})
}

test_deny_acr_anonymous_pull_fail if {
	deny_acr_anonymous_pull == {`Registry "acr" allows anonymous pull (anonymousPullEnabled is true)`} with input as patched(fx_registry, {"anonymousPullEnabled": true})
}

test_deny_acr_export_pass if {
	count(deny_acr_export) == 0 with input as fx_registry
	count(deny_acr_export) == 0 with input as patched(fx_registry, {"policies": {"exportPolicy": {"status": "Disabled"}}})
}

test_deny_acr_export_fail_when_enabled if {
	deny_acr_export == {`Registry "acr" allows exports (policies.exportPolicy.status is not disabled)`} with input as patched(fx_registry, {"policies": {"exportPolicy": {"status": "enabled"}}})
}

test_deny_acr_export_fail_when_left_to_the_azure_default if {
	count(deny_acr_export) == 1 with input as stripped(fx_registry, ["policies"])
}

test_stack_deny_acr_private_endpoint_pass if {
	count(stack_deny_acr_private_endpoint) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_acr_private_endpoint_pass_while_the_registry_id_is_unknown if {
	pe := patched(fxo_registry_pe, {
		"privateLinkServiceConnections": [{"name": "pep", "privateLinkServiceId": fx_unknown, "groupIds": ["registry"]}],
		"propertyDependencies": {"privateLinkServiceConnections": [fxo_registry.__urn]},
	})
	count(stack_deny_acr_private_endpoint) == 0 with input as {"resources": with_resource(fx_stack, pe)}
}

test_stack_deny_acr_private_endpoint_fail_without_an_endpoint if {
	stack_deny_acr_private_endpoint == {sprintf(`Registry "acr" has no private endpoint (no PrivateEndpoint connects to it with group ID registry) [%s]`, [fxo_registry.__urn])} with input as {"resources": without_resource(fx_stack, "acr-pe")}
}

test_stack_deny_acr_private_endpoint_pass_with_the_registry_id_written_out if {
	pe := patched(without_provenance(fxo_registry_pe), {"privateLinkServiceConnections": [{"name": "pep", "privateLinkServiceId": fx_id("Microsoft.ContainerRegistry/registries/acrtest"), "groupIds": ["registry"]}]})
	count(stack_deny_acr_private_endpoint) == 0 with input as {"resources": with_resource(fx_stack, pe)}
}

test_stack_deny_acr_private_endpoint_pass_while_the_registry_name_is_unknown if {
	# Stack analysis during a first preview: the registry's name is not an input, so it is not known yet.
	pe := patched(without_provenance(fxo_registry_pe), {"privateLinkServiceConnections": [{"name": "pep", "privateLinkServiceId": fx_id("Microsoft.ContainerRegistry/registries/acrtestother"), "groupIds": ["registry"]}]})
	registry := patched(fxo_registry, {"name": fx_unknown})
	count(stack_deny_acr_private_endpoint) == 0 with input as {"resources": with_resource(with_resource(fx_stack, pe), registry)}
}

test_stack_deny_acr_private_endpoint_fail_when_the_endpoint_targets_another_registry if {
	pe := patched(without_provenance(fxo_registry_pe), {"privateLinkServiceConnections": [{"name": "pep", "privateLinkServiceId": fx_id("Microsoft.ContainerRegistry/registries/acrtestother"), "groupIds": ["registry"]}]})
	stack_deny_acr_private_endpoint == {sprintf(`Registry "acr" has no private endpoint (no PrivateEndpoint connects to it with group ID registry) [%s]`, [fxo_registry.__urn])} with input as {"resources": with_resource(fx_stack, pe)}
}

test_stack_deny_acr_private_endpoint_fail_when_the_endpoint_is_computed_from_another_resource if {
	pe := patched(without_provenance(fxo_registry_pe), {
		"privateLinkServiceConnections": [{"name": "pep", "privateLinkServiceId": fx_unknown, "groupIds": ["registry"]}],
		"propertyDependencies": {"privateLinkServiceConnections": [fxo_vault.__urn]},
	})
	count(stack_deny_acr_private_endpoint) == 1 with input as {"resources": with_resource(fx_stack, pe)}
}

test_deny_acr_premium_sku_pass_while_the_sku_is_secret if {
	# Reading it would print the plaintext; a secret is never decided on.
	count(deny_acr_premium_sku) == 0 with input as patched(fx_registry, {"sku": {"name": fx_secret("Basic")}})
}
