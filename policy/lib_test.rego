package hardaks

import rego.v1

test_lib_is_type_ignores_the_api_version if {
	is_type({"__type": "azure-native:network/v20240301:Subnet"}, "network", "Subnet")
	is_type({"__type": "azure-native:network:Subnet"}, "network", "Subnet")
	is_type({"__type": "azure-native:network/v20240601:PrivateZone"}, "network", "PrivateZone")
	is_type({"__type": "azure-native:insights/v20210501preview:DiagnosticSetting"}, "insights", "DiagnosticSetting")
	type_key({"__type": "azure-native:network/v20240301:Subnet"}) == "network:Subnet"
	type_key({"__type": "azure-native:network:Subnet"}) == "network:Subnet"
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

test_lib_refers_to_matches_the_type_and_the_output_name if {
	refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test"), fxo_vault)
	refers_to(lower(fx_id("Microsoft.KeyVault/vaults/kv-test")), fxo_vault)
	not refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test-2"), fxo_vault)
	not refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test/secrets/s"), fxo_vault)
	not refers_to(fx_id("Microsoft.ContainerRegistry/registries/kv-test"), fxo_vault)
	not refers_to(fx_unknown, fxo_vault)
}

test_lib_refers_to_needs_the_name_from_the_outputs if {
	# The input documents have no "name": vaultName is a path parameter.
	not refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test"), fx_vault)
	not refers_to(fx_id("Microsoft.KeyVault/vaults/kv-test"), patched(fxo_vault, {"name": fx_unknown}))
}

test_lib_links_follows_property_dependencies if {
	referrer := {"propertyDependencies": {"resourceUri": [fx_vault.__urn]}, "dependencies": [fx_cluster.__urn, fx_vault.__urn]}
	links(referrer, "resourceUri", fx_unknown, fxo_vault)
	not links(referrer, "resourceUri", fx_unknown, fxo_cluster)
	not links(referrer, "workspaceId", fx_unknown, fxo_vault)
}

test_lib_link_undecided_only_while_the_target_name_is_unknown if {
	referrer := {"propertyDependencies": {}}
	id := fx_id("Microsoft.KeyVault/vaults/kv-test")
	link_undecided(referrer, "scope", id, patched(fxo_vault, {"name": fx_unknown}))
	not link_undecided(referrer, "scope", id, fxo_vault)
	not link_undecided(referrer, "scope", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), patched(fxo_vault, {"name": fx_unknown}))
	not link_undecided(referrer, "scope", fx_unknown, patched(fxo_vault, {"name": fx_unknown}))
}

test_lib_opaque_is_the_analyzer_encoding_of_unknowns_and_secrets if {
	opaque(fx_unknown)
	opaque(fx_secret("x"))
	opaque(fx_secret({"k": {"V": "x"}}))
	not opaque("[unknown]")
	not opaque({"Element": {"V": ""}, "other": 1})
	not opaque({"Element": ""})
	not opaque({"element": {"V": ""}})
}

test_lib_undecided_looks_at_the_value_and_its_parents if {
	undecided({"a": fx_unknown}, ["a", "b", "c"])
	undecided({"a": {"b": fx_unknown}}, ["a", "b"])
	not undecided({"a": {"b": false}}, ["a", "b"])
	not undecided({}, ["a", "b"])
}

test_lib_is_not_true_is_silent_while_undecided if {
	is_not_true({"a": {"b": false}}, ["a", "b"])
	is_not_true({}, ["a", "b"])
	not is_not_true({"a": {"b": true}}, ["a", "b"])
	not is_not_true({"a": fx_unknown}, ["a", "b"])
	not is_not_true({"a": {"b": fx_secret(false)}}, ["a", "b"])
}

test_lib_holds_value_of_a_secret_reads_only_whether_it_is_empty if {
	holds_value("x")
	holds_value(fx_secret("x"))
	not holds_value(fx_unknown)
	not holds_value(fx_secret(""))
	not holds_value("")
	not holds_value(null)
}

test_lib_role_guid_is_the_lowercase_last_segment if {
	role_guid(fx_role_definition("B24988AC-6180-41EA-8216-65A8FD0F06C8")) == "b24988ac-6180-41ea-8216-65a8fd0f06c8"
}

test_lib_stack_msg_ends_with_the_urn if {
	stack_msg({"__urn": "urn:x"}, "text") == "text [urn:x]"
}
