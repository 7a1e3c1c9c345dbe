// Package bastion builds the environment's only way in from the internet: an Azure Bastion host (Standard SKU,
// native client support) with its zone-redundant Standard public IP address, and a diagnostic setting that sends
// Bastion's audit logs (who connected to which VM, from where, when) to the Log Analytics workspace.
//
// Azure names derive from BastionName ("bas-hardaks-dev"):
//
//	public IP:          pip-<BastionName>
//	diagnostic setting: diag-<BastionName>
package bastion

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Defaults for the optional arguments.
const (
	// SkuStandard is the default: the smallest SKU with native-client tunneling (az network bastion ssh, az aks
	// bastion). https://learn.microsoft.com/azure/bastion/native-client
	SkuStandard = "Standard"
	// SkuPremium adds session recording and private-only deployment.
	SkuPremium = "Premium"
	// DefaultScaleUnits is the Standard SKU's minimum and Azure's default.
	DefaultScaleUnits = 2
)

// BastionArgs configures a Bastion.
type BastionArgs struct {
	// ResourceGroupName is the resource group of the Bastion host and its public IP address.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region; it must be the region of the virtual network.
	Location pulumi.StringInput `pulumi:"location"`
	// BastionName is the Azure name of the Bastion host, e.g. "bas-hardaks-dev"; the public IP name derives from it.
	BastionName string `pulumi:"bastionName"`
	// SubnetID is the ARM ID of the virtual network's AzureBastionSubnet.
	SubnetID pulumi.StringInput `pulumi:"subnetId"`
	// Sku is "Standard" (the default when empty) or "Premium" (session recording, private-only deployment; in the
	// pinned 2024-03-01 API). "Basic" lacks the native client.
	Sku string `pulumi:"sku,optional"`
	// EnableIPConnect allows connecting to VMs by private IP address (for example across peered networks).
	EnableIPConnect bool `pulumi:"enableIpConnect,optional"`
	// DisableCopyPaste turns off clipboard copy/paste in browser sessions.
	DisableCopyPaste bool `pulumi:"disableCopyPaste,optional"`
	// EnableFileCopy allows file upload/download through native client sessions. Off by default: it opens a path
	// for data to leave the private network that the audit log does not itemise.
	EnableFileCopy bool `pulumi:"enableFileCopy,optional"`
	// ScaleUnits is the number of Bastion instances, 2-50; 0 means 2.
	ScaleUnits int `pulumi:"scaleUnits,optional"`
	// Zones makes the public IP address zone-redundant across these availability zones, e.g. ["1","2","3"]; leave
	// empty in regions without availability zones.
	Zones []string `pulumi:"zones,optional"`
	// LogAnalyticsWorkspaceID is the ARM ID of the workspace that receives the Bastion audit logs.
	LogAnalyticsWorkspaceID pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// Tags go on the public IP address and the Bastion host.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Bastion is an Azure Bastion host with its public IP address and audit log diagnostic setting.
type Bastion struct {
	pulumi.ResourceState

	// BastionID is the ARM ID of the Bastion host.
	BastionID pulumi.StringOutput `pulumi:"bastionId"`
	// BastionName is the Azure name of the Bastion host.
	BastionName pulumi.StringOutput `pulumi:"bastionName"`
	// PublicIPAddressID is the ARM ID of the Bastion's public IP address.
	PublicIPAddressID pulumi.StringOutput `pulumi:"publicIpAddressId"`
}

// NewBastion registers the public IP address, the Bastion host and its diagnostic setting, in that order.
func NewBastion(ctx *pulumi.Context, name string, args *BastionArgs, opts ...pulumi.ResourceOption) (*Bastion, error) {
	if args == nil {
		return nil, errors.New("bastion: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}
	settings := resolve(args)

	comp := &Bastion{}
	if err := ctx.RegisterComponentResource("hardaks:bastion:Bastion", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	pip, err := newPublicIPAddress(ctx, name+"-pip", args, parent)
	if err != nil {
		return nil, err
	}
	host, err := newBastionHost(ctx, name+"-host", args, settings, pip.ID().ToStringOutput(), parent)
	if err != nil {
		return nil, err
	}
	if _, err := newDiagnosticSetting(ctx, name+"-diag", args, host.ID().ToStringOutput(), parent); err != nil {
		return nil, err
	}

	comp.BastionID = host.ID().ToStringOutput()
	comp.BastionName = host.Name
	comp.PublicIPAddressID = pip.ID().ToStringOutput()
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"bastionId":         comp.BastionID,
		"bastionName":       comp.BastionName,
		"publicIpAddressId": comp.PublicIPAddressID,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}

// settings are the arguments with defaults applied.
type settings struct {
	sku        string
	scaleUnits int
}

func resolve(args *BastionArgs) settings {
	s := settings{sku: args.Sku, scaleUnits: args.ScaleUnits}
	if s.sku == "" {
		s.sku = SkuStandard
	}
	if s.scaleUnits == 0 {
		s.scaleUnits = DefaultScaleUnits
	}
	return s
}

func publicIPName(bastionName string) string { return "pip-" + bastionName }

func diagnosticSettingName(bastionName string) string { return "diag-" + bastionName }
