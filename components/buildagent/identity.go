package buildagent

import (
	"strings"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20220401"
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

// grant is one role the identity gets.
type grant struct {
	suffix string
	scope  pulumi.StringInput
	role   string
}

// newRoleAssignments grants the identity what a pipeline needs, each at the narrowest scope:
//   - AcrPush on the registry (push includes pull);
//   - Key Vault Secrets User on the registration token secret only (Key Vault RBAC at object scope): root reads it
//     before each job; jobs reach only ARM and AKS tokens through the token broker, never the vault;
//   - Azure Kubernetes Service Cluster User Role on the cluster, for az aks get-credentials;
//   - the Kubernetes data-plane role (default Azure Kubernetes Service RBAC Writer) on each namespace the agents
//     deploy to, or on the cluster for RBAC Cluster Admin.
//
// It returns the Key Vault assignment, which the VMs wait for.
func newRoleAssignments(ctx *pulumi.Context, name string, args *BuildAgentArgs, s settings, principalID pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*authorization.RoleAssignment, error) {
	grants := []grant{
		{suffix: "acr-push", scope: args.RegistryID, role: rbac.AcrPush},
		{suffix: "kv-secrets-user", scope: rbac.VaultObjectScope(args.VaultID, args.VaultSecretIDs, rbac.VaultSecrets, args.RegistrationTokenSecretName),
			role: rbac.KeyVaultSecretsUser},
		{suffix: "aks-cluster-user", scope: args.ClusterID, role: rbac.AKSClusterUser},
	}
	if strings.EqualFold(s.kubernetesRole, rbac.AKSRBACClusterAdmin) {
		grants = append(grants, grant{suffix: "aks-rbac", scope: args.ClusterID, role: s.kubernetesRole})
	} else {
		for _, ns := range args.KubernetesNamespaces {
			grants = append(grants, grant{suffix: "aks-rbac-" + ns, scope: rbac.NamespaceScope(args.ClusterID, ns), role: s.kubernetesRole})
		}
	}
	var secretsUser *authorization.RoleAssignment
	for _, g := range grants {
		ra, err := rbac.NewAssignment(ctx, name+"-ra-"+g.suffix, rbac.AssignmentArgs{
			SubscriptionID:     args.SubscriptionID,
			Scope:              g.scope,
			RoleDefinitionGUID: g.role,
			PrincipalID:        principalID,
			PrincipalType:      rbac.PrincipalServicePrincipal,
		}, opts...)
		if err != nil {
			return nil, err
		}
		if g.role == rbac.KeyVaultSecretsUser {
			secretsUser = ra
		}
	}
	return secretsUser, nil
}
