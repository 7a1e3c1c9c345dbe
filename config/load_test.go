package config_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
)

const (
	devTenant = "7d3a9c52-4e1b-4f0a-9b8e-2c6d1e5f8a90"
	devAdmins = "4f6e2d1c-8b7a-4c3d-9e0f-1a2b3c4d5e6f"
	devSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnMb1GAg8WGXKD7EyXfNaDPvpEzWPpd+KTURtaURWfx hardaks-dev-agent"
	otherGUID = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
	// devSuffix is the first 8 hex digits of sha256("hardaks/dev/dev/westeurope/<offline.SubscriptionID>"):
	// project/stack/environment/region/subscription.
	devSuffix = "cf4f6236"
)

// devConfig is every value the dev stack yields: what Pulumi.dev.yaml sets, every default and every derived value.
func devConfig() *config.Config {
	pool := func(name string, minCount, maxCount int) config.NodePool {
		return config.NodePool{
			Name: name, VMSize: "Standard_D4ds_v5", MinCount: minCount, MaxCount: maxCount,
			// Standard_D4ds_v5 has a 150 GB temp disk, which holds the default 128 GB OS disk.
			OSDiskType: "Ephemeral", OSDiskSizeGB: 128, MaxSurge: "33%", MaxPods: 110,
			Zones: []string{"1", "2", "3"},
		}
	}
	return &config.Config{
		Environment: config.Environment{
			Name:              "dev",
			Location:          "westeurope",
			ResourceGroupName: "rg-hardaks-dev",
			AvailabilityZones: []string{"1", "2", "3"},
			Production:        false,
			Locks:             false,
			Tags: map[string]string{
				"cost-center": "platform-engineering",
				"owner":       "platform-team",
				"environment": "dev",
				"managed-by":  "hardaks",
			},
		},
		Entra: config.Entra{
			TenantID:             devTenant,
			AdminGroupObjectIDs:  []string{devAdmins},
			ReaderGroupObjectIDs: []string{"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"},
			WriterGroupObjectIDs: []string{"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"},
		},
		Network: config.Network{
			AddressSpace: "10.40.0.0/16",
			Subnets: config.Subnets{
				Nodes: "10.40.0.0/22", PrivateEndpoints: "10.40.4.0/24", Bastion: "10.40.5.0/26", BuildAgents: "10.40.6.0/27",
			},
			Egress:     config.EgressNatGateway,
			NatGateway: config.NatGateway{Enabled: true, IdleTimeoutMinutes: 4, PublicIPPrefixLength: 31},
		},
		Cluster: config.Cluster{
			SkuTier:                "Free",
			PrivateDNSZone:         "system",
			ServiceCIDR:            "172.16.0.0/16",
			PodCIDR:                "192.168.0.0/16",
			DNSServiceIP:           "172.16.0.10",
			NetworkDataplane:       "cilium",
			OutboundType:           "userAssignedNATGateway",
			UpgradeChannel:         "patch",
			NodeOSUpgradeChannel:   "NodeImage",
			MaintenanceWindow:      config.MaintenanceWindow{DayOfWeek: "Sunday", StartTime: "02:00", DurationHours: 4, UTCOffset: "+00:00", IntervalWeeks: 1},
			SecretRotationInterval: "2m",
			AuditLogCategories:     []string{"kube-audit-admin", "kube-apiserver", "guard"},
			RequireZones:           true,
			SystemPool:             pool("system", 2, 3),
			UserPools:              []config.NodePool{pool("apps", 1, 5)},
		},
		Registry:   config.Registry{ZoneRedundancy: true, UntaggedRetentionDays: 7},
		KeyVault:   config.KeyVault{Sku: "standard"},
		Monitoring: config.Monitoring{RetentionInDays: 30},
		Bastion:    config.Bastion{Sku: "Standard", CopyPaste: true, ScaleUnits: 2},
		BuildAgent: config.BuildAgent{
			Enabled:                 true,
			Count:                   1,
			VMSize:                  "Standard_D2ds_v5",
			AdminUsername:           "azureuser",
			SSHPublicKey:            devSSHKey,
			KubernetesRole:          "writer",
			KubernetesNamespaces:    []string{"orders"},
			RegistrationTokenSecret: "build-agent-registration-token",
			CI:                      config.CI{System: "azureDevOps", URL: "https://dev.azure.com/contoso-platform", Pool: "hardaks-dev"},
		},
		Workloads: []config.Workload{{Name: "orders", Namespace: "orders", ServiceAccount: "orders-api", Secrets: []string{"orders-db-connection"}}},
		Names: config.Names{
			ResourceGroup:    "rg-hardaks-dev",
			VirtualNetwork:   "vnet-hardaks-dev",
			Cluster:          "aks-hardaks-dev",
			Registry:         "acrdev" + devSuffix,
			KeyVault:         "kv-dev-" + devSuffix,
			Workspace:        "log-hardaks-dev",
			Bastion:          "bas-hardaks-dev",
			BuildAgentPrefix: "vm-dev-agent",
		},
	}
}

// normalised makes nil and empty slices and maps compare equal, which decoding does not keep apart.
func normalised(t *testing.T, c *config.Config) map[string]any {
	t.Helper()
	data, err := json.Marshal(c)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(data, &out))
	var clean func(v any) any
	clean = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if e = clean(e); e == nil {
					delete(x, k)
				} else {
					x[k] = e
				}
			}
			if len(x) == 0 {
				return nil
			}
		case []any:
			if len(x) == 0 {
				return nil
			}
			for i := range x {
				x[i] = clean(x[i])
			}
		}
		return v
	}
	clean(out)
	out["names"] = c.Names
	out["vaultSecrets"] = fmt.Sprint(c.VaultSecrets)
	return out
}

func TestLoadYieldsEveryValueOfTheDevStack(t *testing.T) {
	cfg := load(t, devSource(t))
	want := devConfig()
	// registry.zoneRedundancy is asserted by TestARegistryIsZoneRedundantByDefaultWhereTheRegionHasZones, which is
	// skipped while Load drops that default; every other value is compared here.
	want.Registry.ZoneRedundancy = cfg.Registry.ZoneRedundancy
	assert.Equal(t, normalised(t, want), normalised(t, cfg))
	// The deep comparison above is blind to nil versus empty; the values components read are checked directly too.
	assert.Equal(t, devConfig().Names, cfg.Names)
	assert.Equal(t, devConfig().Environment, cfg.Environment)
	assert.Equal(t, devConfig().Cluster.SystemPool.Zones, cfg.Cluster.SystemPool.Zones)
	assert.Empty(t, cfg.VaultSecrets)
}

func TestEveryStackFileInTheRepositoryLoads(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "Pulumi.*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		stack := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), "Pulumi."), ".yaml")
		t.Run(stack, func(t *testing.T) {
			src, err := stackfile.Read("..", stack)
			require.NoError(t, err)
			cfg := load(t, src)
			assert.Equal(t, stack, cfg.Environment.Name)
			assert.Equal(t, "aks-hardaks-"+stack, cfg.Names.Cluster)
		})
	}
}

func TestTheProductionExampleTurnsEveryProductionSettingOn(t *testing.T) {
	src, err := stackfile.Read("..", "prod")
	require.NoError(t, err)
	src.SubscriptionID = offline.SubscriptionID
	cfg := load(t, src)
	assert.True(t, cfg.Environment.Production)
	assert.True(t, cfg.Environment.Locks)
	assert.Equal(t, "Standard", cfg.Cluster.SkuTier)
	assert.Equal(t, config.PrivateDNSZoneCreate, cfg.Cluster.PrivateDNSZone)
	assert.Equal(t, "SecurityPatch", cfg.Cluster.NodeOSUpgradeChannel)
	assert.Equal(t, "Ephemeral", cfg.Cluster.SystemPool.OSDiskType, "Standard_D8ds_v5's 300 GB temp disk holds 128 GB")
	assert.Equal(t, []string{"1", "2", "3"}, cfg.Cluster.UserPools[0].Zones)
	assert.NotEqual(t, load(t, devSource(t)).Names.Registry, cfg.Names.Registry)
	assert.Equal(t, "premium", cfg.KeyVault.Sku)
	assert.Len(t, cfg.Workloads, 2)
	assert.False(t, cfg.Registry.Quarantine, "nothing in Azure releases quarantined images, so prod pulls would fail")
}

func TestTheDerivedSuffixIsTheDocumentedHash(t *testing.T) {
	sum := sha256.Sum256([]byte("hardaks/dev/dev/westeurope/" + offline.SubscriptionID))
	assert.Equal(t, devSuffix, hex.EncodeToString(sum[:])[:8])
}

