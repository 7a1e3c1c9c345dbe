package config

import (
	"errors"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/validation"
)

// The components are the API and own every rule about their arguments. Config maps its keys onto their arguments
// (the plain values; stacks adds the Inputs that wire one component to another), asks each component to validate
// them, and reports each problem at the key it came from.

// argumentKeys turns a component's argument paths into configuration keys: the longest leading part of a path that
// is in the table names the key, and the rest of the path (".vmSize", "[1].zones") is kept.
type argumentKeys map[string]string

func (keys argumentKeys) key(path string) (string, bool) {
	for head := path; head != ""; {
		if key, ok := keys[head]; ok {
			return key + path[len(head):], true
		}
		i := strings.LastIndexAny(head, ".[")
		if i < 0 {
			break
		}
		head = head[:i]
	}
	return "", false
}

// reportedByConfig maps the arguments config derives from keys it checks itself; their problems are not repeated.
const reportedByConfig = "-"

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
		key, ok := keys.key(p.Path)
		if strings.HasPrefix(key, reportedByConfig) {
			continue
		}
		if !ok {
			// Every argument config fills is in its table (TestEveryArgumentProblemIsReportedAtAKey); this keeps
			// a missed one visible rather than silent.
			key = invalid.Component + "." + p.Path
		}
		if other, ok := keys.key(p.Other); ok {
			p.Problem = strings.Replace(p.Problem, p.Other, other, 1)
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
	// The Entra group grants: config checks the entra keys they come from itself.
	"roleAssignments": reportedByConfig,
}

// ClusterArgs are the cluster component's arguments that the configuration sets. The caller adds the Inputs from
// other components: resource group, node subnet, workspace, a created private DNS zone, role assignments, tags.
func (c *Config) ClusterArgs() *cluster.ClusterArgs {
	cl := c.Cluster
	window := cluster.MaintenanceWindow(cl.MaintenanceWindow)
	args := &cluster.ClusterArgs{
		Location:                pulumi.String(c.Environment.Location),
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
		NodeOSMaintenanceWindow: &window,
		// Cluster upgrades share the node OS window, so nothing restarts nodes outside it.
		ClusterUpgradeMaintenanceWindow: &window,
		SecretRotationPollInterval:      cl.SecretRotationInterval,
		PodSecurity:                     cl.PodSecurity,
		AuditLogCategories:              cl.AuditLogCategories,
		SystemPool:                      cl.SystemPool.args(),
		RoleAssignments:                 c.Entra.clusterRoleAssignments(),
	}
	for _, p := range cl.UserPools {
		args.UserPools = append(args.UserPools, p.args())
	}
	if id := c.Network.PrivateDNSZones.ClusterZoneID; id != "" && cl.PrivateDNSZone == PrivateDNSZoneCustom {
		args.PrivateDNSZoneID = pulumi.String(id)
	}
	return args
}

// clusterRoleAssignments grants the Entra groups their Azure RBAC roles on the cluster. Every group also gets the
// Cluster User Role, which lets it download the (Entra-only) kubeconfig; it is granted once per group even when a
// group is in several lists. Names carry the group's object ID, so reordering a list never recreates anything.
// https://learn.microsoft.com/azure/aks/manage-azure-rbac
func (e Entra) clusterRoleAssignments() []rbac.RoleAssignment {
	var out []rbac.RoleAssignment
	userGranted := map[string]bool{}
	grant := func(groups []string, label, role string, namespaces ...string) {
		for _, id := range groups {
			if len(namespaces) == 0 {
				out = append(out, rbac.RoleAssignment{Name: label + "-" + id, Role: role, PrincipalID: id, PrincipalType: rbac.PrincipalGroup})
			}
			for _, ns := range namespaces {
				out = append(out, rbac.RoleAssignment{Name: label + "-" + ns + "-" + id, Role: role, PrincipalID: id,
					PrincipalType: rbac.PrincipalGroup, Namespace: ns})
			}
			if !userGranted[id] {
				userGranted[id] = true
				out = append(out, rbac.RoleAssignment{Name: "cluster-user-" + id, Role: rbac.AKSClusterUser, PrincipalID: id,
					PrincipalType: rbac.PrincipalGroup})
			}
		}
	}
	grant(e.AdminGroupObjectIDs, "rbac-cluster-admin", rbac.AKSRBACClusterAdmin)
	grant(e.WriterGroupObjectIDs, "rbac-writer", rbac.AKSRBACWriter, e.WriterNamespaces...)
	grant(e.ReaderGroupObjectIDs, "rbac-reader", rbac.AKSRBACReader)
	return out
}

