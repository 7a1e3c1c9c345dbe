package config_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/offline"
)

type change = func(*config.Config)

func fe(key string, value any, problem, fix string) config.FieldError {
	return config.FieldError{Key: key, Value: value, Problem: problem, Fix: fix}
}

func systemPool(f func(*config.NodePool)) change {
	return func(c *config.Config) { f(&c.Cluster.SystemPool) }
}

func userPool(f func(*config.NodePool)) change {
	return func(c *config.Config) { f(&c.Cluster.UserPools[0]) }
}

func agent(f func(*config.BuildAgent)) change {
	return func(c *config.Config) { f(&c.BuildAgent) }
}

func workload(f func(*config.Workload)) change {
	return func(c *config.Config) { f(&c.Workloads[0]) }
}

// inRegionWithoutZones moves the environment to a region without zones and drops what derived from zones.
func inRegionWithoutZones(c *config.Config) {
	c.Environment.Location = "westcentralus"
	c.Environment.AvailabilityZones = nil
	c.Cluster.SystemPool.Zones = nil
	c.Cluster.UserPools[0].Zones = nil
	c.Registry.ZoneRedundancy = false
}

// withPodRoom gives the pods a /10 (16384 node ranges), so large pools test only the rule at hand.
func withPodRoom(c *config.Config) { c.Cluster.PodCIDR = "100.64.0.0/10" }

const (
	cidrRequired   = "set an IPv4 CIDR such as 10.40.0.0/22"
	notCIDR        = "write it as address/prefix-length, e.g. 10.40.0.0/22"
	envNameProblem = "must be 2–10 lowercase letters and digits, starting with a letter (it is part of every Azure name)"
	rgProblem      = "must be 1–90 letters, digits, '-', '_', '.', '(' or ')' and not end in '.'"
	rgFix          = "choose a valid name or remove the key for rg-hardaks-<name>"
	zonesProblem   = `availability zones are "1", "2" and "3"`
	zonesFix       = `list a subset of ["1","2","3"]`
	noZonesFix     = "remove the zones or choose a region with zones"
	tagProblem     = "tag names are at most 512 characters without <>%&\\?/ and values at most 256"
	groupProblem   = "is not a group object ID (a GUID)"
	groupFix       = "use `az ad group show -g <name> --query id -o tsv`"
	natIdleProblem = "must be 4–120 minutes"
	zoneIDProblem  = "is not a private DNS zone resource ID"
	zoneIDPrefix   = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/"
	zoneIDFix      = "use /subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/"
	privateZoneFix = "use system (default), create or custom"
	dnsTakenFix    = "use the service CIDR's .10"
	dnsTaken       = "the service CIDR's network address and first address are taken (kubernetes.default uses the first)"
	ciliumProblem  = "the Cilium dataplane enforces network policy itself and accepts only networkPolicy cilium"
	ciliumFix      = "remove networkPolicy, or set networkDataplane: azure to choose azure or calico"
	azurePolicy    = "with the azure dataplane the network policy engine must be azure or calico (none leaves pods unrestricted)"
	rangeFix       = "set 1 <= minCount <= maxCount <= 1000"
	userRangeFix   = "set 0 <= minCount <= maxCount <= 1000"
	osDiskTypeFix  = "use Managed, or Ephemeral where the VM size's cache or temp disk holds the OS disk"
	poolNameRule   = "Linux node pool names are 1–12 lowercase letters and digits, starting with a letter"
	ephemeralFix   = "use Managed, a smaller osDiskSizeGb, or a size with a larger cache or temp disk"
	surgeProblem   = "must be a node count or a percentage from 1% to 100%"
	maxPodsProblem = "Azure CNI overlay allows 10–250 pods per node"
	requireZones   = "region westeurope has availability zones and cluster.requireZones is true"
	requireZoneFix = `list zones such as ["1","2","3"], or set cluster.requireZones to false`
	registryName   = "registry names are 5–50 letters and digits, globally unique"
	derivedNameFix = "choose another name or remove the key for the derived one"
	vaultName      = "vault names are 3–24 letters, digits and hyphens, start with a letter, end with a letter or digit, no \"--\""
	objectName     = "Key Vault secret names are 1–127 letters, digits and hyphens"
	retention      = "Log Analytics keeps data 30–730 days"
	scaleUnits     = "Standard and Premium Bastion take 2–50 scale units"
	sshFix         = "paste one line of an ssh-ed25519 public key (ssh-keygen -t ed25519) or an ssh-rsa key of at least 3072 bits"
	labelProblem   = "runner labels are non-empty words without commas or spaces"
	workloadName   = "must be a DNS label (lowercase letters, digits and hyphens) of at most 60 characters, so that the SecretProviderClass <name>-kv is one"
	objectProblem  = "Key Vault object names are 1-127 letters, digits and hyphens"
	objectFix      = "use the object's name in the vault"
	auditFix       = "use one of kube-apiserver, kube-audit, kube-audit-admin, kube-controller-manager, kube-scheduler, cluster-autoscaler, " +
		"cloud-controller-manager, guard, csi-azuredisk-controller, csi-azurefile-controller, csi-snapshot-controller"
)

type validationCase struct {
	name    string
	changes []change
	want    []config.FieldError // nil: the configuration is valid
	skip    string
}

func TestTheDevStackIsValid(t *testing.T) {
	assert.NoError(t, valid(t).Validate())
}

