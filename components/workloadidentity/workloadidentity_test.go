package workloadidentity_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8syaml "sigs.k8s.io/yaml"

	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/workloadidentity"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	rgID       = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
	vaultID    = rgID + "/providers/Microsoft.KeyVault/vaults/kv-hardaks-dev"
	identityID = rgID + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-payments"
	issuerURL  = "https://westeurope.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/0b6c8a3e-0c84-4f4b-9e38-1d2f3a4b5c6d/"

	componentType  = "hardaks:workloadidentity:WorkloadIdentity"
	identityType   = "azure-native:managedidentity/v20230131:UserAssignedIdentity"
	credentialType = "azure-native:managedidentity/v20230131:FederatedIdentityCredential"
	assignmentType = "azure-native:authorization/v20220401:RoleAssignment"
)

var (
	principalID = offline.GUID("principal", identityID)
	clientID    = offline.GUID("client", identityID)
)

func validArgs() *workloadidentity.WorkloadIdentityArgs {
	return &workloadidentity.WorkloadIdentityArgs{
		ResourceGroupName: pulumi.String("rg-hardaks-dev"),
		Location:          pulumi.String("westeurope"),
		Name:              "payments",
		Namespace:         "payments",
		ServiceAccount:    "payments-api",
		OIDCIssuerURL:     pulumi.String(issuerURL),
		VaultName:         pulumi.String("kv-hardaks-dev"),
		TenantID:          offline.TenantID,
		Secrets:           []string{"db-password", "api-key"},
		Certificates:      []string{"tls-payments"},
		Tags:              pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

func run(t *testing.T, args *workloadidentity.WorkloadIdentityArgs) (*offline.Plan, error) {
	t.Helper()
	return offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		w, err := workloadidentity.NewWorkloadIdentity(ctx, "payments", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"identityId":                  w.IdentityID,
			"clientId":                    w.ClientID,
			"principalId":                 w.PrincipalID,
			"serviceAccountManifest":      w.ServiceAccountManifest,
			"secretProviderClassManifest": w.SecretProviderClassManifest,
		}, nil
	})
}

func mustRun(t *testing.T, args *workloadidentity.WorkloadIdentityArgs) *offline.Plan {
	t.Helper()
	plan, err := run(t, args)
	require.NoError(t, err)
	return plan
}

func TestNewWorkloadIdentityRegistersEveryResourceInOrderUnderTheComponent(t *testing.T) {
	plan := mustRun(t, validArgs())

	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		componentType + " payments",
		identityType + " payments-id",
		credentialType + " payments-fic",
	}, got)
	for _, r := range plan.Resources[1:] {
		assert.Equal(t, plan.Resources[0].URN, r.Parent, r.Name)
	}
}

func TestNewWorkloadIdentityCreatesTheIdentity(t *testing.T) {
	plan := mustRun(t, validArgs())

	id := plan.MustFind(t, identityType, "payments-id")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"resourceName":      "id-payments",
		"location":          "westeurope",
		"tags":              map[string]any{"env": "dev"},
	}, id.Inputs)
	assert.Equal(t, identityID, id.ID)
}

func TestNewWorkloadIdentityFederatesTheServiceAccount(t *testing.T) {
	plan := mustRun(t, validArgs())
	id := plan.MustFind(t, identityType, "payments-id")

	require.Len(t, plan.OfType(credentialType), 1)
	fic := plan.MustFind(t, credentialType, "payments-fic")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"resourceName":      "id-payments",
		"federatedIdentityCredentialResourceName": "fic-payments",
		"issuer":    issuerURL,
		"subject":   "system:serviceaccount:payments:payments-api",
		"audiences": []any{"api://AzureADTokenExchange"},
	}, fic.Inputs)
	assert.Equal(t, []string{id.URN}, fic.Dependencies)
	assert.Equal(t, identityID+"/federatedIdentityCredentials/fic-payments", fic.ID)
}

