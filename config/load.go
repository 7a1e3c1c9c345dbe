package config

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
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
		setPath(merged, "registry.zoneRedundancy", zonalRegions[location])
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

// checkTopLevelKeys reports hardaks:* keys this version does not know, so a misspelt key is never ignored.
func checkTopLevelKeys(src Source, problems *ValidationError) {
	known := append(append([]string{}, objectKeys...), KeyVaultSecrets)
	var unknown []string
	for full := range src.Values {
		if key, ok := strings.CutPrefix(full, Namespace+":"); ok && !slices.Contains(known, key) {
			unknown = append(unknown, key)
		}
	}
	sort.Strings(unknown)
	for _, key := range unknown {
		problems.add(key, nil, "is not a hardaks configuration key", suggest(key, known)+"see README, Configuration")
	}
}

func shapeName(t reflect.Type) string {
	if t.Kind() == reflect.Slice {
		return "list"
	}
	return "mapping"
}

// checkShape reports every unknown key and every value of the wrong type under path, exactly as written, and says
// whether value can be decoded. Values are never converted: an unquoted 1.30 is not the version "1.30".
func checkShape(problems *ValidationError, path string, value any, t reflect.Type) bool {
	if value == nil {
		return true
	}
	wrong := func(want, fix string) bool {
		problems.add(path, jsonText(value), "must be "+want, fix)
		return false
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := value.(map[string]any)
		if !ok {
			return wrong("a mapping", "write it as a YAML mapping of the keys in README, Configuration")
		}
		fine := true
		for _, k := range slices.Sorted(maps.Keys(m)) {
			field, found := fieldByTag(t, k)
			if !found {
				problems.add(path+"."+k, jsonText(m[k]), "is not a known key", suggest(k, tags(t))+"see README, Configuration")
				fine = false
				continue
			}
			fine = checkShape(problems, path+"."+k, m[k], field.Type) && fine
		}
		return fine
	case reflect.Slice:
		list, ok := value.([]any)
		if !ok {
			return wrong("a list", "write it as a YAML list")
		}
		fine := true
		for i, e := range list {
			fine = checkShape(problems, fmt.Sprintf("%s[%d]", path, i), e, t.Elem()) && fine
		}
		return fine
	case reflect.Map:
		m, ok := value.(map[string]any)
		if !ok {
			return wrong("a mapping of names to strings", "write it as a YAML mapping")
		}
		fine := true
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fine = checkShape(problems, path+"."+k, m[k], t.Elem()) && fine
		}
		return fine
	case reflect.String:
		switch value.(type) {
		case string:
		case map[string]any, []any:
			return wrong("a string", "write a single string")
		default:
			return wrong("a string", `quote it, e.g. "`+jsonText(value)+`"`)
		}
	case reflect.Int:
		number, ok := value.(json.Number)
		if !ok {
			return wrong("a whole number", "write a whole number without quotes")
		}
		n, err := number.Float64()
		if err != nil || n != math.Trunc(n) {
			return wrong("a whole number", "write a whole number without quotes")
		}
		if math.Abs(n) > maxInt {
			return wrong(fmt.Sprintf("a whole number of at most %d", maxInt), "write a smaller number")
		}
	case reflect.Bool:
		if _, ok := value.(bool); !ok {
			return wrong("true or false", "write true or false without quotes")
		}
	}
	return true
}

// maxInt bounds every whole number in the configuration; no count or size hardaks takes comes near it.
const maxInt = 1_000_000_000

// applyEnvOverrides sets every scalar and list-of-strings key from its HARDAKS_* environment variable, through
// viper's automatic environment binding, and returns the keys it set.
func applyEnvOverrides(problems *ValidationError, merged map[string]any) map[string]bool {
	overridden := map[string]bool{}
	v := viper.New()
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	for _, leaf := range overridableKeys(reflect.TypeFor[Config](), "") {
		if !v.IsSet(leaf.path) {
			continue
		}
		raw := v.GetString(leaf.path)
		variable := EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(leaf.path, ".", "_"))
		value, err := parseEnv(raw, leaf.kind)
		if err != nil {
			problems.add(leaf.path, raw, "environment variable "+variable+" "+err.Error(), "fix or unset "+variable)
			continue
		}
		setPath(merged, leaf.path, value)
		overridden[leaf.path] = true
	}
	return overridden
}

type overridable struct {
	path string
	kind reflect.Kind // String, Int, Bool or Slice (of strings)
}

// overridableKeys lists every key an environment variable can set: scalars and lists of strings, not lists of
// objects (node pools, workloads) nor maps.
func overridableKeys(t reflect.Type, prefix string) []overridable {
	var out []overridable
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" || tag == "-" {
			continue
		}
		path := tag
		if prefix != "" {
			path = prefix + "." + tag
		}
		switch f.Type.Kind() {
		case reflect.Struct:
			out = append(out, overridableKeys(f.Type, path)...)
		case reflect.String, reflect.Int, reflect.Bool:
			out = append(out, overridable{path, f.Type.Kind()})
		case reflect.Slice:
			if f.Type.Elem().Kind() == reflect.String {
				out = append(out, overridable{path, reflect.Slice})
			}
		}
	}
	return out
}

func parseEnv(raw string, kind reflect.Kind) (any, error) {
	switch kind {
	case reflect.Int:
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil {
			return nil, fmt.Errorf("must be a whole number")
		}
		if n > maxInt || n < -maxInt {
			return nil, fmt.Errorf("must be a whole number of at most %d", maxInt)
		}
		return n, nil
	case reflect.Bool:
		b, err := strconv.ParseBool(strings.TrimSpace(raw))
		if err != nil {
			return nil, fmt.Errorf("must be true or false")
		}
		return b, nil
	case reflect.Slice:
		items := []string{}
		for _, item := range strings.Split(raw, ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		return items, nil
	}
	return raw, nil
}

// setPath sets a dotted path in nested maps, creating maps on the way.
func setPath(m map[string]any, path string, value any) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = value
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

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("mapstructure") == tag {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func tags(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("mapstructure"); tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	return out
}

// suggest names the known key closest to a misspelt one ("did you mean addressSpace? "), or nothing.
func suggest(key string, known []string) string {
	best, bestDistance := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(key), strings.ToLower(k)); d < bestDistance {
			best, bestDistance = k, d
		}
	}
	if best == "" {
		return ""
	}
	return "did you mean " + best + "? "
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
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
