package strict

import rego.v1

# METADATA
# title: No virtual networks
# description: A rule every hardaks plan violates, to test exit codes and reports.
# custom:
#   severity: high
deny contains msg if {
	regex.match(`^azure-native:network(/[^:]+)?:VirtualNetwork$`, input.__type)
	msg := sprintf("%s is a virtual network", [input.__name])
}

# METADATA
# title: No NAT gateways
# description: An advisory rule.
# custom:
#   severity: low
warn contains msg if {
	regex.match(`^azure-native:network(/[^:]+)?:NatGateway$`, input.__type)
	msg := sprintf("%s is a NAT gateway", [input.__name])
}
