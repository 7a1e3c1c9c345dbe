package buildagent

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/kubename"
)

const (
	// MaxCount is hardaks policy, not an Azure limit: every agent holds the same push and deploy rights through
	// the shared identity, so the machines that hold them stay few. (The two-digit name suffix would allow 99.)
	MaxCount = 10
	// Linux host names and VM names are at most 64 characters; "-NN" is appended to the prefix.
	// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcompute
	maxNamePrefixLength = 64 - 3
	// https://learn.microsoft.com/azure/virtual-machines/managed-disks-overview#disk-allocation-and-performance
	minOSDiskSizeGB = 30
	maxOSDiskSizeGB = 4095

	githubURLPrefix = "https://github.com/"
)

var (
	// namePrefixPattern keeps VM names valid host names: lowercase letters, digits and hyphens, starting with a letter.
	namePrefixPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	// identityNamePattern is Azure's rule for userAssignedIdentities: 3-128 letters, digits, '-' and '_', starting
	// with a letter or digit.
	identityNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$`)
	// adminUsernamePattern is a portable Linux user name of at most 32 characters (Azure's Linux limit).
	adminUsernamePattern = regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$`)
	// githubNamePattern is a GitHub owner or repository name.
	githubNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	// labelPattern is a runner label: no commas (the separator) and no whitespace.
	labelPattern        = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)
	agentVersionPattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)
	helmVersionPattern  = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
	sha256Pattern       = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// poolPattern keeps the pool name on one line of printable characters.
	poolPattern = regexp.MustCompile(`^[^\x00-\x1f\x7f]{1,255}$`)
)

// reservedAdminUsernames are the names Azure refuses for a VM administrator.
// https://learn.microsoft.com/azure/virtual-machines/linux/faq#what-are-the-username-requirements-when-creating-a-vm-
var reservedAdminUsernames = []string{
	"1", "123", "a", "actuser", "adm", "admin", "admin1", "admin2", "administrator", "aspnet", "backup", "console",
	"david", "guest", "john", "owner", "root", "server", "sql", "support", "support_388945a0", "sys", "test", "test1",
	"test2", "test3", "user", "user1", "user2", "user3", "user4", "user5",
}

// AdminUsernameProblem says why name cannot be the agents' administrator, or returns "": Azure's Linux user name
// rule and reserved names, and the agents' own service user.
func AdminUsernameProblem(name string) string {
	switch {
	case !adminUsernamePattern.MatchString(name):
		return "must be 1-32 lowercase letters, digits, '_' or '-', starting with a letter or '_'"
	case slices.Contains(reservedAdminUsernames, name):
		return "is reserved by Azure"
	case name == ServiceUser:
		return "is the agent service user; choose another"
	}
	return ""
}

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names. NewBuildAgent also checks the required Inputs.
func (args *BuildAgentArgs) Validate() error { return validation.Check("buildagent", args.check) }

func validate(args *BuildAgentArgs) error {
	return validation.Check("buildagent", args.checkInputs, args.check)
}

func (args *BuildAgentArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", args.Location)
	p.Required(args.SubnetID != nil, "subnetId", "pass the build agent subnet's ID")
	p.Required(args.RegistryName != nil, "registryName", "pass the container registry's name")
	p.Required(args.VaultName != nil, "vaultName", "pass the key vault's name")
	p.Required(args.ClusterName != nil, "clusterName", "pass the AKS cluster's name")
	p.Required(args.ClusterResourceGroup != nil, "clusterResourceGroup", "pass the AKS cluster's resource group")
}

func (args *BuildAgentArgs) check(p *validation.Problems) {
	args.checkVMs(p)
	if !rbac.VaultObjectName(args.RegistrationTokenSecretName) {
		p.Add("registrationTokenSecretName", validation.OrUnset(args.RegistrationTokenSecretName),
			"Key Vault secret names are 1-127 letters, digits and hyphens", "name the secret that holds the CI token")
	}
	if role := args.KubernetesRole; role != "" {
		switch _, err := rbac.RoleGUID(role); {
		case err != nil:
			p.Add("kubernetesRole", role, "is neither a built-in role hardaks knows nor a role definition ID", "use "+rbac.AKSRBACWriter+" (default)")
		case isRole(role, rbac.AKSClusterUser):
			p.Add("kubernetesRole", role, "is not a Kubernetes data-plane role; the agents always get it", "use "+rbac.AKSRBACWriter+" (default)")
		}
	}
	for _, i := range kubename.BadNamespaces(args.KubernetesNamespaces) {
		p.Add(fmt.Sprintf("kubernetesNamespaces[%d]", i), args.KubernetesNamespaces[i],
			"must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens)", "list each namespace once")
	}
	if v := args.HelmVersion; v != "" && !helmVersionPattern.MatchString(v) {
		p.Add("helmVersion", v, "is not a Helm release", "use a release tag such as "+DefaultHelmVersion)
	}
	args.CI.check(p)
}

