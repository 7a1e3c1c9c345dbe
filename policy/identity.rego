package hardaks

import rego.v1

# Identities and role assignments: authorization RoleAssignment, managedidentity UserAssignedIdentity and
# FederatedIdentityCredential.

is_role_assignment if is_type(input, "authorization", "RoleAssignment")

is_service_principal(ra) if lower_or_empty(object.get(ra, "principalType", "")) == "serviceprincipal"

# Roles that can do everything, or grant themselves anything: Owner, Contributor, User Access Administrator and
# Role Based Access Control Administrator.
privileged_roles := {
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	# The GUID the hardening issue gave for Contributor; Azure's Contributor is b24988ac-6180-42a0-ab88-20f7382dd24c.
	"b24988ac-6180-41ea-8216-65a8fd0f06c8": "Contributor",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

# METADATA
# title: No privileged roles for service principals
# description: >-
#   No service principal (application or managed identity) is granted Owner, Contributor, User Access
#   Administrator or Role Based Access Control Administrator: a leaked workload credential must not control the
#   environment or grant further access.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Replace the privileged role with the narrowest built-in role the workload needs, at the narrowest scope.
#   remediation: >-
#     Grant a task-specific built-in role (for example AcrPush, Key Vault Secrets User, Network Contributor) on the
#     specific resource instead. https://learn.microsoft.com/azure/role-based-access-control/best-practices
#   references:
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_privileged_role_service_principal contains msg if {
	is_role_assignment
	is_service_principal(input)
	role := privileged_roles[role_guid(input.roleDefinitionId)]
	msg := sprintf("RoleAssignment %q grants %s to a service principal", [input.__name, role])
}

# Azure RBAC for Kubernetes roles that hold in a namespace when assigned at <cluster>/namespaces/<namespace>.
# Writer and Admin can run pods as any ServiceAccount of their scope, so cluster-wide they impersonate every
# workload identity. https://learn.microsoft.com/azure/aks/manage-azure-rbac
namespaceable_aks_roles := {
	"a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb": "Azure Kubernetes Service RBAC Writer",
	"3498e952-d568-435e-9b2c-8d77e338d7f7": "Azure Kubernetes Service RBAC Admin",
}

# METADATA
# title: Service principals deploy to namespaces, not the whole cluster
# description: >-
#   A service principal (a pipeline or other workload identity) gets Azure Kubernetes Service RBAC Writer or Admin
#   only at namespace scope (<clusterId>/namespaces/<namespace>): cluster-wide, either could run pods as any
#   ServiceAccount and so act as every workload identity. Cluster-wide access is RBAC Cluster Admin, granted
#   explicitly.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Assign the role at <clusterId>/namespaces/<namespace> for each namespace the principal deploys to.
#   remediation: >-
#     Scope the assignment to each namespace (buildAgent.kubernetesNamespaces), or grant RBAC Cluster Admin
#     explicitly where cluster-wide access is intended. https://learn.microsoft.com/azure/aks/manage-azure-rbac
#   references:
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_aks_role_cluster_wide_service_principal contains msg if {
	is_role_assignment
	is_service_principal(input)
	role := namespaceable_aks_roles[role_guid(input.roleDefinitionId)]
	known_string(input.scope)
	regex.match(`(?i)/providers/microsoft\.containerservice/managedclusters/[^/]+$`, input.scope)
	msg := sprintf("RoleAssignment %q grants %s on the whole cluster to a service principal; scope it to namespaces", [input.__name, role])
}

# Key Vault data-plane and administration roles.
# https://learn.microsoft.com/azure/key-vault/general/rbac-guide#azure-built-in-roles-for-key-vault-data-plane-operations
key_vault_roles := {
	"00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
	"a4417e6f-fecd-4de8-b567-7b0420556985": "Key Vault Certificates Officer",
	"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba": "Key Vault Certificate User",
	"14b46e9e-c2b7-41b4-b07b-48a6ebf60603": "Key Vault Crypto Officer",
	"e147488a-f6f5-4113-8e2d-b22465e65bf6": "Key Vault Crypto Service Encryption User",
	"08bbd89e-9f13-488c-ac41-acfcb10c90ab": "Key Vault Crypto Service Release User",
	"12338af0-0e69-4776-bea7-57ae8d297424": "Key Vault Crypto User",
	"8b54135c-b56d-4d72-a534-26097cfdc8d8": "Key Vault Data Access Administrator",
	"21090545-7ca7-4776-b22c-e363652d74d2": "Key Vault Reader",
	"b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
	"4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
}

# METADATA
# title: Key Vault roles are scoped to a vault
# description: >-
#   Key Vault roles are assigned on a vault (or one of its secrets, keys or certificates), never on a resource
#   group, subscription or management group where they would open every vault below it.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Assign the Key Vault role with scope the vault's ID.
#   remediation: >-
#     Set the role assignment's scope to the vault ID (/subscriptions/.../providers/Microsoft.KeyVault/vaults/NAME)
#     or to a single secret, key or certificate in it. https://learn.microsoft.com/azure/key-vault/general/rbac-guide#best-practices-for-individual-keys-secrets-and-certificates-role-assignments
#   references:
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_kv_role_scope contains msg if {
	is_role_assignment
	role := key_vault_roles[role_guid(input.roleDefinitionId)]
	scope := input.scope
	known_string(scope)
	not vault_scope_id(scope)
	msg := sprintf("RoleAssignment %q grants %s on %s, which is not a key vault", [input.__name, role, scope])
}

# ---------------------------------------------------------------------------------------------------------------
# Registry roles. The kubelet identity's object ID is a computed output of the ManagedCluster; stack analysis sees it
# in the cluster's outputs and, for every assignment, where its principal ID comes from (propertyDependencies).

role_assignments_of(guid) := [ra |
	some ra in resources_of("authorization", "RoleAssignment")
	role_guid(ra.roleDefinitionId) == guid
]

# ra_undecided: the scope, principal type or principal ID of the assignment is not known yet.
ra_undecided(ra) if {
	some key in ["scope", "principalType", "principalId"]
	opaque(object.get(ra, key, null))
}

# kubelet_uai: user-assigned identity u is some cluster's kubelet identity (identityProfile.kubeletidentity).
kubelet_uai(u) if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	links(cluster, "identityProfile", object.get(cluster, ["identityProfile", "kubeletidentity", "resourceId"], null), u)
}

