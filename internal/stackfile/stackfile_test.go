package stackfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
}

func TestReadLayersProjectAndStackConfigAndHidesSecureValues(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Pulumi.yaml", `name: demo
runtime: go
config:
  demo:monitoring:
    value:
      retentionInDays: 60
  demo:bastion:
    default:
      sku: Standard
`)
	write(t, dir, "Pulumi.prod.yaml", `config:
  azure-native:location: westeurope
  demo:bastion:
    sku: Premium
  environment:
    name: prod
  demo:vaultSecrets:
    token:
      secure: v1:abc
`)
	src, err := Read(dir, "prod")
	require.NoError(t, err)
	assert.Equal(t, "demo", src.Project)
	assert.Equal(t, "prod", src.Stack)
	assert.Equal(t, map[string]string{
		"azure-native:location": "westeurope",
		"demo:monitoring":       `{"retentionInDays":60}`,
		"demo:bastion":          `{"sku":"Premium"}`,
		"demo:environment":      `{"name":"prod"}`,
		"demo:vaultSecrets":     `{"token":"` + PlaceholderSecret + `"}`,
	}, src.Values)
	assert.Equal(t, []string{"demo:vaultSecrets"}, src.SecretKeys)
}

func TestReadReportsMissingFiles(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(dir, "dev")
	require.Error(t, err)
	assert.Equal(t, filepath.Join(dir, "Pulumi.yaml")+" does not exist: run hardaks in the project directory or pass --cwd", err.Error())

	write(t, dir, "Pulumi.yaml", "name: demo\n")
	_, err = Read(dir, "dev")
	require.Error(t, err)
	assert.Equal(t, filepath.Join(dir, "Pulumi.dev.yaml")+" does not exist: run hardaks in the project directory or pass --cwd", err.Error())
}

func TestReadRejectsMalformedYAMLAndNamelessProjects(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Pulumi.yaml", "runtime: go\n")
	_, err := Read(dir, "dev")
	require.EqualError(t, err, filepath.Join(dir, "Pulumi.yaml")+": the project has no name")

	write(t, dir, "Pulumi.yaml", "name: [unclosed\n")
	_, err = Read(dir, "dev")
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(dir, "Pulumi.yaml")+": yaml:")
}
