package monitoring

import (
	"cmp"

	operationalinsights "github.com/pulumi/pulumi-azure-native-sdk/operationalinsights/v2/v20221001"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func newWorkspace(ctx *pulumi.Context, name string, args *MonitoringArgs, opts ...pulumi.ResourceOption) (*operationalinsights.Workspace, error) {
	return operationalinsights.NewWorkspace(ctx, name, &operationalinsights.WorkspaceArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          args.Location,
		WorkspaceName:     pulumi.String(args.WorkspaceName),
		Sku:               &operationalinsights.WorkspaceSkuArgs{Name: pulumi.String("PerGB2018")},
		RetentionInDays:   pulumi.Int(cmp.Or(args.RetentionInDays, DefaultRetentionInDays)),
		Features: &operationalinsights.WorkspaceFeaturesArgs{
			// Agents (Container Insights, Defender) then authenticate with Entra ID only; shared keys stop working.
			// See https://learn.microsoft.com/azure/azure-monitor/logs/azure-ad-authentication-logs
			DisableLocalAuth: pulumi.Bool(true),
		},
		Tags: args.Tags,
	}, opts...)
}