func TestValidateReportsEveryRule(t *testing.T) {
	ed25519 := sshKey(t, "ed25519.pub")
	rsa2048 := sshKey(t, "rsa2048.pub")
	rsa3072 := sshKey(t, "rsa3072.pub")
	ecdsa := sshKey(t, "ecdsa.pub")
	twoKeys := ed25519 + "\n" + devSSHKey

	cases := []validationCase{
		// environment
		{name: "an environment name with capitals", changes: []change{func(c *config.Config) { c.Environment.Name = "Dev" }},
			want: []config.FieldError{fe("environment.name", "Dev", envNameProblem, "set hardaks:environment.name, e.g. dev")}},
		{name: "an environment name of one letter", changes: []change{func(c *config.Config) { c.Environment.Name = "d" }},
			want: []config.FieldError{fe("environment.name", "d", envNameProblem, "set hardaks:environment.name, e.g. dev")}},
		{name: "an environment name of eleven characters", changes: []change{func(c *config.Config) { c.Environment.Name = "development" }},
			want: []config.FieldError{fe("environment.name", "development", envNameProblem, "set hardaks:environment.name, e.g. dev")}},
		{name: "an environment name with a hyphen", changes: []change{func(c *config.Config) { c.Environment.Name = "dev-1" }},
			want: []config.FieldError{fe("environment.name", "dev-1", envNameProblem, "set hardaks:environment.name, e.g. dev")}},
		{name: "a missing location", changes: []change{func(c *config.Config) { c.Environment.Location = ""; c.Registry.ZoneRedundancy = false }},
			want: []config.FieldError{fe("environment.location", nil, "is required", "set an Azure region, e.g. westeurope")}},
		{name: "a missing location is the only problem reported, though the registry is zone-redundant",
			changes: []change{func(c *config.Config) { c.Environment.Location = ""; c.Registry.ZoneRedundancy = true }},
			want:    []config.FieldError{fe("environment.location", nil, "is required", "set an Azure region, e.g. westeurope")}},
		{name: "a display name instead of a region name", changes: []change{inRegionWithoutZones, func(c *config.Config) { c.Environment.Location = "West Europe" }},
			want: []config.FieldError{fe("environment.location", "West Europe", "is not an Azure region name",
				"use the lowercase name `az account list-locations -o table` prints, e.g. westeurope")}},
		{name: "a resource group name with a space", changes: []change{func(c *config.Config) { c.Environment.ResourceGroupName = "rg hardaks" }},
			want: []config.FieldError{fe("environment.resourceGroupName", "rg hardaks", rgProblem, rgFix)}},
		{name: "a resource group name ending in a dot", changes: []change{func(c *config.Config) { c.Environment.ResourceGroupName = "rg-hardaks-dev." }},
			want: []config.FieldError{fe("environment.resourceGroupName", "rg-hardaks-dev.", rgProblem, rgFix)}},
		{name: "a resource group name of 91 characters", changes: []change{func(c *config.Config) { c.Environment.ResourceGroupName = strings.Repeat("r", 91) }},
			want: []config.FieldError{fe("environment.resourceGroupName", strings.Repeat("r", 91), rgProblem, rgFix)}},
		{name: "an empty resource group name", changes: []change{func(c *config.Config) { c.Environment.ResourceGroupName = "" }},
			want: []config.FieldError{fe("environment.resourceGroupName", "", rgProblem, rgFix)}},
		{name: "a resource group name of 90 characters with every allowed character",
			changes: []change{func(c *config.Config) { c.Environment.ResourceGroupName = "rg-a_b.c(d)" + strings.Repeat("x", 79) }}},
		{name: "an availability zone 4", changes: []change{func(c *config.Config) { c.Environment.AvailabilityZones = []string{"1", "4"} }},
			want: []config.FieldError{fe("environment.availabilityZones", []string{"1", "4"}, zonesProblem, zonesFix)}},
		{name: "zones in a region without zones",
			changes: []change{inRegionWithoutZones, func(c *config.Config) { c.Environment.AvailabilityZones = []string{"1", "2", "3"} }},
			want: []config.FieldError{fe("environment.availabilityZones", []string{"1", "2", "3"},
				"region westcentralus has no availability zones", noZonesFix)}},
		{name: "a region without zones and no zones", changes: []change{inRegionWithoutZones}},
		{name: "a tag name with a slash", changes: []change{func(c *config.Config) { c.Environment.Tags["team/owner"] = "platform" }},
			want: []config.FieldError{fe("environment.tags.team/owner", "platform", tagProblem, "shorten or rename the tag")}},
		{name: "a tag name of 513 characters", changes: []change{func(c *config.Config) { c.Environment.Tags[strings.Repeat("t", 513)] = "v" }},
			want: []config.FieldError{fe("environment.tags."+strings.Repeat("t", 513), "v", tagProblem, "shorten or rename the tag")}},
		{name: "a tag value of 257 characters", changes: []change{func(c *config.Config) { c.Environment.Tags["note"] = strings.Repeat("v", 257) }},
			want: []config.FieldError{fe("environment.tags.note", strings.Repeat("v", 257), tagProblem, "shorten or rename the tag")}},
		{name: "a tag at the limits", changes: []change{func(c *config.Config) { c.Environment.Tags[strings.Repeat("t", 512)] = strings.Repeat("v", 256) }}},

		// entra
		{name: "no tenant", changes: []change{func(c *config.Config) { c.Entra.TenantID = "" }},
			want: []config.FieldError{fe("entra.tenantId", nil, "must be the Entra tenant ID, a GUID",
				"set it to the output of `az account show --query tenantId -o tsv`")}},
		{name: "a tenant that is not a GUID", changes: []change{func(c *config.Config) { c.Entra.TenantID = "contoso.onmicrosoft.com" }},
			want: []config.FieldError{fe("entra.tenantId", "contoso.onmicrosoft.com", "must be the Entra tenant ID, a GUID",
				"set it to the output of `az account show --query tenantId -o tsv`")}},
		{name: "no admin group", changes: []change{func(c *config.Config) { c.Entra.AdminGroupObjectIDs = nil }},
			want: []config.FieldError{fe("entra.adminGroupObjectIds", nil,
				"at least one admin group is required: local accounts are disabled, so nobody could administer the cluster",
				"list the object ID of an Entra group, e.g. from `az ad group show -g <name> --query id -o tsv`")}},
		{name: "an admin group given by name", changes: []change{func(c *config.Config) { c.Entra.AdminGroupObjectIDs = []string{devAdmins, "aks-admins"} }},
			want: []config.FieldError{fe("entra.adminGroupObjectIds[1]", "aks-admins", groupProblem, groupFix)}},
		{name: "a reader group that is not a GUID", changes: []change{func(c *config.Config) { c.Entra.ReaderGroupObjectIDs = []string{"{" + otherGUID + "}"} }},
			want: []config.FieldError{fe("entra.readerGroupObjectIds[0]", "{"+otherGUID+"}", groupProblem, groupFix)}},
		{name: "a writer group that is not a GUID", changes: []change{func(c *config.Config) {
			c.Entra.WriterGroupObjectIDs = []string{otherGUID, strings.ReplaceAll(otherGUID, "-", "")}
		}},
			want: []config.FieldError{fe("entra.writerGroupObjectIds[1]", strings.ReplaceAll(otherGUID, "-", ""), groupProblem, groupFix)}},
		{name: "a writer namespace that is not a DNS label", changes: []change{func(c *config.Config) { c.Entra.WriterNamespaces = []string{"web", "Web_2"} }},
			want: []config.FieldError{fe("entra.writerNamespaces[1]", "Web_2", "must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens)", "list each namespace once")}},
		{name: "no reader or writer groups", changes: []change{func(c *config.Config) { c.Entra.ReaderGroupObjectIDs = nil; c.Entra.WriterGroupObjectIDs = nil }}},

		// network: CIDR parsing
		{name: "a missing address space", changes: []change{func(c *config.Config) { c.Network.AddressSpace = "" }},
			want: []config.FieldError{fe("network.addressSpace", nil, "is required", cidrRequired)}},
		{name: "a prefix length of 33", changes: []change{func(c *config.Config) { c.Network.AddressSpace = "10.40.0.0/33" }},
			want: []config.FieldError{fe("network.addressSpace", "10.40.0.0/33", "is not an IPv4 CIDR", notCIDR)}},
		{name: "an IPv6 address space", changes: []change{func(c *config.Config) { c.Network.AddressSpace = "fd00:40::/48" }},
			want: []config.FieldError{fe("network.addressSpace", "fd00:40::/48", "is not an IPv4 CIDR", notCIDR)}},
		{name: "an address without a prefix length", changes: []change{func(c *config.Config) { c.Network.Subnets.PrivateEndpoints = "10.40.4.0" }},
			want: []config.FieldError{fe("network.subnets.privateEndpoints", "10.40.4.0", "is not an IPv4 CIDR", notCIDR)}},
		{name: "an address space with host bits", changes: []change{func(c *config.Config) { c.Network.AddressSpace = "10.40.1.0/16" }},
			want: []config.FieldError{fe("network.addressSpace", "10.40.1.0/16", "has host bits set", "use 10.40.0.0/16")}},
		{name: "a subnet with host bits", changes: []change{func(c *config.Config) { c.Network.Subnets.Bastion = "10.40.5.1/26" }},
			want: []config.FieldError{fe("network.subnets.bastion", "10.40.5.1/26", "has host bits set", "use 10.40.5.0/26")}},
		{name: "a small node subnet with host bits is reported once, not also as too small",
			changes: []change{func(c *config.Config) { c.Network.Subnets.Nodes = "10.40.0.1/28" }},
			want:    []config.FieldError{fe("network.subnets.nodes", "10.40.0.1/28", "has host bits set", "use 10.40.0.0/28")}},
		{name: "a service CIDR with host bits inside the VNet is reported once, not also as overlapping",
			changes: []change{func(c *config.Config) { c.Cluster.ServiceCIDR = "10.40.0.1/16" }},
			want:    []config.FieldError{fe("cluster.serviceCidr", "10.40.0.1/16", "has host bits set", "use 10.40.0.0/16")}},
		{name: "a missing subnet", changes: []change{func(c *config.Config) { c.Network.Subnets.Nodes = "" }},
			want: []config.FieldError{fe("network.subnets.nodes", nil, "is required", cidrRequired)}},

		// network: address plan
		{name: "a subnet outside the VNet", changes: []change{func(c *config.Config) { c.Network.Subnets.BuildAgents = "10.41.6.0/27" }},
			want: []config.FieldError{fe("network.subnets.buildAgents", "10.41.6.0/27", "lies outside the VNet address space 10.40.0.0/16", "choose a prefix inside 10.40.0.0/16")}},
		{name: "a subnet larger than the VNet", changes: []change{func(c *config.Config) { c.Network.Subnets.Nodes = "10.0.0.0/8" }},
			want: []config.FieldError{
				fe("network.subnets.nodes", "10.0.0.0/8", "lies outside the VNet address space 10.40.0.0/16", "choose a prefix inside 10.40.0.0/16"),
				fe("network.subnets.privateEndpoints", "10.40.4.0/24", "overlaps network.subnets.nodes (10.0.0.0/8)", "give every subnet its own range"),
				fe("network.subnets.bastion", "10.40.5.0/26", "overlaps network.subnets.nodes (10.0.0.0/8)", "give every subnet its own range"),
				fe("network.subnets.buildAgents", "10.40.6.0/27", "overlaps network.subnets.nodes (10.0.0.0/8)", "give every subnet its own range"),
			}},
		{name: "overlapping subnets", changes: []change{func(c *config.Config) { c.Network.Subnets.PrivateEndpoints = "10.40.2.0/24" }},
			want: []config.FieldError{fe("network.subnets.privateEndpoints", "10.40.2.0/24", "overlaps network.subnets.nodes (10.40.0.0/22)", "give every subnet its own range")}},
		{name: "a bastion subnet smaller than /26", changes: []change{func(c *config.Config) { c.Network.Subnets.Bastion = "10.40.5.0/27" }},
			want: []config.FieldError{fe("network.subnets.bastion", "10.40.5.0/27", "AzureBastionSubnet must be /26 or larger", "use a /26 such as 10.40.5.0/26")}},
		{name: "a /25 bastion subnet", changes: []change{func(c *config.Config) { c.Network.Subnets.Bastion = "10.40.5.0/25" }}},
		{name: "a node subnet too small for the pools and their surge", changes: []change{func(c *config.Config) { c.Network.Subnets.Nodes = "10.40.0.0/29" }},
			// system 3 + ceil(33% of 3) + apps 5 + ceil(33% of 5) + 5 reserved = 16
			want: []config.FieldError{fe("network.subnets.nodes", "10.40.0.0/29",
				"holds 8 addresses but the node pools need 16 (maxCount plus upgrade surge of every pool, plus Azure's 5 reserved addresses)",
				"use a larger prefix or lower the pools' maxCount")}},
		{name: "a node subnet exactly large enough", changes: []change{func(c *config.Config) { c.Network.Subnets.Nodes = "10.40.0.0/28" }}},
		{name: "a surge given as a node count counts in full", changes: []change{
			func(c *config.Config) { c.Network.Subnets.Nodes = "10.40.0.0/28" }, userPool(func(p *config.NodePool) { p.MaxSurge = "3" })},
			want: []config.FieldError{fe("network.subnets.nodes", "10.40.0.0/28",
				"holds 16 addresses but the node pools need 17 (maxCount plus upgrade surge of every pool, plus Azure's 5 reserved addresses)",
				"use a larger prefix or lower the pools' maxCount")}},
		{name: "a build agent subnet too small for the agents", changes: []change{
			func(c *config.Config) { c.Network.Subnets.BuildAgents = "10.40.6.0/29" }, agent(func(b *config.BuildAgent) { b.Count = 4 })},
			want: []config.FieldError{fe("network.subnets.buildAgents", "10.40.6.0/29",
				"holds 8 addresses but 4 agents need 9 (Azure reserves 5 per subnet)", "use a larger prefix or fewer agents")}},
		{name: "a build agent subnet exactly large enough", changes: []change{
			func(c *config.Config) { c.Network.Subnets.BuildAgents = "10.40.6.0/29" }, agent(func(b *config.BuildAgent) { b.Count = 3 })}},
		{name: "a small build agent subnet without build agents", changes: []change{
			// A /29 is Azure's smallest subnet; ten agents would need 15 addresses, but none run.
			func(c *config.Config) { c.Network.Subnets.BuildAgents = "10.40.6.0/29" }, agent(func(b *config.BuildAgent) { b.Enabled = false; b.Count = 10 })}},
		{name: "a build agent subnet smaller than Azure allows", changes: []change{
			func(c *config.Config) { c.Network.Subnets.BuildAgents = "10.40.6.0/30" }, agent(func(b *config.BuildAgent) { b.Enabled = false })},
			want: []config.FieldError{fe("network.subnets.buildAgents", "10.40.6.0/30", "is smaller than /29, the smallest subnet Azure allows", "use a /29 or larger prefix")}},

		// network: NAT gateway
		{name: "a NAT idle timeout of 3 minutes", changes: []change{func(c *config.Config) { c.Network.NatGateway.IdleTimeoutMinutes = 3 }},
			want: []config.FieldError{fe("network.natGateway.idleTimeoutMinutes", 3, natIdleProblem, "set a value between 4 and 120")}},
		{name: "a NAT idle timeout of 121 minutes", changes: []change{func(c *config.Config) { c.Network.NatGateway.IdleTimeoutMinutes = 121 }},
			want: []config.FieldError{fe("network.natGateway.idleTimeoutMinutes", 121, natIdleProblem, "set a value between 4 and 120")}},
		{name: "a NAT idle timeout of 120 minutes", changes: []change{func(c *config.Config) { c.Network.NatGateway.IdleTimeoutMinutes = 120 }}},
		{name: "a /27 NAT public IP prefix", changes: []change{func(c *config.Config) { c.Network.NatGateway.PublicIPPrefixLength = 27 }},
			want: []config.FieldError{fe("network.natGateway.publicIpPrefixLength", 27, "a NAT gateway takes a /28 to /31 public IP prefix", "set 28, 29, 30 or 31")}},
		{name: "a /32 NAT public IP prefix", changes: []change{func(c *config.Config) { c.Network.NatGateway.PublicIPPrefixLength = 32 }},
			want: []config.FieldError{fe("network.natGateway.publicIpPrefixLength", 32, "a NAT gateway takes a /28 to /31 public IP prefix", "set 28, 29, 30 or 31")}},
		{name: "NAT settings are not checked without a NAT gateway", changes: []change{func(c *config.Config) {
			c.Network.NatGateway = config.NatGateway{Enabled: false, IdleTimeoutMinutes: 0, PublicIPPrefixLength: 0}
			c.Cluster.OutboundType = "loadBalancer"
			c.BuildAgent.Enabled = false
		}}},

		// network: existing private DNS zones
		{name: "a registry zone given by name instead of ID", changes: []change{func(c *config.Config) { c.Network.PrivateDNSZones.RegistryZoneID = "privatelink.azurecr.io" }},
			want: []config.FieldError{fe("network.privateDnsZones.registryZoneId", "privatelink.azurecr.io", zoneIDProblem, zoneIDFix+"privatelink.azurecr.io")}},
		{name: "a vault zone ID of the registry zone", changes: []change{func(c *config.Config) {
			c.Network.PrivateDNSZones.KeyVaultZoneID = zoneIDPrefix + "privatelink.azurecr.io"
		}},
			want: []config.FieldError{fe("network.privateDnsZones.keyVaultZoneId", zoneIDPrefix+"privatelink.azurecr.io",
				"names zone privatelink.azurecr.io, but this service resolves through privatelink.vaultcore.azure.net",
				"point it at the privatelink.vaultcore.azure.net zone")}},
		{name: "a vault zone ID of a virtual network", changes: []change{func(c *config.Config) {
			c.Network.PrivateDNSZones.KeyVaultZoneID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet"
		}},
			want: []config.FieldError{fe("network.privateDnsZones.keyVaultZoneId",
				"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet",
				zoneIDProblem, zoneIDFix+"privatelink.vaultcore.azure.net")}},
		{name: "a cluster zone of another region", changes: []change{func(c *config.Config) {
			c.Cluster.PrivateDNSZone = "custom"
			c.Network.PrivateDNSZones.ClusterZoneID = zoneIDPrefix + "privatelink.northeurope.azmk8s.io"
		}},
			want: []config.FieldError{fe("network.privateDnsZones.clusterZoneId", zoneIDPrefix+"privatelink.northeurope.azmk8s.io",
				"names zone privatelink.northeurope.azmk8s.io, but this service resolves through privatelink.westeurope.azmk8s.io",
				"point it at the privatelink.westeurope.azmk8s.io zone")}},
		{name: "existing zones of the right names, the cluster one a subzone", changes: []change{func(c *config.Config) {
			c.Cluster.PrivateDNSZone = "custom"
			c.Network.PrivateDNSZones = config.PrivateDNSZones{
				RegistryZoneID: zoneIDPrefix + "privatelink.azurecr.io",
				KeyVaultZoneID: zoneIDPrefix + "privatelink.vaultcore.azure.net",
				ClusterZoneID:  zoneIDPrefix + "hardaks.privatelink.westeurope.azmk8s.io",
			}
		}}},

		// cluster
		{name: "a Kubernetes version with a v", changes: []change{func(c *config.Config) { c.Cluster.KubernetesVersion = "v1.33" }},
			want: []config.FieldError{fe("cluster.kubernetesVersion", "v1.33", "must be MAJOR.MINOR or MAJOR.MINOR.PATCH",
				"use a version from `az aks get-versions -l westeurope -o table`, e.g. 1.33, or remove it for the AKS default")}},
		{name: "a Kubernetes version with a patch on the patch channel", changes: []change{func(c *config.Config) { c.Cluster.KubernetesVersion = "1.33.2" }},
			want: []config.FieldError{fe("cluster.kubernetesVersion", "1.33.2", "the patch channel moves to newer patches, so a pinned patch would soon be a downgrade",
				"give MAJOR.MINOR only, e.g. 1.33")}},
		{name: "the node-image channel, which the pack denies", changes: []change{func(c *config.Config) {
			c.Cluster.KubernetesVersion = ""
			c.Cluster.UpgradeChannel = "node-image"
		}},
			want: []config.FieldError{fe("cluster.upgradeChannel", "node-image", "never upgrades Kubernetes itself, so the cluster would fall out of support",
				"use patch (default); nodeOsUpgradeChannel NodeImage keeps node images current")}},
		{name: "a pinned Kubernetes version on the stable channel", changes: []change{func(c *config.Config) {
			c.Cluster.UpgradeChannel = "stable"
			c.Cluster.KubernetesVersion = "1.33"
		}},
			want: []config.FieldError{fe("cluster.kubernetesVersion", "1.33", "the stable channel upgrades minor versions, so a pinned version would soon be a downgrade",
				"remove kubernetesVersion, or use upgradeChannel patch")}},
		{name: "a pinned Kubernetes patch on the rapid channel", changes: []change{func(c *config.Config) {
			c.Cluster.UpgradeChannel = "rapid"
			c.Cluster.KubernetesVersion = "1.33.2"
		}},
			want: []config.FieldError{fe("cluster.kubernetesVersion", "1.33.2", "the rapid channel upgrades minor versions, so a pinned version would soon be a downgrade",
				"remove kubernetesVersion, or use upgradeChannel patch")}},
		{name: "a malformed Kubernetes version on the stable channel is reported once", changes: []change{func(c *config.Config) {
			c.Cluster.UpgradeChannel = "stable"
			c.Cluster.KubernetesVersion = "latest"
		}},
			want: []config.FieldError{fe("cluster.kubernetesVersion", "latest", "must be MAJOR.MINOR or MAJOR.MINOR.PATCH",
				"use a version from `az aks get-versions -l westeurope -o table`, e.g. 1.33, or remove it for the AKS default")}},
		{name: "no Kubernetes version takes the AKS default", changes: []change{func(c *config.Config) { c.Cluster.KubernetesVersion = "" }}},
		{name: "the Free tier in production", changes: []change{func(c *config.Config) { c.Environment.Production = true }},
			want: []config.FieldError{fe("cluster.skuTier", "Free", "the Free tier has no uptime SLA and is not for production",
				"use Standard, or set environment.production to false")}},
		{name: "the Standard tier in production", changes: []change{func(c *config.Config) { c.Environment.Production = true; c.Cluster.SkuTier = "Standard" }}},
		{name: "an unknown tier", changes: []change{func(c *config.Config) { c.Cluster.SkuTier = "Basic" }},
			want: []config.FieldError{fe("cluster.skuTier", "Basic", "must be Standard or Free", "use Standard (Free for dev only)")}},
		{name: "a cluster zone ID with the system zone", changes: []change{func(c *config.Config) {
			c.Network.PrivateDNSZones.ClusterZoneID = zoneIDPrefix + "privatelink.westeurope.azmk8s.io"
		}},
			want: []config.FieldError{fe("network.privateDnsZones.clusterZoneId", zoneIDPrefix+"privatelink.westeurope.azmk8s.io",
				"is set but cluster.privateDnsZone is system", "set cluster.privateDnsZone to custom to use this zone, or remove the ID")}},
		{name: "a cluster zone ID with a created zone", changes: []change{func(c *config.Config) {
			c.Cluster.PrivateDNSZone = "create"
			c.Network.PrivateDNSZones.ClusterZoneID = zoneIDPrefix + "privatelink.westeurope.azmk8s.io"
		}},
			want: []config.FieldError{fe("network.privateDnsZones.clusterZoneId", zoneIDPrefix+"privatelink.westeurope.azmk8s.io",
				"is set but cluster.privateDnsZone is create", "set cluster.privateDnsZone to custom to use this zone, or remove the ID")}},
		{name: "a created cluster zone", changes: []change{func(c *config.Config) { c.Cluster.PrivateDNSZone = "create" }}},
		{name: "a custom cluster zone without its ID", changes: []change{func(c *config.Config) { c.Cluster.PrivateDNSZone = "custom" }},
			want: []config.FieldError{fe("cluster.privateDnsZone", "custom", "a custom private DNS zone needs the zone's resource ID",
				"set network.privateDnsZones.clusterZoneId, or use create to have hardaks create privatelink.westeurope.azmk8s.io")}},
		{name: "no private DNS zone", changes: []change{func(c *config.Config) { c.Cluster.PrivateDNSZone = "none" }},
			want: []config.FieldError{fe("cluster.privateDnsZone", "none", "none publishes the private API server address in public DNS", privateZoneFix)}},
		{name: "a private DNS zone mode in the wrong case", changes: []change{func(c *config.Config) { c.Cluster.PrivateDNSZone = "System" }},
			want: []config.FieldError{fe("cluster.privateDnsZone", "System", "must be system, create or custom", "use system (default)")}},

		// cluster: CIDRs
		{name: "an empty service CIDR is the cluster's default", changes: []change{func(c *config.Config) { c.Cluster.ServiceCIDR = "" }}},
		{name: "a pod CIDR with host bits", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "192.168.1.0/16" }},
			want: []config.FieldError{fe("cluster.podCidr", "192.168.1.0/16", "has host bits set", "use 192.168.0.0/16")}},
		{name: "a service CIDR inside the VNet", changes: []change{func(c *config.Config) {
			c.Cluster.ServiceCIDR = "10.40.128.0/17"
			c.Cluster.DNSServiceIP = "10.40.128.10"
		}},
			want: []config.FieldError{fe("cluster.serviceCidr", "10.40.128.0/17", "overlaps the VNet address space 10.40.0.0/16",
				"choose a range outside the VNet, e.g. 172.16.0.0/16")}},
		{name: "a pod CIDR around the VNet", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "10.0.0.0/8" }},
			want: []config.FieldError{fe("cluster.podCidr", "10.0.0.0/8", "overlaps the VNet address space 10.40.0.0/16",
				"choose a range outside the VNet, e.g. 192.168.0.0/16")}},
		{name: "a pod CIDR inside the service CIDR", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "172.16.128.0/17" }},
			want: []config.FieldError{fe("cluster.podCidr", "172.16.128.0/17", "overlaps serviceCidr 172.16.0.0/16", "give pods and services separate ranges")}},
		// Overlay gives every node a /24; the dev pools reach 3 + 1 (system) + 5 + 2 (apps, 33% surge) = 11 nodes.
		{name: "a /24 pod CIDR holds one node", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/24" }},
			want: []config.FieldError{fe("cluster.podCidr", "192.168.0.0/24",
				"holds 1 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 11 nodes", "use a /20 or larger range")}},
		{name: "a /25 pod CIDR holds no node", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/25" }},
			want: []config.FieldError{fe("cluster.podCidr", "192.168.0.0/25",
				"holds 0 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 11 nodes", "use a /20 or larger range")}},
		{name: "a /21 pod CIDR is too small for 11 nodes", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/21" }},
			want: []config.FieldError{fe("cluster.podCidr", "192.168.0.0/21",
				"holds 8 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 11 nodes", "use a /20 or larger range")}},
		{name: "a /20 pod CIDR holds 16 nodes", changes: []change{func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/20" }}},
		{name: "a /20 pod CIDR holds exactly the 16 nodes of the pools and their surge", changes: []change{
			func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/20" }, userPool(func(p *config.NodePool) { p.MaxCount = 9 })}},
		{name: "a /20 pod CIDR is one surge node short", changes: []change{
			func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/20" }, userPool(func(p *config.NodePool) { p.MaxCount = 10 })},
			// 3 + 1 (system) + 10 + 4 (apps, ceil(33% of 10)) = 18
			want: []config.FieldError{fe("cluster.podCidr", "192.168.0.0/20",
				"holds 16 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 18 nodes", "use a /19 or larger range")}},
		{name: "the default /16 pod CIDR holds 256 nodes", changes: []change{userPool(func(p *config.NodePool) { p.MaxCount = 189 })}},
		{name: "a service CIDR larger than /12", changes: []change{func(c *config.Config) {
			c.Cluster.ServiceCIDR = "100.0.0.0/11"
			c.Cluster.DNSServiceIP = "100.0.0.10"
		}},
			want: []config.FieldError{fe("cluster.serviceCidr", "100.0.0.0/11", "the service CIDR must be /12 or smaller", "use a /16 such as 172.16.0.0/16")}},
		{name: "a /12 service CIDR", changes: []change{func(c *config.Config) {
			c.Cluster.ServiceCIDR = "100.0.0.0/12"
			c.Cluster.DNSServiceIP = "100.0.0.10"
		}}},
		{name: "a service CIDR in a range AKS reserves", changes: []change{func(c *config.Config) {
			c.Cluster.ServiceCIDR = "172.31.0.0/16"
			c.Cluster.DNSServiceIP = "172.31.0.10"
		}},
			want: []config.FieldError{fe("cluster.serviceCidr", "172.31.0.0/16", "overlaps 172.31.0.0/16, which AKS reserves", "choose another range, e.g. 172.16.0.0/16")}},
		{name: "a service CIDR over two ranges AKS reserves", changes: []change{func(c *config.Config) {
			c.Cluster.ServiceCIDR = "172.30.0.0/15"
			c.Cluster.DNSServiceIP = "172.30.0.10"
		}},
			want: []config.FieldError{
				fe("cluster.serviceCidr", "172.30.0.0/15", "overlaps 172.30.0.0/16, which AKS reserves", "choose another range, e.g. 172.16.0.0/16"),
				fe("cluster.serviceCidr", "172.30.0.0/15", "overlaps 172.31.0.0/16, which AKS reserves", "choose another range, e.g. 172.16.0.0/16"),
			}},
		{name: "a link-local service CIDR", changes: []change{func(c *config.Config) {
			c.Cluster.ServiceCIDR = "169.254.0.0/16"
			c.Cluster.DNSServiceIP = "169.254.0.10"
		}},
			want: []config.FieldError{fe("cluster.serviceCidr", "169.254.0.0/16", "overlaps 169.254.0.0/16, which AKS reserves", "choose another range, e.g. 172.16.0.0/16")}},
		{name: "a DNS service IP that is not an address", changes: []change{func(c *config.Config) { c.Cluster.DNSServiceIP = "172.16.0.10/32" }},
			want: []config.FieldError{fe("cluster.dnsServiceIp", "172.16.0.10/32", "is not an IPv4 address", "use the tenth address of the service CIDR, e.g. 172.16.0.10")}},
		{name: "an IPv6 DNS service IP", changes: []change{func(c *config.Config) { c.Cluster.DNSServiceIP = "fd00::10" }},
			want: []config.FieldError{fe("cluster.dnsServiceIp", "fd00::10", "is not an IPv4 address", "use the tenth address of the service CIDR, e.g. 172.16.0.10")}},
		{name: "a DNS service IP outside the service CIDR", changes: []change{func(c *config.Config) { c.Cluster.DNSServiceIP = "172.17.0.10" }},
			want: []config.FieldError{fe("cluster.dnsServiceIp", "172.17.0.10", "lies outside serviceCidr 172.16.0.0/16", "use an address inside the service CIDR, e.g. its .10")}},
		{name: "the service CIDR's network address as DNS service IP", changes: []change{func(c *config.Config) { c.Cluster.DNSServiceIP = "172.16.0.0" }},
			want: []config.FieldError{fe("cluster.dnsServiceIp", "172.16.0.0", dnsTaken, dnsTakenFix)}},
		{name: "the kubernetes service address as DNS service IP", changes: []change{func(c *config.Config) { c.Cluster.DNSServiceIP = "172.16.0.1" }},
			want: []config.FieldError{fe("cluster.dnsServiceIp", "172.16.0.1", dnsTaken, dnsTakenFix)}},
		{name: "the second service address as DNS service IP", changes: []change{func(c *config.Config) { c.Cluster.DNSServiceIP = "172.16.0.2" }}},

		// cluster: dataplane, outbound, upgrades
		{name: "azure network policy on the Cilium dataplane", changes: []change{func(c *config.Config) { c.Cluster.NetworkPolicy = "azure" }},
			want: []config.FieldError{fe("cluster.networkPolicy", "azure", ciliumProblem, ciliumFix)}},
		{name: "no network policy on the Cilium dataplane is Cilium's", changes: []change{func(c *config.Config) { c.Cluster.NetworkPolicy = "" }}},
		{name: "calico on the Cilium dataplane", changes: []change{func(c *config.Config) { c.Cluster.NetworkPolicy = "calico" }},
			want: []config.FieldError{fe("cluster.networkPolicy", "calico", ciliumProblem, ciliumFix)}},
		{name: "no network policy on the azure dataplane", changes: []change{func(c *config.Config) {
			c.Cluster.NetworkDataplane = "azure"
			c.Cluster.NetworkPolicy = "none"
		}},
			want: []config.FieldError{fe("cluster.networkPolicy", "none", azurePolicy, "set networkPolicy to azure or calico")}},
		{name: "cilium network policy on the azure dataplane", changes: []change{func(c *config.Config) {
			c.Cluster.NetworkDataplane, c.Cluster.NetworkPolicy = "azure", "cilium"
		}},
			want: []config.FieldError{fe("cluster.networkPolicy", "cilium", azurePolicy, "set networkPolicy to azure or calico")}},
		{name: "calico on the azure dataplane", changes: []change{func(c *config.Config) {
			c.Cluster.NetworkDataplane = "azure"
			c.Cluster.NetworkPolicy = "calico"
		}}},
		{name: "an unknown dataplane", changes: []change{func(c *config.Config) { c.Cluster.NetworkDataplane = "calico" }},
			want: []config.FieldError{fe("cluster.networkDataplane", "calico", "must be cilium or azure", "use cilium (default)")}},
		{name: "NAT gateway outbound without a NAT gateway", changes: []change{func(c *config.Config) {
			c.Network.NatGateway.Enabled = false
			c.BuildAgent.Enabled = false
		}},
			want: []config.FieldError{fe("cluster.outboundType", "userAssignedNATGateway", "needs the NAT gateway",
				"set network.natGateway.enabled to true, or use loadBalancer")}},
		{name: "user-defined routing outbound", changes: []change{func(c *config.Config) { c.Cluster.OutboundType = "userDefinedRouting" }},
			want: []config.FieldError{fe("cluster.outboundType", "userDefinedRouting", "needs the route through a firewall of network.egress firewall or hubFirewall",
				"remove the key to derive it from network.egress")}},
		{name: "an unknown outbound type", changes: []change{func(c *config.Config) { c.Cluster.OutboundType = "none" }},
			want: []config.FieldError{fe("cluster.outboundType", "none", "must be loadBalancer, userAssignedNATGateway or userDefinedRouting",
				"use loadBalancer, or the outbound type of the egress the node subnet has")}},
		{name: "a privileged Pod Security level", changes: []change{func(c *config.Config) { c.Cluster.PodSecurity = "privileged" }},
			want: []config.FieldError{fe("cluster.podSecurity", "privileged", "must be baseline, restricted or audit",
				"use baseline (default); audit reports violations without denying them")}},
		{name: "no upgrade channel", changes: []change{func(c *config.Config) { c.Cluster.UpgradeChannel = "none" }},
			want: []config.FieldError{fe("cluster.upgradeChannel", "none", "must be patch, stable or rapid (none would leave the cluster unpatched)",
				"use patch (default)")}},
		{name: "the stable upgrade channel without a pinned version", changes: []change{func(c *config.Config) {
			c.Cluster.UpgradeChannel = "stable"
			c.Cluster.KubernetesVersion = ""
		}}},
		{name: "an unmanaged node OS", changes: []change{func(c *config.Config) { c.Cluster.NodeOSUpgradeChannel = "Unmanaged" }},
			want: []config.FieldError{fe("cluster.nodeOsUpgradeChannel", "Unmanaged", "must be NodeImage or SecurityPatch (None and Unmanaged leave nodes unpatched)",
				"use NodeImage (default) or SecurityPatch")}},
		{name: "security patches for the node OS", changes: []change{func(c *config.Config) { c.Cluster.NodeOSUpgradeChannel = "SecurityPatch" }}},

		// cluster: maintenance window
		{name: "a lowercase day", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.DayOfWeek = "sunday" }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.dayOfWeek", "sunday", "is not a day of the week",
				"use one of Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday")}},
		{name: "a start time without a leading zero", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.StartTime = "2:00" }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.startTime", "2:00", "must be HH:MM (24-hour)", "use e.g. 02:00")}},
		{name: "a start time of 24:00", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.StartTime = "24:00" }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.startTime", "24:00", "must be HH:MM (24-hour)", "use e.g. 02:00")}},
		{name: "a start time of 23:59", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.StartTime = "23:59" }}},
		{name: "a three-hour window", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.DurationHours = 3 }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.durationHours", 3, "AKS requires a window of 4 to 24 hours", "set durationHours between 4 and 24")}},
		{name: "a 25-hour window", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.DurationHours = 25 }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.durationHours", 25, "AKS requires a window of 4 to 24 hours", "set durationHours between 4 and 24")}},
		{name: "a UTC offset without a sign", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.UTCOffset = "01:00" }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.utcOffset", "01:00", "must be ±HH:MM", "use e.g. +00:00 or +01:00")}},
		{name: "a UTC offset of +15:00", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.UTCOffset = "+15:00" }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.utcOffset", "+15:00", "must be ±HH:MM", "use e.g. +00:00 or +01:00")}},
		{name: "a UTC offset of -05:30", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.UTCOffset = "-05:30" }}},
		{name: "a window every 0 weeks", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.IntervalWeeks = 0 }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.intervalWeeks", 0, "must be 1–4 weeks", "use 1 (weekly)")}},
		{name: "a window every 5 weeks", changes: []change{func(c *config.Config) { c.Cluster.MaintenanceWindow.IntervalWeeks = 5 }},
			want: []config.FieldError{fe("cluster.maintenanceWindow.intervalWeeks", 5, "must be 1–4 weeks", "use 1 (weekly)")}},

		// cluster: secrets rotation and audit logs
		{name: "a rotation interval in words", changes: []change{func(c *config.Config) { c.Cluster.SecretRotationInterval = "2 minutes" }},
			want: []config.FieldError{fe("cluster.secretRotationInterval", "2 minutes", "must be a positive duration", "use a value such as 2m")}},
		{name: "a zero rotation interval", changes: []change{func(c *config.Config) { c.Cluster.SecretRotationInterval = "0s" }},
			want: []config.FieldError{fe("cluster.secretRotationInterval", "0s", "must be a positive duration", "use a value such as 2m")}},
		{name: "a negative rotation interval", changes: []change{func(c *config.Config) { c.Cluster.SecretRotationInterval = "-2m" }},
			want: []config.FieldError{fe("cluster.secretRotationInterval", "-2m", "must be a positive duration", "use a value such as 2m")}},
		{name: "an empty list of audit log categories", changes: []change{func(c *config.Config) { c.Cluster.AuditLogCategories = []string{} }},
			want: []config.FieldError{fe("cluster.auditLogCategories", nil, "at least kube-audit-admin (or kube-audit) must be collected", "list kube-audit-admin")}},
		{name: "audit log categories without an audit log", changes: []change{func(c *config.Config) { c.Cluster.AuditLogCategories = []string{"kube-apiserver", "guard"} }},
			want: []config.FieldError{fe("cluster.auditLogCategories", []string{"kube-apiserver", "guard"}, "collects no Kubernetes audit log", "add kube-audit-admin")}},
		{name: "the full audit log", changes: []change{func(c *config.Config) { c.Cluster.AuditLogCategories = []string{"kube-audit"} }}},
		{name: "an unknown audit log category", changes: []change{func(c *config.Config) { c.Cluster.AuditLogCategories = []string{"kube-audit-admin", "kube-audits"} }},
			want: []config.FieldError{fe("cluster.auditLogCategories[1]", "kube-audits", "is not an AKS log category", auditFix)}},
		{name: "two unknown audit log categories", changes: []change{func(c *config.Config) {
			c.Cluster.AuditLogCategories = []string{"audit", "kube-audit", "Guard"}
		}},
			want: []config.FieldError{
				fe("cluster.auditLogCategories[0]", "audit", "is not an AKS log category", auditFix),
				fe("cluster.auditLogCategories[2]", "Guard", "is not an AKS log category", auditFix),
			}},

		// cluster: node pools
		{name: "a system pool name with capitals", changes: []change{systemPool(func(p *config.NodePool) { p.Name = "System" })},
			want: []config.FieldError{fe("cluster.systemPool.name", "System", poolNameRule, "rename the pool")}},
		{name: "a user pool name of 13 characters", changes: []change{userPool(func(p *config.NodePool) { p.Name = "applications1" })},
			want: []config.FieldError{fe("cluster.userPools[0].name", "applications1", poolNameRule, "rename the pool")}},
		{name: "a user pool name starting with a digit", changes: []change{userPool(func(p *config.NodePool) { p.Name = "1apps" })},
			want: []config.FieldError{fe("cluster.userPools[0].name", "1apps", poolNameRule, "rename the pool")}},
		{name: "a VM size without the Standard_ prefix", changes: []change{userPool(func(p *config.NodePool) { p.VMSize = "D4ds_v5" })},
			want: []config.FieldError{fe("cluster.userPools[0].vmSize", "D4ds_v5", "is not an Azure VM size", "use a size such as Standard_D4ds_v5")}},
		{name: "a minimum of 0 nodes", changes: []change{systemPool(func(p *config.NodePool) { p.MinCount = 0 })},
			want: []config.FieldError{fe("cluster.systemPool.minCount", 0, "the autoscaler needs at least one node in the system pool, for the cluster's own pods", rangeFix)}},
		{name: "a negative minimum is reported on the minimum only", changes: []change{userPool(func(p *config.NodePool) { p.MinCount = -1; p.MaxCount = -2 })},
			want: []config.FieldError{fe("cluster.userPools[0].minCount", -1, "must not be negative", userRangeFix)}},
		{name: "a pool of exactly one node", changes: []change{userPool(func(p *config.NodePool) { p.MinCount = 1; p.MaxCount = 1 })}},
		{name: "a maximum below the minimum", changes: []change{userPool(func(p *config.NodePool) { p.MinCount = 4; p.MaxCount = 3 })},
			want: []config.FieldError{fe("cluster.userPools[0].maxCount", 3, "with minCount 4 is not a valid autoscaler range", userRangeFix)}},
		{name: "a maximum of 1001 nodes", changes: []change{withPodRoom, userPool(func(p *config.NodePool) { p.MaxCount = 1001; p.MaxSurge = "1" })},
			// The node subnet still fits: 3 + 1 (system) + 1001 + 1 (apps) + 5 reserved = 1011 <= 1024.
			want: []config.FieldError{fe("cluster.userPools[0].maxCount", 1001, "with minCount 1 is not a valid autoscaler range", userRangeFix)}},
		{name: "a maximum of 1000 nodes that the node subnet cannot hold", changes: []change{withPodRoom, userPool(func(p *config.NodePool) { p.MaxCount = 1000 })},
			// 3 + 1 (system) + 1000 + 330 (apps, 33% surge) + 5 reserved = 1339
			want: []config.FieldError{fe("network.subnets.nodes", "10.40.0.0/22",
				"holds 1024 addresses but the node pools need 1339 (maxCount plus upgrade surge of every pool, plus Azure's 5 reserved addresses)",
				"use a larger prefix or lower the pools' maxCount")}},
		{name: "an OS disk of 29 GB", changes: []change{userPool(func(p *config.NodePool) { p.OSDiskSizeGB = 29 })},
			want: []config.FieldError{fe("cluster.userPools[0].osDiskSizeGb", 29, "must be 30–2048 GB", "use 128 (default)")}},
		{name: "an OS disk of 2049 GB", changes: []change{userPool(func(p *config.NodePool) { p.OSDiskSizeGB = 2049; p.OSDiskType = "Managed" })},
			want: []config.FieldError{fe("cluster.userPools[0].osDiskSizeGb", 2049, "must be 30–2048 GB", "use 128 (default)")}},
		{name: "an ephemeral OS disk larger than the temp disk", changes: []change{userPool(func(p *config.NodePool) { p.VMSize = "Standard_D2ds_v5"; p.OSDiskType = "Ephemeral" })},
			want: []config.FieldError{fe("cluster.userPools[0].osDiskType", "Ephemeral", "Standard_D2ds_v5 can hold at most a 75 GB ephemeral OS disk, not 128 GB", ephemeralFix)}},
		{name: "an ephemeral OS disk on a size without cache or temp disk", changes: []change{userPool(func(p *config.NodePool) { p.VMSize = "Standard_D4s_v5"; p.OSDiskType = "Ephemeral" })},
			want: []config.FieldError{fe("cluster.userPools[0].osDiskType", "Ephemeral", "Standard_D4s_v5 has neither cache nor temp disk to hold an ephemeral OS disk",
				`use Managed, or a size with a temp disk (the "d" sizes)`)}},
		{name: "a small ephemeral OS disk on a size without cache or temp disk", changes: []change{
			systemPool(func(p *config.NodePool) {
				p.VMSize = "Standard_D2as_v5"
				p.OSDiskType = "Ephemeral"
				p.OSDiskSizeGB = 30
			})},
			want: []config.FieldError{fe("cluster.systemPool.osDiskType", "Ephemeral", "Standard_D2as_v5 has neither cache nor temp disk to hold an ephemeral OS disk",
				`use Managed, or a size with a temp disk (the "d" sizes)`)}},
		{name: "an ephemeral OS disk exactly as large as the cache", changes: []change{
			userPool(func(p *config.NodePool) {
				p.VMSize = "Standard_DS2_v2"
				p.OSDiskType = "Ephemeral"
				p.OSDiskSizeGB = 86
			})}},
		{name: "an OS disk type left at auto because Complete was not called", changes: []change{userPool(func(p *config.NodePool) { p.OSDiskType = "auto" })},
			want: []config.FieldError{fe("cluster.userPools[0].osDiskType", "auto", "must be Ephemeral or Managed",
				osDiskTypeFix)}},
		{name: "an ephemeral OS disk on a size hardaks does not know", changes: []change{userPool(func(p *config.NodePool) { p.VMSize = "Standard_L8s_v3"; p.OSDiskType = "Ephemeral" })}},
		{name: "a lowercase OS disk type", changes: []change{systemPool(func(p *config.NodePool) { p.OSDiskType = "ephemeral" })},
			want: []config.FieldError{fe("cluster.systemPool.osDiskType", "ephemeral", "must be Ephemeral or Managed", osDiskTypeFix)}},
		{name: "a surge of 0", changes: []change{userPool(func(p *config.NodePool) { p.MaxSurge = "0" })},
			want: []config.FieldError{fe("cluster.userPools[0].maxSurge", "0", surgeProblem, "use e.g. 33%")}},
		{name: "a surge of 101%", changes: []change{userPool(func(p *config.NodePool) { p.MaxSurge = "101%" })},
			want: []config.FieldError{fe("cluster.userPools[0].maxSurge", "101%", surgeProblem, "use e.g. 33%")}},
		{name: "a surge of 1001 nodes", changes: []change{userPool(func(p *config.NodePool) { p.MaxSurge = "1001" })},
			want: []config.FieldError{fe("cluster.userPools[0].maxSurge", "1001", surgeProblem, "use e.g. 33%")}},
		{name: "a surge with a decimal", changes: []change{userPool(func(p *config.NodePool) { p.MaxSurge = "33.3%" })},
			want: []config.FieldError{fe("cluster.userPools[0].maxSurge", "33.3%", surgeProblem, "use e.g. 33%")}},
		{name: "a surge of 100%", changes: []change{userPool(func(p *config.NodePool) { p.MaxSurge = "100%" })}},
		{name: "9 pods per node", changes: []change{userPool(func(p *config.NodePool) { p.MaxPods = 9 })},
			want: []config.FieldError{fe("cluster.userPools[0].maxPods", 9, maxPodsProblem, "use 110 (default)")}},
		{name: "251 pods per node", changes: []change{userPool(func(p *config.NodePool) { p.MaxPods = 251 })},
			want: []config.FieldError{fe("cluster.userPools[0].maxPods", 251, maxPodsProblem, "use 110 (default)")}},
		{name: "a pool zone 0", changes: []change{userPool(func(p *config.NodePool) { p.Zones = []string{"0"} })},
			want: []config.FieldError{fe("cluster.userPools[0].zones", []string{"0"}, zonesProblem, zonesFix)}},
		{name: "pool zones in a region without zones", changes: []change{inRegionWithoutZones, userPool(func(p *config.NodePool) { p.Zones = []string{"1"} })},
			want: []config.FieldError{fe("cluster.userPools[0].zones", []string{"1"}, "region westcentralus has no availability zones", noZonesFix)}},
		{name: "a pool without zones where zones are required", changes: []change{systemPool(func(p *config.NodePool) { p.Zones = []string{} })},
			want: []config.FieldError{fe("cluster.systemPool.zones", []string{}, requireZones, requireZoneFix)}},
		{name: "a pool without zones where zones are not required", changes: []change{
			systemPool(func(p *config.NodePool) { p.Zones = []string{} }), func(c *config.Config) { c.Cluster.RequireZones = false }}},
		{name: "a user pool named like the system pool", changes: []change{userPool(func(p *config.NodePool) { p.Name = "system" })},
			want: []config.FieldError{fe("cluster.userPools[0].name", "system", "node pool names must be unique", "rename the pool")}},
		{name: "two user pools of the same name", changes: []change{func(c *config.Config) {
			c.Cluster.UserPools = append(c.Cluster.UserPools, c.Cluster.UserPools[0])
			c.Cluster.UserPools[1].MaxCount = 1
		}},
			want: []config.FieldError{fe("cluster.userPools[1].name", "apps", "node pool names must be unique", "rename the pool")}},
		{name: "a taint without an effect", changes: []change{userPool(func(p *config.NodePool) { p.Taints = []string{"sku=gpu:NoSchedule", "dedicated=gpu"} })},
			want: []config.FieldError{fe("cluster.userPools[0].taints[1]", "dedicated=gpu", "is not a Kubernetes taint",
				"write key=value:NoSchedule (or PreferNoSchedule, NoExecute)")}},
		{name: "a system pool taint without an effect",
			changes: []change{systemPool(func(p *config.NodePool) {
				p.Taints = []string{"CriticalAddonsOnly=true:NoSchedule", "CriticalAddonsOnly"}
			})},
			want: []config.FieldError{fe("cluster.systemPool.taints[1]", "CriticalAddonsOnly", "is not a Kubernetes taint",
				"write key=value:NoSchedule (or PreferNoSchedule, NoExecute)")}},
		{name: "a system pool taint with an unknown effect",
			changes: []change{systemPool(func(p *config.NodePool) { p.Taints = []string{"CriticalAddonsOnly=true:NoRun"} })},
			want: []config.FieldError{fe("cluster.systemPool.taints[0]", "CriticalAddonsOnly=true:NoRun", "is not a Kubernetes taint",
				"write key=value:NoSchedule (or PreferNoSchedule, NoExecute)")}},
		{name: "the CriticalAddonsOnly system pool taint and an empty-valued user pool taint", changes: []change{
			systemPool(func(p *config.NodePool) { p.Taints = []string{"CriticalAddonsOnly=true:NoSchedule"} }),
			userPool(func(p *config.NodePool) {
				p.Taints = []string{"dedicated=:PreferNoSchedule", "example.com/gpu=a100:NoExecute"}
			}),
		}},

		// registry, vault, monitoring, bastion
		{name: "a registry name with a hyphen", changes: []change{func(c *config.Config) { c.Names.Registry = "acr-dev-01" }},
			want: []config.FieldError{fe("registry.name", "acr-dev-01", "registry names are 5-50 letters and digits, unique across Azure", "choose another name")}},
		{name: "a registry name of 4 characters", changes: []change{func(c *config.Config) { c.Names.Registry = "acr1" }},
			want: []config.FieldError{fe("registry.name", "acr1", "registry names are 5-50 letters and digits, unique across Azure", "choose another name")}},
		{name: "a zone-redundant registry in a region without zones", changes: []change{inRegionWithoutZones, func(c *config.Config) { c.Registry.ZoneRedundancy = true }},
			want: []config.FieldError{fe("registry.zoneRedundancy", true, "region westcentralus has no availability zones", "set zoneRedundancy to false")}},
		{name: "a negative untagged retention", changes: []change{func(c *config.Config) { c.Registry.UntaggedRetentionDays = -1 }},
			want: []config.FieldError{fe("registry.untaggedRetentionDays", -1, "must be 0 (Azure's default of 7) to 365 days", "use 7 (Azure's default)")}},
		{name: "an untagged retention of 366 days", changes: []change{func(c *config.Config) { c.Registry.UntaggedRetentionDays = 366 }},
			want: []config.FieldError{fe("registry.untaggedRetentionDays", 366, "must be 0 (Azure's default of 7) to 365 days", "use 7 (Azure's default)")}},
		{name: "no untagged retention", changes: []change{func(c *config.Config) { c.Registry.UntaggedRetentionDays = 0 }}},
		{name: "a vault name starting with a digit", changes: []change{func(c *config.Config) { c.Names.KeyVault = "1kv-dev" }},
			want: []config.FieldError{fe("keyVault.name", "1kv-dev", "vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no \"--\" and are unique across Azure", "choose another name")}},
		{name: "a vault name with a double hyphen", changes: []change{func(c *config.Config) { c.Names.KeyVault = "kv--dev" }},
			want: []config.FieldError{fe("keyVault.name", "kv--dev", "vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no \"--\" and are unique across Azure", "choose another name")}},
		{name: "a vault name ending in a hyphen", changes: []change{func(c *config.Config) { c.Names.KeyVault = "kv-dev-" }},
			want: []config.FieldError{fe("keyVault.name", "kv-dev-", "vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no \"--\" and are unique across Azure", "choose another name")}},
		{name: "a vault name of 25 characters", changes: []change{func(c *config.Config) { c.Names.KeyVault = "kv" + strings.Repeat("x", 23) }},
			want: []config.FieldError{fe("keyVault.name", "kvxxxxxxxxxxxxxxxxxxxxxxx", "vault names are 3-24 letters, digits and hyphens, start with a letter, end with a letter or digit, have no \"--\" and are unique across Azure", "choose another name")}},
		{name: "a vault name of 24 characters", changes: []change{func(c *config.Config) { c.Names.KeyVault = "kv" + strings.Repeat("x", 22) }}},
		{name: "a capitalised vault SKU", changes: []change{func(c *config.Config) { c.KeyVault.Sku = "Standard" }},
			want: []config.FieldError{fe("keyVault.sku", "Standard", "must be standard or premium", "use standard, or premium for HSM-protected keys")}},
		{name: "the premium vault SKU", changes: []change{func(c *config.Config) { c.KeyVault.Sku = "premium" }}},
		{name: "a vault secret name with an underscore", changes: []change{func(c *config.Config) {
			c.VaultSecrets = []config.Secret{config.NewTestSecret("db-password", "hunter2-ok"), config.NewTestSecret("db_password", "hunter2-bad")}
		}},
			want: []config.FieldError{fe("vaultSecrets.db_password", "db_password", "Key Vault secret names are 1-127 letters, digits and hyphens", "rename the secret")}},
		{name: "a vault secret name of 128 characters", changes: []change{func(c *config.Config) {
			c.VaultSecrets = []config.Secret{config.NewTestSecret(strings.Repeat("s", 128), "hunter2")}
		}},
			want: []config.FieldError{fe("vaultSecrets.ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss", "ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss", "Key Vault secret names are 1-127 letters, digits and hyphens", "rename the secret")}},
		{name: "an empty vault secret", changes: []change{func(c *config.Config) { c.VaultSecrets = []config.Secret{config.NewTestSecret("token", "")} }},
			want: []config.FieldError{fe("vaultSecrets.token", "[secret]", "is empty", "set a value with `pulumi config set --secret --path`")}},
		{name: "a log retention of 29 days", changes: []change{func(c *config.Config) { c.Monitoring.RetentionInDays = 29 }},
			want: []config.FieldError{fe("monitoring.retentionInDays", 29, retention, "use 90 (default)")}},
		{name: "a log retention of 731 days", changes: []change{func(c *config.Config) { c.Monitoring.RetentionInDays = 731 }},
			want: []config.FieldError{fe("monitoring.retentionInDays", 731, retention, "use 90 (default)")}},
		{name: "a log retention of 730 days", changes: []change{func(c *config.Config) { c.Monitoring.RetentionInDays = 730 }}},
		{name: "the Basic Bastion", changes: []change{func(c *config.Config) { c.Bastion.Sku = "Basic" }},
			want: []config.FieldError{fe("bastion.sku", "Basic", "native-client tunneling (az network bastion ssh, az aks bastion) needs Standard or Premium", "use Standard (default)")}},
		{name: "the Premium Bastion", changes: []change{func(c *config.Config) { c.Bastion.Sku = "Premium" }}},
		{name: "one Bastion scale unit", changes: []change{func(c *config.Config) { c.Bastion.ScaleUnits = 1 }},
			want: []config.FieldError{fe("bastion.scaleUnits", 1, scaleUnits, "use 2 (default)")}},
		{name: "51 Bastion scale units", changes: []change{func(c *config.Config) { c.Bastion.ScaleUnits = 51 }},
			want: []config.FieldError{fe("bastion.scaleUnits", 51, scaleUnits, "use 2 (default)")}},

		// build agents
		{name: "disabled build agents are not checked", changes: []change{agent(func(b *config.BuildAgent) {
			*b = config.BuildAgent{Enabled: false, Count: 0, VMSize: "x", AdminUsername: "root", SSHPublicKey: "", KubernetesRole: "owner"}
		})}},
		{name: "no build agents", changes: []change{agent(func(b *config.BuildAgent) { b.Count = 0 })},
			want: []config.FieldError{fe("buildAgent.count", 0, "must be 1-10 (hardaks keeps the machines that hold the agents' rights few)", "run between 1 and 10 agents")}},
		{name: "eleven build agents", changes: []change{agent(func(b *config.BuildAgent) { b.Count = 11 })},
			want: []config.FieldError{fe("buildAgent.count", 11, "must be 1-10 (hardaks keeps the machines that hold the agents' rights few)", "run between 1 and 10 agents")}},
		{name: "an agent VM size without the Standard_ prefix", changes: []change{agent(func(b *config.BuildAgent) { b.VMSize = "B2s" })},
			want: []config.FieldError{fe("buildAgent.vmSize", "B2s", "is not an Azure VM size", "use a size such as Standard_D2ds_v5")}},
		{name: "a capitalised admin user", changes: []change{agent(func(b *config.BuildAgent) { b.AdminUsername = "AzureUser" })},
			want: []config.FieldError{fe("buildAgent.adminUsername", "AzureUser", "must be 1-32 lowercase letters, digits, '_' or '-', starting with a letter or '_'", "use azureuser")}},
		{name: "the admin user root", changes: []change{agent(func(b *config.BuildAgent) { b.AdminUsername = "root" })},
			want: []config.FieldError{fe("buildAgent.adminUsername", "root", "is reserved by Azure", "use azureuser")}},
		{name: "the admin user admin", changes: []change{agent(func(b *config.BuildAgent) { b.AdminUsername = "admin" })},
			want: []config.FieldError{fe("buildAgent.adminUsername", "admin", "is reserved by Azure", "use azureuser")}},
		{name: "the agents' service user as admin", changes: []change{agent(func(b *config.BuildAgent) { b.AdminUsername = "agent" })},
			want: []config.FieldError{fe("buildAgent.adminUsername", "agent", "is the agent service user; choose another", "use azureuser")}},
		{name: "no SSH key", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = "" })},
			want: []config.FieldError{fe("buildAgent.sshPublicKey", nil, "is required: the agents accept SSH keys only", "paste one line of an ssh-ed25519 public key (ssh-keygen -t ed25519) or an ssh-rsa key of at least 3072 bits")}},
		{name: "a blank SSH key", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = " \n" })},
			want: []config.FieldError{fe("buildAgent.sshPublicKey", " \n", "is required: the agents accept SSH keys only", sshFix)}},
		{name: "an SSH key that does not parse", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = "ssh-ed25519 not-base64" })},
			want: []config.FieldError{fe("buildAgent.sshPublicKey", "ssh-ed25519 not-base64", "does not parse as an OpenSSH public key", sshFix)}},
		{name: "two SSH keys", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = twoKeys })},
			want: []config.FieldError{fe("buildAgent.sshPublicKey", twoKeys[:40]+"…", "holds more than one key", sshFix)}},
		{name: "a 2048-bit RSA key", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = rsa2048 })},
			want: []config.FieldError{fe("buildAgent.sshPublicKey", rsa2048[:40]+"…", "is an RSA key shorter than 3072 bits", sshFix)}},
		{name: "an ECDSA key", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = ecdsa })},
			want: []config.FieldError{fe("buildAgent.sshPublicKey", ecdsa[:40]+"…", "has key type ecdsa-sha2-nistp256; Azure accepts only RSA and Ed25519 keys", sshFix)}},
		{name: "a 3072-bit RSA key", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = rsa3072 })}},
		{name: "another Ed25519 key with a trailing newline", changes: []change{agent(func(b *config.BuildAgent) { b.SSHPublicKey = ed25519 + "\n" })}},
		{name: "an unknown Kubernetes role", changes: []change{agent(func(b *config.BuildAgent) { b.KubernetesRole = "contributor" })},
			want: []config.FieldError{fe("buildAgent.kubernetesRole", "contributor", "must be one of reader, writer, admin or clusterAdmin", "use writer (default)")}},
		{name: "the clusterAdmin role", changes: []change{agent(func(b *config.BuildAgent) { b.KubernetesRole = "clusterAdmin" })}},
		{name: "a registration secret name with an underscore", changes: []change{agent(func(b *config.BuildAgent) { b.RegistrationTokenSecret = "ci_token" })},
			want: []config.FieldError{fe("buildAgent.registrationTokenSecret", "ci_token", "Key Vault secret names are 1-127 letters, digits and hyphens", "name the secret that holds the CI token")}},
		{name: "no registration secret name", changes: []change{agent(func(b *config.BuildAgent) { b.RegistrationTokenSecret = "" })},
			want: []config.FieldError{fe("buildAgent.registrationTokenSecret", nil, "Key Vault secret names are 1-127 letters, digits and hyphens", "name the secret that holds the CI token")}},
		{name: "a GitHub URL for Azure DevOps", changes: []change{agent(func(b *config.BuildAgent) { b.CI.URL = "https://github.com/contoso" })},
			want: []config.FieldError{fe("buildAgent.ci.url", "https://github.com/contoso", "must be an Azure DevOps organization URL", "use https://dev.azure.com/<organization> (or https://<organization>.visualstudio.com)")}},
		{name: "an Azure DevOps project URL", changes: []change{agent(func(b *config.BuildAgent) { b.CI.URL = "https://dev.azure.com/contoso-platform/hardaks" })},
			want: []config.FieldError{fe("buildAgent.ci.url", "https://dev.azure.com/contoso-platform/hardaks", "must be an Azure DevOps organization URL", "use https://dev.azure.com/<organization> (or https://<organization>.visualstudio.com)")}},
		{name: "an Azure DevOps URL with a trailing slash", changes: []change{agent(func(b *config.BuildAgent) { b.CI.URL = "https://dev.azure.com/contoso-platform/" })}},
		{name: "no Azure DevOps pool", changes: []change{agent(func(b *config.BuildAgent) { b.CI.Pool = "" })},
			want: []config.FieldError{fe("buildAgent.ci.pool", nil, "Azure DevOps agents register into a pool, named on one line", "set the agent pool name, e.g. hardaks")}},
		{name: "GitHub Actions with a repository", changes: []change{agent(func(b *config.BuildAgent) {
			b.CI = config.CI{System: "githubActions", URL: "https://github.com/contoso/platform.infra", Labels: []string{"self-hosted", "hardaks-dev"}}
		})}},
		{name: "GitHub Actions with an Azure DevOps URL", changes: []change{agent(func(b *config.BuildAgent) {
			b.CI = config.CI{System: "githubActions", URL: "https://dev.azure.com/contoso-platform"}
		})},
			want: []config.FieldError{fe("buildAgent.ci.url", "https://dev.azure.com/contoso-platform", "must be a GitHub organization or repository URL", "use https://github.com/<organization> or https://github.com/<owner>/<repository>")}},
		{name: "GitHub runner labels with a space, a comma and nothing", changes: []change{agent(func(b *config.BuildAgent) {
			b.CI = config.CI{System: "githubActions", URL: "https://github.com/contoso", Labels: []string{"linux", "gpu runner", "a,b", ""}}
		})},
			want: []config.FieldError{fe("buildAgent.ci.labels[1]", "gpu runner", "runner labels are 1-100 letters, digits, '.', '_' or '-'", "rename the label"), fe("buildAgent.ci.labels[2]", "a,b", "runner labels are 1-100 letters, digits, '.', '_' or '-'", "rename the label"), fe("buildAgent.ci.labels[3]", nil, "runner labels are 1-100 letters, digits, '.', '_' or '-'", "rename the label")}},
		{name: "an agent namespace in upper case, and one twice", changes: []change{agent(func(b *config.BuildAgent) { b.KubernetesNamespaces = []string{"Orders", "web", "web"} })},
			want: []config.FieldError{
				fe("buildAgent.kubernetesNamespaces[0]", "Orders", "must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens)", "list each namespace once"),
				fe("buildAgent.kubernetesNamespaces[2]", "web", "must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens)", "list each namespace once"),
			}},
		{name: "GitHub Actions keeping the Azure DevOps pool", changes: []change{agent(func(b *config.BuildAgent) {
			b.CI.System, b.CI.URL = "githubActions", "https://github.com/contoso"
		})},
			want: []config.FieldError{fe("buildAgent.ci.pool", "hardaks-dev", "a pool holds Azure DevOps agents; GitHub Actions runners are chosen by labels",
				"remove pool, or use labels")}},
		{name: "Azure DevOps with runner labels", changes: []change{agent(func(b *config.BuildAgent) { b.CI.Labels = []string{"linux"} })},
			want: []config.FieldError{fe("buildAgent.ci.labels", []string{"linux"}, "labels choose GitHub Actions runners; Azure DevOps agents are chosen by pool",
				"remove labels")}},
		{name: "an unknown CI system", changes: []change{agent(func(b *config.BuildAgent) { b.CI.System = "jenkins" })},
			want: []config.FieldError{fe("buildAgent.ci.system", "jenkins", "must be azureDevOps or githubActions", "name the CI system the agents register with")}},
		{name: "a CI URL with credentials does not hide the other CI problems",
			changes: []change{agent(func(b *config.BuildAgent) {
				b.CI.System = "jenkins"
				b.CI.URL = "https://ci:hunter2@jenkins.contoso.com"
			})},
			want: []config.FieldError{fe("buildAgent.ci.url", "[secret]", "must not carry credentials", "keep the token in the key vault, not in the URL"), fe("buildAgent.ci.system", "jenkins", "must be azureDevOps or githubActions", "name the CI system the agents register with")}},
		{name: "an Azure DevOps URL with a PAT does not hide the missing pool",
			changes: []change{agent(func(b *config.BuildAgent) {
				b.CI.URL = "https://pat:hunter2@dev.azure.com/contoso-platform"
				b.CI.Pool = ""
			})},
			want: []config.FieldError{fe("buildAgent.ci.url", "[secret]", "must not carry credentials", "keep the token in the key vault, not in the URL"), fe("buildAgent.ci.pool", nil, "Azure DevOps agents register into a pool, named on one line", "set the agent pool name, e.g. hardaks")}},
		{name: "a CI URL with only a user name is reported without it", changes: []change{agent(func(b *config.BuildAgent) {
			b.CI.URL = "https://hunter2@dev.azure.com/contoso-platform"
		})},
			want: []config.FieldError{fe("buildAgent.ci.url", "[secret]", "must not carry credentials", "keep the token in the key vault, not in the URL")}},
		{name: "an Azure DevOps URL with a PAT is reported once, without the PAT",
			changes: []change{agent(func(b *config.BuildAgent) { b.CI.URL = "https://pat:hunter2@dev.azure.com/contoso-platform" })},
			want:    []config.FieldError{fe("buildAgent.ci.url", "[secret]", "must not carry credentials", "keep the token in the key vault, not in the URL")}},
		{name: "a GitHub URL with a token is reported once, without the token",
			changes: []change{agent(func(b *config.BuildAgent) {
				b.CI = config.CI{System: "githubActions", URL: "https://x-access-token:hunter2@github.com/contoso"}
			})},
			want: []config.FieldError{fe("buildAgent.ci.url", "[secret]", "must not carry credentials", "keep the token in the key vault, not in the URL")}},

		// workloads
		{name: "a workload name with capitals", changes: []change{workload(func(w *config.Workload) { w.Name = "Orders" })},
			want: []config.FieldError{fe("workloads[0].name", "Orders", "must be a DNS label (lowercase letters, digits and hyphens) of at most 60 characters, so that the SecretProviderClass <name>-kv is one", "choose a shorter lowercase name")}},
		{name: "a workload name of 60 characters", changes: []change{workload(func(w *config.Workload) { w.Name = strings.Repeat("w", 60) })}},
		{name: "a workload name of 61 characters", changes: []change{workload(func(w *config.Workload) { w.Name = strings.Repeat("w", 61) })},
			want: []config.FieldError{fe("workloads[0].name", strings.Repeat("w", 61), workloadName, "choose a shorter lowercase name")}},
		{name: "two workloads of the same name", changes: []change{func(c *config.Config) { c.Workloads = append(c.Workloads, c.Workloads[0]) }},
			want: []config.FieldError{fe("workloads[1].name", "orders", "workload names must be unique", "rename the workload")}},
		{name: "a namespace with capitals", changes: []change{workload(func(w *config.Workload) { w.Namespace = "Orders" })},
			want: []config.FieldError{fe("workloads[0].namespace", "Orders", "must be a DNS label (lowercase letters, digits and hyphens) of at most 63 characters", "use the workload's namespace")}},
		{name: "a service account with an underscore", changes: []change{workload(func(w *config.Workload) { w.ServiceAccount = "orders_api" })},
			want: []config.FieldError{fe("workloads[0].serviceAccount", "orders_api", "must be a DNS subdomain (lowercase letters, digits, hyphens and dots) of at most 253 characters", "use the workload's ServiceAccount name")}},
		{name: "a service account with dots", changes: []change{workload(func(w *config.Workload) { w.ServiceAccount = "orders.api.v1" })}},
		{name: "a workload that reads nothing", changes: []change{workload(func(w *config.Workload) { w.Secrets = nil })},
			want: []config.FieldError{fe("workloads[0].secrets", nil, "a workload identity needs at least one secret or certificate to read", "list the vault objects the workload mounts")}},
		{name: "a workload that reads only certificates", changes: []change{workload(func(w *config.Workload) { w.Secrets = nil; w.Certificates = []string{"orders-tls"} })}},
		{name: "a secret name with an underscore is reported at its key",
			changes: []change{workload(func(w *config.Workload) { w.Secrets = []string{"orders-db", "orders_api_key"} })},
			want:    []config.FieldError{fe("workloads[0].secrets[1]", "orders_api_key", "Key Vault object names are 1-127 letters, digits and hyphens", "use the object's name in the vault")}},
		{name: "a certificate name with a dot is reported at its key",
			changes: []change{workload(func(w *config.Workload) { w.Certificates = []string{"orders.tls"} })},
			want:    []config.FieldError{fe("workloads[0].certificates[0]", "orders.tls", "Key Vault object names are 1-127 letters, digits and hyphens", "use the object's name in the vault")}},
		{name: "no workloads", changes: []change{func(c *config.Config) { c.Workloads = nil }}},
	}

	seen := map[string]bool{}
	for _, tc := range cases {
		require.False(t, seen[tc.name], "duplicate case %q", tc.name)
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			err := valid(t, tc.changes...).Validate()
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.want, problems(t, err))
			assert.NotContains(t, err.Error(), "hunter2", "no secret may reach the message")
		})
	}
}

