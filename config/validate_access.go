package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/kubename"
)

// validateNamespaces checks a list of the namespaces a role is scoped to.
func validateNamespaces(v *ValidationError, key string, namespaces []string) {
	for _, i := range kubename.BadNamespaces(namespaces) {
		v.add(fmt.Sprintf("%s[%d]", key, i), namespaces[i], "must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens)",
			"list each namespace once")
	}
}

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
	if b.Count < 1 || b.Count > 10 {
		v.add("buildAgent.count", b.Count, "must be 1–10", "set a count, or set buildAgent.enabled to false")
	}
	if !validation.ValidVMSize(b.VMSize) {
		v.add("buildAgent.vmSize", b.VMSize, "is not an Azure VM size", "use a size such as "+buildagent.DefaultVMSize)
	}
	if problem := buildagent.AdminUsernameProblem(b.AdminUsername); problem != "" {
		v.add("buildAgent.adminUsername", b.AdminUsername, problem, "use azureuser (default)")
	}
	if problem := buildagent.SSHPublicKeyProblem(b.SSHPublicKey); problem != "" {
		v.add("buildAgent.sshPublicKey", abbreviate(b.SSHPublicKey), problem,
			fmt.Sprintf("paste one line of an ssh-ed25519 public key (ssh-keygen -t ed25519) or an ssh-rsa key of at least %d bits", buildagent.MinRSABits))
	}
	roles := []string{"reader", "writer", "admin", "clusterAdmin"}
	if !slices.Contains(roles, b.KubernetesRole) {
		v.add("buildAgent.kubernetesRole", b.KubernetesRole, "must be one of "+strings.Join(roles, ", "), "use writer (default)")
	}
	validateNamespaces(v, "buildAgent.kubernetesNamespaces", b.KubernetesNamespaces)
	if !vaultObjectPattern.MatchString(b.RegistrationTokenSecret) {
		v.add("buildAgent.registrationTokenSecret", b.RegistrationTokenSecret, "Key Vault secret names are 1–127 letters, digits and hyphens",
			"use "+DefaultRegistrationSecret+" (default)")
	}
	// A URL with credentials is reported once, redacted, and no other check prints it.
	credentials := false
	if u, err := url.Parse(b.CI.URL); err == nil && u.User != nil {
		v.add("buildAgent.ci.url", redacted, "must not carry credentials", "store the token in Key Vault (hardaks:vaultSecrets) instead")
		credentials = true
	}
	switch b.CI.System {
	case "azureDevOps":
		if !credentials && !azureDevOpsURLPattern.MatchString(b.CI.URL) {
			v.add("buildAgent.ci.url", b.CI.URL, "must be an Azure DevOps organization URL", "use https://dev.azure.com/<organization>")
		}
		if b.CI.Pool == "" {
			v.add("buildAgent.ci.pool", nil, "Azure DevOps agents register into a pool", "set the agent pool name, e.g. hardaks")
		}
		if len(b.CI.Labels) > 0 {
			v.add("buildAgent.ci.labels", b.CI.Labels, "labels choose GitHub Actions runners; Azure DevOps agents are chosen by pool", "remove labels")
		}
	case "githubActions":
		if b.CI.Pool != "" {
			v.add("buildAgent.ci.pool", b.CI.Pool, "a pool holds Azure DevOps agents; GitHub Actions runners are chosen by labels", "remove pool, or use labels")
		}
		if !credentials && !githubURLPattern.MatchString(b.CI.URL) {
			v.add("buildAgent.ci.url", b.CI.URL, "must be a GitHub organization or repository URL", "use https://github.com/<owner> or https://github.com/<owner>/<repo>")
		}
		for i, label := range b.CI.Labels {
			if label == "" || strings.ContainsAny(label, ", ") {
				v.add(fmt.Sprintf("buildAgent.ci.labels[%d]", i), label, "runner labels are non-empty words without commas or spaces", "rename the label")
			}
		}
	default:
		v.add("buildAgent.ci.system", b.CI.System, "must be azureDevOps or githubActions", "name the CI system the agents register with")
	}
}

// abbreviate keeps the first 40 characters (runes, so it never splits one).
func abbreviate(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func (c *Config) validateWorkloads(v *ValidationError) {
	seen := map[string]bool{}
	for i, w := range c.Workloads {
		key := fmt.Sprintf("workloads[%d]", i)
		if !dnsLabelPattern.MatchString(w.Name) || len(w.Name) > 24 {
			v.add(key+".name", w.Name, "must be a DNS label of at most 24 characters (it names the identity and the SecretProviderClass)", "rename the workload")
		} else if seen[w.Name] {
			v.add(key+".name", w.Name, "workload names must be unique", "rename the workload")
		}
		seen[w.Name] = true
		if !dnsLabelPattern.MatchString(w.Namespace) {
			v.add(key+".namespace", w.Namespace, "is not a Kubernetes namespace name", "use a DNS label such as payments")
		}
		if !dnsSubdomainPattern.MatchString(w.ServiceAccount) {
			v.add(key+".serviceAccount", w.ServiceAccount, "is not a Kubernetes service account name", "use a DNS subdomain such as payments-api")
		}
		if len(w.Secrets) == 0 && len(w.Certificates) == 0 {
			v.add(key, w.Name, "reads nothing from the vault, so it needs no identity", "list secrets or certificates, or remove the workload")
		}
		objects := []struct {
			field string
			names []string
		}{{"secrets", w.Secrets}, {"certificates", w.Certificates}}
		for _, o := range objects {
			for j, name := range o.names {
				if !vaultObjectPattern.MatchString(name) {
					v.add(fmt.Sprintf("%s.%s[%d]", key, o.field, j), name, "Key Vault object names are 1–127 letters, digits and hyphens", "rename the object")
				}
			}
		}
	}
}
