package buildagent_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	envPath       = "/etc/hardaks/agent.env"
	nftPath       = "/etc/hardaks/imds-block.nft"
	imdsUnitPath  = "/etc/systemd/system/hardaks-imds-block.service"
	agentUnitPath = "/etc/systemd/system/hardaks-agent.service"
	sudoersPath   = "/etc/sudoers.d/hardaks-azure-token"
	installPath   = "/usr/local/sbin/hardaks-install-tools"
	registerPath  = "/usr/local/sbin/hardaks-register-agent"
	tokenPath     = "/usr/local/sbin/hardaks-azure-token"
	acrLoginPath  = "/usr/local/bin/hardaks-acr-login"
)

// ciCases render one agent per CI system.
var ciCases = []struct {
	name string
	args func() *buildagent.BuildAgentArgs
}{
	{"Azure DevOps", azureDevOpsArgs},
	{"GitHub Actions", gitHubArgs},
}

// commonEnv is the agent.env tail shared by both CI systems for VM 01.
const commonEnv = `HARDAKS_HELM_VERSION='v3.19.0'
HARDAKS_IDENTITY_CLIENT_ID='` + "%CLIENT%" + `'
HARDAKS_VAULT_NAME='kv-hardaks-dev'
HARDAKS_TOKEN_SECRET_NAME='ci-registration-token'
HARDAKS_SUBSCRIPTION_ID='00000000-0000-0000-0000-000000000001'
HARDAKS_REGISTRY_NAME='crHardaksDev'
HARDAKS_REGISTRY_LOGIN_SERVER='crhardaksdev.azurecr.io'
HARDAKS_CLUSTER_NAME='aks-hardaks-dev'
HARDAKS_CLUSTER_RESOURCE_GROUP='rg-hardaks-dev'
`

const envHeader = `# shellcheck disable=SC2034 # read by the hardaks scripts that source this file
# Settings of hardaks build agent vm-hardaks-dev-agent-01, written by cloud-init and sourced by
# hardaks-install-tools, hardaks-register-agent, hardaks-azure-token and hardaks-acr-login. Nothing here is secret.
`