# kubelet_undecided: a cluster's kubelet identity is not known yet, or may be u.
kubelet_undecided(u) if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	undecided(cluster, ["identityProfile", "kubeletidentity", "resourceId"])
	not depends_on(cluster, "identityProfile", u)
}

kubelet_undecided(u) if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	link_undecided(cluster, "identityProfile", object.get(cluster, ["identityProfile", "kubeletidentity", "resourceId"], null), u)
}

# human_principal: the same principal ID is assigned elsewhere as a user or group.
human_principal(ra) if {
	known_string(ra.principalId)
	some other in resources_of("authorization", "RoleAssignment")
	lower_or_empty(object.get(other, "principalType", "")) in {"user", "group"}
	lower(other.principalId) == lower(ra.principalId)
}

# kubelet_principal: the principal ID is a cluster's kubelet identity: the object ID of a bring-your-own kubelet
# identity in the cluster's inputs, an identity the cluster names as its kubelet identity, or the cluster's own
# output (the principal ID is computed from the cluster).
kubelet_principal(ra) if {
	known_string(ra.principalId)
	some cluster in resources_of("containerservice", "ManagedCluster")
	lower(ra.principalId) == lower_or_empty(object.get(cluster, ["identityProfile", "kubeletidentity", "objectId"], ""))
}

kubelet_principal(ra) if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	depends_on(ra, "principalId", cluster)
}

kubelet_principal(ra) if {
	some u in resources_of("managedidentity", "UserAssignedIdentity")
	depends_on(ra, "principalId", u)
	kubelet_uai(u)
}

# other_identities are the user-assigned identities, other than kubelet identities, the principal ID comes from.
other_identities(ra) := [u.__name |
	some u in resources_of("managedidentity", "UserAssignedIdentity")
	depends_on(ra, "principalId", u)
	not kubelet_uai(u)
	not kubelet_undecided(u)
]

