package hardaks

import rego.v1

# Azure Kubernetes Service: the ManagedCluster and its node pools, inline (agentPoolProfiles) and separate
# (AgentPool resources). Property names are the azure-native inputs, which are the ARM properties without
# "properties." (alias Microsoft.ContainerService/managedClusters/apiServerAccessProfile.enablePrivateCluster is
# input apiServerAccessProfile.enablePrivateCluster).

is_cluster if is_type(input, "containerservice", "ManagedCluster")

# addon is the add-on profile with this name; AKS treats add-on names case-insensitively ("azurepolicy" in ARM
# templates, "azurePolicy" in the Azure Policy alias).
addon(name) := profile if {
	some key, profile in object.get(input, "addonProfiles", {})
	lower(key) == lower(name)
}

addon_enabled(name) if addon(name).enabled == true

# addon_undecided: the add-on profiles, the profile or its enabled flag are not known yet.
addon_undecided(_) if undecided(input, ["addonProfiles"])

addon_undecided(name) if undecided({"profile": addon(name)}, ["profile", "enabled"])

# node_pools are the pools of the resource under evaluation, each with a label for messages.
node_pools := array.concat(inline_node_pools, agent_pool_resource)

inline_node_pools := [{"label": label, "spec": spec} |
	is_cluster
	some i, spec in list(object.get(input, "agentPoolProfiles", []))
	name := pool_name(spec, i)
	label := sprintf("node pool %q of ManagedCluster %q", [name, input.__name])
]

pool_name(spec, i) := name if {
	name := object.get(spec, "name", "")
	is_string(name)
	name != ""
} else := sprintf("agentPoolProfiles[%d]", [i])

agent_pool_name := name if {
	name := object.get(input, "agentPoolName", input.__name)
	is_string(name)
} else := input.__name

agent_pool_resource := [{"label": label, "spec": input} |
	is_type(input, "containerservice", "AgentPool")
	label := sprintf("AgentPool %q (node pool %q)", [input.__name, agent_pool_name])
]

# METADATA
# title: AKS API server is private
# description: >-
#   The cluster's API server is reachable only through a private endpoint in the cluster's virtual network
#   (apiServerAccessProfile.enablePrivateCluster), never from the internet.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Set apiServerAccessProfile.enablePrivateCluster to true.
#   remediation: >-
#     Set apiServerAccessProfile.enablePrivateCluster to true when the cluster is created (it cannot be changed
#     later on API 2024-09-01; recreate the cluster), and reach the API server through the VNet, Bastion or a
#     peered network. https://learn.microsoft.com/azure/aks/private-clusters
#   references:
#     - kind: azure-policy
#       id: 040732e8-d947-40b8-95d6-854c95024bf8
#       name: Azure Kubernetes Service Private Clusters should be enabled
#     - kind: cis-aks
#       id: 5.4.2
#       name: Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_aks_private_cluster contains msg if {
	is_cluster
	is_not_true(input, ["apiServerAccessProfile", "enablePrivateCluster"])
	msg := sprintf("ManagedCluster %q is not a private cluster (apiServerAccessProfile.enablePrivateCluster is not true)", [input.__name])
}

# METADATA
# title: AKS private cluster has no public FQDN
# description: >-
#   A private cluster gets a public DNS record pointing at its private API server address unless
#   apiServerAccessProfile.enablePrivateClusterPublicFQDN is false; AKS's default is true. The record discloses the
#   cluster's existence and private address to anyone.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set apiServerAccessProfile.enablePrivateClusterPublicFQDN to false.
#   remediation: >-
#     Set apiServerAccessProfile.enablePrivateClusterPublicFQDN to false explicitly, and resolve the API server
#     through the private DNS zone linked to the VNet.
#     https://learn.microsoft.com/azure/aks/private-clusters#disable-a-public-fqdn
#   references:
#     - kind: cis-aks
#       id: 5.4.2
#       name: Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_aks_public_fqdn contains msg if {
	is_cluster
	not undecided(input, ["apiServerAccessProfile", "enablePrivateClusterPublicFQDN"])
	not input.apiServerAccessProfile.enablePrivateClusterPublicFQDN == false
	msg := sprintf("ManagedCluster %q publishes a public FQDN for its API server (apiServerAccessProfile.enablePrivateClusterPublicFQDN is not false)", [input.__name])
}

