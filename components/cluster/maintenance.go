package cluster

import (
	cs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240901"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The configuration names AKS's auto-upgrade channels read; the only other name AKS accepts is "default", the
// legacy schedule that auto-upgrade does not follow. https://learn.microsoft.com/azure/aks/planned-maintenance
const (
	nodeOSUpgradeScheduleName = "aksManagedNodeOSUpgradeSchedule"
	autoUpgradeScheduleName   = "aksManagedAutoUpgradeSchedule"
)

// newMaintenanceConfigurations creates the node OS upgrade window and, when given, the cluster upgrade window.
func newMaintenanceConfigurations(ctx *pulumi.Context, name string, args *ClusterArgs, aks *cs.ManagedCluster, opts ...pulumi.ResourceOption) error {
	if _, err := cs.NewMaintenanceConfiguration(ctx, name+"-maintenance-node-os",
		maintenanceConfigurationArgs(args, aks.Name, nodeOSUpgradeScheduleName, args.NodeOSMaintenanceWindow), opts...); err != nil {
		return err
	}
	if args.ClusterUpgradeMaintenanceWindow == nil {
		return nil
	}
	_, err := cs.NewMaintenanceConfiguration(ctx, name+"-maintenance-cluster",
		maintenanceConfigurationArgs(args, aks.Name, autoUpgradeScheduleName, *args.ClusterUpgradeMaintenanceWindow), opts...)
	return err
}

// maintenanceConfigurationArgs is a weekly window. clusterName is the cluster's name output, so the configuration
// depends on the cluster.
func maintenanceConfigurationArgs(args *ClusterArgs, clusterName pulumi.StringInput, configName string, w MaintenanceWindow) *cs.MaintenanceConfigurationArgs {
	return &cs.MaintenanceConfigurationArgs{
		ResourceGroupName: args.ResourceGroupName,
		ResourceName:      clusterName,
		ConfigName:        pulumi.String(configName),
		MaintenanceWindow: &cs.MaintenanceWindowArgs{
			Schedule: &cs.ScheduleArgs{
				Weekly: &cs.WeeklyScheduleArgs{
					DayOfWeek:     pulumi.String(w.DayOfWeek),
					IntervalWeeks: pulumi.Int(w.IntervalWeeks),
				},
			},
			DurationHours: pulumi.Int(w.DurationHours),
			StartTime:     pulumi.String(w.StartTime),
			UtcOffset:     pulumi.String(w.UTCOffset),
		},
	}
}
