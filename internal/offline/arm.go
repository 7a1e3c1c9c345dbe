package offline

import (
	"fmt"
	"strings"
)

// armPath says how to build a resource's ARM ID: a provider path with {input} placeholders under the resource group,
// or under the resource named by a scope input ("{scope}", "{resourceUri}").
type armPath struct {
	under string // "" = /subscriptions/<sub>/resourceGroups/<resourceGroupName>; else the scope input
	path  string
}

// armPaths maps Pulumi type tokens to ARM resource paths. A type missing here still gets a realistic ID from its
// module and type name.
var armPaths = map[string]armPath{
	"azure-native:resources:ResourceGroup":                             {path: ""},
	"azure-native:network:VirtualNetwork":                              {path: "Microsoft.Network/virtualNetworks/{virtualNetworkName}"},
	"azure-native:network:Subnet":                                      {path: "Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}"},
	"azure-native:network/v20240301:Subnet":                            {path: "Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}"},
	"azure-native:network/v20240301:BastionHost":                       {path: "Microsoft.Network/bastionHosts/{bastionHostName}"},
	"azure-native:network:NetworkSecurityGroup":                        {path: "Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}"},
	"azure-native:network:NatGateway":                                  {path: "Microsoft.Network/natGateways/{natGatewayName}"},
	"azure-native:network:PublicIPAddress":                             {path: "Microsoft.Network/publicIPAddresses/{publicIpAddressName}"},
	"azure-native:network:PublicIPPrefix":                              {path: "Microsoft.Network/publicIPPrefixes/{publicIpPrefixName}"},
	"azure-native:network:NetworkInterface":                            {path: "Microsoft.Network/networkInterfaces/{networkInterfaceName}"},
	"azure-native:network:PrivateEndpoint":                             {path: "Microsoft.Network/privateEndpoints/{privateEndpointName}"},
	"azure-native:network:PrivateDnsZoneGroup":                         {path: "Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}"},
	"azure-native:network:PrivateZone":                                 {path: "Microsoft.Network/privateDnsZones/{privateZoneName}"},
	"azure-native:network:VirtualNetworkLink":                          {path: "Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}"},
	"azure-native:network:BastionHost":                                 {path: "Microsoft.Network/bastionHosts/{bastionHostName}"},
	"azure-native:containerservice/v20240901:ManagedCluster":           {path: "Microsoft.ContainerService/managedClusters/{resourceName}"},
	"azure-native:containerservice/v20240901:AgentPool":                {path: "Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}"},
	"azure-native:containerservice/v20240901:MaintenanceConfiguration": {path: "Microsoft.ContainerService/managedClusters/{resourceName}/maintenanceConfigurations/{configName}"},
	"azure-native:managedidentity:UserAssignedIdentity":                {path: "Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}"},
	"azure-native:managedidentity:FederatedIdentityCredential":         {path: "Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}/federatedIdentityCredentials/{federatedIdentityCredentialResourceName}"},
	"azure-native:authorization:RoleAssignment":                        {under: "scope", path: "Microsoft.Authorization/roleAssignments/{roleAssignmentName}"},
	"azure-native:authorization:ManagementLockByScope":                 {under: "scope", path: "Microsoft.Authorization/locks/{lockName}"},
	"azure-native:insights:DiagnosticSetting":                          {under: "resourceUri", path: "Microsoft.Insights/diagnosticSettings/{name}"},
	"azure-native:containerregistry:Registry":                          {path: "Microsoft.ContainerRegistry/registries/{registryName}"},
	"azure-native:keyvault:Vault":                                      {path: "Microsoft.KeyVault/vaults/{vaultName}"},
	"azure-native:keyvault:Secret":                                     {path: "Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}"},
	"azure-native:operationalinsights:Workspace":                       {path: "Microsoft.OperationalInsights/workspaces/{workspaceName}"},
	"azure-native:insights:DataCollectionRule":                         {path: "Microsoft.Insights/dataCollectionRules/{dataCollectionRuleName}"},
	"azure-native:insights:DataCollectionRuleAssociation":              {under: "resourceUri", path: "Microsoft.Insights/dataCollectionRuleAssociations/{associationName}"},
	"azure-native:compute:VirtualMachine":                              {path: "Microsoft.Compute/virtualMachines/{vmName}"},
}

// armID returns the ARM ID the resource would get. Placeholders missing from the inputs take the logical name, as
// azure-native's auto-naming would (without its random suffix, so plans stay deterministic).
func armID(typ, name string, inputs map[string]any) string {
	spec, ok := armPaths[typ]
	if !ok {
		spec = armPath{path: fallbackPath(typ) + "/{}"}
	}
	base := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s", SubscriptionID, stringInput(inputs, "resourceGroupName", "rg-"+name))
	if spec.under != "" {
		base = strings.TrimSuffix(stringInput(inputs, spec.under, base), "/")
	}
	if typ == "azure-native:resources:ResourceGroup" {
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s", SubscriptionID, stringInput(inputs, "resourceGroupName", name))
	}
	return base + "/providers/" + fill(spec.path, name, inputs)
}

func fill(path, name string, inputs map[string]any) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			b.WriteString(path)
			return b.String()
		}
		end := strings.IndexByte(path[open:], '}') + open
		b.WriteString(path[:open])
		b.WriteString(stringInput(inputs, path[open+1:end], name))
		path = path[end+1:]
	}
}

// fallbackPath turns "azure-native:module:Type" into "Microsoft.Module/types".
func fallbackPath(typ string) string {
	parts := strings.Split(typ, ":")
	if len(parts) != 3 {
		return "Unknown/" + typ
	}
	module := strings.SplitN(parts[1], "/", 2)[0]
	kind := parts[2]
	return "Microsoft." + strings.ToUpper(module[:1]) + module[1:] + "/" + strings.ToLower(kind[:1]) + kind[1:] + "s"
}

func stringInput(inputs map[string]any, key, fallback string) string {
	if s, ok := inputs[key].(string); ok && s != "" && s != UnknownPlaceholder {
		return s
	}
	return fallback
}
