package hardaks

import rego.v1

# Networking: subnets and their NSGs, NSG rules, Azure Bastion, public IP addresses, network interfaces and
# private endpoints.

# ---------------------------------------------------------------------------------------------------------------
# Subnets: network Subnet resources and the subnets inline in a VirtualNetwork.

input_subnets := array.concat(subnet_resource, inline_subnets)

# A subnet whose name is not known yet is left out: whether it may have an NSG depends on its name.
subnet_resource := [{"name": name, "spec": input, "label": sprintf("Subnet %q", [name])} |
	is_type(input, "network", "Subnet")
	name := object.get(input, "subnetName", input.__name)
	is_string(name)
]

inline_subnets := [{"name": name, "spec": subnet, "label": sprintf("subnet %q of VirtualNetwork %q", [name, input.__name])} |
	is_type(input, "network", "VirtualNetwork")
	some subnet in list(object.get(input, "subnets", []))
	not opaque(subnet)
	name := object.get(subnet, "name", "")
	is_string(name)
]

# Azure does not support an NSG on these subnets: VPN and ExpressRoute gateways, Azure Firewall and Route Server
# manage their own traffic. https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
subnets_without_nsg := {"gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "routeserversubnet"}

has_nsg(subnet) if known_string(subnet.networkSecurityGroup.id)

# An NSG ID computed from the NSG is unknown until the NSG exists: the subnet may have one.
nsg_undecided(subnet) if undecided(subnet, ["networkSecurityGroup", "id"])

# METADATA
# title: Subnets have a network security group
# description: >-
#   Every subnet that supports one has an NSG (networkSecurityGroup.id), so traffic into it is filtered even where
#   a resource in it has no NSG of its own. GatewaySubnet, AzureFirewallSubnet, AzureFirewallManagementSubnet and
#   RouteServerSubnet are exempt: Azure does not support NSGs there.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set networkSecurityGroup.id on the subnet.
#   remediation: >-
#     Create a NetworkSecurityGroup for the subnet and set the subnet's networkSecurityGroup.id to its ID.
#     https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works
#   references:
#     - kind: azure-policy
#       id: e71308d3-144b-4262-b144-efdc3cc90517
#       name: Subnets should be associated with a Network Security Group
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_subnet_nsg contains msg if {
	some subnet in input_subnets
	not lower(subnet.name) in subnets_without_nsg
	not has_nsg(subnet.spec)
	not nsg_undecided(subnet.spec)
	msg := sprintf("%s has no network security group (networkSecurityGroup.id is not set)", [subnet.label])
}

# METADATA
# title: GatewaySubnet has no network security group
# description: >-
#   An NSG on GatewaySubnet is unsupported and can break VPN and ExpressRoute gateways.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Remove networkSecurityGroup from GatewaySubnet.
#   remediation: >-
#     Remove networkSecurityGroup from the subnet named GatewaySubnet.
#     https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub
#   references:
#     - kind: azure-policy
#       id: 35f9c03a-cc27-418e-9c0c-539ff999d010
#       name: Gateway subnets should not be configured with a network security group
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_gateway_subnet_nsg contains msg if {
	some subnet in input_subnets
	lower(subnet.name) == "gatewaysubnet"
	has_nsg(subnet.spec)
	msg := sprintf("%s is a GatewaySubnet with a network security group", [subnet.label])
}

address_prefixes(subnet) := array.concat(
	[p | p := subnet.addressPrefix; known_string(p)],
	[p | some p in object.get(subnet, "addressPrefixes", []); known_string(p)],
)

prefix_length(prefix) := to_number(parts[1]) if {
	parts := split(prefix, "/")
	count(parts) == 2
}

# METADATA
# title: AzureBastionSubnet is /26 or larger
# description: >-
#   Azure Bastion needs an AzureBastionSubnet of at least /26 for its instances and scale units; smaller subnets
#   cannot host the Standard and Premium SKUs or scale out.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Give AzureBastionSubnet an address prefix of /26 or larger.
#   remediation: >-
#     Set the AzureBastionSubnet address prefix to a /26 (or larger) range.
#     https://learn.microsoft.com/azure/bastion/configuration-settings#subnet
#   references:
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_bastion_subnet_size contains msg if {
	some subnet in input_subnets
	subnet.name == "AzureBastionSubnet"
	some prefix in address_prefixes(subnet.spec)
	prefix_length(prefix) > 26
	msg := sprintf("%s has address prefix %s; Azure Bastion needs /26 or larger", [subnet.label, prefix])
}

# ---------------------------------------------------------------------------------------------------------------
# NSG rules: inline securityRules of a NetworkSecurityGroup and separate network SecurityRule resources.

input_security_rules := list(object.get(input, "securityRules", [])) if is_type(input, "network", "NetworkSecurityGroup")

input_security_rules := [input] if is_type(input, "network", "SecurityRule")

input_rule_label(rule) := sprintf("rule %q of NetworkSecurityGroup %q", [name_of(rule), input.__name]) if {
	is_type(input, "network", "NetworkSecurityGroup")
} else := sprintf("SecurityRule %q", [input.__name])

# Sources that mean "anywhere": the Internet service tag and the any-address forms the portal and ARM accept.
internet_sources := {"*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0"}

rule_sources(rule) := array.concat(
	[p | p := rule.sourceAddressPrefix; is_string(p)],
	[p | some p in object.get(rule, "sourceAddressPrefixes", []); is_string(p)],
)

rule_destinations(rule) := array.concat(
	[p | p := rule.destinationAddressPrefix; is_string(p)],
	[p | some p in object.get(rule, "destinationAddressPrefixes", []); is_string(p)],
)

rule_ports(rule) := array.concat(
	[p | p := rule.destinationPortRange; is_string(p)],
	[p | some p in object.get(rule, "destinationPortRanges", []); is_string(p)],
)

# internet_source is the first source of the rule that means "anywhere".
internet_source(rule) := sources[0] if {
	sources := [source | some source in rule_sources(rule); lower(trim_space(source)) in internet_sources]
	count(sources) > 0
}

allows_from_internet(rule) if {
	lower_or_empty(rule.direction) == "inbound"
	lower_or_empty(rule.access) == "allow"
	internet_source(rule)
}

port_spec_covers(spec, _) if trim_space(spec) == "*"

port_spec_covers(spec, port) if to_number(trim_space(spec)) == port

port_spec_covers(spec, port) if {
	bounds := split(spec, "-")
	count(bounds) == 2
	to_number(trim_space(bounds[0])) <= port
	port <= to_number(trim_space(bounds[1]))
}

port_open(rule, port) if {
	some spec in rule_ports(rule)
	port_spec_covers(spec, port)
}

# all_ports: the rule covers every port ("*" or a range from 0 or 1 to 65535).
all_ports(rule) if {
	some spec in rule_ports(rule)
	port_spec_covers(spec, 1)
	port_spec_covers(spec, 65535)
}

# METADATA
# title: No SSH from the internet
# description: >-
#   No NSG rule allows inbound TCP/UDP port 22 from the Internet tag, *, Any, 0.0.0.0/0 or ::/0. SSH goes through
#   Azure Bastion.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove the rule or restrict its source to the AzureBastionSubnet prefix.
#   remediation: >-
#     Delete the rule, or restrict sourceAddressPrefix to the AzureBastionSubnet prefix, and connect with
#     az network bastion ssh. https://learn.microsoft.com/azure/bastion/bastion-overview
#   references:
#     - kind: azure-policy
#       id: 2c89a2e5-7285-40fe-afe0-ae8654b92fab
#       name: "[Deprecated]: SSH access from the Internet should be blocked"
#     - kind: azure-policy
#       id: 22730e10-96f6-4aac-ad84-9383d35b5917
#       name: Management ports should be closed on your virtual machines
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_nsg_ssh_from_internet contains msg if {
	some rule in input_security_rules
	allows_from_internet(rule)
	not all_ports(rule)
	port_open(rule, 22)
	msg := sprintf("%s allows SSH (port 22) inbound from %s", [input_rule_label(rule), internet_source(rule)])
}

# METADATA
# title: No RDP from the internet
# description: >-
#   No NSG rule allows inbound port 3389 from the Internet tag, *, Any, 0.0.0.0/0 or ::/0. RDP goes through Azure
#   Bastion.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove the rule or restrict its source to the AzureBastionSubnet prefix.
#   remediation: >-
#     Delete the rule, or restrict sourceAddressPrefix to the AzureBastionSubnet prefix, and connect through Azure
#     Bastion. https://learn.microsoft.com/azure/bastion/bastion-overview
#   references:
#     - kind: azure-policy
#       id: e372f825-a257-4fb8-9175-797a8a8627d6
#       name: "[Deprecated]: RDP access from the Internet should be blocked"
#     - kind: azure-policy
#       id: 22730e10-96f6-4aac-ad84-9383d35b5917
#       name: Management ports should be closed on your virtual machines
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_nsg_rdp_from_internet contains msg if {
	some rule in input_security_rules
	allows_from_internet(rule)
	not all_ports(rule)
	port_open(rule, 3389)
	msg := sprintf("%s allows RDP (port 3389) inbound from %s", [input_rule_label(rule), internet_source(rule)])
}

# METADATA
# title: No all-ports rule from the internet
# description: >-
#   No NSG rule allows inbound traffic on every port (* or 0-65535) from the Internet tag, *, Any, 0.0.0.0/0 or
#   ::/0.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove the rule, or restrict its ports and source.
#   remediation: >-
#     Delete the rule; allow only the specific ports a service needs, from specific sources.
#     https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules
#   references:
#     - kind: azure-policy
#       id: 9daedab3-fb2d-461e-b861-71790eead4f6
#       name: All network ports should be restricted on network security groups associated to your virtual machine
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_nsg_any_port_from_internet contains msg if {
	some rule in input_security_rules
	allows_from_internet(rule)
	all_ports(rule)
	msg := sprintf("%s allows every port inbound from %s", [input_rule_label(rule), internet_source(rule)])
}

# Stack view of NSG rules, from the outputs: the securityRules of each NetworkSecurityGroup and separate network
# SecurityRule resources, each with the resource that declares it and the NSG it belongs to (null when the NSG is
# not in the stack or not known yet).
nsg_rule_entries := array.concat(
	[{"rule": rule, "owner": nsg, "nsg": nsg, "label": sprintf("NetworkSecurityGroup %q rule %q", [nsg.__name, name_of(rule)])} |
		some nsg in resources_of("network", "NetworkSecurityGroup")
		some rule in list(object.get(nsg, "securityRules", []))
	],
	[{"rule": rule, "owner": rule, "nsg": owning_nsg(rule), "label": sprintf("SecurityRule %q", [rule.__name])} |
		some rule in resources_of("network", "SecurityRule")
	],
)

# A SecurityRule's NSG is a path parameter (networkSecurityGroupName), which outputs do not hold: the rule belongs
# to the NSG its networkSecurityGroupName is computed from.
owning_nsg(rule) := nsg if {
	some nsg in resources_of("network", "NetworkSecurityGroup")
	depends_on(rule, "networkSecurityGroupName", nsg)
} else := null

# Bastion: the AzureBastionSubnet subnets (resources or inline in a VirtualNetwork; the output "name" is the subnet
# name) and the NSGs attached to them.
bastion_subnets := array.concat(
	[{"spec": subnet, "owner": subnet, "prop": "networkSecurityGroup"} |
		some subnet in resources_of("network", "Subnet")
		subnet.name == "AzureBastionSubnet"
	],
	[{"spec": subnet, "owner": vnet, "prop": "subnets"} |
		some vnet in resources_of("network", "VirtualNetwork")
		some subnet in list(object.get(vnet, "subnets", []))
		object.get(subnet, "name", "") == "AzureBastionSubnet"
	],
)

is_bastion_nsg(nsg) if {
	some subnet in bastion_subnets
	links(subnet.owner, subnet.prop, object.get(subnet.spec, ["networkSecurityGroup", "id"], null), nsg)
}

# bastion_nsg_undecided: whether nsg is the Bastion NSG is not known yet: a subnet whose name is unknown uses it, an
# AzureBastionSubnet's NSG ID may be it, or the subnets of a VirtualNetwork are unknown.
bastion_nsg_undecided(nsg) if {
	some subnet in resources_of("network", "Subnet")
	opaque(subnet.name)
	links(subnet, "networkSecurityGroup", object.get(subnet, ["networkSecurityGroup", "id"], null), nsg)
}

bastion_nsg_undecided(nsg) if {
	some subnet in bastion_subnets
	link_undecided(subnet.owner, subnet.prop, object.get(subnet.spec, ["networkSecurityGroup", "id"], null), nsg)
}

bastion_nsg_undecided(_) if {
	some vnet in resources_of("network", "VirtualNetwork")
	undecided(vnet, ["subnets"])
}

# bastion_https: the one internet rule Azure Bastion needs, inbound 443 on the Bastion NSG.
bastion_https(entry) if {
	entry.nsg != null
	is_bastion_nsg(entry.nsg)
	rule_ports(entry.rule) == ["443"]
}

# rule_undecided: the rule's ports, sources, direction or access are not all known yet.
rule_undecided(rule) if {
	some key in ["destinationPortRange", "destinationPortRanges", "sourceAddressPrefix", "sourceAddressPrefixes", "direction", "access"]
	has_opaque(object.get(rule, key, null))
}

# A rule whose NSG is not known yet might be the Bastion NSG's.
bastion_https_undecided(entry) if {
	entry.nsg != null
	bastion_nsg_undecided(entry.nsg)
}

# METADATA
# title: No other inbound traffic from the internet
# description: >-
#   Apart from SSH, RDP and all-ports rules (reported by their own policies), no NSG rule allows any inbound port
#   from the internet, with one exception: the HTTPS (443) rule of the NSG attached to AzureBastionSubnet, which
#   Azure Bastion requires.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Remove the internet-facing rule; only the AzureBastionSubnet NSG may allow 443 from the internet.
#   remediation: >-
#     Delete the rule or restrict its source. Publish workloads through a private endpoint or an internal load
#     balancer; only Azure Bastion's NSG keeps AllowHttpsInbound from Internet.
#     https://learn.microsoft.com/azure/bastion/bastion-nsg
#   references:
#     - kind: azure-policy
#       id: 9daedab3-fb2d-461e-b861-71790eead4f6
#       name: All network ports should be restricted on network security groups associated to your virtual machine
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
stack_deny_nsg_internet_inbound contains msg if {
	some entry in nsg_rule_entries
	allows_from_internet(entry.rule)
	not all_ports(entry.rule)
	not port_open(entry.rule, 22)
	not port_open(entry.rule, 3389)
	not bastion_https(entry)
	not bastion_https_undecided(entry)
	not rule_undecided(entry.rule)
	text := sprintf("%s allows inbound ports %s from %s; only the AzureBastionSubnet NSG may allow 443 from the internet", [entry.label, concat(",", rule_ports(entry.rule)), internet_source(entry.rule)])
	msg := stack_msg(entry.owner, text)
}

# The rules Azure Bastion requires on the NSG of AzureBastionSubnet. https://learn.microsoft.com/azure/bastion/bastion-nsg
# A protocol or address of "*" in a requirement accepts any rule value.
bastion_required_rules := [
	{"name": "AllowHttpsInbound", "direction": "Inbound", "protocol": "Tcp", "source": "Internet", "destination": "*", "ports": ["443"]},
	{"name": "AllowGatewayManagerInbound", "direction": "Inbound", "protocol": "Tcp", "source": "GatewayManager", "destination": "*", "ports": ["443"]},
	{"name": "AllowAzureLoadBalancerInbound", "direction": "Inbound", "protocol": "Tcp", "source": "AzureLoadBalancer", "destination": "*", "ports": ["443"]},
	{"name": "AllowBastionHostCommunication", "direction": "Inbound", "protocol": "*", "source": "VirtualNetwork", "destination": "VirtualNetwork", "ports": ["8080", "5701"]},
	{"name": "AllowSshRdpOutbound", "direction": "Outbound", "protocol": "*", "source": "*", "destination": "VirtualNetwork", "ports": ["22", "3389"]},
	{"name": "AllowAzureCloudOutbound", "direction": "Outbound", "protocol": "Tcp", "source": "*", "destination": "AzureCloud", "ports": ["443"]},
	{"name": "AllowBastionCommunication", "direction": "Outbound", "protocol": "*", "source": "VirtualNetwork", "destination": "VirtualNetwork", "ports": ["8080", "5701"]},
	{"name": "AllowHttpOutbound", "direction": "Outbound", "protocol": "*", "source": "*", "destination": "Internet", "ports": ["80"]},
]

address_matches(_, "*") := true

address_matches(prefixes, wanted) if {
	wanted != "*"
	some prefix in prefixes
	lower(trim_space(prefix)) in {lower(wanted), "*"}
}

protocol_matches(_, "*") := true

protocol_matches(rule, wanted) if {
	wanted != "*"
	lower_or_empty(rule.protocol) in {lower(wanted), "*"}
}

satisfies(rule, req) if {
	lower_or_empty(rule.access) == "allow"
	lower_or_empty(rule.direction) == lower(req.direction)
	protocol_matches(rule, req.protocol)
	address_matches(rule_sources(rule), req.source)
	address_matches(rule_destinations(rule), req.destination)
	every port in req.ports {
		port_open(rule, to_number(port))
	}
}

nsg_has_rule(nsg, req) if {
	some entry in nsg_rule_entries
	entry.nsg.__urn == nsg.__urn
	satisfies(entry.rule, req)
}

# nsg_rules_undecided: the NSG's rules are not all known yet, so a missing rule may still be there.
nsg_rules_undecided(nsg) if undecided(nsg, ["securityRules"])

nsg_rules_undecided(nsg) if {
	some entry in nsg_rule_entries
	entry.nsg.__urn == nsg.__urn
	has_opaque(entry.rule)
}

# METADATA
# title: Bastion NSG has the rules Azure Bastion requires
# description: >-
#   The NSG of AzureBastionSubnet holds the eight rules of Microsoft's Bastion NSG reference: inbound 443 from
#   Internet, GatewayManager and AzureLoadBalancer and 8080/5701 within the VirtualNetwork; outbound 22/3389 to the
#   VirtualNetwork, 443 to AzureCloud, 8080/5701 within the VirtualNetwork and 80 to Internet. Without them Bastion
#   fails to deploy or to serve sessions.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Add the missing Azure Bastion NSG rules to the AzureBastionSubnet NSG.
#   remediation: >-
#     Add AllowHttpsInbound, AllowGatewayManagerInbound, AllowAzureLoadBalancerInbound,
#     AllowBastionHostCommunication, AllowSshRdpOutbound, AllowAzureCloudOutbound, AllowBastionCommunication and
#     AllowHttpOutbound as documented. https://learn.microsoft.com/azure/bastion/bastion-nsg
#   references:
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
stack_deny_bastion_nsg_rules contains msg if {
	some nsg in resources_of("network", "NetworkSecurityGroup")
	is_bastion_nsg(nsg)
	not nsg_rules_undecided(nsg)
	some req in bastion_required_rules
	not nsg_has_rule(nsg, req)
	text := sprintf("NetworkSecurityGroup %q of AzureBastionSubnet lacks the %s rule Azure Bastion requires (%s: %s from %s to %s on ports %s)", [nsg.__name, lower(req.direction), req.name, req.protocol, req.source, req.destination, concat(",", req.ports)])
	msg := stack_msg(nsg, text)
}

# public_ip_owners may hold a public IP: a BastionHost, the operators' only way in, and an AzureFirewall, whose
# address is the environment's egress (SNAT) address.
public_ip_owners := array.concat(resources_of("network", "BastionHost"), resources_of("network", "AzureFirewall"))

used_by_owner(pip) if {
	some owner in public_ip_owners
	some config in list(object.get(owner, "ipConfigurations", []))
	links(owner, "ipConfigurations", object.get(config, ["publicIPAddress", "id"], null), pip)
}

# An owner whose IP configurations, or the public IP they reference, are not known yet may use the address.
owner_use_undecided(pip) if {
	some owner in public_ip_owners
	undecided(owner, ["ipConfigurations"])
}

owner_use_undecided(pip) if {
	some owner in public_ip_owners
	some config in list(object.get(owner, "ipConfigurations", []))
	link_undecided(owner, "ipConfigurations", object.get(config, ["publicIPAddress", "id"], null), pip)
}

# METADATA
# title: Public IP addresses belong to Azure Bastion or the egress firewall only
# description: >-
#   Every PublicIPAddress is the address of a BastionHost or of an AzureFirewall (referenced by one of its
#   ipConfigurations). Bastion's is the operators' only way in; the firewall's is the egress address, and
#   deny_firewall_dnat keeps it from forwarding anything inward. With the NAT gateway, egress uses its public IP
#   prefix instead.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove the public IP address, or attach it to the BastionHost or the egress firewall.
#   remediation: >-
#     Delete the PublicIPAddress and reach the workload privately (Bastion, private endpoint, internal load
#     balancer); outbound traffic goes through the NAT gateway or the firewall. https://learn.microsoft.com/azure/bastion/bastion-overview
#   references:
#     - kind: azure-policy
#       id: 83a86a26-fd1f-447c-b59d-e51f44264114
#       name: Network interfaces should not have public IPs
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
stack_deny_public_ip_outside_bastion contains msg if {
	some pip in resources_of("network", "PublicIPAddress")
	not used_by_owner(pip)
	not owner_use_undecided(pip)
	msg := stack_msg(pip, sprintf("PublicIPAddress %q is not the address of a BastionHost or an AzureFirewall", [pip.__name]))
}

present(v) if {
	v != null
	v != {}
}

# A public IP address given as an unknown object may be null: only a known object (whose ID may be unknown) counts.
public_ip_configs := array.concat(
	[sprintf("ip configuration %q of NetworkInterface %q has a public IP address", [name_of(config), input.__name]) |
		is_type(input, "network", "NetworkInterface")
		some config in list(object.get(input, "ipConfigurations", []))
		present(config.publicIPAddress)
		not opaque(config.publicIPAddress)
	],
	[sprintf("network interface configuration %q of VirtualMachine %q creates a public IP address", [name_of(nic), input.__name]) |
		is_type(input, "compute", "VirtualMachine")
		some nic in list(object.get(input, ["networkProfile", "networkInterfaceConfigurations"], []))
		some config in list(object.get(nic, "ipConfigurations", []))
		present(config.publicIPAddressConfiguration)
		not opaque(config.publicIPAddressConfiguration)
	],
)

# name_of is an inline item's name for a message; one that is not a known string is shown as "".
name_of(item) := name if {
	name := object.get(item, "name", "")
	is_string(name)
} else := ""

# METADATA
# title: Network interfaces have no public IP
# description: >-
#   No network interface, and no network interface configuration inline in a VM, has a public IP address; VMs are
#   reached through Azure Bastion.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove publicIPAddress from the NIC's ip configurations.
#   remediation: >-
#     Remove publicIPAddress (publicIPAddressConfiguration for inline VM NICs) and connect through Azure Bastion.
#     https://learn.microsoft.com/azure/virtual-network/ip-services/remove-public-ip-address-vm
#   references:
#     - kind: azure-policy
#       id: 83a86a26-fd1f-447c-b59d-e51f44264114
#       name: Network interfaces should not have public IPs
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_nic_public_ip contains msg if {
	some msg in public_ip_configs
}

# METADATA
# title: Network interfaces do not forward IP traffic
# description: >-
#   IP forwarding lets a VM route traffic that is not addressed to it, which only network virtual appliances need.
# custom:
#   severity: low
#   enforcement: advisory
#   message: Set enableIPForwarding to false.
#   remediation: >-
#     Set enableIPForwarding to false unless the VM is a network virtual appliance.
#     https://learn.microsoft.com/azure/virtual-network/virtual-network-network-interface#enable-or-disable-ip-forwarding
#   references:
#     - kind: azure-policy
#       id: 88c0b9da-ce96-4b03-9635-f29a937e2900
#       name: Network interfaces should disable IP forwarding
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
warn_nic_ip_forwarding contains msg if {
	is_type(input, "network", "NetworkInterface")
	input.enableIPForwarding == true
	msg := sprintf("NetworkInterface %q forwards IP traffic (enableIPForwarding is true)", [input.__name])
}

# A PrivateDnsZoneGroup names its endpoint with a path parameter (privateEndpointName), which outputs do not hold:
# the group belongs to the endpoint its privateEndpointName is computed from.
zone_group_of(group, pe) if depends_on(group, "privateEndpointName", pe)

# A zone configuration whose zone ID is not known yet is a zone configuration: the ID comes from a zone.
has_dns_zone_group(pe) if {
	some group in resources_of("network", "PrivateDnsZoneGroup")
	zone_group_of(group, pe)
	some config in list(object.get(group, "privateDnsZoneConfigs", []))
	id_set(object.get(config, "privateDnsZoneId", null))
}

dns_zone_group_undecided(pe) if {
	some group in resources_of("network", "PrivateDnsZoneGroup")
	zone_group_of(group, pe)
	has_opaque(object.get(group, "privateDnsZoneConfigs", []))
}

# METADATA
# title: Private endpoints register in a private DNS zone
# description: >-
#   Every private endpoint has a private DNS zone group (PrivateDnsZoneGroup with a privateDnsZoneConfigs entry),
#   so Azure keeps the privatelink zone's A records in step with the endpoint and clients resolve the service's
#   public name to its private address.
# custom:
#   severity: medium
#   enforcement: mandatory
#   message: Add a PrivateDnsZoneGroup to the private endpoint with the service's privatelink zone.
#   remediation: >-
#     Create a network PrivateDnsZoneGroup with privateEndpointName the endpoint and privateDnsZoneConfigs
#     [{name, privateDnsZoneId the privatelink zone ID}], and link the zone to the VNet.
#     https://learn.microsoft.com/azure/private-link/private-endpoint-dns#private-dns-zone-group
#   references:
#     - kind: azure-policy
#       id: e9585a95-5b8c-4d03-b193-dc7eb5ac4c32
#       name: Configure Container registries to use private DNS zones
#     - kind: azure-policy
#       id: ac673a9a-f77d-4846-b2d8-a57f8e1c01d4
#       name: Configure Azure Key Vaults to use private DNS zones
#     - kind: mcsb
#       id: NS-2
#       name: Secure cloud services with network controls
stack_deny_private_endpoint_dns contains msg if {
	some pe in resources_of("network", "PrivateEndpoint")
	not has_dns_zone_group(pe)
	not dns_zone_group_undecided(pe)
	msg := stack_msg(pe, sprintf("PrivateEndpoint %q has no private DNS zone group", [pe.__name]))
}

# ---------------------------------------------------------------------------------------------------------------
# Egress through a firewall: the policy's threat filtering, no inbound forwarding, and the default route.

firewall_policy_problems := array.concat(
	[sprintf("threatIntelMode is %q, not Deny", [mode]) |
		mode := known_at(input, ["threatIntelMode"], "Alert")
		mode != "Deny"
	],
	[sprintf("is Premium but intrusionDetection.mode is %q, not Deny", [mode]) |
		known_at(input, ["sku", "tier"], "Standard") == "Premium"
		mode := known_at(input, ["intrusionDetection", "mode"], "Off")
		mode != "Deny"
	],
)

# METADATA
# title: Firewall policies deny known threats
# description: >-
#   A FirewallPolicy drops traffic to and from known-malicious addresses and domains (threatIntelMode Deny; Azure's
#   default, Alert, only logs it), and a Premium policy's IDPS blocks what its signatures match (intrusionDetection
#   mode Deny).
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Set threatIntelMode to Deny, and intrusionDetection.mode to Deny on a Premium policy.
#   remediation: >-
#     Set threatIntelMode: Deny on the FirewallPolicy, and intrusionDetection: {mode: Deny} when its sku.tier is
#     Premium. https://learn.microsoft.com/azure/firewall/threat-intel https://learn.microsoft.com/azure/firewall/premium-features#idps
#   references:
#     - kind: mcsb
#       id: NS-3
#       name: Deploy firewall at the edge of enterprise network
#     - kind: mcsb
#       id: NS-4
#       name: Deploy intrusion detection/intrusion prevention systems (IDS/IPS)
deny_firewall_policy_threat_intel contains msg if {
	is_type(input, "network", "FirewallPolicy")
	some problem in firewall_policy_problems
	msg := sprintf("FirewallPolicy %q %s", [input.__name, problem])
}

# METADATA
# title: Firewalls forward nothing inward
# description: >-
#   No rule collection group of a FirewallPolicy holds a DNAT (FirewallPolicyNatRuleCollection) collection: the
#   egress firewall's public IP forwards no inbound connection, so Bastion stays the only way in.
# custom:
#   severity: critical
#   enforcement: mandatory
#   message: Remove the DNAT rule collection; publish workloads through a private ingress instead.
#   remediation: >-
#     Delete the FirewallPolicyNatRuleCollection and reach the workload privately (Bastion, private endpoint,
#     internal load balancer). https://learn.microsoft.com/azure/firewall/policy-rule-sets
#   references:
#     - kind: mcsb
#       id: NS-1
#       name: Establish network segmentation boundaries
deny_firewall_dnat contains msg if {
	is_type(input, "network", "FirewallPolicyRuleCollectionGroup")
	some collection in list(object.get(input, "ruleCollections", []))
	collection.ruleCollectionType == "FirewallPolicyNatRuleCollection"
	msg := sprintf("FirewallPolicyRuleCollectionGroup %q has the DNAT rule collection %q", [input.__name, name_of(collection)])
}

# input_routes are the routes of the resource under evaluation: a RouteTable's inline routes or a Route resource.
input_routes := array.concat(
	[route | is_type(input, "network", "RouteTable"); some route in list(object.get(input, "routes", []))],
	[input | is_type(input, "network", "Route")],
)

# METADATA
# title: No default route to the internet
# description: >-
#   No route sends 0.0.0.0/0 straight to the Internet next hop: a route table in the environment exists to send
#   egress through the firewall, and a direct default route would bypass it.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Send 0.0.0.0/0 to the firewall (nextHopType VirtualAppliance), or remove the route.
#   remediation: >-
#     Set the route's nextHopType to VirtualAppliance and nextHopIpAddress to the firewall's private IP.
#     https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#default-route
#   references:
#     - kind: mcsb
#       id: NS-3
#       name: Deploy firewall at the edge of enterprise network
deny_route_internet_default contains msg if {
	some route in input_routes
	object.get(route, "addressPrefix", "") == "0.0.0.0/0"
	object.get(route, "nextHopType", "") == "Internet"
	msg := sprintf("%s %q sends 0.0.0.0/0 to the Internet next hop (route %q)", [split(input.__type, ":")[2], input.__name, name_of(route)])
}

udr_clusters := [cluster |
	some cluster in resources_of("containerservice", "ManagedCluster")
	known_at(cluster, ["networkProfile", "outboundType"], "loadBalancer") == "userDefinedRouting"
]

# node_subnets are the subnets a cluster's inline pools are computed from.
node_subnets(cluster) := [subnet |
	some subnet in resources_of("network", "Subnet")
	depends_on(cluster, "agentPoolProfiles", subnet)
]

default_route_to_appliance(route_table) if {
	some route in list(object.get(route_table, "routes", []))
	route.addressPrefix == "0.0.0.0/0"
	route.nextHopType == "VirtualAppliance"
	id_set(object.get(route, "nextHopIpAddress", null))
}

# udr_route_problem says what is missing on a node subnet of a cluster with outboundType userDefinedRouting.
udr_route_problem(subnet) := "has no route table" if {
	not undecided(subnet, ["routeTable"])
	object.get(subnet, "routeTable", null) == null
} else := "has a route table without a 0.0.0.0/0 route to a virtual appliance" if {
	some route_table in resources_of("network", "RouteTable")
	depends_on(subnet, "routeTable", route_table)
	not undecided(route_table, ["routes"])
	not default_route_to_appliance(route_table)
}

# METADATA
# title: AKS user-defined routing goes through a firewall
# description: >-
#   A cluster with outboundType userDefinedRouting has its node subnet's egress sent to a virtual appliance: the
#   subnet has a route table whose 0.0.0.0/0 route has next hop VirtualAppliance. AKS requires this route before it
#   creates the cluster, and without it the nodes have no egress at all.
# custom:
#   severity: high
#   enforcement: mandatory
#   message: Attach a route table that sends 0.0.0.0/0 to the firewall to the cluster's node subnet.
#   remediation: >-
#     Create a RouteTable with a 0.0.0.0/0 route, nextHopType VirtualAppliance, nextHopIpAddress the firewall's private
#     IP, and set it as the node subnet's routeTable. https://learn.microsoft.com/azure/aks/egress-outboundtype#outbound-type-of-userdefinedrouting
#   references:
#     - kind: mcsb
#       id: NS-3
#       name: Deploy firewall at the edge of enterprise network
stack_deny_aks_udr_route_table contains msg if {
	some cluster in udr_clusters
	some subnet in node_subnets(cluster)
	problem := udr_route_problem(subnet)
	msg := stack_msg(cluster, sprintf("ManagedCluster %q routes egress by user-defined routing, but its node subnet %q %s", [cluster.__name, subnet.__name, problem]))
}