func TestInvalidVaultObjectNamesOfAWorkloadAreReportedAtTheirKeys(t *testing.T) {
	err := valid(t, func(c *config.Config) {
		c.Workloads = append(c.Workloads, config.Workload{Name: "payments", Namespace: "payments", ServiceAccount: "payments-api",
			Secrets: []string{"payments_db"}, Certificates: []string{"payments-tls", "payments.tls", ""}})
	}, workload(func(w *config.Workload) {
		w.Secrets = []string{"orders-db", "orders_api_key"}
		w.Certificates = []string{"orders.tls"}
	})).Validate()
	assert.Equal(t, []config.FieldError{
		fe("workloads[0].secrets[1]", "orders_api_key", objectProblem, objectFix),
		fe("workloads[0].certificates[0]", "orders.tls", objectProblem, objectFix),
		fe("workloads[1].secrets[0]", "payments_db", objectProblem, objectFix),
		fe("workloads[1].certificates[1]", "payments.tls", objectProblem, objectFix),
		fe("workloads[1].certificates[2]", nil, objectProblem, objectFix),
	}, problems(t, err))
}

func TestAnAutoOSDiskTypeIsNotCalledInvalidWhileTheMessageOffersIt(t *testing.T) {
	err := valid(t, userPool(func(p *config.NodePool) { p.OSDiskType = "auto" })).Validate()
	assert.Equal(t, []config.FieldError{fe("cluster.userPools[0].osDiskType", "auto", "must be Ephemeral or Managed",
		osDiskTypeFix)}, problems(t, err))
	assert.NotContains(t, err.Error(), "must be auto")
}

