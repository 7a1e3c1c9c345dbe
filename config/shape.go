package config

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
)

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