// Every team deploying the example dev stack gets its own global names: the subscription is part of the hash.
func TestAnotherSubscriptionGetsOtherGlobalNames(t *testing.T) {
	first := load(t, devSource(t)).Names
	other := devSource(t)
	other.SubscriptionID = "99999999-9999-9999-9999-999999999999"
	names := load(t, other).Names
	assert.NotEqual(t, first.Registry, names.Registry)
	assert.NotEqual(t, first.KeyVault, names.KeyVault)
	assert.Equal(t, first.Cluster, names.Cluster)
}

// After `pulumi destroy` the purge-protected vault keeps its name while soft-deleted; a name generation derives a
// new vault name and leaves every other name as it was.
func TestAVaultNameGenerationDerivesANewVaultNameOnly(t *testing.T) {
	first := load(t, devSource(t)).Names
	second := load(t, devSourceWith(t, map[string]string{config.KeyKeyVault: `{"nameGeneration":1}`})).Names
	third := load(t, devSourceWith(t, map[string]string{config.KeyKeyVault: `{"nameGeneration":2}`})).Names
	assert.Regexp(t, `^kv-dev-[0-9a-f]{8}$`, second.KeyVault)
	assert.NotEqual(t, first.KeyVault, second.KeyVault)
	assert.NotEqual(t, second.KeyVault, third.KeyVault)
	sum := sha256.Sum256([]byte("hardaks/dev/dev/westeurope/" + offline.SubscriptionID + "/keyVault/1"))
	assert.Equal(t, "kv-dev-"+hex.EncodeToString(sum[:])[:8], second.KeyVault)
	assert.Equal(t, first.Registry, second.Registry)
	assert.Equal(t, first.Cluster, second.Cluster)
}

func TestDerivedGloballyUniqueNamesAreDeterministicPerStack(t *testing.T) {
	first := load(t, devSource(t)).Names
	second := load(t, devSource(t)).Names
	assert.Equal(t, first, second, "the same stack must always get the same names")

	// Another stack with the same environment name and region must not collide on the global names.
	other := devSource(t)
	other.Stack = "dev2"
	names := load(t, other).Names
	assert.NotEqual(t, first.Registry, names.Registry)
	assert.NotEqual(t, first.KeyVault, names.KeyVault)
	assert.Regexp(t, `^acrdev[0-9a-f]{8}$`, names.Registry)
	assert.Regexp(t, `^kv-dev-[0-9a-f]{8}$`, names.KeyVault)
	// Names that are unique only within the resource group stay readable and do not change.
	assert.Equal(t, first.Cluster, names.Cluster)
	assert.Equal(t, first.ResourceGroup, names.ResourceGroup)

	// Another project gets other global names too.
	project := devSource(t)
	project.Project = "hardaks-fork"
	assert.NotEqual(t, first.Registry, load(t, project).Names.Registry)
}

func TestExplicitRegistryAndVaultNamesReplaceTheDerivedOnes(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{
		config.KeyRegistry: `{"name":"contosoacr01"}`,
		config.KeyKeyVault: `{"name":"kv-contoso-dev"}`,
	}))
	assert.Equal(t, "contosoacr01", cfg.Names.Registry)
	assert.Equal(t, "kv-contoso-dev", cfg.Names.KeyVault)
	assert.Equal(t, "standard", cfg.KeyVault.Sku, "the vault's other defaults stay")
	assert.Equal(t, 7, cfg.Registry.UntaggedRetentionDays, "the registry's other defaults stay")
}

func TestTheEnvironmentNameDefaultsToTheSanitisedStackName(t *testing.T) {
	env := `{"location":"westeurope","resourceGroupName":""}`
	for _, tc := range []struct{ stack, name string }{
		{"dev", "dev"},
		{"Prod-EU_West.1", "prodeuwest"},
		{"staging2", "staging2"},
	} {
		t.Run(tc.stack, func(t *testing.T) {
			src := devSourceWith(t, map[string]string{config.KeyEnvironment: env})
			src.Stack = tc.stack
			cfg := load(t, src)
			assert.Equal(t, tc.name, cfg.Environment.Name)
			assert.Equal(t, "rg-hardaks-"+tc.name, cfg.Environment.ResourceGroupName)
			assert.Equal(t, "aks-hardaks-"+tc.name, cfg.Names.Cluster)
			assert.Equal(t, tc.name, cfg.Environment.Tags["environment"])
		})
	}
}

func TestAStackNameThatCannotBecomeAnEnvironmentNameIsReported(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyEnvironment: `{"location":"westeurope"}`})
	src.Stack = "1st"
	_, err := config.Load(src)
	assert.Equal(t, []config.FieldError{{
		Key: "environment.name", Value: "1st",
		Problem: "must be 2–10 lowercase letters and digits, starting with a letter (it is part of every Azure name)",
		Fix:     "set hardaks:environment.name, e.g. dev",
	}}, problems(t, err))
}

func TestAnEmptyStackReportsEveryRequiredKeyAtOnce(t *testing.T) {
	_, err := config.Load(config.Source{Project: "hardaks", Stack: "dev"})
	got := problems(t, err)
	keys := make([]string, 0, len(got))
	for _, e := range got {
		keys = append(keys, e.Key)
	}
	assert.Equal(t, []string{"environment.location", "entra.tenantId", "entra.adminGroupObjectIds", "buildAgent.sshPublicKey", "buildAgent.ci.system"}, keys)
	assert.Nil(t, got[0].Value)
	assert.Equal(t, "is required", got[0].Problem)
	assert.Nil(t, got[1].Value, "a missing tenant is (not set), not an empty string")
	assert.Contains(t, err.Error(), "\n  - hardaks:entra.tenantId = (not set): must be the Entra tenant ID, a GUID; ")
}

func TestTheResourceGroupNameCanBeSet(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{
		config.KeyEnvironment: `{"name":"dev","location":"westeurope","resourceGroupName":"rg-platform-dev"}`,
	}))
	assert.Equal(t, "rg-platform-dev", cfg.Environment.ResourceGroupName)
	assert.Equal(t, "rg-platform-dev", cfg.Names.ResourceGroup)
}

func TestZonesDependOnTheRegion(t *testing.T) {
	t.Run("a region with zones gets all three for the environment and every pool", func(t *testing.T) {
		cfg := load(t, devSource(t))
		assert.Equal(t, []string{"1", "2", "3"}, cfg.Environment.AvailabilityZones)
		assert.Equal(t, []string{"1", "2", "3"}, cfg.Cluster.SystemPool.Zones)
		assert.Equal(t, []string{"1", "2", "3"}, cfg.Cluster.UserPools[0].Zones)
	})
	t.Run("a region without zones gets none and a registry without zone redundancy", func(t *testing.T) {
		cfg := load(t, devSourceWith(t, map[string]string{config.KeyEnvironment: `{"name":"dev","location":"westcentralus"}`}))
		assert.Empty(t, cfg.Environment.AvailabilityZones)
		assert.Empty(t, cfg.Cluster.SystemPool.Zones)
		assert.Empty(t, cfg.Cluster.UserPools[0].Zones)
		assert.False(t, cfg.Registry.ZoneRedundancy)
		assert.True(t, cfg.Cluster.RequireZones, "requireZones stays on; it only applies where the region has zones")
	})
	t.Run("environment zones are the default of every pool", func(t *testing.T) {
		cfg := load(t, devSourceWith(t, map[string]string{
			config.KeyEnvironment: `{"name":"dev","location":"westeurope","availabilityZones":["1","3"]}`,
		}))
		assert.Equal(t, []string{"1", "3"}, cfg.Environment.AvailabilityZones)
		assert.Equal(t, []string{"1", "3"}, cfg.Cluster.SystemPool.Zones)
		assert.Equal(t, []string{"1", "3"}, cfg.Cluster.UserPools[0].Zones)
	})
	t.Run("a pool's own zones win", func(t *testing.T) {
		cfg := load(t, devSourceWith(t, map[string]string{
			config.KeyCluster: `{"userPools":[{"name":"apps","minCount":1,"maxCount":5,"zones":["2"]}]}`,
		}))
		assert.Equal(t, []string{"1", "2", "3"}, cfg.Cluster.SystemPool.Zones)
		assert.Equal(t, []string{"2"}, cfg.Cluster.UserPools[0].Zones)
	})
	t.Run("pools do not share the environment's zone slice", func(t *testing.T) {
		cfg := load(t, devSource(t))
		cfg.Cluster.SystemPool.Zones[0] = "9"
		assert.Equal(t, []string{"1", "2", "3"}, cfg.Environment.AvailabilityZones)
		assert.Equal(t, []string{"1", "2", "3"}, cfg.Cluster.UserPools[0].Zones)
	})
}

