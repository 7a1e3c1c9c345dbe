package hardaks

import rego.v1

fx_rule(overrides) := object.union(
	{
		"name": "AllowTest",
		"priority": 200,
		"direction": "Inbound",
		"access": "Allow",
		"protocol": "Tcp",
		"sourceAddressPrefix": "Internet",
		"sourcePortRange": "*",
		"destinationAddressPrefix": "*",
		"destinationPortRange": "22",
	},
	overrides,
)

nsg_with(rules) := patched(fx_nsg_nodes, {"securityRules": rules})

fx_security_rule := fx_res(
	t_rule, "agents-ssh", object.union(fx_rule({"destinationPortRange": "3389"}), {
		"resourceGroupName": fx_rg,
		"networkSecurityGroupName": "nsg-test-nodes",
		"securityRuleName": "AllowRdp",
	}),
	{"networkSecurityGroupName": [[t_nsg, "nsg-nodes"]]},
)

test_deny_subnet_nsg_pass if {
	count(deny_subnet_nsg) == 0 with input as fx_subnet_nodes
	count(deny_subnet_nsg) == 0 with input as fx_subnet_bastion
}

test_deny_subnet_nsg_pass_for_gateway_subnet if {
	count(deny_subnet_nsg) == 0 with input as stripped(patched(fx_subnet_nodes, {"subnetName": "GatewaySubnet"}), ["networkSecurityGroup"])
}

test_deny_subnet_nsg_fail_on_a_subnet_resource if {
	deny_subnet_nsg == {`Subnet "snet-nodes" has no network security group (networkSecurityGroup.id is not set)`} with input as stripped(fx_subnet_nodes, ["networkSecurityGroup"])
}

test_deny_subnet_nsg_fail_on_an_inline_subnet if {
	vnet := fx_res(
		t_vnet, "vnet", {
			"resourceGroupName": fx_rg,
			"virtualNetworkName": "vnet-test",
			"subnets": [
				{"name": "snet-a", "addressPrefix": "10.0.0.0/24", "networkSecurityGroup": {"id": fx_id("Microsoft.Network/networkSecurityGroups/nsg-a")}},
				{"name": "snet-b", "addressPrefix": "10.0.1.0/24"},
				{"name": "AzureFirewallSubnet", "addressPrefix": "10.0.2.0/26"},
			],
		},
		{},
	)
	deny_subnet_nsg == {`subnet "snet-b" of VirtualNetwork "vnet" has no network security group (networkSecurityGroup.id is not set)`} with input as vnet
}

test_deny_gateway_subnet_nsg_pass if {
	count(deny_gateway_subnet_nsg) == 0 with input as fx_subnet_nodes
	count(deny_gateway_subnet_nsg) == 0 with input as stripped(patched(fx_subnet_nodes, {"subnetName": "GatewaySubnet"}), ["networkSecurityGroup"])
}

test_deny_gateway_subnet_nsg_fail if {
	deny_gateway_subnet_nsg == {`Subnet "GatewaySubnet" is a GatewaySubnet with a network security group`} with input as patched(fx_subnet_nodes, {"subnetName": "GatewaySubnet"})
}

test_deny_bastion_subnet_size_pass if {
	count(deny_bastion_subnet_size) == 0 with input as fx_subnet_bastion
	count(deny_bastion_subnet_size) == 0 with input as patched(fx_subnet_bastion, {"addressPrefix": "10.40.5.0/24"})
	count(deny_bastion_subnet_size) == 0 with input as patched(fx_subnet_nodes, {"addressPrefix": "10.40.0.0/28"})
}

test_deny_bastion_subnet_size_fail if {
	deny_bastion_subnet_size == {`Subnet "AzureBastionSubnet" has address prefix 10.40.5.0/27; Azure Bastion needs /26 or larger`} with input as patched(fx_subnet_bastion, {"addressPrefix": "10.40.5.0/27"})
}

test_deny_bastion_subnet_size_fail_on_address_prefixes if {
	count(deny_bastion_subnet_size) == 1 with input as patched(stripped(fx_subnet_bastion, ["addressPrefix"]), {"addressPrefixes": ["10.40.5.0/26", "10.40.6.0/28"]})
}

