package buildagent

import (
	"slices"

	"github.com/hardaks/hardaks/components/network"
)

// toolSources are what cloud-init and hardaks-install-tools download from on every agent, whatever the CI system
// (rootless Docker's packages come from the same Docker repository).
var toolSources = []network.ApplicationRule{
	{Name: "ubuntu-packages", Protocol: "Http", Port: 80,
		Description: "apt update and install of the image's own sources (cloud-init packages)",
		FQDNs:       []string{"azure.archive.ubuntu.com", "security.ubuntu.com"}},
	{Name: "docker", Protocol: "Https", Port: 443,
		Description: "Docker Engine apt repository and key: https://docs.docker.com/engine/install/ubuntu/",
		FQDNs:       []string{"download.docker.com"}},
	{Name: "azure-cli", Protocol: "Https", Port: 443,
		Description: "Azure CLI apt repository and key: https://learn.microsoft.com/cli/azure/install-azure-cli-linux?pivots=apt",
		FQDNs:       []string{"packages.microsoft.com"}},
	{Name: "kubectl-kubelogin", Protocol: "Https", Port: 443,
		Description: "az aks install-cli: kubectl from dl.k8s.io, kubelogin's latest release from GitHub: https://learn.microsoft.com/cli/azure/aks#az-aks-install-cli",
		FQDNs: []string{"dl.k8s.io", "cdn.dl.k8s.io", "api.github.com", "github.com", "objects.githubusercontent.com",
			"release-assets.githubusercontent.com"}},
	{Name: "helm", Protocol: "Https", Port: 443,
		Description: "the pinned Helm release and its checksum: https://helm.sh/docs/intro/install/#from-the-binary-releases",
		FQDNs:       []string{"get.helm.sh"}},
	{Name: "azure", Protocol: "Https", Port: 443,
		Description: "Microsoft Entra ID and Azure Resource Manager, for the managed identity's tokens and az aks get-credentials; the registry and vault are private endpoints",
		FQDNs:       []string{"login.microsoftonline.com", "management.azure.com"}},
}

// ciEndpoints are the endpoints each CI system's agent needs.
var ciEndpoints = map[string]network.ApplicationRule{
	// https://learn.microsoft.com/azure/devops/organizations/security/allow-list-ip-url#ip-addresses-and-range-restrictions
	// (the agent package comes from download.agent.dev.azure.com, as hardaks-install-tools downloads it).
	SystemAzureDevOps: {Name: "azure-devops", Protocol: "Https", Port: 443,
		Description: "Azure DevOps allowed domain URLs: https://learn.microsoft.com/azure/devops/organizations/security/allow-list-ip-url",
		FQDNs: []string{"dev.azure.com", "*.dev.azure.com", "*.visualstudio.com", "*.vsassets.io", "login.microsoftonline.com",
			"management.core.windows.net", "download.agent.dev.azure.com", "vstsagentpackage.azureedge.net"}},
	// GitHub's list includes *.blob.core.windows.net for logs, artifacts and caches. It lets a job reach any storage
	// account, but a job that can reach github.com can already send data out through it.
	SystemGitHubActions: {Name: "github-actions", Protocol: "Https", Port: 443,
		Description: "GitHub Actions self-hosted runner communication requirements: https://docs.github.com/actions/reference/runners/self-hosted-runners#communication-requirements",
		FQDNs: []string{"github.com", "api.github.com", "*.actions.githubusercontent.com", "codeload.github.com",
			"pkg.actions.githubusercontent.com", "results-receiver.actions.githubusercontent.com", "*.blob.core.windows.net",
			"objects.githubusercontent.com", "objects-origin.githubusercontent.com", "github-releases.githubusercontent.com",
			"release-assets.githubusercontent.com", "github-registry-files.githubusercontent.com", "ghcr.io", "*.pkg.github.com"}},
}

// EgressEndpoints are the application rules a firewall in front of agents of this CI system must allow: the CI
// service, and the package and tool sources cloud-init installs from. An unknown system gets only the tool sources.
func EgressEndpoints(ciSystem string) []network.ApplicationRule {
	rules := slices.Clone(toolSources)
	if ci, ok := ciEndpoints[ciSystem]; ok {
		rules = append([]network.ApplicationRule{ci}, rules...)
	}
	return rules
}