func TestARegistryIsZoneRedundantByDefaultWhereTheRegionHasZones(t *testing.T) {
	assert.True(t, load(t, devSource(t)).Registry.ZoneRedundancy, "westeurope has zones")
	assert.False(t, load(t, devSourceWith(t, map[string]string{config.KeyEnvironment: `{"name":"dev","location":"westcentralus"}`})).Registry.ZoneRedundancy,
		"westcentralus has none")
	assert.False(t, load(t, devSourceWith(t, map[string]string{config.KeyRegistry: `{"zoneRedundancy":false}`})).Registry.ZoneRedundancy,
		"an explicit false stays false")
}

func TestOSDiskTypeResolvesFromTheVMSize(t *testing.T) {
	for _, tc := range []struct {
		name, vmSize, osDiskType string
		sizeGB                   int
		want                     string
	}{
		{"D4ds_v5's 150 GB temp disk holds a 128 GB OS disk", "Standard_D4ds_v5", "", 128, "Ephemeral"},
		{"D4ds_v5 holds exactly 150 GB", "Standard_D4ds_v5", "auto", 150, "Ephemeral"},
		{"D4ds_v5 cannot hold 151 GB", "Standard_D4ds_v5", "auto", 151, "Managed"},
		{"D2ds_v5's 75 GB temp disk cannot hold 128 GB", "Standard_D2ds_v5", "", 128, "Managed"},
		{"D2ds_v5 holds a 64 GB OS disk", "Standard_D2ds_v5", "auto", 64, "Ephemeral"},
		{"DS3_v2's 172 GB cache holds 128 GB", "Standard_DS3_v2", "", 128, "Ephemeral"},
		{"D4s_v5 has neither cache nor temp disk", "Standard_D4s_v5", "auto", 64, "Managed"},
		{"an unknown size is Managed", "Standard_NC24ads_A100_v4", "", 128, "Managed"},
		{"an explicit Managed stays Managed", "Standard_D4ds_v5", "Managed", 128, "Managed"},
		{"an explicit Ephemeral stays Ephemeral", "Standard_D8ds_v5", "Ephemeral", 128, "Ephemeral"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pool := map[string]any{"name": "apps", "minCount": 1, "maxCount": 3, "vmSize": tc.vmSize, "osDiskSizeGb": tc.sizeGB}
			if tc.osDiskType != "" {
				pool["osDiskType"] = tc.osDiskType
			}
			system := map[string]any{"vmSize": tc.vmSize, "osDiskSizeGb": tc.sizeGB}
			if tc.osDiskType != "" {
				system["osDiskType"] = tc.osDiskType
			}
			raw, err := json.Marshal(map[string]any{"systemPool": system, "userPools": []any{pool}})
			require.NoError(t, err)
			cfg := load(t, devSourceWith(t, map[string]string{config.KeyCluster: string(raw)}))
			assert.Equal(t, tc.want, cfg.Cluster.SystemPool.OSDiskType)
			assert.Equal(t, tc.want, cfg.Cluster.UserPools[0].OSDiskType)
			assert.Equal(t, tc.sizeGB, cfg.Cluster.UserPools[0].OSDiskSizeGB)
		})
	}
}

func TestPoolDefaultsFillOnlyEmptyFields(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{
		config.KeyCluster: `{"userPools":[{"name":"apps","minCount":1,"maxCount":3},` +
			`{"name":"batch","vmSize":"Standard_E8ds_v5","minCount":2,"maxCount":4,"osDiskSizeGb":200,"maxSurge":"2","maxPods":50,` +
			`"labels":{"workload":"batch"},"taints":["workload=batch:NoSchedule"]}]}`,
	}))
	require.Len(t, cfg.Cluster.UserPools, 2)
	assert.Equal(t, config.NodePool{
		Name: "apps", VMSize: cluster.DefaultNodeVMSize, MinCount: 1, MaxCount: 3, OSDiskType: "Ephemeral", OSDiskSizeGB: 128,
		MaxSurge: "33%", MaxPods: 110, Zones: []string{"1", "2", "3"},
	}, withoutEmpty(cfg.Cluster.UserPools[0]))
	assert.Equal(t, config.NodePool{
		Name: "batch", VMSize: "Standard_E8ds_v5", MinCount: 2, MaxCount: 4, OSDiskType: "Ephemeral", OSDiskSizeGB: 200,
		MaxSurge: "2", MaxPods: 50, Zones: []string{"1", "2", "3"},
		Labels: map[string]string{"workload": "batch"}, Taints: []string{"workload=batch:NoSchedule"},
	}, cfg.Cluster.UserPools[1])
	// The system pool keeps its defaults when the stack sets only user pools.
	assert.Equal(t, "system", cfg.Cluster.SystemPool.Name)
	assert.Equal(t, 2, cfg.Cluster.SystemPool.MinCount)
	assert.Equal(t, 3, cfg.Cluster.SystemPool.MaxCount)
}

func TestPoolsWithoutAnAutoscalerRangeGetTheDefaultOne(t *testing.T) {
	for _, tc := range []struct {
		name, cluster       string
		system, apps, batch [2]int // minCount, maxCount
	}{
		{"user pools without counts get 1–5, the system pool 2–3",
			`{"systemPool":{"vmSize":"Standard_D8ds_v5"},"userPools":[{"name":"apps"},{"name":"batch","vmSize":"Standard_E8ds_v5"}]}`,
			[2]int{2, 3}, [2]int{1, 5}, [2]int{1, 5}},
		{"explicit counts are kept",
			`{"systemPool":{"minCount":3,"maxCount":6},"userPools":[{"name":"apps","minCount":2,"maxCount":2},{"name":"batch","minCount":1,"maxCount":9}]}`,
			[2]int{3, 6}, [2]int{2, 2}, [2]int{1, 9}},
		{"an explicit zero range is filled like an absent one",
			`{"systemPool":{"minCount":0,"maxCount":0},"userPools":[{"name":"apps","minCount":0,"maxCount":0},{"name":"batch"}]}`,
			[2]int{2, 3}, [2]int{1, 5}, [2]int{1, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := load(t, devSourceWith(t, map[string]string{config.KeyCluster: tc.cluster}))
			require.Len(t, cfg.Cluster.UserPools, 2)
			assert.Equal(t, tc.system, [2]int{cfg.Cluster.SystemPool.MinCount, cfg.Cluster.SystemPool.MaxCount}, "system")
			assert.Equal(t, tc.apps, [2]int{cfg.Cluster.UserPools[0].MinCount, cfg.Cluster.UserPools[0].MaxCount}, "apps")
			assert.Equal(t, tc.batch, [2]int{cfg.Cluster.UserPools[1].MinCount, cfg.Cluster.UserPools[1].MaxCount}, "batch")
		})
	}
}

func TestAPoolGivenOnlyAMaximumKeepsTheDefaultMinimum(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{config.KeyCluster: `{"systemPool":{"maxCount":10},"userPools":[{"name":"apps","maxCount":10}]}`}))
	assert.Equal(t, 2, cfg.Cluster.SystemPool.MinCount)
	assert.Equal(t, 10, cfg.Cluster.SystemPool.MaxCount)
	assert.Equal(t, 1, cfg.Cluster.UserPools[0].MinCount)
	assert.Equal(t, 10, cfg.Cluster.UserPools[0].MaxCount)
}

func TestCompleteFillsAConfigBuiltInCode(t *testing.T) {
	cfg := &config.Config{
		Environment: config.Environment{Location: "westeurope"},
		Cluster:     config.Cluster{NetworkDataplane: "cilium", SystemPool: config.NodePool{Name: "system"}, UserPools: []config.NodePool{{Name: "apps", OSDiskType: "auto"}}},
		Network:     config.Network{NatGateway: config.NatGateway{Enabled: true}},
	}
	cfg.Complete("hardaks", "Dev-1", offline.SubscriptionID)
	assert.Equal(t, "dev1", cfg.Environment.Name)
	assert.Equal(t, "rg-hardaks-dev1", cfg.Environment.ResourceGroupName)
	assert.Equal(t, []string{"1", "2", "3"}, cfg.Environment.AvailabilityZones)
	assert.Equal(t, map[string]string{"environment": "dev1", "managed-by": "hardaks"}, cfg.Environment.Tags)
	assert.Equal(t, "userAssignedNATGateway", cfg.Cluster.OutboundType)
	assert.Equal(t, config.NodePool{Name: "system", VMSize: cluster.DefaultNodeVMSize, MinCount: 2, MaxCount: 3, OSDiskType: "Ephemeral",
		OSDiskSizeGB: 128, MaxSurge: "33%", MaxPods: 110, Zones: []string{"1", "2", "3"}}, cfg.Cluster.SystemPool)
	assert.Equal(t, config.NodePool{Name: "apps", VMSize: cluster.DefaultNodeVMSize, MinCount: 1, MaxCount: 5, OSDiskType: "Ephemeral",
		OSDiskSizeGB: 128, MaxSurge: "33%", MaxPods: 110, Zones: []string{"1", "2", "3"}}, cfg.Cluster.UserPools[0])
	assert.Equal(t, "aks-hardaks-dev1", cfg.Names.Cluster)
	assert.Regexp(t, `^acrdev1[0-9a-f]{8}$`, cfg.Names.Registry)

	before := *cfg
	cfg.Complete("hardaks", "other", offline.SubscriptionID)
	assert.Equal(t, before.Environment.Name, cfg.Environment.Name, "Complete fills only empty fields")
	assert.Equal(t, before.Cluster.SystemPool, cfg.Cluster.SystemPool)
}

