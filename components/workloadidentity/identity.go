package workloadidentity

import (
	managedidentity "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2/v20230131"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// newIdentity creates the workload's user-assigned managed identity, id-<workload>.
func newIdentity(ctx *pulumi.Context, logicalName string, args *WorkloadIdentityArgs, opts ...pulumi.ResourceOption) (*managedidentity.UserAssignedIdentity, error) {
	return managedidentity.NewUserAssignedIdentity(ctx, logicalName, &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: args.ResourceGroupName,
		ResourceName:      pulumi.String(identityName(args.Name)),
		Location:          args.Location,
		Tags:              args.Tags,
	}, opts...)
}

func identityName(workload string) string { return "id-" + workload }

func credentialName(workload string) string { return "fic-" + workload }

// serviceAccountSubject is the subject of the service account's tokens.
func serviceAccountSubject(namespace, serviceAccount string) string {
	return "system:serviceaccount:" + namespace + ":" + serviceAccount
}

// tokenExchangeAudience is the audience the AKS workload identity webhook requests tokens for.
// https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster#create-the-federated-identity-credential
const tokenExchangeAudience = "api://AzureADTokenExchange"

// newFederatedCredential trusts tokens the cluster issues to the workload's service account. identityName is the
// identity's name output, so the credential waits for the identity. The issuer must match the token's iss claim
// exactly, trailing slash included, so it is the cluster's issuer URL unchanged.
func newFederatedCredential(ctx *pulumi.Context, logicalName string, args *WorkloadIdentityArgs, identityName pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*managedidentity.FederatedIdentityCredential, error) {
	return managedidentity.NewFederatedIdentityCredential(ctx, logicalName, &managedidentity.FederatedIdentityCredentialArgs{
		ResourceGroupName:                       args.ResourceGroupName,
		ResourceName:                            identityName,
		FederatedIdentityCredentialResourceName: pulumi.String(credentialName(args.Name)),
		Issuer:                                  args.OIDCIssuerURL,
		Subject:                                 pulumi.String(serviceAccountSubject(args.Namespace, args.ServiceAccount)),
		Audiences:                               pulumi.StringArray{pulumi.String(tokenExchangeAudience)},
	}, opts...)
}
