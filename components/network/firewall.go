package network

import (
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2/v20240301"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/diagnostics"
)

// Firewall SKU tiers hardaks deploys. Basic is left out: it needs a management subnet and public IP of its own,
// and has no IDPS. https://learn.microsoft.com/azure/firewall/choose-firewall-sku
const (
	FirewallSkuStandard = "Standard"
	FirewallSkuPremium  = "Premium"
)

// Rule collection group priorities: the AKS requirements first, then what the build agents need.
const (
	nodeRulesPriority       = 200
	buildAgentRulesPriority = 300
)

// ApplicationRule allows one set of FQDNs over one protocol and port.
type ApplicationRule struct {
	// Name is the rule's name within its collection.
	Name string `pulumi:"name"`
	// Description says why the endpoints are needed, and where that is documented.
	Description string `pulumi:"description,optional"`
	// FQDNs are the destinations; a leading "*." matches every subdomain.
	FQDNs []string `pulumi:"fqdns"`
	// Protocol is "Https" or "Http".
	Protocol string `pulumi:"protocol"`
	// Port is the destination port, e.g. 443.
	Port int `pulumi:"port"`
	// RegionalFQDNs are FQDNs that follow the region's name, e.g. "ingest.monitor.azure.com" for
	// "westeurope.ingest.monitor.azure.com".
	RegionalFQDNs []string `pulumi:"regionalFqdns,optional"`
}

// aksNodeRules are the application rules the AKS nodes need beyond the AzureKubernetesService FQDN tag, which covers
// the required FQDNs of "Azure Global required FQDN / application rules" and is kept current by Azure: the
// recommended Ubuntu update sources and the endpoints of the add-ons hardaks enables (Container Insights, Azure
// Policy, Defender). https://learn.microsoft.com/azure/aks/outbound-rules-control-egress
//
// No network rule is needed: the doc's required network rules are for public clusters (UDP 1194, TCP 9000, the API
// server's public IP), for nodes provisioned before March 2021 (NTP) or for custom DNS servers, and none applies to
// a private cluster on Azure DNS. The Key Vault and registry are reached through private endpoints inside the VNet,
// so their traffic never takes the default route.
var aksNodeRules = []ApplicationRule{
	{Name: "ubuntu-security-updates", Protocol: "Http", Port: 80,
		Description: "Optional recommended FQDN rules: Linux nodes download security patches",
		FQDNs:       []string{"security.ubuntu.com", "azure.archive.ubuntu.com", "changelogs.ubuntu.com"}},
	{Name: "ubuntu-snapshot", Protocol: "Https", Port: 443,
		Description: "Optional recommended FQDN rules: the Ubuntu snapshot service",
		FQDNs:       []string{"snapshot.ubuntu.com"}},
	{Name: "azure-monitor", Protocol: "Https", Port: 443,
		Description:   "Azure Monitor for containers required FQDN rules",
		FQDNs:         []string{"dc.services.visualstudio.com", "*.ods.opinsights.azure.com", "*.oms.opinsights.azure.com", "*.monitoring.azure.com"},
		RegionalFQDNs: []string{"ingest.monitor.azure.com", "handler.control.monitor.azure.com"}},
	{Name: "azure-policy", Protocol: "Https", Port: 443,
		Description: "Azure Policy add-on required FQDN rules",
		FQDNs:       []string{"data.policy.core.windows.net", "store.policy.core.windows.net", "dc.services.visualstudio.com"}},
	{Name: "defender", Protocol: "Https", Port: 443,
		Description: "Microsoft Defender for Containers required FQDN rules",
		FQDNs:       []string{"login.microsoftonline.com", "*.ods.opinsights.azure.com", "*.oms.opinsights.azure.com"}},
}

// firewall is what the rest of the network needs of the Azure Firewall.
type firewall struct {
	privateIP pulumi.StringOutput
	publicIP  *aznetwork.PublicIPAddress
}

