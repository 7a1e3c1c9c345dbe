package config

import (
	"encoding/json"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/internal/azureclient"
)

// FromContext loads the stack configuration a Pulumi program was started with, for the subscription the provider
// deploys into.
func FromContext(ctx *pulumi.Context) (*Config, error) {
	client, err := azureclient.Get(ctx)
	if err != nil {
		return nil, err
	}
	src := Source{Project: ctx.Project(), Stack: ctx.Stack(), Values: map[string]string{}, SubscriptionID: client.SubscriptionID}
	for _, key := range append(append([]string{}, objectKeys...), KeyVaultSecrets) {
		full := Namespace + ":" + key
		if value, ok := ctx.GetConfig(full); ok {
			src.Values[full] = value
			if ctx.IsConfigSecret(full) {
				src.SecretKeys = append(src.SecretKeys, full)
			}
		}
	}
	// The Go SDK has no way to list config keys; the engine passes them all in PULUMI_CONFIG, so an unknown
	// (misspelt) hardaks:* key can still be reported.
	var all map[string]string
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &all); err == nil {
		for full := range all {
			if _, known := src.Values[full]; !known && strings.HasPrefix(full, Namespace+":") {
				src.Values[full] = ""
			}
		}
	}
	return Load(src)
}
