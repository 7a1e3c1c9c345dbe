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
	envPath      = "/etc/hardaks/agent.env"
	installPath  = "/usr/local/sbin/hardaks-install-tools"
	registerPath = "/usr/local/bin/hardaks-register-agent"
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
# hardaks-install-tools and hardaks-register-agent. Nothing here is secret.
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
				installPath + " root:root 0750",
				registerPath + " root:root 0750",
			}, files)
			assert.Equal(t, readFile(t, "scripts/install-tools.sh"), doc.file(t, installPath))
			assert.Equal(t, readFile(t, "scripts/register-agent.sh"), doc.file(t, registerPath))
			assert.Equal(t, []any{installPath + " && " + registerPath}, doc.Runcmd)
		})
	}
}

func TestTheRegistrationScriptReadsTheTokenWithTheManagedIdentityAndKeepsItOffCommandLines(t *testing.T) {
	script := readFile(t, "scripts/register-agent.sh")

	for _, want := range []string{
		"set +x\n",
		"umask 077\n",
		`az login --identity --client-id "${HARDAKS_IDENTITY_CLIENT_ID}"`,
		`az keyvault secret show --vault-name "${HARDAKS_VAULT_NAME}" --name "${HARDAKS_TOKEN_SECRET_NAME}"`,
		"retry login\n",
		"retry read_token\n",
		// Azure DevOps: PAT in the environment of config.sh, run as the service user.
		`VSTS_AGENT_INPUT_TOKEN=${token} runuser -u "${HARDAKS_SERVICE_USER}" -- ./config.sh`,
		`--unattended --url "${HARDAKS_CI_URL}" --auth pat --pool "${HARDAKS_CI_POOL}"`,
		`--agent "${HARDAKS_AGENT_NAME}" --work _work --replace --acceptTeeEula`,
		"https://download.agent.dev.azure.com/agent/${HARDAKS_AGENT_VERSION}/vsts-agent-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz",
		// GitHub: PAT exchanged for a registration token, header on stdin.
		`printf 'Authorization: Bearer %s\n' "${token}" |`,
		`--header @- "${HARDAKS_GITHUB_TOKEN_URL}"`,
		`ACTIONS_RUNNER_INPUT_TOKEN=${registration_token} runuser -u "${HARDAKS_SERVICE_USER}" -- ./config.sh "${args[@]}"`,
		`--unattended --url "${HARDAKS_CI_URL}" --name "${HARDAKS_AGENT_NAME}" --work _work --replace`,
		"https://github.com/actions/runner/releases/download/v${HARDAKS_AGENT_VERSION}/actions-runner-linux-${AGENT_ARCH}-${HARDAKS_AGENT_VERSION}.tar.gz",
		// systemd service for the service user, installed by root.
		`./svc.sh install "${HARDAKS_SERVICE_USER}"`,
		"./svc.sh start\n",
	} {
		assert.Contains(t, script, want)
	}
	for _, forbidden := range []string{"--token", "set -x", "echo \"${token}", "> /tmp", "tee "} {
		assert.NotContains(t, script, forbidden)
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

			checked := 0
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
				checked++
			}
			assert.Equal(t, 3, checked, "agent.env and both scripts are checked")

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
