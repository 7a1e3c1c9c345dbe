// Package guid derives stable GUIDs from names, so the same stack always yields the same Azure names and mock IDs.
package guid

import (
	"crypto/sha1"
	"fmt"
	"regexp"
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

// Pattern is the 8-4-4-4-12 hexadecimal GUID form, in either case, for use inside larger patterns (ARM IDs).
const Pattern = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`

var valid = regexp.MustCompile(`^` + Pattern + `$`)

// Valid reports whether s has the GUID form.
func Valid(s string) bool { return valid.MatchString(s) }
