package hardaks

import rego.v1

role_assignment(name, guid, principal_type, scope, deps) := fx_res(
	t_ra, name, {
		"roleDefinitionId": fx_role_definition(guid),
		"principalId": "0b9f3c2e-1111-4a2b-8c3d-4e5f6a7b8c9d",
		"principalType": principal_type,
		"scope": scope,
	},
	deps,
)

test_deny_privileged_role_service_principal_pass if {
	count(deny_privileged_role_service_principal) == 0 with input as fx_acr_push
	count(deny_privileged_role_service_principal) == 0 with input as role_assignment("owner-group", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Group", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {})
}

test_deny_privileged_role_service_principal_fail_on_owner if {
	ra := role_assignment("ci-owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "ServicePrincipal", fx_sub, {})
	deny_privileged_role_service_principal == {`RoleAssignment "ci-owner" grants Owner to a service principal`} with input as ra
}

test_deny_privileged_role_service_principal_fail_on_contributor if {
	ra := role_assignment("ci-contributor", "B24988AC-6180-42A0-AB88-20F7382DD24C", "ServicePrincipal", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {})
	deny_privileged_role_service_principal == {`RoleAssignment "ci-contributor" grants Contributor to a service principal`} with input as ra
}

test_deny_privileged_role_service_principal_fail_on_the_contributor_guid_of_the_issue if {
	ra := role_assignment("ci-contributor", "b24988ac-6180-41ea-8216-65a8fd0f06c8", "ServicePrincipal", fx_sub, {})
	count(deny_privileged_role_service_principal) == 1 with input as ra
}

test_deny_privileged_role_service_principal_fail_on_user_access_administrator if {
	ra := role_assignment("ci-uaa", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "ServicePrincipal", fx_sub, {})
	count(deny_privileged_role_service_principal) == 1 with input as ra
}

test_deny_kv_role_scope_pass if {
	count(deny_kv_role_scope) == 0 with input as fx_secrets_user
	count(deny_kv_role_scope) == 0 with input as patched(fx_secrets_user, {"scope": fx_id("Microsoft.KeyVault/vaults/kv-test")})
	count(deny_kv_role_scope) == 0 with input as patched(fx_secrets_user, {"scope": fx_unknown})
}

test_deny_kv_role_scope_fail_on_a_resource_group if {
	scope := sprintf("%s/resourceGroups/%s", [fx_sub, fx_rg])
	deny_kv_role_scope == {sprintf(`RoleAssignment "orders-secrets-user" grants Key Vault Secrets User on %s, which is not a key vault`, [scope])} with input as patched(fx_secrets_user, {"scope": scope})
}

test_deny_kv_role_scope_fail_on_another_resource if {
	count(deny_kv_role_scope) == 1 with input as patched(fx_secrets_user, {"scope": fx_id("Microsoft.ContainerRegistry/registries/acrtest")})
}

test_stack_deny_acr_pull_kubelet_only_pass if {
	count(stack_deny_acr_pull_kubelet_only) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_acr_pull_kubelet_only_pass_with_a_bring_your_own_kubelet_identity if {
	cluster := patched(fxo_cluster, {"identityProfile": {"kubeletidentity": {
		"resourceId": fx_id("Microsoft.ManagedIdentity/userAssignedIdentities/id-kubelet"),
		"clientId": "c1c1c1c1-0000-4000-8000-000000000001",
		"objectId": "0b0b0b0b-0000-4000-8000-000000000001",
	}}})
	kubelet := fx_out(fx_res(t_uai, "kubelet-id", {"resourceGroupName": fx_rg, "resourceName": "id-kubelet"}, {}), ["resourceGroupName", "resourceName"], "id-kubelet", {})
	by_object_id := object.union(without_provenance(fxo_acr_pull), {"principalId": "0b0b0b0b-0000-4000-8000-000000000001"})
	by_identity := object.union(without_provenance(fxo_acr_pull), {"principalId": "0b0b0b0b-0000-4000-8000-000000000002", "propertyDependencies": {"principalId": [kubelet.__urn]}})
	resources := array.concat(with_resource(fx_stack, cluster), [kubelet])
	count(stack_deny_acr_pull_kubelet_only) == 0 with input as {"resources": with_resource(resources, by_object_id)}
	count(stack_deny_acr_pull_kubelet_only) == 0 with input as {"resources": with_resource(resources, by_identity)}
}

test_stack_deny_acr_pull_kubelet_only_fail_on_a_resource_group_scope if {
	scope := sprintf("%s/resourceGroups/%s", [fx_sub, fx_rg])
	ra := patched(fxo_acr_pull, {"scope": scope})
	stack_deny_acr_pull_kubelet_only == {sprintf(`AcrPull RoleAssignment "acr-pull-kubelet" is scoped to %s, not to a container registry [%s]`, [scope, ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_pull_kubelet_only_fail_on_a_user if {
	ra := patched(fxo_acr_pull, {"principalType": "User"})
	stack_deny_acr_pull_kubelet_only == {sprintf(`AcrPull RoleAssignment "acr-pull-kubelet" has principalType "User", not ServicePrincipal [%s]`, [ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_pull_kubelet_only_fail_on_a_workload_identity if {
	ra := role_assignment("orders-acr-pull", role_acr_pull, "ServicePrincipal", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {"principalId": [[t_uai, "orders-id"]], "scope": [[t_registry, "acr"]]})
	stack_deny_acr_pull_kubelet_only == {sprintf(`AcrPull RoleAssignment "orders-acr-pull" grants the user-assigned identity "orders-id", which is not a cluster's kubelet identity [%s]`, [ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_pull_kubelet_only_fail_on_a_principal_that_is_a_group_elsewhere if {
	group := role_assignment("team-reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Group", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {})
	ra := role_assignment("team-acr-pull", role_acr_pull, "ServicePrincipal", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {"principalId": [[t_cluster, "aks"]]})
	resources := array.concat(fx_stack, [group, ra])
	stack_deny_acr_pull_kubelet_only == {sprintf(`AcrPull RoleAssignment "team-acr-pull" grants a principal that is assigned roles as a user or group [%s]`, [ra.__urn])} with input as {"resources": resources}
}

test_stack_deny_acr_pull_kubelet_only_fail_on_an_unrelated_principal if {
	ra := role_assignment("other-acr-pull", role_acr_pull, "ServicePrincipal", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {"scope": [[t_registry, "acr"]]})
	stack_deny_acr_pull_kubelet_only == {sprintf(`AcrPull RoleAssignment "other-acr-pull" grants a principal that is not a cluster's kubelet identity [%s]`, [ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_push_build_agent_pass if {
	count(stack_deny_acr_push_build_agent) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_acr_push_build_agent_pass_with_property_dependencies if {
	ra := patched(fxo_acr_push, {"propertyDependencies": {"principalId": [fxo_agent_identity.__urn], "scope": [fxo_registry.__urn]}})
	count(stack_deny_acr_push_build_agent) == 0 with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_push_build_agent_fail_on_an_identity_no_vm_uses if {
	ra := role_assignment("orders-acr-push", role_acr_push, "ServicePrincipal", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {"principalId": [[t_uai, "orders-id"]]})
	stack_deny_acr_push_build_agent == {sprintf(`AcrPush RoleAssignment "orders-acr-push" grants a principal that is not the user-assigned identity of a build agent VM [%s]`, [ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_push_build_agent_fail_on_the_kubelet_identity if {
	ra := role_assignment("kubelet-acr-push", role_acr_push, "ServicePrincipal", fx_id("Microsoft.ContainerRegistry/registries/acrtest"), {"principalId": [[t_cluster, "aks"]]})
	count(stack_deny_acr_push_build_agent) == 1 with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_acr_push_build_agent_fail_on_a_subscription_scope if {
	ra := patched(fxo_acr_push, {"scope": fx_sub})
	stack_deny_acr_push_build_agent == {sprintf(`AcrPush RoleAssignment "acr-push-agent" is scoped to %s, not to a container registry [%s]`, [fx_sub, ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_deny_fic_issuer_pass if {
	count(deny_fic_issuer) == 0 with input as fx_fic
	count(deny_fic_issuer) == 0 with input as patched(fx_fic, {"issuer": fx_unknown})
}

test_deny_fic_issuer_fail_on_github if {
	deny_fic_issuer == {`FederatedIdentityCredential "orders-fic" trusts issuer "https://token.actions.githubusercontent.com", which is not an AKS OIDC issuer (https://<region>.oic.prod-aks.azure.com/...)`} with input as patched(fx_fic, {"issuer": "https://token.actions.githubusercontent.com"})
}

test_deny_fic_issuer_fail_on_plain_http if {
	count(deny_fic_issuer) == 1 with input as patched(fx_fic, {"issuer": "http://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/x/"})
}

test_deny_fic_issuer_fail_on_a_lookalike_host if {
	count(deny_fic_issuer) == 1 with input as patched(fx_fic, {"issuer": "https://westeurope.oic.prod-aks.azure.com.example.net/x/"})
}

test_deny_fic_subject_pass if {
	count(deny_fic_subject) == 0 with input as fx_fic
}

test_deny_fic_subject_fail_on_a_wildcard if {
	deny_fic_subject == {`FederatedIdentityCredential "orders-fic" has subject "system:serviceaccount:orders:*", not system:serviceaccount:<namespace>:<service account>`} with input as patched(fx_fic, {"subject": "system:serviceaccount:orders:*"})
}

test_deny_fic_subject_fail_on_a_github_subject if {
	count(deny_fic_subject) == 1 with input as patched(fx_fic, {"subject": "repo:contoso/app:ref:refs/heads/main"})
}

test_deny_fic_audience_pass if {
	count(deny_fic_audience) == 0 with input as fx_fic
}

test_deny_fic_audience_fail_with_an_extra_audience if {
	deny_fic_audience == {`FederatedIdentityCredential "orders-fic" has audiences ["api://AzureADTokenExchange", "api://other"], not exactly ["api://AzureADTokenExchange"]`} with input as patched(fx_fic, {"audiences": ["api://AzureADTokenExchange", "api://other"]})
}

test_deny_fic_audience_fail_without_audiences if {
	count(deny_fic_audience) == 1 with input as stripped(fx_fic, ["audiences"])
}

test_deny_fic_subject_pass_while_the_subject_is_unknown_or_secret if {
	count(deny_fic_subject) == 0 with input as patched(fx_fic, {"subject": fx_unknown})
	count(deny_fic_subject) == 0 with input as patched(fx_fic, {"subject": fx_secret("system:serviceaccount:orders:*")})
}

test_deny_fic_audience_pass_while_an_audience_is_unknown if {
	count(deny_fic_audience) == 0 with input as patched(fx_fic, {"audiences": [fx_unknown]})
}

test_stack_deny_acr_pull_kubelet_only_pass_while_the_principal_is_unknown if {
	# Stack analysis during a first preview: the kubelet identity does not exist yet.
	ra := object.union(without_provenance(fxo_acr_pull), {"principalId": fx_unknown})
	count(stack_deny_acr_pull_kubelet_only) == 0 with input as {"resources": with_resource(fx_stack, ra)}
}

test_deny_aks_role_cluster_wide_service_principal_pass_at_namespace_scope if {
	ra := fx_res(t_ra, "agent-writer", {
		"roleDefinitionId": fx_role_definition("a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb"),
		"principalId": "e1573929-77f1-5a2b-9c3d-4e5f6a7b8c9d",
		"principalType": "ServicePrincipal",
		"scope": fx_id("Microsoft.ContainerService/managedClusters/aks-test/namespaces/orders"),
	}, {})
	count(deny_aks_role_cluster_wide_service_principal) == 0 with input as ra
	count(deny_aks_role_cluster_wide_service_principal) == 0 with input as patched(ra, {"scope": fx_unknown})
	count(deny_aks_role_cluster_wide_service_principal) == 0 with input as patched(ra, {"principalType": "Group", "scope": fx_id("Microsoft.ContainerService/managedClusters/aks-test")})
}

test_deny_aks_role_cluster_wide_service_principal_fail_on_the_cluster if {
	ra := fx_res(t_ra, "agent-writer", {
		"roleDefinitionId": fx_role_definition("a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb"),
		"principalId": "e1573929-77f1-5a2b-9c3d-4e5f6a7b8c9d",
		"principalType": "ServicePrincipal",
		"scope": fx_id("Microsoft.ContainerService/managedClusters/aks-test"),
	}, {})
	deny_aks_role_cluster_wide_service_principal == {`RoleAssignment "agent-writer" grants Azure Kubernetes Service RBAC Writer on the whole cluster to a service principal; scope it to namespaces`} with input as ra
}

fx_vault_id := fx_id("Microsoft.KeyVault/vaults/kv-test")

fx_csi_object_id := "c5c5c5c5-0000-4000-8000-000000000001"

# The cluster as the stack analysis of an update sees it, with the Key Vault secrets provider add-on's identity.
fxo_cluster_with_csi_identity := patched(fxo_cluster, {"addonProfiles": {"azureKeyvaultSecretsProvider": {"identity": {
	"resourceId": sprintf("%s/resourceGroups/MC_rg-test_aks-test_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/azurekeyvaultsecretsprovider-aks-test", [fx_sub]),
	"clientId": "c5c5c5c5-0000-4000-8000-000000000002",
	"objectId": fx_csi_object_id,
}}}})

# keyVault.csiAddonAccess: Key Vault Secrets User on the vault for the add-on identity, computed from the cluster.
fx_csi_secrets_user := patched(
	role_assignment("csi-addon-secrets-user", fx_role_kv_secrets_user, "ServicePrincipal", fx_vault_id, {"principalId": [[t_cluster, "aks"]], "scope": [[t_vault, "kv"]]}),
	{"principalId": fx_csi_object_id},
)

test_stack_deny_kv_read_role_vault_wide_pass if {
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": fx_stack}
	certificate := patched(fxo_secrets_user, {"roleDefinitionId": fx_role_definition("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"), "scope": fx_id("Microsoft.KeyVault/vaults/kv-test/certificates/tls-orders")})
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(fx_stack, certificate)}
	key := patched(fxo_secrets_user, {"roleDefinitionId": fx_role_definition("12338af0-0e69-4776-bea7-57ae8d297424"), "scope": fx_id("Microsoft.KeyVault/vaults/kv-test/keys/orders-signing")})
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(fx_stack, key)}
}

test_stack_deny_kv_read_role_vault_wide_pass_for_a_group_on_the_vault if {
	group := role_assignment("team-secrets-user", fx_role_kv_secrets_user, "Group", fx_vault_id, {"scope": [[t_vault, "kv"]]})
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": array.concat(fx_stack, [group])}
}

test_stack_deny_kv_read_role_vault_wide_pass_for_roles_that_read_no_values_or_scopes_above_the_vault if {
	reader := patched(fxo_secrets_user, {"roleDefinitionId": fx_role_definition("21090545-7ca7-4776-b22c-e363652d74d2"), "scope": fx_vault_id})
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(fx_stack, reader)}

	# A resource group is deny_kv_role_scope's finding, reported once.
	resource_group := patched(fxo_secrets_user, {"scope": sprintf("%s/resourceGroups/%s", [fx_sub, fx_rg])})
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(fx_stack, resource_group)}
}

test_stack_deny_kv_read_role_vault_wide_fail_on_secrets_user_for_a_workload_identity if {
	ra := patched(fxo_secrets_user, {"scope": fx_vault_id})
	stack_deny_kv_read_role_vault_wide == {sprintf(`RoleAssignment "orders-secrets-user" grants Key Vault Secrets User on the whole vault "kv-test" to a service principal; assign it on the secrets, certificates or keys it reads [%s]`, [ra.__urn])} with input as {"resources": with_resource(fx_stack, ra)}
}

test_stack_deny_kv_read_role_vault_wide_fail_on_certificate_and_crypto_users if {
	certificate := patched(fxo_secrets_user, {"roleDefinitionId": fx_role_definition("DB79E9A7-68EE-4B58-9AEB-B90E7C24FCBA"), "scope": fx_vault_id})
	stack_deny_kv_read_role_vault_wide == {sprintf(`RoleAssignment "orders-secrets-user" grants Key Vault Certificate User on the whole vault "kv-test" to a service principal; assign it on the secrets, certificates or keys it reads [%s]`, [certificate.__urn])} with input as {"resources": with_resource(fx_stack, certificate)}
	crypto := patched(fxo_secrets_user, {"roleDefinitionId": fx_role_definition("12338af0-0e69-4776-bea7-57ae8d297424"), "scope": fx_vault_id})
	count(stack_deny_kv_read_role_vault_wide) == 1 with input as {"resources": with_resource(fx_stack, crypto)}
}

test_stack_deny_kv_read_role_vault_wide_pass_for_the_csi_addon_identity if {
	resources := with_resource(array.concat(fx_stack, [fx_csi_secrets_user]), fxo_cluster_with_csi_identity)
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": resources}

	# Matched by its object ID alone, as a principal ID written out in the program.
	written_out := without_provenance(fx_csi_secrets_user)
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, written_out)}
}

test_stack_deny_kv_read_role_vault_wide_fail_on_the_csi_addon_identity_with_another_role if {
	ra := patched(fx_csi_secrets_user, {"roleDefinitionId": fx_role_definition("12338af0-0e69-4776-bea7-57ae8d297424")})
	resources := with_resource(array.concat(fx_stack, [ra]), fxo_cluster_with_csi_identity)
	stack_deny_kv_read_role_vault_wide == {sprintf(`RoleAssignment "csi-addon-secrets-user" grants Key Vault Crypto User on the whole vault "kv-test" to a service principal; assign it on the secrets, certificates or keys it reads [%s]`, [ra.__urn])} with input as {"resources": resources}
}

test_stack_deny_kv_read_role_vault_wide_fail_on_the_kubelet_identity if {
	# Computed from the cluster too, but it is the kubelet identity, not the add-on's.
	ra := patched(fx_csi_secrets_user, {"principalId": fx_kubelet_object_id})
	resources := with_resource(array.concat(fx_stack, [ra]), fxo_cluster_with_csi_identity)
	count(stack_deny_kv_read_role_vault_wide) == 1 with input as {"resources": resources}
}

test_stack_deny_kv_read_role_vault_wide_pass_while_values_are_opaque if {
	# Stack analysis during a first preview: the assignment's scope and principal and the add-on identity are unknown.
	cluster := patched(fxo_cluster, {"addonProfiles": {"azureKeyvaultSecretsProvider": {"identity": fx_unknown}}})
	resources := with_resource(fx_stack, cluster)
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, patched(fx_csi_secrets_user, {"principalId": fx_unknown, "scope": fx_unknown}))}
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, patched(fxo_secrets_user, {"principalId": fx_unknown, "scope": fx_vault_id}))}
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, patched(fxo_secrets_user, {"principalType": fx_unknown, "scope": fx_vault_id}))}
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, patched(fxo_secrets_user, {"scope": fx_secret(fx_vault_id)}))}

	# A known principal computed from the cluster, or written out, may be the add-on identity.
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, fx_csi_secrets_user)}
	count(stack_deny_kv_read_role_vault_wide) == 0 with input as {"resources": with_resource(resources, without_provenance(fx_csi_secrets_user))}

	# Unknown add-on identity at the other phases' values still decides for a workload identity's principal.
	ra := patched(fxo_secrets_user, {"scope": fx_vault_id})
	count(stack_deny_kv_read_role_vault_wide) == 1 with input as {"resources": with_resource(resources, ra)}
}
