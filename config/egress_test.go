package config_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/config"
)

func TestBuildAgentsNeedTheNATGateway(t *testing.T) {
	noNAT := func(c *config.Config) { c.Network.NatGateway.Enabled = false; c.Cluster.OutboundType = "loadBalancer" }
	err := valid(t, noNAT).Validate()
	assert.Equal(t, []config.FieldError{fe("network.natGateway.enabled", false,
		"the build agents need egress through the NAT gateway to install their tools and reach azureDevOps",
		"enable the NAT gateway, or set buildAgent.enabled to false")}, problems(t, err))

	assert.NoError(t, valid(t, noNAT, func(c *config.Config) { c.BuildAgent.Enabled = false }).Validate(),
		"without agents the cluster egresses through its load balancer")
}
