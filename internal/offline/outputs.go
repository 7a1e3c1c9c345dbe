package offline

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// outputFields are the output properties azure-native returns for each type key: the fields of the resource's
// struct in the Go SDK, for example keyvault/v2@v2.90.0/v20230701/vault.go (type Vault: location, name,
// properties, systemData, tags, type) or network/v2@v2.90.0/v20240301/subnet.go (type Subnet). The provider fills
// exactly these from the ARM response (pulumi-azure-native provider/pkg/convert ResponseBodyToSdkOutputs over the
// resource's response metadata), so the path parameters a resource is created with (resourceGroupName, vaultName,
// registryName, subnetName, privateEndpointName, networkSecurityGroupName, a diagnostic setting's resourceUri, a
// role assignment's roleAssignmentName) are not outputs, and neither is the resource's own id. A type missing
// here keeps its whole state as outputs.
var outputFields = map[string][]string{
	"resources:ResourceGroup":                     {"location", "managedBy", "name", "properties", "tags", "type"},
	"network:VirtualNetwork":                      {"addressSpace", "bgpCommunities", "ddosProtectionPlan", "dhcpOptions", "enableDdosProtection", "enableVmProtection", "encryption", "etag", "extendedLocation", "flowLogs", "flowTimeoutInMinutes", "ipAllocations", "location", "name", "privateEndpointVNetPolicies", "provisioningState", "resourceGuid", "subnets", "tags", "type", "virtualNetworkPeerings"},
	"network:Subnet":                              {"addressPrefix", "addressPrefixes", "applicationGatewayIPConfigurations", "defaultOutboundAccess", "delegations", "etag", "ipAllocations", "ipConfigurationProfiles", "ipConfigurations", "name", "natGateway", "networkSecurityGroup", "privateEndpointNetworkPolicies", "privateEndpoints", "privateLinkServiceNetworkPolicies", "provisioningState", "purpose", "resourceNavigationLinks", "routeTable", "serviceAssociationLinks", "serviceEndpointPolicies", "serviceEndpoints", "sharingScope", "type"},
	"network:NetworkSecurityGroup":                {"defaultSecurityRules", "etag", "flowLogs", "flushConnection", "location", "name", "networkInterfaces", "provisioningState", "resourceGuid", "securityRules", "subnets", "tags", "type"},
	"network:SecurityRule":                        {"access", "description", "destinationAddressPrefix", "destinationAddressPrefixes", "destinationApplicationSecurityGroups", "destinationPortRange", "destinationPortRanges", "direction", "etag", "name", "priority", "protocol", "provisioningState", "sourceAddressPrefix", "sourceAddressPrefixes", "sourceApplicationSecurityGroups", "sourcePortRange", "sourcePortRanges", "type"},
	"network:NatGateway":                          {"etag", "idleTimeoutInMinutes", "location", "name", "provisioningState", "publicIpAddresses", "publicIpPrefixes", "resourceGuid", "sku", "subnets", "tags", "type", "zones"},
	"network:PublicIPAddress":                     {"ddosSettings", "deleteOption", "dnsSettings", "etag", "extendedLocation", "idleTimeoutInMinutes", "ipAddress", "ipConfiguration", "ipTags", "linkedPublicIPAddress", "location", "migrationPhase", "name", "natGateway", "provisioningState", "publicIPAddressVersion", "publicIPAllocationMethod", "publicIPPrefix", "resourceGuid", "servicePublicIPAddress", "sku", "tags", "type", "zones"},
	"network:PublicIPPrefix":                      {"customIPPrefix", "etag", "extendedLocation", "ipPrefix", "ipTags", "loadBalancerFrontendIpConfiguration", "location", "name", "natGateway", "prefixLength", "provisioningState", "publicIPAddressVersion", "publicIPAddresses", "resourceGuid", "sku", "tags", "type", "zones"},
	"network:NetworkInterface":                    {"auxiliaryMode", "auxiliarySku", "disableTcpStateTracking", "dnsSettings", "dscpConfiguration", "enableAcceleratedNetworking", "enableIPForwarding", "etag", "extendedLocation", "hostedWorkloads", "ipConfigurations", "location", "macAddress", "migrationPhase", "name", "networkSecurityGroup", "nicType", "primary", "privateEndpoint", "privateLinkService", "provisioningState", "resourceGuid", "tags", "tapConfigurations", "type", "virtualMachine", "vnetEncryptionSupported", "workloadType"},
	"network:PrivateEndpoint":                     {"applicationSecurityGroups", "customDnsConfigs", "customNetworkInterfaceName", "etag", "extendedLocation", "ipConfigurations", "location", "manualPrivateLinkServiceConnections", "name", "networkInterfaces", "privateLinkServiceConnections", "provisioningState", "subnet", "tags", "type"},
	"network:PrivateDnsZoneGroup":                 {"etag", "name", "privateDnsZoneConfigs", "provisioningState"},
	"network:PrivateZone":                         {"etag", "internalId", "location", "maxNumberOfRecordSets", "maxNumberOfVirtualNetworkLinks", "maxNumberOfVirtualNetworkLinksWithRegistration", "name", "numberOfRecordSets", "numberOfVirtualNetworkLinks", "numberOfVirtualNetworkLinksWithRegistration", "provisioningState", "tags", "type"},
	"network:VirtualNetworkLink":                  {"etag", "location", "name", "provisioningState", "registrationEnabled", "resolutionPolicy", "tags", "type", "virtualNetwork", "virtualNetworkLinkState"},
	"network:BastionHost":                         {"disableCopyPaste", "dnsName", "enableFileCopy", "enableIpConnect", "enableKerberos", "enableSessionRecording", "enableShareableLink", "enableTunneling", "etag", "ipConfigurations", "location", "name", "networkAcls", "provisioningState", "scaleUnits", "sku", "tags", "type", "virtualNetwork", "zones"},
	"network:AzureFirewall":                       {"additionalProperties", "applicationRuleCollections", "autoscaleConfiguration", "etag", "firewallPolicy", "hubIPAddresses", "ipConfigurations", "ipGroups", "location", "managementIpConfiguration", "name", "natRuleCollections", "networkRuleCollections", "provisioningState", "sku", "tags", "threatIntelMode", "type", "virtualHub", "zones"},
	"network:FirewallPolicy":                      {"basePolicy", "childPolicies", "dnsSettings", "etag", "explicitProxy", "firewalls", "identity", "insights", "intrusionDetection", "location", "name", "provisioningState", "ruleCollectionGroups", "size", "sku", "snat", "sql", "tags", "threatIntelMode", "threatIntelWhitelist", "transportSecurity", "type"},
	"network:FirewallPolicyRuleCollectionGroup":   {"etag", "name", "priority", "provisioningState", "ruleCollections", "size", "type"},
	"network:RouteTable":                          {"disableBgpRoutePropagation", "etag", "location", "name", "provisioningState", "resourceGuid", "routes", "subnets", "tags", "type"},
	"containerservice:ManagedCluster":             {"aadProfile", "addonProfiles", "agentPoolProfiles", "apiServerAccessProfile", "autoScalerProfile", "autoUpgradeProfile", "azureMonitorProfile", "azurePortalFQDN", "currentKubernetesVersion", "disableLocalAccounts", "diskEncryptionSetID", "dnsPrefix", "eTag", "enablePodSecurityPolicy", "enableRBAC", "extendedLocation", "fqdn", "fqdnSubdomain", "httpProxyConfig", "identity", "identityProfile", "ingressProfile", "kubernetesVersion", "linuxProfile", "location", "maxAgentPools", "metricsProfile", "name", "networkProfile", "nodeResourceGroup", "nodeResourceGroupProfile", "oidcIssuerProfile", "podIdentityProfile", "powerState", "privateFQDN", "privateLinkResources", "provisioningState", "publicNetworkAccess", "resourceUID", "securityProfile", "serviceMeshProfile", "servicePrincipalProfile", "sku", "storageProfile", "supportPlan", "systemData", "tags", "type", "upgradeSettings", "windowsProfile", "workloadAutoScalerProfile"},
	"containerservice:AgentPool":                  {"availabilityZones", "capacityReservationGroupID", "count", "creationData", "currentOrchestratorVersion", "eTag", "enableAutoScaling", "enableEncryptionAtHost", "enableFIPS", "enableNodePublicIP", "enableUltraSSD", "gpuInstanceProfile", "hostGroupID", "kubeletConfig", "kubeletDiskType", "linuxOSConfig", "maxCount", "maxPods", "minCount", "mode", "name", "networkProfile", "nodeImageVersion", "nodeLabels", "nodePublicIPPrefixID", "nodeTaints", "orchestratorVersion", "osDiskSizeGB", "osDiskType", "osSKU", "osType", "podSubnetID", "powerState", "provisioningState", "proximityPlacementGroupID", "scaleDownMode", "scaleSetEvictionPolicy", "scaleSetPriority", "securityProfile", "spotMaxPrice", "tags", "type", "upgradeSettings", "vmSize", "vnetSubnetID", "windowsProfile", "workloadRuntime"},
	"containerservice:MaintenanceConfiguration":   {"maintenanceWindow", "name", "notAllowedTime", "systemData", "timeInWeek", "type"},
	"managedidentity:UserAssignedIdentity":        {"clientId", "location", "name", "principalId", "systemData", "tags", "tenantId", "type"},
	"managedidentity:FederatedIdentityCredential": {"audiences", "issuer", "name", "subject", "systemData", "type"},
	"authorization:RoleAssignment":                {"condition", "conditionVersion", "createdBy", "createdOn", "delegatedManagedIdentityResourceId", "description", "name", "principalId", "principalType", "roleDefinitionId", "scope", "type", "updatedBy", "updatedOn"},
	"authorization:ManagementLockByScope":         {"level", "name", "notes", "owners", "systemData", "type"},
	"authorization:PolicyAssignment":              {"assignmentType", "definitionVersion", "description", "displayName", "effectiveDefinitionVersion", "enforcementMode", "identity", "latestDefinitionVersion", "location", "metadata", "name", "nonComplianceMessages", "notScopes", "overrides", "parameters", "policyDefinitionId", "resourceSelectors", "scope", "systemData", "type"},
	"insights:DiagnosticSetting":                  {"eventHubAuthorizationRuleId", "eventHubName", "logAnalyticsDestinationType", "logs", "marketplacePartnerId", "metrics", "name", "serviceBusRuleId", "storageAccountId", "systemData", "type", "workspaceId"},
	"insights:DataCollectionRule":                 {"dataCollectionEndpointId", "dataFlows", "dataSources", "description", "destinations", "etag", "identity", "immutableId", "kind", "location", "metadata", "name", "provisioningState", "streamDeclarations", "systemData", "tags", "type"},
	"insights:DataCollectionRuleAssociation":      {"dataCollectionEndpointId", "dataCollectionRuleId", "description", "etag", "metadata", "name", "provisioningState", "systemData", "type"},
	"containerregistry:Registry":                  {"adminUserEnabled", "creationDate", "dataEndpointEnabled", "dataEndpointHostNames", "encryption", "identity", "location", "loginServer", "name", "networkRuleBypassOptions", "networkRuleSet", "policies", "privateEndpointConnections", "provisioningState", "publicNetworkAccess", "sku", "status", "systemData", "tags", "type", "zoneRedundancy"},
	"keyvault:Vault":                              {"location", "name", "properties", "systemData", "tags", "type"},
	"keyvault:Secret":                             {"location", "name", "properties", "tags", "type"},
	"operationalinsights:Workspace":               {"createdDate", "customerId", "defaultDataCollectionRuleResourceId", "etag", "features", "forceCmkForQuery", "identity", "location", "modifiedDate", "name", "privateLinkScopedResources", "provisioningState", "publicNetworkAccessForIngestion", "publicNetworkAccessForQuery", "retentionInDays", "sku", "systemData", "tags", "type", "workspaceCapping"},
	"compute:VirtualMachine":                      {"additionalCapabilities", "applicationProfile", "availabilitySet", "billingProfile", "capacityReservation", "diagnosticsProfile", "etag", "evictionPolicy", "extendedLocation", "extensionsTimeBudget", "hardwareProfile", "host", "hostGroup", "identity", "instanceView", "licenseType", "location", "managedBy", "name", "networkProfile", "osProfile", "plan", "platformFaultDomain", "priority", "provisioningState", "proximityPlacementGroup", "resources", "scheduledEventsPolicy", "scheduledEventsProfile", "securityProfile", "storageProfile", "tags", "timeCreated", "type", "userData", "virtualMachineScaleSet", "vmId", "zones"},
}