acr_pull_problem(ra) := sprintf("is scoped to %v, not to a container registry", [object.get(ra, "scope", null)]) if {
	not registry_id(object.get(ra, "scope", ""))
	known_string(object.get(ra, "scope", ""))
} else := sprintf("has principalType %q, not ServicePrincipal", [object.get(ra, "principalType", "")]) if {
	not is_service_principal(ra)
} else := "grants a principal that is assigned roles as a user or group" if {
	human_principal(ra)
} else := sprintf("grants the user-assigned identity %q, which is not a cluster's kubelet identity", [other_identities(ra)[0]]) if {
	count(other_identities(ra)) > 0
} else := "grants a principal that is not a cluster's kubelet identity" if {
	not kubelet_principal(ra)
	not kubelet_principal_undecided(ra)
}

# kubelet_principal_undecided: a cluster's kubelet object ID is not known yet, or the identity the principal ID is
# taken from may be a kubelet identity.
kubelet_principal_undecided(_) if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	undecided(cluster, ["identityProfile", "kubeletidentity", "objectId"])
}

kubelet_principal_undecided(ra) if {
	some u in resources_of("managedidentity", "UserAssignedIdentity")
	depends_on(ra, "principalId", u)
	kubelet_undecided(u)
}

# METADATA
# title: AcrPull is granted only to the kubelet identity
# description: >-
#   AcrPull assignments are scoped to a registry, granted to a service principal, and their principal is an AKS
#   cluster's kubelet identity: the ManagedCluster's identityProfile.kubeletidentity, either its object ID or (while
#   it is a computed output) the cluster the principal ID is taken from. Users, groups, workload identities and
#   other identities do not pull from the registry directly.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Grant AcrPull on the registry only to the cluster's kubelet identity (identityProfile.kubeletidentity.objectId).
#   remediation: >-
#     Assign AcrPull with scope the registry ID, principalType ServicePrincipal and principalId the cluster's
#     identityProfile.kubeletidentity.objectId; remove AcrPull from other principals.
#     https://learn.microsoft.com/azure/aks/cluster-container-registry-integration
#   references:
#     - kind: cis-aks
#       id: 5.1.3
#       name: Minimize cluster access to read-only for Azure Container Registry (ACR)
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
stack_deny_acr_pull_kubelet_only contains msg if {
	some ra in role_assignments_of(role_acr_pull)
	not ra_undecided(ra)
	problem := acr_pull_problem(ra)
	msg := stack_msg(ra, sprintf("AcrPull RoleAssignment %q %s", [ra.__name, problem]))
}

# vm_identity: user-assigned identity u is attached to a VirtualMachine.
vm_identity(u) if {
	some vm in resources_of("compute", "VirtualMachine")
	some ref in identity_refs(object.get(vm, "identity", {}))
	links(vm, "identity", ref, u)
}

# vm_identity_undecided: a VM's identities are not known yet, or one of them may be u.
vm_identity_undecided(_) if {
	some vm in resources_of("compute", "VirtualMachine")
	undecided(vm, ["identity", "userAssignedIdentities"])
}

vm_identity_undecided(u) if {
	some vm in resources_of("compute", "VirtualMachine")
	some ref in identity_refs(object.get(vm, "identity", {}))
	link_undecided(vm, "identity", ref, u)
}

build_agent_principal(ra) if {
	some u in resources_of("managedidentity", "UserAssignedIdentity")
	depends_on(ra, "principalId", u)
	vm_identity(u)
}

acr_push_problem(ra) := sprintf("is scoped to %v, not to a container registry", [object.get(ra, "scope", null)]) if {
	not registry_id(object.get(ra, "scope", ""))
	known_string(object.get(ra, "scope", ""))
} else := sprintf("has principalType %q, not ServicePrincipal", [object.get(ra, "principalType", "")]) if {
	not is_service_principal(ra)
} else := "grants a principal that is not the user-assigned identity of a build agent VM" if {
	not build_agent_principal(ra)
	not build_agent_undecided(ra)
}

build_agent_undecided(ra) if {
	some u in resources_of("managedidentity", "UserAssignedIdentity")
	depends_on(ra, "principalId", u)
	vm_identity_undecided(u)
}