// withVault builds the workload identity and a vault that grants it VaultRoleAssignments, as stacks composes them.
// The vault writes db-password; the other objects are in the vault already.
func withVault(t *testing.T, args *workloadidentity.WorkloadIdentityArgs) *offline.Plan {
	t.Helper()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		w, err := workloadidentity.NewWorkloadIdentity(ctx, "payments", args)
		if err != nil {
			return nil, err
		}
		principals := pulumi.StringMap{}
		for _, a := range args.VaultRoleAssignments() {
			principals[a.Name] = w.PrincipalID
		}
		_, err = keyvault.NewVault(ctx, "kv", &keyvault.VaultArgs{
			ResourceGroupName:          pulumi.String("rg-hardaks-dev"),
			Location:                   pulumi.String("westeurope"),
			VaultName:                  "kv-hardaks-dev",
			TenantID:                   offline.TenantID,
			SkuName:                    keyvault.SkuStandard,
			PrivateEndpointSubnetID:    pulumi.String(rgID + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-pe"),
			PrivateDNSZoneID:           pulumi.String(rgID + "/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"),
			LogAnalyticsWorkspaceID:    pulumi.String(rgID + "/providers/Microsoft.OperationalInsights/workspaces/log"),
			RoleAssignments:            args.VaultRoleAssignments(),
			RoleAssignmentPrincipalIDs: principals,
			SecretNames:                []string{"db-password"},
			SecretValues:               pulumi.StringMap{"db-password": pulumi.ToSecret(pulumi.String("s3cr3t")).(pulumi.StringOutput)},
		})
		return nil, err
	})
	require.NoError(t, err)
	return plan
}

