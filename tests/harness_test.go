// Package tests holds whole-stack tests: they run the real stack program on Pulumi.dev.yaml under the offline mocks.
package tests

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
	"github.com/hardaks/hardaks/stacks"
)

const (
	projectDir = ".."
	rgID       = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
)

var (
	devOnce sync.Once
	devPlan *offline.Plan
	devErr  error
)

// dev returns the plan of the dev stack, built once per test binary.
func dev(t *testing.T) *offline.Plan {
	t.Helper()
	devOnce.Do(func() { devPlan, devErr = planStack("dev") })
	require.NoError(t, devErr)
	return devPlan
}

func planStack(stack string) (*offline.Plan, error) {
	src, err := stackfile.Read(projectDir, stack)
	if err != nil {
		return nil, err
	}
	return offline.Run(offline.Options{Project: src.Project, Stack: src.Stack, Config: src.Values, SecretKeys: src.SecretKeys}, stacks.Program)
}