// OutputFields returns the output properties of a type token, sorted, and whether the table knows the type.
func OutputFields(token string) ([]string, bool) {
	fields, ok := outputFields[TypeKey(token)]
	return fields, ok
}

// armType is the ARM resource type a resource reports in its "type" output, e.g. Microsoft.Network/virtualNetworks/subnets.
func armType(token string) string {
	spec, ok := armPaths[TypeKey(token)]
	path := spec.path
	if !ok {
		path = fallbackPath(token)
	}
	if TypeKey(token) == "resources:ResourceGroup" {
		return "Microsoft.Resources/resourceGroups"
	}
	var kept []string
	for _, segment := range strings.Split(path, "/") {
		if !strings.HasPrefix(segment, "{") {
			kept = append(kept, segment)
		}
	}
	provider, rest := kept[0], kept[1:]
	return provider + "/" + strings.Join(rest, "/")
}

// shapeOutputs keeps the output properties of the type from a resource's full state (inputs, computed values,
// name and type), as azure-native's outputs hold them after the resource exists.
func shapeOutputs(token string, state resource.PropertyMap) resource.PropertyMap {
	fields, known := OutputFields(token)
	if !known {
		return state.Copy()
	}
	out := resource.PropertyMap{}
	for _, field := range fields {
		if v, ok := state[resource.PropertyKey(field)]; ok {
			out[resource.PropertyKey(field)] = v
		}
	}
	return out
}

