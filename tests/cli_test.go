package tests

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/cli"
	"github.com/hardaks/hardaks/policy"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Execute(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestPlanJSONHasTheDocumentedShape(t *testing.T) {
	code, stdout, stderr := runCLI(t, "plan", "--cwd", projectDir, "--format", "json")
	require.Equal(t, cli.ExitOK, code, stderr)

	var plan map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &plan))
	assert.Equal(t, "hardaks", plan["project"])
	assert.Equal(t, "dev", plan["stack"])
	assert.IsType(t, map[string]any{}, plan["outputs"])
	resources := plan["resources"].([]any)
	require.NotEmpty(t, resources)
	for _, r := range resources {
		resource := r.(map[string]any)
		keys := make([]string, 0, len(resource))
		for k := range resource {
			keys = append(keys, k)
		}
		assert.ElementsMatch(t, []string{"urn", "type", "name", "custom", "parent", "dependencies", "protect", "options", "inputs"}, keys)
		assert.IsType(t, map[string]any{}, resource["options"], "options is always an object")
		assert.IsType(t, []any{}, resource["dependencies"], "dependencies is always a list")
		assert.IsType(t, map[string]any{}, resource["inputs"], "inputs is always an object")
	}
	first := resources[0].(map[string]any)
	assert.Equal(t, "hardaks:index:Environment", first["type"], "resources are in registration order")
	assert.Equal(t, "", first["parent"])
	assert.Equal(t, false, first["custom"])
	// Field order is the documented order.
	assert.True(t, strings.HasPrefix(strings.TrimSpace(stdout), "{\n  \"project\": \"hardaks\",\n  \"stack\": \"dev\",\n  \"resources\": ["))
}

func TestPlanJSONIsByteIdenticalAcrossRuns(t *testing.T) {
	_, first, _ := runCLI(t, "plan", "--cwd", projectDir, "--format", "json")
	for i := 0; i < 3; i++ {
		_, again, _ := runCLI(t, "plan", "--cwd", projectDir, "--format", "json")
		require.Equal(t, first, again, "run %d differs", i+2)
	}
}

func TestPlanWritesToOutFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "plan.json")
	code, stdout, stderr := runCLI(t, "plan", "--cwd", projectDir, "--format", "json", "--out", out)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Empty(t, stdout)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, json.Valid(data))
}

func TestPlanTextShowsTheTreeWithKeySettings(t *testing.T) {
	code, stdout, stderr := runCLI(t, "plan", "--cwd", projectDir)
	require.Equal(t, cli.ExitOK, code, stderr)
	assert.Contains(t, stdout, "Plan for hardaks/dev (offline, ")
	assert.Contains(t, stdout, "  + hardaks:index:Environment hardaks\n")
	assert.Contains(t, stdout, "      + azure-native:network/v20240301:Subnet hardaks-network-snet-bastion  [subnetName=AzureBastionSubnet addressPrefix=10.40.5.0/26 defaultOutboundAccess=false")
	assert.Contains(t, stdout, "--ssh-key <path to the private key>")
	assert.Contains(t, stdout, "rules=8]")
	assert.Contains(t, stdout, "\nOutputs:\n")
}

func TestInvalidConfigExitsTwoWithEveryMessageAndNoStackTrace(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, filepath.Join(projectDir, "Pulumi.yaml"), filepath.Join(dir, "Pulumi.yaml"))
	dev, err := os.ReadFile(filepath.Join(projectDir, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	broken := strings.Replace(string(dev), "bastion: 10.40.5.0/26", "bastion: 10.40.5.0/27", 1)
	broken = strings.Replace(broken, "tenantId: 7d3a9c52-4e1b-4f0a-9b8e-2c6d1e5f8a90", "tenantId: not-a-guid", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.broken.yaml"), []byte(broken), 0o600))

	code, stdout, stderr := runCLI(t, "plan", "--cwd", dir, "--stack", "broken", "--format", "json")
	assert.Equal(t, cli.ExitInvalidConfig, code)
	assert.Empty(t, stdout)
	assert.Equal(t, `invalid stack configuration (2 problems):
  - hardaks:entra.tenantId = "not-a-guid": must be the Entra tenant ID, a GUID; set it to the output of `+"`az account show --query tenantId -o tsv`"+`
  - hardaks:network.subnets.bastion = "10.40.5.0/27": AzureBastionSubnet must be /26 or larger; use a /26 such as 10.40.5.0/26
`, stderr)
	assert.NotContains(t, stderr, "goroutine")
}

func TestEnvironmentOverridesApplyToThePlan(t *testing.T) {
	t.Setenv("HARDAKS_NETWORK_SUBNETS_BASTION", "10.40.5.0/28")
	code, _, stderr := runCLI(t, "plan", "--cwd", projectDir)
	assert.Equal(t, cli.ExitInvalidConfig, code)
	assert.Contains(t, stderr, `hardaks:network.subnets.bastion = "10.40.5.0/28": AzureBastionSubnet must be /26 or larger`)
}

func TestMissingStackFileIsAClearError(t *testing.T) {
	code, _, stderr := runCLI(t, "plan", "--cwd", projectDir, "--stack", "nope")
	assert.Equal(t, cli.ExitFailed, code)
	assert.Contains(t, stderr, "Pulumi.nope.yaml does not exist: run hardaks in the project directory or pass --cwd")
}

func TestUnknownFormatIsRejected(t *testing.T) {
	code, _, stderr := runCLI(t, "plan", "--cwd", projectDir, "--format", "yaml")
	assert.Equal(t, cli.ExitFailed, code)
	assert.Equal(t, "--format \"yaml\": use text or json\n", stderr)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o600))
}

