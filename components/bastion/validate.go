package bastion

import (
	"regexp"

	"github.com/hardaks/hardaks/components/validation"
)

const (
	// Standard SKU scale units. https://learn.microsoft.com/azure/bastion/configuration-settings#instance
	minScaleUnits = 2
	maxScaleUnits = 50
)

// bastionNamePattern is Azure's naming rule for bastionHosts: 1-80 characters, alphanumerics, underscores, periods
// and hyphens, starting with an alphanumeric and ending with an alphanumeric or underscore.
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftnetwork
var bastionNamePattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$`)

// publicIPNamePattern is the same rule for publicIPAddresses, checked on the derived name.
var publicIPNamePattern = bastionNamePattern

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error
// whose paths are the Args' pulumi names. NewBastion also checks the required Inputs.
func (args *BastionArgs) Validate() error { return validation.Check("bastion", args.check) }

func validate(args *BastionArgs) error {
	return validation.Check("bastion", args.checkInputs, args.check)
}

func (args *BastionArgs) checkInputs(p *validation.Problems) {
	p.Required(args.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", args.Location)
	p.Required(args.SubnetID != nil, "subnetId", "pass the AzureBastionSubnet's ID")
	p.Required(args.LogAnalyticsWorkspaceID != nil, "logAnalyticsWorkspaceId", "pass the Log Analytics workspace's ID")
}

func (args *BastionArgs) check(p *validation.Problems) {
	switch {
	case args.BastionName == "":
		p.Add("bastionName", nil, "is required", "name the Bastion host")
	case !bastionNamePattern.MatchString(args.BastionName):
		p.Add("bastionName", args.BastionName, "must be 1-80 letters, digits, '_', '.' or '-', start with a letter or digit and end with a letter, digit or '_'",
			"choose a valid name")
	case !publicIPNamePattern.MatchString(publicIPName(args.BastionName)):
		p.Addf("bastionName", args.BastionName, "choose a shorter name", "derives the public IP name %q, longer than 80 characters", publicIPName(args.BastionName))
	}
	switch args.Sku {
	case "", SkuStandard, SkuPremium:
	default:
		// Basic has no native client support, no IP-based connection and a fixed two instances.
		// https://learn.microsoft.com/azure/bastion/native-client#prerequisites
		p.Add("sku", args.Sku, "native-client tunneling (az network bastion ssh, az aks bastion) needs Standard or Premium", "use Standard (default)")
	}
	if args.ScaleUnits != 0 && (args.ScaleUnits < minScaleUnits || args.ScaleUnits > maxScaleUnits) {
		p.Add("scaleUnits", args.ScaleUnits, "Standard and Premium Bastion take 2–50 scale units", "use 2 (default)")
	}
	p.Zones("zones", args.Zones, "")
}