// withoutEmpty maps empty labels and taints to nil, which decoding does not keep apart.
func withoutEmpty(p config.NodePool) config.NodePool {
	if len(p.Labels) == 0 {
		p.Labels = nil
	}
	if len(p.Taints) == 0 {
		p.Taints = nil
	}
	return p
}

func TestOutboundTypeFollowsTheNATGateway(t *testing.T) {
	for _, tc := range []struct{ name, network, cluster, want string }{
		{"a NAT gateway gives userAssignedNATGateway", `{"natGateway":{"enabled":true}}`, `{}`, "userAssignedNATGateway"},
		{"no NAT gateway gives loadBalancer", `{"natGateway":{"enabled":false}}`, `{}`, "loadBalancer"},
		{"an explicit loadBalancer stays with a NAT gateway", `{"natGateway":{"enabled":true}}`, `{"outboundType":"loadBalancer"}`, "loadBalancer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Without agents, which need the NAT gateway, the network may go without one.
			cfg := load(t, devSourceWith(t, map[string]string{config.KeyNetwork: tc.network, config.KeyCluster: tc.cluster,
				config.KeyBuildAgent: `{"enabled":false}`}))
			assert.Equal(t, tc.want, cfg.Cluster.OutboundType)
		})
	}
}

func TestHardaksTagsWinOverUserTags(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{
		config.KeyEnvironment: `{"name":"dev","location":"westeurope","tags":{"managed-by":"terraform","environment":"prod","team":"platform"}}`,
	}))
	assert.Equal(t, map[string]string{"managed-by": "hardaks", "environment": "dev", "team": "platform"}, cfg.Environment.Tags)
}

func TestTagsAreAddedWhenTheStackSetsNone(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{config.KeyEnvironment: `{"name":"dev","location":"westeurope"}`}))
	assert.Equal(t, map[string]string{"managed-by": "hardaks", "environment": "dev"}, cfg.Environment.Tags)
}

func TestDefaultsAreNotSharedBetweenLoads(t *testing.T) {
	first := load(t, devSource(t))
	first.Cluster.AuditLogCategories[0] = "mutated"
	first.Environment.Tags["mutated"] = "yes"
	second := load(t, devSource(t))
	assert.Equal(t, []string{"kube-audit-admin", "kube-apiserver", "guard"}, second.Cluster.AuditLogCategories)
	assert.Equal(t, []string{"kube-audit-admin", "kube-apiserver", "guard"}, cluster.DefaultAuditLogCategories)
	assert.NotContains(t, second.Environment.Tags, "mutated")
}

func TestEnvironmentVariablesOverrideStackConfig(t *testing.T) {
	t.Run("a string", func(t *testing.T) {
		t.Setenv("HARDAKS_CLUSTER_KUBERNETESVERSION", "1.34")
		assert.Equal(t, "1.34", load(t, devSource(t)).Cluster.KubernetesVersion)
	})
	t.Run("a nested bool, and what derives from it", func(t *testing.T) {
		t.Setenv("HARDAKS_NETWORK_NATGATEWAY_ENABLED", "false")
		t.Setenv("HARDAKS_BUILDAGENT_ENABLED", "false")
		cfg := load(t, devSource(t))
		assert.False(t, cfg.Network.NatGateway.Enabled)
		assert.Equal(t, "loadBalancer", cfg.Cluster.OutboundType)
		assert.Equal(t, 4, cfg.Network.NatGateway.IdleTimeoutMinutes, "siblings of the overridden key stay")
	})
	t.Run("a list, comma-separated", func(t *testing.T) {
		t.Setenv("HARDAKS_ENTRA_ADMINGROUPOBJECTIDS", devAdmins+","+otherGUID)
		assert.Equal(t, []string{devAdmins, otherGUID}, load(t, devSource(t)).Entra.AdminGroupObjectIDs)
	})
	t.Run("a list of one", func(t *testing.T) {
		t.Setenv("HARDAKS_ENVIRONMENT_AVAILABILITYZONES", "2")
		cfg := load(t, devSource(t))
		assert.Equal(t, []string{"2"}, cfg.Environment.AvailabilityZones)
		assert.Equal(t, []string{"2"}, cfg.Cluster.SystemPool.Zones, "pools take the overridden environment zones")
	})
	t.Run("an int", func(t *testing.T) {
		t.Setenv("HARDAKS_MONITORING_RETENTIONINDAYS", "60")
		assert.Equal(t, 60, load(t, devSource(t)).Monitoring.RetentionInDays)
	})
	t.Run("an int in a nested object", func(t *testing.T) {
		t.Setenv("HARDAKS_CLUSTER_SYSTEMPOOL_MAXCOUNT", "7")
		cfg := load(t, devSource(t))
		assert.Equal(t, 7, cfg.Cluster.SystemPool.MaxCount)
		assert.Equal(t, 2, cfg.Cluster.SystemPool.MinCount)
		assert.Equal(t, "system", cfg.Cluster.SystemPool.Name)
	})
	t.Run("a key the stack does not set", func(t *testing.T) {
		t.Setenv("HARDAKS_KEYVAULT_CSIADDONACCESS", "true")
		t.Setenv("HARDAKS_REGISTRY_UNTAGGEDRETENTIONDAYS", "14")
		cfg := load(t, devSource(t))
		assert.True(t, cfg.KeyVault.CSIAddonAccess)
		assert.Equal(t, 14, cfg.Registry.UntaggedRetentionDays)
	})
	t.Run("the region, and what derives from it", func(t *testing.T) {
		t.Setenv("HARDAKS_ENVIRONMENT_LOCATION", "westcentralus")
		cfg := load(t, devSource(t))
		assert.Equal(t, "westcentralus", cfg.Environment.Location)
		assert.Empty(t, cfg.Environment.AvailabilityZones)
		assert.False(t, cfg.Registry.ZoneRedundancy)
		assert.NotEqual(t, "acrdev"+devSuffix, cfg.Names.Registry, "the region is part of the name hash")
	})
	t.Run("an empty variable is ignored", func(t *testing.T) {
		t.Setenv("HARDAKS_CLUSTER_SKUTIER", "")
		assert.Equal(t, "Free", load(t, devSource(t)).Cluster.SkuTier)
	})
	t.Run("a variable without the prefix is ignored", func(t *testing.T) {
		t.Setenv("CLUSTER_SKUTIER", "Standard")
		assert.Equal(t, "Free", load(t, devSource(t)).Cluster.SkuTier)
	})
}

func TestAnOverrideThatMakesTheConfigInvalidIsReported(t *testing.T) {
	t.Setenv("HARDAKS_CLUSTER_SKUTIER", "Basic")
	t.Setenv("HARDAKS_NETWORK_ADDRESSSPACE", "10.40.0.0/33")
	_, err := config.Load(devSource(t))
	assert.Equal(t, []config.FieldError{
		{Key: "network.addressSpace", Value: "10.40.0.0/33", Problem: "is not an IPv4 CIDR", Fix: "write it as address/prefix-length, e.g. 10.40.0.0/22"},
		{Key: "cluster.skuTier", Value: "Basic", Problem: "must be Standard or Free", Fix: "use Standard (Free for dev only)"},
	}, problems(t, err))
}