test_deny_nsg_ssh_from_internet_pass if {
	count(deny_nsg_ssh_from_internet) == 0 with input as fx_nsg_bastion
	count(deny_nsg_ssh_from_internet) == 0 with input as nsg_with([fx_rule({"sourceAddressPrefix": "10.40.5.0/26"})])
	count(deny_nsg_ssh_from_internet) == 0 with input as nsg_with([fx_rule({"access": "Deny"})])
	count(deny_nsg_ssh_from_internet) == 0 with input as nsg_with([fx_rule({"direction": "Outbound"})])
}

test_deny_nsg_ssh_from_internet_fail if {
	deny_nsg_ssh_from_internet == {`rule "AllowTest" of NetworkSecurityGroup "nsg-nodes" allows SSH (port 22) inbound from Internet`} with input as nsg_with([fx_rule({})])
}

test_deny_nsg_ssh_from_internet_fail_on_a_range_from_any_address if {
	rule := stripped(fx_rule({"sourceAddressPrefixes": ["10.0.0.0/8", "0.0.0.0/0"], "destinationPortRanges": ["443", "20-25"]}), ["sourceAddressPrefix", "destinationPortRange"])
	deny_nsg_ssh_from_internet == {`rule "AllowTest" of NetworkSecurityGroup "nsg-nodes" allows SSH (port 22) inbound from 0.0.0.0/0`} with input as nsg_with([rule])
}

test_deny_nsg_rdp_from_internet_pass if {
	count(deny_nsg_rdp_from_internet) == 0 with input as fx_nsg_bastion
	count(deny_nsg_rdp_from_internet) == 0 with input as nsg_with([fx_rule({"destinationPortRange": "3389", "sourceAddressPrefix": "VirtualNetwork"})])
}

test_deny_nsg_rdp_from_internet_fail_from_any if {
	deny_nsg_rdp_from_internet == {`rule "AllowTest" of NetworkSecurityGroup "nsg-nodes" allows RDP (port 3389) inbound from *`} with input as nsg_with([fx_rule({"destinationPortRange": "3389", "sourceAddressPrefix": "*"})])
}

test_deny_nsg_rdp_from_internet_fail_on_a_security_rule_resource if {
	deny_nsg_rdp_from_internet == {`SecurityRule "agents-ssh" allows RDP (port 3389) inbound from Internet`} with input as fx_security_rule
}

test_deny_nsg_any_port_from_internet_pass if {
	count(deny_nsg_any_port_from_internet) == 0 with input as fx_nsg_bastion
	count(deny_nsg_any_port_from_internet) == 0 with input as nsg_with([fx_rule({"destinationPortRange": "*", "sourceAddressPrefix": "VirtualNetwork"})])
}

test_deny_nsg_any_port_from_internet_fail if {
	deny_nsg_any_port_from_internet == {`rule "AllowTest" of NetworkSecurityGroup "nsg-nodes" allows every port inbound from Any`} with input as nsg_with([fx_rule({"destinationPortRange": "*", "sourceAddressPrefix": "Any"})])
}

test_deny_nsg_any_port_from_internet_fail_on_a_full_range_only_once if {
	msgs := deny_nsg_any_port_from_internet with input as nsg_with([fx_rule({"destinationPortRange": "0-65535"})])
	count(msgs) == 1
	count(deny_nsg_ssh_from_internet) == 0 with input as nsg_with([fx_rule({"destinationPortRange": "0-65535"})])
}

