package tests

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The build agents' and the workload's role assignments moved to the registry, vault and cluster they grant on.
// Each must answer to the URN it had before (testdata/grant-urns-before-the-move.txt, from the dev plan before the
// move), or the next `pulumi up` would try to create it anew, which azure-native refuses for an existing resource,
// and then delete the grant under its old URN.
func TestMovedGrantsKeepTheirStateThroughAliases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "grant-urns-before-the-move.txt"))
	require.NoError(t, err)
	before := strings.Fields(string(data))

	var answered []string
	for _, r := range dev(t).OfType(roleType) {
		for _, alias := range r.Options.Aliases {
			// An alias spec of a new parent and name is recorded as "<parent URN>::<name>"; the URN it stands for
			// is the parent's type chain, the resource's type and the old name.
			parent, name, ok := cutLast(alias, "::")
			if !ok || !strings.HasPrefix(parent, "urn:pulumi:") {
				continue
			}
			chain, _, _ := cutLast(parent, "::")
			answered = append(answered, chain+"$"+r.Type+"::"+name)
		}
	}
	slices.Sort(answered)
	assert.Equal(t, before, answered)
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