func TestAnAutoOSDiskTypeValidatesAfterComplete(t *testing.T) {
	cfg := valid(t, userPool(func(p *config.NodePool) { p.OSDiskType = "auto"; p.VMSize = "Standard_D2ds_v5" }))
	cfg.Complete("hardaks", "dev", offline.SubscriptionID)
	assert.Equal(t, "Managed", cfg.Cluster.UserPools[0].OSDiskType, "Standard_D2ds_v5's 75 GB temp disk cannot hold 128 GB")
	assert.NoError(t, cfg.Validate())
}

func TestTheSSHKeyIsAbbreviatedWithoutBreakingACharacter(t *testing.T) {
	key := "ssh-ed25519  " + strings.Repeat("é", 30)
	err := valid(t, agent(func(b *config.BuildAgent) { b.SSHPublicKey = key })).Validate()
	// 13 characters of prefix and 27 of the 30 "é" make the 40 kept characters.
	assert.Equal(t, []config.FieldError{fe("buildAgent.sshPublicKey", "ssh-ed25519  "+strings.Repeat("é", 27)+"…",
		"does not parse as an OpenSSH public key", sshFix)}, problems(t, err))
	assert.True(t, utf8.ValidString(err.Error()), "%q", err.Error())
}

func TestAnSSHKeyOfExactlyFortyCharactersIsNotAbbreviated(t *testing.T) {
	key := "ssh-ed25519 " + strings.Repeat("é", 28)
	require.Equal(t, 40, utf8.RuneCountInString(key))
	err := valid(t, agent(func(b *config.BuildAgent) { b.SSHPublicKey = key })).Validate()
	assert.Equal(t, []config.FieldError{fe("buildAgent.sshPublicKey", key, "does not parse as an OpenSSH public key", sshFix)}, problems(t, err))
}

