package config

import (
	"errors"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/validation"
)

// The components are the API and own every rule about their arguments. Config maps its keys onto their arguments
// (the plain values; stacks adds the Inputs that wire one component to another), asks each component to validate
// them, and reports each problem at the key it came from.

// argumentKeys turns a component's argument paths into configuration keys: the first segment of a path names the
// key it maps to, and the rest of the path (".vmSize", "[1].zones") is kept.
type argumentKeys map[string]string

// include reports a component's problems at their keys. A problem of an argument that several keys map to (the
// region every component gets) is reported once.
func (v *ValidationError) include(keys argumentKeys, err error) {
	var invalid *validation.Error
	if !errors.As(err, &invalid) {
		if err != nil {
			v.add("", nil, err.Error(), "report this as a hardaks bug")
		}
		return
	}
	for _, p := range invalid.Problems {
		head := p.Path
		if i := strings.IndexAny(head, ".["); i >= 0 {
			head = head[:i]
		}
		key, ok := keys[head]
		if !ok {
			// Every argument config fills is in its table (TestEveryComponentArgumentMapsToAKey); this keeps a
			// missed one visible rather than silent.
			key = invalid.Component + "." + p.Path
		} else {
			key += p.Path[len(head):]
		}
		e := FieldError{Key: key, Value: p.Value, Problem: p.Problem, Fix: p.Fix}
		if !slices.ContainsFunc(v.Errors, func(seen FieldError) bool { return seen.Error() == e.Error() }) {
			v.Errors = append(v.Errors, e)
		}
	}
}

// clusterKeys are the keys of the cluster component's arguments.
var clusterKeys = argumentKeys{
	"location":                        "environment.location",
	"clusterName":                     "environment.name",
	"tenantId":                        "entra.tenantId",
	"adminGroupObjectIds":             "entra.adminGroupObjectIds",
	"kubernetesVersion":               "cluster.kubernetesVersion",
	"skuTier":                         "cluster.skuTier",
	"privateDnsZoneId":                "network.privateDnsZones.clusterZoneId",
	"networkDataplane":                "cluster.networkDataplane",
	"networkPolicy":                   "cluster.networkPolicy",
	"serviceCidr":                     "cluster.serviceCidr",
	"podCidr":                         "cluster.podCidr",
	"dnsServiceIp":                    "cluster.dnsServiceIp",
	"outboundType":                    "cluster.outboundType",
	"upgradeChannel":                  "cluster.upgradeChannel",
	"nodeOsUpgradeChannel":            "cluster.nodeOsUpgradeChannel",
	"nodeOsMaintenanceWindow":         "cluster.maintenanceWindow",
	"clusterUpgradeMaintenanceWindow": "cluster.maintenanceWindow",
	"secretRotationPollInterval":      "cluster.secretRotationInterval",
	"podSecurity":                     "cluster.podSecurity",
	"auditLogCategories":              "cluster.auditLogCategories",
	"systemPool":                      "cluster.systemPool",
	"userPools":                       "cluster.userPools",
}

// ClusterArgs are the cluster component's arguments that the configuration sets. The caller adds the Inputs from
// other components: resource group, node subnet, workspace, a created private DNS zone, role assignments, tags.
func (c *Config) ClusterArgs() *cluster.ClusterArgs {
	cl := c.Cluster
	window := cluster.MaintenanceWindow(cl.MaintenanceWindow)
	args := &cluster.ClusterArgs{
		Location:                c.Environment.Location,
		ClusterName:             c.Names.Cluster,
		TenantID:                c.Entra.TenantID,
		KubernetesVersion:       cl.KubernetesVersion,
		SkuTier:                 cl.SkuTier,
		AdminGroupObjectIDs:     c.Entra.AdminGroupObjectIDs,
		NetworkDataplane:        cl.NetworkDataplane,
		NetworkPolicy:           cl.NetworkPolicy,
		ServiceCIDR:             cl.ServiceCIDR,
		PodCIDR:                 cl.PodCIDR,
		DNSServiceIP:            cl.DNSServiceIP,
		OutboundType:            cl.OutboundType,
		UpgradeChannel:          cl.UpgradeChannel,
		NodeOSUpgradeChannel:    cl.NodeOSUpgradeChannel,
		NodeOSMaintenanceWindow: window,
		// Cluster upgrades share the node OS window, so nothing restarts nodes outside it.
		ClusterUpgradeMaintenanceWindow: &window,
		SecretRotationPollInterval:      cl.SecretRotationInterval,
		PodSecurity:                     cl.PodSecurity,
		AuditLogCategories:              cl.AuditLogCategories,
		SystemPool:                      cl.SystemPool.args(),
	}
	for _, p := range cl.UserPools {
		args.UserPools = append(args.UserPools, p.args())
	}
	if id := c.Network.PrivateDNSZones.ClusterZoneID; id != "" && cl.PrivateDNSZone == PrivateDNSZoneCustom {
		args.PrivateDNSZoneID = pulumi.String(id)
	}
	return args
}

func (p NodePool) args() cluster.NodePool {
	return cluster.NodePool{Name: p.Name, VMSize: p.VMSize, MinCount: p.MinCount, MaxCount: p.MaxCount, OSDiskType: p.OSDiskType,
		OSDiskSizeGB: p.OSDiskSizeGB, MaxSurge: p.MaxSurge, Zones: p.Zones, MaxPods: p.MaxPods, Labels: p.Labels, Taints: p.Taints}
}
