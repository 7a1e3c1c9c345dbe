package cluster

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTheClusterWaitsUntilItsNewestRoleIsTenMinutesOld(t *testing.T) {
	now := time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name      string
		createdOn []string
		want      time.Duration
	}{
		{"just created, in ARM's format", []string{"2026-12-02T17:59:30.1234567Z"}, 9*time.Minute + 30*time.Second + 123456700*time.Nanosecond},
		{"the newest assignment decides", []string{"2026-12-02T17:52:00Z", "2026-12-02T17:58:00Z"}, 8 * time.Minute},
		{"created long ago: a later update does not wait", []string{"2026-01-01T00:00:00.0000000Z"}, 0},
		{"exactly ten minutes old", []string{"2026-12-02T17:50:00Z"}, 0},
		{"no time to go by", []string{""}, 0},
		{"no assignments", nil, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, propagationDelay(tt.createdOn, now))
		})
	}
}
