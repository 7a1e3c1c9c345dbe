package config

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
)

// lock is the management lock environment.locks puts on the registry and the vault.
func (c *Config) lock() *lock.Lock {
	if !c.Environment.Locks {
		return nil
	}
	return &lock.Lock{Kind: lock.CanNotDelete}
}

// zonesKeys are the keys of the private DNS zones component's arguments.
var zonesKeys = argumentKeys{
	"location":               "environment.location",
	"virtualNetworkName":     "environment.name",
	"existingRegistryZoneId": "network.privateDnsZones.registryZoneId",
	"existingKeyVaultZoneId": "network.privateDnsZones.keyVaultZoneId",
	"existingClusterZoneId":  "network.privateDnsZones.clusterZoneId",
}

// ZonesArgs are the private DNS zones component's arguments that the configuration sets. The caller adds the
// resource group, the VNet and tags.
func (c *Config) ZonesArgs() *privatedns.ZonesArgs {
	z := c.Network.PrivateDNSZones
	return &privatedns.ZonesArgs{
		VirtualNetworkName:     c.Names.VirtualNetwork,
		Location:               pulumi.String(c.Environment.Location),
		ClusterZone:            c.Cluster.PrivateDNSZone != PrivateDNSZoneSystem,
		ExistingRegistryZoneID: z.RegistryZoneID,
		ExistingKeyVaultZoneID: z.KeyVaultZoneID,
		ExistingClusterZoneID:  z.ClusterZoneID,
	}
}

// registryKeys are the keys of the registry component's arguments.
var registryKeys = argumentKeys{
	"location":              "environment.location",
	"registryName":          "registry.name",
	"zoneRedundancy":        "registry.zoneRedundancy",
	"untaggedRetentionDays": "registry.untaggedRetentionDays",
	"quarantineEnabled":     "registry.quarantine",
	"contentTrustEnabled":   "registry.contentTrust",
	"lock":                  "environment.locks",
}

// RegistryArgs are the registry component's arguments that the configuration sets. The caller adds the resource
// group, the endpoint subnet and zone, the workspace, the grants and tags.
func (c *Config) RegistryArgs() *registry.RegistryArgs {
	r := c.Registry
	return &registry.RegistryArgs{
		Location:              pulumi.String(c.Environment.Location),
		RegistryName:          c.Names.Registry,
		ZoneRedundancy:        r.ZoneRedundancy,
		UntaggedRetentionDays: r.UntaggedRetentionDays,
		QuarantineEnabled:     r.Quarantine,
		ContentTrustEnabled:   r.ContentTrust,
		Protect:               c.Environment.Production,
		Lock:                  c.lock(),
	}
}

// vaultKeys are the keys of the vault component's arguments; each secret's name is its own key.
func (c *Config) vaultKeys() argumentKeys {
	keys := argumentKeys{
		"location":  "environment.location",
		"vaultName": "keyVault.name",
		"tenantId":  "entra.tenantId",
		"skuName":   "keyVault.sku",
		"lock":      "environment.locks",
	}
	for i, s := range c.VaultSecrets {
		keys[fmt.Sprintf("secretNames[%d]", i)] = KeyVaultSecrets + "." + s.Name
	}
	return keys
}

// VaultArgs are the vault component's arguments that the configuration sets, with the secrets from
// hardaks:vaultSecrets as secret values. The caller adds the resource group, the endpoint subnet and zone, the
// workspace, the grants and tags.
func (c *Config) VaultArgs() *keyvault.VaultArgs {
	args := &keyvault.VaultArgs{
		Location:  pulumi.String(c.Environment.Location),
		VaultName: c.Names.KeyVault,
		TenantID:  c.Entra.TenantID,
		SkuName:   c.KeyVault.Sku,
		Protect:   c.Environment.Production,
		Lock:      c.lock(),
	}
	values := pulumi.StringMap{}
	for _, s := range c.VaultSecrets {
		args.SecretNames = append(args.SecretNames, s.Name)
		values[s.Name] = pulumi.ToSecret(pulumi.String(s.Value())).(pulumi.StringOutput)
	}
	if len(values) > 0 {
		args.SecretValues = values
	}
	return args
}

// buildAgentKeys are the keys of the build agent component's arguments.
var buildAgentKeys = argumentKeys{
	"location":                    "environment.location",
	"namePrefix":                  "environment.name",
	"count":                       "buildAgent.count",
	"vmSize":                      "buildAgent.vmSize",
	"adminUsername":               "buildAgent.adminUsername",
	"sshPublicKey":                "buildAgent.sshPublicKey",
	"zones":                       "environment.availabilityZones",
	"registrationTokenSecretName": "buildAgent.registrationTokenSecret",
	"kubernetesRole":              "buildAgent.kubernetesRole",
	"kubernetesNamespaces":        "buildAgent.kubernetesNamespaces",
	"ci":                          "buildAgent.ci",
}

// kubernetesRoles maps buildAgent.kubernetesRole to the Azure RBAC for Kubernetes role.
var kubernetesRoles = map[string]string{
	"reader":       rbac.AKSRBACReader,
	"writer":       rbac.AKSRBACWriter,
	"admin":        rbac.AKSRBACAdmin,
	"clusterAdmin": rbac.AKSRBACClusterAdmin,
}

// BuildAgentArgs are the build agent component's arguments that the configuration sets, or nil when the agents
// are disabled. The caller adds the resource group, the subnet, the names of the registry, vault and cluster, the
// IDs of the grants they hold for the agents, and tags.
func (c *Config) BuildAgentArgs() *buildagent.BuildAgentArgs {
	a := c.BuildAgent
	if !a.Enabled {
		return nil
	}
	return &buildagent.BuildAgentArgs{
		Location:                    pulumi.String(c.Environment.Location),
		NamePrefix:                  c.Names.BuildAgentPrefix,
		Count:                       a.Count,
		VMSize:                      a.VMSize,
		AdminUsername:               a.AdminUsername,
		SSHPublicKey:                a.SSHPublicKey,
		Zones:                       c.Environment.AvailabilityZones,
		RegistrationTokenSecretName: a.RegistrationTokenSecret,
		KubernetesRole:              kubernetesRoles[a.KubernetesRole],
		KubernetesNamespaces:        a.KubernetesNamespaces,
		CI:                          buildagent.CI{System: a.CI.System, URL: a.CI.URL, Pool: a.CI.Pool, Labels: a.CI.Labels},
	}
}

// workloadKeys are the keys of workload i's component arguments.
func workloadKeys(i int) argumentKeys {
	key := fmt.Sprintf("workloads[%d]", i)
	return argumentKeys{
		"location":       "environment.location",
		"name":           key + ".name",
		"namespace":      key + ".namespace",
		"serviceAccount": key + ".serviceAccount",
		"tenantId":       "entra.tenantId",
		"secrets":        key + ".secrets",
		"certificates":   key + ".certificates",
	}
}

// WorkloadArgs are the workload identity arguments of each workload that the configuration sets. The caller adds
// the resource group, the cluster's OIDC issuer, the vault's name and tags.
func (c *Config) WorkloadArgs() []*workloadidentity.WorkloadIdentityArgs {
	var out []*workloadidentity.WorkloadIdentityArgs
	for _, w := range c.Workloads {
		out = append(out, &workloadidentity.WorkloadIdentityArgs{
			Location:       pulumi.String(c.Environment.Location),
			Name:           w.Name,
			Namespace:      w.Namespace,
			ServiceAccount: w.ServiceAccount,
			TenantID:       c.Entra.TenantID,
			Secrets:        w.Secrets,
			Certificates:   w.Certificates,
		})
	}
	return out
}
