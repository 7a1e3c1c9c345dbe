package buildagent_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What keeps a pipeline job from the registration token and from the next job: the IMDS block, the token broker
// and its sudoers rule, the ephemeral agent service, and the scripts' own discipline.

// renderedFiles returns the write_files of agent VM 01 of the GitHub case, by path.
func renderedFiles(t *testing.T) map[string]string {
	t.Helper()
	doc := parseCloudConfig(t, cloudConfig(t, run(t, gitHubArgs()).MustFind(t, vmType, "agents-vm-01")))
	files := map[string]string{}
	for _, f := range doc.WriteFiles {
		files[f.Path] = f.Content
	}
	return files
}

// rulesOf returns the non-comment lines of an nft file, trimmed.
func rulesOf(nft string) []string {
	var rules []string
	for _, line := range strings.Split(nft, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			rules = append(rules, line)
		}
	}
	return rules
}

func TestTheIMDSBlockRefusesIMDSAndWireServerToEveryNonRootSocket(t *testing.T) {
	nft := renderedFiles(t)[nftPath]

	assert.Equal(t, []string{
		"table inet hardaks_imds",
		"delete table inet hardaks_imds",
		"table inet hardaks_imds {",
		"chain output {",
		"type filter hook output priority filter; policy accept;",
		"meta skuid != 0 ip daddr 169.254.169.254 counter reject with icmpx type admin-prohibited",
		"meta skuid != 0 ip daddr 168.63.129.16 tcp dport { 80, 32526 } counter reject with icmpx type admin-prohibited",
		"}",
		"chain forward {",
		"type filter hook forward priority filter; policy accept;",
		"ip daddr 169.254.169.254 counter drop",
		"ip daddr 168.63.129.16 tcp dport { 80, 32526 } counter drop",
		"}",
		"}",
	}, rulesOf(nft))
	assert.Contains(t, nft, "https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service")
	assert.Contains(t, nft, "https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16")
	assert.NotContains(t, nft, "dport 53", "DNS through 168.63.129.16 stays open")
}

func TestTheIMDSBlockPassesNftsCheck(t *testing.T) {
	nftTool := requireTool(t, "nft")
	check := func(content string) ([]byte, error) {
		return exec.Command(nftTool, "--check", "--file", writeTemp(t, "rules.nft", content)).CombinedOutput()
	}
	if out, err := check("table inet probe {\n}\n"); err != nil {
		t.Skipf("nft --check needs CAP_NET_ADMIN here: %s", out)
	}
	t.Run("the validator rejects a broken rule", func(t *testing.T) {
		out, err := check("table inet x {\n  chain o {\n    type filter hook output priority filter;\n    meta skuid != 0 ip daddr drop\n  }\n}\n")
		require.Error(t, err, string(out))
	})
	out, err := check(renderedFiles(t)[nftPath])
	assert.NoError(t, err, "nft --check:\n%s", out)
}

func TestTheIMDSBlockUnitLoadsTheRulesBeforeTheNetworkAndTheAgent(t *testing.T) {
	assert.Equal(t, []string{
		"[Unit] Description=hardaks: only root may reach IMDS and WireServer",
		"[Unit] Documentation=https://learn.microsoft.com/azure/virtual-machines/instance-metadata-service",
		"[Unit] DefaultDependencies=no",
		"[Unit] Wants=network-pre.target",
		"[Unit] Before=network-pre.target shutdown.target hardaks-agent.service",
		"[Unit] Conflicts=shutdown.target",
		"[Service] Type=oneshot",
		"[Service] RemainAfterExit=yes",
		"[Service] ExecStart=/usr/sbin/nft --file /etc/hardaks/imds-block.nft",
		"[Install] WantedBy=sysinit.target",
	}, unitSettings(t, renderedFiles(t)[imdsUnitPath]), "no ExecStop: stopping the unit leaves the rules loaded")
}

