package buildagent

import (
	"slices"

	managedidentity "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2/v20230131"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/rbac"
)

// newIdentity creates the user-assigned identity every agent VM runs as. One shared identity rather than one per
// VM keeps the role assignments fixed when Count changes, and survives VM replacement.
func newIdentity(ctx *pulumi.Context, logicalName string, args *BuildAgentArgs, s settings, opts ...pulumi.ResourceOption) (*managedidentity.UserAssignedIdentity, error) {
	return managedidentity.NewUserAssignedIdentity(ctx, logicalName, &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          args.Location,
		ResourceName:      pulumi.String(s.identityName),
		Tags:              args.Tags,
	}, opts...)
}

// AccessRoleAssignments are the roles the agents' identity holds, each on the resource it reaches and at the
// narrowest scope, for that resource's RoleAssignments with IdentityPrincipalID under each name in its
// RoleAssignmentPrincipalIDs.
type AccessRoleAssignments struct {
	// Registry: AcrPush (push includes pull).
	Registry []rbac.RoleAssignment
	// KeyVault: Key Vault Secrets User on the registration token secret only (Key Vault RBAC at object scope): root
	// reads it before each job; jobs reach only ARM and AKS tokens through the token broker, never the vault.
	KeyVault []rbac.RoleAssignment
	// Cluster: Azure Kubernetes Service Cluster User Role, for az aks get-credentials, and the Kubernetes data-plane
	// role (default Azure Kubernetes Service RBAC Writer) on each namespace the agents deploy to, or on the cluster
	// for RBAC Cluster Admin.
	Cluster []rbac.RoleAssignment
}

// All is every assignment, registry's first.
func (a AccessRoleAssignments) All() []rbac.RoleAssignment {
	return slices.Concat(a.Registry, a.KeyVault, a.Cluster)
}

// AccessRoleAssignments lists the agents' grants, named after the agents (<base>-acr-push, ...).
func (args *BuildAgentArgs) AccessRoleAssignments() AccessRoleAssignments {
	s := resolve(args)
	grant := func(suffix, role string) rbac.RoleAssignment {
		return rbac.RoleAssignment{Name: s.base + "-" + suffix, Role: role, PrincipalType: rbac.PrincipalServicePrincipal}
	}
	token := grant("kv-secrets-user", rbac.KeyVaultSecretsUser)
	token.Secret = args.RegistrationTokenSecretName
	out := AccessRoleAssignments{
		Registry: []rbac.RoleAssignment{grant("acr-push", rbac.AcrPush)},
		KeyVault: []rbac.RoleAssignment{token},
		Cluster:  []rbac.RoleAssignment{grant("aks-cluster-user", rbac.AKSClusterUser)},
	}
	if isRole(s.kubernetesRole, rbac.AKSRBACClusterAdmin) {
		out.Cluster = append(out.Cluster, grant("aks-rbac", s.kubernetesRole))
		return out
	}
	for _, ns := range args.KubernetesNamespaces {
		g := grant("aks-rbac-"+ns, s.kubernetesRole)
		g.Namespace = ns
		out.Cluster = append(out.Cluster, g)
	}
	return out
}

// isRole reports whether role (a name or definition ID) is the built-in role named builtIn.
func isRole(role, builtIn string) bool {
	id, err := rbac.RoleGUID(role)
	return err == nil && id == rbac.MustRoleGUID(builtIn)
}