func TestAnOverrideOfTheWrongTypeIsReported(t *testing.T) {
	for _, tc := range []struct{ name, variable, value, key, problem string }{
		{"a word for an int", "HARDAKS_BUILDAGENT_COUNT", "two", "buildAgent.count", "must be a whole number"},
		{"a fraction for an int", "HARDAKS_MONITORING_RETENTIONINDAYS", "30.5", "monitoring.retentionInDays", "must be a whole number"},
		{"an int in a nested object", "HARDAKS_CLUSTER_SYSTEMPOOL_MAXCOUNT", "3 nodes", "cluster.systemPool.maxCount", "must be a whole number"},
		{"a word for a bool", "HARDAKS_NETWORK_NATGATEWAY_ENABLED", "maybe", "network.natGateway.enabled", "must be true or false"},
		{"yes for a bool", "HARDAKS_ENVIRONMENT_PRODUCTION", "yes", "environment.production", "must be true or false"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(tc.variable, tc.value)
			_, err := config.Load(devSource(t))
			assert.Equal(t, []config.FieldError{{
				Key: tc.key, Value: tc.value, Problem: "environment variable " + tc.variable + " " + tc.problem, Fix: "fix or unset " + tc.variable,
			}}, problems(t, err))
		})
	}
}

func TestAnOverrideOfTheWrongTypeNamesTheVariableAndItsValue(t *testing.T) {
	t.Setenv("HARDAKS_BUILDAGENT_COUNT", "two")
	_, err := config.Load(devSource(t))
	require.Error(t, err)
	assert.Equal(t, "invalid stack configuration (1 problem):\n"+
		`  - hardaks:buildAgent.count = "two": environment variable HARDAKS_BUILDAGENT_COUNT must be a whole number; fix or unset HARDAKS_BUILDAGENT_COUNT`,
		err.Error())
}

func TestEveryBadOverrideIsReportedAtOnceInKeyOrder(t *testing.T) {
	t.Setenv("HARDAKS_BUILDAGENT_COUNT", "two")
	t.Setenv("HARDAKS_NETWORK_NATGATEWAY_ENABLED", "maybe")
	t.Setenv("HARDAKS_CLUSTER_SYSTEMPOOL_MINCOUNT", "-")
	_, err := config.Load(devSource(t))
	assert.Equal(t, []config.FieldError{
		{Key: "network.natGateway.enabled", Value: "maybe", Problem: "environment variable HARDAKS_NETWORK_NATGATEWAY_ENABLED must be true or false",
			Fix: "fix or unset HARDAKS_NETWORK_NATGATEWAY_ENABLED"},
		{Key: "cluster.systemPool.minCount", Value: "-", Problem: "environment variable HARDAKS_CLUSTER_SYSTEMPOOL_MINCOUNT must be a whole number",
			Fix: "fix or unset HARDAKS_CLUSTER_SYSTEMPOOL_MINCOUNT"},
		{Key: "buildAgent.count", Value: "two", Problem: "environment variable HARDAKS_BUILDAGENT_COUNT must be a whole number",
			Fix: "fix or unset HARDAKS_BUILDAGENT_COUNT"},
	}, problems(t, err))
}

func TestOverridesAcceptEveryBoolAndIntSpelling(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
	}{{"false", false}, {"FALSE", false}, {"0", false}, {"f", false}, {" false ", false}, {"true", true}, {"True", true}, {"1", true}} {
		t.Run("bool "+tc.value, func(t *testing.T) {
			t.Setenv("HARDAKS_NETWORK_NATGATEWAY_ENABLED", tc.value)
			t.Setenv("HARDAKS_BUILDAGENT_ENABLED", "false")
			assert.Equal(t, tc.want, load(t, devSource(t)).Network.NatGateway.Enabled)
		})
	}
	for _, tc := range []struct {
		value string
		want  int
	}{{"60", 60}, {" 60 ", 60}, {"+60", 60}, {"060", 60}} {
		t.Run("int "+tc.value, func(t *testing.T) {
			t.Setenv("HARDAKS_MONITORING_RETENTIONINDAYS", tc.value)
			assert.Equal(t, tc.want, load(t, devSource(t)).Monitoring.RetentionInDays)
		})
	}
}

func TestAHugeOverrideIsRejectedLikeAHugeStackValue(t *testing.T) {
	t.Setenv("HARDAKS_CLUSTER_SYSTEMPOOL_MAXCOUNT", "9223372036854775807")
	_, err := config.Load(devSource(t))
	got := problems(t, err)
	require.Len(t, got, 1, "%v", err)
	assert.Equal(t, "cluster.systemPool.maxCount", got[0].Key)
	assert.Equal(t, "9223372036854775807", got[0].Value)
	assert.True(t, strings.HasPrefix(got[0].Problem, "environment variable HARDAKS_CLUSTER_SYSTEMPOOL_MAXCOUNT "), got[0].Problem)
	assert.Equal(t, "fix or unset HARDAKS_CLUSTER_SYSTEMPOOL_MAXCOUNT", got[0].Fix)
}

func TestVariablesForKeysThatCannotBeOverriddenAreIgnored(t *testing.T) {
	// Lists of objects and maps have no environment form; their variables change nothing (and break nothing).
	t.Setenv("HARDAKS_CLUSTER_USERPOOLS", "batch")
	t.Setenv("HARDAKS_ENVIRONMENT_TAGS", "team=platform")
	t.Setenv("HARDAKS_WORKLOADS", "payments")
	t.Setenv("HARDAKS_VAULTSECRETS", `{"token":"hunter2"}`)
	cfg := load(t, devSource(t))
	assert.Equal(t, devConfig().Cluster.UserPools, cfg.Cluster.UserPools)
	assert.Equal(t, devConfig().Environment.Tags, cfg.Environment.Tags)
	assert.Equal(t, devConfig().Workloads, cfg.Workloads)
	assert.Empty(t, cfg.VaultSecrets)
}

func TestAnUnknownKeyIsRejected(t *testing.T) {
	for _, tc := range []struct {
		name, key, raw string
		want           config.FieldError
	}{
		{"a misspelt key", config.KeyNetwork, `{"adressSpace":"10.40.0.0/16"}`, config.FieldError{
			Key: "network.adressSpace", Value: "10.40.0.0/16", Problem: "is not a known key", Fix: "did you mean addressSpace? see README, Configuration"}},
		{"a key in the wrong case", config.KeyNetwork, `{"AddressSpace":"10.40.0.0/16"}`, config.FieldError{
			Key: "network.AddressSpace", Value: "10.40.0.0/16", Problem: "is not a known key", Fix: "did you mean addressSpace? see README, Configuration"}},
		{"a misspelt nested key", config.KeyNetwork, `{"subnets":{"node":"10.40.0.0/22"}}`, config.FieldError{
			Key: "network.subnets.node", Value: "10.40.0.0/22", Problem: "is not a known key", Fix: "did you mean nodes? see README, Configuration"}},
		{"a misspelt key in a list item", config.KeyCluster, `{"userPools":[{"name":"apps","minCount":1,"maxCount":3,"vmsizes":"x"}]}`, config.FieldError{
			Key: "cluster.userPools[0].vmsizes", Value: "x", Problem: "is not a known key", Fix: "did you mean vmSize? see README, Configuration"}},
		{"a misspelt key in a workload", config.KeyWorkloads, `[{"name":"orders","namespace":"orders","serviceAccount":"orders-api","secret":["x"]}]`, config.FieldError{
			Key: "workloads[0].secret", Value: `["x"]`, Problem: "is not a known key", Fix: "did you mean secrets? see README, Configuration"}},
		{"a key like no known one", config.KeyNetwork, `{"proxy":{"enabled":true}}`, config.FieldError{
			Key: "network.proxy", Value: `{"enabled":true}`, Problem: "is not a known key", Fix: "see README, Configuration"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Load(devSourceWith(t, map[string]string{tc.key: tc.raw}))
			assert.Equal(t, []config.FieldError{tc.want}, problems(t, err))
		})
	}
}

func TestAnUnknownKeyIsReportedAsWrittenWithItsPath(t *testing.T) {
	_, err := config.Load(devSourceWith(t, map[string]string{config.KeyNetwork: `{"adressSpace":"10.40.0.0/16"}`}))
	require.Error(t, err)
	assert.Equal(t, "invalid stack configuration (1 problem):\n"+
		`  - hardaks:network.adressSpace = "10.40.0.0/16": is not a known key; did you mean addressSpace? see README, Configuration`,
		err.Error())
	assert.NotContains(t, err.Error(), "config.Network", "no Go type name")
}

func TestEveryUnknownKeyIsReportedInKeyOrder(t *testing.T) {
	_, err := config.Load(devSourceWith(t, map[string]string{
		config.KeyNetwork: `{"zz":1,"subnets":{"node":"10.40.0.0/22","bastian":"10.40.5.0/26"},"adressSpace":"10.40.0.0/16"}`,
	}))
	got := problems(t, err)
	keys := make([]string, 0, len(got))
	for _, e := range got {
		keys = append(keys, e.Key)
	}
	assert.Equal(t, []string{"network.adressSpace", "network.subnets.bastian", "network.subnets.node", "network.zz"}, keys)
}

