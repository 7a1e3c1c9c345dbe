// Package rbac creates Azure role assignments with deterministic names, so re-running a stack never recreates one.
// It holds the role-assignment vocabulary every component shares (AVM's roleAssignments): a role by built-in name
// or definition ID, a principal, its type, and a stable label.
package rbac

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20220401"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
	"github.com/hardaks/hardaks/internal/azureclient"
	"github.com/hardaks/hardaks/internal/guid"
)

// Built-in role names hardaks grants, exactly as Azure spells them (roleName in `az role definition list`).
const (
	AKSRBACClusterAdmin        = "Azure Kubernetes Service RBAC Cluster Admin"
	AKSClusterUser             = "Azure Kubernetes Service Cluster User Role"
	AKSRBACAdmin               = "Azure Kubernetes Service RBAC Admin"
	AKSRBACReader              = "Azure Kubernetes Service RBAC Reader"
	AKSRBACWriter              = "Azure Kubernetes Service RBAC Writer"
	NetworkContributor         = "Network Contributor"
	PrivateDNSZoneContributor  = "Private DNS Zone Contributor"
	AcrPull                    = "AcrPull"
	AcrPush                    = "AcrPush"
	KeyVaultSecretsUser        = "Key Vault Secrets User"
	KeyVaultCertificateUser    = "Key Vault Certificate User"
	MonitoringMetricsPublisher = "Monitoring Metrics Publisher"
	ManagedIdentityOperator    = "Managed Identity Operator"
)

// builtInRoles maps each built-in role name to its definition GUID, which is the same in every tenant. It is the
// one place a role GUID is written. See also [Azure built-in roles].
//
// [Azure built-in roles]: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var builtInRoles = map[string]string{
	AKSRBACClusterAdmin:        "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
	AKSClusterUser:             "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
	AKSRBACAdmin:               "3498e952-d568-435e-9b2c-8d77e338d7f7",
	AKSRBACReader:              "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
	AKSRBACWriter:              "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
	NetworkContributor:         "4d97b98b-1d4f-4787-a291-c67834d212e7",
	PrivateDNSZoneContributor:  "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
	AcrPull:                    "7f951dda-4ed3-4680-a7ca-43fe172d538d",
	AcrPush:                    "8311e382-0749-4cb8-b61a-304f252e45ec",
	KeyVaultSecretsUser:        "4633458b-17de-408a-b874-0445c86b69e6",
	KeyVaultCertificateUser:    "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
	MonitoringMetricsPublisher: "3913510d-42f4-4e42-8a64-420c390055eb",
	ManagedIdentityOperator:    "f1a07417-d97a-45cb-824c-7a7467783830",
}

// roleDefinitionsSegment is what precedes the GUID in every role definition ID.
const roleDefinitionsSegment = "/providers/microsoft.authorization/roledefinitions/"

// RoleGUID is the definition GUID of role: a built-in role name from this package (case-insensitive, as Azure
// compares role names), or a role definition ID (/subscriptions/<sub>/providers/Microsoft.Authorization/
// roleDefinitions/<guid>, or the same without the subscription).
func RoleGUID(role string) (string, error) {
	if i := strings.LastIndex(strings.ToLower(role), roleDefinitionsSegment); i >= 0 {
		id := role[i+len(roleDefinitionsSegment):]
		if !guid.Valid(id) {
			return "", fmt.Errorf("role definition ID %q does not end in a GUID", role)
		}
		return strings.ToLower(id), nil
	}
	for name, id := range builtInRoles {
		if strings.EqualFold(name, role) {
			return id, nil
		}
	}
	return "", fmt.Errorf("role %q is neither a built-in role hardaks knows (%s) nor a role definition ID", role, knownRoles())
}

// MustRoleGUID is RoleGUID for the role names of this package; it panics on any other.
func MustRoleGUID(role string) string {
	id, err := RoleGUID(role)
	if err != nil {
		panic(err)
	}
	return id
}

// BuiltInRoles lists the built-in role names RoleGUID knows, sorted.
func BuiltInRoles() []string { return slices.Sorted(maps.Keys(builtInRoles)) }

func knownRoles() string { return strings.Join(BuiltInRoles(), ", ") }

// RoleDefinitionID is the role definition ID of roleGUID as ARM returns it on an assignment at scope: under the
// scope's own subscription (/subscriptions/<sub of scope>/providers/Microsoft.Authorization/roleDefinitions/<guid>),
// or without a subscription for a scope above subscriptions (a management group). Any other form shows as a
// change on every refresh and replaces the assignment.
// https://github.com/Azure/azure-rest-api-specs/issues/10939 https://github.com/hashicorp/terraform-provider-azurerm/issues/8558
func RoleDefinitionID(scope, roleGUID string) string {
	if sub, ok := validation.SubscriptionOf(scope); ok {
		return "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGUID
	}
	return "/providers/Microsoft.Authorization/roleDefinitions/" + roleGUID
}