func TestAPodCIDRTooSmallForTheNodesIsReported(t *testing.T) {
	err := valid(t, func(c *config.Config) { c.Cluster.PodCIDR = "192.168.0.0/24" }).Validate()
	assert.Equal(t, []config.FieldError{fe("cluster.podCidr", "192.168.0.0/24",
		"holds 1 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 11 nodes",
		"use a /20 or larger range")}, problems(t, err))
}

func TestThePodCIDRFixNeverRecommendsTheRejectedRange(t *testing.T) {
	// 3 + 1 (system) + 1000 + 330 (apps, 33% surge) = 1334 nodes need 2048 /24s: a /13.
	err := valid(t, userPool(func(p *config.NodePool) { p.MaxCount = 1000 }), func(c *config.Config) { c.Network.Subnets.Nodes = "10.40.16.0/20" }).Validate()
	got := problems(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "cluster.podCidr", got[0].Key)
	assert.Equal(t, "192.168.0.0/16", got[0].Value)
	assert.Equal(t, "holds 256 node ranges (a /24 per node with Azure CNI overlay) but the pools can reach 1334 nodes", got[0].Problem)
	assert.NotContains(t, got[0].Fix, "192.168.0.0/16")
	assert.Contains(t, got[0].Fix, "/13")
}

func TestProblemsAreReportedInAStableOrder(t *testing.T) {
	bad := func(c *config.Config) {
		for _, k := range []string{"f/6", "b/2", "e/5", "a/1", "d/4", "c/3"} {
			c.Environment.Tags[k] = "x"
		}
	}
	got := problems(t, valid(t, bad).Validate())
	keys := make([]string, 0, len(got))
	for _, e := range got {
		keys = append(keys, e.Key)
	}
	assert.Equal(t, []string{"environment.tags.a/1", "environment.tags.b/2", "environment.tags.c/3", "environment.tags.d/4",
		"environment.tags.e/5", "environment.tags.f/6"}, keys, "sorted by tag name")
	first := valid(t, bad).Validate().Error()
	for range 20 {
		require.Equal(t, first, valid(t, bad).Validate().Error())
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	err := valid(t,
		func(c *config.Config) { c.Environment.Name = "Dev" },
		func(c *config.Config) { c.Entra.TenantID = "" },
		func(c *config.Config) { c.Network.Subnets.Bastion = "10.40.5.0/28" },
		func(c *config.Config) { c.Cluster.SkuTier = "Paid" },
		systemPool(func(p *config.NodePool) { p.MaxPods = 500 }),
		func(c *config.Config) { c.Monitoring.RetentionInDays = 7 },
		agent(func(b *config.BuildAgent) { b.KubernetesRole = "owner" }),
		workload(func(w *config.Workload) { w.Namespace = "" }),
	).Validate()
	got := problems(t, err)
	keys := make([]string, 0, len(got))
	for _, e := range got {
		keys = append(keys, e.Key)
	}
	// In documentation order: environment, entra, network, cluster, services, build agents, workloads.
	assert.Equal(t, []string{
		"environment.name", "entra.tenantId", "network.subnets.bastion", "cluster.skuTier", "cluster.systemPool.maxPods",
		"monitoring.retentionInDays", "buildAgent.kubernetesRole", "workloads[0].namespace",
	}, keys)
	assert.True(t, strings.HasPrefix(err.Error(), "invalid stack configuration (8 problems):\n  - hardaks:environment.name = \"Dev\": "), err.Error())
	assert.Len(t, strings.Split(err.Error(), "\n"), 9)
}

func TestValidationErrorFormatsEveryProblemOnItsOwnLine(t *testing.T) {
	err := valid(t,
		func(c *config.Config) { c.Network.Subnets.Bastion = "10.40.5.0/27" },
		func(c *config.Config) { c.Bastion.ScaleUnits = 1 },
	).Validate()
	require.Error(t, err)
	assert.Equal(t, "invalid stack configuration (2 problems):\n"+
		"  - hardaks:network.subnets.bastion = \"10.40.5.0/27\": AzureBastionSubnet must be /26 or larger; use a /26 such as 10.40.5.0/26\n"+
		"  - hardaks:bastion.scaleUnits = \"1\": Standard and Premium Bastion take 2–50 scale units; use 2 (default)",
		err.Error())

	err = valid(t, func(c *config.Config) { c.Entra.AdminGroupObjectIDs = nil }).Validate()
	require.Error(t, err)
	assert.Equal(t, "invalid stack configuration (1 problem):\n"+
		"  - hardaks:entra.adminGroupObjectIds = (not set): at least one admin group is required: local accounts are disabled, "+
		"so nobody could administer the cluster; list the object ID of an Entra group, e.g. from `az ad group show -g <name> --query id -o tsv`",
		err.Error())
}

func TestFieldErrorFormatsEachKindOfValue(t *testing.T) {
	for _, tc := range []struct {
		value any
		want  string
	}{
		{nil, `hardaks:a.b = (not set): is bad; fix it`},
		{"x y", `hardaks:a.b = "x y": is bad; fix it`},
		{"", `hardaks:a.b = "": is bad; fix it`},
		{`say "hi"`, `hardaks:a.b = "say \"hi\"": is bad; fix it`},
		{42, `hardaks:a.b = "42": is bad; fix it`},
		{true, `hardaks:a.b = "true": is bad; fix it`},
		{[]string{"1", "4"}, `hardaks:a.b = ["1" "4"]: is bad; fix it`},
		{[]string{}, `hardaks:a.b = []: is bad; fix it`},
	} {
		t.Run(fmt.Sprint(tc.value), func(t *testing.T) {
			assert.Equal(t, tc.want, fe("a.b", tc.value, "is bad", "fix it").Error())
		})
	}
}

func TestValidateNamesEveryProblemWithAKeyAProblemAndAFix(t *testing.T) {
	// Everything wrong at once: every message must still be complete.
	err := valid(t, func(c *config.Config) {
		*c = config.Config{Cluster: config.Cluster{UserPools: []config.NodePool{{}}}, Workloads: []config.Workload{{}},
			BuildAgent: config.BuildAgent{Enabled: true}, Network: config.Network{NatGateway: config.NatGateway{Enabled: true}},
			VaultSecrets: []config.Secret{config.NewTestSecret("", "")}}
	}).Validate()
	got := problems(t, err)
	assert.Greater(t, len(got), 40)
	for _, e := range got {
		assert.NotEmpty(t, e.Key)
		assert.NotEmpty(t, e.Problem, e.Key)
		assert.NotEmpty(t, e.Fix, e.Key)
		assert.NotContains(t, e.Key, "..", "a key with an empty segment")
	}
}
