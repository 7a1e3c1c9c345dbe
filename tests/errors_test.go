package tests

import (
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/go-multierror"
	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/internal/cli"
)

// A program error reaches the user as the component wrote it, one problem a line, without go-multierror's
// "1 error occurred:" header and bullets.
func TestProgramErrorsPrintOneProblemALine(t *testing.T) {
	component := errors.Join(errors.New("cluster: kubernetesVersion \"v1.30\" must be <major>.<minor>"),
		errors.New("cluster: skuTier \"Gold\" must be one of Standard, Free"))
	gathered := multierror.Append(nil, fmt.Errorf("%w", component))
	assert.Equal(t, "cluster: kubernetesVersion \"v1.30\" must be <major>.<minor>\ncluster: skuTier \"Gold\" must be one of Standard, Free",
		cli.ErrorMessage(gathered))
	assert.Equal(t, "plain", cli.ErrorMessage(errors.New("plain")))
}