# METADATA
# title: AKS run command is disabled
# description: >-
#   az aks command invoke runs pods with cluster-admin rights through the Azure Resource Manager API, bypassing the
#   private network path to the API server.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set apiServerAccessProfile.disableRunCommand to true.
#   remediation: >-
#     Set apiServerAccessProfile.disableRunCommand to true and administer the cluster from inside the VNet (Bastion
#     and the build agents). https://learn.microsoft.com/azure/aks/access-private-cluster#disable-run-command
#   references:
#     - kind: azure-policy
#       id: 89f2d532-c53c-4f8f-9afa-4927b1114a0d
#       name: Azure Kubernetes Service Clusters should disable Command Invoke
#     - kind: cis-aks
#       id: 5.4.1
#       name: Restrict Access to the Control Plane Endpoint
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_aks_run_command contains msg if {
	is_cluster
	is_not_true(input, ["apiServerAccessProfile", "disableRunCommand"])
	msg := sprintf("ManagedCluster %q allows run command (apiServerAccessProfile.disableRunCommand is not true)", [input.__name])
}

entra_id_problem := "has no Microsoft Entra ID integration (aadProfile is not set)" if {
	not input.aadProfile
} else := "uses the legacy Entra ID integration (aadProfile.managed is not true)" if {
	is_not_true(input, ["aadProfile", "managed"])
}

# METADATA
# title: AKS uses managed Microsoft Entra ID integration
# description: >-
#   Users authenticate to the Kubernetes API with Microsoft Entra ID through AKS-managed integration
#   (aadProfile.managed), so identities, MFA and conditional access are managed centrally.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set aadProfile.managed to true.
#   remediation: >-
#     Set aadProfile with managed true and the tenant ID.
#     https://learn.microsoft.com/azure/aks/enable-authentication-microsoft-entra-id
#   references:
#     - kind: azure-policy
#       id: 450d2877-ebea-41e8-b00c-e286317d21bf
#       name: Azure Kubernetes Service Clusters should enable Microsoft Entra ID integration
#     - kind: cis-aks
#       id: 5.5.1
#       name: Manage Kubernetes RBAC users with Azure AD
#     - kind: mcsb
#       id: IM-1
#       name: Use centralized identity and authentication system
deny_aks_entra_id contains msg if {
	is_cluster
	problem := entra_id_problem
	msg := sprintf("ManagedCluster %q %s", [input.__name, problem])
}

# METADATA
# title: AKS authorizes Kubernetes access with Azure RBAC
# description: >-
#   Kubernetes authorization is done with Azure role assignments (aadProfile.enableAzureRBAC), so access to the
#   cluster is granted, reviewed and revoked in one place.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set aadProfile.enableAzureRBAC to true.
#   remediation: >-
#     Set aadProfile.enableAzureRBAC to true and grant the Azure Kubernetes Service RBAC roles at the cluster or
#     namespace scope. https://learn.microsoft.com/azure/aks/manage-azure-rbac
#   references:
#     - kind: cis-aks
#       id: 5.5.2
#       name: Use Azure RBAC for Kubernetes Authorization
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_aks_azure_rbac contains msg if {
	is_cluster
	is_not_true(input, ["aadProfile", "enableAzureRBAC"])
	msg := sprintf("ManagedCluster %q does not use Azure RBAC for Kubernetes authorization (aadProfile.enableAzureRBAC is not true)", [input.__name])
}

admin_groups_set if {
	ids := input.aadProfile.adminGroupObjectIDs
	is_array(ids)
	count(ids) > 0
}

# METADATA
# title: AKS has Entra ID cluster admin groups
# description: >-
#   The cluster names the Entra ID groups that get cluster-admin (aadProfile.adminGroupObjectIDs): the break-glass
#   path that does not depend on Azure role assignments, and the only one once local accounts are disabled.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set aadProfile.adminGroupObjectIDs to the object IDs of the cluster admin groups.
#   remediation: >-
#     Set aadProfile.adminGroupObjectIDs to one or more Entra ID group object IDs whose membership is governed
#     (for example through Privileged Identity Management).
#     https://learn.microsoft.com/azure/aks/enable-authentication-microsoft-entra-id
#   references:
#     - kind: azure-policy
#       id: 36a27de4-199b-40fb-b336-945a8475d6c5
#       name: Configure Microsoft Entra ID integrated Azure Kubernetes Service Clusters with required Admin Group Access
#     - kind: cis-aks
#       id: 5.5.1
#       name: Manage Kubernetes RBAC users with Azure AD
#     - kind: mcsb
#       id: PA-1
#       name: Separate and limit highly privileged/administrative users
deny_aks_admin_groups contains msg if {
	is_cluster
	not admin_groups_set
	not undecided(input, ["aadProfile", "adminGroupObjectIDs"])
	msg := sprintf("ManagedCluster %q names no Entra ID admin groups (aadProfile.adminGroupObjectIDs is empty)", [input.__name])
}