// Principal types Azure accepts in principalType. Setting it avoids the replication-delay failure when a new
// principal is not yet visible to ARM; see [Role assignment troubleshooting].
//
// [Role assignment troubleshooting]: https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#new-service-principal
const (
	PrincipalGroup            = "Group"
	PrincipalServicePrincipal = "ServicePrincipal"
	PrincipalUser             = "User"
)

// PrincipalTypes are the values principalType takes.
var PrincipalTypes = []string{PrincipalGroup, PrincipalServicePrincipal, PrincipalUser}

// AssignmentArgs are the inputs of one role assignment a component makes for an identity it owns.
type AssignmentArgs struct {
	// Scope is the ARM ID the role applies to.
	Scope pulumi.StringInput `pulumi:"scope"`
	// Role is a built-in role name from this package or a role definition ID.
	Role string `pulumi:"role"`
	// PrincipalID is the object ID of the user, group or service principal.
	PrincipalID pulumi.StringInput `pulumi:"principalId"`
	// PrincipalType is one of the Principal* constants.
	PrincipalType string `pulumi:"principalType"`
}

// Assigner makes the role assignments of one component, as its children.
type Assigner struct {
	ctx    *pulumi.Context
	parent pulumi.Resource
	// subscriptionID is the subscription the component's provider deploys into, as getClientConfig reports it.
	subscriptionID string
}

// NewAssigner asks the provider of parent which subscription it deploys into. The invoke answers at preview too,
// so every role definition ID is known on a new stack's first preview, where the policy pack checks the roles.
func NewAssigner(ctx *pulumi.Context, parent pulumi.Resource) (*Assigner, error) {
	client, err := azureclient.Get(ctx, pulumi.Parent(parent))
	if err != nil {
		return nil, fmt.Errorf("role assignments: reading the deployment's subscription: %w", err)
	}
	return &Assigner{ctx: ctx, parent: parent, subscriptionID: client.SubscriptionID}, nil
}

// definitionID is the role definition ID of roleGUID at scope, in the form ARM returns it: under the scope's own
// subscription when the scope is known (an existing hub zone may sit in another subscription), else under the
// deployment's subscription, where every resource this deployment creates lives.
func (a *Assigner) definitionID(scope pulumi.StringInput, roleGUID string) pulumi.String {
	if known, ok := scope.(pulumi.String); ok {
		return pulumi.String(RoleDefinitionID(string(known), roleGUID))
	}
	return pulumi.String(RoleDefinitionID("/subscriptions/"+a.subscriptionID, roleGUID))
}

// Assign creates a role assignment whose Azure name is a name-based GUID of (scope, principal, role), as Azure's
// own templates do with guid(), so the same stack always produces the same assignment.
func (a *Assigner) Assign(name string, args AssignmentArgs, opts ...pulumi.ResourceOption) (*authorization.RoleAssignment, error) {
	roleGUID, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("role assignment %s: %w", name, err)
	}
	assignmentName := pulumi.All(args.Scope, args.PrincipalID).ApplyT(func(v []any) string {
		return AssignmentName(v[0].(string), v[1].(string), roleGUID)
	}).(pulumi.StringOutput)
	return authorization.NewRoleAssignment(a.ctx, name, &authorization.RoleAssignmentArgs{
		RoleAssignmentName: assignmentName,
		Scope:              args.Scope,
		RoleDefinitionId:   a.definitionID(args.Scope, roleGUID),
		PrincipalId:        args.PrincipalID,
		PrincipalType:      pulumi.String(args.PrincipalType),
	}, append([]pulumi.ResourceOption{pulumi.Parent(a.parent)}, opts...)...)
}

func (a AssignmentArgs) validate() (string, error) {
	var errs []error
	if a.Scope == nil {
		errs = append(errs, errors.New("scope is required"))
	}
	if a.PrincipalID == nil {
		errs = append(errs, errors.New("principalId is required"))
	}
	roleGUID, err := RoleGUID(a.Role)
	if err != nil {
		errs = append(errs, err)
	}
	if !slices.Contains(PrincipalTypes, a.PrincipalType) {
		errs = append(errs, fmt.Errorf("principalType %q must be Group, ServicePrincipal or User", a.PrincipalType))
	}
	return roleGUID, errors.Join(errs...)
}

// AssignmentName is the deterministic role assignment name: a name-based GUID of scope, principal and role GUID,
// case-insensitive in the scope as ARM IDs are.
func AssignmentName(scope, principalID, roleGUID string) string {
	return guid.FromParts(strings.ToLower(scope), strings.ToLower(principalID), strings.ToLower(roleGUID))
}
