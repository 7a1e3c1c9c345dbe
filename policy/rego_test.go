package policy

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// embeddedModules parses every .rego file of the pack with the given Rego version.
func embeddedModules(t *testing.T, version ast.RegoVersion) map[string]*ast.Module {
	t.Helper()
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(packFiles, ".", func(name string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.IsDir() || path.Ext(name) != ".rego" {
			return nil
		}
		src, err := fs.ReadFile(packFiles, name)
		require.NoError(t, err)
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: version, ProcessAnnotation: true})
		require.NoError(t, err, "parsing %s as Rego %s", name, version)
		modules[name] = m
		return nil
	})
	require.NoError(t, err)
	return modules
}

// TestRegoUnitTests runs every test_ rule of the *_test.rego files, parsed both as the Pulumi analyzer parses
// them (Rego v0 with import rego.v1) and as `opa test` does (Rego v1), so `go test` fails when a Rego test fails.
func TestRegoUnitTests(t *testing.T) {
	for _, version := range []ast.RegoVersion{ast.RegoV0, ast.RegoV1} {
		t.Run("the unit tests pass when the pack is parsed as Rego "+version.String(), func(t *testing.T) {
			modules := embeddedModules(t, version)
			runner := tester.NewRunner().
				SetCompiler(ast.NewCompiler().WithDefaultRegoVersion(version).WithEnablePrintStatements(true)).
				SetModules(modules).
				SetTimeout(time.Minute)
			results, err := runner.RunTests(context.Background(), nil)
			require.NoError(t, err)
			var ran []string
			for r := range results {
				ran = append(ran, r.Name)
				if r.Error != nil {
					t.Errorf("%s: error: %v", r.Name, r.Error)
				} else if r.Fail {
					t.Errorf("%s: FAIL %s", r.Name, strings.TrimSpace(string(r.Output)))
				}
			}
			assert.Greater(t, len(ran), 100, "too few Rego tests ran")
		})
	}
}

var testRuleName = regexp.MustCompile(`^test_(.+)_(pass|fail)(_[a-z0-9_]+)?$`)

// TestEveryRuleHasPassingAndFailingRegoTests requires, for every policy, a test_<rule>_pass... and a
// test_<rule>_fail... Rego test.
func TestEveryRuleHasPassingAndFailingRegoTests(t *testing.T) {
	pack, err := Load()
	require.NoError(t, err)
	cases := map[string]map[string]int{}
	for _, m := range embeddedModules(t, ast.RegoV0) {
		for _, r := range m.Rules {
			match := testRuleName.FindStringSubmatch(r.Head.Name.String())
			if match == nil {
				continue
			}
			if cases[match[1]] == nil {
				cases[match[1]] = map[string]int{}
			}
			cases[match[1]][match[2]]++
		}
	}
	var missing []string
	for _, rule := range pack.Rules() {
		if cases[rule.Name]["pass"] == 0 {
			missing = append(missing, "test_"+rule.Name+"_pass")
		}
		if cases[rule.Name]["fail"] == 0 {
			missing = append(missing, "test_"+rule.Name+"_fail")
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "rules without a passing or failing Rego test")
}
