package buildagent_test

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	componentType = "hardaks:buildagent:BuildAgent"
	identityType  = "azure-native:managedidentity/v20230131:UserAssignedIdentity"
	raType        = "azure-native:authorization/v20220401:RoleAssignment"
	nicType       = "azure-native:network/v20240301:NetworkInterface"
	vmType        = "azure-native:compute/v20240701:VirtualMachine"
	publicIPType  = "azure-native:network/v20240301:PublicIPAddress"

	subscriptionID = "00000000-0000-0000-0000-000000000001"
	rgID           = "/subscriptions/" + subscriptionID + "/resourceGroups/rg-hardaks-dev"
	subnetID       = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-build-agents"
	registryID     = rgID + "/providers/Microsoft.ContainerRegistry/registries/crhardaksdev"
	vaultID        = rgID + "/providers/Microsoft.KeyVault/vaults/kv-hardaks-dev"
	clusterID      = rgID + "/providers/Microsoft.ContainerService/managedClusters/aks-hardaks-dev"
	identityID     = rgID + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-hardaks-dev-agent"
	sshKey         = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvW1r0k0x1n0mNqGq7Vd3Jm3XgN1m8d4n1q0Yb2c3d4 ops@hardaks"
)

var (
	principalID = offline.GUID("principal", identityID)
	clientID    = offline.GUID("client", identityID)
)

// azureDevOpsArgs are valid arguments for two Azure DevOps agents in zones 1 and 2.
func azureDevOpsArgs() *buildagent.BuildAgentArgs {
	return &buildagent.BuildAgentArgs{
		ResourceGroupName:           pulumi.String("rg-hardaks-dev"),
		Location:                    pulumi.String("westeurope"),
		NamePrefix:                  "vm-hardaks-dev-agent",
		Count:                       2,
		AdminUsername:               "hardaksadmin",
		SSHPublicKey:                sshKey,
		SubnetID:                    pulumi.String(subnetID),
		Zones:                       []string{"1", "2"},
		RegistryName:                pulumi.String("crHardaksDev"),
		VaultName:                   pulumi.String("kv-hardaks-dev"),
		RegistrationTokenSecretName: "ci-registration-token",
		ClusterName:                 pulumi.String("aks-hardaks-dev"),
		ClusterResourceGroup:        pulumi.String("rg-hardaks-dev"),
		KubernetesNamespaces:        []string{"orders", "payments"},
		CI: buildagent.CI{
			System: buildagent.SystemAzureDevOps,
			URL:    "https://dev.azure.com/contoso",
			Pool:   "hardaks dev",
		},
		Tags: pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

// gitHubArgs are valid arguments for one GitHub Actions runner registered with a repository.
func gitHubArgs() *buildagent.BuildAgentArgs {
	args := azureDevOpsArgs()
	args.Count = 1
	args.CI = buildagent.CI{
		System: buildagent.SystemGitHubActions,
		URL:    "https://github.com/contoso/hardaks-apps",
		Labels: []string{"hardaks", "dev"},
	}
	return args
}

func outputs(b *buildagent.BuildAgent) pulumi.Map {
	return pulumi.Map{
		"identityId":          b.IdentityID,
		"identityClientId":    b.IdentityClientID,
		"identityPrincipalId": b.IdentityPrincipalID,
		"virtualMachineIds":   b.VirtualMachineIDs,
		"virtualMachineNames": b.VirtualMachineNames,
	}
}

func run(t *testing.T, args *buildagent.BuildAgentArgs) *offline.Plan {
	t.Helper()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		b, err := buildagent.NewBuildAgent(ctx, "agents", args)
		if err != nil {
			return nil, err
		}
		return outputs(b), nil
	})
	require.NoError(t, err)
	return plan
}

// constructorError returns exactly what NewBuildAgent returned, before the Pulumi runtime wraps it.
func constructorError(t *testing.T, args *buildagent.BuildAgentArgs) error {
	t.Helper()
	var got error
	_, runErr := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, got = buildagent.NewBuildAgent(ctx, "agents", args)
		return nil, got
	})
	require.Error(t, runErr)
	return got
}

// cloudConfig decodes a VM's customData.
func cloudConfig(t *testing.T, vm offline.Resource) string {
	t.Helper()
	encoded, ok := vm.Inputs["osProfile"].(map[string]any)["customData"].(string)
	require.True(t, ok, "customData is not a plain string")
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	require.NoError(t, err)
	return string(decoded)
}

// parsedCloudConfig is the part of the cloud-config the tests inspect.
type parsedCloudConfig struct {
	SSHPwauth     *bool `yaml:"ssh_pwauth"`
	PackageUpdate bool  `yaml:"package_update"`
	Packages      []string
	Users         []any
	WriteFiles    []struct {
		Path        string
		Owner       string
		Permissions string
		Content     string
	} `yaml:"write_files"`
	Runcmd []any
}

func parseCloudConfig(t *testing.T, doc string) parsedCloudConfig {
	t.Helper()
	require.True(t, strings.HasPrefix(doc, "#cloud-config\n"), "the document must start with #cloud-config")
	var parsed parsedCloudConfig
	require.NoError(t, yaml.Unmarshal([]byte(doc), &parsed))
	return parsed
}

// file returns the write_files content written to path.
func (c parsedCloudConfig) file(t *testing.T, path string) string {
	t.Helper()
	for _, f := range c.WriteFiles {
		if f.Path == path {
			return f.Content
		}
	}
	t.Fatalf("cloud-config writes no %s", path)
	return ""
}

// requireTool returns the path of a validator binary. Outside CI a missing tool skips the test; in CI (CI=true)
// it fails it, so the validators always run there.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI: %v", name, err)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, name)
	}
	return path
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// unitSettings parses a systemd unit file into "[Section] Key=Value" lines, comments and blank lines dropped, in
// file order.
func unitSettings(t *testing.T, unit string) []string {
	t.Helper()
	var settings []string
	section := ""
	for _, line := range strings.Split(unit, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = line
		default:
			require.Contains(t, line, "=", "unit line %q", line)
			settings = append(settings, section+" "+line)
		}
	}
	return settings
}

// fakeCommands writes executable shell scripts named after the keys of commands into a new directory and returns
// it, for the front of PATH.
func fakeCommands(t *testing.T, commands map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range commands {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body), 0o700))
	}
	return dir
}
