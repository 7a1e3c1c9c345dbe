package kubename_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/internal/kubename"
)

func TestLabelAndSubdomainFollowRFC1123(t *testing.T) {
	assert.True(t, kubename.Label("orders-api", 63))
	for _, bad := range []string{"", "-orders", "orders-", "Orders", "orders_api", strings.Repeat("a", 64)} {
		assert.False(t, kubename.Label(bad, 63), bad)
	}
	assert.True(t, kubename.Subdomain("orders.api"))
	assert.False(t, kubename.Subdomain("orders..api"))
	assert.False(t, kubename.Subdomain(""))
}

func TestBadNamespacesNamesInvalidAndRepeatedEntries(t *testing.T) {
	assert.Empty(t, kubename.BadNamespaces([]string{"orders", "web"}))
	assert.Equal(t, []int{1, 3}, kubename.BadNamespaces([]string{"orders", "Web", "web", "orders"}))
}