func (p NodePool) args() cluster.NodePool {
	return cluster.NodePool{Name: p.Name, VMSize: p.VMSize, MinCount: p.MinCount, MaxCount: p.MaxCount, OSDiskType: p.OSDiskType,
		OSDiskSizeGB: p.OSDiskSizeGB, MaxSurge: p.MaxSurge, Zones: p.Zones, MaxPods: p.MaxPods, Labels: p.Labels, Taints: p.Taints}
}

// networkKeys are the keys of the network component's arguments.
var networkKeys = argumentKeys{
	"location":                    "environment.location",
	"virtualNetworkName":          "environment.name",
	"addressSpace":                "network.addressSpace",
	"nodeSubnetPrefix":            "network.subnets.nodes",
	"privateEndpointSubnetPrefix": "network.subnets.privateEndpoints",
	"bastionSubnetPrefix":         "network.subnets.bastion",
	"buildAgentSubnetPrefix":      "network.subnets.buildAgents",
	"firewallSubnetPrefix":        "network.subnets.firewall",
	"natGateway":                  "network.natGateway",
	"natGateway.zones":            "environment.availabilityZones",
	"firewall":                    "network.firewall",
	"firewall.zones":              "environment.availabilityZones",
	"hubFirewallPrivateIp":        "network.hubFirewall.privateIp",
}

// NetworkArgs are the network component's arguments that the configuration sets. The caller adds the resource
// group, the workspace the firewall logs to, and tags. The egress is decided here, once: the NAT gateway, hardaks's
// firewall or the hub's.
func (c *Config) NetworkArgs() *network.NetworkArgs {
	n := c.Network
	args := &network.NetworkArgs{
		Location:                    pulumi.String(c.Environment.Location),
		VirtualNetworkName:          c.Names.VirtualNetwork,
		AddressSpace:                n.AddressSpace,
		NodeSubnetPrefix:            n.Subnets.Nodes,
		PrivateEndpointSubnetPrefix: n.Subnets.PrivateEndpoints,
		BastionSubnetPrefix:         n.Subnets.Bastion,
		BuildAgentSubnetPrefix:      n.Subnets.BuildAgents,
	}
	if n.NatGateway.Enabled && n.Egress == EgressNatGateway {
		args.NatGateway = &network.NatGateway{
			IdleTimeoutMinutes:   n.NatGateway.IdleTimeoutMinutes,
			PublicIPPrefixLength: n.NatGateway.PublicIPPrefixLength,
			// A Standard NAT gateway is zonal (one zone or none), so it takes the first of the environment's zones.
			// https://learn.microsoft.com/azure/nat-gateway/nat-availability-zones
			Zones: c.Environment.AvailabilityZones[:min(1, len(c.Environment.AvailabilityZones))],
		}
	}
	switch n.Egress {
	case EgressFirewall:
		args.FirewallSubnetPrefix = n.Subnets.Firewall
		args.Firewall = &network.Firewall{Sku: n.Firewall.Sku, Zones: c.Environment.AvailabilityZones}
		if c.BuildAgent.Enabled {
			args.Firewall.BuildAgentRules = buildagent.EgressEndpoints(c.BuildAgent.CI.System)
		}
	case EgressHubFirewall:
		args.HubFirewallPrivateIP = n.HubFirewall.PrivateIP
	}
	return args
}

// monitoringKeys are the keys of the monitoring component's arguments.
var monitoringKeys = argumentKeys{
	"location":        "environment.location",
	"workspaceName":   "environment.name",
	"retentionInDays": "monitoring.retentionInDays",
}

// MonitoringArgs are the monitoring component's arguments that the configuration sets. The caller adds the resource
// group and tags.
func (c *Config) MonitoringArgs() *monitoring.MonitoringArgs {
	return &monitoring.MonitoringArgs{
		Location:        pulumi.String(c.Environment.Location),
		WorkspaceName:   c.Names.Workspace,
		RetentionInDays: c.Monitoring.RetentionInDays,
	}
}

// bastionKeys are the keys of the Bastion component's arguments.
var bastionKeys = argumentKeys{
	"location":         "environment.location",
	"bastionName":      "environment.name",
	"sku":              "bastion.sku",
	"enableIpConnect":  "bastion.ipConnect",
	"disableCopyPaste": "bastion.copyPaste",
	"scaleUnits":       "bastion.scaleUnits",
	"zones":            "environment.availabilityZones",
}

// BastionArgs are the Bastion component's arguments that the configuration sets. The caller adds the resource
// group, the AzureBastionSubnet, the workspace and tags.
func (c *Config) BastionArgs() *bastion.BastionArgs {
	b := c.Bastion
	return &bastion.BastionArgs{
		Location:         pulumi.String(c.Environment.Location),
		BastionName:      c.Names.Bastion,
		Sku:              b.Sku,
		EnableIPConnect:  b.IPConnect,
		DisableCopyPaste: !b.CopyPaste,
		ScaleUnits:       b.ScaleUnits,
		Zones:            c.Environment.AvailabilityZones,
	}
}