# METADATA
# title: AKS local accounts are disabled
# description: >-
#   With local accounts enabled, az aks get-credentials --admin hands out a static cluster-admin certificate that
#   bypasses Entra ID, conditional access and audit by identity.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Set disableLocalAccounts to true.
#   remediation: >-
#     Set disableLocalAccounts to true (requires managed Entra ID integration).
#     https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad
#   references:
#     - kind: azure-policy
#       id: 993c2fcd-2b29-49d2-9eb0-df2c3a730c32
#       name: Azure Kubernetes Service Clusters should have local authentication methods disabled
#     - kind: cis-aks
#       id: 5.5.1
#       name: Manage Kubernetes RBAC users with Azure AD
#     - kind: mcsb
#       id: IM-1
#       name: Use centralized identity and authentication system
deny_aks_local_accounts contains msg if {
	is_cluster
	is_not_true(input, ["disableLocalAccounts"])
	msg := sprintf("ManagedCluster %q allows local accounts (disableLocalAccounts is not true)", [input.__name])
}

# METADATA
# title: AKS Kubernetes RBAC is enabled
# description: >-
#   Without Kubernetes RBAC every authenticated user is effectively cluster-admin. AKS enables it unless
#   enableRBAC is false, which is what the Azure Policy definition flags.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove enableRBAC false (or set it to true).
#   remediation: >-
#     Set enableRBAC to true; it cannot be changed on an existing cluster, so recreate it.
#     https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac
#   references:
#     - kind: azure-policy
#       id: ac4a19c2-fa67-49b4-8ae5-0b2e78c49457
#       name: Role-Based Access Control (RBAC) should be used on Kubernetes Services
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_aks_kubernetes_rbac contains msg if {
	is_cluster
	input.enableRBAC == false
	msg := sprintf("ManagedCluster %q disables Kubernetes RBAC (enableRBAC is false)", [input.__name])
}

# METADATA
# title: AKS OIDC issuer is enabled
# description: >-
#   The cluster publishes an OIDC issuer (oidcIssuerProfile.enabled) so Entra ID can trust the tokens it issues to
#   service accounts: the basis of workload identity, instead of secrets in pods.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set oidcIssuerProfile.enabled to true.
#   remediation: >-
#     Set oidcIssuerProfile.enabled to true (it cannot be disabled again).
#     https://learn.microsoft.com/azure/aks/use-oidc-issuer
#   references:
#     - kind: cis-aks
#       id: 5.2.1
#       name: Prefer using dedicated AKS Service Accounts
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_aks_oidc_issuer contains msg if {
	is_cluster
	is_not_true(input, ["oidcIssuerProfile", "enabled"])
	msg := sprintf("ManagedCluster %q has no OIDC issuer (oidcIssuerProfile.enabled is not true)", [input.__name])
}

# METADATA
# title: AKS workload identity is enabled
# description: >-
#   The workload identity webhook (securityProfile.workloadIdentity.enabled) lets pods exchange service account
#   tokens for Entra ID tokens of a managed identity, so no credentials are stored in the cluster.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set securityProfile.workloadIdentity.enabled to true.
#   remediation: >-
#     Set securityProfile.workloadIdentity.enabled to true together with oidcIssuerProfile.enabled.
#     https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster
#   references:
#     - kind: azure-policy
#       id: 2cc2e023-0dac-4046-875b-178f683929d5
#       name: Azure Kubernetes Service Clusters should enable workload identity
#     - kind: cis-aks
#       id: 5.2.1
#       name: Prefer using dedicated AKS Service Accounts
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_aks_workload_identity contains msg if {
	is_cluster
	is_not_true(input, ["securityProfile", "workloadIdentity", "enabled"])
	msg := sprintf("ManagedCluster %q does not enable workload identity (securityProfile.workloadIdentity.enabled is not true)", [input.__name])
}

