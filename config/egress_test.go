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
		"enable the NAT gateway, set network.egress to firewall, or set buildAgent.enabled to false")}, problems(t, err))

	assert.NoError(t, valid(t, noNAT, func(c *config.Config) { c.BuildAgent.Enabled = false }).Validate(),
		"without agents the cluster egresses through its load balancer")
}

// network is the dev stack's hardaks:network with the given egress settings.
func network(egress string) map[string]string {
	return map[string]string{config.KeyNetwork: `{"addressSpace":"10.40.0.0/16","subnets":{"nodes":"10.40.0.0/22",` +
		`"privateEndpoints":"10.40.4.0/24","bastion":"10.40.5.0/26","buildAgents":"10.40.6.0/27"` + egress + `}`}
}

func TestAFirewallEgressRoutesTheClusterAndTurnsTheDefaultNATGatewayOff(t *testing.T) {
	cfg := load(t, devSourceWith(t, network(`,"firewall":"10.40.7.0/26"},"egress":"firewall"`)))

	assert.Equal(t, config.EgressFirewall, cfg.Network.Egress)
	assert.Equal(t, "10.40.7.0/26", cfg.Network.Subnets.Firewall)
	assert.Equal(t, "Standard", cfg.Network.Firewall.Sku, "Standard is the default SKU")
	assert.False(t, cfg.Network.NatGateway.Enabled, "no NAT gateway is created with a firewall")
	assert.Equal(t, "userDefinedRouting", cfg.Cluster.OutboundType)
}

func TestAHubFirewallEgressRoutesTheClusterToTheHubAddress(t *testing.T) {
	cfg := load(t, devSourceWith(t, network(`},"egress":"hubFirewall","hubFirewall":{"privateIp":"10.0.1.4"}`)))

	assert.Equal(t, "10.0.1.4", cfg.Network.HubFirewall.PrivateIP)
	assert.False(t, cfg.Network.NatGateway.Enabled)
	assert.Empty(t, cfg.Network.Firewall.Sku, "no firewall SKU without a firewall of our own")
	assert.Equal(t, "userDefinedRouting", cfg.Cluster.OutboundType)
}

func TestNATGatewaySettingsBesideAFirewallAreRefused(t *testing.T) {
	_, err := config.Load(devSourceWith(t, network(`,"firewall":"10.40.7.0/26"},"egress":"firewall","natGateway":{"idleTimeoutMinutes":10}`)))

	assert.Equal(t, []config.FieldError{fe("network.natGateway", `{"enabled":true,"idleTimeoutMinutes":10,"publicIpPrefixLength":31}`,
		"applies only to network.egress natGateway, but egress is firewall", "remove network.natGateway")}, problems(t, err))
}

