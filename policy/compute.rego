package hardaks

import rego.v1

# Virtual machines (azure-native:compute:VirtualMachine), such as the build agents.

is_vm if is_type(input, "compute", "VirtualMachine")

# An administrator password is set when it holds a value; it is usually a secret, whose plaintext is not empty.
vm_ssh_problem := "allows password authentication (osProfile.linuxConfiguration.disablePasswordAuthentication is not true)" if {
	is_not_true(input, ["osProfile", "linuxConfiguration", "disablePasswordAuthentication"])
} else := "sets an administrator password (osProfile.adminPassword)" if {
	holds_value(input.osProfile.adminPassword)
}

# METADATA
# title: VMs accept SSH keys only
# description: >-
#   Linux VMs disable password authentication (osProfile.linuxConfiguration.disablePasswordAuthentication) and set
#   no administrator password, so logins need an SSH key (through Azure Bastion).
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Set osProfile.linuxConfiguration.disablePasswordAuthentication to true and remove osProfile.adminPassword.
#   remediation: >-
#     Set osProfile.linuxConfiguration.disablePasswordAuthentication to true, add the administrator's public key in
#     osProfile.linuxConfiguration.ssh.publicKeys and remove osProfile.adminPassword.
#     https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed
#   references:
#     - kind: azure-policy
#       id: 630c64f9-8b6b-4c64-b511-6544ceff6fd6
#       name: Authentication to Linux machines should require SSH keys
#     - kind: mcsb
#       id: IM-6
#       name: Use strong authentication controls
deny_vm_ssh_keys_only contains msg if {
	is_vm
	input.osProfile
	not opaque(input.osProfile)
	problem := vm_ssh_problem
	msg := sprintf("VirtualMachine %q %s", [input.__name, problem])
}

# METADATA
# title: VMs encrypt at host
# description: >-
#   Temp disks, caches and the data flowing between the VM and its managed disks are encrypted on the host
#   (securityProfile.encryptionAtHost).
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set securityProfile.encryptionAtHost to true.
#   remediation: >-
#     Set securityProfile.encryptionAtHost to true (register the Microsoft.Compute/EncryptionAtHost feature once per
#     subscription). https://learn.microsoft.com/azure/virtual-machines/disk-encryption#encryption-at-host---end-to-end-encryption-for-your-vm-data
#   references:
#     - kind: azure-policy
#       id: fc4d8e41-e223-45ea-9bf5-eada37891d87
#       name: Virtual machines and virtual machine scale sets should have encryption at host enabled
#     - kind: azure-policy
#       id: ca88aadc-6e2b-416c-9de2-5a0f01d1693f
#       name: Linux virtual machines should enable Azure Disk Encryption or EncryptionAtHost.
#     - kind: mcsb
#       id: DP-4
#       name: Enable data at rest encryption by default
deny_vm_encryption_at_host contains msg if {
	is_vm
	is_not_true(input, ["securityProfile", "encryptionAtHost"])
	msg := sprintf("VirtualMachine %q does not encrypt at host (securityProfile.encryptionAtHost is not true)", [input.__name])
}

# METADATA
# title: VMs use a managed identity
# description: >-
#   The VM authenticates to Azure (Key Vault, ACR, AKS) with a managed identity (identity.type), so no credential
#   is stored on it.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Set identity.type to UserAssigned with a user-assigned identity (or SystemAssigned).
#   remediation: >-
#     Set identity.type to "UserAssigned" and identity.userAssignedIdentities to the identity's ID, and grant that
#     identity the roles the VM needs. https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview
#   references:
#     - kind: mcsb
#       id: IM-3
#       name: Manage application identities securely and automatically
deny_vm_managed_identity contains msg if {
	is_vm
	identity_type := known_at(input, ["identity", "type"], "")
	not regex.match(`(?i)^(systemassigned|userassigned|systemassigned, ?userassigned)$`, lower_or_empty(identity_type))
	msg := sprintf("VirtualMachine %q has no managed identity (identity.type is not SystemAssigned or UserAssigned)", [input.__name])
}

vm_trusted_launch_problem := "is not a Trusted Launch VM (securityProfile.securityType is not TrustedLaunch)" if {
	not known_at(input, ["securityProfile", "securityType"], "") in {"TrustedLaunch", "ConfidentialVM"}
	not undecided(input, ["securityProfile", "securityType"])
} else := "does not enable Secure Boot (securityProfile.uefiSettings.secureBootEnabled is not true)" if {
	is_not_true(input, ["securityProfile", "uefiSettings", "secureBootEnabled"])
} else := "does not enable the virtual TPM (securityProfile.uefiSettings.vTpmEnabled is not true)" if {
	is_not_true(input, ["securityProfile", "uefiSettings", "vTpmEnabled"])
}

# METADATA
# title: VMs use Trusted Launch with Secure Boot and vTPM
# description: >-
#   Trusted Launch (securityProfile.securityType TrustedLaunch, or ConfidentialVM) with Secure Boot and a virtual
#   TPM (securityProfile.uefiSettings) protects the VM against boot kits and rootkits and enables boot integrity
#   monitoring.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set securityProfile.securityType TrustedLaunch with uefiSettings.secureBootEnabled and vTpmEnabled true.
#   remediation: >-
#     Use a Gen2 image and set securityProfile {securityType "TrustedLaunch", uefiSettings {secureBootEnabled true,
#     vTpmEnabled true}}. https://learn.microsoft.com/azure/virtual-machines/trusted-launch
#   references:
#     - kind: mcsb
#       id: PV-4
#       name: Audit and enforce secure configurations for compute resources
deny_vm_trusted_launch contains msg if {
	is_vm
	problem := vm_trusted_launch_problem
	msg := sprintf("VirtualMachine %q %s", [input.__name, problem])
}

