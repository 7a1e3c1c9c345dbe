package config

import (
	"fmt"

	"github.com/hardaks/hardaks/internal/kubename"
)

// validateNamespaces checks a list of the namespaces a role is scoped to.
func validateNamespaces(v *ValidationError, key string, namespaces []string) {
	for _, i := range kubename.BadNamespaces(namespaces) {
		v.add(fmt.Sprintf("%s[%d]", key, i), namespaces[i], "must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens)",
			"list each namespace once")
	}
}

// validateBuildAgent has the build agent component check its arguments, and checks what is about keys or spans
// components: the buildAgent.kubernetesRole vocabulary and the egress the agents need.
func (c *Config) validateBuildAgent(v *ValidationError) {
	b := c.BuildAgent
	if !b.Enabled {
		return
	}
	if c.Network.Egress == EgressNatGateway && !c.Network.NatGateway.Enabled {
		// The agent subnet is private (no default outbound access): without the NAT gateway or a firewall route the
		// agents reach neither the CI service nor the package repositories they install from.
		v.add("network.natGateway.enabled", false, "the build agents need egress through the NAT gateway to install their tools and reach "+b.CI.System,
			"enable the NAT gateway, set network.egress to firewall, or set buildAgent.enabled to false")
	}
	if _, ok := kubernetesRoles[b.KubernetesRole]; !ok {
		v.add("buildAgent.kubernetesRole", b.KubernetesRole, "must be one of reader, writer, admin or clusterAdmin", "use writer (default)")
	}
	v.include(buildAgentKeys, c.BuildAgentArgs().Validate())
}

// validateWorkloads has the workload identity component check each workload, and checks that their names, which
// name their identities and grants, differ.
func (c *Config) validateWorkloads(v *ValidationError) {
	seen := map[string]bool{}
	for i, args := range c.WorkloadArgs() {
		v.include(workloadKeys(i), args.Validate())
		if seen[args.Name] {
			v.add(fmt.Sprintf("workloads[%d].name", i), args.Name, "workload names must be unique", "rename the workload")
		}
		seen[args.Name] = true
	}
}
