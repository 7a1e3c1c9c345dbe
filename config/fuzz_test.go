package config_test

import (
	"encoding/json"
	"errors"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/config"
)

// fuzzKeys are the stack keys FuzzLoad sets, in its argument order.
var fuzzKeys = []string{
	config.KeyEnvironment, config.KeyEntra, config.KeyNetwork, config.KeyCluster, config.KeyRegistry, config.KeyKeyVault,
	config.KeyMonitoring, config.KeyBastion, config.KeyBuildAgent, config.KeyWorkloads, config.KeyVaultSecrets,
}

// envPaths are every key path an environment variable can override, e.g. "cluster.systemPool.maxCount".
var envPaths = func() []string {
	var paths []string
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("mapstructure")
			if tag == "" || tag == "-" {
				continue
			}
			path := tag
			if prefix != "" {
				path = prefix + "." + tag
			}
			if t.Field(i).Type.Kind() == reflect.Struct {
				walk(path, t.Field(i).Type)
				continue
			}
			paths = append(paths, path)
		}
	}
	walk("", reflect.TypeFor[config.Config]())
	return paths
}()

func envName(path string) string {
	return config.EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(path, ".", "_"))
}

func envIndex(path string) uint8 {
	i := slices.Index(envPaths, path)
	if i < 0 {
		panic("no env path " + path)
	}
	return uint8(i)
}

func TestEnvPathsCoverTheNestedKeys(t *testing.T) {
	assert.Contains(t, envPaths, "cluster.systemPool.maxCount")
	assert.Contains(t, envPaths, "network.natGateway.enabled")
	assert.Contains(t, envPaths, "entra.adminGroupObjectIds")
	assert.NotContains(t, envPaths, "vaultSecrets")
	assert.Equal(t, "HARDAKS_CLUSTER_SYSTEMPOOL_MAXCOUNT", envName("cluster.systemPool.maxCount"))
	assert.Less(t, len(envPaths), 256, "the fuzzer picks the path with a uint8")
}

type fuzzInput struct {
	values   [11]string // raw JSON per fuzzKeys entry; "" leaves the key out
	envPath  uint8      // index into envPaths, modulo its length
	envValue string     // "" sets no variable
	secret   bool       // vaultSecrets is secret config
}

func (in fuzzInput) add(f *testing.F) {
	f.Add(in.values[0], in.values[1], in.values[2], in.values[3], in.values[4], in.values[5], in.values[6], in.values[7],
		in.values[8], in.values[9], in.values[10], in.envPath, in.envValue, in.secret)
}

func devFuzzInput(t testing.TB) fuzzInput {
	src := devSource(t)
	var in fuzzInput
	for i, key := range fuzzKeys {
		in.values[i] = src.Values[config.Namespace+":"+key]
	}
	return in
}

func (in fuzzInput) with(key, raw string) fuzzInput {
	in.values[slices.Index(fuzzKeys, key)] = raw
	return in
}

func (in fuzzInput) env(path, value string) fuzzInput {
	in.envPath = envIndex(path)
	in.envValue = value
	return in
}