// newFirewall creates the Azure Firewall in AzureFirewallSubnet with its public IP, its policy and rule collection
// groups, and its diagnostic setting. The groups are written one after another and the firewall after them (each
// write to a policy locks it; concurrent writes fail), so once the firewall exists its rules are in force: the
// nodes and agents that route through it are created only then (see NewNetwork).
func newFirewall(ctx *pulumi.Context, logicalName string, args *NetworkArgs, n names, subnetID pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*firewall, error) {
	fw := args.Firewall
	var zones pulumi.StringArrayInput
	if len(fw.Zones) > 0 {
		zones = pulumi.ToStringArray(fw.Zones)
	}
	// The firewall's egress address: Standard, static, in the firewall's zones.
	// https://learn.microsoft.com/azure/firewall/firewall-faq#what-are-some-azure-firewall-concepts
	publicIP, err := aznetwork.NewPublicIPAddress(ctx, logicalName+"-pip", &aznetwork.PublicIPAddressArgs{
		ResourceGroupName:        args.ResourceGroupName,
		Location:                 args.Location,
		PublicIpAddressName:      pulumi.String(n.firewallPublicIP()),
		Sku:                      &aznetwork.PublicIPAddressSkuArgs{Name: pulumi.String("Standard"), Tier: pulumi.String("Regional")},
		PublicIPAllocationMethod: pulumi.String("Static"),
		PublicIPAddressVersion:   pulumi.String("IPv4"),
		Zones:                    zones,
		Tags:                     args.Tags,
	}, opts...)
	if err != nil {
		return nil, err
	}

	policyArgs := &aznetwork.FirewallPolicyArgs{
		ResourceGroupName:  args.ResourceGroupName,
		Location:           args.Location,
		FirewallPolicyName: pulumi.String(n.firewallPolicy()),
		Sku:                &aznetwork.FirewallPolicySkuArgs{Tier: pulumi.String(fw.Sku)},
		// Traffic to and from known-malicious addresses and domains is dropped, not only logged.
		// https://learn.microsoft.com/azure/firewall/threat-intel
		ThreatIntelMode: pulumi.String("Deny"),
		Tags:            args.Tags,
	}
	if fw.Sku == FirewallSkuPremium {
		// IDPS blocks what its signatures match. TLS inspection is left off: it needs a CA certificate in Key Vault
		// that every client trusts. https://learn.microsoft.com/azure/firewall/premium-features#idps
		policyArgs.IntrusionDetection = &aznetwork.FirewallPolicyIntrusionDetectionArgs{Mode: pulumi.String("Deny")}
	}
	policy, err := aznetwork.NewFirewallPolicy(ctx, logicalName+"-policy", policyArgs, opts...)
	if err != nil {
		return nil, err
	}

	groups := []struct {
		name     string
		priority int
		rules    pulumi.Array
	}{
		{"aks-nodes", nodeRulesPriority, append(pulumi.Array{aksFQDNTagRule(args.NodeSubnetPrefix)},
			applicationRules(args.NodeSubnetPrefix, args.Location, aksNodeRules)...)},
		{"build-agents", buildAgentRulesPriority, applicationRules(args.BuildAgentSubnetPrefix, args.Location, fw.BuildAgentRules)},
	}
	after := []pulumi.Resource{policy}
	for _, g := range groups {
		group, err := aznetwork.NewFirewallPolicyRuleCollectionGroup(ctx, logicalName+"-rules-"+g.name, &aznetwork.FirewallPolicyRuleCollectionGroupArgs{
			ResourceGroupName:       args.ResourceGroupName,
			FirewallPolicyName:      policy.Name,
			RuleCollectionGroupName: pulumi.String(g.name),
			Priority:                pulumi.Int(g.priority),
			RuleCollections: pulumi.Array{aznetwork.FirewallPolicyFilterRuleCollectionArgs{
				Name:               pulumi.String("allow-" + g.name),
				Priority:           pulumi.Int(100),
				RuleCollectionType: pulumi.String("FirewallPolicyFilterRuleCollection"),
				Action:             &aznetwork.FirewallPolicyFilterRuleCollectionActionArgs{Type: pulumi.String("Allow")},
				Rules:              g.rules,
			}},
		}, append(opts, pulumi.DependsOn(after))...)
		if err != nil {
			return nil, err
		}
		after = []pulumi.Resource{group}
	}

	azfw, err := aznetwork.NewAzureFirewall(ctx, logicalName, &aznetwork.AzureFirewallArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          args.Location,
		AzureFirewallName: pulumi.String(n.firewall()),
		Sku:               &aznetwork.AzureFirewallSkuArgs{Name: pulumi.String("AZFW_VNet"), Tier: pulumi.String(fw.Sku)},
		FirewallPolicy:    &aznetwork.SubResourceArgs{Id: policy.ID()},
		IpConfigurations: aznetwork.AzureFirewallIPConfigurationArray{aznetwork.AzureFirewallIPConfigurationArgs{
			Name:            pulumi.String("ipconfig"),
			Subnet:          &aznetwork.SubResourceArgs{Id: subnetID.ToStringOutput()},
			PublicIPAddress: &aznetwork.SubResourceArgs{Id: publicIP.ID()},
		}},
		Zones: zones,
		Tags:  args.Tags,
	}, append(opts, pulumi.DependsOn(after))...)
	if err != nil {
		return nil, err
	}

	// Resource-specific tables (AZFWApplicationRule, AZFWNetworkRule, AZFWThreatIntel, ...) rather than
	// AzureDiagnostics. https://learn.microsoft.com/azure/firewall/monitor-firewall#structured-azure-firewall-logs
	if _, err := diagnostics.NewSetting(ctx, logicalName+"-diagnostics", diagnostics.SettingArgs{
		ResourceURI:            azfw.ID(),
		WorkspaceID:            args.LogAnalyticsWorkspaceID,
		SettingName:            n.firewallDiagnosticSetting(),
		LogCategoryGroups:      []string{"allLogs"},
		Metrics:                true,
		ResourceSpecificTables: true,
	}, opts...); err != nil {
		return nil, err
	}
	return &firewall{
		privateIP: azfw.IpConfigurations.Index(pulumi.Int(0)).PrivateIPAddress(),
		publicIP:  publicIP,
	}, nil
}

