package config

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// EnvPrefix prefixes the environment variables that override stack config: the key path upper-cased with dots as
// underscores, e.g. HARDAKS_CLUSTER_KUBERNETESVERSION=1.33 or HARDAKS_NETWORK_NATGATEWAY_ENABLED=false.
// Lists take comma-separated values, e.g. HARDAKS_ENTRA_ADMINGROUPOBJECTIDS=<guid>,<guid>.
const EnvPrefix = "HARDAKS"

// Source is the stack configuration as Pulumi hands it to a program.
type Source struct {
	Project string
	Stack   string
	// Values maps fully qualified keys ("hardaks:network") to raw values: structured objects arrive as JSON.
	Values map[string]string
	// SecretKeys are the keys of Values that are secret.
	SecretKeys []string
}

// Load decodes, overrides from the environment, completes and validates the configuration. Every problem is
// reported at once, as a *ValidationError.
func Load(src Source) (*Config, error) {
	var problems ValidationError
	v := viper.New()
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	setDefaults(v, "", toMap(defaults()))

	user := map[string]any{}
	for _, key := range objectKeys {
		raw, ok := src.Values[Namespace+":"+key]
		if !ok {
			continue
		}
		var value any
		if err := json.Unmarshal([]byte(raw), &value); err != nil {
			problems.add(key, raw, "is not a structured object", "write it as a YAML mapping under config: in Pulumi.<stack>.yaml")
			continue
		}
		user[key] = value
	}
	if err := v.MergeConfigMap(user); err != nil {
		return nil, err
	}
	// A registry is zone-redundant by default wherever the region has zones.
	v.SetDefault("registry.zoneRedundancy", zonalRegions[v.GetString("environment.location")])

	cfg := &Config{}
	settings := v.AllSettings()
	for _, key := range objectKeys {
		if err := decode(settings[strings.ToLower(key)], key, cfg); err != nil {
			problems.add(key, nil, describeDecodeError(err), "fix the value's type or remove the key (see README, Configuration)")
		}
	}
	cfg.VaultSecrets = loadSecrets(src, &problems)
	if len(problems.Errors) > 0 {
		return nil, &problems
	}
	cfg.complete(src.Project, src.Stack)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// decode decodes one top-level key into its Config field, rejecting unknown keys so that a misspelt setting is
// never silently ignored. Values from the environment arrive as strings and are converted (lists split on commas).
func decode(value any, key string, cfg *Config) error {
	target := reflect.ValueOf(cfg).Elem()
	var field reflect.Value
	for i := 0; i < target.NumField(); i++ {
		if target.Type().Field(i).Tag.Get("mapstructure") == key {
			field = target.Field(i)
		}
	}
	decoder, err := mapstructure.NewDecoder(&mapstructure.DecoderConfig{
		Result:           field.Addr().Interface(),
		ErrorUnused:      true,
		WeaklyTypedInput: true,
		DecodeHook: mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToSliceHookFunc(","),
		),
	})
	if err != nil {
		return err
	}
	return decoder.Decode(value)
}

func describeDecodeError(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, "decoding failed due to the following error(s):\n\n", "")
	return strings.Join(strings.Fields(msg), " ")
}

// loadSecrets reads hardaks:vaultSecrets, which must be secret config: a plaintext value is rejected.
func loadSecrets(src Source, problems *ValidationError) []Secret {
	key := Namespace + ":" + KeyVaultSecrets
	raw, ok := src.Values[key]
	if !ok {
		return nil
	}
	if !slices.Contains(src.SecretKeys, key) {
		problems.add(KeyVaultSecrets, redacted, "holds plaintext values in stack config",
			"remove it and set each value with `pulumi config set --secret --path 'hardaks:vaultSecrets.<name>' <value>`")
		return nil
	}
	values := map[string]string{}
	if err := json.Unmarshal([]byte(raw), &values); err != nil {
		problems.add(KeyVaultSecrets, redacted, "is not a mapping of secret names to string values",
			"set each value with `pulumi config set --secret --path 'hardaks:vaultSecrets.<name>' <value>`")
		return nil
	}
	out := make([]Secret, 0, len(values))
	for name, value := range values {
		out = append(out, Secret{Name: name, value: value})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// setDefaults registers every leaf of m as a viper default, so each one can be overridden from the environment.
func setDefaults(v *viper.Viper, prefix string, m map[string]any) {
	for k, value := range m {
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		if nested, ok := value.(map[string]any); ok && len(nested) > 0 {
			setDefaults(v, path, nested)
			continue
		}
		v.SetDefault(path, value)
	}
}

func toMap(c Config) map[string]any {
	out := map[string]any{}
	if err := mapstructure.Decode(c, &out); err != nil {
		panic(fmt.Sprintf("config: defaults do not encode: %v", err)) // a programming error, caught by every test
	}
	return normalise(out).(map[string]any)
}

// normalise turns structs nested by mapstructure.Decode into maps.
func normalise(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalise(e)
		}
		return t
	case nil:
		return nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Struct:
		m := map[string]any{}
		if err := mapstructure.Decode(v, &m); err != nil {
			return v
		}
		return normalise(m)
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Struct {
			out := make([]any, rv.Len())
			for i := range out {
				out[i] = normalise(rv.Index(i).Interface())
			}
			return out
		}
	}
	return v
}
