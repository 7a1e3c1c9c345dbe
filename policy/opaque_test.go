package policy

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

// secretSentinel is a secret's plaintext: the analyzer passes it into the input, and no message may contain it.
const secretSentinel = "s3ntinel-plaintext-7f2c9e"

// valuePaths lists the path of every value in v (objects and arrays included), as steps for replaceAt.
func valuePaths(v any, prefix []string) [][]string {
	var out [][]string
	switch v := v.(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(v))
		for _, k := range keys {
			path := append(append([]string{}, prefix...), k)
			out = append(out, path)
			out = append(out, valuePaths(v[k], path)...)
		}
	case []any:
		for i, e := range v {
			path := append(append([]string{}, prefix...), fmt.Sprint(i))
			out = append(out, path)
			out = append(out, valuePaths(e, path)...)
		}
	}
	return out
}

// replaceAt returns a deep copy of root with the value at path replaced.
func replaceAt(root map[string]any, path []string, value any) map[string]any {
	return replaceIn(root, path, value).(map[string]any)
}

func replaceIn(v any, path []string, value any) any {
	if len(path) == 0 {
		return value
	}
	switch v := v.(type) {
	case map[string]any:
		out := maps.Clone(v)
		out[path[0]] = replaceIn(v[path[0]], path[1:], value)
		return out
	case []any:
		out := append([]any{}, v...)
		var i int
		fmt.Sscan(path[0], &i)
		out[i] = replaceIn(v[i], path[1:], value)
		return out
	}
	return v
}

// opaqueValues are the two values the analyzer cannot show: one not known yet, and a secret with its plaintext.
var opaqueValues = map[string]any{
	"unknown": offline.UnknownPlaceholder,
	"secret":  resource.MakeSecret(resource.NewProperty(secretSentinel)),
}

// TestNoRuleDecidesOnAnUnknownOrASecretValue replaces, one at a time, every value of every resource of the compliant
// fixture (every input for the resource rules, every output for the stack rules) with an unknown value and with a
// secret: no rule may report anything, since an unknown value is neither absent nor non-compliant, and no message may
// contain the secret's plaintext.
func TestNoRuleDecidesOnAnUnknownOrASecretValue(t *testing.T) {
	p := loadPack(t)
	ctx := context.Background()
	stack := readPhases(t).Update
	checked := 0
	for i, r := range stack {
		if !r.Custom {
			continue
		}
		for _, path := range valuePaths(r.Inputs, nil) {
			for kind, value := range opaqueValues {
				changed := r
				changed.Inputs = replaceAt(r.Inputs, path, value)
				findings, err := p.analyze(ctx, []offline.Resource{changed})
				require.NoError(t, err)
				assert.Empty(t, findings, "%s input %s %s", r.Name, strings.Join(path, "."), kind)
				assertNoSentinel(t, findings)
				checked++
			}
		}
		for _, path := range valuePaths(r.Outputs, nil) {
			for kind, value := range opaqueValues {
				changed := append([]offline.Resource{}, stack...)
				changed[i].Outputs = replaceAt(r.Outputs, path, value)
				findings, err := p.analyzeStack(ctx, changed)
				require.NoError(t, err)
				assert.Empty(t, findings, "%s output %s %s", r.Name, strings.Join(path, "."), kind)
				assertNoSentinel(t, findings)
				checked++
			}
		}
	}
	assert.Greater(t, checked, 1000)
}

func assertNoSentinel(t *testing.T, findings []Finding) {
	t.Helper()
	for _, f := range findings {
		assert.NotContains(t, f.Message, secretSentinel, f.Policy)
	}
}

// TestASecretViolationIsReportedWithoutItsPlaintext: a secret administrator password is a password; the finding says
// so without the secret.
func TestASecretViolationIsReportedWithoutItsPlaintext(t *testing.T) {
	p := loadPack(t)
	stack := readPhases(t)
	secret := resource.MakeSecret(resource.NewProperty(secretSentinel))
	for _, view := range [][]offline.Resource{stack.FirstPreview, stack.Update} {
		vm := byName(t, view, "hardaks-buildagent-vm-01")
		vm.Inputs = replaceAt(vm.Inputs, []string{"osProfile", "adminPassword"}, secret)
		vm.Outputs = replaceAt(vm.Outputs, []string{"osProfile", "adminPassword"}, secret)
	}
	rep := evaluate(t, p, stack)
	require.Len(t, rep.Findings, 1)
	assert.Equal(t, Finding{Policy: "deny_vm_ssh_keys_only", Severity: "critical", Phase: PhaseFirstPreview,
		Resource: byName(t, stack.Update, "hardaks-buildagent-vm-01").URN,
		Message:  `VirtualMachine "hardaks-buildagent-vm-01" sets an administrator password (osProfile.adminPassword)`}, rep.Findings[0])
	doc := ResourceInput(*byName(t, stack.Update, "hardaks-buildagent-vm-01"))
	assert.Equal(t, resource.MakeSecret(resource.NewProperty(secretSentinel)).SecretValue(),
		doc["osProfile"].(map[string]any)["adminPassword"], "the analyzer passes the plaintext, and so does the evaluator")
}
