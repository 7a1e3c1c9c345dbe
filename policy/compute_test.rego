package hardaks

import rego.v1

vm_with_custom_data(text) := patched(fx_vm, {"osProfile": {"customData": base64.encode(text)}})

test_deny_vm_ssh_keys_only_pass if {
	count(deny_vm_ssh_keys_only) == 0 with input as fx_vm
}

test_deny_vm_ssh_keys_only_fail_with_password_authentication if {
	deny_vm_ssh_keys_only == {`VirtualMachine "agent-vm" allows password authentication (osProfile.linuxConfiguration.disablePasswordAuthentication is not true)`} with input as patched(fx_vm, {"osProfile": {"linuxConfiguration": {"disablePasswordAuthentication": false}}})
}

test_deny_vm_ssh_keys_only_fail_with_an_admin_password if {
	deny_vm_ssh_keys_only == {`VirtualMachine "agent-vm" sets an administrator password (osProfile.adminPassword)`} with input as patched(fx_vm, {"osProfile": {"adminPassword": fx_secret("s3cr3t-admin-password")}})
}

test_deny_vm_encryption_at_host_pass if {
	count(deny_vm_encryption_at_host) == 0 with input as fx_vm
}

test_deny_vm_encryption_at_host_fail if {
	deny_vm_encryption_at_host == {`VirtualMachine "agent-vm" does not encrypt at host (securityProfile.encryptionAtHost is not true)`} with input as stripped(fx_vm, ["securityProfile/encryptionAtHost"])
}

test_deny_vm_managed_identity_pass if {
	count(deny_vm_managed_identity) == 0 with input as fx_vm
	count(deny_vm_managed_identity) == 0 with input as patched(fx_vm, {"identity": {"type": "SystemAssigned, UserAssigned"}})
}

test_deny_vm_managed_identity_fail_with_none if {
	deny_vm_managed_identity == {`VirtualMachine "agent-vm" has no managed identity (identity.type is not SystemAssigned or UserAssigned)`} with input as patched(fx_vm, {"identity": {"type": "None"}})
}

test_deny_vm_managed_identity_fail_without_identity if {
	count(deny_vm_managed_identity) == 1 with input as stripped(fx_vm, ["identity"])
}

test_deny_vm_trusted_launch_pass if {
	count(deny_vm_trusted_launch) == 0 with input as fx_vm
}

test_deny_vm_trusted_launch_fail_with_standard_security if {
	deny_vm_trusted_launch == {`VirtualMachine "agent-vm" is not a Trusted Launch VM (securityProfile.securityType is not TrustedLaunch)`} with input as patched(fx_vm, {"securityProfile": {"securityType": "Standard"}})
}

test_deny_vm_trusted_launch_fail_without_secure_boot if {
	deny_vm_trusted_launch == {`VirtualMachine "agent-vm" does not enable Secure Boot (securityProfile.uefiSettings.secureBootEnabled is not true)`} with input as patched(fx_vm, {"securityProfile": {"uefiSettings": {"secureBootEnabled": false}}})
}

test_deny_vm_trusted_launch_fail_without_vtpm if {
	deny_vm_trusted_launch == {`VirtualMachine "agent-vm" does not enable the virtual TPM (securityProfile.uefiSettings.vTpmEnabled is not true)`} with input as stripped(fx_vm, ["securityProfile/uefiSettings/vTpmEnabled"])
}

test_deny_vm_custom_data_secrets_pass if {
	count(deny_vm_custom_data_secrets) == 0 with input as fx_vm
}

test_deny_vm_custom_data_secrets_pass_when_custom_data_is_a_secret if {
	count(deny_vm_custom_data_secrets) == 0 with input as patched(fx_vm, {"osProfile": {"customData": fx_secret("I2Nsb3VkLWNvbmZpZw==")}})
}

test_deny_vm_custom_data_secrets_pass_on_variables_and_names if {
	text := concat("\n", [
		"password: ${ADMIN_PASSWORD}",
		"token=$(cat /run/token)",
		"HARDAKS_TOKEN_SECRET_NAME='registration-token'",
		"chpasswd: { expire: false }",
		"lock_passwd: true",
		"ssh_pwauth: false",
		"az login --identity --username \"$CLIENT_ID\"",
	])
	count(deny_vm_custom_data_secrets) == 0 with input as vm_with_custom_data(text)
}