func TestTheAgentSettingsNameTheAzureDevOpsOrganizationPoolAndTheTokenByVaultAndSecretName(t *testing.T) {
	plan := run(t, azureDevOpsArgs())
	doc := parseCloudConfig(t, cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01")))

	assert.Equal(t, envHeader+`HARDAKS_AGENT_NAME='vm-hardaks-dev-agent-01'
HARDAKS_SERVICE_USER='agent'
HARDAKS_CI_SYSTEM='azureDevOps'
HARDAKS_CI_URL='https://dev.azure.com/contoso'
HARDAKS_CI_POOL='hardaks dev'
HARDAKS_AGENT_VERSION='4.264.2'
HARDAKS_AGENT_SHA256=''
`+strings.ReplaceAll(commonEnv, "%CLIENT%", clientID), doc.file(t, envPath))
}

func TestTheAgentSettingsNameTheGitHubRepositoryLabelsAndTokenEndpoint(t *testing.T) {
	plan := run(t, gitHubArgs())
	doc := parseCloudConfig(t, cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01")))

	assert.Equal(t, envHeader+`HARDAKS_AGENT_NAME='vm-hardaks-dev-agent-01'
HARDAKS_SERVICE_USER='agent'
HARDAKS_CI_SYSTEM='githubActions'
HARDAKS_CI_URL='https://github.com/contoso/hardaks-apps'
HARDAKS_CI_LABELS='hardaks,dev'
HARDAKS_GITHUB_TOKEN_URL='https://api.github.com/repos/contoso/hardaks-apps/actions/runners/registration-token'
HARDAKS_AGENT_VERSION='2.334.0'
HARDAKS_AGENT_SHA256=''
`+strings.ReplaceAll(commonEnv, "%CLIENT%", clientID), doc.file(t, envPath))
}

func TestAnOrganizationURLUsesTheOrganizationTokenEndpointAndPinnedVersionsPassThrough(t *testing.T) {
	args := gitHubArgs()
	args.CI.URL = "https://github.com/contoso"
	args.CI.Labels = nil
	args.CI.AgentVersion = "2.330.0"
	args.CI.AgentSHA256 = strings.Repeat("ab", 32)
	args.HelmVersion = "v3.18.6"
	plan := run(t, args)
	env := parseCloudConfig(t, cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01"))).file(t, envPath)

	assert.Contains(t, env, "\nHARDAKS_GITHUB_TOKEN_URL='https://api.github.com/orgs/contoso/actions/runners/registration-token'\n")
	assert.Contains(t, env, "\nHARDAKS_CI_LABELS=''\n")
	assert.Contains(t, env, "\nHARDAKS_AGENT_VERSION='2.330.0'\n")
	assert.Contains(t, env, "\nHARDAKS_AGENT_SHA256='"+strings.Repeat("ab", 32)+"'\n")
	assert.Contains(t, env, "\nHARDAKS_HELM_VERSION='v3.18.6'\n")
}

func TestEachVMIsRegisteredUnderItsOwnName(t *testing.T) {
	plan := run(t, azureDevOpsArgs())
	first := cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01"))
	second := cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-02"))

	assert.Contains(t, parseCloudConfig(t, second).file(t, envPath), "\nHARDAKS_AGENT_NAME='vm-hardaks-dev-agent-02'\n")
	assert.Equal(t, first, strings.ReplaceAll(second, "vm-hardaks-dev-agent-02", "vm-hardaks-dev-agent-01"),
		"the agents' cloud-configs differ only in the agent name")
}

func TestTheSettingsFileSurvivesShellQuotingWhenSourced(t *testing.T) {
	bash := requireTool(t, "bash")
	args := azureDevOpsArgs()
	args.CI.Pool = `it's "pool" $HOME`
	plan := run(t, args)
	env := writeTemp(t, "agent.env", parseCloudConfig(t, cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01"))).file(t, envPath))

	out, err := exec.Command(bash, "-euc", `. "$1"; printf '%s|%s' "$HARDAKS_CI_POOL" "$HARDAKS_AGENT_NAME"`, "bash", env).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, `it's "pool" $HOME|vm-hardaks-dev-agent-01`, string(out))
}

func TestTheCloudConfigCreatesTheLockedServiceUserWritesTheScriptsAndRunsThem(t *testing.T) {
	for _, tc := range ciCases {
		t.Run(tc.name, func(t *testing.T) {
			plan := run(t, tc.args())
			doc := parseCloudConfig(t, cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01")))

			require.NotNil(t, doc.SSHPwauth)
			assert.False(t, *doc.SSHPwauth)
			assert.True(t, doc.PackageUpdate)
			assert.Equal(t, []string{"ca-certificates", "curl", "gnupg", "jq", "tar"}, doc.Packages)
			assert.Equal(t, []any{"default", map[string]any{
				"name":        "agent",
				"gecos":       "hardaks CI agent service",
				"shell":       "/bin/bash",
				"lock_passwd": true,
			}}, doc.Users, "the service user has no password, no sudo and no SSH key")

			var files []string
			for _, f := range doc.WriteFiles {
				files = append(files, f.Path+" "+f.Owner+" "+f.Permissions)
			}
			assert.Equal(t, []string{
				envPath + " root:root 0644",
				nftPath + " root:root 0644",
				imdsUnitPath + " root:root 0644",
				agentUnitPath + " root:root 0644",
				sudoersPath + " root:root 0440",
				installPath + " root:root 0750",
				registerPath + " root:root 0750",
				tokenPath + " root:root 0755",
				acrLoginPath + " root:root 0755",
			}, files)
			assert.Equal(t, readFile(t, "scripts/install-tools.sh"), doc.file(t, installPath))
			assert.Equal(t, readFile(t, "scripts/register-agent.sh"), doc.file(t, registerPath))
			assert.Equal(t, readFile(t, "scripts/azure-token.sh"), doc.file(t, tokenPath))
			assert.Equal(t, readFile(t, "scripts/acr-login.sh"), doc.file(t, acrLoginPath))
			// The agent service starts only once the tools are installed and the IMDS block is loaded.
			assert.Equal(t, []any{installPath + " && systemctl enable --now hardaks-agent.service"}, doc.Runcmd)
		})
	}
}

func TestTheRegistrationScriptReadsTheTokenWithTheManagedIdentityAndKeepsItOffCommandLines(t *testing.T) {
	script := readFile(t, "scripts/register-agent.sh")

	for _, want := range []string{
		"set -euo pipefail\n",
		"set +x\n",
		"umask 077\n",
		`az login --identity --client-id "${HARDAKS_IDENTITY_CLIENT_ID}"`,
		`az keyvault secret show --vault-name "${HARDAKS_VAULT_NAME}" --name "${HARDAKS_TOKEN_SECRET_NAME}"`,
		// Azure DevOps: PAT in the environment of config.sh, run as the service user; registered again every cycle.
		`VSTS_AGENT_INPUT_TOKEN=${token} runuser -u "${SERVICE_USER}" -- ./config.sh`,
		`--unattended --url "${HARDAKS_CI_URL}" --auth pat --pool "${HARDAKS_CI_POOL}"`,
		`--agent "${HARDAKS_AGENT_NAME}" --work _work --replace --acceptTeeEula`,
		// GitHub: PAT exchanged for a registration token, header on stdin; the runner is ephemeral.
		`printf 'Authorization: Bearer %s\n' "${token}" |`,
		`--header @- "${HARDAKS_GITHUB_TOKEN_URL}"`,
		`ACTIONS_RUNNER_INPUT_TOKEN=${registration_token} runuser -u "${SERVICE_USER}" -- ./config.sh "${args[@]}"`,
		`local args=(--unattended --url "${HARDAKS_CI_URL}" --name "${HARDAKS_AGENT_NAME}" --work _work --ephemeral --replace)`,
		// One job per cycle: GitHub's ephemeral runner exits after it, Azure DevOps runs with --once.
		"azureDevOps)\n  configure=configure_azure_devops\n  run_args=(--once)\n",
		"githubActions)\n  configure=configure_github_actions\n  run_args=()\n",
		// The job's kubeconfig uses the token broker through sudo.
		`--exec-command=sudo --exec-arg=-n --exec-arg="${TOKEN_COMMAND}" --exec-arg=aks`,
		"--exec-api-version=client.authentication.k8s.io/v1 --exec-interactive-mode=Never",
		"readonly TOKEN_COMMAND=/usr/local/sbin/hardaks-azure-token\n",
		// The job environment names the broker instead of the identity's client ID.
		`printf 'HARDAKS_TOKEN_COMMAND=sudo -n %s\n' "${TOKEN_COMMAND}"`,
		`printf 'DOCKER_HOST=unix://%s/docker.sock\n' "${RUNTIME_DIR}"`,
	} {
		assert.Contains(t, script, want)
	}
	for _, forbidden := range []string{"--token", "set -x", "echo \"${token}", "> /tmp", "tee ", "svc.sh", "AZURE_CLIENT_ID",
		"--groups docker", "vault.azure.net"} {
		assert.NotContains(t, script, forbidden)
	}
	// Reset first, so no process of the job user is alive while the token is in config.sh's environment; the Azure
	// CLI's token cache is gone before the job starts.
	assert.True(t, strings.HasSuffix(script, `
reset_user
require_isolation
recreate_user
retry login
retry read_token
cd "${AGENT_DIR}"
"${configure}"
token=""
start_rootless_docker
retry fetch_kubeconfig
write_kubeconfig
write_job_environment
rm -rf "${AZURE_CONFIG_DIR}" "${KUBECONFIG_DIR}"
log "registered ${HARDAKS_AGENT_NAME} with ${HARDAKS_CI_URL} for one job"
as_user ./run.sh "${run_args[@]}"
log "${HARDAKS_AGENT_NAME} finished its job"
`), "the cycle's steps, in order")
}

func TestTheResetRemovesEverythingTheLastJobLeft(t *testing.T) {
	script := readFile(t, "scripts/register-agent.sh")

	for _, want := range []string{
		`rm -f "/var/spool/cron/crontabs/${SERVICE_USER}"`,
		`loginctl disable-linger "${SERVICE_USER}"`,
		`systemctl stop "user@${SERVICE_UID}.service" "user-runtime-dir@${SERVICE_UID}.service"`,
		`pkill --signal KILL --uid "${SERVICE_UID}" || true`,
		`pkill --signal KILL --euid "${SERVICE_UID}" || true`,
		"  if user_processes; then\n",
		`fail "processes of ${SERVICE_USER} survive SIGKILL; not starting a job"`,
		// The home holds rootless Docker's data (~/.local/share/docker): images and build cache go with it.
		`rm -rf --one-file-system "${AGENT_DIR}" "${HOME_DIR}"`,
		"for dir in /tmp /var/tmp /dev/shm /run/lock /var/crash; do",
		`find "${dir}" -xdev -mindepth 1 -user "${SERVICE_UID}" -prune -exec rm -rf --one-file-system -- {} +`,
		`[[ ${HOME_DIR} == "/home/${SERVICE_USER}" ]] ||`,
		// The runner directory is restored from the root-owned pristine copy.
		"readonly AGENT_DIR=/opt/hardaks-agent PRISTINE_DIR=/opt/hardaks-agent-dist\n",
		`cp -a "${PRISTINE_DIR}" "${AGENT_DIR}"`,
		// Fail closed: no job without the IMDS block, with a supplementary group, or with IMDS reachable.
		`nft list table inet hardaks_imds >/dev/null || fail`,
		`[[ $(id --groups --name "${SERVICE_USER}") == "${SERVICE_USER}" ]] ||`,
		`fail "${SERVICE_USER} reaches IMDS; not starting a job"`,
		// Rootless Docker for the job user, set up again every cycle.
		`loginctl enable-linger "${SERVICE_USER}"`,
		"as_user dockerd-rootless-setuptool.sh install >&2\n",
	} {
		assert.Contains(t, script, want)
	}
}

func TestTheInstallScriptSetsUpRootlessDockerAndNoSystemDaemon(t *testing.T) {
	script := readFile(t, "scripts/install-tools.sh")

	for _, want := range []string{
		"set -euo pipefail\n",
		"docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin docker-ce-rootless-extras \\\n" +
			"  uidmap dbus-user-session slirp4netns nftables azure-cli\n",
		"systemctl enable --now hardaks-imds-block.service\nnft list table inet hardaks_imds >/dev/null\n",
		"systemctl disable --now docker.service docker.socket containerd.service\n",
		"systemctl mask docker.service docker.socket\n",
		"rm -f /var/run/docker.sock\n",
		"add_subordinate_ids /etc/subuid --add-subuids\n",
		"add_subordinate_ids /etc/subgid --add-subgids\n",
		`usermod "${option}" "${start}-$((start + 65535))" "${HARDAKS_SERVICE_USER}"`,
		"for deny in /etc/cron.deny /etc/at.deny; do",
		// The agent is downloaded and checked once, into a root-owned directory nothing runs from.
		"readonly PRISTINE_DIR=/opt/hardaks-agent-dist\n",
		`printf '%s  %s\n' "${HARDAKS_AGENT_SHA256}" "${archive}" | sha256sum --check --strict --quiet -`,
		`install -d -m 0755 -o root -g root "${PRISTINE_DIR}"`,
		"https://download.agent.dev.azure.com/agent/${HARDAKS_AGENT_VERSION}/vsts-agent-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz",
		"https://github.com/actions/runner/releases/download/v${HARDAKS_AGENT_VERSION}/actions-runner-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz",
		"\ninstall_agent\n",
	} {
		assert.Contains(t, script, want)
	}
}

// Membership of the docker group is root-equivalent (it reaches the system daemon's socket); nothing in the
// cloud-config may grant it, in any spelling.
func TestNothingPutsTheJobUserInTheDockerGroup(t *testing.T) {
	for _, tc := range ciCases {
		t.Run(tc.name, func(t *testing.T) {
			doc := cloudConfig(t, run(t, tc.args()).MustFind(t, vmType, "agents-vm-01"))
			for _, forbidden := range []string{"--groups docker", "-aG docker", "-G docker", "groups: docker",
				"gpasswd", "adduser agent", "newgrp"} {
				assert.NotContains(t, doc, forbidden)
			}
			assert.NotContains(t, parseCloudConfig(t, doc).Users[1], "groups")
			assert.Contains(t, doc, "systemctl mask docker.service docker.socket\n")
			assert.Contains(t, doc, "as_user dockerd-rootless-setuptool.sh install >&2\n")
		})
	}
}

// The agents take only the registration token's secret name; the whole-stack test
// tests/access_test.go:TestSecretsNeverAppearInThePlan shows the value itself never reaches custom data.
func TestCustomDataNamesTheTokenSecretAndHoldsNoSecretValue(t *testing.T) {
	args := gitHubArgs()
	args.RegistrationTokenSecretName = "ci-registration-token"
	plan := run(t, args)

	vms := plan.OfType(vmType)
	require.Len(t, vms, 1)
	for _, vm := range vms {
		doc := cloudConfig(t, vm) // fails if customData were secret-tainted ("[secret]")
		assert.Contains(t, doc, "HARDAKS_TOKEN_SECRET_NAME='ci-registration-token'")
		assert.NotContains(t, flatten(vm.Inputs), offline.SecretPlaceholder)
	}
}

func TestTheCloudConfigIsDeterministicAndWithinAzuresSizeLimit(t *testing.T) {
	first := cloudConfig(t, run(t, azureDevOpsArgs()).MustFind(t, vmType, "agents-vm-01"))
	second := cloudConfig(t, run(t, azureDevOpsArgs()).MustFind(t, vmType, "agents-vm-01"))

	assert.Equal(t, first, second)
	assert.Less(t, len(first), 65535)
}

func TestAResolvedNameOnSeveralLinesFailsTheDeployment(t *testing.T) {
	args := azureDevOpsArgs()
	args.Count = 1
	args.ClusterName = pulumi.String("aks\nruncmd: [evil]")
	_, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := buildagent.NewBuildAgent(ctx, "agents", args)
		return nil, err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `buildagent: vm-hardaks-dev-agent-01: the cluster name "aks\nruncmd: [evil]" must be a non-empty single line`)
}

// Real validators: cloud-init's own schema check and shellcheck on every script the cloud-config carries.

func TestTheCloudConfigPassesCloudInitsSchemaValidation(t *testing.T) {
	cloudInit := requireTool(t, "cloud-init")
	t.Run("the validator rejects a broken document", func(t *testing.T) {
		bad := writeTemp(t, "bad.yaml", "#cloud-config\nruncmd: 5\n")
		out, err := exec.Command(cloudInit, "schema", "--config-file", bad).CombinedOutput()
		require.Error(t, err, string(out))
	})
	for _, tc := range ciCases {
		t.Run(tc.name, func(t *testing.T) {
			plan := run(t, tc.args())
			for _, vm := range plan.OfType(vmType) {
				path := writeTemp(t, vm.Name+".yaml", cloudConfig(t, vm))
				out, err := exec.Command(cloudInit, "schema", "--config-file", path).CombinedOutput()
				assert.NoError(t, err, "cloud-init schema %s:\n%s", vm.Name, out)
			}
		})
	}
}

func TestEveryEmbeddedShellScriptPassesShellcheck(t *testing.T) {
	shellcheck := requireTool(t, "shellcheck")
	t.Run("the validator rejects a broken script", func(t *testing.T) {
		bad := writeTemp(t, "bad.sh", "#!/bin/bash\nrm -rf $1/*\n")
		out, err := exec.Command(shellcheck, bad).CombinedOutput()
		require.Error(t, err, string(out))
	})
	for _, tc := range ciCases {
		t.Run(tc.name, func(t *testing.T) {
			plan := run(t, tc.args())
			doc := parseCloudConfig(t, cloudConfig(t, plan.MustFind(t, vmType, "agents-vm-01")))

			var checked []string
			for _, f := range doc.WriteFiles {
				var args []string
				switch {
				case strings.HasPrefix(f.Content, "#!"):
					args = []string{"--severity=style"}
				case f.Path == envPath:
					// Not executable, but sourced by bash.
					args = []string{"--severity=style", "--shell=bash"}
				default:
					continue
				}
				path := writeTemp(t, "script", f.Content)
				out, err := exec.Command(shellcheck, append(args, path)...).CombinedOutput()
				assert.NoError(t, err, "shellcheck %s:\n%s", f.Path, out)
				checked = append(checked, f.Path)
			}
			assert.Equal(t, []string{envPath, installPath, registerPath, tokenPath, acrLoginPath}, checked,
				"agent.env and every script are checked")

			// runcmd string entries run through /bin/sh.
			for _, cmd := range doc.Runcmd {
				line, ok := cmd.(string)
				require.True(t, ok, "runcmd entries are shell lines")
				path := writeTemp(t, "runcmd.sh", line+"\n")
				out, err := exec.Command(shellcheck, "--severity=style", "--shell=sh", path).CombinedOutput()
				assert.NoError(t, err, "shellcheck runcmd %q:\n%s", line, out)
			}
		})
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