func fuzzSeeds(t testing.TB) []fuzzInput {
	dev := devFuzzInput(t)
	var all [11]string
	nulls, arrays, objects, strs := all, all, all, all
	for i := range all {
		nulls[i], arrays[i], objects[i], strs[i] = "null", "[]", "{}", `""`
	}
	return []fuzzInput{
		dev,
		dev.with(config.KeyVaultSecrets, `{"build-agent-registration-token":"s3cr3t","db-password":"p4ss"}`).withSecret(true),
		dev.with(config.KeyVaultSecrets, `{"token":"plaintext"}`),
		dev.with(config.KeyVaultSecrets, `{"bad_name":"","n":1}`).withSecret(true),
		{},
		{values: nulls},
		{values: arrays},
		{values: objects, secret: true},
		{values: strs},
		dev.with(config.KeyNetwork, `{"addressSpace":"1.2.3.4/99","subnets":{"nodes":"1.2.3.4/99","bastion":"::/0","privateEndpoints":"10.40.4.0/24","buildAgents":""}}`),
		dev.with(config.KeyNetwork, `{"natGateway":{"enabled":true,"idleTimeoutMinutes":1e308,"publicIpPrefixLength":-99999999999999999999}}`),
		dev.with(config.KeyCluster, `{"systemPool":{"minCount":-5,"maxCount":9223372036854775807,"maxSurge":"9999%","osDiskSizeGb":-1},"userPools":[{"name":"apps","minCount":1,"maxCount":1e19,"maxSurge":"99999999999999999999"}]}`),
		dev.with(config.KeyBuildAgent, `{"count":-1,"sshPublicKey":"ssh-rsa AAAA","ci":{"system":"githubActions","url":"https://user:pw@github.com/x","labels":"a,,b"}}`),
		dev.with(config.KeyEnvironment, `{"name":"dév","location":"westeurope\u200b","tags":{"ключ":"值","a.b":"c","":"x"},"availabilityZones":"1,2,3"}`),
		dev.with(config.KeyEnvironment, `{"name":"","location":"","resourceGroupName":"","tags":null}`),
		dev.with(config.KeyNetwork, `{"subnets.nodes":"10.40.0.0/22","":1,"natGateway":{"":{}}}`),
		dev.with(config.KeyWorkloads, `{"name":"solo","namespace":"solo","serviceAccount":"solo","secrets":"a,b"}`),
		dev.with(config.KeyWorkloads, `[null,{},[],"x",1]`),
		dev.with(config.KeyCluster, `{"kubernetesVersion":1.30,"upgradeChannel":"stable","privateDnsZone":"custom"}`),
		dev.with(config.KeyEntra, `{"tenantId":7,"adminGroupObjectIds":{"a":"b"}}`),
		dev.env("cluster.kubernetesVersion", "1.34"),
		dev.env("entra.adminGroupObjectIds", devAdmins+","+otherGUID),
		dev.env("environment.availabilityZones", ",,,"),
		dev.env("network.natGateway.enabled", "maybe"),
		dev.env("cluster.systemPool.maxCount", "99999999999999999999"),
		dev.env("cluster.userPools", "apps"),
		dev.env("environment.tags", "a=b"),
		dev.env("environment.location", "westcentralus"),
		dev.env("cluster.systemPool.maxCount", "9223372036854775807"),
		dev.env("buildAgent.count", "two"),
		dev.env("environment.production", "yes"),
		dev.with(config.KeyNetwork, `{"natGateway":null,"subnets":{"nodes":null}}`),
		dev.with(config.KeyNetwork, `{"adressSpace":"10.40.0.0/16","subnets":{"Nodes":"10.40.0.0/22"}}`),
		dev.with(config.KeyBastion, `{"sku":5,"scaleUnits":2.5,"copyPaste":"true"}`),
		dev.with(config.KeyCluster, `{"podCidr":"192.168.0.0/24","systemPool":{"taints":["CriticalAddonsOnly"]},"userPools":[{"name":"apps"}]}`),
		dev.with(config.KeyEnvironment, `{"name":"dev","location":"westeurope","tags":{"CostCenter":"42","a/b":"c"}}`),
		dev.with(config.KeyVaultSecrets, `{"db-password":"hunter2-long-enough","empty":""}`).withSecret(true),
	}
}

func (in fuzzInput) withSecret(secret bool) fuzzInput {
	in.secret = secret
	return in
}