// previewOutputs is what azure-native answers during a preview, before the resource exists: every output property
// that is an input keeps the input's value, everything else is unknown, computed values nested in an input included
// (pulumi-azure-native provider/pkg/convert PreviewOutputs, called by the provider's Create with preview set).
func previewOutputs(token string, inputs resource.PropertyMap, computed map[string]any) resource.PropertyMap {
	fields, known := OutputFields(token)
	if !known {
		return inputs.Copy()
	}
	out := resource.PropertyMap{}
	for _, field := range fields {
		key := resource.PropertyKey(field)
		input, hasInput := inputs[key]
		switch {
		case hasInput:
			out[key] = withUnknowns(input, computed[field])
		default:
			out[key] = resource.MakeComputed(resource.NewProperty(""))
		}
	}
	return out
}

// withUnknowns marks the values computed holds beneath an input object (or in the items of an input array) as
// unknown, keeping the input's own values.
func withUnknowns(input resource.PropertyValue, computed any) resource.PropertyValue {
	if items, isArray := computed.([]any); isArray && input.IsArray() && len(items) == len(input.ArrayValue()) {
		out := make([]resource.PropertyValue, len(items))
		for i, item := range input.ArrayValue() {
			out[i] = withUnknowns(item, items[i])
		}
		return resource.NewProperty(out)
	}
	sub, isMap := computed.(map[string]any)
	if !isMap || !input.IsObject() {
		return input
	}
	obj := input.ObjectValue().Copy()
	for k, v := range sub {
		key := resource.PropertyKey(k)
		if existing, ok := obj[key]; ok {
			obj[key] = withUnknowns(existing, v)
		} else {
			obj[key] = resource.MakeComputed(resource.NewProperty(""))
		}
	}
	return resource.NewProperty(obj)
}

// propertyDependencies are the URNs each input property is computed from, as the program sent them in its
// RegisterResourceRequest; properties without dependencies are left out, as the engine leaves them out of
// AnalyzeStack (pulumi/pulumi sdk/go/common/resource/plugin/analyzer_plugin.go, analyzer.AnalyzeStack).
func propertyDependencies(deps map[string]*pulumirpc.RegisterResourceRequest_PropertyDependencies) map[string][]string {
	out := map[string][]string{}
	for key, d := range deps {
		urns := d.GetUrns()
		if len(urns) == 0 {
			continue
		}
		sorted := append([]string{}, urns...)
		sort.Strings(sorted)
		out[key] = sorted
	}
	return out
}
