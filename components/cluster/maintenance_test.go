package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/components/cluster"
)

func TestMaintenanceConfigurationsUseTheAKSManagedScheduleNames(t *testing.T) {
	window := func(config string, day string, start string, hours, weeks float64, offset string) map[string]any {
		return map[string]any{
			"resourceGroupName": rg,
			"resourceName":      clusterName,
			"configName":        config,
			"maintenanceWindow": map[string]any{
				"schedule":      map[string]any{"weekly": map[string]any{"dayOfWeek": day, "intervalWeeks": weeks}},
				"durationHours": hours,
				"startTime":     start,
				"utcOffset":     offset,
			},
		}
	}
	tests := []struct {
		name   string
		mutate func(*cluster.ClusterArgs, upstream)
		want   map[string]map[string]any
	}{
		{
			name: "without a cluster upgrade window the node OS window also holds AKS's weekly releases",
			want: map[string]map[string]any{
				"aks-maintenance-node-os":  window("aksManagedNodeOSUpgradeSchedule", "Sunday", "02:00", 4, 1, "+00:00"),
				"aks-maintenance-releases": window("default", "Sunday", "02:00", 4, 1, "+00:00"),
			},
		},
		{
			name: "a cluster upgrade window adds aksManagedAutoUpgradeSchedule",
			mutate: func(a *cluster.ClusterArgs, _ upstream) {
				a.ClusterUpgradeMaintenanceWindow = &cluster.MaintenanceWindow{
					DayOfWeek: "Saturday", StartTime: "22:30", DurationHours: 8, UTCOffset: "+01:00", IntervalWeeks: 2,
				}
			},
			want: map[string]map[string]any{
				"aks-maintenance-node-os":  window("aksManagedNodeOSUpgradeSchedule", "Sunday", "02:00", 4, 1, "+00:00"),
				"aks-maintenance-releases": window("default", "Saturday", "22:30", 8, 2, "+01:00"),
				"aks-maintenance-cluster":  window("aksManagedAutoUpgradeSchedule", "Saturday", "22:30", 8, 2, "+01:00"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := mustRun(t, tt.mutate)
			configs := plan.OfType(typeMaintenance)
			assert.Len(t, configs, len(tt.want))
			for _, c := range configs {
				assert.Equal(t, tt.want[c.Name], c.Inputs, c.Name)
				assert.Equal(t, []string{plan.URNOf(typeCluster, "aks-aks")}, c.Dependencies, c.Name)
				assert.Equal(t, clusterID+"/maintenanceConfigurations/"+tt.want[c.Name]["configName"].(string), c.ID)
			}
		})
	}
}
