package workloadidentity

import (
	"fmt"
	"strings"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/kubename"
)

// MaxNameLength keeps "<name>-kv", the SecretProviderClass, a 63-character DNS label.
const MaxNameLength = 60

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names. NewWorkloadIdentity also checks the required Inputs.
func (args *WorkloadIdentityArgs) Validate() error {
	return validation.Check("workloadidentity", args.check)
}

func validate(args *WorkloadIdentityArgs) error {
	return validation.Check("workloadidentity", args.checkInputs, args.check)
}

func (args *WorkloadIdentityArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", args.Location)
	p.Required(args.OIDCIssuerURL != nil, "oidcIssuerUrl", "pass the cluster's OIDC issuer URL")
	p.Required(args.VaultName != nil, "vaultName", "pass the key vault's name")
}

func (args *WorkloadIdentityArgs) check(p *validation.Problems) {
	if !kubename.Label(args.Name, MaxNameLength) {
		p.Addf("name", validation.OrUnset(args.Name), "choose a shorter lowercase name", "must be a DNS label (lowercase letters, digits and hyphens) of at most %d characters, so that the SecretProviderClass <name>-kv is one", MaxNameLength)
	}
	if !kubename.Label(args.Namespace, kubename.NamespaceMaxLength) {
		p.Add("namespace", validation.OrUnset(args.Namespace), "must be a DNS label (lowercase letters, digits and hyphens) of at most 63 characters", "use the workload's namespace")
	}
	if !kubename.Subdomain(args.ServiceAccount) {
		p.Add("serviceAccount", validation.OrUnset(args.ServiceAccount), "must be a DNS subdomain (lowercase letters, digits, hyphens and dots) of at most 253 characters", "use the workload's ServiceAccount name")
	}
	p.TenantID("tenantId", args.TenantID)
	if len(args.Secrets) == 0 && len(args.Certificates) == 0 {
		p.Add("secrets", nil, "a workload identity needs at least one secret or certificate to read", "list the vault objects the workload mounts")
	}
	// The CSI driver writes each object to a file named after it, so a name may appear once across both lists;
	// Key Vault names are case-insensitive.
	seen := map[string]string{}
	for _, group := range []struct {
		field string
		names []string
	}{{"secrets", args.Secrets}, {"certificates", args.Certificates}} {
		for i, name := range group.names {
			path := fmt.Sprintf("%s[%d]", group.field, i)
			if !rbac.VaultObjectName(name) {
				p.Add(path, validation.OrUnset(name), "Key Vault object names are 1-127 letters, digits and hyphens", "use the object's name in the vault")
				continue
			}
			if prev, ok := seen[strings.ToLower(name)]; ok {
				p.Add(path, name, "is listed before in "+prev+" (the CSI driver writes one file per name; Key Vault ignores case)", "list each object once")
			}
			seen[strings.ToLower(name)] = group.field
		}
	}
}
