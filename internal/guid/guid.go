// Package guid derives stable GUIDs from names, so the same stack always yields the same Azure names and mock IDs.
package guid

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// FromParts returns an RFC 4122 version 5 style GUID of the parts (SHA-1, variant bits set), the way ARM
// templates' guid() derives names.
func FromParts(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	sum[6] = (sum[6] & 0x0f) | 0x50
	sum[8] = (sum[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

// Valid reports whether s has the 8-4-4-4-12 hexadecimal GUID form.
func Valid(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}
