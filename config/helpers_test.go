package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
)

// devSource reads the dev stack exactly as the plan command and `pulumi up` see it.
func devSource(t testing.TB) config.Source {
	t.Helper()
	src, err := stackfile.Read("..", "dev")
	require.NoError(t, err)
	src.SubscriptionID = offline.SubscriptionID
	return src
}

// devSourceWith is the dev stack with some top-level keys replaced by raw JSON (an empty string deletes the key).
func devSourceWith(t testing.TB, values map[string]string) config.Source {
	t.Helper()
	src := devSource(t)
	for key, raw := range values {
		if raw == "" {
			delete(src.Values, config.Namespace+":"+key)
			continue
		}
		src.Values[config.Namespace+":"+key] = raw
	}
	return src
}

// load loads src and fails the test on any error.
func load(t testing.TB, src config.Source) *config.Config {
	t.Helper()
	cfg, err := config.Load(src)
	require.NoError(t, err)
	require.NotNil(t, cfg)
	return cfg
}

// valid is the loaded dev stack after the given changes, CAPZ style.
func valid(t testing.TB, changes ...func(*config.Config)) *config.Config {
	t.Helper()
	cfg := load(t, devSource(t))
	for _, change := range changes {
		change(cfg)
	}
	return cfg
}

// problems returns the FieldErrors of a *ValidationError and fails the test for any other error.
func problems(t testing.TB, err error) []config.FieldError {
	t.Helper()
	require.Error(t, err)
	var invalid *config.ValidationError
	require.True(t, errors.As(err, &invalid), "want a *config.ValidationError, got %T: %v", err, err)
	return invalid.Errors
}

// sshKey reads one public key line from testdata/ssh.
func sshKey(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "ssh", name))
	require.NoError(t, err)
	return strings.TrimSpace(string(data))
}

func writeFile(t testing.TB, dir, name, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
}

func readFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	return string(data), err
}

// TestMain removes every HARDAKS_* variable of the developer's shell, so that only the overrides a test sets apply.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, config.EnvPrefix+"_") {
			_ = os.Unsetenv(name)
		}
	}
	os.Exit(m.Run())
}
