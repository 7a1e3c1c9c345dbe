package offline

import "strings"

// TypeKey reduces a type token to "<module>:<Type>" without its API version, so that
// "azure-native:network:Subnet" and "azure-native:network/v20240301:Subnet" name the same Azure resource type: a
// versioned azure-native package registers the same resource under its own token (with an alias to the root one).
// A token of another shape is returned unchanged.
func TypeKey(token string) string {
	parts := strings.Split(token, ":")
	if len(parts) != 3 {
		return token
	}
	module, _, _ := strings.Cut(parts[1], "/")
	return module + ":" + parts[2]
}
