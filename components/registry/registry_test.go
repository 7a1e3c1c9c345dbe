package registry_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/internal/offline"
)

const (
	rgID       = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hardaks-dev"
	registryID = rgID + "/providers/Microsoft.ContainerRegistry/registries/acrhardaksdev"
	endpointID = rgID + "/providers/Microsoft.Network/privateEndpoints/pep-acrhardaksdev-registry"
	subnetID   = rgID + "/providers/Microsoft.Network/virtualNetworks/vnet-hardaks-dev/subnets/snet-private-endpoints"
	zoneID     = rgID + "/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"
	kubeletID  = "6f1c0a52-3c1e-4b8e-9a51-0d9a4f1e2b3c"

	componentType  = "hardaks:registry:Registry"
	registryType   = "azure-native:containerregistry/v20230701:Registry"
	endpointType   = "azure-native:network/v20240301:PrivateEndpoint"
	zoneGroupType  = "azure-native:network/v20240301:PrivateDnsZoneGroup"
	assignmentType = "azure-native:authorization/v20220401:RoleAssignment"
	lockType       = "azure-native:authorization/v20200501:ManagementLockByScope"
)

func validArgs() *registry.RegistryArgs {
	return &registry.RegistryArgs{
		ResourceGroupName:       pulumi.String("rg-hardaks-dev"),
		Location:                pulumi.String("westeurope"),
		RegistryName:            "acrhardaksdev",
		UntaggedRetentionDays:   30,
		PrivateEndpointSubnetID: pulumi.String(subnetID),
		PrivateDNSZoneID:        pulumi.String(zoneID),
		RoleAssignments: []rbac.RoleAssignment{{
			Name:          "kubelet-acrpull",
			Role:          rbac.AcrPull,
			PrincipalType: rbac.PrincipalServicePrincipal,
		}},
		RoleAssignmentPrincipalIDs: pulumi.StringMap{"kubelet-acrpull": pulumi.String(kubeletID)},
		Tags:                       pulumi.StringMap{"env": pulumi.String("dev")},
	}
}

func run(t *testing.T, args *registry.RegistryArgs) (*offline.Plan, error) {
	t.Helper()
	return offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		r, err := registry.NewRegistry(ctx, "acr", args)
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"registryId":        r.RegistryID,
			"registryName":      r.RegistryName,
			"loginServer":       r.LoginServer,
			"privateEndpointId": r.PrivateEndpointID,
		}, nil
	})
}

func mustRun(t *testing.T, args *registry.RegistryArgs) *offline.Plan {
	t.Helper()
	plan, err := run(t, args)
	require.NoError(t, err)
	return plan
}

func TestNewRegistryRegistersEveryResourceInOrderUnderTheComponent(t *testing.T) {
	args := validArgs()
	args.Lock = &lock.Lock{Kind: lock.CanNotDelete}
	plan := mustRun(t, args)

	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		componentType + " acr",
		registryType + " acr-acr",
		endpointType + " acr-pe",
		zoneGroupType + " acr-pe-dns",
		assignmentType + " acr-ra-kubelet-acrpull",
		lockType + " acr-lock",
	}, got)
	comp := plan.Resources[0]
	assert.Equal(t, "", comp.Parent)
	for _, r := range plan.Resources[1:] {
		assert.Equal(t, comp.URN, r.Parent, r.Name)
	}
}