aks_identity_problem := "authenticates with a service principal secret (servicePrincipalProfile.clientId is not \"msi\")" if {
	input.servicePrincipalProfile
	lower_or_empty(known_at(input, ["servicePrincipalProfile", "clientId"], "")) != "msi"
} else := "has no managed identity (identity.type is not SystemAssigned or UserAssigned)" if {
	not lower_or_empty(known_at(input, ["identity", "type"], "")) in {"systemassigned", "userassigned"}
	not undecided(input, ["identity", "type"])
}

# METADATA
# title: AKS uses a managed identity
# description: >-
#   The cluster's control plane authenticates to Azure with a managed identity, not a service principal whose
#   secret must be stored and rotated.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set identity.type to UserAssigned (or SystemAssigned) and remove servicePrincipalProfile.
#   remediation: >-
#     Give the cluster identity.type UserAssigned with a user-assigned identity (or SystemAssigned) and remove
#     servicePrincipalProfile. https://learn.microsoft.com/azure/aks/use-managed-identity
#   references:
#     - kind: azure-policy
#       id: da6e2401-19da-4532-9141-fb8fbde08431
#       name: Azure Kubernetes Service Clusters should use managed identities
#     - kind: cis-aks
#       id: 5.2.1
#       name: Prefer using dedicated AKS Service Accounts
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_aks_managed_identity contains msg if {
	is_cluster
	problem := aks_identity_problem
	msg := sprintf("ManagedCluster %q %s", [input.__name, problem])
}

csi_problem := "does not enable the azureKeyvaultSecretsProvider add-on" if {
	not addon_enabled("azureKeyvaultSecretsProvider")
	not addon_undecided("azureKeyvaultSecretsProvider")
} else := "does not rotate mounted secrets (addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation is not \"true\")" if {
	rotation := known_at({"profile": addon("azureKeyvaultSecretsProvider")}, ["profile", "config", "enableSecretRotation"], "")
	not lower_or_empty(rotation) == "true"
}

# METADATA
# title: AKS Key Vault secrets provider with rotation
# description: >-
#   Workloads read secrets from Key Vault through the Secrets Store CSI driver add-on
#   (addonProfiles.azureKeyvaultSecretsProvider), which re-reads them so rotated secrets reach the pods.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Enable the azureKeyvaultSecretsProvider add-on with config.enableSecretRotation "true".
#   remediation: >-
#     Set addonProfiles.azureKeyvaultSecretsProvider to enabled true with config enableSecretRotation "true" and a
#     rotationPollInterval such as "2m".
#     https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options#enable-and-disable-auto-rotation
#   references:
#     - kind: cis-aks
#       id: 4.5.2
#       name: Consider external secret storage
#     - kind: mcsb
#       id: IM-8
#       name: Restrict the exposure of credential and secrets
deny_aks_keyvault_csi contains msg if {
	is_cluster
	problem := csi_problem
	msg := sprintf("ManagedCluster %q %s", [input.__name, problem])
}

# METADATA
# title: AKS Azure Policy add-on is enabled
# description: >-
#   The Azure Policy add-on (Gatekeeper) enforces Kubernetes policies such as the pod security baseline inside the
#   cluster and reports compliance.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set addonProfiles.azurepolicy.enabled to true.
#   remediation: >-
#     Set addonProfiles.azurepolicy to enabled true and assign the Kubernetes policy initiatives to the cluster.
#     https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes
#   references:
#     - kind: azure-policy
#       id: 0a15ec92-a229-4763-bb14-0ea34a568f8d
#       name: Azure Policy Add-on for Kubernetes service (AKS) should be installed and enabled on your clusters
#     - kind: mcsb
#       id: PV-2
#       name: Audit and enforce secure configurations
deny_aks_azure_policy contains msg if {
	is_cluster
	not addon_enabled("azurepolicy")
	not addon_undecided("azurepolicy")
	msg := sprintf("ManagedCluster %q does not enable the Azure Policy add-on (addonProfiles.azurepolicy.enabled is not true)", [input.__name])
}

