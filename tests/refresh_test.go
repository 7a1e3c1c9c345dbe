package tests

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

// azureAfterCreation is what `pulumi refresh` stores as a resource's inputs once Azure has run it for a while:
// azure-native's Read copies every output that changed since the last read into the inputs (provider.go, Read), so
// whatever Azure moves on its own becomes the baseline the next update is diffed against.
func azureAfterCreation(r offline.Resource, plan *offline.Plan) map[string]any {
	refreshed := deepCopy(r.Inputs).(map[string]any)
	// Azure returns resource IDs with lower-cased fixed segments (resourcegroups, providers/microsoft.…).
	lowerCaseIDs(refreshed)
	switch offline.TypeKey(r.Type) {
	case "containerservice:ManagedCluster":
		// The patch channel moved the cluster to a newer patch, the autoscaler grew the system pool, and AKS lists
		// every pool of the cluster, the separately managed user pools too.
		refreshed["kubernetesVersion"] = "1.35.7"
		profiles := refreshed["agentPoolProfiles"].([]any)
		system := profiles[0].(map[string]any)
		system["count"] = system["maxCount"]
		system["orchestratorVersion"] = "1.35.7"
		for _, pool := range plan.OfType(agentPoolType) {
			listed := deepCopy(pool.Inputs).(map[string]any)
			listed["name"] = listed["agentPoolName"]
			profiles = append(profiles, listed)
		}
		refreshed["agentPoolProfiles"] = profiles
	case "containerservice:AgentPool":
		refreshed["count"] = refreshed["maxCount"]
		refreshed["orchestratorVersion"] = "1.35.7"
	}
	return refreshed
}

// TestTheSecondUpdateAfterARefreshChangesNothing re-runs the program after a refresh and diffs its inputs with the
// refreshed baseline as the engine does, removals included. Each difference must be one the resource ignores, an
// ARM ID that differs only in the case of the prefix azure-native compares case-insensitively (pulumi-azure-native
// PR #2993), or a user pool listed in the cluster's agentPoolProfiles, whose removal from that list AKS ignores (a
// cluster PUT never deletes pools; pulumi-azure-native issue #579; README, "Known limits and trade-offs").
func TestTheSecondUpdateAfterARefreshChangesNothing(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			first, err := planStack(stack)
			require.NoError(t, err)
			second, err := planStack(stack)
			require.NoError(t, err)
			require.Len(t, second.Resources, len(first.Resources))

			var ignored, listedPools []string
			for i, r := range second.Resources {
				refreshed := azureAfterCreation(first.Resources[i], first)
				for _, path := range changedPaths("", r.Inputs, refreshed) {
					switch {
					case covered(path, r.Options.IgnoreChanges):
						ignored = append(ignored, r.Name+" "+path)
					case r.Type == clusterType && userPoolProfile.MatchString(path):
						listedPools = append(listedPools, path)
					default:
						t.Errorf("%s %s: the update would change %s", r.Type, r.Name, path)
					}
				}
			}
			want := []string{"hardaks-cluster-aks agentPoolProfiles[0].count", "hardaks-cluster-aks agentPoolProfiles[0].orchestratorVersion",
				"hardaks-cluster-aks kubernetesVersion"}
			for _, pool := range second.OfType(agentPoolType) {
				want = append(want, pool.Name+" count", pool.Name+" orchestratorVersion")
			}
			assert.ElementsMatch(t, want, ignored)
			assert.Len(t, listedPools, len(second.OfType(agentPoolType)))
		})
	}
}

// userPoolProfile is a whole pool past the inline system pool in the cluster's agentPoolProfiles.
var userPoolProfile = regexp.MustCompile(`^agentPoolProfiles\[[1-9][0-9]*\]$`)

// changedPaths lists the paths, in the spelling of ignoreChanges, where the program's inputs (want) and the
// refreshed baseline (got) differ: changed, added and removed values alike.
func changedPaths(prefix string, want, got any) []string {
	wm, wIsMap := want.(map[string]any)
	gm, gIsMap := got.(map[string]any)
	if wIsMap && gIsMap {
		union := maps.Clone(wm)
		maps.Copy(union, gm)
		var out []string
		for _, k := range slices.Sorted(maps.Keys(union)) {
			out = append(out, changedPaths(join(prefix, k), wm[k], gm[k])...)
		}
		return out
	}
	wa, wIsArray := want.([]any)
	ga, gIsArray := got.([]any)
	if wIsArray && gIsArray {
		var out []string
		for i := range max(len(wa), len(ga)) {
			path := fmt.Sprintf("%s[%d]", prefix, i)
			switch {
			case i >= len(wa) || i >= len(ga):
				out = append(out, path)
			default:
				out = append(out, changedPaths(path, wa[i], ga[i])...)
			}
		}
		return out
	}
	if w, ok := want.(string); ok {
		if g, ok := got.(string); ok && sameARMID(w, g) {
			return nil
		}
	}
	if reflect.DeepEqual(want, got) {
		return nil
	}
	return []string{prefix}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// covered says whether an ignoreChanges entry covers path: the path itself or one of its parents.
func covered(path string, ignoreChanges []string) bool {
	for _, ignored := range ignoreChanges {
		if path == ignored || strings.HasPrefix(path, ignored+".") || strings.HasPrefix(path, ignored+"[") {
			return true
		}
	}
	return false
}

// armIDPrefix is the part of an ARM ID azure-native compares case-insensitively.
var armIDPrefix = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\.[^/]+/`)

func sameARMID(a, b string) bool {
	pa, pb := armIDPrefix.FindString(a), armIDPrefix.FindString(b)
	return pa != "" && pb != "" && strings.EqualFold(pa, pb) && a[len(pa):] == b[len(pb):]
}

// lowerCaseIDs lower-cases the fixed prefix of every ARM ID in v, as Azure returns them.
func lowerCaseIDs(v any) {
	lowered := func(e any) (any, bool) {
		s, ok := e.(string)
		if !ok {
			lowerCaseIDs(e)
			return e, false
		}
		p := armIDPrefix.FindString(s)
		return strings.ToLower(p) + s[len(p):], p != ""
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if l, ok := lowered(e); ok {
				x[k] = l
			}
		}
	case []any:
		for i, e := range x {
			if l, ok := lowered(e); ok {
				x[i] = l
			}
		}
	}
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