func TestNewRegistryCreatesAPrivatePremiumRegistry(t *testing.T) {
	plan := mustRun(t, validArgs())

	acr := plan.MustFind(t, registryType, "acr-acr")
	assert.Equal(t, map[string]any{
		"resourceGroupName":        "rg-hardaks-dev",
		"registryName":             "acrhardaksdev",
		"location":                 "westeurope",
		"sku":                      map[string]any{"name": "Premium"},
		"adminUserEnabled":         false,
		"publicNetworkAccess":      "Disabled",
		"networkRuleSet":           map[string]any{"defaultAction": "Deny"},
		"networkRuleBypassOptions": "AzureServices",
		"dataEndpointEnabled":      true,
		"zoneRedundancy":           "Disabled",
		"policies": map[string]any{
			"retentionPolicy":  map[string]any{"days": 30.0, "status": "enabled"},
			"exportPolicy":     map[string]any{"status": "disabled"},
			"quarantinePolicy": map[string]any{"status": "disabled"},
			"trustPolicy":      map[string]any{"type": "Notary", "status": "disabled"},
		},
		"tags": map[string]any{"env": "dev"},
	}, acr.Inputs)
	assert.Equal(t, registryID, acr.ID)
	assert.Empty(t, acr.Dependencies)
}

func TestNewRegistryTurnsOnTheOptionalFeatures(t *testing.T) {
	args := validArgs()
	args.ZoneRedundancy = true
	args.QuarantineEnabled = true
	args.ContentTrustEnabled = true
	plan := mustRun(t, args)

	acr := plan.MustFind(t, registryType, "acr-acr")
	assert.Equal(t, "Enabled", acr.Inputs["zoneRedundancy"])
	assert.Equal(t, map[string]any{"status": "enabled"}, offline.Get(acr.Inputs, "policies.quarantinePolicy"))
	assert.Equal(t, map[string]any{"type": "Notary", "status": "enabled"}, offline.Get(acr.Inputs, "policies.trustPolicy"))
}

func TestNewRegistryRetentionDays(t *testing.T) {
	tests := []struct {
		name  string
		given int
		want  float64
	}{
		{"zero days means Azure's default of seven", 0, 7},
		{"one day is kept", 1, 1},
		{"365 days is kept", 365, 365},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			args.UntaggedRetentionDays = tt.given
			plan := mustRun(t, args)
			acr := plan.MustFind(t, registryType, "acr-acr")
			assert.Equal(t, map[string]any{"days": tt.want, "status": "enabled"}, offline.Get(acr.Inputs, "policies.retentionPolicy"))
		})
	}
}

func TestNewRegistryConnectsAPrivateEndpointToTheRegistry(t *testing.T) {
	plan := mustRun(t, validArgs())
	acr := plan.MustFind(t, registryType, "acr-acr")

	pe := plan.MustFind(t, endpointType, "acr-pe")
	assert.Equal(t, map[string]any{
		"resourceGroupName":          "rg-hardaks-dev",
		"privateEndpointName":        "pep-acrhardaksdev-registry",
		"location":                   "westeurope",
		"customNetworkInterfaceName": "pep-acrhardaksdev-registry-nic",
		"subnet": map[string]any{
			"id":                                subnetID,
			"privateEndpointNetworkPolicies":    "Disabled",
			"privateLinkServiceNetworkPolicies": "Enabled",
		},
		"privateLinkServiceConnections": []any{map[string]any{
			"name":                 "pep-acrhardaksdev-registry",
			"privateLinkServiceId": registryID,
			"groupIds":             []any{"registry"},
		}},
		"tags": map[string]any{"env": "dev"},
	}, pe.Inputs)
	assert.Equal(t, []string{acr.URN}, pe.Dependencies)

	group := plan.MustFind(t, zoneGroupType, "acr-pe-dns")
	assert.Equal(t, map[string]any{
		"resourceGroupName":       "rg-hardaks-dev",
		"privateEndpointName":     "pep-acrhardaksdev-registry",
		"privateDnsZoneGroupName": "default",
		"privateDnsZoneConfigs": []any{map[string]any{
			"name":             "privatelink-azurecr-io",
			"privateDnsZoneId": zoneID,
		}},
	}, group.Inputs)
	assert.Equal(t, []string{pe.URN}, group.Dependencies)
}

