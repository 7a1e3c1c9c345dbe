package policy

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

func loadPack(t testing.TB) *Pack {
	t.Helper()
	p, err := Load()
	require.NoError(t, err)
	return p
}

func TestLoadReturnsTheHardaksPack(t *testing.T) {
	p := loadPack(t)
	assert.Equal(t, "hardaks", p.Name())
	assert.True(t, strings.HasPrefix(p.Description(), "hardaks hardening policies for a private AKS environment on Azure"), p.Description())
	assert.GreaterOrEqual(t, len(p.Rules()), 45)
}

func TestTheManifestIsAnOPAPolicyPack(t *testing.T) {
	data, err := fs.ReadFile(packFiles, "PulumiPolicy.yaml")
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, yaml.Unmarshal(data, &m))
	assert.Equal(t, "opa", m["runtime"])
	assert.Equal(t, "0.1.0", m["version"])
	assert.NotEmpty(t, m["description"])
	assert.NotContains(t, m, "inputFormat", "the pack is written for the default input format")
}

var mcsbID = regexp.MustCompile(`^(NS|IM|PA|DP|AM|LT|IR|PV|ES|BR|DS|GS)-[0-9]+$`)
var cisID = regexp.MustCompile(`^[0-9]+(\.[0-9]+)+$`)

func TestEveryRuleHasCompleteMetadata(t *testing.T) {
	for _, r := range loadPack(t).Rules() {
		t.Run(r.Name, func(t *testing.T) {
			assert.NotEmpty(t, r.Title, "title")
			assert.NotEqual(t, r.Name, r.Title, "title")
			assert.NotEmpty(t, r.Description, "description")
			assert.NotEmpty(t, r.Remediation, "custom.remediation")
			assert.NotEmpty(t, r.Message, "custom.message")
			assert.Contains(t, []string{"critical", "high", "medium", "low"}, r.Severity)
			assert.True(t, r.severityDeclared, "custom.severity")
			assert.True(t, r.enforcementDeclared, "custom.enforcement")
			want := Mandatory
			if strings.HasPrefix(r.Name, "warn_") || strings.HasPrefix(r.Name, "stack_warn_") {
				want = Advisory
			}
			assert.Equal(t, want, r.Enforcement)
			assert.Equal(t, strings.HasPrefix(r.Name, "stack_"), r.Stack)
			require.NotEmpty(t, r.References)
			for _, ref := range r.References {
				assert.NotEmpty(t, ref.Name)
				switch ref.Kind {
				case KindAzurePolicy:
					assert.True(t, lowercaseGUID(ref.ID), ref.ID)
					assert.Equal(t, "https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F"+ref.ID, ref.URL)
				case KindCISAKS:
					assert.Regexp(t, cisID, ref.ID)
					assert.Equal(t, "https://www.cisecurity.org/benchmark/kubernetes", ref.URL)
				case KindMCSB:
					assert.Regexp(t, mcsbID, ref.ID)
					assert.True(t, strings.HasPrefix(ref.URL, "https://learn.microsoft.com/security/benchmark/azure/mcsb-"), ref.URL)
				default:
					t.Errorf("unknown reference kind %q", ref.Kind)
				}
			}
		})
	}
}

// TestAzurePolicyReferencesMatchTheBuiltInDefinitions checks each cited definition against the copies of the Azure
// Policy built-ins in /work/shared/reference/azure-policy (INDEX.md: GUID and display name).
func TestAzurePolicyReferencesMatchTheBuiltInDefinitions(t *testing.T) {
	index, err := os.ReadFile(filepath.Join("..", "..", "shared", "reference", "azure-policy", "INDEX.md"))
	if err != nil {
		t.Skip("the Azure Policy reference copies are not on this machine")
	}
	names := map[string]string{}
	for _, line := range strings.Split(string(index), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) >= 5 && lowercaseGUID(strings.TrimSpace(cells[2])) {
			names[strings.TrimSpace(cells[2])] = strings.TrimSpace(cells[3])
		}
	}
	require.NotEmpty(t, names)
	cited := 0
	for _, r := range loadPack(t).Rules() {
		for _, ref := range r.References {
			if ref.Kind != KindAzurePolicy {
				continue
			}
			cited++
			want, ok := names[ref.ID]
			if assert.True(t, ok, "%s cites %s, which is not in the reference copies", r.Name, ref.ID) {
				assert.Equal(t, want, ref.Name, "%s cites %s", r.Name, ref.ID)
			}
		}
	}
	assert.GreaterOrEqual(t, cited, 40)
}

