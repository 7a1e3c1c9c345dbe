package stacks

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/rbac"
)

// The role assignments a workload identity and the build agents held on the vault, registry and cluster moved to
// those resources (the resource being accessed owns its assignments). Their Azure names are unchanged (a GUID of
// scope, principal and role), but their logical names and parents are new, and without an alias Pulumi would
// create each under its new URN and then delete the old one: azure-native refuses to create a resource that
// exists ("cannot create already existing resource"), and the delete would remove the grant. Each moved assignment
// therefore answers to its old URN.

// roleAssignmentType is the type of every assignment rbac creates.
const roleAssignmentType = "azure-native:authorization/v20220401:RoleAssignment"

// Types of the components that held the assignments before.
const (
	workloadIdentityTypeBefore = "hardaks:identity:WorkloadIdentity"
	buildAgentType             = "hardaks:buildagent:BuildAgent"
)

// moved builds the aliases of the assignments that moved under env.
type moved struct {
	ctx *pulumi.Context
	env *Environment
}

// grants is the option that gives component's assignments named in aliases (by assignment name) their old URN.
func (m moved) grants(component string, aliases map[string]pulumi.Alias) pulumi.ResourceOption {
	return pulumi.Transformations([]pulumi.ResourceTransformation{func(r *pulumi.ResourceTransformationArgs) *pulumi.ResourceTransformationResult {
		assignment, ok := strings.CutPrefix(r.Name, component+"-ra-")
		alias, moved := aliases[assignment]
		if r.Type != roleAssignmentType || !ok || !moved {
			return nil
		}
		return &pulumi.ResourceTransformationResult{Props: r.Props, Opts: append(r.Opts, pulumi.Aliases([]pulumi.Alias{alias}))}
	}})
}

// under is the alias of an assignment that was named logicalName under the component name of type componentType.
func (m moved) under(componentType, name, logicalName string) pulumi.Alias {
	parent := pulumi.CreateURN(pulumi.String(name), pulumi.String(componentType), m.env.URN(),
		pulumi.String(m.ctx.Project()), pulumi.String(m.ctx.Stack()))
	return pulumi.Alias{Name: pulumi.String(logicalName), ParentURN: parent}
}

// workloadGrant is the alias of one of the workload's vault grants, which workloadidentity named
// <workload>-ra-secret-<object> or <workload>-ra-certificate-<object>.
func (m moved) workloadGrant(workload string, g rbac.RoleAssignment) pulumi.Alias {
	object := "secret-" + g.Secret
	if g.Certificate != "" {
		object = "certificate-" + g.Certificate
	}
	return m.under(workloadIdentityTypeBefore, workload, workload+"-ra-"+object)
}

// agentGrants are the aliases of the build agents' grants, which buildagent named <agents>-ra-<suffix> under the
// component <name>-buildagent; the assignment names are <base>-<suffix> (buildagent.AccessRoleAssignments).
func (m moved) agentGrants(name string, grants []rbac.RoleAssignment) map[string]pulumi.Alias {
	aliases := map[string]pulumi.Alias{}
	agents := name + "-buildagent"
	for _, g := range grants {
		aliases[g.Name] = m.under(buildAgentType, agents, agents+"-ra-"+agentGrantSuffix(g))
	}
	return aliases
}

// agentGrantSuffix is the part of an agent grant's name after the agents' base name.
func agentGrantSuffix(g rbac.RoleAssignment) string {
	for _, suffix := range []string{"acr-push", "kv-secrets-user", "aks-cluster-user", "aks-rbac"} {
		if i := strings.LastIndex(g.Name, "-"+suffix); i >= 0 {
			return g.Name[i+1:]
		}
	}
	return g.Name
}
