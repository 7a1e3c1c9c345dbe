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
# Values. The analyzer hands Rego a resource's values through resource.PropertyMap.Mappable(), which keeps a value
# that is not known yet (every ID and computed output during a first preview) as a resource.Computed and a secret as
# a *resource.Secret; OPA's JSON conversion of its input turns both into {"Element": {"V": <value>}}: an unknown's
# zero value "", or the secret's plaintext (pulumi/pulumi sdk/go/common/resource/properties.go,
# PropertyValue.MapRepl; pulumi-policy-opa cmd/pulumi-analyzer-policy-opa/analyzer.go, buildOPAInput). Such a value
# is opaque: a rule never reads it as absent, as compliant or as non-compliant, never looks inside it and never
# prints it. A rule whose decision depends on an opaque value stays silent; it decides in a later phase, when the
# value is known (a secret stays opaque, so a rule never decides on a secret's content).

opaque(v) if {
	is_object(v)
	object.keys(v) == {"Element"}
	is_object(v.Element)
	object.keys(v.Element) == {"V"}
}

# undecided(r, path): the value at path, or an object on the way to it (r included), is opaque.
undecided(r, path) if {
	some n in numbers.range(0, count(path))
	opaque(object.get(r, array.slice(path, 0, n), null))
}

# is_not_true(r, path): the value at path is known and is not true (an absent value is not true).
is_not_true(r, path) if {
	not undecided(r, path)
	object.get(r, path, null) != true
}

# known_at is the value at path, or fallback when it is absent; undefined while the value is undecided.
known_at(r, path, fallback) := object.get(r, path, fallback) if not undecided(r, path)

# has_opaque(v): v is opaque or holds an opaque value.
has_opaque(v) if {
	walk(v, [_, x])
	opaque(x)
}

# holds_value(v): v is set: a known value other than null and "", or a secret whose plaintext is not empty (an
# unknown carries the zero value ""). It reads only whether the plaintext is empty.
holds_value(v) if {
	not opaque(v)
	v != null
	v != ""
}

holds_value(v) if {
	opaque(v)
	not v.Element.V in {"", false, 0, null}
}

# id_set(v): v is a known ID, or an ID that is not known yet (computed from the resource it identifies).
id_set(v) if known_string(v)

id_set(v) if opaque(v)

known_string(v) if {
	is_string(v)
	v != ""
}

lower_or_empty(v) := lower(v) if is_string(v)

lower_or_empty(v) := "" if not is_string(v)

# list(v) is v when it is an array, else []: the items of a list that is not known yet are not known either, and a
# rule that needs them checks undecided.
list(v) := v if is_array(v)

list(v) := [] if not is_array(v)

# stack_msg attributes a stack-level message to a resource: Pulumi reports stack policies against the stack, so the
# message names the resource and ends with its URN in brackets (the hardaks report reads it back from there).
stack_msg(r, text) := sprintf("%s [%s]", [text, r.__urn])

# ---------------------------------------------------------------------------------------------------------------
# Joins between resources in stack analysis. AnalyzeStack sees each resource's outputs
# (pulumi/pulumi pkg/resource/deploy/step_generator.go, AnalyzeResources), not its inputs: azure-native's outputs
# hold a resource's name and type and the IDs it refers to, but not the path parameters it was created with
# (resourceGroupName, vaultName, subnetName, privateEndpointName, a diagnostic setting's resourceUri, ...) and not
# its own ID. A reference therefore identifies resource r when the referrer's property was computed from r (its
# propertyDependencies, which the analyzer always provides) or when the referenced ID ends with r's resource type
# and output name. Resource groups are not outputs, so two resources of one type and name in different resource
# groups are not told apart.

arm_types := {
	"containerservice:ManagedCluster": "microsoft.containerservice/managedclusters",
	"containerregistry:Registry": "microsoft.containerregistry/registries",
	"keyvault:Vault": "microsoft.keyvault/vaults",
	"network:NetworkSecurityGroup": "microsoft.network/networksecuritygroups",
	"network:PublicIPAddress": "microsoft.network/publicipaddresses",
	"network:PrivateEndpoint": "microsoft.network/privateendpoints",
	"network:NetworkInterface": "microsoft.network/networkinterfaces",
	"managedidentity:UserAssignedIdentity": "microsoft.managedidentity/userassignedidentities",
	"compute:VirtualMachine": "microsoft.compute/virtualmachines",
}

# refers_to: the known ID value ends with r's resource type and output name.
refers_to(value, r) if {
	known_string(value)
	known_string(r.name)
	endswith(lower(value), lower(sprintf("/providers/%s/%s", [arm_types[type_key(r)], r.name])))
}

# depends_on: referrer's input property prop (a top-level input name) is computed from r's outputs.
depends_on(referrer, prop, r) if r.__urn in object.get(referrer, ["propertyDependencies", prop], [])

# links: the value held in referrer's top-level property prop identifies r, by provenance or by ID.
links(referrer, prop, _, r) if depends_on(referrer, prop, r)

links(_, _, value, r) if refers_to(value, r)

# link_undecided: the known ID value is of r's type but r's name is not known yet, so whether it is r cannot be
# told (stack analysis during a first preview). An opaque value that is not computed from r is not r's ID: its
# property dependencies name the resources it is computed from.
link_undecided(referrer, prop, value, r) if {
	not links(referrer, prop, value, r)
	known_string(value)
	not known_string(r.name)
	contains(lower(value), sprintf("/providers/%s/", [arm_types[type_key(r)]]))
}

# ARM ID shapes of role assignment scopes.
registry_id(v) if regex.match(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.containerregistry/registries/[^/]+$`, v)

vault_id_pattern := `(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.keyvault/vaults/[^/]+`

# vault_scope_id: a vault, or a secret, key or certificate in it.
vault_scope_id(v) if regex.match(concat("", [vault_id_pattern, `(/(secrets|keys|certificates)/[^/]+)?$`]), v)

# whole_vault_id: a vault itself, not an object in it.
whole_vault_id(v) if regex.match(concat("", [vault_id_pattern, `$`]), v)

# last_segment is what follows the last slash of an ARM ID: a resource's name, a role definition's GUID.
last_segment(id) := parts[count(parts) - 1] if {
	is_string(id)
	parts := split(id, "/")
}

# role_guid is the GUID at the end of a role definition ID.
role_guid(id) := lower(last_segment(id))

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