# METADATA
# title: AKS Microsoft Defender profile is enabled
# description: >-
#   The Defender sensor (securityProfile.defender.securityMonitoring) collects runtime security signals of nodes
#   and workloads for Microsoft Defender for Containers.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set securityProfile.defender.securityMonitoring.enabled to true.
#   remediation: >-
#     Set securityProfile.defender with securityMonitoring.enabled true and logAnalyticsWorkspaceResourceId.
#     https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-enable
#   references:
#     - kind: azure-policy
#       id: a1840de2-8088-4ea8-b153-b4c723e9cb01
#       name: Azure Kubernetes Service clusters should have Defender profile enabled
#     - kind: cis-aks
#       id: 5.1.1
#       name: Ensure Image Vulnerability Scanning using Microsoft Defender for Cloud (MDC) image scanning or a third party provider
#     - kind: mcsb
#       id: LT-1
#       name: Enable threat detection capabilities
deny_aks_defender contains msg if {
	is_cluster
	is_not_true(input, ["securityProfile", "defender", "securityMonitoring", "enabled"])
	msg := sprintf("ManagedCluster %q does not enable the Defender profile (securityProfile.defender.securityMonitoring.enabled is not true)", [input.__name])
}

# METADATA
# title: AKS uses Azure CNI
# description: >-
#   Azure CNI (networkProfile.networkPlugin azure, overlay or flat) gives pods first-class VNet networking with
#   Azure network policies and NSG enforcement; kubenet is being retired.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set networkProfile.networkPlugin to azure.
#   remediation: >-
#     Set networkProfile.networkPlugin to "azure" (with networkPluginMode "overlay" to keep pod IPs out of the
#     VNet). https://learn.microsoft.com/azure/aks/azure-cni-overlay
#   references:
#     - kind: azure-policy
#       id: 46238e2f-3f6f-4589-9f3f-77bed4116e67
#       name: Azure Kubernetes Clusters should use Azure CNI
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_aks_azure_cni contains msg if {
	is_cluster
	not lower_or_empty(known_at(input, ["networkProfile", "networkPlugin"], "")) == "azure"
	not undecided(input, ["networkProfile", "networkPlugin"])
	msg := sprintf("ManagedCluster %q does not use Azure CNI (networkProfile.networkPlugin is not azure)", [input.__name])
}

network_policy_engines := {"azure", "calico", "cilium"}

# METADATA
# title: AKS network policy engine is enabled
# description: >-
#   A network policy engine (networkProfile.networkPolicy azure, calico or cilium) lets namespaces restrict pod
#   traffic; without one every pod can reach every other pod.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set networkProfile.networkPolicy to azure, calico or cilium.
#   remediation: >-
#     Set networkProfile.networkPolicy to "cilium" (with networkDataplane "cilium"), "azure" or "calico", and
#     apply default-deny NetworkPolicies per namespace. https://learn.microsoft.com/azure/aks/use-network-policies
#   references:
#     - kind: cis-aks
#       id: 5.4.4
#       name: Ensure Network Policy is Enabled and set as appropriate
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_aks_network_policy contains msg if {
	is_cluster
	policy := lower_or_empty(known_at(input, ["networkProfile", "networkPolicy"], ""))
	not policy in network_policy_engines
	msg := sprintf("ManagedCluster %q has no network policy engine (networkProfile.networkPolicy is %q)", [input.__name, policy])
}

# METADATA
# title: AKS node pools encrypt at host
# description: >-
#   Every node pool, inline or AgentPool, encrypts temp disks, caches and the data flowing to managed disks on the
#   VM host (enableEncryptionAtHost).
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set enableEncryptionAtHost to true on every node pool.
#   remediation: >-
#     Set enableEncryptionAtHost to true on each agentPoolProfiles entry and AgentPool resource (register the
#     Microsoft.Compute/EncryptionAtHost feature once per subscription).
#     https://learn.microsoft.com/azure/aks/enable-host-encryption
#   references:
#     - kind: azure-policy
#       id: 41425d9f-d1a5-499a-9932-f8ed8453932c
#       name: Temp disks and cache for agent node pools in Azure Kubernetes Service clusters should be encrypted at host
#     - kind: mcsb
#       id: DP-4
#       name: Enable data at rest encryption by default
deny_aks_pool_encryption_at_host contains msg if {
	some pool in node_pools
	is_not_true(pool.spec, ["enableEncryptionAtHost"])
	msg := sprintf("%s does not encrypt at host (enableEncryptionAtHost is not true)", [pool.label])
}