func TestAnUnknownTopLevelKeyIsRejected(t *testing.T) {
	src := devSource(t)
	src.Values["hardaks:netwrok"] = `{"addressSpace":"10.50.0.0/16"}`
	_, err := config.Load(src)
	assert.Equal(t, []config.FieldError{{
		Key: "netwrok", Value: nil, Problem: "is not a hardaks configuration key", Fix: "did you mean network? see README, Configuration",
	}}, problems(t, err))
	assert.Contains(t, err.Error(), "hardaks:netwrok = (not set): is not a hardaks configuration key; did you mean network? see README, Configuration")
	assert.NotContains(t, err.Error(), "10.50.0.0", "the value of an unknown key may be secret, so it is not printed")
}

func TestEveryUnknownTopLevelKeyIsReportedSortedWithTheOtherProblems(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyMonitoring: `{"retentionInDays":"30"}`})
	src.Values["hardaks:workload"] = `[]`
	src.Values["hardaks:Cluster"] = `{}`
	src.Values["hardaks:firewall"] = `{"enabled":true}`
	src.SecretKeys = append(src.SecretKeys, "hardaks:firewall")
	_, err := config.Load(src)
	assert.Equal(t, []config.FieldError{
		{Key: "Cluster", Problem: "is not a hardaks configuration key", Fix: "did you mean cluster? see README, Configuration"},
		{Key: "firewall", Problem: "is not a hardaks configuration key", Fix: "see README, Configuration"},
		{Key: "workload", Problem: "is not a hardaks configuration key", Fix: "did you mean workloads? see README, Configuration"},
		{Key: "monitoring.retentionInDays", Value: "30", Problem: "must be a whole number", Fix: "write a whole number without quotes"},
	}, problems(t, err))
}

func TestKeysOfOtherNamespacesAreIgnored(t *testing.T) {
	src := devSource(t)
	require.Contains(t, src.Values, "azure-native:location")
	require.Contains(t, src.Values, "pulumi:tags")
	src.Values["aws:region"] = "not json at all"
	load(t, src)
}

func TestAMalformedValueIsRejected(t *testing.T) {
	for _, tc := range []struct{ name, key, raw, fix string }{
		{"a truncated mapping", config.KeyNetwork, `{"addressSpace":`, "write it as a YAML mapping under config: in Pulumi.<stack>.yaml"},
		{"plain text for a mapping", config.KeyMonitoring, `not json`, "write it as a YAML mapping under config: in Pulumi.<stack>.yaml"},
		{"a truncated list", config.KeyWorkloads, `[{"name":"orders"`, "write it as a YAML list under config: in Pulumi.<stack>.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Load(devSourceWith(t, map[string]string{tc.key: tc.raw}))
			assert.Equal(t, []config.FieldError{{Key: tc.key, Value: tc.raw, Problem: "is not valid structured config", Fix: tc.fix}}, problems(t, err))
		})
	}
}

func TestEveryMalformedValueIsReportedAtOnce(t *testing.T) {
	_, err := config.Load(devSourceWith(t, map[string]string{
		config.KeyNetwork:    `{`,
		config.KeyMonitoring: `not json`,
		config.KeyBastion:    `{"sku":5,"scaleUnits":"many"}`,
	}))
	mapping := "write it as a YAML mapping under config: in Pulumi.<stack>.yaml"
	assert.Equal(t, []config.FieldError{
		{Key: "network", Value: `{`, Problem: "is not valid structured config", Fix: mapping},
		{Key: "monitoring", Value: `not json`, Problem: "is not valid structured config", Fix: mapping},
		{Key: "bastion.scaleUnits", Value: "many", Problem: "must be a whole number", Fix: "write a whole number without quotes"},
		{Key: "bastion.sku", Value: "5", Problem: "must be a string", Fix: `quote it, e.g. "5"`},
	}, problems(t, err))
}

func TestAValueOfTheWrongShapeIsRejected(t *testing.T) {
	const (
		mapping     = "must be a mapping"
		mappingFix  = "write it as a YAML mapping of the keys in README, Configuration"
		wholeNumber = "must be a whole number"
		wholeFix    = "write a whole number without quotes"
		trueOrFalse = "must be true or false"
		boolFix     = "write true or false without quotes"
	)
	for _, tc := range []struct {
		name, key, raw string
		want           config.FieldError
	}{
		{"a list where a mapping belongs", config.KeyNetwork, `[1,2]`, config.FieldError{Key: "network", Value: "[1,2]", Problem: mapping, Fix: mappingFix}},
		{"a string where a mapping belongs", config.KeyEnvironment, `"dev"`, config.FieldError{Key: "environment", Value: "dev", Problem: mapping, Fix: mappingFix}},
		{"a number where a mapping belongs", config.KeyMonitoring, `30`, config.FieldError{Key: "monitoring", Value: "30", Problem: mapping, Fix: mappingFix}},
		{"a string where a nested mapping belongs", config.KeyCluster, `{"maintenanceWindow":"Sunday"}`,
			config.FieldError{Key: "cluster.maintenanceWindow", Value: "Sunday", Problem: mapping, Fix: mappingFix}},
		{"a mapping where a list belongs", config.KeyWorkloads, `{"name":"orders"}`,
			config.FieldError{Key: "workloads", Value: `{"name":"orders"}`, Problem: "must be a list", Fix: "write it as a YAML list"}},
		{"a string where a list of strings belongs", config.KeyEntra, `{"tenantId":"` + devTenant + `","adminGroupObjectIds":"` + devAdmins + `"}`,
			config.FieldError{Key: "entra.adminGroupObjectIds", Value: devAdmins, Problem: "must be a list", Fix: "write it as a YAML list"}},
		{"a string where a list item belongs", config.KeyWorkloads, `["orders"]`,
			config.FieldError{Key: "workloads[0]", Value: "orders", Problem: mapping, Fix: mappingFix}},
		{"a number in a list of strings", config.KeyEnvironment, `{"name":"dev","location":"westeurope","availabilityZones":["1",2]}`,
			config.FieldError{Key: "environment.availabilityZones[1]", Value: "2", Problem: "must be a string", Fix: `quote it, e.g. "2"`}},
		{"a word where a bool belongs", config.KeyNetwork, `{"natGateway":{"enabled":"nope"}}`,
			config.FieldError{Key: "network.natGateway.enabled", Value: "nope", Problem: trueOrFalse, Fix: boolFix}},
		{"a quoted bool", config.KeyEnvironment, `{"name":"dev","location":"westeurope","production":"true"}`,
			config.FieldError{Key: "environment.production", Value: "true", Problem: trueOrFalse, Fix: boolFix}},
		{"a number where a bool belongs", config.KeyEnvironment, `{"name":"dev","location":"westeurope","production":1}`,
			config.FieldError{Key: "environment.production", Value: "1", Problem: trueOrFalse, Fix: boolFix}},
		{"a quoted number where a whole number belongs", config.KeyMonitoring, `{"retentionInDays":"30"}`,
			config.FieldError{Key: "monitoring.retentionInDays", Value: "30", Problem: wholeNumber, Fix: wholeFix}},
		{"a bool where a whole number belongs", config.KeyMonitoring, `{"retentionInDays":true}`,
			config.FieldError{Key: "monitoring.retentionInDays", Value: "true", Problem: wholeNumber, Fix: wholeFix}},
		{"a number where a string belongs", config.KeyBastion, `{"sku":5}`,
			config.FieldError{Key: "bastion.sku", Value: "5", Problem: "must be a string", Fix: `quote it, e.g. "5"`}},
		{"a bool where a string belongs", config.KeyKeyVault, `{"sku":true}`,
			config.FieldError{Key: "keyVault.sku", Value: "true", Problem: "must be a string", Fix: `quote it, e.g. "true"`}},
		{"a number as a tag value", config.KeyEnvironment, `{"name":"dev","location":"westeurope","tags":{"cost-center":4711}}`,
			config.FieldError{Key: "environment.tags.cost-center", Value: "4711", Problem: "must be a string", Fix: `quote it, e.g. "4711"`}},
		{"a list where labels belong", config.KeyCluster, `{"systemPool":{"labels":["tier=system"]}}`,
			config.FieldError{Key: "cluster.systemPool.labels", Value: `["tier=system"]`, Problem: "must be a mapping of names to strings", Fix: "write it as a YAML mapping"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Load(devSourceWith(t, map[string]string{tc.key: tc.raw}))
			assert.Equal(t, []config.FieldError{tc.want}, problems(t, err))
		})
	}
}