func TestTheAgentServiceRunsOneCycleAfterAnotherAndOnlyWithTheIMDSBlock(t *testing.T) {
	assert.Equal(t, []string{
		"[Unit] Description=hardaks ephemeral CI agent vm-hardaks-dev-agent-01: a fresh registration and a clean job user for every job",
		"[Unit] Documentation=https://docs.github.com/actions/hosting-your-own-runners/managing-self-hosted-runners/autoscaling-with-self-hosted-runners#using-ephemeral-runners-for-autoscaling",
		"[Unit] Documentation=https://learn.microsoft.com/azure/devops/pipelines/agents/linux-agent#run-once",
		"[Unit] Requires=hardaks-imds-block.service",
		"[Unit] After=hardaks-imds-block.service network-online.target",
		"[Unit] Wants=network-online.target",
		"[Unit] StartLimitIntervalSec=0",
		"[Service] Type=simple",
		"[Service] ExecStart=/usr/local/sbin/hardaks-register-agent",
		"[Service] Restart=always",
		"[Service] RestartSec=5",
		"[Service] KillMode=control-group",
		"[Install] WantedBy=multi-user.target",
	}, unitSettings(t, renderedFiles(t)[agentUnitPath]))
}

func TestTheUnitsPassSystemdAnalyzeVerify(t *testing.T) {
	analyze := requireTool(t, "systemd-analyze")
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
		return path
	}
	t.Run("the validator rejects a broken unit", func(t *testing.T) {
		bad := write("bad.service", "[Unit]\nRequires=hardaks-missing.service\n[Service]\nExecStart=/bin/true\n")
		out, err := exec.Command(analyze, "verify", bad).CombinedOutput()
		require.Error(t, err, string(out))
	})
	// The executables are not installed here: /bin/true stands in for them.
	files := renderedFiles(t)
	imds := write("hardaks-imds-block.service", strings.ReplaceAll(files[imdsUnitPath], "/usr/sbin/nft ", "/bin/true "))
	agent := write("hardaks-agent.service", strings.ReplaceAll(files[agentUnitPath], registerPath, "/bin/true"))
	out, err := exec.Command(analyze, "verify", imds, agent).CombinedOutput()
	assert.NoError(t, err, string(out))
	assert.Empty(t, string(out), "systemd-analyze warns about nothing")
}

const wantSudoers = `# hardaks: the CI job user may get the VM identity's tokens for exactly two audiences, Azure Resource Manager and
# the AKS Entra ID server application; see /usr/local/sbin/hardaks-azure-token.
agent ALL=(root) NOPASSWD: /usr/local/sbin/hardaks-azure-token arm, /usr/local/sbin/hardaks-azure-token aks
`

func TestTheJobUserMaySudoOnlyTheTwoTokenForms(t *testing.T) {
	assert.Equal(t, wantSudoers, renderedFiles(t)[sudoersPath])
}

func TestTheSudoersDropInPassesVisudo(t *testing.T) {
	visudo := requireTool(t, "visudo")
	check := func(content string) ([]byte, error) {
		path := writeTemp(t, "sudoers", content)
		require.NoError(t, os.Chmod(path, 0o440))
		return exec.Command(visudo, "--check", "--file", path).CombinedOutput()
	}
	t.Run("the validator rejects a broken rule", func(t *testing.T) {
		out, err := check("agent ALL=(root) NOPASSWD /usr/local/sbin/hardaks-azure-token arm\n")
		require.Error(t, err, string(out))
	})
	out, err := check(renderedFiles(t)[sudoersPath])
	assert.NoError(t, err, "visudo:\n%s", out)
}

// The scripts that run as root through sudo, or for the job, run under bash's strict mode.
func TestEveryScriptIsStrict(t *testing.T) {
	for _, path := range []string{installPath, registerPath, tokenPath, acrLoginPath} {
		script := renderedFiles(t)[path]
		assert.True(t, strings.HasPrefix(script, "#!/bin/bash\n"), path)
		assert.Contains(t, script, "\nset -euo pipefail\n", path)
	}
}

// brokerRun is one run of hardaks-azure-token with a fake curl: what it printed, how it exited, and the argument
// lists curl was called with.
type brokerRun struct {
	stdout, stderr string
	exitCode       int
	curlCalls      []string
}