# METADATA
# title: AKS node pools use Trusted Launch
# description: >-
#   Every node pool, inline or AgentPool, boots with Secure Boot and a virtual TPM (securityProfile.enableSecureBoot
#   and enableVTPM), so only signed boot loaders, kernels and drivers run and the boot chain is measured for
#   attestation.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set securityProfile.enableSecureBoot and securityProfile.enableVTPM to true on every node pool.
#   remediation: >-
#     Set securityProfile {enableSecureBoot true, enableVTPM true} on each agentPoolProfiles entry and AgentPool
#     resource, with a Generation 2 x64 VM size. A pool created without Trusted Launch cannot be switched: add a new
#     pool and delete the old one. https://learn.microsoft.com/azure/aks/use-trusted-launch
#   references:
#     - kind: mcsb
#       id: PV-4
#       name: Audit and enforce secure configurations for compute resources
deny_aks_pool_trusted_launch contains msg if {
	some pool in node_pools
	some setting in ["enableSecureBoot", "enableVTPM"]
	is_not_true(pool.spec, ["securityProfile", setting])
	msg := sprintf("%s does not use Trusted Launch (securityProfile.%s is not true)", [pool.label, setting])
}

# METADATA
# title: AKS node resource group is read-only
# description: >-
#   The node resource group is locked down (nodeResourceGroupProfile.restrictionLevel ReadOnly): a deny assignment
#   keeps everyone but AKS from changing the node VMs, scale sets, load balancer and NICs behind the cluster's back.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set nodeResourceGroupProfile.restrictionLevel to ReadOnly.
#   remediation: >-
#     Set nodeResourceGroupProfile {restrictionLevel "ReadOnly"} on the ManagedCluster.
#     https://learn.microsoft.com/azure/aks/node-resource-group-lockdown
#   references:
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
deny_aks_node_resource_group_lockdown contains msg if {
	is_cluster
	level := known_at(input, ["nodeResourceGroupProfile", "restrictionLevel"], "Unrestricted")
	level != "ReadOnly"
	msg := sprintf("ManagedCluster %q leaves its node resource group writable (nodeResourceGroupProfile.restrictionLevel is %q)", [input.__name, level])
}

# METADATA
# title: AKS nodes have no public IPs
# description: >-
#   No node pool gives its nodes instance-level public IP addresses (enableNodePublicIP); nodes are reachable only
#   inside the VNet and egress through the NAT gateway or firewall.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Set enableNodePublicIP to false on every node pool.
#   remediation: >-
#     Set enableNodePublicIP to false (or leave it unset) on each agentPoolProfiles entry and AgentPool resource.
#     https://learn.microsoft.com/azure/aks/use-node-public-ips
#   references:
#     - kind: cis-aks
#       id: 5.4.3
#       name: Ensure clusters are created with Private Nodes
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
deny_aks_pool_node_public_ip contains msg if {
	some pool in node_pools
	pool.spec.enableNodePublicIP == true
	msg := sprintf("%s gives its nodes public IP addresses (enableNodePublicIP is true)", [pool.label])
}

# Channels accepted by the Azure Policy definitions' default parameters.
cluster_upgrade_channels := {"rapid", "stable", "patch"}

node_os_upgrade_channels := {"NodeImage", "SecurityPatch"}

# METADATA
# title: AKS cluster auto-upgrade channel is set
# description: >-
#   The cluster follows an automatic Kubernetes upgrade channel (autoUpgradeProfile.upgradeChannel patch, stable or
#   rapid), so it does not fall out of support or miss security patches.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set autoUpgradeProfile.upgradeChannel to patch, stable or rapid.
#   remediation: >-
#     Set autoUpgradeProfile.upgradeChannel to "patch" (or "stable") and a maintenance window with a
#     MaintenanceConfiguration named aksManagedAutoUpgradeSchedule. https://learn.microsoft.com/azure/aks/auto-upgrade-cluster
#   references:
#     - kind: azure-policy
#       id: 5c345cdf-2049-47e0-b8fe-b0e96bc2df35
#       name: Azure Kubernetes Service Clusters should enable cluster auto-upgrade
#     - kind: mcsb
#       id: PV-6
#       name: Rapidly and automatically remediate vulnerabilities
deny_aks_upgrade_channel contains msg if {
	is_cluster
	channel := known_at(input, ["autoUpgradeProfile", "upgradeChannel"], "")
	not channel in cluster_upgrade_channels
	msg := sprintf("ManagedCluster %q has no automatic upgrade channel (autoUpgradeProfile.upgradeChannel is %q)", [input.__name, channel])
}

