package tests

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
	"github.com/hardaks/hardaks/stacks"
)

func TestNewEnvironmentRegistersNothingForAnInvalidConfig(t *testing.T) {
	src, err := stackfile.Read(projectDir, "dev")
	require.NoError(t, err)
	cfg, err := config.Load(src)
	require.NoError(t, err)
	cfg.Network.Subnets.Bastion = "10.40.5.0/27"

	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := stacks.NewEnvironment(ctx, "hardaks", cfg)
		return nil, err
	})
	require.Error(t, err)
	assert.Nil(t, plan)
	assert.Contains(t, err.Error(), `hardaks:network.subnets.bastion = "10.40.5.0/27": AzureBastionSubnet must be /26 or larger`)

	_, err = offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := stacks.NewEnvironment(ctx, "hardaks", nil)
		return nil, err
	})
	require.ErrorContains(t, err, "stacks: config must not be nil")
}

func TestAnotherProgramCanBuildItsOwnEnvironmentFromCode(t *testing.T) {
	src, err := stackfile.Read(projectDir, "dev")
	require.NoError(t, err)
	cfg, err := config.Load(src)
	require.NoError(t, err)
	cfg.BuildAgent.Enabled = false
	cfg.Workloads = nil

	plan, err := offline.Run(offline.Options{Stack: "platform"}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		env, err := stacks.NewEnvironment(ctx, "platform", cfg)
		if err != nil {
			return nil, err
		}
		return env.StackOutputs(), nil
	})
	require.NoError(t, err)
	plan.MustFind(t, "hardaks:index:Environment", "platform")
	assert.Empty(t, plan.OfType("azure-native:compute/v20240701:VirtualMachine"))
	assert.Empty(t, plan.OfType("azure-native:managedidentity/v20230131:FederatedIdentityCredential"))
	assert.NotContains(t, plan.Outputs, "buildAgentSshCommands")
	assert.Equal(t, "aks-hardaks-dev", plan.Outputs["clusterName"])
}
