package network

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// rule is one inbound or outbound NSG rule. Exactly one of port and ports is set.
type rule struct {
	name        string
	priority    int
	direction   string
	access      string
	protocol    string
	source      string
	destination string
	port        string
	ports       []string
}

// newSecurityGroup creates an NSG with its rules inline, so the NSG owns its complete rule set and any rule added
// out of band is removed on the next update.
func newSecurityGroup(ctx *pulumi.Context, logicalName string, args *NetworkArgs, azureName string, rules []rule, opts ...pulumi.ResourceOption) (*aznetwork.NetworkSecurityGroup, error) {
	inline := aznetwork.SecurityRuleTypeArray{}
	for _, r := range rules {
		sr := aznetwork.SecurityRuleTypeArgs{
			Name:                     pulumi.String(r.name),
			Priority:                 pulumi.Int(r.priority),
			Direction:                pulumi.String(r.direction),
			Access:                   pulumi.String(r.access),
			Protocol:                 pulumi.String(r.protocol),
			SourceAddressPrefix:      pulumi.String(r.source),
			SourcePortRange:          pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String(r.destination),
		}
		if len(r.ports) > 0 {
			sr.DestinationPortRanges = pulumi.ToStringArray(r.ports)
		} else {
			sr.DestinationPortRange = pulumi.String(r.port)
		}
		inline = append(inline, sr)
	}
	return aznetwork.NewNetworkSecurityGroup(ctx, logicalName, &aznetwork.NetworkSecurityGroupArgs{
		ResourceGroupName:        args.ResourceGroupName,
		NetworkSecurityGroupName: pulumi.String(azureName),
		Location:                 args.Location,
		SecurityRules:            inline,
		Tags:                     args.Tags,
	}, opts...)
}

// securityRules returns the custom rules of the NSG of one subnet, in a fixed order: inbound by priority, then
// outbound by priority.
//
// The node and private endpoint NSGs have no custom rules. Azure's default rules are what AKS needs
// (AllowVnetInBound, AllowAzureLoadBalancerInBound; https://learn.microsoft.com/azure/aks/concepts-network#network-security-groups)
// and DenyAllInBound (65500) already drops everything from the internet. An explicit "deny Internet" rule at 4096
// is deliberately left out: it adds no protection over DenyAllInBound, and any custom deny evaluated before
// AllowAzureLoadBalancerInBound risks shadowing the load balancer health probes from 168.63.129.16 that AKS
// internal load balancers depend on.
func securityRules(role subnetRole, args *NetworkArgs) []rule {
	switch role {
	case roleBastion:
		return bastionRules()
	case roleBuildAgents:
		return buildAgentRules(args.BastionSubnetPrefix)
	default:
		return nil
	}
}

// bastionRules are exactly the rules Azure Bastion requires on AzureBastionSubnet, and nothing else; Bastion
// refuses to deploy into a subnet whose NSG lacks any of them.
// https://learn.microsoft.com/azure/bastion/bastion-nsg
func bastionRules() []rule {
	return []rule{
		// Clients reach Bastion over HTTPS from the internet.
		{name: "AllowHttpsInbound", priority: 120, direction: "Inbound", access: "Allow", protocol: "Tcp",
			source: "Internet", destination: "*", port: "443"},
		// The Bastion control plane.
		{name: "AllowGatewayManagerInbound", priority: 130, direction: "Inbound", access: "Allow", protocol: "Tcp",
			source: "GatewayManager", destination: "*", port: "443"},
		// Health probes.
		{name: "AllowAzureLoadBalancerInbound", priority: 140, direction: "Inbound", access: "Allow", protocol: "Tcp",
			source: "AzureLoadBalancer", destination: "*", port: "443"},
		// Data plane between Bastion instances.
		{name: "AllowBastionHostCommunication", priority: 150, direction: "Inbound", access: "Allow", protocol: "*",
			source: "VirtualNetwork", destination: "VirtualNetwork", ports: []string{"8080", "5701"}},
		// SSH and RDP to the target VMs.
		{name: "AllowSshRdpOutbound", priority: 100, direction: "Outbound", access: "Allow", protocol: "*",
			source: "*", destination: "VirtualNetwork", ports: []string{"22", "3389"}},
		// Diagnostics and metering endpoints.
		{name: "AllowAzureCloudOutbound", priority: 110, direction: "Outbound", access: "Allow", protocol: "Tcp",
			source: "*", destination: "AzureCloud", port: "443"},
		// Data plane between Bastion instances.
		{name: "AllowBastionCommunication", priority: 120, direction: "Outbound", access: "Allow", protocol: "*",
			source: "VirtualNetwork", destination: "VirtualNetwork", ports: []string{"8080", "5701"}},
		// Session and certificate validation.
		{name: "AllowHttpOutbound", priority: 130, direction: "Outbound", access: "Allow", protocol: "*",
			source: "*", destination: "Internet", port: "80"},
	}
}

// buildAgentRules admit SSH to the build agents only from Bastion. The explicit deny is needed because Azure's
// default AllowVnetInBound (65000) would otherwise admit SSH from every subnet of the VNet, the AKS nodes included.
// The agents run Linux, so there is no RDP to deny.
func buildAgentRules(bastionPrefix string) []rule {
	return []rule{
		{name: "AllowSshFromBastion", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp",
			source: bastionPrefix, destination: "*", port: "22"},
		{name: "DenySshFromElsewhere", priority: 110, direction: "Inbound", access: "Deny", protocol: "Tcp",
			source: "*", destination: "*", port: "22"},
	}
}