test_deny_vm_custom_data_secrets_fail_on_a_private_key if {
	text := concat("\n", ["#cloud-config", "write_files:", "  - content: |", "      -----BEGIN OPENSSH PRIVATE KEY-----", "      b3BlbnNzaC1rZXktdjEAAAAABG5vbmU=", "      -----END OPENSSH PRIVATE KEY-----"])
	deny_vm_custom_data_secrets == {`VirtualMachine "agent-vm" osProfile.customData contains what looks like a private key`} with input as vm_with_custom_data(text)
}

test_deny_vm_custom_data_secrets_fail_on_a_pat_assignment if {
	text := "#!/bin/bash\nAZP_TOKEN=unused\nPAT=4x7qk2m9zt3rpw8vbn5c6yhd1fjgs0lae\n./config.sh --unattended"
	deny_vm_custom_data_secrets == {`VirtualMachine "agent-vm" osProfile.customData contains what looks like a password, token or PAT assignment`} with input as vm_with_custom_data(text)
}

test_deny_vm_custom_data_secrets_fail_on_a_token_argument if {
	text := "./config.sh --unattended --auth pat --token 4x7qk2m9zt3rpw8vbn5c6yhd1fjgs0lae"
	deny_vm_custom_data_secrets == {`VirtualMachine "agent-vm" osProfile.customData contains what looks like a password, token or PAT argument`} with input as vm_with_custom_data(text)
}

test_deny_vm_custom_data_secrets_fail_on_a_storage_connection_string if {
	text := "STORAGE=DefaultEndpointsProtocol=https;AccountName=sthardaks;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==;EndpointSuffix=core.windows.net"
	deny_vm_custom_data_secrets == {`VirtualMachine "agent-vm" osProfile.customData contains what looks like a storage account key (AccountKey=)`} with input as vm_with_custom_data(text)
}

test_deny_vm_custom_data_secrets_fail_on_several_kinds_in_user_data if {
	text := "curl -H 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0' https://example.invalid\ngit clone https://x:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/org/repo"
	deny_vm_custom_data_secrets == {`VirtualMachine "agent-vm" userData contains what looks like a GitHub token, an Authorization header with a credential`} with input as patched(fx_vm, {"userData": base64.encode(text)})
}

# fx_runner_cloud_config installs a GitHub runner the way the hardaks agents do.
fx_runner_cloud_config := concat("\n", [
	fx_cloud_config,
	"  - path: /usr/local/sbin/hardaks-install-tools",
	"    content: |",
	"      download \"https://github.com/actions/runner/releases/download/v2.334.0/actions-runner-linux-x64-2.334.0.tar.gz\"",
	"  - path: /etc/hardaks/imds-block.nft",
	"    content: |",
	"      meta skuid != 0 ip daddr 169.254.169.254 reject",
	"      args=(--unattended --url \"${HARDAKS_CI_URL}\" --work _work --ephemeral --replace)",
	"",
])

runner_vm(text) := patched(fx_vm, {"osProfile": object.union(fx_vm.osProfile, {"customData": base64.encode(text)})})

test_deny_ci_agent_isolation_pass if {
	count(deny_ci_agent_isolation) == 0 with input as runner_vm(fx_runner_cloud_config)
	count(deny_ci_agent_isolation) == 0 with input as fx_vm
	count(deny_ci_agent_isolation) == 0 with input as runner_vm(concat("\n", [fx_runner_cloud_config, "usermod --append --groups sudo ops"]))
}

test_deny_ci_agent_isolation_fail if {
	deny_ci_agent_isolation == {`VirtualMachine "agent-vm" osProfile.customData registers a GitHub runner without --ephemeral, so one job's state and credentials reach the next`} with input as runner_vm(replace(fx_runner_cloud_config, "--ephemeral ", ""))
	deny_ci_agent_isolation == {`VirtualMachine "agent-vm" osProfile.customData lets the job user reach the instance metadata service (no nftables rule drops 169.254.169.254 for sockets it owns), so any job can take the VM identity's tokens`} with input as runner_vm(replace(fx_runner_cloud_config, "meta skuid != 0 ", ""))
	deny_ci_agent_isolation == {`VirtualMachine "agent-vm" osProfile.customData adds a user to the docker group, which is root on the VM`} with input as runner_vm(concat("\n", [fx_runner_cloud_config, "usermod --append --groups docker agent"]))
	count(deny_ci_agent_isolation) == 1 with input as runner_vm(concat("\n", [fx_runner_cloud_config, "usermod -aG sudo,docker agent"]))
}
