// Package rbac creates Azure role assignments with deterministic names, so re-running a stack never recreates one.
package rbac

import (
	"errors"
	"fmt"
	"strings"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20220401"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/internal/guid"
	"github.com/hardaks/hardaks/internal/kubename"
)

// Built-in role definition GUIDs. See also [Azure built-in roles].
//
// [Azure built-in roles]: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
const (
	AKSRBACClusterAdmin        = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b" // Azure Kubernetes Service RBAC Cluster Admin
	AKSClusterUser             = "4abbcc35-e782-43d8-92c5-2d3f1bd2253f" // Azure Kubernetes Service Cluster User Role
	AKSRBACAdmin               = "3498e952-d568-435e-9b2c-8d77e338d7f7" // Azure Kubernetes Service RBAC Admin
	AKSRBACReader              = "7f6c6a51-bcf8-42ba-9220-52d62157d7db" // Azure Kubernetes Service RBAC Reader
	AKSRBACWriter              = "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb" // Azure Kubernetes Service RBAC Writer
	NetworkContributor         = "4d97b98b-1d4f-4787-a291-c67834d212e7"
	PrivateDNSZoneContributor  = "b12aa53e-6015-4669-85d0-8515ebb3ae7f"
	AcrPull                    = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
	AcrPush                    = "8311e382-0749-4cb8-b61a-304f252e45ec"
	KeyVaultSecretsUser        = "4633458b-17de-408a-b874-0445c86b69e6"
	KeyVaultCertificateUser    = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"
	MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb"
	ManagedIdentityOperator    = "f1a07417-d97a-45cb-824c-7a7467783830"
)

// Principal types Azure accepts in principalType. Setting it avoids the replication-delay failure when a new
// principal is not yet visible to ARM; see [Role assignment troubleshooting].
//
// [Role assignment troubleshooting]: https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#new-service-principal
const (
	PrincipalGroup            = "Group"
	PrincipalServicePrincipal = "ServicePrincipal"
	PrincipalUser             = "User"
)

// AssignmentArgs are the inputs of one role assignment.
type AssignmentArgs struct {
	// SubscriptionID builds the role definition ID /subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>.
	SubscriptionID pulumi.StringInput `pulumi:"subscriptionId"`
	// Scope is the ARM ID the role applies to.
	Scope pulumi.StringInput `pulumi:"scope"`
	// RoleDefinitionGUID is a built-in role GUID from this package.
	RoleDefinitionGUID string `pulumi:"roleDefinitionGuid"`
	// PrincipalID is the object ID of the user, group or service principal.
	PrincipalID pulumi.StringInput `pulumi:"principalId"`
	// PrincipalType is one of the Principal* constants.
	PrincipalType string `pulumi:"principalType"`
}

// NewAssignment creates a role assignment whose Azure name is a name-based GUID of (scope, principal, role), as
// Azure's own templates do with guid(), so the same stack always produces the same assignment.
func NewAssignment(ctx *pulumi.Context, name string, args AssignmentArgs, opts ...pulumi.ResourceOption) (*authorization.RoleAssignment, error) {
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("role assignment %s: %w", name, err)
	}
	roleID := pulumi.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s",
		args.SubscriptionID, args.RoleDefinitionGUID)
	assignmentName := pulumi.All(args.Scope, args.PrincipalID).ApplyT(func(v []any) string {
		return AssignmentName(v[0].(string), v[1].(string), args.RoleDefinitionGUID)
	}).(pulumi.StringOutput)
	return authorization.NewRoleAssignment(ctx, name, &authorization.RoleAssignmentArgs{
		RoleAssignmentName: assignmentName,
		Scope:              args.Scope,
		RoleDefinitionId:   roleID,
		PrincipalId:        args.PrincipalID,
		PrincipalType:      pulumi.String(args.PrincipalType),
	}, opts...)
}

