package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

// What Azure changes on its own never shows up as a diff on the next `pulumi up --refresh`; what cannot change in
// place is replaced deliberately; and nothing the stack destroys needs the private network.
func TestTheResourceOptionsTheEngineActsOnAtUpdateAndDestroy(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			plan, err := planStack(stack)
			require.NoError(t, err)

			aks := plan.MustFind(t, clusterType, "hardaks-cluster-aks")
			assert.Equal(t, []string{"agentPoolProfiles[0].count", "agentPoolProfiles[0].orchestratorVersion", "kubernetesVersion"},
				aks.Options.IgnoreChanges)
			pools := plan.OfType(agentPoolType)
			require.NotEmpty(t, pools)
			for _, pool := range pools {
				assert.Equal(t, []string{"count", "orchestratorVersion"}, pool.Options.IgnoreChanges, pool.Name)
			}

			secrets := plan.OfType("azure-native:keyvault/v20230701:Secret")
			for _, secret := range secrets {
				assert.True(t, secret.Options.RetainOnDelete, secret.Name)
			}

			vms := plan.OfType("azure-native:compute/v20240701:VirtualMachine")
			require.NotEmpty(t, vms)
			for _, vm := range vms {
				assert.Equal(t, offline.ResourceOptions{
					ReplaceOnChanges: []string{"osProfile.customData"}, DeleteBeforeReplace: true, Aliases: vm.Options.Aliases,
				}, vm.Options, vm.Name)
			}

			// Everything else carries no option but the aliases its versioned package registers.
			for _, r := range plan.Resources {
				if r.Type == clusterType || r.Type == agentPoolType || r.Type == "azure-native:keyvault/v20230701:Secret" ||
					r.Type == "azure-native:compute/v20240701:VirtualMachine" {
					continue
				}
				assert.Equal(t, offline.ResourceOptions{Aliases: r.Options.Aliases}, r.Options, r.Name)
			}
		})
	}
}

// A versioned package aliases the root token, so a stack deployed with root-package tokens updates in place.
func TestVersionedResourcesAliasTheirRootToken(t *testing.T) {
	plan := dev(t)
	for _, r := range plan.Resources {
		if !r.Custom {
			continue
		}
		assert.Contains(t, r.Options.Aliases, "azure-native:"+offline.TypeKey(r.Type), r.Name)
	}
}