// Each declared object gets its own grant at object scope, made by the vault, so no workload reads another's
// secrets.
func TestTheVaultGrantsTheWorkloadEachObjectItReadsAndNothingElse(t *testing.T) {
	grant := func(scope, role string) map[string]any {
		guid := rbac.MustRoleGUID(role)
		return map[string]any{
			"roleAssignmentName": rbac.AssignmentName(scope, principalID, guid),
			"scope":              scope,
			"roleDefinitionId":   "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/" + guid,
			"principalId":        principalID,
			"principalType":      "ServicePrincipal",
		}
	}
	tests := []struct {
		name         string
		secrets      []string
		certificates []string
		want         map[string]map[string]any
	}{
		{"secrets and certificates", []string{"db-password", "api-key"}, []string{"tls-payments"}, map[string]map[string]any{
			"kv-ra-payments-secret-db-password":       grant(vaultID+"/secrets/db-password", rbac.KeyVaultSecretsUser),
			"kv-ra-payments-secret-api-key":           grant(vaultID+"/secrets/api-key", rbac.KeyVaultSecretsUser),
			"kv-ra-payments-certificate-tls-payments": grant(vaultID+"/certificates/tls-payments", rbac.KeyVaultCertificateUser),
		}},
		{"secrets only", []string{"db-password"}, nil, map[string]map[string]any{
			"kv-ra-payments-secret-db-password": grant(vaultID+"/secrets/db-password", rbac.KeyVaultSecretsUser),
		}},
		{"certificates only", nil, []string{"tls-payments"}, map[string]map[string]any{
			"kv-ra-payments-certificate-tls-payments": grant(vaultID+"/certificates/tls-payments", rbac.KeyVaultCertificateUser),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			args.Secrets, args.Certificates = tt.secrets, tt.certificates
			plan := withVault(t, args)
			id := plan.MustFind(t, identityType, "payments-id")

			got := map[string]map[string]any{}
			for _, ra := range plan.OfType(assignmentType) {
				got[ra.Name] = ra.Inputs
				assert.Contains(t, ra.Dependencies, id.URN, ra.Name)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// A grant on a secret the deployment writes waits for it; a declared object nobody writes here is granted by the
// ID it will have, and must be in the vault before `pulumi up`.
func TestAGrantOnASecretTheDeploymentWritesWaitsForIt(t *testing.T) {
	plan := withVault(t, validArgs())
	written := plan.MustFind(t, assignmentType, "kv-ra-payments-secret-db-password")
	assert.Equal(t, vaultID+"/secrets/db-password", written.Inputs["scope"])
	assert.Contains(t, written.Dependencies, plan.URNOf("azure-native:keyvault/v20230701:Secret", "kv-secret-db-password"))
	declared := plan.MustFind(t, assignmentType, "kv-ra-payments-secret-api-key")
	assert.Equal(t, vaultID+"/secrets/api-key", declared.Inputs["scope"])
	assert.NotContains(t, declared.Dependencies, plan.URNOf("azure-native:keyvault/v20230701:Secret", "kv-secret-db-password"))
}

func TestTheComponentKeepsItsStateUnderTheTypeItHadBefore(t *testing.T) {
	plan := mustRun(t, validArgs())
	component := plan.MustFind(t, componentType, "payments")
	assert.Equal(t, []string{"hardaks:identity:WorkloadIdentity"}, component.Options.Aliases)
}

func TestNewWorkloadIdentityExportsTheIdentity(t *testing.T) {
	plan := mustRun(t, validArgs())
	assert.Equal(t, identityID, plan.Outputs["identityId"])
	assert.Equal(t, clientID, plan.Outputs["clientId"])
	assert.Equal(t, principalID, plan.Outputs["principalId"])
}

// The mirrors below hold exactly the fields the manifests may carry; decoding with KnownFields rejects any other.

type objectMeta struct {
	Name        string            `yaml:"name"`
	Namespace   string            `yaml:"namespace"`
	Annotations map[string]string `yaml:"annotations"`
	Labels      map[string]string `yaml:"labels"`
}

type secretProviderClass struct {
	APIVersion string     `yaml:"apiVersion"`
	Kind       string     `yaml:"kind"`
	Metadata   objectMeta `yaml:"metadata"`
	Spec       struct {
		Provider   string `yaml:"provider"`
		Parameters struct {
			UsePodIdentity *string `yaml:"usePodIdentity"`
			ClientID       string  `yaml:"clientID"`
			KeyvaultName   string  `yaml:"keyvaultName"`
			CloudName      *string `yaml:"cloudName"`
			Objects        string  `yaml:"objects"`
			TenantID       string  `yaml:"tenantId"`
		} `yaml:"parameters"`
	} `yaml:"spec"`
}

type objectsParameter struct {
	Array []string `yaml:"array"`
}

type keyVaultObject struct {
	ObjectName    string  `yaml:"objectName"`
	ObjectType    string  `yaml:"objectType"`
	ObjectVersion *string `yaml:"objectVersion"`
}

// decodeStrict decodes exactly one YAML document into v, failing on unknown fields.
func decodeStrict(t *testing.T, doc string, v any) {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(doc))
	dec.KnownFields(true)
	require.NoError(t, dec.Decode(v), doc)
	var extra any
	require.True(t, errors.Is(dec.Decode(&extra), io.EOF), "more than one document:\n%s", doc)
}

// TestServiceAccountManifestCarriesTheClientID decodes the manifest strictly into the Kubernetes API type.
func TestServiceAccountManifestCarriesTheClientID(t *testing.T) {
	plan := mustRun(t, validArgs())
	doc, ok := plan.Outputs["serviceAccountManifest"].(string)
	require.True(t, ok)

	var sa corev1.ServiceAccount
	require.NoError(t, k8syaml.UnmarshalStrict([]byte(doc), &sa), doc)
	assert.Equal(t, corev1.ServiceAccount{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ServiceAccount"},
		ObjectMeta: metav1.ObjectMeta{
			Name:        "payments-api",
			Namespace:   "payments",
			Annotations: map[string]string{"azure.workload.identity/client-id": clientID},
		},
	}, sa)
}

func TestSecretProviderClassManifestMountsTheObjectsWithTheIdentity(t *testing.T) {
	plan := mustRun(t, validArgs())
	doc, ok := plan.Outputs["secretProviderClassManifest"].(string)
	require.True(t, ok)

	var spc secretProviderClass
	decodeStrict(t, doc, &spc)
	assert.Equal(t, "secrets-store.csi.x-k8s.io/v1", spc.APIVersion)
	assert.Equal(t, "SecretProviderClass", spc.Kind)
	assert.Equal(t, objectMeta{Name: "payments-kv", Namespace: "payments"}, spc.Metadata)
	assert.Equal(t, "azure", spc.Spec.Provider)
	p := spc.Spec.Parameters
	require.NotNil(t, p.UsePodIdentity)
	assert.Equal(t, "false", *p.UsePodIdentity)
	assert.Equal(t, clientID, p.ClientID)
	assert.Equal(t, "kv-hardaks-dev", p.KeyvaultName)
	require.NotNil(t, p.CloudName)
	assert.Equal(t, "", *p.CloudName)
	assert.Equal(t, offline.TenantID, p.TenantID)

	// Every parameter is a string in Kubernetes, so usePodIdentity must be quoted.
	assert.Contains(t, doc, `usePodIdentity: "false"`)

	var objects objectsParameter
	decodeStrict(t, p.Objects, &objects)
	empty := ""
	var got []keyVaultObject
	for _, entry := range objects.Array {
		var o keyVaultObject
		decodeStrict(t, entry, &o)
		got = append(got, o)
	}
	assert.Equal(t, []keyVaultObject{
		{ObjectName: "api-key", ObjectType: "secret", ObjectVersion: &empty},
		{ObjectName: "db-password", ObjectType: "secret", ObjectVersion: &empty},
		{ObjectName: "tls-payments", ObjectType: "cert", ObjectVersion: &empty},
	}, got)
}

func TestNewWorkloadIdentityRejectsInvalidArgs(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*workloadidentity.WorkloadIdentityArgs)
		want   string
	}{
		{"a missing resource group is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.ResourceGroupName = nil }, "workloadidentity: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"a missing location is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Location = nil }, "workloadidentity: location = (not set): is required; set an Azure region, e.g. westeurope"},
		{"a missing issuer is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.OIDCIssuerURL = nil }, "workloadidentity: oidcIssuerUrl = (not set): is required; pass the cluster's OIDC issuer URL"},
		{"a missing vault name is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.VaultName = nil }, "workloadidentity: vaultName = (not set): is required; pass the key vault's name"},
		{"an uppercase name is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Name = "Payments" },
			`workloadidentity: name = "Payments": must be a DNS label (lowercase letters, digits and hyphens) of at most 60 characters, so that the SecretProviderClass <name>-kv is one; choose a shorter lowercase name`},
		{"a 61-character name is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Name = strings.Repeat("a", 61) },
			`workloadidentity: name = "` + strings.Repeat("a", 61) + `": must be a DNS label (lowercase letters, digits and hyphens) of at most 60 characters, so that the SecretProviderClass <name>-kv is one; choose a shorter lowercase name`},
		{"an empty namespace is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Namespace = "" },
			"workloadidentity: namespace = (not set): must be a DNS label (lowercase letters, digits and hyphens) of at most 63 characters; use the workload's namespace"},
		{"a namespace ending with a hyphen is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Namespace = "payments-" },
			`workloadidentity: namespace = "payments-": must be a DNS label (lowercase letters, digits and hyphens) of at most 63 characters; use the workload's namespace`},
		{"a service account with an underscore is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.ServiceAccount = "payments_api" },
			`workloadidentity: serviceAccount = "payments_api": must be a DNS subdomain (lowercase letters, digits, hyphens and dots) of at most 253 characters; use the workload's ServiceAccount name`},
		{"a tenant that is not a GUID is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.TenantID = "" }, "workloadidentity: tenantId = (not set): must be the Entra tenant ID, a GUID; set it to the output of `az account show --query tenantId -o tsv`"},
		{"no secrets and no certificates are rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Secrets, a.Certificates = nil, nil },
			"workloadidentity: secrets = (not set): a workload identity needs at least one secret or certificate to read; list the vault objects the workload mounts"},
		{"a secret name with a slash is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Secrets = []string{"db/password"} },
			`workloadidentity: secrets[0] = "db/password": Key Vault object names are 1-127 letters, digits and hyphens; use the object's name in the vault`},
		{"an empty certificate name is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Certificates = []string{""} },
			"workloadidentity: certificates[0] = (not set): Key Vault object names are 1-127 letters, digits and hyphens; use the object's name in the vault"},
		{"a secret listed twice is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Secrets = []string{"api-key", "API-KEY"} },
			`workloadidentity: secrets[1] = "API-KEY": is listed before in secrets (the CSI driver writes one file per name; Key Vault ignores case); list each object once`},
		{"a name that is both a secret and a certificate is rejected", func(a *workloadidentity.WorkloadIdentityArgs) { a.Certificates = []string{"api-key"} },
			`workloadidentity: certificates[0] = "api-key": is listed before in secrets (the CSI driver writes one file per name; Key Vault ignores case); list each object once`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			tt.mutate(args)
			_, err := run(t, args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("nil args are rejected", func(t *testing.T) {
		_, err := run(t, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "workloadidentity: args must not be nil")
	})
}

func TestNewWorkloadIdentityAcceptsADottedServiceAccountAndA60CharacterName(t *testing.T) {
	args := validArgs()
	args.ServiceAccount = "payments.api"
	args.Name = strings.Repeat("a", 60)
	plan := mustRun(t, args)
	fic := plan.MustFind(t, credentialType, "payments-fic")
	assert.Equal(t, "system:serviceaccount:payments:payments.api", fic.Inputs["subject"])
	assert.Equal(t, "fic-"+strings.Repeat("a", 60), fic.Inputs["federatedIdentityCredentialResourceName"])
}
