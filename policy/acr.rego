package hardaks

import rego.v1

# Azure Container Registry (azure-native:containerregistry:Registry).

is_registry if is_type(input, "containerregistry", "Registry")

# METADATA
# title: ACR uses the Premium SKU
# description: >-
#   Only the Premium tier supports private endpoints, disabling public network access, export policies and
#   dedicated data endpoints.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set sku.name to Premium.
#   remediation: >-
#     Set sku.name to "Premium". https://learn.microsoft.com/azure/container-registry/container-registry-skus
#   references:
#     - kind: azure-policy
#       id: bd560fc0-3c69-498a-ae9f-aa8eb7de0e13
#       name: Container registries should have SKUs that support Private Links
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_acr_premium_sku contains msg if {
	is_registry
	sku := known_at(input, ["sku", "name"], "")
	sku != "Premium"
	msg := sprintf("Registry %q uses SKU %q, not Premium", [input.__name, sku])
}

# METADATA
# title: ACR public network access is disabled
# description: >-
#   The registry is reachable only through its private endpoint (publicNetworkAccess Disabled); Azure's default is
#   Enabled.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set publicNetworkAccess to Disabled.
#   remediation: >-
#     Set publicNetworkAccess to "Disabled" and pull and push through a private endpoint.
#     https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks#disable-public-network-access
#   references:
#     - kind: azure-policy
#       id: 0fdf0491-d080-4575-b627-ad0e843cba0f
#       name: Public network access should be disabled for Container registries
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_acr_public_network_access contains msg if {
	is_registry
	known_at(input, ["publicNetworkAccess"], null) != "Disabled"
	msg := sprintf("Registry %q allows public network access (publicNetworkAccess is not Disabled)", [input.__name])
}

# METADATA
# title: ACR admin user is disabled
# description: >-
#   The admin user is a shared username and password with push and pull rights on the whole registry, outside
#   Entra ID.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set adminUserEnabled to false.
#   remediation: >-
#     Set adminUserEnabled to false and authenticate with Entra ID identities holding AcrPull or AcrPush.
#     https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account
#   references:
#     - kind: azure-policy
#       id: dc921057-6b28-4fbe-9b83-f7bec05db6c2
#       name: Container registries should have local admin account disabled.
#     - kind: cis-aks
#       id: 5.1.2
#       name: Minimize user access to Azure Container Registry (ACR)
#     - kind: mcsb
#       id: IM-1
#       name: Use centralized identity and authentication system
deny_acr_admin_user contains msg if {
	is_registry
	input.adminUserEnabled == true
	msg := sprintf("Registry %q enables the admin user (adminUserEnabled is true)", [input.__name])
}

# METADATA
# title: ACR anonymous pull is disabled
# description: >-
#   Anonymous pull lets anyone who reaches the registry pull every image without authenticating.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set anonymousPullEnabled to false (or leave it unset).
#   remediation: >-
#     Set anonymousPullEnabled to false or leave it out (the default is false).
#     https://learn.microsoft.com/azure/container-registry/anonymous-pull-access
#   references:
#     - kind: azure-policy
#       id: 9f2dea28-e834-476c-99c5-3507b4728395
#       name: Container registries should have anonymous authentication disabled.
#     - kind: cis-aks
#       id: 5.1.2
#       name: Minimize user access to Azure Container Registry (ACR)
#     - kind: mcsb
#       id: IM-1
#       name: Use centralized identity and authentication system
deny_acr_anonymous_pull contains msg if {
	is_registry
	input.anonymousPullEnabled == true
	msg := sprintf("Registry %q allows anonymous pull (anonymousPullEnabled is true)", [input.__name])
}

# METADATA
# title: ACR exports are disabled
# description: >-
#   With the export policy disabled, artifacts cannot be copied out of the registry with az acr import or export
#   pipelines (data exfiltration). Azure accepts a disabled export policy only with public network access disabled.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set policies.exportPolicy.status to disabled.
#   remediation: >-
#     Set policies.exportPolicy.status to "disabled" (together with publicNetworkAccess "Disabled").
#     https://learn.microsoft.com/azure/container-registry/data-loss-prevention
#   references:
#     - kind: azure-policy
#       id: 524b0254-c285-4903-bee6-bb8126cde579
#       name: Container registries should have exports disabled
#     - kind: mcsb
#       id: DP-2
#       name: Monitor anomalies and threats targeting sensitive data
deny_acr_export contains msg if {
	is_registry
	status := known_at(input, ["policies", "exportPolicy", "status"], "")
	lower_or_empty(status) != "disabled"
	msg := sprintf("Registry %q allows exports (policies.exportPolicy.status is not disabled)", [input.__name])
}

# private_endpoint_for: private endpoint pe connects to target's sub-resource group_id (auto-approved connection).
private_endpoint_for(pe, target, group_id) if {
	some connection in list(object.get(pe, "privateLinkServiceConnections", []))
	group_id in list(object.get(connection, "groupIds", []))
	links(pe, "privateLinkServiceConnections", object.get(connection, "privateLinkServiceId", null), target)
}

has_private_endpoint(target, group_id) if {
	some pe in resources_of("network", "PrivateEndpoint")
	private_endpoint_for(pe, target, group_id)
}

# private_endpoint_undecided: a private endpoint's connections, or whether one of them is target's, are not known yet.
private_endpoint_undecided(_) if {
	some pe in resources_of("network", "PrivateEndpoint")
	undecided(pe, ["privateLinkServiceConnections"])
}

private_endpoint_undecided(target) if {
	some pe in resources_of("network", "PrivateEndpoint")
	some connection in list(object.get(pe, "privateLinkServiceConnections", []))
	connection_undecided(pe, connection, target)
}

connection_undecided(_, connection, _) if opaque(connection)

connection_undecided(pe, connection, target) if {
	links(pe, "privateLinkServiceConnections", object.get(connection, "privateLinkServiceId", null), target)
	has_opaque(object.get(connection, "groupIds", []))
}

connection_undecided(pe, connection, target) if {
	link_undecided(pe, "privateLinkServiceConnections", object.get(connection, "privateLinkServiceId", null), target)
}

# METADATA
# title: ACR has a private endpoint
# description: >-
#   Every registry has a private endpoint (a network PrivateEndpoint whose privateLinkServiceConnections name the
#   registry with group ID registry), so the cluster and the build agents reach it inside the VNet.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Add a PrivateEndpoint to the registry with groupIds ["registry"] and a private DNS zone group.
#   remediation: >-
#     Create a network PrivateEndpoint in the private endpoint subnet with privateLinkServiceConnections
#     [{privateLinkServiceId the registry ID, groupIds ["registry"]}] and a PrivateDnsZoneGroup for
#     privatelink.azurecr.io. https://learn.microsoft.com/azure/container-registry/container-registry-private-link
#   references:
#     - kind: azure-policy
#       id: e8eef0a8-67cf-4eb4-9386-14b0e78733d4
#       name: Container registries should use private link
#     - kind: azure-policy
#       id: d85c6833-7d33-4cf5-a915-aaa2de84405f
#       name: Configure Container registries with private endpoints
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
stack_deny_acr_private_endpoint contains msg if {
	some registry in resources_of("containerregistry", "Registry")
	not has_private_endpoint(registry, "registry")
	not private_endpoint_undecided(registry)
	msg := stack_msg(registry, sprintf("Registry %q has no private endpoint (no PrivateEndpoint connects to it with group ID registry)", [registry.__name]))
}