// runBroker runs the rendered broker against the rendered agent.env, with a curl that records its arguments and
// answers like IMDS (or fails, with failCurl).
func runBroker(t *testing.T, failCurl bool, args ...string) brokerRun {
	t.Helper()
	bash := requireTool(t, "bash")
	requireTool(t, "jq")
	files := renderedFiles(t)
	env := writeTemp(t, "agent.env", files[envPath])
	script := files[tokenPath]
	require.Equal(t, 1, strings.Count(script, ". /etc/hardaks/agent.env\n"))
	script = strings.Replace(script, ". /etc/hardaks/agent.env\n", ". '"+env+"'\n", 1)
	path := writeTemp(t, "hardaks-azure-token", script)
	calls := filepath.Join(t.TempDir(), "curl.log")
	bin := fakeCommands(t, map[string]string{"curl": `for a in "$@"; do printf '[%s]' "$a"; done >>"$CURL_LOG"
printf '\n' >>"$CURL_LOG"
if [ -n "$CURL_FAIL" ]; then echo 'curl: (7) Failed to connect' >&2; exit 7; fi
printf '%s' '{"access_token":"tok-123","expires_on":"1700000000","resource":"r","token_type":"Bearer"}'
`})
	cmd := exec.Command(bash, append([]string{path}, args...)...)
	cmd.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "CURL_LOG=" + calls}
	if failCurl {
		cmd.Env = append(cmd.Env, "CURL_FAIL=1")
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := brokerRun{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.exitCode = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	if log, err := os.ReadFile(calls); err == nil {
		r.curlCalls = strings.Split(strings.TrimSuffix(string(log), "\n"), "\n")
	}
	return r
}

const imdsTokenURL = "[http://169.254.169.254/metadata/identity/oauth2/token]"

func TestTheBrokerPrintsAnARMTokenOfTheVMIdentity(t *testing.T) {
	r := runBroker(t, false, "arm")

	require.Zero(t, r.exitCode, r.stderr)
	assert.Equal(t, "tok-123\n", r.stdout)
	require.Len(t, r.curlCalls, 1)
	call := r.curlCalls[0]
	for _, want := range []string{"[--get][--header][Metadata: true]", "[api-version=2018-02-01]",
		"[resource=https://management.azure.com/]", "[client_id=" + clientID + "]", imdsTokenURL} {
		assert.Contains(t, call, want)
	}
}

func TestTheBrokerPrintsAnExecCredentialForAKS(t *testing.T) {
	r := runBroker(t, false, "aks")

	require.Zero(t, r.exitCode, r.stderr)
	var credential map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &credential), r.stdout)
	assert.Equal(t, map[string]any{
		"apiVersion": "client.authentication.k8s.io/v1",
		"kind":       "ExecCredential",
		"status":     map[string]any{"token": "tok-123", "expirationTimestamp": "2023-11-14T22:13:20Z"},
	}, credential)
	require.Len(t, r.curlCalls, 1)
	assert.Contains(t, r.curlCalls[0], "[resource=6dae42f8-4368-4678-94ff-3960e28e3630]")
	assert.Contains(t, r.curlCalls[0], imdsTokenURL)
}

func TestTheBrokerRefusesEveryOtherAudienceWithoutAskingIMDS(t *testing.T) {
	for _, args := range [][]string{
		{"vault"}, {"https://vault.azure.net"}, {"https://vault.azure.net/"}, {"keyvault"}, {"storage"},
		{"https://management.azure.com/"}, {"ARM"}, {"arm "}, {""}, {}, {"arm", "aks"}, {"aks", "vault"}, {"--help"},
	} {
		r := runBroker(t, false, args...)
		assert.Equal(t, 2, r.exitCode, "%q", args)
		assert.Empty(t, r.stdout, "%q", args)
		assert.Contains(t, r.stderr, "usage: sudo -n ", "%q", args)
		assert.Empty(t, r.curlCalls, "%q: IMDS must not be asked", args)
	}
	assert.NotContains(t, renderedFiles(t)[tokenPath], "vault.azure.net/")
}

func TestTheBrokerFailsWhenIMDSFails(t *testing.T) {
	for _, audience := range []string{"arm", "aks"} {
		r := runBroker(t, true, audience)
		assert.NotZero(t, r.exitCode, audience)
		assert.Empty(t, r.stdout, audience)
	}
}