func TestReferenceURLs(t *testing.T) {
	tests := []struct {
		name string
		ref  Reference
		want string
	}{
		{"an Azure Policy definition opens in the portal", Reference{Kind: KindAzurePolicy, ID: "040732e8-d947-40b8-95d6-854c95024bf8"},
			"https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F040732e8-d947-40b8-95d6-854c95024bf8"},
		{"an MCSB control links to its section", Reference{Kind: KindMCSB, ID: "PA-7", Name: "Follow just enough administration (least privilege) principle"},
			"https://learn.microsoft.com/security/benchmark/azure/mcsb-privileged-access#pa-7-follow-just-enough-administration-least-privilege-principle"},
		{"an MCSB control of an unknown family links to the overview", Reference{Kind: KindMCSB, ID: "XX-1", Name: "x"},
			"https://learn.microsoft.com/security/benchmark/azure/overview"},
		{"a CIS recommendation links to the benchmark", Reference{Kind: KindCISAKS, ID: "5.4.2"}, "https://www.cisecurity.org/benchmark/kubernetes"},
		{"an unknown kind has no URL", Reference{Kind: "other", ID: "1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, referenceURL(tt.ref))
		})
	}
}

func TestRuleNamesArePortableAcrossAnalyzerReleases(t *testing.T) {
	for _, r := range loadPack(t).Rules() {
		assert.Regexp(t, portableRuleName, r.Name)
	}
}

// analyzerRuleLike is the analyzer's heuristic for helpers that look like misnamed policies
// (warning[opa/unrecognized-rule]).
var analyzerRuleLike = regexp.MustCompile(`^(?i:stack[_-]?)?(?i:deny|denies|violation|violations|violate|warn|warns|warning|warnings|` +
	`require|requires|must|ensure|ensures|enforce|enforces|should|check|checks|validate|validates|verify|verifies|disallow|disallows|` +
	`prohibit|prohibits|forbid|forbids|restrict|restricts|block|blocks|prevent|prevents|mandate|mandates|reject|rejects)(_|-|[A-Z0-9]|$)`)

// TestThePackLoadsWithoutAnalyzerWarnings mirrors the analyzer's authoring checks: a helper that is a partial
// set/object, or a non-function helper whose name looks like a policy, is reported as an unrecognized rule, and a
// policy defined by more than one body is reported as a duplicate.
func TestThePackLoadsWithoutAnalyzerWarnings(t *testing.T) {
	bodies := map[string]int{}
	for file, m := range embeddedModules(t, ast.RegoV0) {
		for _, r := range m.Rules {
			name := r.Head.Name.String()
			if _, _, ok := classify(name); ok {
				bodies[name]++
				continue
			}
			assert.False(t, r.Head.Key != nil && len(r.Head.Args) == 0, "%s: helper %s is a partial set or object", file, name)
			assert.False(t, len(r.Head.Args) == 0 && analyzerRuleLike.MatchString(name), "%s: helper %s is named like a policy", file, name)
		}
	}
	for name, n := range bodies {
		assert.Equal(t, 1, n, "policy %s has %d bodies", name, n)
	}
}

func TestThePackCompilesAsRegoV1ForTheOPACLI(t *testing.T) {
	modules, err := readModules(packFiles)
	require.NoError(t, err)
	_, err = compile(modules, ast.RegoV1)
	require.NoError(t, err)
}

func TestLoadDirOfThePackDirectoryMatchesTheEmbeddedPack(t *testing.T) {
	fromDir, err := LoadDir(".")
	require.NoError(t, err)
	assert.Equal(t, loadPack(t).Rules(), fromDir.Rules())
}