# METADATA
# title: AKS node OS auto-upgrade channel is set
# description: >-
#   Node images are patched automatically (autoUpgradeProfile.nodeOSUpgradeChannel NodeImage or SecurityPatch, or
#   the node-image cluster channel).
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set autoUpgradeProfile.nodeOSUpgradeChannel to NodeImage or SecurityPatch.
#   remediation: >-
#     Set autoUpgradeProfile.nodeOSUpgradeChannel to "NodeImage" (or "SecurityPatch") and a maintenance window with a
#     MaintenanceConfiguration named aksManagedNodeOSUpgradeSchedule. https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image
#   references:
#     - kind: azure-policy
#       id: 04408ca5-aa10-42ce-8536-98955cdddd4c
#       name: Azure Kubernetes Service Clusters should enable node os auto-upgrade
#     - kind: mcsb
#       id: PV-6
#       name: Rapidly and automatically remediate vulnerabilities
deny_aks_node_os_upgrade_channel contains msg if {
	is_cluster
	known_at(input, ["autoUpgradeProfile", "upgradeChannel"], "") != "node-image"
	channel := known_at(input, ["autoUpgradeProfile", "nodeOSUpgradeChannel"], "")
	not channel in node_os_upgrade_channels
	msg := sprintf("ManagedCluster %q does not patch node images automatically (autoUpgradeProfile.nodeOSUpgradeChannel is %q)", [input.__name, channel])
}

# METADATA
# title: AKS Image Cleaner is enabled
# description: >-
#   Image Cleaner (securityProfile.imageCleaner) removes unused images, including vulnerable ones, from the nodes.
# custom:
#   severity: low
#   enforcement: advisory
#   message: Set securityProfile.imageCleaner.enabled to true.
#   remediation: >-
#     Set securityProfile.imageCleaner with enabled true and intervalHours (for example 168).
#     https://learn.microsoft.com/azure/aks/image-cleaner
#   references:
#     - kind: azure-policy
#       id: af3c26b2-6fad-493e-9236-9c68928516ab
#       name: Azure Kubernetes Service Clusters should enable Image Cleaner
#     - kind: mcsb
#       id: PV-6
#       name: Rapidly and automatically remediate vulnerabilities
warn_aks_image_cleaner contains msg if {
	is_cluster
	is_not_true(input, ["securityProfile", "imageCleaner", "enabled"])
	msg := sprintf("ManagedCluster %q does not enable Image Cleaner (securityProfile.imageCleaner.enabled is not true)", [input.__name])
}

# METADATA
# title: AKS nodes accept no SSH keys
# description: >-
#   A linuxProfile with SSH public keys lets whoever holds the private key log in to every node. API 2024-09-01 has
#   no node pool securityProfile.sshAccess (which the Azure Policy definition audits), so leaving linuxProfile out
#   is how the cluster provisions no SSH key; node access goes through kubectl debug.
# custom:
#   severity: low
#   enforcement: advisory
#   message: Remove linuxProfile.ssh from the cluster.
#   remediation: >-
#     Remove linuxProfile (az aks create --no-ssh-key) and use kubectl debug node/... for node troubleshooting.
#     https://learn.microsoft.com/azure/aks/manage-ssh-node-access
#   references:
#     - kind: azure-policy
#       id: 28257686-e9db-403e-b9e2-a5eecbe03da9
#       name: Azure Kubernetes Clusters should disable SSH
#     - kind: mcsb
#       id: PA-1
#       name: Separate and limit highly privileged/administrative users
warn_aks_node_ssh contains msg if {
	is_cluster
	keys := input.linuxProfile.ssh.publicKeys
	is_array(keys)
	count(keys) > 0
	msg := sprintf("ManagedCluster %q installs SSH public keys on its nodes (linuxProfile.ssh.publicKeys)", [input.__name])
}

aks_audit_categories := {"kube-audit", "kube-audit-admin"}

# Category groups that include the audit categories.
audit_category_groups := {"audit", "alllogs"}

# METADATA
# title: AKS audit logs are collected
# description: >-
#   Every ManagedCluster has a diagnostic setting (resourceUri the cluster) that sends the kube-audit or
#   kube-audit-admin category (or the audit or allLogs group) to a destination, so API server actions are recorded
#   outside the cluster.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Add an insights DiagnosticSetting for the cluster with kube-audit-admin (or kube-audit) enabled.
#   remediation: >-
#     Create an insights DiagnosticSetting with resourceUri the cluster ID, workspaceId the Log Analytics
#     workspace and logs [{category kube-audit-admin, enabled true}, {category guard, enabled true}].
#     https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs
#   references:
#     - kind: azure-policy
#       id: 245fc9df-fa96-4414-9a0b-3738c2f7341c
#       name: Resource logs in Azure Kubernetes Service should be enabled
#     - kind: cis-aks
#       id: 2.1.1
#       name: Enable audit Logs
#     - kind: mcsb
#       id: LT-3
#       name: Enable logging for security investigation
stack_deny_aks_audit_logs contains msg if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	not has_diagnostics(cluster, aks_audit_categories, audit_category_groups)
	not diagnostics_undecided(cluster)
	msg := stack_msg(cluster, sprintf("ManagedCluster %q has no diagnostic setting that sends kube-audit or kube-audit-admin logs to a destination", [cluster.__name]))
}