// TestPlanJSONMatchesGolden pins the whole dev plan. Regenerate with PULUMI_ACCEPT=true go test ./tests/ -run TestPlanJSONMatchesGolden.
func TestPlanJSONMatchesGolden(t *testing.T) {
	code, stdout, stderr := runCLI(t, "plan", "--cwd", projectDir, "--format", "json")
	require.Equal(t, cli.ExitOK, code, stderr)
	golden := filepath.Join("testdata", "plan-dev.json")
	if os.Getenv("PULUMI_ACCEPT") == "true" {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(stdout), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "no golden file: run PULUMI_ACCEPT=true go test ./tests/ -run TestPlanJSONMatchesGolden")
	wantLines, gotLines := strings.Split(string(want), "\n"), strings.Split(stdout, "\n")
	for i := 0; i < max(len(wantLines), len(gotLines)); i++ {
		if i >= len(wantLines) || i >= len(gotLines) || wantLines[i] != gotLines[i] {
			from, to := max(0, i-3), min(i+4, len(wantLines), len(gotLines))
			t.Fatalf("plan differs from %s at line %d (PULUMI_ACCEPT=true rewrites it):\nwant:\n%s\ngot:\n%s", golden, i+1,
				strings.Join(wantLines[from:min(to+1, len(wantLines))], "\n"), strings.Join(gotLines[from:min(to+1, len(gotLines))], "\n"))
		}
	}
}

func TestPlanWritesEachWorkloadsManifests(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "plan", "--cwd", projectDir, "--format", "json", "--manifests", dir)
	require.Equal(t, cli.ExitOK, code, stderr)
	sa := filepath.Join(dir, "orders", "serviceaccount.yaml")
	spc := filepath.Join(dir, "orders", "secretproviderclass.yaml")
	assert.Equal(t, "wrote "+sa+"\nwrote "+spc+"\n", stderr)
	saYAML, err := os.ReadFile(sa)
	require.NoError(t, err)
	assert.Contains(t, string(saYAML), "kind: ServiceAccount")
	assert.Contains(t, string(saYAML), "azure.workload.identity/client-id:")
	spcYAML, err := os.ReadFile(spc)
	require.NoError(t, err)
	assert.Contains(t, string(spcYAML), "kind: SecretProviderClass")
	assert.Contains(t, string(spcYAML), "keyvaultName: kv-dev-")
}