func writePack(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

const minimalRule = `package extra

import rego.v1

deny_untagged contains msg if {
	not input.tags
	msg := sprintf("%s has no tags", [input.__name])
}

stack_warn_many contains "many" if count(input.resources) > 100

helper_value := 1
`

func TestLoadDirAcceptsAPackWithoutMetadata(t *testing.T) {
	dir := writePack(t, map[string]string{
		"PulumiPolicy.yaml":   "runtime: opa\ndescription: extra checks\n",
		"rules/tags.rego":     minimalRule,
		"rules/notes.md":      "not a policy",
		"rules/tags_test.rat": "ignored",
	})
	p, err := LoadDir(dir)
	require.NoError(t, err)
	assert.Equal(t, "extra", p.Name())
	assert.Equal(t, "extra checks", p.Description())
	assert.Equal(t, []Rule{
		{Name: "deny_untagged", Title: "deny_untagged", Severity: "medium", Enforcement: Mandatory},
		{Name: "stack_warn_many", Title: "stack_warn_many", Severity: "medium", Enforcement: Advisory, Stack: true},
	}, p.Rules())
}

func TestLoadDirErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a missing manifest", map[string]string{"a.rego": minimalRule}, "reading PulumiPolicy.yaml"},
		{"another runtime", map[string]string{"PulumiPolicy.yaml": "runtime: nodejs\n", "a.rego": minimalRule}, `runtime is "nodejs", want opa`},
		{"the admission input format", map[string]string{"PulumiPolicy.yaml": "runtime: opa\ninputFormat: kubernetes-admission\n", "a.rego": minimalRule},
			`inputFormat "kubernetes-admission" is not supported`},
		{"no Rego files", map[string]string{"PulumiPolicy.yaml": "runtime: opa\n"}, "no .rego files"},
		{"two packages", map[string]string{"PulumiPolicy.yaml": "runtime: opa\n", "a.rego": minimalRule, "b.rego": "package other\n\nimport rego.v1\n\nwarn_x contains 1 if false\n"},
			"declares package other, but the pack is package extra"},
		{"a syntax error", map[string]string{"PulumiPolicy.yaml": "runtime: opa\n", "a.rego": "package extra\n\ndeny_x contains msg if {\n"}, "compiling policies"},
		{"no policy rules", map[string]string{"PulumiPolicy.yaml": "runtime: opa\n", "a.rego": "package extra\n\nimport rego.v1\n\nx := 1\n"}, "no rule named deny"},
		{"an enforcement the name contradicts", map[string]string{"PulumiPolicy.yaml": "runtime: opa\n", "a.rego": "package extra\n\nimport rego.v1\n\n# METADATA\n# custom:\n#   enforcement: advisory\ndeny_x contains 1 if false\n"},
			`rule deny_x: enforcement "advisory" contradicts the rule name, which makes it mandatory in Pulumi`},
		{"an unknown severity", map[string]string{"PulumiPolicy.yaml": "runtime: opa\n", "a.rego": "package extra\n\nimport rego.v1\n\n# METADATA\n# custom:\n#   severity: urgent\nwarn_x contains 1 if false\n"},
			`rule warn_x: severity "urgent" is not one of critical, high, medium, low`},
	}
	for _, tt := range tests {
		t.Run("it rejects "+tt.name, func(t *testing.T) {
			_, err := LoadDir(writePack(t, tt.files))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("it rejects a path that is not a directory", func(t *testing.T) {
		_, err := LoadDir(filepath.Join("testdata", "compliant.json"))
		assert.ErrorContains(t, err, "not a directory")
	})
}

func TestValidateReportsIncompleteMetadata(t *testing.T) {
	dir := writePack(t, map[string]string{"PulumiPolicy.yaml": "runtime: opa\n", "a.rego": `package extra

import rego.v1

# METADATA
# title: Something
# custom:
#   severity: low
#   references:
#     - kind: azure-policy
#       id: not-a-guid
#       name: x
#     - kind: nist
#       id: AC-1
#       name: y
warn_somethingElse contains 1 if false
`})
	p, err := LoadDir(dir)
	require.NoError(t, err)
	err = p.validate()
	require.Error(t, err)
	for _, want := range []string{
		"rule warn_somethingElse: name must be (stack_)deny/violation/warn followed by _lowercase words",
		"rule warn_somethingElse: METADATA has no description",
		"rule warn_somethingElse: METADATA has no custom.remediation",
		"rule warn_somethingElse: METADATA has no custom.message",
		"rule warn_somethingElse: METADATA has no custom.enforcement",
		`rule warn_somethingElse: Azure Policy reference "not-a-guid" is not a definition GUID`,
		`rule warn_somethingElse: reference kind "nist" is not azure-policy, cis-aks or mcsb`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "custom.severity")
}

func TestTheREADMEListsEveryPolicy(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, r := range loadPack(t).Rules() {
		assert.Contains(t, string(readme), "| `"+r.Name+"` | "+r.Title+" | "+r.Severity+" | "+r.Enforcement+" |", "README row of %s", r.Name)
	}
}