func TestEachEgressModeIsValidatedCompletely(t *testing.T) {
	firewall := func(c *config.Config) {
		c.Network.Egress = config.EgressFirewall
		c.Network.NatGateway.Enabled = false
		c.Network.Subnets.Firewall = "10.40.7.0/26"
		c.Network.Firewall.Sku = "Standard"
		c.Cluster.OutboundType = "userDefinedRouting"
	}
	hub := func(c *config.Config) {
		c.Network.Egress = config.EgressHubFirewall
		c.Network.NatGateway.Enabled = false
		c.Network.HubFirewall.PrivateIP = "10.0.1.4"
		c.Cluster.OutboundType = "userDefinedRouting"
	}
	onlyWith := func(key string, value any, mode, egress string) config.FieldError {
		return fe(key, value, "applies only to network.egress "+mode+", but egress is "+egress, "remove it, or set network.egress to "+mode)
	}
	for _, tc := range []struct {
		name    string
		changes []func(*config.Config)
		want    []config.FieldError
	}{
		{"a valid firewall", []func(*config.Config){firewall}, nil},
		{"a valid Premium firewall", []func(*config.Config){firewall, func(c *config.Config) { c.Network.Firewall.Sku = "Premium" }}, nil},
		{"a valid hub firewall", []func(*config.Config){hub}, nil},
		{"an unknown egress", []func(*config.Config){func(c *config.Config) { c.Network.Egress = "proxy" }},
			[]config.FieldError{fe("network.egress", "proxy", "must be one of natGateway, firewall, hubFirewall", "use natGateway (default), or firewall for a locked-down egress")}},
		{"a firewall without its subnet", []func(*config.Config){firewall, func(c *config.Config) { c.Network.Subnets.Firewall = "" }},
			[]config.FieldError{fe("network.subnets.firewall", nil, "is required", "set an IPv4 CIDR such as 10.40.0.0/22")}},
		{"a firewall subnet smaller than /26", []func(*config.Config){firewall, func(c *config.Config) { c.Network.Subnets.Firewall = "10.40.7.0/27" }},
			[]config.FieldError{fe("network.subnets.firewall", "10.40.7.0/27", "AzureFirewallSubnet must be /26 or larger", "use a /26 such as 10.40.7.0/26")}},
		{"a firewall subnet outside the VNet", []func(*config.Config){firewall, func(c *config.Config) { c.Network.Subnets.Firewall = "10.41.0.0/26" }},
			[]config.FieldError{fe("network.subnets.firewall", "10.41.0.0/26", "lies outside the VNet address space 10.40.0.0/16", "choose a prefix inside 10.40.0.0/16")}},
		{"a firewall subnet overlapping the agents", []func(*config.Config){firewall, func(c *config.Config) { c.Network.Subnets.Firewall = "10.40.6.0/26" }},
			[]config.FieldError{fe("network.subnets.firewall", "10.40.6.0/26", "overlaps network.subnets.buildAgents (10.40.6.0/27)", "give every subnet its own range")}},
		{"a Basic firewall", []func(*config.Config){firewall, func(c *config.Config) { c.Network.Firewall.Sku = "Basic" }},
			[]config.FieldError{fe("network.firewall.sku", "Basic", "must be Standard or Premium (Premium adds IDPS; Basic has neither IDPS nor the throughput for a cluster)", "use Standard (default)")}},
		{"a NAT gateway beside a firewall", []func(*config.Config){firewall, func(c *config.Config) { c.Network.NatGateway.Enabled = true }},
			[]config.FieldError{onlyWith("network.natGateway.enabled", true, "natGateway", "firewall")}},
		{"a load balancer outbound beside a firewall", []func(*config.Config){firewall, func(c *config.Config) { c.Cluster.OutboundType = "loadBalancer" }},
			[]config.FieldError{fe("cluster.outboundType", "loadBalancer", "egress firewall routes the node subnet through the firewall", "remove the key: it derives userDefinedRouting")}},
		{"a hub address beside a firewall", []func(*config.Config){firewall, func(c *config.Config) { c.Network.HubFirewall.PrivateIP = "10.0.1.4" }},
			[]config.FieldError{onlyWith("network.hubFirewall.privateIp", "10.0.1.4", "hubFirewall", "firewall")}},
		{"firewall keys with the NAT gateway", []func(*config.Config){func(c *config.Config) {
			c.Network.Subnets.Firewall = "10.40.7.0/26"
			c.Network.Firewall.Sku = "Premium"
		}}, []config.FieldError{
			onlyWith("network.subnets.firewall", "10.40.7.0/26", "firewall", "natGateway"),
			onlyWith("network.firewall.sku", "Premium", "firewall", "natGateway"),
		}},
		{"a hub without its address", []func(*config.Config){hub, func(c *config.Config) { c.Network.HubFirewall.PrivateIP = "" }},
			[]config.FieldError{fe("network.hubFirewall.privateIp", nil, "is required with network.egress hubFirewall", "set the private IP of the hub firewall, e.g. 10.0.1.4")}},
		{"a hub address that is not IPv4", []func(*config.Config){hub, func(c *config.Config) { c.Network.HubFirewall.PrivateIP = "fd00::4" }},
			[]config.FieldError{fe("network.hubFirewall.privateIp", "fd00::4", "is not an IPv4 address", "write the hub firewall's private IP, e.g. 10.0.1.4")}},
		{"a public hub address", []func(*config.Config){hub, func(c *config.Config) { c.Network.HubFirewall.PrivateIP = "20.50.1.4" }},
			[]config.FieldError{fe("network.hubFirewall.privateIp", "20.50.1.4", "is not in a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)", "use the hub firewall's private IP, not its public one")}},
		{"a hub address inside the VNet", []func(*config.Config){hub, func(c *config.Config) { c.Network.HubFirewall.PrivateIP = "10.40.8.4" }},
			[]config.FieldError{fe("network.hubFirewall.privateIp", "10.40.8.4", "lies inside this environment's VNet 10.40.0.0/16", "use the firewall's address in the peered hub VNet")}},
		{"a firewall SKU with a hub", []func(*config.Config){hub, func(c *config.Config) { c.Network.Firewall.Sku = "Standard" }},
			[]config.FieldError{onlyWith("network.firewall.sku", "Standard", "firewall", "hubFirewall")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := valid(t, tc.changes...).Validate()
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.want, problems(t, err))
		})
	}
}

func TestBuildAgentsEgressThroughAFirewallWithoutTheNATGateway(t *testing.T) {
	cfg := load(t, devSourceWith(t, network(`,"firewall":"10.40.7.0/26"},"egress":"firewall"`)))
	assert.True(t, cfg.BuildAgent.Enabled)
	assert.NoError(t, cfg.Validate())
}
