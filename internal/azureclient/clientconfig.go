// Package azureclient asks the azure-native provider which identity and subscription it runs as.
//
// The SDK's own GetClientConfig lives only in the root authorization package, which bundles every authorization
// resource at its default API version and compiles for half a minute; the invoke itself is one call with no API
// version, so hardaks makes it here and imports versioned packages only (README, "Dependencies").
package azureclient

import (
	"github.com/pulumi/pulumi-azure-native-sdk/v2/utilities"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ClientConfig is what the provider reports about the credentials it uses.
type ClientConfig struct {
	ClientID       string `pulumi:"clientId"`
	ObjectID       string `pulumi:"objectId"`
	SubscriptionID string `pulumi:"subscriptionId"`
	TenantID       string `pulumi:"tenantId"`
}

// getClientConfigToken is the provider's invoke; the offline harness answers the same token.
const getClientConfigToken = "azure-native:authorization:getClientConfig"

// Get invokes azure-native:authorization:getClientConfig with the plugin version the versioned SDK packages pin.
func Get(ctx *pulumi.Context, opts ...pulumi.InvokeOption) (*ClientConfig, error) {
	var result ClientConfig
	if err := ctx.Invoke(getClientConfigToken, nil, &result, utilities.PkgInvokeDefaultOpts(opts)...); err != nil {
		return nil, err
	}
	return &result, nil
}
