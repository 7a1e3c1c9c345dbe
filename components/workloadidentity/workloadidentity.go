// Package workloadidentity gives one Kubernetes workload an Azure identity through Microsoft Entra Workload ID: a
// user-assigned managed identity, a federated credential that trusts the cluster's service account token, read
// roles on the Key Vault, and the ServiceAccount and SecretProviderClass manifests that wire them up in the cluster.
//
// Azure names: the identity is id-<workload>; its federated credential is fic-<workload>.
//
// The manifests are not applied by this component. Pods that use them must run as the ServiceAccount and carry the
// label azure.workload.identity/use: "true" (a pod label, not a ServiceAccount label), or the webhook does not
// inject the token: https://learn.microsoft.com/azure/aks/workload-identity-overview#pod-labels
package workloadidentity

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/guid"
	"github.com/hardaks/hardaks/internal/kubename"
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
	// VaultID is the ARM ID of the Key Vault; the roles are granted on the workload's own objects in it.
	VaultID pulumi.StringInput `pulumi:"vaultId"`
	// VaultSecretIDs are the ARM IDs of the secrets this deployment writes, by name (keyvault.Vault.SecretIDs): a
	// grant on one of them waits for it. Every other declared object must be in the vault before `pulumi up`.
	VaultSecretIDs pulumi.StringMapInput `pulumi:"vaultSecretIds,optional"`
	// VaultName is the Azure name of the Key Vault, for the SecretProviderClass.
	VaultName pulumi.StringInput `pulumi:"vaultName"`
	// TenantID is the Entra tenant of the vault and the identity.
	TenantID string `pulumi:"tenantId"`
	// SubscriptionID builds the role definition IDs.
	SubscriptionID pulumi.StringInput `pulumi:"subscriptionId"`
	// Secrets are the vault secrets the workload mounts; each grants Key Vault Secrets User on that secret only.
	Secrets []string `pulumi:"secrets,optional"`
	// Certificates are the vault certificates the workload mounts; each grants Key Vault Certificate User on that
	// certificate only.
	Certificates []string `pulumi:"certificates,optional"`
	// Tags go on the managed identity.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// WorkloadIdentity is one workload's managed identity, federation and vault access.
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

// NewWorkloadIdentity registers the identity, its federated credential and the vault role assignments, and renders
// the manifests.
func NewWorkloadIdentity(ctx *pulumi.Context, name string, args *WorkloadIdentityArgs, opts ...pulumi.ResourceOption) (*WorkloadIdentity, error) {
	if args == nil {
		return nil, errors.New("workloadidentity: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}

	comp := &WorkloadIdentity{}
	if err := ctx.RegisterComponentResource("hardaks:identity:WorkloadIdentity", name, comp, opts...); err != nil {
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

	// Key Vault RBAC at object scope: the workload reads exactly the objects it declares and no other workload's.
	// Microsoft's guidance prefers a vault per application, with object scope for objects shared between
	// applications; one private vault per workload would mean a private endpoint, DNS record, diagnostic setting
	// and lock each, while object scope gives the same read isolation in the environment's one private vault.
	// https://learn.microsoft.com/azure/key-vault/general/rbac-guide#best-practices-for-individual-keys-secrets-and-certificates-role-assignments
	grants := []struct {
		kind, suffix, roleID string
		objects              []string
	}{
		{rbac.VaultSecrets, "secret", rbac.KeyVaultSecretsUser, args.Secrets},
		{rbac.VaultCertificates, "certificate", rbac.KeyVaultCertificateUser, args.Certificates},
	}
	for _, g := range grants {
		for _, object := range g.objects {
			if _, err := rbac.NewAssignment(ctx, name+"-ra-"+g.suffix+"-"+object, rbac.AssignmentArgs{
				SubscriptionID:     args.SubscriptionID,
				Scope:              rbac.VaultObjectScope(args.VaultID, args.VaultSecretIDs, g.kind, object),
				RoleDefinitionGUID: g.roleID,
				PrincipalID:        identity.PrincipalId,
				PrincipalType:      rbac.PrincipalServicePrincipal,
			}, parent); err != nil {
				return nil, err
			}
		}
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

func validate(args *WorkloadIdentityArgs) error {
	switch {
	case args.ResourceGroupName == nil:
		return errors.New("workloadidentity: resourceGroupName is required")
	case args.Location == nil:
		return errors.New("workloadidentity: location is required")
	case args.OIDCIssuerURL == nil:
		return errors.New("workloadidentity: oidcIssuerUrl is required")
	case args.VaultID == nil:
		return errors.New("workloadidentity: vaultId is required")
	case args.VaultName == nil:
		return errors.New("workloadidentity: vaultName is required")
	case args.SubscriptionID == nil:
		return errors.New("workloadidentity: subscriptionId is required")
	case !kubename.Label(args.Name, maxNameLength):
		return fmt.Errorf("workloadidentity: name %q must be a DNS label (lowercase letters, digits and hyphens) of at most %d characters",
			args.Name, maxNameLength)
	case !kubename.Label(args.Namespace, kubename.NamespaceMaxLength):
		return fmt.Errorf("workloadidentity: namespace %q must be a DNS label (lowercase letters, digits and hyphens) of at most 63 characters",
			args.Namespace)
	case !kubename.Subdomain(args.ServiceAccount):
		return fmt.Errorf("workloadidentity: serviceAccount %q must be a DNS subdomain (lowercase letters, digits, hyphens and dots) of at most 253 characters",
			args.ServiceAccount)
	case !guid.Valid(args.TenantID):
		return fmt.Errorf("workloadidentity: tenantId %q is not a GUID", args.TenantID)
	case len(args.Secrets) == 0 && len(args.Certificates) == 0:
		return errors.New("workloadidentity: at least one secret or certificate is required")
	}
	// The CSI driver writes each object to a file named after it, so a name may appear once across both lists;
	// Key Vault names are case-insensitive.
	seen := map[string]string{}
	for _, group := range []struct {
		field string
		names []string
	}{{"secrets", args.Secrets}, {"certificates", args.Certificates}} {
		for _, n := range group.names {
			if !vaultObjectName(n) {
				// https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#objects-identifiers-and-versioning
				return fmt.Errorf("workloadidentity: %s entry %q must be 1-127 letters, digits and hyphens", group.field, n)
			}
			if prev, ok := seen[strings.ToLower(n)]; ok {
				return fmt.Errorf("workloadidentity: %q appears in %s and again in %s", n, prev, group.field)
			}
			seen[strings.ToLower(n)] = group.field
		}
	}
	return nil
}

// maxNameLength keeps "<name>-kv" a 63-character DNS label.
const maxNameLength = 60

func vaultObjectName(s string) bool {
	if s == "" || len(s) > 127 {
		return false
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
