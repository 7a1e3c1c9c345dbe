package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/spf13/viper"
)

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