# METADATA
# title: AKS enforces the Pod Security Standards
# description: >-
#   The cluster has an Azure Policy assignment, at its own scope, of the built-in Pod Security baseline or
#   restricted initiative with effect Deny or Audit, so the Azure Policy add-on admits no privileged, host-network,
#   host-PID/IPC or hostPath pod without at least reporting it. The add-on alone enforces nothing.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Assign initiative a8640138-9b0a-4a28-b8cb-1666c838647d (baseline) or 42b8ef37-b724-4e24-bbc8-7a7708edfe00 (restricted) at the cluster's scope.
#   remediation: >-
#     Create a PolicyAssignment with scope the cluster's ID, policyDefinitionId
#     /providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d (or the restricted
#     42b8ef37-b724-4e24-bbc8-7a7708edfe00) and parameters effect Deny and excludedNamespaces the system namespaces.
#     https://learn.microsoft.com/azure/aks/use-azure-policy
#   references:
#     - kind: mcsb
#       id: PV-2
#       name: Audit and enforce secure configurations
stack_deny_aks_pod_security contains msg if {
	some cluster in resources_of("containerservice", "ManagedCluster")
	not pod_security_assigned(cluster)
	not pod_security_undecided(cluster)
	msg := stack_msg(cluster, sprintf("ManagedCluster %q has no Pod Security initiative assigned with effect Deny or Audit", [cluster.__name]))
}

pod_security_initiatives := {"a8640138-9b0a-4a28-b8cb-1666c838647d", "42b8ef37-b724-4e24-bbc8-7a7708edfe00"}

# pod_security_candidates are the PolicyAssignments at r's scope.
pod_security_candidates(r) := [a |
	some a in resources_of("authorization", "PolicyAssignment")
	links(a, "scope", object.get(a, "scope", null), r)
]

pod_security_assigned(r) if {
	some a in pod_security_candidates(r)
	role_guid(a.policyDefinitionId) in pod_security_initiatives
	lower(known_at(a, ["parameters", "effect", "value"], "Audit")) in {"deny", "audit"}
}

# pod_security_undecided: an assignment at r's scope has an initiative or an effect that is not known yet.
pod_security_undecided(r) if {
	some a in pod_security_candidates(r)
	undecided(a, ["policyDefinitionId"])
}

pod_security_undecided(r) if {
	some a in pod_security_candidates(r)
	role_guid(a.policyDefinitionId) in pod_security_initiatives
	undecided(a, ["parameters", "effect", "value"])
}

# has_diagnostics: a DiagnosticSetting of r enables one of the categories or category groups and has a destination.
# The setting's target is a path parameter (resourceUri), which outputs do not hold: a setting is r's when its
# resourceUri is computed from r.
has_diagnostics(r, categories, groups) if {
	some setting in resources_of("insights", "DiagnosticSetting")
	depends_on(setting, "resourceUri", r)
	logs_enabled(setting, categories, groups)
	has_destination(setting)
}

# diagnostics_undecided: a setting of r has logs that are not known yet.
diagnostics_undecided(r) if {
	some setting in resources_of("insights", "DiagnosticSetting")
	depends_on(setting, "resourceUri", r)
	has_opaque(object.get(setting, "logs", []))
}

logs_enabled(setting, categories, _) if {
	some log in list(object.get(setting, "logs", []))
	log.enabled == true
	lower_or_empty(object.get(log, "category", "")) in categories
}

logs_enabled(setting, _, groups) if {
	some log in list(object.get(setting, "logs", []))
	log.enabled == true
	lower_or_empty(object.get(log, "categoryGroup", "")) in groups
}

# A destination ID that is not known yet is a destination: it comes from the destination resource.
has_destination(setting) if {
	some key in ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"]
	id_set(object.get(setting, key, null))
}
