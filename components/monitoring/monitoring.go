// Package monitoring creates the Log Analytics workspace that every audit and diagnostic log of an environment goes to.
package monitoring

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// MonitoringArgs are the inputs of NewMonitoring.
type MonitoringArgs struct {
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	Location          pulumi.StringInput `pulumi:"location"`
	// WorkspaceName is the Azure name: 4–63 letters, digits and hyphens.
	WorkspaceName string `pulumi:"workspaceName"`
	// RetentionInDays is 30–730 on the PerGB2018 SKU.
	RetentionInDays int                   `pulumi:"retentionInDays"`
	Tags            pulumi.StringMapInput `pulumi:"tags,optional"`
}

// Monitoring is the environment's Log Analytics workspace.
type Monitoring struct {
	pulumi.ResourceState

	WorkspaceID   pulumi.StringOutput `pulumi:"workspaceId"`
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

func (a *MonitoringArgs) validate() error {
	var errs []error
	if a.ResourceGroupName == nil {
		errs = append(errs, errors.New("monitoring: resourceGroupName is required"))
	}
	if a.Location == nil {
		errs = append(errs, errors.New("monitoring: location is required"))
	}
	if a.WorkspaceName == "" {
		errs = append(errs, errors.New("monitoring: workspaceName is required"))
	}
	if a.RetentionInDays < 30 || a.RetentionInDays > 730 {
		errs = append(errs, fmt.Errorf("monitoring: retentionInDays %d must be between 30 and 730", a.RetentionInDays))
	}
	return errors.Join(errs...)
}
