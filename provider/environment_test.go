package provider_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
	"github.com/hardaks/hardaks/stacks"
)

// devArgs are the dev stack's configuration as EnvironmentArgs: each hardaks:<section> value decoded into the
// section of the same name.
func devArgs(t *testing.T) (*stacks.EnvironmentArgs, config.Source) {
	t.Helper()
	src, err := stackfile.Read("..", "dev")
	require.NoError(t, err)
	args := &stacks.EnvironmentArgs{}
	v := reflect.ValueOf(args).Elem()
	for i := range v.NumField() {
		key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if raw, ok := src.Values[config.Namespace+":"+key]; ok {
			require.NoError(t, json.Unmarshal([]byte(raw), v.Field(i).Addr().Interface()), key)
		}
	}
	return args, src
}

// The whole environment built through the provider from typed arguments registers the same resources, with the same
// inputs, as the hardaks program from the same values as stack configuration.
func TestConstructEnvironmentMatchesTheProgram(t *testing.T) {
	args, src := devArgs(t)
	viaProvider, err := constructIn(t, src.Project, src.Stack, "hardaks:index:Environment", "hardaks", inputsOf(args))
	require.NoError(t, err)
	plan, err := offline.Run(offline.Options{Project: src.Project, Stack: src.Stack, Config: src.Values, SecretKeys: src.SecretKeys}, stacks.Program)
	require.NoError(t, err)

	got, want := byName(viaProvider), map[string]offline.Resource{}
	for _, r := range plan.Resources {
		if r.Custom {
			want[r.Type+" "+r.Name] = r
		}
	}
	require.Greater(t, len(want), 50)
	require.ElementsMatch(t, keys(want), keys(got))
	for name, r := range want {
		assert.Equal(t, r.Inputs, got[name].Inputs, name)
	}
}

// Problems with the arguments come back at the configuration's keys, every one at once.
func TestConstructEnvironmentReportsEveryProblem(t *testing.T) {
	args, src := devArgs(t)
	args.Cluster.SystemPool.VMSize = "Standard_D4ps_v5"
	args.BuildAgent.Count = 11
	_, err := constructIn(t, src.Project, src.Stack, "hardaks:index:Environment", "hardaks", inputsOf(args))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hardaks:cluster.systemPool.vmSize")
	assert.Contains(t, err.Error(), "hardaks:buildAgent.count")
}