// aksFQDNTagRule allows the AzureKubernetesService FQDN tag over HTTP and HTTPS, as the AKS firewall guide does.
// https://learn.microsoft.com/azure/aks/limit-egress-traffic#add-firewall-rules
func aksFQDNTagRule(source string) aznetwork.ApplicationRuleArgs {
	return aznetwork.ApplicationRuleArgs{
		Name:            pulumi.String("aks-fqdn-tag"),
		Description:     pulumi.String("Azure Global required FQDN rules, kept current by Azure"),
		RuleType:        pulumi.String("ApplicationRule"),
		SourceAddresses: pulumi.StringArray{pulumi.String(source)},
		FqdnTags:        pulumi.StringArray{pulumi.String("AzureKubernetesService")},
		Protocols: aznetwork.FirewallPolicyRuleApplicationProtocolArray{
			aznetwork.FirewallPolicyRuleApplicationProtocolArgs{ProtocolType: pulumi.String("Http"), Port: pulumi.Int(80)},
			aznetwork.FirewallPolicyRuleApplicationProtocolArgs{ProtocolType: pulumi.String("Https"), Port: pulumi.Int(443)},
		},
	}
}

// applicationRules are the policy's rules for these endpoints, allowed from source only.
func applicationRules(source string, location pulumi.StringInput, rules []ApplicationRule) pulumi.Array {
	out := make(pulumi.Array, 0, len(rules))
	for _, r := range rules {
		fqdns := pulumi.ToStringArray(r.FQDNs)
		for _, suffix := range r.RegionalFQDNs {
			fqdns = append(fqdns, pulumi.Sprintf("%s.%s", location, suffix))
		}
		out = append(out, aznetwork.ApplicationRuleArgs{
			Name:            pulumi.String(r.Name),
			Description:     pulumi.StringPtr(r.Description),
			RuleType:        pulumi.String("ApplicationRule"),
			SourceAddresses: pulumi.StringArray{pulumi.String(source)},
			TargetFqdns:     fqdns,
			Protocols: aznetwork.FirewallPolicyRuleApplicationProtocolArray{
				aznetwork.FirewallPolicyRuleApplicationProtocolArgs{ProtocolType: pulumi.String(r.Protocol), Port: pulumi.Int(r.Port)},
			},
		})
	}
	return out
}
