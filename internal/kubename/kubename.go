// Package kubename checks Kubernetes object names, for the components that put them into manifests and role
// assignment scopes.
package kubename

import (
	"slices"
	"strings"
)

// Label reports whether s is an RFC 1123 label of at most max characters, as Kubernetes requires of namespaces.
func Label(s string, max int) bool {
	if s == "" || len(s) > max || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Subdomain reports whether s is an RFC 1123 subdomain, as Kubernetes requires of ServiceAccount names.
func Subdomain(s string) bool {
	if len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if !Label(label, 63) {
			return false
		}
	}
	return true
}

// NamespaceMaxLength is the longest namespace name Kubernetes accepts.
const NamespaceMaxLength = 63

// BadNamespaces are the indexes of the entries of namespaces that are not namespace names or repeat an earlier one.
func BadNamespaces(namespaces []string) []int {
	var bad []int
	for i, ns := range namespaces {
		if !Label(ns, NamespaceMaxLength) || slices.Index(namespaces, ns) < i {
			bad = append(bad, i)
		}
	}
	return bad
}
