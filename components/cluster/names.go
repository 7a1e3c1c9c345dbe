package cluster

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	// maxDNSPrefixLength is AKS's limit on dnsPrefix: 1-54 alphanumerics and hyphens, alphanumeric at both ends.
	// https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AKS.DNSPrefix/
	maxDNSPrefixLength = 54
	// maxDataCollectionRuleNameLength is the limit on data collection rule names.
	// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftinsights
	maxDataCollectionRuleNameLength = 64
	// containerInsightsAssociationName is the association name the Azure CLI and portal give Container Insights;
	// the portal's Monitoring blade looks for it.
	containerInsightsAssociationName = "ContainerInsightsExtension"
)

// names are the Azure names of the component's resources.
type names struct {
	cluster           string
	identity          string
	dnsPrefix         string
	diagnosticSetting string
	dataCollection    pulumi.StringInput
	workspaceLocation pulumi.StringInput
}

func namesFor(args *ClusterArgs) names {
	var workspaceLocation pulumi.StringInput = pulumi.String(args.LogAnalyticsWorkspaceLocation)
	if args.LogAnalyticsWorkspaceLocation == "" {
		workspaceLocation = args.Location
	}
	dataCollection := pulumi.StringInput(nil)
	if known, ok := workspaceLocation.(pulumi.String); ok {
		dataCollection = pulumi.String(dataCollectionRuleName(string(known), args.ClusterName))
	} else if workspaceLocation != nil {
		dataCollection = workspaceLocation.ToStringOutput().ApplyT(func(location string) string {
			return dataCollectionRuleName(location, args.ClusterName)
		}).(pulumi.StringOutput)
	}
	return names{
		cluster:           args.ClusterName,
		identity:          "id-" + args.ClusterName,
		dnsPrefix:         dnsPrefix(args.ClusterName),
		diagnosticSetting: "diag-" + args.ClusterName,
		dataCollection:    dataCollection,
		workspaceLocation: workspaceLocation,
	}
}

// dnsPrefix turns a cluster name (letters, digits, hyphens, underscores) into a DNS prefix (letters, digits,
// hyphens; starting and ending alphanumeric; at most 54 characters).
func dnsPrefix(clusterName string) string {
	prefix := truncate(strings.ReplaceAll(clusterName, "_", "-"), maxDNSPrefixLength)
	return strings.TrimRight(prefix, "-")
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// dataCollectionRuleName is the Container Insights rule's name, as the Azure CLI gives it.
func dataCollectionRuleName(workspaceLocation, clusterName string) string {
	return truncate("MSCI-"+workspaceLocation+"-"+clusterName, maxDataCollectionRuleNameLength)
}