func (a AssignmentArgs) validate() error {
	var errs []error
	if a.SubscriptionID == nil {
		errs = append(errs, errors.New("subscriptionId is required"))
	}
	if a.Scope == nil {
		errs = append(errs, errors.New("scope is required"))
	}
	if a.PrincipalID == nil {
		errs = append(errs, errors.New("principalId is required"))
	}
	if !guid.Valid(a.RoleDefinitionGUID) {
		errs = append(errs, fmt.Errorf("roleDefinitionGuid %q is not a GUID", a.RoleDefinitionGUID))
	}
	switch a.PrincipalType {
	case PrincipalGroup, PrincipalServicePrincipal, PrincipalUser:
	default:
		errs = append(errs, fmt.Errorf("principalType %q must be Group, ServicePrincipal or User", a.PrincipalType))
	}
	return errors.Join(errs...)
}

// AssignmentName is the deterministic role assignment name: a name-based GUID of scope, principal and role,
// case-insensitive in the scope as ARM IDs are.
func AssignmentName(scope, principalID, roleGUID string) string {
	return guid.FromParts(strings.ToLower(scope), strings.ToLower(principalID), strings.ToLower(roleGUID))
}

// RoleAssignment grants one role to a principal the receiving component does not own (AVM's roleAssignments).
type RoleAssignment struct {
	// Name labels the assignment within its scope; it becomes part of the logical name, so it must be stable.
	Name string `pulumi:"name"`
	// RoleDefinitionGUID is a built-in role GUID from this package.
	RoleDefinitionGUID string `pulumi:"roleDefinitionGuid"`
	// PrincipalID is the object ID of the user, group or service principal.
	PrincipalID pulumi.StringInput `pulumi:"principalId"`
	// PrincipalType is one of the Principal* constants.
	PrincipalType string `pulumi:"principalType"`
	// Namespace, on a cluster, narrows an Azure RBAC for Kubernetes role to one namespace
	// (<cluster>/namespaces/<namespace>). https://learn.microsoft.com/azure/aks/manage-azure-rbac
	Namespace string `pulumi:"namespace,optional"`
}

// AssignAll creates every assignment at scope (or its namespace), named "<prefix>-ra-<assignment name>".
func AssignAll(ctx *pulumi.Context, prefix string, subscriptionID, scope pulumi.StringInput, assignments []RoleAssignment,
	opts ...pulumi.ResourceOption,
) ([]*authorization.RoleAssignment, error) {
	seen := map[string]bool{}
	out := make([]*authorization.RoleAssignment, 0, len(assignments))
	for _, a := range assignments {
		if a.Name == "" || seen[a.Name] {
			return nil, fmt.Errorf("%s: role assignment names must be unique and non-empty, got %q", prefix, a.Name)
		}
		seen[a.Name] = true
		if a.Namespace != "" && !kubename.Label(a.Namespace, kubename.NamespaceMaxLength) {
			return nil, fmt.Errorf("%s: role assignment %s: namespace %q is not a Kubernetes namespace name", prefix, a.Name, a.Namespace)
		}
		assignmentScope := scope
		if a.Namespace != "" {
			assignmentScope = NamespaceScope(scope, a.Namespace)
		}
		ra, err := NewAssignment(ctx, prefix+"-ra-"+a.Name, AssignmentArgs{
			SubscriptionID:     subscriptionID,
			Scope:              assignmentScope,
			RoleDefinitionGUID: a.RoleDefinitionGUID,
			PrincipalID:        a.PrincipalID,
			PrincipalType:      a.PrincipalType,
		}, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, ra)
	}
	return out, nil
}

// Key Vault object kinds, the path segment of an object scope (<vault>/secrets/<name>).
const (
	VaultSecrets      = "secrets"
	VaultCertificates = "certificates"
)

// VaultObjectScope is the ARM ID of one Key Vault object, the scope of a role that reads only it (Key Vault RBAC at
// object scope, https://learn.microsoft.com/azure/key-vault/general/rbac-guide). written maps the names of the
// secrets the deployment writes to their IDs (keyvault.Vault.SecretIDs; nil for none): a scope taken from it makes
// the assignment wait for those secrets. Any other object must be in the vault before `pulumi up`, since an
// assignment's scope must exist.
func VaultObjectScope(vaultID pulumi.StringInput, written pulumi.StringMapInput, kind, name string) pulumi.StringOutput {
	if written == nil {
		written = pulumi.StringMap{}
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
