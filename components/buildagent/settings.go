package buildagent

import (
	"fmt"
	"strings"

	"github.com/hardaks/hardaks/components/rbac"
)

// settings are the arguments with defaults applied and names derived.
type settings struct {
	base           string
	identityName   string
	vmSize         string
	osDiskSizeGB   int
	image          Image
	kubernetesRole string
	agentVersion   string
	helmVersion    string
	// githubTokenURL is the GitHub REST endpoint that exchanges the stored token for a runner registration token.
	githubTokenURL string
}

func resolve(args *BuildAgentArgs) settings {
	s := settings{
		base:           strings.TrimPrefix(args.NamePrefix, "vm-"),
		identityName:   args.IdentityName,
		vmSize:         args.VMSize,
		osDiskSizeGB:   args.OSDiskSizeGB,
		image:          DefaultImage,
		kubernetesRole: args.KubernetesRole,
		agentVersion:   args.CI.AgentVersion,
		helmVersion:    args.HelmVersion,
	}
	if s.base == "" {
		s.base = args.NamePrefix
	}
	if s.identityName == "" {
		s.identityName = "id-" + s.base
	}
	if s.vmSize == "" {
		s.vmSize = DefaultVMSize
	}
	if s.osDiskSizeGB == 0 {
		s.osDiskSizeGB = DefaultOSDiskSizeGB
	}
	if args.Image != nil {
		s.image = *args.Image
	}
	if s.kubernetesRole == "" {
		s.kubernetesRole = rbac.AKSRBACWriter
	}
	if s.helmVersion == "" {
		s.helmVersion = DefaultHelmVersion
	}
	switch args.CI.System {
	case SystemAzureDevOps:
		if s.agentVersion == "" {
			s.agentVersion = DefaultAzureDevOpsAgentVersion
		}
	case SystemGitHubActions:
		if s.agentVersion == "" {
			s.agentVersion = DefaultGitHubRunnerVersion
		}
		s.githubTokenURL = githubRegistrationTokenURL(args.CI.URL)
	}
	return s
}

// vmName is the Azure name, host name and agent name of VM i (0-based).
func vmName(prefix string, i int) string { return fmt.Sprintf("%s-%02d", prefix, i+1) }

func (s settings) nicName(i int) string { return fmt.Sprintf("nic-%s-%02d", s.base, i+1) }

func (s settings) osDiskName(i int) string { return fmt.Sprintf("osdisk-%s-%02d", s.base, i+1) }

// zone is the availability zone of VM i, or "" without zones.
func zone(zones []string, i int) string {
	if len(zones) == 0 {
		return ""
	}
	return zones[i%len(zones)]
}

// githubRegistrationTokenURL is the REST endpoint for a repository's or an organization's runner registration
// token. https://docs.github.com/rest/actions/self-hosted-runners#create-a-registration-token-for-a-repository
func githubRegistrationTokenURL(ciURL string) string {
	path := strings.Trim(strings.TrimPrefix(ciURL, githubURLPrefix), "/")
	if owner, repo, ok := strings.Cut(path, "/"); ok {
		return "https://api.github.com/repos/" + owner + "/" + repo + "/actions/runners/registration-token"
	}
	return "https://api.github.com/orgs/" + path + "/actions/runners/registration-token"
}
