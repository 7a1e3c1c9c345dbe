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

// stackPlans build the plan of each example stack once per test binary.
var stackPlans = map[string]func() (*offline.Plan, error){
	"dev":  sync.OnceValues(func() (*offline.Plan, error) { return planStack("dev") }),
	"prod": sync.OnceValues(func() (*offline.Plan, error) { return planStack("prod") }),
}

// dev returns the plan of the dev stack.
func dev(t *testing.T) *offline.Plan { return planned(t, "dev") }

// prod returns the plan of the prod stack.
func prod(t *testing.T) *offline.Plan { return planned(t, "prod") }

func planned(t *testing.T, stack string) *offline.Plan {
	t.Helper()
	plan, err := stackPlans[stack]()
	require.NoError(t, err)
	return plan
}

func planStack(stack string) (*offline.Plan, error) {
	src, err := stackfile.Read(projectDir, stack)
	if err != nil {
		return nil, err
	}
	return offline.Run(offline.Options{Project: src.Project, Stack: src.Stack, Config: src.Values, SecretKeys: src.SecretKeys}, stacks.Program)
}
