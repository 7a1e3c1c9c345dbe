package cluster

import (
	cs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240901"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The three configuration names AKS reads: the node OS and cluster auto-upgrade channels follow the aksManaged*
// schedules, and "default" windows AKS's weekly releases of control-plane components and system add-ons, which
// otherwise land at any time. https://learn.microsoft.com/azure/aks/planned-maintenance
const (
	nodeOSUpgradeScheduleName = "aksManagedNodeOSUpgradeSchedule"
	autoUpgradeScheduleName   = "aksManagedAutoUpgradeSchedule"
	releaseScheduleName       = "default"
)

// newMaintenanceConfigurations creates the node OS upgrade window, the window for AKS's weekly releases (the cluster
// upgrade window when given, else the node OS one) and, when given, the cluster upgrade window.
func newMaintenanceConfigurations(ctx *pulumi.Context, name string, args *ClusterArgs, aks *cs.ManagedCluster, opts ...pulumi.ResourceOption) error {
	if _, err := cs.NewMaintenanceConfiguration(ctx, name+"-maintenance-node-os",
		maintenanceConfigurationArgs(args, aks.Name, nodeOSUpgradeScheduleName, *args.NodeOSMaintenanceWindow), opts...); err != nil {
		return err
	}
	releaseWindow := *args.NodeOSMaintenanceWindow
	if args.ClusterUpgradeMaintenanceWindow != nil {
		releaseWindow = *args.ClusterUpgradeMaintenanceWindow
	}
	if _, err := cs.NewMaintenanceConfiguration(ctx, name+"-maintenance-releases",
		maintenanceConfigurationArgs(args, aks.Name, releaseScheduleName, releaseWindow), opts...); err != nil {
		return err
	}
	if args.ClusterUpgradeMaintenanceWindow == nil {
		return nil
	}
	_, err := cs.NewMaintenanceConfiguration(ctx, name+"-maintenance-cluster",
		maintenanceConfigurationArgs(args, aks.Name, autoUpgradeScheduleName, *args.ClusterUpgradeMaintenanceWindow), opts...)
	return err
}

// maintenanceConfigurationArgs is a weekly window, in the maintenanceWindow shape every configuration name takes
// (the "default" configuration's older timeInWeek is deprecated). clusterName is the cluster's name output, so the configuration
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
