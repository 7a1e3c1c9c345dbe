package config

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/go-viper/mapstructure/v2"

	"github.com/hardaks/hardaks/components/validation"
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
	// SubscriptionID is the subscription the stack deploys into, as the provider reports it: globally unique names
	// are hashed from it, so two subscriptions deploying the same project and stack never collide.
	SubscriptionID string
}

// Load layers the stack's values over the defaults and HARDAKS_* environment variables over both, then completes
// and validates the configuration. Every problem is reported at once, as a *ValidationError.
func Load(src Source) (*Config, error) {
	var problems ValidationError
	checkTopLevelKeys(src, &problems)
	merged := toMap(defaults())
	for _, key := range objectKeys {
		full := Namespace + ":" + key
		raw, ok := src.Values[full]
		if !ok {
			continue
		}
		if slices.Contains(src.SecretKeys, full) {
			problems.add(key, redacted, "is secret config, but only hardaks:vaultSecrets holds secrets",
				"set it without --secret; keep secret values in hardaks:vaultSecrets")
			continue
		}
		field, _ := fieldByTag(reflect.TypeFor[Config](), key)
		value, err := decodeJSON(raw)
		if err != nil {
			problems.add(key, raw, "is not valid structured config", "write it as a YAML "+shapeName(field.Type)+" under config: in Pulumi.<stack>.yaml")
			continue
		}
		if value == nil {
			continue // null keeps the defaults
		}
		if checkShape(&problems, key, value, field.Type) {
			merged[key] = merge(merged[key], wholeNumbers(value))
		}
	}
	overridden := applyEnvOverrides(&problems, merged)
	// A registry is zone-redundant by default wherever the region has zones.
	if !overridden["registry.zoneRedundancy"] && !hasKey(src, KeyRegistry, "zoneRedundancy") {
		location, _ := merged[KeyEnvironment].(map[string]any)["location"].(string)
		setPath(merged, "registry.zoneRedundancy", validation.HasZones(location))
	}
	disableDefaultNATGateway(src, merged, overridden, &problems)
	secrets := loadSecrets(src, &problems)
	if len(problems.Errors) > 0 {
		return nil, &problems
	}
	cfg := &Config{}
	if err := mapstructure.Decode(merged, cfg); err != nil {
		return nil, fmt.Errorf("config: decoding checked values: %w", err) // checkShape admits only decodable values
	}
	cfg.VaultSecrets = secrets
	cfg.Complete(src.Project, src.Stack, src.SubscriptionID)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// disableDefaultNATGateway turns off the NAT gateway the defaults enable when network.egress chooses a firewall,
// and refuses NAT gateway settings the stack gives alongside one: they would not apply.
func disableDefaultNATGateway(src Source, merged map[string]any, overridden map[string]bool, problems *ValidationError) {
	egress, _ := merged[KeyNetwork].(map[string]any)["egress"].(string)
	if egress == "" || egress == EgressNatGateway {
		return
	}
	if hasKey(src, KeyNetwork, "natGateway") || overridden["network.natGateway.enabled"] {
		problems.add("network.natGateway", jsonText(merged[KeyNetwork].(map[string]any)["natGateway"]),
			"applies only to network.egress "+EgressNatGateway+", but egress is "+egress, "remove network.natGateway")
		return
	}
	setPath(merged, "network.natGateway.enabled", false)
}

// decodeJSON decodes a raw value keeping numbers as written, so 1.30 is never read as 1.3.
func decodeJSON(raw string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data")
	}
	return value, nil
}

// wholeNumbers turns the numbers checkShape admitted (whole, in range: 60, 60.0, 1e1) into ints.
func wholeNumbers(value any) any {
	switch v := value.(type) {
	case json.Number:
		f, _ := v.Float64()
		return int(f)
	case map[string]any:
		for k, e := range v {
			v[k] = wholeNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = wholeNumbers(e)
		}
	}
	return value
}

// hasKey reports whether the stack's value of a top-level key sets field (to anything but null).
func hasKey(src Source, key, field string) bool {
	value, err := decodeJSON(src.Values[Namespace+":"+key])
	m, ok := value.(map[string]any)
	return err == nil && ok && m[field] != nil
}

// merge lays user over base: mappings merge key by key, null keeps the base, everything else (lists included)
// replaces.
func merge(base, user any) any {
	if user == nil {
		return base // null keeps the default
	}
	b, baseIsMap := base.(map[string]any)
	u, userIsMap := user.(map[string]any)
	if !baseIsMap || !userIsMap {
		return user
	}
	out := make(map[string]any, len(b)+len(u))
	for k, v := range b {
		out[k] = v
	}
	for k, v := range u {
		out[k] = merge(b[k], v)
	}
	return out
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

// toMap turns the defaults into the nested maps the stack's values are merged into, keyed by the config keys.
func toMap(c Config) map[string]any {
	return plain(reflect.ValueOf(c)).(map[string]any)
}

// plain converts a Go value to the JSON-like shape stack values have, keyed by mapstructure tags.
func plain(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Struct:
		m := map[string]any{}
		for i := range v.NumField() {
			if tag := v.Type().Field(i).Tag.Get("mapstructure"); tag != "" && tag != "-" {
				m[tag] = plain(v.Field(i))
			}
		}
		return m
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		m := map[string]any{}
		for _, k := range v.MapKeys() {
			m[k.String()] = plain(v.MapIndex(k))
		}
		return m
	}
	return v.Interface()
}

// jsonText prints a value as it was written.
func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