// FuzzLoad feeds arbitrary JSON for every stack key, and one arbitrary environment override, into Load. Load must
// never panic; it either returns a *ValidationError whose every problem is complete, or a configuration that is
// valid and fully derived.
func FuzzLoad(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		seed.add(f)
	}
	f.Fuzz(func(t *testing.T, environment, entra, network, cluster, registry, keyVault, monitoring, bastion, buildAgent,
		workloads, vaultSecrets string, envPath uint8, envValue string, secret bool,
	) {
		values := []string{environment, entra, network, cluster, registry, keyVault, monitoring, bastion, buildAgent, workloads, vaultSecrets}
		for _, v := range append(slices.Clone(values), envValue) {
			if !utf8.ValidString(v) {
				t.Skip("Pulumi config is UTF-8")
			}
		}
		src := config.Source{Project: "hardaks", Stack: "fuzz", Values: map[string]string{}}
		for i, raw := range values {
			if raw != "" {
				src.Values[config.Namespace+":"+fuzzKeys[i]] = raw
			}
		}
		if secret {
			src.SecretKeys = []string{config.Namespace + ":" + config.KeyVaultSecrets}
		}
		if envValue != "" {
			if strings.ContainsRune(envValue, 0) {
				t.Skip("environment variables cannot hold NUL")
			}
			t.Setenv(envName(envPaths[int(envPath)%len(envPaths)]), envValue)
		}

		cfg, err := config.Load(src)
		again, errAgain := config.Load(src)
		require.Equal(t, err == nil, errAgain == nil, "Load must be deterministic")
		if err != nil {
			require.Equal(t, err.Error(), errAgain.Error(), "Load must be deterministic")
		} else {
			require.Equal(t, cfg, again, "Load must be deterministic")
		}
		requireSecretValuesDoNotMatter(t, src, vaultSecrets, err)
		if err != nil {
			require.Nil(t, cfg)
			require.True(t, utf8.ValidString(err.Error()), "%q", err.Error())
			var invalid *config.ValidationError
			require.True(t, errors.As(err, &invalid), "Load returned %T: %v", err, err)
			require.NotEmpty(t, invalid.Errors)
			for _, e := range invalid.Errors {
				require.NotEmpty(t, e.Key, "%+v", e)
				require.NotEmpty(t, e.Problem, "%+v", e)
				require.NotEmpty(t, e.Fix, "%+v", e)
			}
			require.True(t, strings.HasPrefix(err.Error(), "invalid stack configuration ("), err.Error())
			return
		}
		require.NotNil(t, cfg)
		require.NoError(t, cfg.Validate(), "Load returned a configuration that does not validate")
		if vaultSecrets != "" {
			require.True(t, secret, "plaintext vaultSecrets were accepted")
		}
		for _, p := range append([]config.NodePool{cfg.Cluster.SystemPool}, cfg.Cluster.UserPools...) {
			require.Contains(t, []string{"Ephemeral", "Managed"}, p.OSDiskType, "pool %s", p.Name)
		}
		require.Equal(t, "hardaks", cfg.Environment.Tags["managed-by"])
		require.Equal(t, cfg.Environment.Name, cfg.Environment.Tags["environment"])
		require.Equal(t, cfg.Environment.ResourceGroupName, cfg.Names.ResourceGroup)
		require.NotEmpty(t, cfg.Names.Registry)
		require.NotEmpty(t, cfg.Names.KeyVault)
	})
}

// requireSecretValuesDoNotMatter loads src again with every non-empty vault secret value replaced: the outcome and
// every message must be the same, so no message can carry (or depend on) a secret value.
func requireSecretValuesDoNotMatter(t *testing.T, src config.Source, vaultSecrets string, err error) {
	t.Helper()
	key := config.Namespace + ":" + config.KeyVaultSecrets
	if !slices.Contains(src.SecretKeys, key) || vaultSecrets == "" {
		return
	}
	var values map[string]string
	if json.Unmarshal([]byte(vaultSecrets), &values) != nil {
		return
	}
	for name, value := range values {
		if value != "" {
			values[name] = "other-value"
		}
	}
	data, jsonErr := json.Marshal(values)
	require.NoError(t, jsonErr)
	other := config.Source{Project: src.Project, Stack: src.Stack, Values: maps.Clone(src.Values), SecretKeys: src.SecretKeys}
	other.Values[key] = string(data)
	_, otherErr := config.Load(other)
	require.Equal(t, err == nil, otherErr == nil, "the outcome depends on a secret value")
	if err != nil {
		require.Equal(t, err.Error(), otherErr.Error(), "a message depends on a secret value")
	}
}

