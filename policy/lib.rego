# METADATA
# title: hardaks hardening
# description: >-
#   Hardening policies for a private AKS environment on Azure (AKS, ACR, Key Vault, networking, Bastion,
#   build agent VMs, identities and role assignments), written for the input that Pulumi's OPA analyzer
#   builds from azure-native resources.
# scope: package
package hardaks

import rego.v1

# Every file of the pack declares this package: the Pulumi OPA analyzer takes the pack's name from it and refuses
# packs whose files declare different packages. Helpers are functions or complete rules, never partial sets, so the
# analyzer does not mistake them for misnamed policies (warning[opa/unrecognized-rule]).

# ---------------------------------------------------------------------------------------------------------------
# Types. A type token is azure-native:<module>[/<api version>]:<Type>, e.g.
# azure-native:containerservice/v20240901:ManagedCluster; matching ignores the API version.

is_type(r, module, kind) if {
	prefix := concat("", ["azure-native:", module])
	startswith(r.__type, prefix)
	endswith(r.__type, concat("", [":", kind]))
	substring(r.__type, count(prefix), 1) in {":", "/"}
	count(split(r.__type, ":")) == 3
}

type_key(r) := key if {
	parts := split(r.__type, ":")
	count(parts) == 3
	parts[0] == "azure-native"
	key := sprintf("%s:%s", [split(parts[1], "/")[0], parts[2]])
}

# ---------------------------------------------------------------------------------------------------------------
# Values. Pulumi previews hold values that are not known yet; the hardaks offline plan shows them as
# "[unknown]" and secrets as "[secret]". A rule never reads a meaning into such a value.

placeholders := {"[unknown]", "[secret]"}

known_string(v) if {
	is_string(v)
	v != ""
	not v in placeholders
}

lower_or_empty(v) := lower(v) if is_string(v)

lower_or_empty(v) := "" if not is_string(v)

# stack_msg attributes a stack-level message to a resource: Pulumi reports stack policies against the stack, so the
# message names the resource and ends with its URN in brackets (the hardaks report reads it back from there).
stack_msg(r, text) := sprintf("%s [%s]", [text, r.__urn])

# ---------------------------------------------------------------------------------------------------------------
# ARM IDs. The analyzer's input holds inputs only, never IDs, so a reference such as a subnet's
# networkSecurityGroup.id is matched against the ARM path the target's inputs determine: resource group, provider
# namespace/type and name (the subscription is not an input). While a referenced ID is still unknown (a preview of a
# stack that does not exist yet), the dependency graph says which resource it comes from.

arm_types := {
	"containerservice:ManagedCluster": ["microsoft.containerservice/managedclusters", "resourceName"],
	"containerregistry:Registry": ["microsoft.containerregistry/registries", "registryName"],
	"keyvault:Vault": ["microsoft.keyvault/vaults", "vaultName"],
	"network:NetworkSecurityGroup": ["microsoft.network/networksecuritygroups", "networkSecurityGroupName"],
	"network:PublicIPAddress": ["microsoft.network/publicipaddresses", "publicIpAddressName"],
	"network:PrivateEndpoint": ["microsoft.network/privateendpoints", "privateEndpointName"],
	"network:NetworkInterface": ["microsoft.network/networkinterfaces", "networkInterfaceName"],
	"managedidentity:UserAssignedIdentity": ["microsoft.managedidentity/userassignedidentities", "resourceName"],
	"compute:VirtualMachine": ["microsoft.compute/virtualmachines", "vmName"],
}

arm_path(r) := path if {
	[provider, name_key] := arm_types[type_key(r)]
	known_string(r[name_key])
	known_string(r.resourceGroupName)
	path := lower(sprintf("/resourcegroups/%s/providers/%s/%s", [r.resourceGroupName, provider, r[name_key]]))
}

arm_path(r) := path if {
	[provider, name_key] := arm_types[type_key(r)]
	known_string(r[name_key])
	not known_string(r.resourceGroupName)
	path := lower(sprintf("/providers/%s/%s", [provider, r[name_key]]))
}

# refers_to: the ARM ID value names resource r.
refers_to(value, r) if {
	known_string(value)
	endswith(lower(value), arm_path(r))
}

# depends_on: referrer's property prop (a top-level input name) is computed from r's outputs.
depends_on(referrer, prop, r) if r.__urn in referrer.propertyDependencies[prop]

depends_on(referrer, _, r) if {
	not referrer.propertyDependencies
	r.__urn in referrer.dependencies
}

# links: the value held in referrer's top-level property prop identifies r, by ID or, while unknown, by provenance.
links(_, _, value, r) if refers_to(value, r)

links(referrer, prop, value, r) if {
	not known_string(value)
	depends_on(referrer, prop, r)
}

# ARM ID shapes of role assignment scopes.
registry_id(v) if regex.match(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.containerregistry/registries/[^/]+$`, v)

vault_scope_id(v) if regex.match(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.keyvault/vaults/[^/]+(/(secrets|keys|certificates)/[^/]+)?$`, v)

# role_guid is the GUID at the end of a role definition ID.
role_guid(id) := lower(parts[count(parts) - 1]) if {
	is_string(id)
	parts := split(id, "/")
}

# Built-in role definition GUIDs. https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
role_acr_pull := "7f951dda-4ed3-4680-a7ca-43fe172d538d"

role_acr_push := "8311e382-0749-4cb8-b61a-304f252e45ec"

# ---------------------------------------------------------------------------------------------------------------
# Stack-level collections.

# resources_of lists the stack's resources of one type (any API version); the grouping is computed once per
# evaluation.
resources_of(module, kind) := object.get(resources_by_type, sprintf("%s:%s", [module, kind]), [])

typed_resources := [[key, r] | some r in input.resources; key := type_key(r)]

resources_by_type := {key: group |
	some [key, _] in typed_resources
	group := [r | some [k, r] in typed_resources; k == key]
}

# User-assigned identity references: azure-native v2 takes a list of ARM IDs; ARM itself uses a map keyed by ID.
identity_refs(identity) := refs if {
	is_array(identity.userAssignedIdentities)
	refs := identity.userAssignedIdentities
}

identity_refs(identity) := refs if {
	is_object(identity.userAssignedIdentities)
	refs := object.keys(identity.userAssignedIdentities)
}
