// Package monitoring creates the Log Analytics workspace that every audit and diagnostic log of an environment goes to.
package monitoring

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
)

// MonitoringArgs are the inputs of NewMonitoring.
type MonitoringArgs struct {
	// ResourceGroupName is the resource group of the workspace.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region of the workspace.
	Location pulumi.StringInput `pulumi:"location"`
	// WorkspaceName is the Azure name: 4–63 letters, digits and hyphens.
	WorkspaceName string `pulumi:"workspaceName"`
	// RetentionInDays is 30–730 on the PerGB2018 SKU; 0 means DefaultRetentionInDays.
	RetentionInDays int `pulumi:"retentionInDays,optional"`
	// Tags go on the workspace.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Monitoring is the environment's Log Analytics workspace.
type Monitoring struct {
	pulumi.ResourceState

	// WorkspaceID is the ARM ID of the workspace, where every diagnostic setting sends its logs.
	WorkspaceID pulumi.StringOutput `pulumi:"workspaceId"`
	// WorkspaceName is the Azure name of the workspace.
	WorkspaceName pulumi.StringOutput `pulumi:"workspaceName"`
	// CustomerID is the workspace GUID that agents and queries address.
	CustomerID pulumi.StringOutput `pulumi:"customerId"`
}

// NewMonitoring creates the workspace.
func NewMonitoring(ctx *pulumi.Context, name string, args *MonitoringArgs, opts ...pulumi.ResourceOption) (*Monitoring, error) {
	if args == nil {
		return nil, errors.New("monitoring: args must not be nil")
	}
	if err := args.validate(); err != nil {
		return nil, err
	}
	comp := &Monitoring{}
	if err := ctx.RegisterComponentResource("hardaks:monitoring:Monitoring", name, comp, opts...); err != nil {
		return nil, err
	}
	workspace, err := newWorkspace(ctx, name+"-workspace", args, pulumi.Parent(comp))
	if err != nil {
		return nil, err
	}
	comp.WorkspaceID = workspace.ID().ToStringOutput()
	comp.WorkspaceName = workspace.Name
	comp.CustomerID = workspace.CustomerId
	return comp, ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"workspaceId":   comp.WorkspaceID,
		"workspaceName": comp.WorkspaceName,
		"customerId":    comp.CustomerID,
	})
}

// Log Analytics retention on the PerGB2018 SKU. https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure
const (
	minRetentionInDays = 30
	maxRetentionInDays = 730
	// DefaultRetentionInDays is the retention hardaks suggests: 90 days, long enough to investigate an incident
	// found weeks later; days beyond the 31 the workspace includes are billed.
	DefaultRetentionInDays = 90
)

// Validate checks every argument that is a plain value and returns all problems at once as a *validation.Error.
// NewMonitoring also checks the required Inputs.
func (a *MonitoringArgs) Validate() error { return validation.Check("monitoring", a.check) }

func (a *MonitoringArgs) validate() error {
	return validation.Check("monitoring", a.checkInputs, a.check)
}

func (a *MonitoringArgs) checkInputs(p *validation.Problems) {
	p.Required(a.ResourceGroupName != nil, "resourceGroupName", "pass the resource group's name")
	p.RegionInput("location", a.Location)
}

func (a *MonitoringArgs) check(p *validation.Problems) {
	if a.WorkspaceName == "" {
		p.Add("workspaceName", nil, "is required", "name the workspace")
	}
	if r := a.RetentionInDays; r != 0 && (r < minRetentionInDays || r > maxRetentionInDays) {
		p.Add("retentionInDays", a.RetentionInDays, "Log Analytics keeps data 30–730 days", fmt.Sprintf("use %d (default)", DefaultRetentionInDays))
	}
}
