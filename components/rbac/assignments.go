package rbac

import (
	"fmt"
	"maps"
	"regexp"
	"slices"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20220401"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/inputs"
	"github.com/hardaks/hardaks/internal/kubename"
)

// RoleAssignment grants one role on the resource that holds it to a principal that resource does not own (AVM's
// roleAssignments item): the resource being accessed owns its assignments. It holds plain values only, so a
// component's Args can carry a list of them to any Pulumi language (pulumi-go-provider cannot marshal an Input
// inside a nested struct: https://github.com/pulumi/pulumi-go-provider/issues/270). A principal that is an output
// of another resource comes through the component's roleAssignmentPrincipalIds map, keyed by Name.
type RoleAssignment struct {
	// Name labels the assignment within the resource; it is part of the logical name and the key in
	// roleAssignmentPrincipalIds, so it must be stable. Letters, digits, '-' and '_'.
	Name string `pulumi:"name"`
	// Role is a built-in role name (rbac.AcrPull, "Key Vault Secrets User", …) or a role definition ID
	// (…/providers/Microsoft.Authorization/roleDefinitions/<guid>). The definition ID is built under the
	// subscription of the resource's own ID.
	Role string `pulumi:"role"`
	// PrincipalType is Group, ServicePrincipal or User.
	PrincipalType string `pulumi:"principalType"`
	// PrincipalID is the object ID of a principal known before the deployment (an Entra group); leave it empty
	// to take the principal from roleAssignmentPrincipalIds[Name].
	PrincipalID string `pulumi:"principalId,optional"`
	// Namespace, on a cluster only, narrows an Azure RBAC for Kubernetes role to one namespace
	// (<cluster>/namespaces/<namespace>). https://learn.microsoft.com/azure/aks/manage-azure-rbac
	Namespace string `pulumi:"namespace,optional"`
	// Secret, on a key vault only, narrows a Key Vault role to one secret (<vault>/secrets/<name>), Key Vault RBAC
	// at object scope. https://learn.microsoft.com/azure/key-vault/general/rbac-guide
	Secret string `pulumi:"secret,optional"`
	// Certificate, on a key vault only, narrows a Key Vault role to one certificate (<vault>/certificates/<name>).
	Certificate string `pulumi:"certificate,optional"`
}

var (
	// namePattern keeps an assignment's label usable in a logical name and as a map key in every language.
	namePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	// vaultObjectPattern is Key Vault's rule for object names.
	// https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#objects-identifiers-and-versioning
	vaultObjectPattern = regexp.MustCompile(`^[0-9A-Za-z-]{1,127}$`)
)

// SubScopes says which narrower scopes the component's assignments may use.
type SubScopes struct {
	// Namespaces allows Namespace (a cluster); VaultObjects allows Secret and Certificate (a key vault).
	Namespaces   bool
	VaultObjects bool
}

// Check reports every problem of assignments and principalIDs under path (the Args' pulumi tags:
// "roleAssignments", "roleAssignmentPrincipalIds"): a unique valid name, a known role, a principal type, exactly
// one principal source per assignment, and, when principalIDs is a known pulumi.StringMap, no key that names no
// assignment. A map known only at deployment time is checked by AssignAll, per assignment.
func Check(p *validation.Problems, assignments []RoleAssignment, principalIDs pulumi.StringMapInput, allowed SubScopes) {
	known, isKnown := principalIDs.(pulumi.StringMap)
	seen := map[string]bool{}
	for i, a := range assignments {
		path := fmt.Sprintf("roleAssignments[%d]", i)
		switch {
		case !namePattern.MatchString(a.Name):
			p.Add(path+".name", validation.OrUnset(a.Name), "must be 1-256 letters, digits, '-' or '_'", "give the assignment a stable label, e.g. kubelet-acrpull")
		case seen[a.Name]:
			p.Add(path+".name", a.Name, "names a second assignment", "give each assignment its own name")
		}
		seen[a.Name] = true
		if _, err := RoleGUID(a.Role); err != nil {
			p.Add(path+".role", validation.OrUnset(a.Role), "is neither a built-in role hardaks knows nor a role definition ID",
				"use one of "+knownRoles()+", or /providers/Microsoft.Authorization/roleDefinitions/<guid>")
		}
		p.OneOf(path+".principalType", a.PrincipalType, "set the kind of principal being granted", PrincipalTypes...)
		_, mapped := known[a.Name]
		switch {
		case a.PrincipalID != "" && mapped:
			p.Add(path+".principalId", a.PrincipalID, "is set and roleAssignmentPrincipalIds also has "+a.Name,
				"give the principal in one place")
		case a.PrincipalID == "" && principalIDs == nil,
			a.PrincipalID == "" && isKnown && !mapped:
			p.Add(path+".principalId", nil, "is not set and roleAssignmentPrincipalIds has no "+a.Name,
				"set principalId, or roleAssignmentPrincipalIds."+a.Name)
		}
		switch {
		case a.Namespace != "" && !allowed.Namespaces:
			p.Add(path+".namespace", a.Namespace, "applies to a cluster's assignments only", "remove it")
		case a.Namespace != "" && !kubename.Label(a.Namespace, kubename.NamespaceMaxLength):
			p.Add(path+".namespace", a.Namespace, "is not a Kubernetes namespace name", "use a DNS label of at most 63 characters")
		}
		for _, object := range []struct{ field, name string }{{"secret", a.Secret}, {"certificate", a.Certificate}} {
			switch {
			case object.name != "" && !allowed.VaultObjects:
				p.Add(path+"."+object.field, object.name, "applies to a key vault's assignments only", "remove it")
			case object.name != "" && !VaultObjectName(object.name):
				p.Add(path+"."+object.field, object.name, "is not a Key Vault object name", "use 1-127 letters, digits and hyphens")
			}
		}
		if a.Secret != "" && a.Certificate != "" {
			p.Add(path+".certificate", a.Certificate, "is set together with secret "+a.Secret, "narrow the assignment to one object")
		}
	}
	for _, key := range slices.Sorted(maps.Keys(known)) {
		if !seen[key] {
			p.Add("roleAssignmentPrincipalIds."+key, nil, "names no role assignment", "remove it, or add a roleAssignments entry named "+key)
		}
	}
}