# Patterns of credentials that must never be in customData or userData, which anyone who can read the VM's
# model (Reader on the VM) and every process on it can read. Values that are variables ($TOKEN, ${...}, {{...}},
# <...>) or empty are not credentials.
secret_patterns := {
	"a private key": `-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----`,
	"a storage account key (AccountKey=)": `(?i)AccountKey=[A-Za-z0-9+/]{20,}`,
	"a shared access key or signature": `(?i)(SharedAccessKey=[A-Za-z0-9+/]{20,}|[?&]sig=[A-Za-z0-9%+/]{20,})`,
	"a GitHub token": `(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})`,
	"an Entra ID client secret": `[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{31,34}`,
	"a password, token or PAT assignment": `(?i)\b(pat|token|access_token|password|passwd|secret|client_secret|api_?key|access_?key)\b["']?\s*[:=]\s*["']?[^\s"'$<{][^\s"']{7,}`,
	"a password, token or PAT argument": `(?i)--(pat|token|password|secret|client-secret|api-key)[ =]["']?[^\s"'$<{-][^\s"']{7,}`,
	"an Authorization header with a credential": `(?i)authorization:\s*(bearer|basic)\s+[A-Za-z0-9._~+/=-]{16,}`,
}

# decoded_user_scripts are the base64-decoded customData and userData of the VM under evaluation.
decoded_user_scripts := [{"field": field, "text": base64.decode(value)} |
	is_vm
	some field, value in {"osProfile.customData": object.get(input, ["osProfile", "customData"], null), "userData": object.get(input, "userData", null)}
	known_string(value)
	base64.is_valid(value)
]

secret_findings(text) := sort([name | some name, pattern in secret_patterns; regex.match(pattern, text)])

# METADATA
# title: No secrets in VM custom data
# description: >-
#   The base64-decoded customData and userData of a VM hold no credentials (private keys, storage keys, SAS
#   signatures, GitHub tokens, Entra ID client secrets, password/token/PAT assignments or arguments, Authorization
#   headers). Custom data is readable from the VM model and on the VM; secrets belong in Key Vault, read at boot
#   with the VM's managed identity.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove the credential from customData; read it from Key Vault at boot with the VM's managed identity.
#   remediation: >-
#     Store the credential in Key Vault, grant the VM's managed identity Key Vault Secrets User on the vault, and
#     read it at first boot (az keyvault secret show with az login --identity). Rotate the exposed credential.
#     https://learn.microsoft.com/azure/virtual-machines/custom-data
#   references:
#     - kind: mcsb
#       id: IM-8
#       name: Restrict the exposure of credential and secrets
deny_vm_custom_data_secrets contains msg if {
	some script in decoded_user_scripts
	found := secret_findings(script.text)
	count(found) > 0
	msg := sprintf("VirtualMachine %q %s contains what looks like %s", [input.__name, script.field, concat(", ", found)])
}

# ci_agent_scripts are the decoded user scripts that install a self-hosted CI agent: a GitHub Actions runner or an
# Azure Pipelines agent, recognised by the release they download.
ci_agent_scripts := [script |
	some script in decoded_user_scripts
	regex.match(`actions/runner/releases/|vsts-agent-linux-`, script.text)
]

ci_agent_problems(text) := array.concat(
	array.concat(
		["registers a GitHub runner without --ephemeral, so one job's state and credentials reach the next" |
			contains(text, "actions/runner/releases/")
			not contains(text, "--ephemeral")
		],
		["lets the job user reach the instance metadata service (no nftables rule drops 169.254.169.254 for sockets it owns), so any job can take the VM identity's tokens" |
			not regex.match(`meta skuid [^\n]*ip daddr 169\.254\.169\.254`, text)
		],
	),
	["adds a user to the docker group, which is root on the VM" |
		regex.match(`(usermod[^\n]*(-aG|-G|--groups)[ =]*([a-z_,-]*,)?docker\b|gpasswd[^\n]*docker)`, text)
	],
)

# METADATA
# title: CI agent jobs cannot use the VM identity or keep state
# description: >-
#   A VM whose customData installs a self-hosted CI agent keeps pipeline jobs away from the VM's identity and from
#   each other. GitHub runners register with --ephemeral (one job each); an nftables rule refuses the instance
#   metadata service to sockets the job user owns, so a job cannot take the identity's tokens and read the
#   registration token from Key Vault; and no user joins the docker group, which is root-equivalent.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Register runners with --ephemeral, block IMDS for the job user, and use rootless Docker.
#   remediation: >-
#     Use the hardaks build agent component, or do what it does: config.sh --ephemeral, an nftables rule
#     "meta skuid != 0 ip daddr 169.254.169.254 reject", a root-only token broker for the jobs, and rootless Docker.
#     https://docs.github.com/actions/hosting-your-own-runners/managing-self-hosted-runners/autoscaling-with-self-hosted-runners#using-ephemeral-runners-for-autoscaling
#     https://docs.docker.com/engine/security/rootless/
#   references:
#     - kind: mcsb
#       id: PA-7
#       name: Follow just enough administration (least privilege) principle
#     - kind: mcsb
#       id: IM-8
#       name: Restrict the exposure of credential and secrets
deny_ci_agent_isolation contains msg if {
	some script in ci_agent_scripts
	some problem in ci_agent_problems(script.text)
	msg := sprintf("VirtualMachine %q %s %s", [input.__name, script.field, problem])
}
