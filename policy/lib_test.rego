package hardaks

import rego.v1

test_lib_is_type_ignores_the_api_version if {
	is_type({"__type": "azure-native:network/v20240301:Subnet"}, "network", "Subnet")
	is_type({"__type": "azure-native:network:Subnet"}, "network", "Subnet")
	not is_type({"__type": "azure-native:network:SubnetX"}, "network", "Subnet")
	not is_type({"__type": "azure-native:networkx:Subnet"}, "network", "Subnet")
	not is_type({"__type": "azure-native:network:VirtualNetwork"}, "network", "Subnet")
}

test_lib_is_type_ignores_components_named_like_azure_types if {
	not is_type({"__type": "hardaks:keyvault:Vault"}, "keyvault", "Vault")
	count(resources_of("keyvault", "Vault")) == 1 with input as {"resources": [
		{"__type": "hardaks:keyvault:Vault", "__name": "component"},
		{"__type": "azure-native:keyvault:Vault", "__name": "vault"},
	]}
}

test_lib_refers_to_matches_resource_group_provider_and_name if {
	refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test"), fx_vault)
	refers_to(lower(fx_id("Microsoft.KeyVault/vaults/kv-test")), fx_vault)
	not refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test-2"), fx_vault)
	not refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test/secrets/s"), fx_vault)
	not refers_to(sprintf("%s/resourceGroups/other/providers/Microsoft.KeyVault/vaults/kv-test", [fx_sub]), fx_vault)
	not refers_to("[unknown]", fx_vault)
}

test_lib_refers_to_ignores_an_unknown_resource_group if {
	vault := patched(fx_vault, {"resourceGroupName": "[unknown]"})
	refers_to(sprintf("%s/resourceGroups/whatever/providers/Microsoft.KeyVault/vaults/kv-test", [fx_sub]), vault)
}

test_lib_links_prefers_property_dependencies if {
	referrer := {"propertyDependencies": {"resourceUri": [fx_vault.__urn]}, "dependencies": [fx_cluster.__urn]}
	links(referrer, "resourceUri", "[unknown]", fx_vault)
	not links(referrer, "resourceUri", "[unknown]", fx_cluster)
	not links(referrer, "workspaceId", "[unknown]", fx_vault)
}

test_lib_links_falls_back_to_dependencies if {
	referrer := {"dependencies": [fx_cluster.__urn]}
	links(referrer, "resourceUri", "[unknown]", fx_cluster)
	not links(referrer, "resourceUri", fx_id("Microsoft.KeyVault/vaults/kv-test"), fx_cluster)
}

test_lib_role_guid_is_the_lowercase_last_segment if {
	role_guid(fx_role_definition("B24988AC-6180-41EA-8216-65A8FD0F06C8")) == "b24988ac-6180-41ea-8216-65a8fd0f06c8"
}

test_lib_stack_msg_ends_with_the_urn if {
	stack_msg({"__urn": "urn:x"}, "text") == "text [urn:x]"
}