// VaultObjectName reports whether name is a valid Key Vault secret, key or certificate name.
func VaultObjectName(name string) bool { return vaultObjectPattern.MatchString(name) }

// Assigned is one assignment AssignAll created.
type Assigned struct {
	Name       string
	Assignment *authorization.RoleAssignment
}

// AssignAll creates every assignment at scope (or its namespace or secret), named "<prefix>-ra-<assignment name>".
// principalIDs supplies the principals of the assignments without a PrincipalID; secretIDs maps the secrets the
// deployment writes to their IDs (keyvault.Vault.SecretIDs), so a grant on one of them waits for it. The arguments
// must have passed Check.
func (as *Assigner) AssignAll(prefix string, scope pulumi.StringInput, assignments []RoleAssignment,
	principalIDs, secretIDs pulumi.StringMapInput,
) ([]Assigned, error) {
	out := make([]Assigned, 0, len(assignments))
	for _, a := range assignments {
		assignmentScope := scope
		switch {
		case a.Namespace != "":
			assignmentScope = NamespaceScope(scope, a.Namespace)
		case a.Secret != "":
			assignmentScope = VaultObjectScope(scope, secretIDs, VaultSecrets, a.Secret)
		case a.Certificate != "":
			assignmentScope = VaultObjectScope(scope, nil, VaultCertificates, a.Certificate)
		}
		ra, err := as.Assign(prefix+"-ra-"+a.Name, AssignmentArgs{
			Scope:         assignmentScope,
			Role:          a.Role,
			PrincipalID:   principalOf(prefix, a, principalIDs),
			PrincipalType: a.PrincipalType,
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", prefix, err)
		}
		out = append(out, Assigned{Name: a.Name, Assignment: ra})
	}
	return out, nil
}

// principalOf is the assignment's principal: its PrincipalID, or its entry in principalIDs, which fails the
// deployment with the assignment's name when it is missing.
func principalOf(prefix string, a RoleAssignment, principalIDs pulumi.StringMapInput) pulumi.StringInput {
	if a.PrincipalID != "" {
		return pulumi.String(a.PrincipalID)
	}
	return inputs.MapEntry(principalIDs, a.Name, func() error {
		return fmt.Errorf("%s: role assignment %s: roleAssignmentPrincipalIds has no principal for it", prefix, a.Name)
	})
}

// Key Vault object kinds, the path segment of an object scope (<vault>/secrets/<name>).
const (
	VaultSecrets      = "secrets"
	VaultCertificates = "certificates"
)

// VaultObjectScope is the ARM ID of one Key Vault object, the scope of a role that reads only it (Key Vault RBAC at
// object scope, https://learn.microsoft.com/azure/key-vault/general/rbac-guide). written maps the names of the
// secrets the deployment writes to their IDs (keyvault.Vault.SecretIDs; nil for none): a scope taken from it makes
// the assignment wait for that secret (for all of them when the map is known only at deployment time). Any other
// object must be in the vault before `pulumi up`, since an assignment's scope must exist.
func VaultObjectScope(vaultID pulumi.StringInput, written pulumi.StringMapInput, kind, name string) pulumi.StringOutput {
	if known, ok := written.(pulumi.StringMap); ok || written == nil {
		if id, ok := known[name]; ok && kind == VaultSecrets {
			return id.ToStringOutput()
		}
		return pulumi.Sprintf("%s/%s/%s", vaultID, kind, name)
	}
	return pulumi.All(vaultID, written).ApplyT(func(v []any) string {
		if id, ok := v[1].(map[string]string)[name]; ok && kind == VaultSecrets {
			return id
		}
		return v[0].(string) + "/" + kind + "/" + name
	}).(pulumi.StringOutput)
}

// NamespaceScope is the scope of an Azure RBAC for Kubernetes role in one namespace of a cluster.
// https://learn.microsoft.com/azure/aks/manage-azure-rbac
func NamespaceScope(clusterID pulumi.StringInput, namespace string) pulumi.StringOutput {
	return pulumi.Sprintf("%s/namespaces/%s", clusterID, namespace)
}
