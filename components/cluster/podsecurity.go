package cluster

import (
	authorization "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2/v20240401"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Pod Security levels (ClusterArgs.PodSecurity).
const (
	PodSecurityBaseline   = "baseline"
	PodSecurityRestricted = "restricted"
	PodSecurityAudit      = "audit"
)

// The built-in Azure Policy initiatives for the Kubernetes Pod Security Standards, which the azurepolicy add-on
// (Gatekeeper) enforces at admission. https://learn.microsoft.com/azure/aks/use-azure-policy
const (
	// Kubernetes cluster pod security baseline standards for Linux-based workloads: no privileged containers, host
	// network, host PID/IPC, hostPath volumes or capabilities beyond the default set.
	podSecurityBaselineInitiative = "/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d"
	// Kubernetes cluster pod security restricted standards for Linux-based workloads: baseline, plus no privilege
	// escalation, non-root users and groups, a runtime/default seccomp profile and only configMap, csi,
	// downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.
	podSecurityRestrictedInitiative = "/providers/Microsoft.Authorization/policySetDefinitions/42b8ef37-b724-4e24-bbc8-7a7708edfe00"
)

// podSecurityExcludedNamespaces are the namespaces of AKS's own system components, which need host access: the
// default exclusions of the restricted initiative (Azure/azure-policy
// built-in-policies/policySetDefinitions/Kubernetes/Kubernetes_PSPRestrictedStandard.json), a superset of the
// baseline initiative's.
var podSecurityExcludedNamespaces = []string{"kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"}

// newPodSecurityAssignment assigns the Pod Security initiative at cluster scope: baseline or restricted with effect
// Deny, or baseline with effect Audit, which reports violations without blocking them.
func newPodSecurityAssignment(ctx *pulumi.Context, logicalName string, args *ClusterArgs, n names, clusterID pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*authorization.PolicyAssignment, error) {
	initiative, effect := podSecurityBaselineInitiative, "Deny"
	switch podSecurity(args) {
	case PodSecurityRestricted:
		initiative = podSecurityRestrictedInitiative
	case PodSecurityAudit:
		effect = "Audit"
	}
	return authorization.NewPolicyAssignment(ctx, logicalName, &authorization.PolicyAssignmentArgs{
		Scope: clusterID,
		// One per cluster at the cluster's own scope, so a fixed name is unique (and within the 64 characters
		// ARM allows for an assignment below a management group).
		PolicyAssignmentName: pulumi.String("hardaks-pod-security"),
		DisplayName:          pulumi.String("Pod Security (" + podSecurity(args) + ") for " + n.cluster),
		PolicyDefinitionId:   pulumi.String(initiative),
		EnforcementMode:      pulumi.String(string(authorization.EnforcementModeDefault)),
		Parameters: authorization.ParameterValuesValueMap{
			"effect":             authorization.ParameterValuesValueArgs{Value: pulumi.String(effect)},
			"excludedNamespaces": authorization.ParameterValuesValueArgs{Value: pulumi.ToStringArray(podSecurityExcludedNamespaces)},
		},
	}, opts...)
}

// podSecurity is args.PodSecurity, baseline when empty.
func podSecurity(args *ClusterArgs) string {
	if args.PodSecurity == "" {
		return PodSecurityBaseline
	}
	return args.PodSecurity
}
