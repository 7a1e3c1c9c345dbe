package keyvault

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/validation"
)

// SKUs. Premium adds HSM-protected keys. https://learn.microsoft.com/azure/key-vault/general/overview
const (
	SkuStandard = "standard"
	SkuPremium  = "premium"
)

// vaultNamePattern is Azure's rule for vault names: 3-24 letters, digits and hyphens, starting with a letter and
// ending with a letter or digit; no consecutive hyphens is checked beside it. Names are unique across Azure.
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault
var vaultNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$`)

// ValidVaultName reports whether name is a key vault name Azure accepts.
func ValidVaultName(name string) bool {
	return vaultNamePattern.MatchString(name) && !strings.Contains(name, "--")
}

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names. NewVault also checks the required Inputs.
func (args *VaultArgs) Validate() error { return validation.Check("keyvault", args.check) }

func validate(args *VaultArgs) error {
	return validation.Check("keyvault", args.checkInputs, args.check)
}

func (args *VaultArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", args.Location)
	p.Required(args.PrivateEndpointSubnetID != nil, "privateEndpointSubnetId", "pass the private endpoint subnet's ID")
	p.Required(args.PrivateDNSZoneID != nil, "privateDnsZoneId", "pass the privatelink.vaultcore.azure.net zone's ID")
	p.Required(args.LogAnalyticsWorkspaceID != nil, "logAnalyticsWorkspaceId", "pass the Log Analytics workspace's ID")
}

func (args *VaultArgs) check(p *validation.Problems) {
	if !ValidVaultName(args.VaultName) {
		p.Add("vaultName", validation.OrUnset(args.VaultName),
			"vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no \"--\" and are unique across Azure",
			"choose another name")
	}
	p.TenantID("tenantId", args.TenantID)
	p.OneOf("skuName", args.SkuName, "use standard, or premium for HSM-protected keys", SkuStandard, SkuPremium)
	args.checkSecrets(p)
	accessSpec(args).Check(p)
}

// checkSecrets checks the secret names and, when SecretValues is known at construction, that every name has a
// value and every value a name. A secret's value never appears in a problem.
func (args *VaultArgs) checkSecrets(p *validation.Problems) {
	values, known := args.SecretValues.(pulumi.StringMap)
	seen := map[string]bool{}
	for i, name := range args.SecretNames {
		path := fmt.Sprintf("secretNames[%d]", i)
		// Key Vault object names are case-insensitive.
		// https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#objects-identifiers-and-versioning
		switch key := strings.ToLower(name); {
		case !rbac.VaultObjectName(name):
			p.Add(path, validation.OrUnset(name), "Key Vault secret names are 1-127 letters, digits and hyphens", "rename the secret")
		case seen[key]:
			p.Add(path, name, "names a secret listed before (Key Vault ignores case)", "list each secret once")
		default:
			seen[key] = true
		}
		switch _, ok := values[name]; {
		case args.SecretValues == nil, known && !ok:
			p.Add("secretValues."+name, nil, "is not set", "give the secret a value, or remove it from secretNames")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(args.SecretNames, name) {
			p.Add("secretValues."+name, validation.Redacted, "names no secret in secretNames", "add it to secretNames, or remove the value")
		}
	}
}