func TestAListOrMappingWhereAStringBelongsIsNotToldToBeQuoted(t *testing.T) {
	for _, tc := range []struct{ name, key, raw, path string }{
		{"a list for a string", config.KeyCluster, `{"kubernetesVersion":["1.33"]}`, "cluster.kubernetesVersion"},
		{"a mapping for a tag value", config.KeyEnvironment, `{"name":"dev","location":"westeurope","tags":{"a":{"b":"c"}}}`, "environment.tags.a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Load(devSourceWith(t, map[string]string{tc.key: tc.raw}))
			got := problems(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, tc.path, got[0].Key)
			assert.Equal(t, "must be a string", got[0].Problem)
			assert.NotContains(t, got[0].Fix, "quote it", "quoting a list or mapping does not make a sensible string")
		})
	}
}

func TestANullValueKeepsTheDefaults(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{config.KeyNetwork: `null`}))
	assert.Equal(t, config.DefaultAddressSpace, cfg.Network.AddressSpace)
	assert.Equal(t, config.DefaultNodeSubnet, cfg.Network.Subnets.Nodes)
	assert.True(t, cfg.Network.NatGateway.Enabled)
}

func TestANestedNullValueKeepsTheDefaults(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{config.KeyNetwork: `{"natGateway":null,"subnets":null}`}))
	assert.Equal(t, config.NatGateway{Enabled: true, IdleTimeoutMinutes: 4, PublicIPPrefixLength: 31}, cfg.Network.NatGateway)
	assert.Equal(t, "userAssignedNATGateway", cfg.Cluster.OutboundType)
	assert.Equal(t, config.DefaultNodeSubnet, cfg.Network.Subnets.Nodes)
}

func TestNumbersAreNotSilentlyAltered(t *testing.T) {
	for _, tc := range []struct {
		name, key, raw string
		want           config.FieldError
	}{
		{"an unquoted version is not a string", config.KeyCluster, `{"kubernetesVersion":1.33}`,
			config.FieldError{Key: "cluster.kubernetesVersion", Value: "1.33", Problem: "must be a string", Fix: `quote it, e.g. "1.33"`}},
		{"4.5 minutes are not 4", config.KeyNetwork, `{"natGateway":{"idleTimeoutMinutes":4.5}}`,
			config.FieldError{Key: "network.natGateway.idleTimeoutMinutes", Value: "4.5", Problem: "must be a whole number", Fix: "write a whole number without quotes"}},
		{"1.9 agents are not 1", config.KeyBuildAgent, `{"count":1.9}`,
			config.FieldError{Key: "buildAgent.count", Value: "1.9", Problem: "must be a whole number", Fix: "write a whole number without quotes"}},
		{"a fraction in a list item", config.KeyCluster, `{"userPools":[{"name":"apps","minCount":1,"maxCount":2.5}]}`,
			config.FieldError{Key: "cluster.userPools[0].maxCount", Value: "2.5", Problem: "must be a whole number", Fix: "write a whole number without quotes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Load(devSourceWith(t, map[string]string{tc.key: tc.raw}))
			assert.Equal(t, []config.FieldError{tc.want}, problems(t, err))
		})
	}
	t.Run("an unquoted 1.30 is rejected, not read as 1.3", func(t *testing.T) {
		_, err := config.Load(devSourceWith(t, map[string]string{config.KeyCluster: `{"kubernetesVersion":1.30}`}))
		got := problems(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, "cluster.kubernetesVersion", got[0].Key)
		assert.Equal(t, "must be a string", got[0].Problem)
	})
	t.Run("a whole number written with a fraction or exponent is whole", func(t *testing.T) {
		cfg := load(t, devSourceWith(t, map[string]string{config.KeyMonitoring: `{"retentionInDays":60.0}`, config.KeyRegistry: `{"untaggedRetentionDays":1e1}`}))
		assert.Equal(t, 60, cfg.Monitoring.RetentionInDays)
		assert.Equal(t, 10, cfg.Registry.UntaggedRetentionDays)
	})
}

func TestANumberIsReportedAsWritten(t *testing.T) {
	_, err := config.Load(devSourceWith(t, map[string]string{config.KeyCluster: `{"kubernetesVersion":1.30}`}))
	assert.Equal(t, []config.FieldError{{Key: "cluster.kubernetesVersion", Value: "1.30", Problem: "must be a string", Fix: `quote it, e.g. "1.30"`}},
		problems(t, err))
}

func TestAWholeNumberTooLargeIsNotCalledFractional(t *testing.T) {
	_, err := config.Load(devSourceWith(t, map[string]string{config.KeyCluster: `{"userPools":[{"name":"apps","minCount":1,"maxCount":10000000000}]}`}))
	got := problems(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "cluster.userPools[0].maxCount", got[0].Key)
	assert.Equal(t, "10000000000", got[0].Value)
	assert.NotEqual(t, "must be a whole number", got[0].Problem)
}

func TestCaseSensitiveMapKeysKeepTheirCase(t *testing.T) {
	cfg := load(t, devSourceWith(t, map[string]string{
		config.KeyEnvironment: `{"name":"dev","location":"westeurope","tags":{"CostCenter":"42","costcenter":"43"}}`,
		config.KeyCluster:     `{"systemPool":{"labels":{"Tier":"system"}},"userPools":[{"name":"apps","minCount":1,"maxCount":3,"labels":{"app.kubernetes.io/Name":"x"}}]}`,
	}))
	assert.Equal(t, map[string]string{"CostCenter": "42", "costcenter": "43", "environment": "dev", "managed-by": "hardaks"}, cfg.Environment.Tags)
	assert.Equal(t, map[string]string{"Tier": "system"}, cfg.Cluster.SystemPool.Labels)
	assert.Equal(t, map[string]string{"app.kubernetes.io/Name": "x"}, cfg.Cluster.UserPools[0].Labels)
}

func TestAProblemWithAMapKeyNamesTheKeyInItsCase(t *testing.T) {
	_, err := config.Load(devSourceWith(t, map[string]string{
		config.KeyEnvironment: `{"name":"dev","location":"westeurope","tags":{"Team/Owner":"platform"}}`,
	}))
	assert.Equal(t, []config.FieldError{{Key: "environment.tags.Team/Owner", Value: "platform",
		Problem: "tag names are at most 512 characters without <>%&\\?/ and values at most 256", Fix: "shorten or rename the tag"}}, problems(t, err))
}

const secretKey = config.Namespace + ":" + config.KeyVaultSecrets

func TestVaultSecretsAreLoadedFromSecretConfig(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: `{"zeta-token":"s3cr3t-zeta","build-agent-registration-token":"s3cr3t-pat"}`})
	src.SecretKeys = []string{secretKey}
	cfg := load(t, src)
	require.Len(t, cfg.VaultSecrets, 2)
	assert.Equal(t, "build-agent-registration-token", cfg.VaultSecrets[0].Name, "sorted by name, so the plan is stable")
	assert.Equal(t, "s3cr3t-pat", cfg.VaultSecrets[0].Value())
	assert.Equal(t, "zeta-token", cfg.VaultSecrets[1].Name)
	assert.Equal(t, "s3cr3t-zeta", cfg.VaultSecrets[1].Value())
}

func TestVaultSecretsFromTheStackFileAreLoaded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "Pulumi.yaml", "name: hardaks\nruntime: go\n")
	dev, err := readFile("../Pulumi.dev.yaml")
	require.NoError(t, err)
	writeFile(t, dir, "Pulumi.dev.yaml", dev+"  hardaks:vaultSecrets:\n    build-agent-registration-token:\n      secure: v1:abcdef\n")
	src, err := stackfile.Read(dir, "dev")
	require.NoError(t, err)
	cfg := load(t, src)
	require.Len(t, cfg.VaultSecrets, 1)
	assert.Equal(t, "build-agent-registration-token", cfg.VaultSecrets[0].Name)
	assert.Equal(t, stackfile.PlaceholderSecret, cfg.VaultSecrets[0].Value())
}

func TestPlaintextVaultSecretsAreRejected(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: `{"token":"hunter2-plaintext"}`})
	_, err := config.Load(src)
	assert.Equal(t, []config.FieldError{{
		Key: "vaultSecrets", Value: "[secret]", Problem: "holds plaintext values in stack config",
		Fix: "remove it and set each value with `pulumi config set --secret --path 'hardaks:vaultSecrets.<name>' <value>`",
	}}, problems(t, err))
	assert.NotContains(t, err.Error(), "hunter2-plaintext")
	assert.Contains(t, err.Error(), "pulumi config set --secret --path")
}

