// Package inputs reads the Pulumi Inputs components take as maps keyed by their own names (a principal per role
// assignment, a value per secret).
package inputs

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// MapEntry is values[key]. When values is a map known at construction and holds key, it is that entry itself, so
// what reads it depends on that one entry; otherwise it is the entry once the map is known, and missing fails the
// deployment when the entry is absent or empty.
func MapEntry(values pulumi.StringMapInput, key string, missing func() error) pulumi.StringOutput {
	if known, ok := values.(pulumi.StringMap); ok {
		if entry, ok := known[key]; ok && entry != nil {
			return entry.ToStringOutput()
		}
	}
	if values == nil {
		values = pulumi.StringMap{}
	}
	return values.ToStringMapOutput().ApplyT(func(m map[string]string) (string, error) {
		if value := m[key]; value != "" {
			return value, nil
		}
		return "", missing()
	}).(pulumi.StringOutput)
}
