// Package stackfile reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands them to a program, so the
// offline plan runs on exactly the configuration `pulumi up` would use. Values marked `secure:` are never decrypted:
// they become PlaceholderSecret and their keys are reported secret.
package stackfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hardaks/hardaks/config"
)

// PlaceholderSecret replaces every `secure:` value; the real value needs the stack's secrets provider.
const PlaceholderSecret = "offline-placeholder-not-a-real-secret"

type project struct {
	Name   string         `yaml:"name"`
	Config map[string]any `yaml:"config"`
}

type stack struct {
	Config map[string]any `yaml:"config"`
}

// Read loads the project in dir and the named stack's config.
func Read(dir, stackName string) (config.Source, error) {
	var proj project
	if err := readYAML(filepath.Join(dir, "Pulumi.yaml"), &proj); err != nil {
		return config.Source{}, err
	}
	if proj.Name == "" {
		return config.Source{}, fmt.Errorf("%s: the project has no name", filepath.Join(dir, "Pulumi.yaml"))
	}
	var st stack
	if err := readYAML(filepath.Join(dir, "Pulumi."+stackName+".yaml"), &st); err != nil {
		return config.Source{}, err
	}
	src := config.Source{Project: proj.Name, Stack: stackName, Values: map[string]string{}}
	secret := map[string]bool{}
	// Project-level values and defaults first, then the stack's, as the Pulumi CLI layers them.
	for key, raw := range proj.Config {
		spec, ok := raw.(map[string]any)
		if !ok {
			continue
		}
		for _, field := range []string{"default", "value"} {
			if value, has := spec[field]; has {
				if err := put(&src, secret, proj.Name, key, value); err != nil {
					return config.Source{}, err
				}
			}
		}
	}
	for key, value := range st.Config {
		if err := put(&src, secret, proj.Name, key, value); err != nil {
			return config.Source{}, err
		}
	}
	for key := range secret {
		src.SecretKeys = append(src.SecretKeys, key)
	}
	sort.Strings(src.SecretKeys)
	return src, nil
}

func put(src *config.Source, secret map[string]bool, projectName, key string, value any) error {
	if !strings.Contains(key, ":") {
		key = projectName + ":" + key
	}
	value, hasSecret := replaceSecure(value)
	if hasSecret {
		secret[key] = true
	} else {
		delete(secret, key)
	}
	if s, ok := value.(string); ok {
		src.Values[key] = s
		return nil
	}
	encoded, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("config key %s: %w", key, err)
	}
	src.Values[key] = string(encoded)
	return nil
}

// replaceSecure swaps every {secure: ...} leaf for PlaceholderSecret.
func replaceSecure(value any) (any, bool) {
	switch v := value.(type) {
	case map[string]any:
		if _, ok := v["secure"]; ok && len(v) == 1 {
			return PlaceholderSecret, true
		}
		found := false
		out := make(map[string]any, len(v))
		for k, e := range v {
			var s bool
			out[k], s = replaceSecure(e)
			found = found || s
		}
		return out, found
	case []any:
		found := false
		out := make([]any, len(v))
		for i, e := range v {
			var s bool
			out[i], s = replaceSecure(e)
			found = found || s
		}
		return out, found
	}
	return value, false
}

func readYAML(path string, into any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s does not exist: run hardaks in the project directory or pass --cwd", path)
	}
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(data, into); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
