package offline

import (
	"fmt"
	"strings"
)

// MockFirewallPrivateIP is the private IP the mocks give an Azure Firewall: Azure reserves the first four addresses
// of every subnet, so the firewall takes the fifth of AzureFirewallSubnet (here the prod example's 10.50.11.0/26).
const MockFirewallPrivateIP = "10.50.11.4"

// MockCreatedOn is the creation time the mocks report for a role assignment, in ARM's format.
const MockCreatedOn = "2026-01-01T00:00:00.0000000Z"

// computedOutputs returns the outputs Azure computes for a resource, shaped as azure-native returns them, for the
// types whose computed values other resources consume.
func computedOutputs(typ, name, id string, inputs map[string]any) map[string]any {
	location := stringInput(inputs, "location", "westeurope")
	switch TypeKey(typ) {
	case "managedidentity:UserAssignedIdentity":
		return map[string]any{
			"principalId": GUID("principal", id),
			"clientId":    GUID("client", id),
			"tenantId":    TenantID,
		}
	case "containerservice:ManagedCluster":
		return managedClusterOutputs(name, id, location, inputs)
	case "containerregistry:Registry":
		return map[string]any{"loginServer": strings.ToLower(stringInput(inputs, "registryName", name)) + ".azurecr.io"}
	case "keyvault:Vault":
		props, _ := inputs["properties"].(map[string]any)
		merged := map[string]any{}
		for k, v := range props {
			merged[k] = v
		}
		merged["vaultUri"] = "https://" + stringInput(inputs, "vaultName", name) + ".vault.azure.net/"
		return map[string]any{"properties": merged}
	case "operationalinsights:Workspace":
		return map[string]any{"customerId": GUID("workspace", id)}
	case "network:PublicIPAddress":
		return map[string]any{"ipAddress": "20.0.0." + fmt.Sprint(1+int(GUID(id)[0])%250)}
	case "network:AzureFirewall":
		configs, _ := inputs["ipConfigurations"].([]any)
		withIP := make([]any, len(configs))
		for i, c := range configs {
			config := map[string]any{}
			for k, v := range c.(map[string]any) {
				config[k] = v
			}
			config["privateIPAddress"] = MockFirewallPrivateIP
			withIP[i] = config
		}
		return map[string]any{"ipConfigurations": withIP}
	case "network:PrivateEndpoint":
		return map[string]any{"networkInterfaces": []any{map[string]any{"id": id + "-nic"}}}
	case "authorization:RoleAssignment":
		// A fixed moment long past: the mock's assignments have always propagated.
		return map[string]any{"createdOn": MockCreatedOn}
	case "compute:VirtualMachine":
		return map[string]any{"vmId": GUID("vm", id)}
	}
	return nil
}

func managedClusterOutputs(name, id, location string, inputs map[string]any) map[string]any {
	clusterName := stringInput(inputs, "resourceName", name)
	nodeRG := stringInput(inputs, "nodeResourceGroup",
		fmt.Sprintf("MC_%s_%s_%s", stringInput(inputs, "resourceGroupName", "rg"), clusterName, location))
	identity := func(kind, resourceName string) map[string]any {
		resourceID := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.ManagedIdentity/userAssignedIdentities/%s",
			SubscriptionID, nodeRG, resourceName)
		return map[string]any{
			"clientId":   GUID(kind, "client", id),
			"objectId":   GUID(kind, "object", id),
			"resourceId": resourceID,
		}
	}
	addons := map[string]any{}
	if given, ok := inputs["addonProfiles"].(map[string]any); ok {
		for k, v := range given {
			addons[k] = v
		}
	}
	if csi, ok := addons["azureKeyvaultSecretsProvider"].(map[string]any); ok {
		withIdentity := map[string]any{"identity": identity("csi", "azurekeyvaultsecretsprovider-"+clusterName)}
		for k, v := range csi {
			withIdentity[k] = v
		}
		addons["azureKeyvaultSecretsProvider"] = withIdentity
	}
	tenant := TenantID
	if aad, ok := inputs["aadProfile"].(map[string]any); ok {
		tenant = stringInput(aad, "tenantID", TenantID)
	}
	oidc := map[string]any{
		"enabled":   true,
		"issuerURL": fmt.Sprintf("https://%s.oic.prod-aks.azure.com/%s/%s/", location, tenant, GUID("oidc", id)),
	}
	return map[string]any{
		"addonProfiles":     addons,
		"identityProfile":   map[string]any{"kubeletidentity": identity("kubelet", clusterName+"-agentpool")},
		"nodeResourceGroup": nodeRG,
		"oidcIssuerProfile": oidc,
		"privateFQDN":       fmt.Sprintf("%s-%s.%s.privatelink.%s.azmk8s.io", clusterName, GUID("fqdn", id)[:8], GUID("fqdnsub", id)[:8], location),
		"fqdn":              "",
		"azurePortalFQDN":   fmt.Sprintf("%s-%s.portal.hcp.%s.azmk8s.io", clusterName, GUID("fqdn", id)[:8], location),
	}
}
