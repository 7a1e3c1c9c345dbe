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

// armPaths maps type keys (TypeKey: the token without its API version) to ARM resource paths. A type missing
// here still gets a realistic ID from its module and type name.
var armPaths = map[string]armPath{
	"resources:ResourceGroup":                     {path: ""},
	"network:VirtualNetwork":                      {path: "Microsoft.Network/virtualNetworks/{virtualNetworkName}"},
	"network:Subnet":                              {path: "Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}"},
	"network:NetworkSecurityGroup":                {path: "Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}"},
	"network:NatGateway":                          {path: "Microsoft.Network/natGateways/{natGatewayName}"},
	"network:PublicIPAddress":                     {path: "Microsoft.Network/publicIPAddresses/{publicIpAddressName}"},
	"network:PublicIPPrefix":                      {path: "Microsoft.Network/publicIPPrefixes/{publicIpPrefixName}"},
	"network:NetworkInterface":                    {path: "Microsoft.Network/networkInterfaces/{networkInterfaceName}"},
	"network:PrivateEndpoint":                     {path: "Microsoft.Network/privateEndpoints/{privateEndpointName}"},
	"network:PrivateDnsZoneGroup":                 {path: "Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}"},
	"network:PrivateZone":                         {path: "Microsoft.Network/privateDnsZones/{privateZoneName}"},
	"network:VirtualNetworkLink":                  {path: "Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}"},
	"network:BastionHost":                         {path: "Microsoft.Network/bastionHosts/{bastionHostName}"},
	"network:AzureFirewall":                       {path: "Microsoft.Network/azureFirewalls/{azureFirewallName}"},
	"network:FirewallPolicy":                      {path: "Microsoft.Network/firewallPolicies/{firewallPolicyName}"},
	"network:FirewallPolicyRuleCollectionGroup":   {path: "Microsoft.Network/firewallPolicies/{firewallPolicyName}/ruleCollectionGroups/{ruleCollectionGroupName}"},
	"network:RouteTable":                          {path: "Microsoft.Network/routeTables/{routeTableName}"},
	"containerservice:ManagedCluster":             {path: "Microsoft.ContainerService/managedClusters/{resourceName}"},
	"containerservice:AgentPool":                  {path: "Microsoft.ContainerService/managedClusters/{resourceName}/agentPools/{agentPoolName}"},
	"containerservice:MaintenanceConfiguration":   {path: "Microsoft.ContainerService/managedClusters/{resourceName}/maintenanceConfigurations/{configName}"},
	"managedidentity:UserAssignedIdentity":        {path: "Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}"},
	"managedidentity:FederatedIdentityCredential": {path: "Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}/federatedIdentityCredentials/{federatedIdentityCredentialResourceName}"},
	"authorization:RoleAssignment":                {under: "scope", path: "Microsoft.Authorization/roleAssignments/{roleAssignmentName}"},
	"authorization:ManagementLockByScope":         {under: "scope", path: "Microsoft.Authorization/locks/{lockName}"},
	"authorization:PolicyAssignment":              {under: "scope", path: "Microsoft.Authorization/policyAssignments/{policyAssignmentName}"},
	"insights:DiagnosticSetting":                  {under: "resourceUri", path: "Microsoft.Insights/diagnosticSettings/{name}"},
	"containerregistry:Registry":                  {path: "Microsoft.ContainerRegistry/registries/{registryName}"},
	"keyvault:Vault":                              {path: "Microsoft.KeyVault/vaults/{vaultName}"},
	"keyvault:Secret":                             {path: "Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}"},
	"operationalinsights:Workspace":               {path: "Microsoft.OperationalInsights/workspaces/{workspaceName}"},
	"insights:DataCollectionRule":                 {path: "Microsoft.Insights/dataCollectionRules/{dataCollectionRuleName}"},
	"insights:DataCollectionRuleAssociation":      {under: "resourceUri", path: "Microsoft.Insights/dataCollectionRuleAssociations/{associationName}"},
	"compute:VirtualMachine":                      {path: "Microsoft.Compute/virtualMachines/{vmName}"},
}

// armID returns the ARM ID the resource would get. Placeholders missing from the inputs take the logical name, as
// azure-native's auto-naming would (without its random suffix, so plans stay deterministic).
func armID(typ, name string, inputs map[string]any) string {
	spec, ok := armPaths[TypeKey(typ)]
	if !ok {
		spec = armPath{path: fallbackPath(typ) + "/{}"}
	}
	base := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s", SubscriptionID, stringInput(inputs, "resourceGroupName", "rg-"+name))
	if spec.under != "" {
		base = strings.TrimSuffix(stringInput(inputs, spec.under, base), "/")
	}
	if TypeKey(typ) == "resources:ResourceGroup" {
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
