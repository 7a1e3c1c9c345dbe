package workloadidentity

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Object types the Azure Key Vault provider for the Secrets Store CSI driver accepts.
const (
	objectTypeSecret      = "secret"
	objectTypeCertificate = "cert"
)

// clientIDAnnotation tells the workload identity webhook which identity the service account's pods use.
// https://learn.microsoft.com/azure/aks/workload-identity-overview#service-account-annotations
const clientIDAnnotation = "azure.workload.identity/client-id"

type objectMeta struct {
	Name        string            `yaml:"name"`
	Namespace   string            `yaml:"namespace"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

type serviceAccount struct {
	APIVersion string     `yaml:"apiVersion"`
	Kind       string     `yaml:"kind"`
	Metadata   objectMeta `yaml:"metadata"`
}

// secretProviderClass follows the workload identity example of the Key Vault provider's documentation:
// https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access?pivots=access-with-a-microsoft-entra-workload-identity
// It has no secretObjects, so nothing is synced into Kubernetes Secrets (and etcd); pods read the mounted files.
type secretProviderClass struct {
	APIVersion string                  `yaml:"apiVersion"`
	Kind       string                  `yaml:"kind"`
	Metadata   objectMeta              `yaml:"metadata"`
	Spec       secretProviderClassSpec `yaml:"spec"`
}

type secretProviderClassSpec struct {
	Provider   string                        `yaml:"provider"`
	Parameters secretProviderClassParameters `yaml:"parameters"`
}

// secretProviderClassParameters are strings, as the provider's parameters map requires.
type secretProviderClassParameters struct {
	UsePodIdentity string `yaml:"usePodIdentity"`
	// ClientID selects workload identity: the driver exchanges the pod's service account token for this identity.
	ClientID     string `yaml:"clientID"`
	KeyvaultName string `yaml:"keyvaultName"`
	// CloudName "" is the Azure public cloud.
	CloudName string `yaml:"cloudName"`
	// Objects is itself YAML: an "array" of YAML documents, one per object.
	Objects  string `yaml:"objects"`
	TenantID string `yaml:"tenantId"`
}

type vaultObject struct {
	ObjectName string `yaml:"objectName"`
	ObjectType string `yaml:"objectType"`
	// ObjectVersion "" is the latest version.
	ObjectVersion string `yaml:"objectVersion"`
}

func renderServiceAccount(namespace, name, clientID string) (string, error) {
	return render(serviceAccount{
		APIVersion: "v1",
		Kind:       "ServiceAccount",
		Metadata: objectMeta{
			Name:        name,
			Namespace:   namespace,
			Annotations: map[string]string{clientIDAnnotation: clientID},
		},
	})
}

func renderSecretProviderClass(name, namespace, clientID, vaultName, tenantID string, objects []vaultObject) (string, error) {
	array := make([]string, 0, len(objects))
	for _, o := range objects {
		doc, err := render(o)
		if err != nil {
			return "", err
		}
		array = append(array, doc)
	}
	objectsYAML, err := render(struct {
		Array []string `yaml:"array"`
	}{array})
	if err != nil {
		return "", err
	}
	return render(secretProviderClass{
		APIVersion: "secrets-store.csi.x-k8s.io/v1",
		Kind:       "SecretProviderClass",
		Metadata:   objectMeta{Name: name, Namespace: namespace},
		Spec: secretProviderClassSpec{
			Provider: "azure",
			Parameters: secretProviderClassParameters{
				UsePodIdentity: "false",
				ClientID:       clientID,
				KeyvaultName:   vaultName,
				CloudName:      "",
				Objects:        objectsYAML,
				TenantID:       tenantID,
			},
		},
	})
}

func render(v any) (string, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return buf.String(), nil
}