test_stack_deny_nsg_internet_inbound_pass if {
	count(stack_deny_nsg_internet_inbound) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_nsg_internet_inbound_fail_on_https_outside_the_bastion_nsg if {
	nsg := nsg_with([fx_rule({"destinationPortRange": "443"})])
	stack_deny_nsg_internet_inbound == {sprintf(`NetworkSecurityGroup "nsg-nodes" rule "AllowTest" allows inbound ports 443 from Internet; only the AzureBastionSubnet NSG may allow 443 from the internet [%s]`, [fxo_nsg_nodes.__urn])} with input as {"resources": with_resource(fx_stack, nsg)}
}

test_stack_deny_nsg_internet_inbound_fail_on_another_port_of_the_bastion_nsg if {
	nsg := patched(fxo_nsg_bastion, {"securityRules": array.concat(fx_bastion_rules, [fx_rule({"destinationPortRange": "8443"})])})
	count(stack_deny_nsg_internet_inbound) == 1 with input as {"resources": with_resource(fx_stack, nsg)}
}

test_stack_deny_nsg_internet_inbound_fail_when_the_https_rule_is_on_an_nsg_of_another_subnet if {
	subnet := patched(fxo_subnet_bastion, {"name": "snet-jump"})
	count(stack_deny_nsg_internet_inbound) == 1 with input as {"resources": with_resource(fx_stack, subnet)}
}

test_stack_deny_nsg_internet_inbound_fail_on_a_security_rule_resource if {
	rule := fx_out(fx_res(t_rule, "web", object.union(fx_rule({"destinationPortRange": "80"}), {"resourceGroupName": fx_rg, "networkSecurityGroupName": "nsg-test-nodes"}), {"networkSecurityGroupName": [[t_nsg, "nsg-nodes"]]}), ["resourceGroupName", "networkSecurityGroupName"], "AllowTest", {})
	stack_deny_nsg_internet_inbound == {sprintf(`SecurityRule "web" allows inbound ports 80 from Internet; only the AzureBastionSubnet NSG may allow 443 from the internet [%s]`, [rule.__urn])} with input as {"resources": with_resource(fx_stack, rule)}
}

test_stack_deny_bastion_nsg_rules_pass if {
	count(stack_deny_bastion_nsg_rules) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_bastion_nsg_rules_pass_with_the_nsg_of_an_inline_bastion_subnet if {
	vnet := fx_res(
		t_vnet, "vnet", {
			"resourceGroupName": fx_rg,
			"virtualNetworkName": "vnet-test",
			"subnets": [{"name": "AzureBastionSubnet", "addressPrefix": "10.0.0.0/26", "networkSecurityGroup": {"id": fx_id("Microsoft.Network/networkSecurityGroups/nsg-test-bastion")}}],
		},
		{},
	)
	resources := with_resource(without_resource(fx_stack, "snet-bastion"), vnet)
	count(stack_deny_bastion_nsg_rules) == 0 with input as {"resources": resources}
	count(stack_deny_bastion_nsg_rules) == 1 with input as {"resources": with_resource(resources, patched(fxo_nsg_bastion, {"securityRules": array.slice(fx_bastion_rules, 1, 8)}))}
}

test_stack_deny_bastion_nsg_rules_fail_without_the_gateway_manager_rule if {
	rules := [r | some r in fx_bastion_rules; r.name != "AllowGatewayManagerInbound"]
	nsg := patched(fxo_nsg_bastion, {"securityRules": rules})
	stack_deny_bastion_nsg_rules == {sprintf(`NetworkSecurityGroup "nsg-bastion" of AzureBastionSubnet lacks the inbound rule Azure Bastion requires (AllowGatewayManagerInbound: Tcp from GatewayManager to * on ports 443) [%s]`, [fxo_nsg_bastion.__urn])} with input as {"resources": with_resource(fx_stack, nsg)}
}

test_stack_deny_bastion_nsg_rules_fail_when_a_rule_misses_a_port if {
	rules := [x | some r in fx_bastion_rules; x := fx_narrowed(r)]
	nsg := patched(fxo_nsg_bastion, {"securityRules": rules})
	stack_deny_bastion_nsg_rules == {sprintf(`NetworkSecurityGroup "nsg-bastion" of AzureBastionSubnet lacks the outbound rule Azure Bastion requires (AllowSshRdpOutbound: * from * to VirtualNetwork on ports 22,3389) [%s]`, [fxo_nsg_bastion.__urn])} with input as {"resources": with_resource(fx_stack, nsg)}
}

fx_narrowed(r) := object.union(r, {"destinationPortRanges": ["22"]}) if r.name == "AllowSshRdpOutbound"

fx_narrowed(r) := r if r.name != "AllowSshRdpOutbound"

test_stack_deny_bastion_nsg_rules_fail_for_every_rule_of_an_empty_nsg if {
	nsg := patched(fxo_nsg_bastion, {"securityRules": []})
	count(stack_deny_bastion_nsg_rules) == 8 with input as {"resources": with_resource(fx_stack, nsg)}
}

test_stack_deny_public_ip_outside_bastion_pass if {
	count(stack_deny_public_ip_outside_bastion) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_public_ip_outside_bastion_fail if {
	pip := fx_out(fx_res(t_pip, "agent-pip", {"resourceGroupName": fx_rg, "publicIpAddressName": "pip-agent"}, {}), ["resourceGroupName", "publicIpAddressName"], "pip-agent", {})
	stack_deny_public_ip_outside_bastion == {sprintf(`PublicIPAddress "agent-pip" is not the address of a BastionHost or an AzureFirewall [%s]`, [pip.__urn])} with input as {"resources": with_resource(fx_stack, pip)}
}

test_stack_deny_public_ip_outside_bastion_fail_without_bastion if {
	count(stack_deny_public_ip_outside_bastion) == 1 with input as {"resources": without_resource(fx_stack, "bastion")}
}

test_deny_nic_public_ip_pass if {
	count(deny_nic_public_ip) == 0 with input as fx_nic
	count(deny_nic_public_ip) == 0 with input as fx_vm
}

test_deny_nic_public_ip_fail_on_a_network_interface if {
	nic := patched(fx_nic, {"ipConfigurations": [{"name": "ipconfig1", "publicIPAddress": {"id": fx_id("Microsoft.Network/publicIPAddresses/pip-agent")}}]})
	deny_nic_public_ip == {`ip configuration "ipconfig1" of NetworkInterface "agent-nic" has a public IP address`} with input as nic
}

test_deny_nic_public_ip_fail_on_an_inline_vm_interface if {
	vm := patched(fx_vm, {"networkProfile": {"networkInterfaceConfigurations": [{"name": "nic0", "ipConfigurations": [{"name": "ip0", "publicIPAddressConfiguration": {"name": "pip0"}}]}]}})
	deny_nic_public_ip == {`network interface configuration "nic0" of VirtualMachine "agent-vm" creates a public IP address`} with input as vm
}

test_warn_nic_ip_forwarding_pass if {
	count(warn_nic_ip_forwarding) == 0 with input as fx_nic
}

test_warn_nic_ip_forwarding_fail if {
	warn_nic_ip_forwarding == {`NetworkInterface "agent-nic" forwards IP traffic (enableIPForwarding is true)`} with input as patched(fx_nic, {"enableIPForwarding": true})
}

test_stack_deny_private_endpoint_dns_pass if {
	count(stack_deny_private_endpoint_dns) == 0 with input as {"resources": fx_stack}
}

test_stack_deny_private_endpoint_dns_pass_while_the_zone_id_is_unknown if {
	group := patched(fxo_registry_dns, {"privateDnsZoneConfigs": [{"name": "privatelink-azurecr-io", "privateDnsZoneId": fx_unknown}]})
	count(stack_deny_private_endpoint_dns) == 0 with input as {"resources": with_resource(fx_stack, group)}
}

test_stack_deny_private_endpoint_dns_fail_without_a_zone_group if {
	stack_deny_private_endpoint_dns == {sprintf(`PrivateEndpoint "acr-pe" has no private DNS zone group [%s]`, [fxo_registry_pe.__urn])} with input as {"resources": without_resource(fx_stack, "acr-pe-dns")}
}

test_stack_deny_private_endpoint_dns_fail_with_an_empty_zone_group if {
	group := patched(fxo_vault_dns, {"privateDnsZoneConfigs": []})
	stack_deny_private_endpoint_dns == {sprintf(`PrivateEndpoint "kv-pe" has no private DNS zone group [%s]`, [fxo_vault_pe.__urn])} with input as {"resources": with_resource(fx_stack, group)}
}

# A first preview: the NSG's ID is unknown until the NSG exists, and the subnet's name until it is read from outputs.
test_deny_subnet_nsg_pass_while_the_nsg_id_is_unknown if {
	count(deny_subnet_nsg) == 0 with input as patched(fx_subnet_nodes, {"networkSecurityGroup": {"id": fx_unknown}})
	count(deny_subnet_nsg) == 0 with input as patched(fx_subnet_nodes, {"networkSecurityGroup": fx_unknown})
}

test_stack_deny_nsg_internet_inbound_pass_while_the_bastion_subnet_name_is_unknown if {
	subnet := patched(fxo_subnet_bastion, {"name": fx_unknown})
	count(stack_deny_nsg_internet_inbound) == 0 with input as {"resources": with_resource(fx_stack, subnet)}
}

test_stack_deny_bastion_nsg_rules_pass_while_a_rule_is_unknown if {
	rules := array.concat([fx_unknown], array.slice(fx_bastion_rules, 1, 8))
	nsg := patched(fxo_nsg_bastion, {"securityRules": rules})
	count(stack_deny_bastion_nsg_rules) == 0 with input as {"resources": with_resource(fx_stack, nsg)}
}

test_stack_deny_public_ip_outside_bastion_pass_while_the_bastion_configurations_are_unknown if {
	bastion := patched(fxo_bastion, {"ipConfigurations": fx_unknown})
	count(stack_deny_public_ip_outside_bastion) == 0 with input as {"resources": with_resource(fx_stack, bastion)}
}

test_stack_deny_private_endpoint_dns_pass_while_the_zone_configurations_are_unknown if {
	group := patched(fxo_vault_dns, {"privateDnsZoneConfigs": [fx_unknown]})
	count(stack_deny_private_endpoint_dns) == 0 with input as {"resources": with_resource(fx_stack, group)}
}

t_firewall := "azure-native:network:AzureFirewall"

t_firewall_policy := "azure-native:network:FirewallPolicy"

t_rule_group := "azure-native:network:FirewallPolicyRuleCollectionGroup"

t_route_table := "azure-native:network:RouteTable"

fx_firewall_policy := fx_res(t_firewall_policy, "afwp", {"resourceGroupName": fx_rg, "firewallPolicyName": "afwp-test", "sku": {"tier": "Standard"}, "threatIntelMode": "Deny"}, {})

test_deny_firewall_policy_threat_intel_pass if {
	count(deny_firewall_policy_threat_intel) == 0 with input as fx_firewall_policy
	count(deny_firewall_policy_threat_intel) == 0 with input as patched(fx_firewall_policy, {"sku": {"tier": "Premium"}, "intrusionDetection": {"mode": "Deny"}})
	count(deny_firewall_policy_threat_intel) == 0 with input as patched(fx_firewall_policy, {"threatIntelMode": fx_unknown})
}

test_deny_firewall_policy_threat_intel_fail if {
	deny_firewall_policy_threat_intel == {`FirewallPolicy "afwp" threatIntelMode is "Alert", not Deny`} with input as stripped(fx_firewall_policy, ["threatIntelMode"])
	deny_firewall_policy_threat_intel == {`FirewallPolicy "afwp" is Premium but intrusionDetection.mode is "Off", not Deny`} with input as patched(fx_firewall_policy, {"sku": {"tier": "Premium"}})
}

fx_rule_group := fx_res(t_rule_group, "rules", {"resourceGroupName": fx_rg, "firewallPolicyName": "afwp-test", "priority": 200, "ruleCollections": [
	{"name": "allow-aks-nodes", "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "action": {"type": "Allow"}, "priority": 100},
]}, {})

test_deny_firewall_dnat_pass if {
	count(deny_firewall_dnat) == 0 with input as fx_rule_group
	count(deny_firewall_dnat) == 0 with input as patched(fx_rule_group, {"ruleCollections": fx_unknown})
}

test_deny_firewall_dnat_fail if {
	group := patched(fx_rule_group, {"ruleCollections": [{"name": "publish-web", "ruleCollectionType": "FirewallPolicyNatRuleCollection", "priority": 100}]})
	deny_firewall_dnat == {`FirewallPolicyRuleCollectionGroup "rules" has the DNAT rule collection "publish-web"`} with input as group
}

fx_route_table := fx_res(t_route_table, "rt", {"resourceGroupName": fx_rg, "routeTableName": "rt-test-egress", "routes": [
	{"name": "default-via-firewall", "addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.40.7.4"},
]}, {})

test_deny_route_internet_default_pass if {
	count(deny_route_internet_default) == 0 with input as fx_route_table
	count(deny_route_internet_default) == 0 with input as patched(fx_route_table, {"routes": [{"name": "ms", "addressPrefix": "20.0.0.0/8", "nextHopType": "Internet"}]})
}

test_deny_route_internet_default_fail if {
	internet := {"name": "default-internet", "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}
	deny_route_internet_default == {`RouteTable "rt" sends 0.0.0.0/0 to the Internet next hop (route "default-internet")`} with input as patched(fx_route_table, {"routes": [internet]})
	route := fx_res("azure-native:network:Route", "route", object.union(internet, {"resourceGroupName": fx_rg, "routeTableName": "rt-test"}), {})
	deny_route_internet_default == {`Route "route" sends 0.0.0.0/0 to the Internet next hop (route "default-internet")`} with input as route
}

# udr_stack is fx_stack with the cluster on user-defined routing and its node subnet routed through fx_route_table.
udr_stack(route_table, subnet_changes) := with_resource(with_resource(with_resource(fx_stack,
	patched(fxo_cluster, {
		"networkProfile": object.union(fxo_cluster.networkProfile, {"outboundType": "userDefinedRouting"}),
		"propertyDependencies": object.union(fxo_cluster.propertyDependencies, {"agentPoolProfiles": [fxo_subnet_nodes.__urn]}),
	})),
	patched(fxo_subnet_nodes, object.union(subnet_changes, {"propertyDependencies": object.union(fxo_subnet_nodes.propertyDependencies, {"routeTable": [route_table.__urn]})}))),
	route_table)

fxo_route_table := fx_out(fx_route_table, ["resourceGroupName", "routeTableName"], "rt-test-egress", {})

test_stack_deny_aks_udr_route_table_pass if {
	count(stack_deny_aks_udr_route_table) == 0 with input as {"resources": udr_stack(fxo_route_table, {"routeTable": {"id": fx_id("Microsoft.Network/routeTables/rt-test-egress")}})}
	count(stack_deny_aks_udr_route_table) == 0 with input as {"resources": fx_stack}
	count(stack_deny_aks_udr_route_table) == 0 with input as {"resources": udr_stack(fxo_route_table, {"routeTable": fx_unknown})}
}

test_stack_deny_aks_udr_route_table_fail if {
	no_table := udr_stack(fxo_route_table, {})
	stack_deny_aks_udr_route_table == {sprintf(`ManagedCluster "aks" routes egress by user-defined routing, but its node subnet "snet-nodes" has no route table [%s]`, [fxo_cluster.__urn])} with input as {"resources": no_table}
	internet := patched(fxo_route_table, {"routes": [{"name": "default", "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}]})
	stack_deny_aks_udr_route_table == {sprintf(`ManagedCluster "aks" routes egress by user-defined routing, but its node subnet "snet-nodes" has a route table without a 0.0.0.0/0 route to a virtual appliance [%s]`, [fxo_cluster.__urn])} with input as {"resources": udr_stack(internet, {"routeTable": {"id": fx_id("Microsoft.Network/routeTables/rt-test-egress")}})}
}

fxo_firewall_pip := fx_out(fx_res(t_pip, "firewall-pip", {"resourceGroupName": fx_rg, "publicIpAddressName": "pip-test-firewall"}, {}), ["resourceGroupName", "publicIpAddressName"], "pip-test-firewall", {})

fxo_firewall := fx_out(fx_res(t_firewall, "firewall", {"resourceGroupName": fx_rg, "azureFirewallName": "afw-test", "ipConfigurations": [
	{"name": "ipconfig", "publicIPAddress": {"id": fx_id("Microsoft.Network/publicIPAddresses/pip-test-firewall")}},
]}, {"ipConfigurations": [[t_pip, "firewall-pip"]]}), ["resourceGroupName", "azureFirewallName"], "afw-test", {})

test_stack_deny_public_ip_outside_bastion_pass_for_the_firewall_egress_address if {
	count(stack_deny_public_ip_outside_bastion) == 0 with input as {"resources": with_resource(with_resource(fx_stack, fxo_firewall_pip), fxo_firewall)}
}

test_stack_deny_public_ip_outside_bastion_fail_for_a_firewall_address_without_the_firewall if {
	stack_deny_public_ip_outside_bastion == {sprintf(`PublicIPAddress "firewall-pip" is not the address of a BastionHost or an AzureFirewall [%s]`, [fxo_firewall_pip.__urn])} with input as {"resources": with_resource(fx_stack, fxo_firewall_pip)}
}
