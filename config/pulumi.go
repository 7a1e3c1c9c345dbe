package config

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FromContext loads the stack configuration a Pulumi program was started with.
func FromContext(ctx *pulumi.Context) (*Config, error) {
	src := Source{Project: ctx.Project(), Stack: ctx.Stack(), Values: map[string]string{}}
	for _, key := range append(append([]string{}, objectKeys...), KeyVaultSecrets) {
		full := Namespace + ":" + key
		if value, ok := ctx.GetConfig(full); ok {
			src.Values[full] = value
			if ctx.IsConfigSecret(full) {
				src.SecretKeys = append(src.SecretKeys, full)
			}
		}
	}
	return Load(src)
}