func TestNewRegistryAssignsTheGivenRolesOnTheRegistry(t *testing.T) {
	args := validArgs()
	args.RoleAssignments = append(args.RoleAssignments, rbac.RoleAssignment{
		Name:          "ci-push",
		Role:          rbac.AcrPush,
		PrincipalID:   "9d2b6a8e-1c4f-4e0a-8b7d-3f5e6a7b8c9d",
		PrincipalType: rbac.PrincipalGroup,
	})
	plan := mustRun(t, args)
	acr := plan.MustFind(t, registryType, "acr-acr")

	tests := []struct {
		logical, role, principal, principalType string
	}{
		{"acr-ra-kubelet-acrpull", rbac.MustRoleGUID(rbac.AcrPull), kubeletID, "ServicePrincipal"},
		{"acr-ra-ci-push", rbac.MustRoleGUID(rbac.AcrPush), "9d2b6a8e-1c4f-4e0a-8b7d-3f5e6a7b8c9d", "Group"},
	}
	require.Len(t, plan.OfType(assignmentType), len(tests))
	for _, tt := range tests {
		t.Run(tt.logical, func(t *testing.T) {
			ra := plan.MustFind(t, assignmentType, tt.logical)
			assert.Equal(t, map[string]any{
				"roleAssignmentName": rbac.AssignmentName(registryID, tt.principal, tt.role),
				"scope":              registryID,
				"roleDefinitionId":   "/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/" + tt.role,
				"principalId":        tt.principal,
				"principalType":      tt.principalType,
			}, ra.Inputs)
			assert.Equal(t, []string{acr.URN}, ra.Dependencies)
		})
	}
}

func TestNewRegistryWithoutRoleAssignmentsAssignsNothing(t *testing.T) {
	args := validArgs()
	args.RoleAssignments = nil
	args.RoleAssignmentPrincipalIDs = nil
	plan := mustRun(t, args)
	assert.Empty(t, plan.OfType(assignmentType))
}

func TestNewRegistryProtect(t *testing.T) {
	for _, protect := range []bool{true, false} {
		t.Run(map[bool]string{true: "protect true protects the registry only", false: "protect false protects nothing"}[protect], func(t *testing.T) {
			args := validArgs()
			args.Protect = protect
			plan := mustRun(t, args)
			for _, r := range plan.Resources {
				assert.Equal(t, protect && r.Type == registryType, r.Protect, r.Name)
			}
		})
	}
}

func TestNewRegistryLock(t *testing.T) {
	t.Run("lock true puts a CanNotDelete lock on the registry after everything under it", func(t *testing.T) {
		args := validArgs()
		args.Lock = &lock.Lock{Kind: lock.CanNotDelete}
		plan := mustRun(t, args)

		lock := plan.MustFind(t, lockType, "acr-lock")
		assert.Equal(t, map[string]any{
			"lockName": "lock-acrhardaksdev",
			"scope":    registryID,
			"level":    "CanNotDelete",
			"notes":    "Managed by hardaks (Pulumi): protects the container registry from deletion.",
		}, lock.Inputs)
		assert.Equal(t, registryID+"/providers/Microsoft.Authorization/locks/lock-acrhardaksdev", lock.ID)
		assert.ElementsMatch(t, []string{
			plan.URNOf(registryType, "acr-acr"),
			plan.URNOf(endpointType, "acr-pe"),
			plan.URNOf(assignmentType, "acr-ra-kubelet-acrpull"),
		}, lock.Dependencies)
	})
	t.Run("lock false creates no lock", func(t *testing.T) {
		plan := mustRun(t, validArgs())
		assert.Empty(t, plan.OfType(lockType))
	})
}

func TestNewRegistryExportsItsOutputs(t *testing.T) {
	plan := mustRun(t, validArgs())
	assert.Equal(t, map[string]any{
		"registryId":        registryID,
		"registryName":      "acrhardaksdev",
		"loginServer":       "acrhardaksdev.azurecr.io",
		"privateEndpointId": endpointID,
	}, plan.Outputs)
}