func TestTheFuzzSeedsCoverBothOutcomes(t *testing.T) {
	var loaded, rejected int
	for _, seed := range fuzzSeeds(t) {
		src := config.Source{Project: "hardaks", Stack: "fuzz", Values: map[string]string{}}
		for i, raw := range seed.values {
			if raw != "" {
				src.Values[config.Namespace+":"+fuzzKeys[i]] = raw
			}
		}
		if seed.secret {
			src.SecretKeys = []string{config.Namespace + ":" + config.KeyVaultSecrets}
		}
		if seed.envValue != "" {
			t.Setenv(envName(envPaths[seed.envPath]), seed.envValue)
		}
		if _, err := config.Load(src); err == nil {
			loaded++
		} else {
			rejected++
		}
		if seed.envValue != "" {
			t.Setenv(envName(envPaths[seed.envPath]), "")
		}
	}
	assert.GreaterOrEqual(t, loaded, 4, "the fuzzer needs valid seeds to mutate")
	assert.GreaterOrEqual(t, rejected, 10)
}

// FuzzValidate sets arbitrary values on the fields whose rules parse text (CIDRs, addresses, surge, versions, SSH
// keys, URLs) and counts, which byte-level mutation of whole JSON documents rarely reaches intact. Validate must not
// panic, must report every problem completely, and must report the same problems every time.
func FuzzValidate(f *testing.F) {
	f.Add("10.40.0.0/16", "10.40.0.0/22", "172.16.0.0/16", "192.168.0.0/16", "172.16.0.10", "33%", 1, 5, devSSHKey,
		"https://dev.azure.com/contoso-platform", "1.33", "patch")
	f.Add("10.40.0.0/99", "::/0", "0.0.0.0/0", "255.255.255.255/32", "172.16.0.0", "9999", -1, -9223372036854775808, "ssh-rsa AAAA",
		"https://u:p@dev.azure.com/x", "1.33.2.1", "stable")
	f.Add("", "", "", "", "", "", 0, 0, "", "", "", "")
	f.Add("10.40.0.0/0", "10.40.0.0/32", "100.64.0.0/12", "100.64.0.0/10", "100.64.0.1", "100%", 1000, 1000,
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnMb1GAg8WGXKD7EyXfNaDPvpEzWPpd+KTURtaURWfx\nssh-ed25519 x", "https://github.com/a/b", "1.3", "rapid")
	f.Fuzz(func(t *testing.T, addressSpace, nodes, serviceCIDR, podCIDR, dnsIP, maxSurge string, minCount, maxCount int,
		sshKey, ciURL, version, channel string,
	) {
		for _, s := range []string{addressSpace, nodes, serviceCIDR, podCIDR, dnsIP, maxSurge, sshKey, ciURL, version, channel} {
			if !utf8.ValidString(s) {
				t.Skip("Pulumi config is UTF-8")
			}
		}
		cfg := valid(t, func(c *config.Config) {
			c.Network.AddressSpace = addressSpace
			c.Network.Subnets.Nodes = nodes
			c.Cluster.ServiceCIDR = serviceCIDR
			c.Cluster.PodCIDR = podCIDR
			c.Cluster.DNSServiceIP = dnsIP
			c.Cluster.UserPools[0].MaxSurge = maxSurge
			c.Cluster.UserPools[0].MinCount = minCount
			c.Cluster.UserPools[0].MaxCount = maxCount
			c.BuildAgent.SSHPublicKey = sshKey
			c.BuildAgent.CI.URL = ciURL
			c.Cluster.KubernetesVersion = version
			c.Cluster.UpgradeChannel = channel
		})
		err := cfg.Validate()
		if err == nil {
			return
		}
		require.True(t, utf8.ValidString(err.Error()), "%q", err.Error())
		u, parseErr := url.Parse(ciURL)
		credentials := parseErr == nil && u.User != nil
		got := problems(t, err)
		for _, e := range got {
			if credentials {
				require.NotEqual(t, ciURL, e.Value, "%s printed a CI URL that carries credentials", e.Key)
			}
			require.NotEmpty(t, e.Key, "%+v", e)
			require.NotEmpty(t, e.Problem, "%+v", e)
			require.NotEmpty(t, e.Fix, "%+v", e)
		}
		require.Equal(t, got, problems(t, cfg.Validate()), "Validate must be deterministic")
	})
}