// stackVariants are the stacks the whole-stack tests build, as environment overrides and line edits of a stack
// file: every variant changes which resources exist and how they refer to each other.
var stackVariants = []struct {
	name, stack string
	env         map[string]string
	edits       []lineEdit
}{
	{"dev", "dev", nil, nil},
	{"prod", "prod", nil, nil},
	{"dev without build agents", "dev", map[string]string{"HARDAKS_BUILDAGENT_ENABLED": "false"}, nil},
	{"dev without the NAT gateway", "dev", map[string]string{"HARDAKS_NETWORK_NATGATEWAY_ENABLED": "false", "HARDAKS_BUILDAGENT_ENABLED": "false"}, nil},
	{"dev with a created cluster DNS zone", "dev", map[string]string{"HARDAKS_CLUSTER_PRIVATEDNSZONE": "create"}, nil},
	{"dev with hub DNS zones", "dev", map[string]string{
		"HARDAKS_NETWORK_PRIVATEDNSZONES_REGISTRYZONEID": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io",
		"HARDAKS_NETWORK_PRIVATEDNSZONES_KEYVAULTZONEID": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net",
	}, nil},
	{"dev as production with locks", "dev", map[string]string{"HARDAKS_ENVIRONMENT_PRODUCTION": "true", "HARDAKS_ENVIRONMENT_LOCKS": "true", "HARDAKS_CLUSTER_SKUTIER": "Standard"}, nil},
	{"dev in a region without zones", "dev", map[string]string{"HARDAKS_ENVIRONMENT_LOCATION": "westcentralus"}, nil},
	{"dev behind its own firewall", "dev", nil, []lineEdit{{
		"    natGateway:\n      enabled: true\n      idleTimeoutMinutes: 4\n      publicIpPrefixLength: 31\n",
		"      firewall: 10.40.7.0/26\n    egress: firewall\n    firewall:\n      sku: Premium\n",
	}}},
	{"dev behind a hub firewall", "dev", nil, []lineEdit{{
		"    natGateway:\n      enabled: true\n      idleTimeoutMinutes: 4\n      publicIpPrefixLength: 31\n",
		"    egress: hubFirewall\n    hubFirewall:\n      privateIp: 10.0.1.4\n",
	}}},
	{"dev with GitHub runners", "dev", nil, []lineEdit{{
		"      system: azureDevOps\n      url: https://dev.azure.com/contoso-platform\n      pool: hardaks-dev\n",
		"      system: githubActions\n      url: https://github.com/contoso/platform\n      labels: [self-hosted, hardaks-dev]\n",
	}}},
	{"dev with several user pools", "dev", nil, []lineEdit{{
		"        maxCount: 5\n  hardaks:keyVault:",
		"        maxCount: 5\n      - name: batch\n        vmSize: Standard_D8ds_v5\n        minCount: 0\n        maxCount: 10\n" +
			"        taints: [\"workload=batch:NoSchedule\"]\n      - name: gpu\n        vmSize: Standard_D4s_v5\n        minCount: 0\n        maxCount: 2\n  hardaks:keyVault:",
	}}},
	{"dev without workloads", "dev", nil, []lineEdit{{
		"  hardaks:workloads:\n    - name: orders\n      namespace: orders\n      serviceAccount: orders-api\n      secrets:\n        - orders-db-connection\n", "",
	}}},
}

// lineEdit replaces text of a stack file once.
type lineEdit struct{ old, new string }

// projectWith writes Pulumi.yaml and the stack file, changed by edits, to a temporary project directory: an
// environment override can set a key but not remove one or add a list entry.
func projectWith(t *testing.T, stack string, edits []lineEdit) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, filepath.Join(projectDir, "Pulumi.yaml"), filepath.Join(dir, "Pulumi.yaml"))
	data, err := os.ReadFile(filepath.Join(projectDir, "Pulumi."+stack+".yaml"))
	require.NoError(t, err)
	text := string(data)
	for _, e := range edits {
		require.Contains(t, text, e.old)
		text = strings.Replace(text, e.old, e.new, 1)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+stack+".yaml"), []byte(text), 0o600))
	return dir
}

// TestEveryStackVariantViolatesNoPolicyInAnyPhase evaluates each variant's first preview, update and stack analysis
// as Pulumi's analyzer sees them.
func TestEveryStackVariantViolatesNoPolicyInAnyPhase(t *testing.T) {
	pack, err := policy.Load()
	require.NoError(t, err)
	for _, variant := range stackVariants {
		t.Run(variant.name, func(t *testing.T) {
			for k, v := range variant.env {
				t.Setenv(k, v)
			}
			dir := projectWith(t, variant.stack, variant.edits)
			preview, err := cli.BuildFirstPreview(dir, variant.stack)
			require.NoError(t, err)
			update, err := cli.BuildPlan(dir, variant.stack)
			require.NoError(t, err)
			require.Equal(t, len(update.Resources), len(preview.Resources), "the first preview registers every resource")
			for _, phases := range []policy.Phases{{FirstPreview: preview.Resources}, {Update: update.Resources}} {
				rep, err := pack.Evaluate(context.Background(), phases)
				require.NoError(t, err)
				assert.Empty(t, rep.Findings)
			}
		})
	}
}