func TestNewRegistryRejectsInvalidArgs(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*registry.RegistryArgs)
		want   string
	}{
		{"a missing resource group is rejected", func(a *registry.RegistryArgs) { a.ResourceGroupName = nil }, "registry: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"a missing location is rejected", func(a *registry.RegistryArgs) { a.Location = nil }, "registry: location = (not set): is required; set an Azure region, e.g. westeurope"},
		{"a missing endpoint subnet is rejected", func(a *registry.RegistryArgs) { a.PrivateEndpointSubnetID = nil }, "registry: privateEndpointSubnetId = (not set): is required; pass the private endpoint subnet's ID"},
		{"a missing DNS zone is rejected", func(a *registry.RegistryArgs) { a.PrivateDNSZoneID = nil }, "registry: privateDnsZoneId = (not set): is required; pass the privatelink.azurecr.io zone's ID"},
		{"an empty name is rejected", func(a *registry.RegistryArgs) { a.RegistryName = "" }, "registry: registryName = (not set): registry names are 5-50 letters and digits, unique across Azure; choose another name"},
		{"a four-character name is rejected", func(a *registry.RegistryArgs) { a.RegistryName = "acr1" }, `registry: registryName = "acr1": registry names are 5-50 letters and digits, unique across Azure; choose another name`},
		{"a 51-character name is rejected", func(a *registry.RegistryArgs) { a.RegistryName = "a12345678901234567890123456789012345678901234567890" },
			`registry: registryName = "a12345678901234567890123456789012345678901234567890": registry names are 5-50 letters and digits, unique across Azure; choose another name`},
		{"a name with a hyphen is rejected", func(a *registry.RegistryArgs) { a.RegistryName = "acr-hardaks" }, `registry: registryName = "acr-hardaks": registry names are 5-50 letters and digits, unique across Azure; choose another name`},
		{"negative retention is rejected", func(a *registry.RegistryArgs) { a.UntaggedRetentionDays = -1 },
			`registry: untaggedRetentionDays = "-1": must be 0 (Azure's default of 7) to 365 days; use 7 (Azure's default)`},
		{"retention over a year is rejected", func(a *registry.RegistryArgs) { a.UntaggedRetentionDays = 366 },
			`registry: untaggedRetentionDays = "366": must be 0 (Azure's default of 7) to 365 days; use 7 (Azure's default)`},
		{"a duplicate role assignment name is rejected", func(a *registry.RegistryArgs) { a.RoleAssignments = append(a.RoleAssignments, a.RoleAssignments[0]) },
			`registry: roleAssignments[1].name = "kubelet-acrpull": names a second assignment; give each assignment its own name`},
		{"zone redundancy in a region without zones is rejected", func(a *registry.RegistryArgs) {
			a.Location = pulumi.String("northcentralus")
			a.ZoneRedundancy = true
		}, `registry: zoneRedundancy = "true": region northcentralus has no availability zones; set zoneRedundancy to false`},
		{"an unknown role is rejected", func(a *registry.RegistryArgs) { a.RoleAssignments[0].Role = "Owner" }, `registry: roleAssignments[0].role = "Owner": is neither a built-in role hardaks knows nor a role definition ID; use one of AcrPull, AcrPush, Azure Kubernetes Service Cluster User Role, Azure Kubernetes Service RBAC Admin, Azure Kubernetes Service RBAC Cluster Admin, Azure Kubernetes Service RBAC Reader, Azure Kubernetes Service RBAC Writer, Key Vault Certificate User, Key Vault Secrets User, Managed Identity Operator, Monitoring Metrics Publisher, Network Contributor, Private DNS Zone Contributor, or /providers/Microsoft.Authorization/roleDefinitions/<guid>`},
		{"an assignment without a principal is rejected", func(a *registry.RegistryArgs) { a.RoleAssignmentPrincipalIDs = nil }, "registry: roleAssignments[0].principalId = (not set): is not set and roleAssignmentPrincipalIds has no kubelet-acrpull; set principalId, or roleAssignmentPrincipalIds.kubelet-acrpull"},
		{"a principal for no assignment is rejected", func(a *registry.RegistryArgs) {
			a.RoleAssignmentPrincipalIDs = pulumi.StringMap{"kubelet-acrpull": pulumi.String(kubeletID), "agent-acrpush": pulumi.String(kubeletID)}
		}, "registry: roleAssignmentPrincipalIds.agent-acrpush = (not set): names no role assignment; remove it, or add a roleAssignments entry named agent-acrpush"},
		{"a namespace on a registry assignment is rejected", func(a *registry.RegistryArgs) { a.RoleAssignments[0].Namespace = "apps" }, `registry: roleAssignments[0].namespace = "apps": applies to a cluster's assignments only; remove it`},
		{"a lock of an unknown kind is rejected", func(a *registry.RegistryArgs) { a.Lock = &lock.Lock{Kind: "Delete"} }, `registry: lock.kind = "Delete": must be CanNotDelete or ReadOnly; choose what the lock refuses`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := validArgs()
			tt.mutate(args)
			_, err := run(t, args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("nil args are rejected", func(t *testing.T) {
		_, err := run(t, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "registry: args must not be nil")
	})
}

func TestRegistryArgsReportEveryProblemAtOnce(t *testing.T) {
	args := validArgs()
	args.RegistryName = "acr-1"
	args.UntaggedRetentionDays = 400
	args.RoleAssignments[0].PrincipalType = "Robot"
	assert.EqualError(t, args.Validate(), `registry: registryName = "acr-1": registry names are 5-50 letters and digits, unique across Azure; choose another name
registry: untaggedRetentionDays = "400": must be 0 (Azure's default of 7) to 365 days; use 7 (Azure's default)
registry: roleAssignments[0].principalType = "Robot": must be Group, ServicePrincipal or User; set the kind of principal being granted`)
}

func TestNewRegistryAcceptsBoundaryNames(t *testing.T) {
	for _, name := range []string{"acr01", "A1234567890123456789012345678901234567890123456789"} {
		t.Run(name, func(t *testing.T) {
			args := validArgs()
			args.RegistryName = name
			plan := mustRun(t, args)
			assert.Equal(t, name, plan.MustFind(t, registryType, "acr-acr").Inputs["registryName"])
		})
	}
}

func TestRegistryAuditLogsGoToTheWorkspaceWhenOneIsGiven(t *testing.T) {
	workspaceID := rgID + "/providers/Microsoft.OperationalInsights/workspaces/log-hardaks-dev"
	args := validArgs()
	args.LogAnalyticsWorkspaceID = pulumi.String(workspaceID)
	args.Lock = &lock.Lock{Kind: lock.CanNotDelete}
	plan := mustRun(t, args)

	diag := plan.MustFind(t, "azure-native:insights/v20210501preview:DiagnosticSetting", "acr-diag")
	assert.Equal(t, map[string]any{
		"name":                        "diag-acrhardaksdev",
		"resourceUri":                 registryID,
		"workspaceId":                 workspaceID,
		"logs":                        []any{map[string]any{"categoryGroup": "audit", "enabled": true}},
		"logAnalyticsDestinationType": "Dedicated",
	}, diag.Inputs)
	assert.Equal(t, plan.URNOf("hardaks:registry:Registry", "acr"), diag.Parent)
	assert.Contains(t, plan.MustFind(t, "azure-native:authorization/v20200501:ManagementLockByScope", "acr-lock").Dependencies, diag.URN,
		"the lock is created after the diagnostic setting under it")

	withoutWorkspace := mustRun(t, validArgs())
	assert.Empty(t, withoutWorkspace.OfType("azure-native:insights/v20210501preview:DiagnosticSetting"))
}