func (args *BuildAgentArgs) checkVMs(p *validation.Problems) {
	if !namePrefixPattern.MatchString(args.NamePrefix) || len(args.NamePrefix) > maxNamePrefixLength {
		p.Addf("namePrefix", validation.OrUnset(args.NamePrefix), "choose a valid prefix, e.g. vm-hardaks-dev-agent",
			"must be 2-%d lowercase letters, digits or '-', start with a letter and not end with '-'", maxNamePrefixLength)
	}
	if args.Count < 1 || args.Count > MaxCount {
		p.Addf("count", args.Count, "run between 1 and 10 agents", "must be 1-%d (hardaks keeps the machines that hold the agents' rights few)", MaxCount)
	}
	if args.VMSize != "" && !validation.ValidVMSize(args.VMSize) {
		p.Add("vmSize", args.VMSize, "is not an Azure VM size", "use a size such as "+DefaultVMSize)
	}
	if args.IdentityName != "" && !identityNamePattern.MatchString(args.IdentityName) {
		p.Add("identityName", args.IdentityName, "must be 3-128 letters, digits, '-' or '_', starting with a letter or digit", "choose a valid name, or leave it empty for id-<base>")
	}
	if args.OSDiskSizeGB != 0 && (args.OSDiskSizeGB < minOSDiskSizeGB || args.OSDiskSizeGB > maxOSDiskSizeGB) {
		p.Addf("osDiskSizeGb", args.OSDiskSizeGB, fmt.Sprintf("use %d (default)", DefaultOSDiskSizeGB), "must be %d-%d GiB", minOSDiskSizeGB, maxOSDiskSizeGB)
	}
	if problem := AdminUsernameProblem(args.AdminUsername); problem != "" {
		p.Add("adminUsername", validation.OrUnset(args.AdminUsername), problem, "use azureuser")
	}
	if problem := SSHPublicKeyProblem(args.SSHPublicKey); problem != "" {
		p.Add("sshPublicKey", validation.OrUnset(abbreviate(args.SSHPublicKey)), problem,
			fmt.Sprintf("paste one line of an ssh-ed25519 public key (ssh-keygen -t ed25519) or an ssh-rsa key of at least %d bits", MinRSABits))
	}
	region, _ := validation.KnownRegion(args.Location)
	p.Zones("zones", args.Zones, region)
	if img := args.Image; img != nil && (img.Publisher == "" || img.Offer == "" || img.Sku == "" || img.Version == "") {
		p.Add("image", fmt.Sprintf("%s:%s:%s:%s", img.Publisher, img.Offer, img.Sku, img.Version), "needs publisher, offer, sku and version",
			"name a marketplace image, or leave it unset for Ubuntu 24.04 LTS")
	}
}

// abbreviate keeps the first 40 characters of a long value (runes, so it never splits one).
func abbreviate(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func (ci *CI) check(p *validation.Problems) {
	// A URL with credentials is reported once, redacted, and no other check prints it.
	credentials := false
	if u, err := url.Parse(ci.URL); err == nil && u.User != nil {
		p.Add("ci.url", validation.Redacted, "must not carry credentials", "keep the token in the key vault, not in the URL")
		credentials = true
	}
	switch ci.System {
	case SystemAzureDevOps:
		if !credentials && !isAzureDevOpsURL(ci.URL) {
			p.Add("ci.url", validation.OrUnset(ci.URL), "must be an Azure DevOps organization URL", "use https://dev.azure.com/<organization> (or https://<organization>.visualstudio.com)")
		}
		if !poolPattern.MatchString(ci.Pool) {
			p.Add("ci.pool", validation.OrUnset(ci.Pool), "Azure DevOps agents register into a pool, named on one line", "set the agent pool name, e.g. hardaks")
		}
		if len(ci.Labels) > 0 {
			p.Add("ci.labels", ci.Labels, "labels choose GitHub Actions runners; Azure DevOps agents are chosen by pool", "remove labels")
		}
	case SystemGitHubActions:
		if !credentials && !isGitHubURL(ci.URL) {
			p.Add("ci.url", validation.OrUnset(ci.URL), "must be a GitHub organization or repository URL", "use https://github.com/<organization> or https://github.com/<owner>/<repository>")
		}
		if ci.Pool != "" {
			p.Add("ci.pool", ci.Pool, "a pool holds Azure DevOps agents; GitHub Actions runners are chosen by labels", "remove pool, or use labels")
		}
		for i, label := range ci.Labels {
			if !labelPattern.MatchString(label) {
				p.Add(fmt.Sprintf("ci.labels[%d]", i), validation.OrUnset(label), "runner labels are 1-100 letters, digits, '.', '_' or '-'", "rename the label")
			}
		}
	default:
		p.OneOf("ci.system", ci.System, "name the CI system the agents register with", SystemAzureDevOps, SystemGitHubActions)
	}
	if v := ci.AgentVersion; v != "" && !agentVersionPattern.MatchString(v) {
		p.Add("ci.agentVersion", v, `is not an agent release`, "use a version such as 1.2.3, or leave it empty for the default")
	}
	if h := ci.AgentSHA256; h != "" && !sha256Pattern.MatchString(h) {
		p.Add("ci.agentSha256", h, "must be 64 lowercase hexadecimal digits", "copy the linux-x64 SHA-256 from the release notes")
	}
}

// isAzureDevOpsURL accepts https://dev.azure.com/<organization> and the older https://<organization>.visualstudio.com,
// which Azure DevOps still serves. https://learn.microsoft.com/azure/devops/organizations/accounts/change-organization-location
func isAzureDevOpsURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	path := strings.Trim(u.Path, "/")
	switch {
	case u.Host == "dev.azure.com":
		return githubNamePattern.MatchString(path) && !strings.Contains(path, "/")
	case strings.HasSuffix(u.Host, ".visualstudio.com") && u.Host != ".visualstudio.com":
		return path == ""
	}
	return false
}

// isGitHubURL accepts https://github.com/<owner>/<repository> and https://github.com/<organization>.
func isGitHubURL(raw string) bool {
	if !strings.HasPrefix(raw, githubURLPrefix) {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) > 2 {
		return false
	}
	for _, p := range parts {
		if !githubNamePattern.MatchString(p) {
			return false
		}
	}
	return true
}
