// Package privateendpoint connects an Azure PaaS resource to a subnet through a private endpoint and registers the
// endpoint's addresses in a private DNS zone. It is a helper, not a component: the resources it creates belong to
// the calling component, so pass pulumi.Parent(component) in opts.
package privateendpoint

import (
	"fmt"
	"strings"

	network "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
)

// maxEndpointNameLength is Azure's limit for private endpoint names; the "-nic" interface name then stays within
// the 80 characters network interfaces allow.
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftnetwork
const maxEndpointNameLength = 64

// DNSZoneGroupName is the Azure name of the private DNS zone group; an endpoint holds one group.
const DNSZoneGroupName = "default"

// Args describe one private endpoint.
type Args struct {
	// ResourceGroupName is the resource group of the endpoint and its network interface.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the region of the endpoint; it must be the region of the subnet's VNet.
	Location pulumi.StringInput `pulumi:"location"`
	// ResourceName is the Azure name of the target resource, used in the endpoint's name.
	ResourceName string `pulumi:"resourceName"`
	// ResourceID is the ARM ID of the target resource (the private link service ID).
	ResourceID pulumi.StringInput `pulumi:"resourceId"`
	// GroupID is the target sub-resource, e.g. "registry" or "vault".
	// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource
	GroupID string `pulumi:"groupId"`
	// SubnetID is the ARM ID of the subnet the endpoint takes its private IP from.
	SubnetID pulumi.StringInput `pulumi:"subnetId"`
	// PrivateDNSZoneID is the ARM ID of the privatelink zone that resolves the target's names to the endpoint.
	PrivateDNSZoneID pulumi.StringInput `pulumi:"privateDnsZoneId"`
	// Tags go on the endpoint.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Name is the Azure name of the endpoint of resourceName's groupID: "pep-<resource>-<groupId>", the Azure Verified
// Modules convention. Its network interface is Name + "-nic".
func Name(resourceName, groupID string) string {
	return "pep-" + resourceName + "-" + groupID
}

// New creates the private endpoint, logical name `name`, and its DNS zone group, logical name name + "-dns".
// The zone group makes Azure write (and remove) the A records of every FQDN the endpoint serves, so callers never
// manage records themselves: https://learn.microsoft.com/azure/private-link/private-endpoint-dns#private-dns-zone-group
// Before it creates anything, New returns every problem of args as a *validation.Error at the Args' pulumi paths.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*network.PrivateEndpoint, error) {
	if err := args.validate(); err != nil {
		return nil, err
	}
	endpointName := Name(args.ResourceName, args.GroupID)
	endpoint, err := network.NewPrivateEndpoint(ctx, name, &network.PrivateEndpointArgs{
		ResourceGroupName:   args.ResourceGroupName,
		PrivateEndpointName: pulumi.String(endpointName),
		Location:            args.Location,
		Subnet:              &network.SubnetTypeArgs{Id: args.SubnetID},
		// Without a custom name Azure names the interface "<endpoint>.nic.<guid>", which no plan can predict.
		CustomNetworkInterfaceName: pulumi.String(endpointName + "-nic"),
		PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{
			&network.PrivateLinkServiceConnectionArgs{
				Name:                 pulumi.String(endpointName),
				PrivateLinkServiceId: args.ResourceID,
				GroupIds:             pulumi.StringArray{pulumi.String(args.GroupID)},
			},
		},
		Tags: args.Tags,
	}, opts...)
	if err != nil {
		return nil, err
	}

	_, err = network.NewPrivateDnsZoneGroup(ctx, name+"-dns", &network.PrivateDnsZoneGroupArgs{
		ResourceGroupName: args.ResourceGroupName,
		// The endpoint's name output, not the plain name, so the group waits for the endpoint.
		PrivateEndpointName:     endpoint.Name,
		PrivateDnsZoneGroupName: pulumi.String(DNSZoneGroupName),
		PrivateDnsZoneConfigs: network.PrivateDnsZoneConfigArray{
			&network.PrivateDnsZoneConfigArgs{
				Name:             zoneConfigName(args.PrivateDNSZoneID),
				PrivateDnsZoneId: args.PrivateDNSZoneID,
			},
		},
	}, opts...)
	if err != nil {
		return nil, err
	}
	return endpoint, nil
}

// zoneConfigName names the zone's entry in the group after the zone, dots replaced by hyphens as the portal does
// ("privatelink-azurecr-io").
func zoneConfigName(zoneID pulumi.StringInput) pulumi.StringOutput {
	return zoneID.ToStringOutput().ApplyT(ZoneConfigName).(pulumi.StringOutput)
}

// ZoneConfigName is the name of the zone group entry for the zone with this ARM ID.
func ZoneConfigName(zoneID string) string {
	zone := zoneID[strings.LastIndexByte(zoneID, '/')+1:]
	return strings.ReplaceAll(zone, ".", "-")
}

// CheckName reports at path a resourceName whose endpoint name for groupID, Name(resourceName, groupID), is longer
// than Azure allows, so a component can check the endpoint it will create in its own Validate.
func CheckName(p *validation.Problems, path, resourceName, groupID string) {
	endpointName := Name(resourceName, groupID)
	if len(endpointName) <= maxEndpointNameLength {
		return
	}
	longest := maxEndpointNameLength - len(Name("", groupID))
	p.Addf(path, resourceName, fmt.Sprintf("shorten it to at most %d characters", longest),
		"derives the private endpoint name %q, longer than the %d characters Azure allows", endpointName, maxEndpointNameLength)
}

func (a Args) validate() error { return validation.Check("privateendpoint", a.check) }

func (a Args) check(p *validation.Problems) {
	p.Required(a.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", a.Location)
	p.Required(a.ResourceName != "", "resourceName", "pass the target resource's Azure name")
	p.Required(a.ResourceID != nil, "resourceId", "pass the target resource's ARM ID")
	p.Required(a.GroupID != "", "groupId", "pass the target's private link sub-resource, e.g. registry or vault")
	p.Required(a.SubnetID != nil, "subnetId", "pass the ID of the subnet the endpoint takes its private IP from")
	p.Required(a.PrivateDNSZoneID != nil, "privateDnsZoneId", "pass the ID of the target's privatelink zone")
	CheckName(p, "resourceName", a.ResourceName, a.GroupID)
}
