// Package workloadidentity gives one Kubernetes workload an Azure identity through Microsoft Entra Workload ID: a
// user-assigned managed identity, a federated credential that trusts the cluster's service account token, and the
// ServiceAccount and SecretProviderClass manifests that wire them up in the cluster. The vault owns the workload's
// read roles on its objects: VaultRoleAssignments lists them, for keyvault.VaultArgs.
//
// Azure names: the identity is id-<workload>; its federated credential is fic-<workload>.
//
// The manifests are not applied by this component. Pods that use them must run as the ServiceAccount and carry the
// label azure.workload.identity/use: "true" (a pod label, not a ServiceAccount label), or the webhook does not
// inject the token: https://learn.microsoft.com/azure/aks/workload-identity-overview#pod-labels
package workloadidentity

import (
	"errors"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/rbac"
)

// WorkloadIdentityArgs configures a WorkloadIdentity.
type WorkloadIdentityArgs struct {
	// ResourceGroupName is the resource group of the managed identity.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region of the managed identity.
	Location pulumi.StringInput `pulumi:"location"`
	// Name is the workload's name, a DNS label of at most 60 characters; it names the identity (id-<name>) and the
	// SecretProviderClass (<name>-kv).
	Name string `pulumi:"name"`
	// Namespace is the Kubernetes namespace of the workload's ServiceAccount.
	Namespace string `pulumi:"namespace"`
	// ServiceAccount is the name of the workload's Kubernetes ServiceAccount.
	ServiceAccount string `pulumi:"serviceAccount"`
	// OIDCIssuerURL is the AKS cluster's OIDC issuer URL, exactly as the cluster reports it.
	OIDCIssuerURL pulumi.StringInput `pulumi:"oidcIssuerUrl"`
	// VaultName is the Azure name of the Key Vault, for the SecretProviderClass.
	VaultName pulumi.StringInput `pulumi:"vaultName"`
	// TenantID is the Entra tenant of the vault and the identity.
	TenantID string `pulumi:"tenantId"`
	// Secrets are the vault secrets the workload mounts; VaultRoleAssignments grants Key Vault Secrets User on each
	// of them only.
	Secrets []string `pulumi:"secrets,optional"`
	// Certificates are the vault certificates the workload mounts; VaultRoleAssignments grants Key Vault Certificate
	// User on each of them only.
	Certificates []string `pulumi:"certificates,optional"`
	// Tags go on the managed identity.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// WorkloadIdentity is one workload's managed identity and federation.
type WorkloadIdentity struct {
	pulumi.ResourceState

	// IdentityID is the ARM ID of the managed identity.
	IdentityID pulumi.StringOutput `pulumi:"identityId"`
	// ClientID is the identity's client (application) ID.
	ClientID pulumi.StringOutput `pulumi:"clientId"`
	// PrincipalID is the object ID of the identity's service principal.
	PrincipalID pulumi.StringOutput `pulumi:"principalId"`
	// ServiceAccountManifest is the YAML of the ServiceAccount annotated with the identity's client ID.
	ServiceAccountManifest pulumi.StringOutput `pulumi:"serviceAccountManifest"`
	// SecretProviderClassManifest is the YAML of the Secrets Store CSI SecretProviderClass <name>-kv.
	SecretProviderClassManifest pulumi.StringOutput `pulumi:"secretProviderClassManifest"`
}

// typeToken is the component's type; typeTokenBefore is the one it had before the tokens followed the package names,
// kept as an alias so existing stacks keep their state.
const (
	typeToken       = "hardaks:workloadidentity:WorkloadIdentity"
	typeTokenBefore = "hardaks:identity:WorkloadIdentity"
)

// NewWorkloadIdentity registers the identity and its federated credential, and renders the manifests.
func NewWorkloadIdentity(ctx *pulumi.Context, name string, args *WorkloadIdentityArgs, opts ...pulumi.ResourceOption) (*WorkloadIdentity, error) {
	if args == nil {
		return nil, errors.New("workloadidentity: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}

	comp := &WorkloadIdentity{}
	opts = append([]pulumi.ResourceOption{pulumi.Aliases([]pulumi.Alias{{Type: pulumi.String(typeTokenBefore)}})}, opts...)
	if err := ctx.RegisterComponentResource(typeToken, name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	identity, err := newIdentity(ctx, name+"-id", args, parent)
	if err != nil {
		return nil, err
	}
	// One credential per identity. A second one would have to wait for the first (DependsOn): Azure rejects
	// concurrent federated credential writes on one user-assigned identity.
	// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#concurrent-updates-arent-supported-user-assigned-managed-identities
	if _, err := newFederatedCredential(ctx, name+"-fic", args, identity.Name, parent); err != nil {
		return nil, err
	}

	comp.IdentityID = identity.ID().ToStringOutput()
	comp.ClientID = identity.ClientId
	comp.PrincipalID = identity.PrincipalId
	comp.ServiceAccountManifest = identity.ClientId.ApplyT(func(clientID string) (string, error) {
		return renderServiceAccount(args.Namespace, args.ServiceAccount, clientID)
	}).(pulumi.StringOutput)
	objects := vaultObjects(args.Secrets, args.Certificates)
	comp.SecretProviderClassManifest = pulumi.All(identity.ClientId, args.VaultName).ApplyT(func(v []any) (string, error) {
		return renderSecretProviderClass(args.Name+"-kv", args.Namespace, v[0].(string), v[1].(string), args.TenantID, objects)
	}).(pulumi.StringOutput)

	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"identityId":                  comp.IdentityID,
		"clientId":                    comp.ClientID,
		"principalId":                 comp.PrincipalID,
		"serviceAccountManifest":      comp.ServiceAccountManifest,
		"secretProviderClassManifest": comp.SecretProviderClassManifest,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}

// vaultObjects lists the secrets then the certificates, each sorted by name.
func vaultObjects(secrets, certificates []string) []vaultObject {
	var out []vaultObject
	for _, group := range []struct {
		kind  string
		names []string
	}{{objectTypeSecret, secrets}, {objectTypeCertificate, certificates}} {
		names := append([]string(nil), group.names...)
		sort.Strings(names)
		for _, n := range names {
			out = append(out, vaultObject{ObjectName: n, ObjectType: group.kind})
		}
	}
	return out
}

// VaultRoleAssignments are the workload's read roles on the vault, for keyvault.VaultArgs.RoleAssignments with
// this component's PrincipalID under each name in RoleAssignmentPrincipalIDs: Key Vault RBAC at object scope, so
// the workload reads exactly the objects it declares and no other workload's. Microsoft's guidance prefers a vault
// per application, with object scope for objects shared between applications; one private vault per workload would
// mean a private endpoint, DNS record, diagnostic setting and lock each, while object scope gives the same read
// isolation in the environment's one private vault. An object the deployment does not write must be in the vault
// before `pulumi up`, since an assignment's scope must exist.
// https://learn.microsoft.com/azure/key-vault/general/rbac-guide#best-practices-for-individual-keys-secrets-and-certificates-role-assignments
func (args *WorkloadIdentityArgs) VaultRoleAssignments() []rbac.RoleAssignment {
	var out []rbac.RoleAssignment
	for _, secret := range args.Secrets {
		out = append(out, rbac.RoleAssignment{Name: args.Name + "-secret-" + secret, Role: rbac.KeyVaultSecretsUser,
			PrincipalType: rbac.PrincipalServicePrincipal, Secret: secret})
	}
	for _, certificate := range args.Certificates {
		out = append(out, rbac.RoleAssignment{Name: args.Name + "-certificate-" + certificate, Role: rbac.KeyVaultCertificateUser,
			PrincipalType: rbac.PrincipalServicePrincipal, Certificate: certificate})
	}
	return out
}
