// Package registry builds the private container registry of a hardaks environment: a Premium Azure Container
// Registry reachable only through a private endpoint, with admin user, export and anonymous access off.
//
// Azure names: the registry is RegistryName; its private endpoint is pep-<registry>-registry (interface
// pep-<registry>-registry-nic); the optional delete lock is lock-<registry>.
package registry

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/access"
	"github.com/hardaks/hardaks/components/diagnostics"
	"github.com/hardaks/hardaks/components/lock"
	"github.com/hardaks/hardaks/components/privateendpoint"
	"github.com/hardaks/hardaks/components/rbac"
)

// privateLinkGroupID is the registry's private link sub-resource.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource
const privateLinkGroupID = "registry"

// DefaultUntaggedRetentionDays is Azure's own retention of untagged manifests, which UntaggedRetentionDays 0 means.
// https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy
const DefaultUntaggedRetentionDays = 7

// RegistryArgs configures a Registry.
type RegistryArgs struct {
	// ResourceGroupName is the resource group of the registry and its private endpoint.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region of the registry and its private endpoint.
	Location pulumi.StringInput `pulumi:"location"`
	// RegistryName is the globally unique Azure name, 5-50 alphanumerics.
	RegistryName string `pulumi:"registryName"`
	// ZoneRedundancy spreads the registry over availability zones. Azure fixes it at creation; changing it replaces
	// the registry. https://learn.microsoft.com/azure/container-registry/zone-redundancy
	ZoneRedundancy bool `pulumi:"zoneRedundancy,optional"`
	// UntaggedRetentionDays is how long untagged manifests are kept before Azure purges them, 1-365; 0 means
	// Azure's default of 7.
	UntaggedRetentionDays int `pulumi:"untaggedRetentionDays,optional"`
	// QuarantineEnabled holds pushed images back from pulls until a scanner marks them as passed.
	// https://github.com/Azure/acr/tree/main/docs/preview/quarantine
	QuarantineEnabled bool `pulumi:"quarantineEnabled,optional"`
	// ContentTrustEnabled turns on Docker Content Trust (Notary v1). Azure has deprecated it: since 31 May 2026 it
	// cannot be enabled on a registry that did not have it, and it is removed on 31 March 2028. Sign images with
	// Notary Project (notation) instead.
	// https://learn.microsoft.com/azure/container-registry/container-registry-content-trust-deprecation
	ContentTrustEnabled bool `pulumi:"contentTrustEnabled,optional"`
	// PrivateEndpointSubnetID is the ARM ID of the subnet the private endpoint takes its address from.
	PrivateEndpointSubnetID pulumi.StringInput `pulumi:"privateEndpointSubnetId"`
	// PrivateDNSZoneID is the ARM ID of the privatelink.azurecr.io private DNS zone.
	PrivateDNSZoneID pulumi.StringInput `pulumi:"privateDnsZoneId"`
	// LogAnalyticsWorkspaceID receives the registry's audit logs (logins and repository events); nil sends none.
	LogAnalyticsWorkspaceID pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId,optional"`
	// RoleAssignments grant roles on the registry to principals this component does not own (AcrPull for the AKS
	// kubelet identity, AcrPush for the build agents).
	RoleAssignments []rbac.RoleAssignment `pulumi:"roleAssignments,optional"`
	// RoleAssignmentPrincipalIDs are the principals of the RoleAssignments without a principalId, keyed by their
	// name: the principals that are outputs of other resources.
	RoleAssignmentPrincipalIDs pulumi.StringMapInput `pulumi:"roleAssignmentPrincipalIds,optional"`
	// Protect makes Pulumi refuse to delete the registry.
	Protect bool `pulumi:"protect,optional"`
	// Lock puts a management lock on the registry, named lock-<registry> unless named; nil means none.
	Lock *lock.Lock `pulumi:"lock,optional"`
	// Tags go on every taggable resource.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Registry is a private Premium container registry.
type Registry struct {
	pulumi.ResourceState

	// RegistryID is the ARM ID of the registry.
	RegistryID pulumi.StringOutput `pulumi:"registryId"`
	// RegistryName is the Azure name of the registry.
	RegistryName pulumi.StringOutput `pulumi:"registryName"`
	// LoginServer is the registry's host name, <name>.azurecr.io.
	LoginServer pulumi.StringOutput `pulumi:"loginServer"`
	// PrivateEndpointID is the ARM ID of the registry's private endpoint.
	PrivateEndpointID pulumi.StringOutput `pulumi:"privateEndpointId"`
	// RoleAssignmentIDs maps the name of each of RoleAssignments to the assignment's ARM ID.
	RoleAssignmentIDs pulumi.StringMapOutput `pulumi:"roleAssignmentIds"`
}

// NewRegistry registers the registry, its private endpoint and DNS zone group, the role assignments and, last,
// the optional delete lock.
func NewRegistry(ctx *pulumi.Context, name string, args *RegistryArgs, opts ...pulumi.ResourceOption) (*Registry, error) {
	if args == nil {
		return nil, errors.New("registry: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}

	comp := &Registry{}
	if err := ctx.RegisterComponentResource("hardaks:registry:Registry", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	acr, err := newContainerRegistry(ctx, name+"-acr", args, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	registryID := acr.ID().ToStringOutput()

	attached, err := access.Attach(ctx, comp, name, registryID, accessSpec(args))
	if err != nil {
		return nil, err
	}

	comp.RegistryID = registryID
	comp.RegistryName = acr.Name
	comp.LoginServer = acr.LoginServer
	comp.PrivateEndpointID = attached.PrivateEndpointID
	comp.RoleAssignmentIDs = attached.RoleAssignmentIDs.ToStringMapOutput()
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"registryId":        comp.RegistryID,
		"registryName":      comp.RegistryName,
		"loginServer":       comp.LoginServer,
		"privateEndpointId": comp.PrivateEndpointID,
		"roleAssignmentIds": comp.RoleAssignmentIDs,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}

// accessSpec is the registry's endpoint, assignments, audit logs and lock.
func accessSpec(args *RegistryArgs) access.Spec {
	spec := access.Spec{
		ResourceKind: "container registry",
		ResourceName: args.RegistryName,
		// One zone group entry in privatelink.azurecr.io registers both the login server <name>.azurecr.io and the
		// regional data endpoint <name>.<region>.data.azurecr.io, so pulls of layers also stay on the private
		// endpoint. https://learn.microsoft.com/azure/container-registry/container-registry-private-link
		PrivateEndpoint: &privateendpoint.Args{
			ResourceGroupName: args.ResourceGroupName,
			Location:          args.Location,
			GroupID:           privateLinkGroupID,
			SubnetID:          args.PrivateEndpointSubnetID,
			PrivateDNSZoneID:  args.PrivateDNSZoneID,
			Tags:              args.Tags,
		},
		RoleAssignments: args.RoleAssignments,
		PrincipalIDs:    args.RoleAssignmentPrincipalIDs,
		Lock:            args.Lock,
	}
	if args.LogAnalyticsWorkspaceID != nil {
		// The audit category group is ContainerRegistryLoginEvents and ContainerRegistryRepositoryEvents: who
		// authenticated, and every push, pull and delete. https://learn.microsoft.com/azure/container-registry/monitor-container-registry-reference
		spec.Diagnostics = &diagnostics.SettingArgs{
			WorkspaceID:            args.LogAnalyticsWorkspaceID,
			SettingName:            "diag-" + args.RegistryName,
			LogCategoryGroups:      []string{"audit"},
			ResourceSpecificTables: true,
		}
	}
	return spec
}