# METADATA
# title: AcrPush is granted only to the build agents
# description: >-
#   AcrPush assignments are scoped to a registry, granted to a service principal, and their principal is a
#   user-assigned identity that a VirtualMachine (a build agent) runs as; nobody else can push images.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Grant AcrPush on the registry only to the build agents' user-assigned identity.
#   remediation: >-
#     Assign AcrPush with scope the registry ID, principalType ServicePrincipal and principalId the principalId of
#     the UserAssignedIdentity listed in the build agent VM's identity.userAssignedIdentities.
#     https://learn.microsoft.com/azure/container-registry/container-registry-roles
#   references:
#     - kind: cis-aks
#       id: 5.1.2
#       name: Minimize user access to Azure Container Registry (ACR)
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
stack_deny_acr_push_build_agent contains msg if {
	some ra in role_assignments_of(role_acr_push)
	not ra_undecided(ra)
	problem := acr_push_problem(ra)
	msg := stack_msg(ra, sprintf("AcrPush RoleAssignment %q %s", [ra.__name, problem]))
}

# ---------------------------------------------------------------------------------------------------------------
# Key Vault read roles. A service principal reads only the objects it is granted, at <vaultId>/secrets/<name>,
# <vaultId>/certificates/<name> or <vaultId>/keys/<name>. The one vault-wide reader hardaks creates is the identity
# of the AKS Key Vault secrets provider add-on (keyVault.csiAddonAccess): AKS creates it, and its object ID is a
# computed output of the ManagedCluster (addonProfiles.azureKeyvaultSecretsProvider.identity.objectId) that only
# stack analysis sees, so the rule is a stack rule.

# Roles that read secret values or certificates with their private keys, or use or release keys. Key Vault Reader
# reads metadata only ("cannot read sensitive values such as secret contents or key material"); the Officer and
# Administrator roles manage objects, which needs the vault scope to create them, and deny_kv_role_scope keeps
# them within one vault.
# https://learn.microsoft.com/azure/key-vault/general/rbac-guide#azure-built-in-roles-for-key-vault-data-plane-operations
key_vault_read_roles := {guid: name |
	some guid, name in key_vault_roles
	name in {
		"Key Vault Secrets User", "Key Vault Certificate User", "Key Vault Crypto User",
		"Key Vault Crypto Service Encryption User", "Key Vault Crypto Service Release User",
	}
}

csi_addon_object_id := ["addonProfiles", "azureKeyvaultSecretsProvider", "identity", "objectId"]

# csi_addon_identity: the principal ID is a cluster's Key Vault secrets provider add-on identity, as the cluster's
# outputs show it.
csi_addon_identity(ra) if {
	known_string(ra.principalId)
	some cluster in resources_of("containerservice", "ManagedCluster")
	lower(ra.principalId) == lower_or_empty(object.get(cluster, csi_addon_object_id, ""))
}

# Or it may be a cluster's add-on identity that is not known yet: it is computed from that cluster, or written out in
# the program (a principal ID computed from another resource, a user-assigned identity, is not the add-on's).
csi_addon_identity(ra) if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	undecided(cluster, csi_addon_object_id)
	depends_on(ra, "principalId", cluster)
}

csi_addon_identity(ra) if {
	count(object.get(ra, ["propertyDependencies", "principalId"], [])) == 0
	some cluster in resources_of("containerservice", "ManagedCluster")
	undecided(cluster, csi_addon_object_id)
}

# csi_addon_exempt: the vault-wide Key Vault Secrets User that keyVault.csiAddonAccess grants the add-on identity,
# or one that may be it.
csi_addon_exempt(ra) if {
	key_vault_roles[role_guid(ra.roleDefinitionId)] == "Key Vault Secrets User"
	csi_addon_identity(ra)
}