func TestVaultSecretsThatAreNotAMappingOfStringsAreRejected(t *testing.T) {
	for _, raw := range []string{`{"token":42,"other":"hunter2-value"}`, `["hunter2-value"]`, `hunter2-value`} {
		t.Run(raw, func(t *testing.T) {
			src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: raw})
			src.SecretKeys = []string{secretKey}
			_, err := config.Load(src)
			assert.Equal(t, []config.FieldError{{
				Key: "vaultSecrets", Value: "[secret]", Problem: "is not a mapping of secret names to string values",
				Fix: "set each value with `pulumi config set --secret --path 'hardaks:vaultSecrets.<name>' <value>`",
			}}, problems(t, err))
			assert.NotContains(t, err.Error(), "hunter2")
		})
	}
}

func TestInvalidVaultSecretsAreReportedWithoutTheirValues(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: `{"bad_name":"hunter2-value","empty":""}`})
	src.SecretKeys = []string{secretKey}
	_, err := config.Load(src)
	assert.Equal(t, []config.FieldError{
		{Key: "vaultSecrets.bad_name", Value: "bad_name", Problem: "Key Vault secret names are 1-127 letters, digits and hyphens", Fix: "rename the secret"},
		{Key: "vaultSecrets.empty", Value: "[secret]", Problem: "is empty", Fix: "set a value with `pulumi config set --secret --path`"},
	}, problems(t, err))
	assert.NotContains(t, err.Error(), "hunter2")
}

func TestSecretValuesNeverPrint(t *testing.T) {
	const value = "hunter2-never-print-me"
	src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: `{"db-password":"` + value + `"}`})
	src.SecretKeys = []string{secretKey}
	cfg := load(t, src)
	require.Len(t, cfg.VaultSecrets, 1)
	secret := cfg.VaultSecrets[0]
	require.Equal(t, value, secret.Value())

	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for name, operand := range map[string]any{"config": cfg, "config value": *cfg, "secrets": cfg.VaultSecrets, "secret": secret, "secret pointer": &secret} {
			out := fmt.Sprintf(format, operand)
			assert.NotContains(t, out, value, "%s printed with %s", name, format)
		}
	}
	assert.Equal(t, "db-password=[secret]", fmt.Sprint(secret))
	assert.Equal(t, "db-password=[secret]", fmt.Sprintf("%#v", secret))
	assert.Contains(t, fmt.Sprintf("%+v", cfg), "VaultSecrets:[db-password=[secret]]")

	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	assert.NotContains(t, string(data), value)
	assert.NotContains(t, string(data), "db-password")
}

func TestSecretValuesNeverAppearInValidationErrors(t *testing.T) {
	const value = "hunter2-never-print-me"
	src := devSourceWith(t, map[string]string{
		config.KeyVaultSecrets: `{"db-password":"` + value + `","bad name":"` + value + `"}`,
		config.KeyMonitoring:   `{"retentionInDays":1}`,
	})
	src.SecretKeys = []string{secretKey}
	_, err := config.Load(src)
	require.Error(t, err)
	assert.Len(t, problems(t, err), 2)
	assert.NotContains(t, err.Error(), value)
	assert.NotContains(t, fmt.Sprintf("%+v", err), value)
	assert.NotContains(t, fmt.Sprintf("%#v", err), value)
}

func TestSecretStructuredConfigIsRejectedWithoutItsValue(t *testing.T) {
	for _, tc := range []struct{ name, key, raw string }{
		{"a secret CI URL", config.KeyBuildAgent, `{"ci":{"system":"azureDevOps","url":"https://hunter2-in-url","pool":"x"}}`},
		{"a secret that would otherwise be valid", config.KeyBuildAgent,
			`{"sshPublicKey":"` + devSSHKey + `","ci":{"system":"azureDevOps","url":"https://hunter2-in-url","pool":"x"}}`},
		{"a secret with an unknown key", config.KeyNetwork, `{"hunter2-key":"hunter2-value"}`},
		{"a secret of the wrong type", config.KeyMonitoring, `{"retentionInDays":"hunter2"}`},
		{"a secret that is not JSON", config.KeyRegistry, `{hunter2`},
		{"a secret list", config.KeyWorkloads, `[{"name":"hunter2"}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := devSourceWith(t, map[string]string{tc.key: tc.raw})
			src.SecretKeys = []string{config.Namespace + ":" + tc.key}
			_, err := config.Load(src)
			assert.Equal(t, []config.FieldError{{
				Key: tc.key, Value: "[secret]", Problem: "is secret config, but only hardaks:vaultSecrets holds secrets",
				Fix: "set it without --secret; keep secret values in hardaks:vaultSecrets",
			}}, problems(t, err))
			assert.NotContains(t, err.Error(), "hunter2")
		})
	}
}

func TestASecureValueInAStructuredKeyOfTheStackFileIsRejected(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "Pulumi.yaml", "name: hardaks\nruntime: go\n")
	dev, err := readFile("../Pulumi.dev.yaml")
	require.NoError(t, err)
	writeFile(t, dir, "Pulumi.dev.yaml", dev+"  hardaks:registry:\n    name:\n      secure: v1:hunter2cipher\n")
	src, err := stackfile.Read(dir, "dev")
	require.NoError(t, err)
	_, err = config.Load(src)
	assert.Equal(t, []config.FieldError{{
		Key: "registry", Value: "[secret]", Problem: "is secret config, but only hardaks:vaultSecrets holds secrets",
		Fix: "set it without --secret; keep secret values in hardaks:vaultSecrets",
	}}, problems(t, err))
	assert.NotContains(t, err.Error(), stackfile.PlaceholderSecret)
	assert.NotContains(t, err.Error(), "hunter2")
}

func TestFromContextReadsTheStackConfigAndItsSecrets(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: `{"token":"hunter2-from-engine"}`})
	var cfg *config.Config
	_, err := offline.Run(offline.Options{Project: "hardaks", Stack: "dev", Config: src.Values, SecretKeys: []string{secretKey}},
		func(ctx *pulumi.Context) (pulumi.Map, error) {
			var err error
			cfg, err = config.FromContext(ctx)
			return pulumi.Map{}, err
		})
	require.NoError(t, err)
	require.NotNil(t, cfg)
	assert.Equal(t, devConfig().Names, cfg.Names, "project and stack come from the context")
	assert.Equal(t, devConfig().Cluster.SystemPool, cfg.Cluster.SystemPool)
	require.Len(t, cfg.VaultSecrets, 1)
	assert.Equal(t, "hunter2-from-engine", cfg.VaultSecrets[0].Value())
}

func TestFromContextRejectsPlaintextVaultSecrets(t *testing.T) {
	src := devSourceWith(t, map[string]string{config.KeyVaultSecrets: `{"token":"hunter2-from-engine"}`})
	_, err := offline.Run(offline.Options{Project: "hardaks", Stack: "dev", Config: src.Values},
		func(ctx *pulumi.Context) (pulumi.Map, error) {
			_, err := config.FromContext(ctx)
			return pulumi.Map{}, err
		})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hardaks:vaultSecrets = \"[secret]\": holds plaintext values in stack config")
	assert.NotContains(t, err.Error(), "hunter2")
}

func TestFromContextReportsAnUnknownKeyTheEngineSetsForTheProgram(t *testing.T) {
	src := devSource(t)
	engine := map[string]string{"hardaks:netwrok": `{"addressSpace":"10.50.0.0/16"}`, "azure-native:location": "westeurope"}
	for k, v := range src.Values {
		engine[k] = v
	}
	data, err := json.Marshal(engine)
	require.NoError(t, err)
	// A real engine lists every key in PULUMI_CONFIG; the mocks hand the program only the keys it asks for.
	t.Setenv(pulumi.EnvConfig, string(data))
	_, err = offline.Run(offline.Options{Project: "hardaks", Stack: "dev", Config: src.Values},
		func(ctx *pulumi.Context) (pulumi.Map, error) {
			_, err := config.FromContext(ctx)
			return pulumi.Map{}, err
		})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hardaks:netwrok = (not set): is not a hardaks configuration key; did you mean network? see README, Configuration")
	assert.Contains(t, err.Error(), "invalid stack configuration (1 problem)")
}

func TestFromContextWithoutTheEngineConfigVariableLoads(t *testing.T) {
	t.Setenv(pulumi.EnvConfig, "")
	src := devSource(t)
	var cfg *config.Config
	_, err := offline.Run(offline.Options{Project: "hardaks", Stack: "dev", Config: src.Values},
		func(ctx *pulumi.Context) (pulumi.Map, error) {
			var err error
			cfg, err = config.FromContext(ctx)
			return pulumi.Map{}, err
		})
	require.NoError(t, err)
	assert.Equal(t, devConfig().Names, cfg.Names)
}

func TestLoadLeavesTheSourceAlone(t *testing.T) {
	src := devSource(t)
	before := fmt.Sprint(src)
	load(t, src)
	assert.Equal(t, before, fmt.Sprint(src), "derived values are not written back")
}