func TestTheACRLoginExchangesTheARMTokenAndKeepsBothTokensOffCommandLines(t *testing.T) {
	bash := requireTool(t, "bash")
	requireTool(t, "jq")
	files := renderedFiles(t)
	env := writeTemp(t, "agent.env", files[envPath])
	script := files[acrLoginPath]
	require.Equal(t, 1, strings.Count(script, ". /etc/hardaks/agent.env\n"))
	path := writeTemp(t, "hardaks-acr-login", strings.Replace(script, ". /etc/hardaks/agent.env\n", ". '"+env+"'\n", 1))
	log := filepath.Join(t.TempDir(), "calls.log")
	record := `{ printf '%s argv:' "$(basename "$0")"; for a in "$@"; do printf ' [%s]' "$a"; done; printf '\n'; } >>"$CALLS"
`
	bin := fakeCommands(t, map[string]string{
		"sudo": record + `[ "$*" = "-n /usr/local/sbin/hardaks-azure-token arm" ] || exit 1
printf 'arm-token-456\n'
`,
		"curl": record + `printf 'curl stdin: [%s]\n' "$(cat)" >>"$CALLS"
printf '%s' '{"refresh_token":"refresh-789"}'
`,
		"docker": record + `printf 'docker stdin: [%s] DOCKER_HOST=%s\n' "$(cat)" "$DOCKER_HOST" >>"$CALLS"
`,
	})
	cmd := exec.Command(bash, path)
	cmd.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "CALLS=" + log}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))

	calls := strings.Split(strings.TrimSuffix(readFile(t, log), "\n"), "\n")
	uid := strings.TrimSpace(string(must(exec.Command("id", "-u").Output())))
	require.Len(t, calls, 5, calls)
	assert.Equal(t, "sudo argv: [-n] [/usr/local/sbin/hardaks-azure-token] [arm]", calls[0])
	assert.Equal(t, "curl argv: [--fail] [--silent] [--show-error] [--proto] [=https] [--tlsv1.2] [--max-time] [60]"+
		" [--data-urlencode] [grant_type=access_token] [--data-urlencode] [service=crhardaksdev.azurecr.io]"+
		" [--data-urlencode] [access_token@-] [https://crhardaksdev.azurecr.io/oauth2/exchange]", calls[1])
	assert.Equal(t, "curl stdin: [arm-token-456]", calls[2])
	assert.Equal(t, "docker argv: [login] [--username] [00000000-0000-0000-0000-000000000000] [--password-stdin] [crhardaksdev.azurecr.io]", calls[3])
	assert.Equal(t, "docker stdin: [refresh-789] DOCKER_HOST=unix:///run/user/"+uid+"/docker.sock", calls[4])
	for _, call := range calls {
		if strings.Contains(call, " argv:") {
			assert.NotContains(t, call, "arm-token-456")
			assert.NotContains(t, call, "refresh-789")
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// secretPatterns reads the patterns of policy deny_vm_custom_data_secrets from the policy pack, so the rendered
// cloud-config is held to the very rule that checks it.
func secretPatterns(t *testing.T) map[string]*regexp.Regexp {
	t.Helper()
	rego := readFile(t, filepath.Join("..", "..", "policy", "compute.rego"))
	start := strings.Index(rego, "secret_patterns := {\n")
	require.GreaterOrEqual(t, start, 0, "policy/compute.rego defines no secret_patterns")
	block := rego[start : start+strings.Index(rego[start:], "\n}\n")]
	patterns := map[string]*regexp.Regexp{}
	for _, m := range regexp.MustCompile("(?m)^\\s*\"([^\"]+)\":\\s*`([^`]+)`,?$").FindAllStringSubmatch(block, -1) {
		patterns[m[1]] = regexp.MustCompile(m[2])
	}
	require.GreaterOrEqual(t, len(patterns), 5, "secret_patterns of policy/compute.rego")
	return patterns
}

func TestTheCloudConfigMatchesNoSecretPatternOfThePolicy(t *testing.T) {
	patterns := secretPatterns(t)
	t.Run("the patterns find a token", func(t *testing.T) {
		found := false
		for _, p := range patterns {
			found = found || p.MatchString("status: {token: eyJ0eXAiOiJKV1QiLCJhbGciOi}")
		}
		assert.True(t, found)
	})
	for _, tc := range ciCases {
		t.Run(tc.name, func(t *testing.T) {
			doc := cloudConfig(t, run(t, tc.args()).MustFind(t, vmType, "agents-vm-01"))
			for name, p := range patterns {
				assert.False(t, p.MatchString(doc), "the cloud-config looks like it holds %s: %q", name, p.FindString(doc))
			}
		})
	}
}