// TestThePolicyFixtureIsTheDevStack pins policy/testdata/compliant.json, the fixture of the policy package's tests:
// the dev stack's first preview and update as hardaks plan runs them. Regenerate with
// PULUMI_ACCEPT=true go test ./tests/ -run TestThePolicyFixtureIsTheDevStack.
func TestThePolicyFixtureIsTheDevStack(t *testing.T) {
	preview, err := cli.BuildFirstPreview(projectDir, "dev")
	require.NoError(t, err)
	update, err := cli.BuildPlan(projectDir, "dev")
	require.NoError(t, err)
	data, err := json.MarshalIndent(policy.Phases{FirstPreview: preview.Resources, Update: update.Resources}, "", "  ")
	require.NoError(t, err)
	data = append(data, '\n')
	fixture := filepath.Join(projectDir, "policy", "testdata", "compliant.json")
	if os.Getenv("PULUMI_ACCEPT") == "true" {
		require.NoError(t, os.WriteFile(fixture, data, 0o644))
	}
	want, err := os.ReadFile(fixture)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, data), "%s is not the dev stack: run PULUMI_ACCEPT=true go test ./tests/ -run TestThePolicyFixtureIsTheDevStack", fixture)
}

func TestDevAndProdPlansViolateNoPolicy(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "plan", "--cwd", projectDir, "--stack", stack, "--format", "json")
			require.Equal(t, cli.ExitOK, code, stderr)
			var plan struct {
				Policies []struct {
					Name       string           `json:"name"`
					Title      string           `json:"title"`
					Severity   string           `json:"severity"`
					References []map[string]any `json:"references"`
					Violations int              `json:"violations"`
				} `json:"policies"`
				Findings []map[string]any `json:"findings"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &plan))
			assert.GreaterOrEqual(t, len(plan.Policies), 45)
			assert.Empty(t, plan.Findings)
			for _, p := range plan.Policies {
				assert.Zero(t, p.Violations, p.Name)
				assert.NotEmpty(t, p.Title, p.Name)
				assert.NotEmpty(t, p.References, p.Name)
			}
		})
	}
}

func TestAMandatoryViolationExitsOneAndTheReportsAgree(t *testing.T) {
	pack := filepath.Join("testdata", "strictpack")
	code, text, stderr := runCLI(t, "plan", "--cwd", projectDir, "--policy-pack", pack)
	assert.Equal(t, cli.ExitFailed, code)
	assert.Equal(t, "1 mandatory policy violations\n", stderr)
	code, jsonOut, _ := runCLI(t, "plan", "--cwd", projectDir, "--policy-pack", pack, "--format", "json")
	assert.Equal(t, cli.ExitFailed, code)

	var plan struct {
		Policies []struct {
			Name, Title, Severity string
			Violations            int
		} `json:"policies"`
		Findings []struct{ Policy, Severity, Phase, Resource, Message string } `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(jsonOut), &plan))
	require.Len(t, plan.Findings, 2)
	assert.Equal(t, "deny", plan.Findings[0].Policy)
	// A violation of written-out inputs is found during the first preview, and reported once.
	assert.Equal(t, policy.PhaseFirstPreview, plan.Findings[0].Phase)
	assert.Equal(t, "urn:pulumi:dev::hardaks::hardaks:index:Environment$hardaks:network:Network$azure-native:network/v20240301:VirtualNetwork::hardaks-network-vnet",
		plan.Findings[0].Resource)
	// Every finding and every policy row of the JSON report is in the text report, with the same counts.
	for _, f := range plan.Findings {
		assert.Contains(t, text, f.Phase+" "+f.Severity+" "+f.Policy+" "+f.Resource+"\n    "+f.Message+"\n")
	}
	for _, p := range plan.Policies {
		assert.Regexp(t, `(?m)^`+p.Name+`\s+`+p.Severity+`\s+\w+\s+FAIL\s+`+strconv.Itoa(p.Violations)+`\s+`+p.Title+`$`, text)
	}
	assert.Contains(t, text, "2 policies: 0 passed, 2 failed; 2 violations (1 mandatory, 1 advisory)\n")
}

func TestTheTextReportSummarisesCompliance(t *testing.T) {
	code, stdout, _ := runCLI(t, "plan", "--cwd", projectDir)
	require.Equal(t, cli.ExitOK, code)
	assert.Contains(t, stdout, "\nCompliance:\nPOLICY ")
	assert.Regexp(t, `\n\d+ policies: \d+ passed, 0 failed; 0 violations \(0 mandatory, 0 advisory\)\n$`, stdout)
	assert.Contains(t, stdout, "  workloads: (1 entry: see --format json or --manifests)\n")
}

func TestAMissingPolicyPackIsAClearError(t *testing.T) {
	code, _, stderr := runCLI(t, "plan", "--cwd", projectDir, "--policy-pack", "nowhere")
	assert.Equal(t, cli.ExitFailed, code)
	assert.Contains(t, stderr, "policy pack nowhere:")
}