# METADATA
# title: Service principals read Key Vault objects, not whole vaults
# description: >-
#   A service principal (a workload identity, the build agents or any other application) gets Key Vault Secrets
#   User, Certificate User, Crypto User, Crypto Service Encryption User or Crypto Service Release User only on the
#   secrets, certificates and keys it reads (<vaultId>/secrets/<name>, /certificates/<name>, /keys/<name>), never
#   on the whole vault: the hardaks vault is shared by every workload and the build agents, the case in which
#   Microsoft's Key Vault RBAC guidance assigns roles on individual objects. The one exemption is Key Vault Secrets
#   User on the vault for the AKS Key Vault secrets provider add-on's identity (keyVault.csiAddonAccess), recognised
#   by the cluster output addonProfiles.azureKeyvaultSecretsProvider.identity.objectId.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Assign the Key Vault read role on each secret, certificate or key the principal reads, not on the vault.
#   remediation: >-
#     Set the role assignment's scope to <vaultId>/secrets/<name>, <vaultId>/certificates/<name> or
#     <vaultId>/keys/<name>, one assignment per object (a workload's secrets and certificates in hardaks:workloads),
#     or give the principal a vault of its own. https://learn.microsoft.com/azure/key-vault/general/rbac-guide#best-practices-for-individual-keys-secrets-and-certificates-role-assignments
#   references:
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
stack_deny_kv_read_role_vault_wide contains msg if {
	some ra in resources_of("authorization", "RoleAssignment")
	role := key_vault_read_roles[role_guid(ra.roleDefinitionId)]
	not ra_undecided(ra)
	is_service_principal(ra)
	known_string(ra.scope)
	whole_vault_id(ra.scope)
	not csi_addon_exempt(ra)
	msg := stack_msg(ra, sprintf("RoleAssignment %q grants %s on the whole vault %q to a service principal; assign it on the secrets, certificates or keys it reads", [ra.__name, role, last_segment(ra.scope)]))
}

# ---------------------------------------------------------------------------------------------------------------
# Federated identity credentials: workload identity trust between an AKS service account and a managed identity.

is_fic if is_type(input, "managedidentity", "FederatedIdentityCredential")

# METADATA
# title: Federated credentials trust an AKS OIDC issuer
# description: >-
#   A federated identity credential's issuer is an AKS cluster's OIDC issuer: an https URL on
#   <region>.oic.prod-aks.azure.com, so only service account tokens of AKS clusters can be exchanged for the
#   identity's tokens.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set issuer to the cluster's oidcIssuerProfile.issuerURL.
#   remediation: >-
#     Set issuer to the ManagedCluster's oidcIssuerProfile.issuerURL output, unchanged (trailing slash included).
#     https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster#create-the-federated-identity-credential
#   references:
#     - kind: azure-policy
#       id: ae62c456-33de-4dc8-b100-7ce9028a7d99
#       name: "[Preview]: [Preview]: Managed Identity Federated Credentials from Azure Kubernetes should be from trusted sources"
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_fic_issuer contains msg if {
	is_fic
	issuer := input.issuer
	known_string(issuer)
	not regex.match(`^https://[a-z0-9-]+\.oic\.prod-aks\.azure\.com/`, issuer)
	msg := sprintf("FederatedIdentityCredential %q trusts issuer %q, which is not an AKS OIDC issuer (https://<region>.oic.prod-aks.azure.com/...)", [input.__name, issuer])
}

# METADATA
# title: Federated credentials name one Kubernetes service account
# description: >-
#   The subject is exactly system:serviceaccount:<namespace>:<service account>, with a valid namespace and service
#   account name, so one service account, not a pattern, can use the identity.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set subject to system:serviceaccount:<namespace>:<service account name>.
#   remediation: >-
#     Set subject to "system:serviceaccount:NAMESPACE:SERVICEACCOUNT" for the one service account the workload
#     runs as. https://learn.microsoft.com/azure/aks/workload-identity-overview#service-account-labels-and-annotations
#   references:
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_fic_subject contains msg if {
	is_fic
	subject := known_at(input, ["subject"], "")
	not service_account_subject(subject)
	msg := sprintf("FederatedIdentityCredential %q has subject %q, not system:serviceaccount:<namespace>:<service account>", [input.__name, subject])
}

service_account_subject(subject) if {
	is_string(subject)
	regex.match(`^system:serviceaccount:[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?:[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$`, subject)
}

token_exchange_audience := "api://AzureADTokenExchange"

# METADATA
# title: Federated credentials use the token exchange audience only
# description: >-
#   The audiences are exactly ["api://AzureADTokenExchange"], the audience the AKS workload identity webhook
#   requests; any other audience widens which tokens are accepted.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set audiences to ["api://AzureADTokenExchange"].
#   remediation: >-
#     Set audiences to exactly ["api://AzureADTokenExchange"].
#     https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity
#   references:
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_fic_audience contains msg if {
	is_fic
	audiences := object.get(input, "audiences", [])
	not has_opaque(audiences)
	audiences != [token_exchange_audience]
	msg := sprintf("FederatedIdentityCredential %q has audiences %v, not exactly [%q]", [input.__name, audiences, token_exchange_audience])
}
