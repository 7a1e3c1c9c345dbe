package buildagent

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/guid"
	"github.com/hardaks/hardaks/internal/kubename"
)

const (
	maxCount = 99
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
	// secretNamePattern is Key Vault's rule for object names. https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#objects-identifiers-and-versioning
	secretNamePattern = regexp.MustCompile(`^[0-9A-Za-z-]{1,127}$`)
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

// validate checks the arguments NewBuildAgent inspects at construction time.
func validate(args *BuildAgentArgs) error {
	switch {
	case args.ResourceGroupName == nil:
		return errors.New("buildagent: resourceGroupName is required")
	case args.Location == nil:
		return errors.New("buildagent: location is required")
	case args.SubnetID == nil:
		return errors.New("buildagent: subnetId is required")
	case args.SubscriptionID == nil:
		return errors.New("buildagent: subscriptionId is required")
	case args.RegistryID == nil || args.RegistryName == nil:
		return errors.New("buildagent: registryId and registryName are required")
	case args.VaultID == nil || args.VaultName == nil:
		return errors.New("buildagent: vaultId and vaultName are required")
	case args.ClusterID == nil || args.ClusterName == nil || args.ClusterResourceGroup == nil:
		return errors.New("buildagent: clusterId, clusterName and clusterResourceGroup are required")
	}
	if err := validateVMs(args); err != nil {
		return err
	}
	if !secretNamePattern.MatchString(args.RegistrationTokenSecretName) {
		return fmt.Errorf("buildagent: registrationTokenSecretName %q must be 1-127 letters, digits or '-'", args.RegistrationTokenSecretName)
	}
	if role := args.KubernetesRoleGUID; role != "" {
		if !guid.Valid(role) {
			return fmt.Errorf("buildagent: kubernetesRoleGuid %q is not a GUID", role)
		}
		if strings.EqualFold(role, rbac.AKSClusterUser) {
			return errors.New("buildagent: kubernetesRoleGuid must be a Kubernetes data-plane role; Azure Kubernetes Service Cluster User Role is always assigned")
		}
	}
	if bad := kubename.BadNamespaces(args.KubernetesNamespaces); len(bad) > 0 {
		return fmt.Errorf("buildagent: kubernetesNamespaces[%d] %q must be a distinct Kubernetes namespace name (a DNS label)",
			bad[0], args.KubernetesNamespaces[bad[0]])
	}
	if v := args.HelmVersion; v != "" && !helmVersionPattern.MatchString(v) {
		return fmt.Errorf(`buildagent: helmVersion %q must look like "v3.19.0"`, v)
	}
	return validateCI(&args.CI)
}

func validateVMs(args *BuildAgentArgs) error {
	if !namePrefixPattern.MatchString(args.NamePrefix) || len(args.NamePrefix) > maxNamePrefixLength {
		return fmt.Errorf("buildagent: namePrefix %q must be 2-%d lowercase letters, digits or '-', start with a letter and not end with '-'",
			args.NamePrefix, maxNamePrefixLength)
	}
	if args.Count < 1 || args.Count > maxCount {
		return fmt.Errorf("buildagent: count %d must be between 1 and %d", args.Count, maxCount)
	}
	if args.IdentityName != "" && !identityNamePattern.MatchString(args.IdentityName) {
		return fmt.Errorf("buildagent: identityName %q must be 3-128 letters, digits, '-' or '_', starting with a letter or digit", args.IdentityName)
	}
	if args.OSDiskSizeGB != 0 && (args.OSDiskSizeGB < minOSDiskSizeGB || args.OSDiskSizeGB > maxOSDiskSizeGB) {
		return fmt.Errorf("buildagent: osDiskSizeGb %d must be between %d and %d", args.OSDiskSizeGB, minOSDiskSizeGB, maxOSDiskSizeGB)
	}
	if problem := AdminUsernameProblem(args.AdminUsername); problem != "" {
		return fmt.Errorf("buildagent: adminUsername %q %s", args.AdminUsername, problem)
	}
	if problem := SSHPublicKeyProblem(args.SSHPublicKey); problem != "" {
		return fmt.Errorf("buildagent: sshPublicKey %s; use one ssh-ed25519 key or an ssh-rsa key of at least %d bits", problem, MinRSABits)
	}
	seen := map[string]bool{}
	for _, z := range args.Zones {
		if z != "1" && z != "2" && z != "3" {
			return fmt.Errorf(`buildagent: zones %q: zone %q must be "1", "2" or "3"`, args.Zones, z)
		}
		if seen[z] {
			return fmt.Errorf("buildagent: zones %q lists zone %q twice", args.Zones, z)
		}
		seen[z] = true
	}
	if img := args.Image; img != nil && (img.Publisher == "" || img.Offer == "" || img.Sku == "" || img.Version == "") {
		return errors.New("buildagent: image needs publisher, offer, sku and version")
	}
	return nil
}

func validateCI(ci *CIArgs) error {
	switch ci.System {
	case SystemAzureDevOps:
		if !isAzureDevOpsURL(ci.URL) {
			return fmt.Errorf("buildagent: ci.url %q must be an Azure DevOps organization URL, https://dev.azure.com/<organization>", ci.URL)
		}
		if !poolPattern.MatchString(ci.Pool) {
			return errors.New("buildagent: ci.pool is required for Azure DevOps and must be one line")
		}
		if len(ci.Labels) > 0 {
			return errors.New("buildagent: ci.labels apply to GitHub Actions only; Azure DevOps agents are chosen by pool")
		}
	case SystemGitHubActions:
		if !isGitHubURL(ci.URL) {
			return fmt.Errorf("buildagent: ci.url %q must be https://github.com/<owner>/<repository> or https://github.com/<organization>", ci.URL)
		}
		if ci.Pool != "" {
			return errors.New("buildagent: ci.pool applies to Azure DevOps only; GitHub Actions runners are chosen by labels")
		}
		for _, label := range ci.Labels {
			if !labelPattern.MatchString(label) {
				return fmt.Errorf("buildagent: ci.labels: label %q must be 1-100 letters, digits, '.', '_' or '-'", label)
			}
		}
	default:
		return fmt.Errorf("buildagent: ci.system %q must be %q or %q", ci.System, SystemAzureDevOps, SystemGitHubActions)
	}
	if v := ci.AgentVersion; v != "" && !agentVersionPattern.MatchString(v) {
		return fmt.Errorf(`buildagent: ci.agentVersion %q must look like "1.2.3"`, v)
	}
	if h := ci.AgentSHA256; h != "" && !sha256Pattern.MatchString(h) {
		return fmt.Errorf("buildagent: ci.agentSha256 %q must be 64 lowercase hexadecimal digits", h)
	}
	return nil
}

// isAzureDevOpsURL accepts https://dev.azure.com/<organization> and the older https://<organization>.visualstudio.com.
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
