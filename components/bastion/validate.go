package bastion

import (
	"errors"
	"fmt"
	"regexp"
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

// validate checks the arguments NewBastion inspects at construction time.
func validate(args *BastionArgs) error {
	switch {
	case args.ResourceGroupName == nil:
		return errors.New("bastion: resourceGroupName is required")
	case args.Location == nil:
		return errors.New("bastion: location is required")
	case args.BastionName == "":
		return errors.New("bastion: bastionName is required")
	case args.SubnetID == nil:
		return errors.New("bastion: subnetId is required")
	case args.LogAnalyticsWorkspaceID == nil:
		return errors.New("bastion: logAnalyticsWorkspaceId is required")
	}
	if !bastionNamePattern.MatchString(args.BastionName) {
		return fmt.Errorf("bastion: bastionName %q must be 1-80 letters, digits, '_', '.' or '-', start with a letter or digit and end with a letter, digit or '_'",
			args.BastionName)
	}
	if pip := publicIPName(args.BastionName); !publicIPNamePattern.MatchString(pip) {
		return fmt.Errorf("bastion: the public IP address name %q derived from bastionName is longer than 80 characters", pip)
	}

	switch args.Sku {
	case "", SkuStandard, SkuPremium:
	case "Basic":
		// Basic has no native client support, no IP-based connection and a fixed two instances.
		// https://learn.microsoft.com/azure/bastion/configuration-settings#skus
		return errors.New(`bastion: sku "Basic" does not support the native client (az network bastion ssh); use "Standard"`)
	default:
		return fmt.Errorf("bastion: sku %q must be \"Standard\" or \"Premium\"", args.Sku)
	}

	if args.ScaleUnits != 0 && (args.ScaleUnits < minScaleUnits || args.ScaleUnits > maxScaleUnits) {
		return fmt.Errorf("bastion: scaleUnits %d must be between %d and %d", args.ScaleUnits, minScaleUnits, maxScaleUnits)
	}

	seen := map[string]bool{}
	for _, zone := range args.Zones {
		if zone != "1" && zone != "2" && zone != "3" {
			return fmt.Errorf("bastion: zones %q: zone %q must be \"1\", \"2\" or \"3\"", args.Zones, zone)
		}
		if seen[zone] {
			return fmt.Errorf("bastion: zones %q lists zone %q twice", args.Zones, zone)
		}
		seen[zone] = true
	}
	return nil
}
