package cluster

import (
	insights "github.com/pulumi/pulumi-azure-native-sdk/insights/v2/v20220601"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Container Insights data collection, as the documented ARM template and the Azure CLI onboard it.
// https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable?tabs=arm
const (
	containerInsightsExtensionName = "ContainerInsights"
	containerInsightsDataSource    = "ContainerInsightsExtension"
	// containerInsightsStream is the group stream of every Container Insights table (ContainerLogV2, KubeEvents,
	// KubePodInventory, Perf, InsightsMetrics, ...).
	containerInsightsStream = "Microsoft-ContainerInsights-Group-Default"
	// containerInsightsDestination names the workspace inside the rule.
	containerInsightsDestination = "ciworkspace"
	// containerInsightsInterval is how often the agent collects inventory and performance data; "1m" is the default.
	containerInsightsInterval = "1m"
)

// newContainerInsights creates the data collection rule the omsagent add-on reads with its managed identity and
// associates it with the cluster.
func newContainerInsights(ctx *pulumi.Context, name string, args *ClusterArgs, n names, clusterID pulumi.StringInput, opts ...pulumi.ResourceOption) error {
	rule, err := insights.NewDataCollectionRule(ctx, name+"-dcr", dataCollectionRuleArgs(args, n), opts...)
	if err != nil {
		return err
	}
	_, err = insights.NewDataCollectionRuleAssociation(ctx, name+"-dcra", &insights.DataCollectionRuleAssociationArgs{
		ResourceUri:          clusterID,
		AssociationName:      pulumi.String(containerInsightsAssociationName),
		DataCollectionRuleId: rule.ID().ToStringOutput(),
		Description:          pulumi.String("Association of data collection rule. Deleting this association will break the data collection for this AKS Cluster."),
	}, opts...)
	return err
}

// dataCollectionRuleArgs is the Linux rule that sends the Container Insights streams to the workspace. It lives in
// the workspace's region, as a rule with a Log Analytics destination must.
// https://learn.microsoft.com/azure/azure-monitor/essentials/data-collection-rule-overview
func dataCollectionRuleArgs(args *ClusterArgs, n names) *insights.DataCollectionRuleArgs {
	streams := pulumi.StringArray{pulumi.String(containerInsightsStream)}
	return &insights.DataCollectionRuleArgs{
		ResourceGroupName:      args.ResourceGroupName,
		DataCollectionRuleName: n.dataCollection,
		Location:               n.workspaceLocation,
		Kind:                   pulumi.String("Linux"),
		Description:            pulumi.String("Container Insights data collection for AKS cluster " + n.cluster),
		DataSources: &insights.DataCollectionRuleDataSourcesArgs{
			Extensions: insights.ExtensionDataSourceArray{
				insights.ExtensionDataSourceArgs{
					Name:          pulumi.String(containerInsightsDataSource),
					ExtensionName: pulumi.String(containerInsightsExtensionName),
					Streams:       streams,
					ExtensionSettings: pulumi.Map{
						"dataCollectionSettings": pulumi.Map{
							"interval":               pulumi.String(containerInsightsInterval),
							"namespaceFilteringMode": pulumi.String("Off"),
							// ContainerLogV2 is the log schema Container Insights recommends.
							// https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-logs-schema
							"enableContainerLogV2": pulumi.Bool(true),
						},
					},
				},
			},
		},
		Destinations: &insights.DataCollectionRuleDestinationsArgs{
			LogAnalytics: insights.LogAnalyticsDestinationArray{
				insights.LogAnalyticsDestinationArgs{
					Name:                pulumi.String(containerInsightsDestination),
					WorkspaceResourceId: args.LogAnalyticsWorkspaceID,
				},
			},
		},
		DataFlows: insights.DataFlowArray{
			insights.DataFlowArgs{
				Streams:      streams,
				Destinations: pulumi.StringArray{pulumi.String(containerInsightsDestination)},
			},
		},
		Tags: args.Tags,
	}
}
