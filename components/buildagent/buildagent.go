// Package buildagent builds the self-hosted CI agents of a hardaks environment: Linux VMs in the private build
// agent subnet that run Azure DevOps Pipelines agents or GitHub Actions runners, reach the private AKS API server,
// registry and key vault over private endpoints, and authenticate to Azure with one shared user-assigned managed
// identity. The VMs have no public IP address and no password; administrators reach them through Azure Bastion.
//
// At first boot cloud-init installs rootless Docker, the Azure CLI, kubectl, kubelogin, Helm and the agent release,
// creates the unprivileged job user "agent", and refuses the instance metadata service to every socket not owned by
// root, so jobs cannot use the managed identity directly (they get ARM and AKS tokens from a root broker, never Key
// Vault ones). hardaks-agent.service then runs one job per registration: before each job it resets the job user,
// reads the CI registration token from Key Vault as root and registers a fresh agent (GitHub: --ephemeral; Azure
// DevOps: --replace and run.sh --once). The cloud-config (customData) holds no secret.
//
// Azure names derive from NamePrefix, with a leading "vm-" dropped for the other resources
// ("vm-hardaks-dev-agent" gives the base "hardaks-dev-agent"):
//
//	VMs:      <NamePrefix>-01, <NamePrefix>-02, ...
//	NICs:     nic-<base>-01, ...
//	OS disks: osdisk-<base>-01, ...
//	identity: id-<base> (unless IdentityName is set)
package buildagent

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// CI systems.
const (
	// SystemAzureDevOps registers Azure Pipelines agents; the Key Vault secret is a PAT with Agent Pools (read,
	// manage) scope.
	SystemAzureDevOps = "azureDevOps"
	// SystemGitHubActions registers GitHub Actions runners; the Key Vault secret is a token that may create runner
	// registration tokens (registration tokens themselves expire after an hour): a fine-grained token with
	// Administration: write on the repository or Self-hosted runners: write on the organization, or a classic PAT
	// with repo or admin:org scope.
	SystemGitHubActions = "githubActions"
)

// Defaults for the optional arguments.
const (
	// DefaultVMSize: 2 vCPUs and 8 GiB with a local temp disk, Generation 2 (Trusted Launch) with encryption at host.
	// Every stack that leaves buildAgent.vmSize unset has run it; larger build jobs set a larger size (the prod
	// example uses Standard_D4ds_v5).
	DefaultVMSize       = "Standard_D2ds_v5"
	DefaultOSDiskSizeGB = 128
	// DefaultAzureDevOpsAgentVersion and DefaultGitHubRunnerVersion are the agent releases installed at first boot;
	// both agents update themselves afterwards.
	DefaultAzureDevOpsAgentVersion = "4.264.2"
	DefaultGitHubRunnerVersion     = "2.334.0"
	DefaultHelmVersion             = "v3.19.0"
	// ServiceUser is the unprivileged account the agent service runs as.
	ServiceUser = "agent"
)

// DefaultImage is Ubuntu 24.04 LTS, Gen2: Trusted Launch needs a Gen2 image and automatic guest patching by the
// platform supports it. https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching#supported-os-images
var DefaultImage = Image{Publisher: "Canonical", Offer: "ubuntu-24_04-lts", Sku: "server", Version: "latest"}

// BuildAgentArgs configures a BuildAgent.
type BuildAgentArgs struct {
	// ResourceGroupName is the resource group of the VMs, NICs and identity.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Location is the Azure region; it must be the region of the subnet.
	Location pulumi.StringInput `pulumi:"location"`
	// NamePrefix is the VM name prefix, e.g. "vm-hardaks-dev-agent"; VM i is "<NamePrefix>-<i, two digits>", which
	// is also its host name and its agent name in the CI system.
	NamePrefix string `pulumi:"namePrefix"`
	// Count is the number of agent VMs, 1-99.
	Count int `pulumi:"count"`
	// VMSize must support Premium storage, Trusted Launch and encryption at host; empty means DefaultVMSize.
	VMSize string `pulumi:"vmSize,optional"`
	// AcceleratedNetworking turns on accelerated networking on the NICs; only set it for sizes that support it.
	AcceleratedNetworking bool `pulumi:"acceleratedNetworking,optional"`
	// OSDiskSizeGB is the OS disk size, 30-4095 GiB; 0 means 128 (container images and work folders live there).
	OSDiskSizeGB int `pulumi:"osDiskSizeGb,optional"`
	// AdminUsername is the Linux administrator, reachable only with SSHPublicKey through Bastion.
	AdminUsername string `pulumi:"adminUsername"`
	// SSHPublicKey is the administrator's OpenSSH public key (ssh-ed25519, or ssh-rsa of at least MinRSABits bits).
	SSHPublicKey string `pulumi:"sshPublicKey"`
	// SubnetID is the ARM ID of the build agent subnet.
	SubnetID pulumi.StringInput `pulumi:"subnetId"`
	// Zones spreads the VMs over availability zones: VM i goes to Zones[i % len(Zones)]. Empty means no zone.
	Zones []string `pulumi:"zones,optional"`
	// Image is the marketplace image; nil means DefaultImage. It must be a Gen2 image that supports Trusted Launch
	// and automatic guest patching by the platform.
	Image *Image `pulumi:"image,optional"`
	// IdentityName is the Azure name of the agents' user-assigned identity; empty means "id-<base>".
	IdentityName string `pulumi:"identityName,optional"`

	// RegistryName is the registry's Azure name; its login server is "<name>.azurecr.io". The registry grants the
	// agents AcrPush (AccessRoleAssignments).
	RegistryName pulumi.StringInput `pulumi:"registryName"`
	// VaultName is the Azure name of the key vault holding the registration token.
	VaultName pulumi.StringInput `pulumi:"vaultName"`
	// RegistrationTokenSecretName is the Key Vault secret that holds the CI token (see SystemAzureDevOps and
	// SystemGitHubActions); the vault grants the agents Key Vault Secrets User on that one secret
	// (AccessRoleAssignments). The component never reads its value.
	RegistrationTokenSecretName string `pulumi:"registrationTokenSecretName"`
	// ClusterName is the AKS cluster's Azure name, handed to pipelines as HARDAKS_CLUSTER_NAME.
	ClusterName pulumi.StringInput `pulumi:"clusterName"`
	// ClusterResourceGroup is the AKS cluster's resource group, handed to pipelines as HARDAKS_CLUSTER_RESOURCE_GROUP.
	ClusterResourceGroup pulumi.StringInput `pulumi:"clusterResourceGroup"`
	// KubernetesRole is the Azure RBAC for Kubernetes role the agents deploy with, by built-in name or definition
	// ID; empty means rbac.AKSRBACWriter.
	KubernetesRole string `pulumi:"kubernetesRole,optional"`
	// KubernetesNamespaces are the namespaces the agents deploy to: the cluster grants KubernetesRole at
	// <cluster>/namespaces/<namespace> for each (AccessRoleAssignments), so a pipeline cannot touch, or run pods as
	// the ServiceAccounts of, any other namespace. Empty gives the agents no Kubernetes role. Ignored for RBAC
	// Cluster Admin, which only exists cluster-wide.
	// https://learn.microsoft.com/azure/aks/manage-azure-rbac#create-role-assignments-for-users-to-access-the-cluster
	KubernetesNamespaces []string `pulumi:"kubernetesNamespaces,optional"`
	// AccessRoleAssignmentIDs are the IDs of the role assignments the registry, vault and cluster hold for the
	// agents (their roleAssignmentIds for AccessRoleAssignments): the VMs are created after them, so an agent's
	// first boot finds its token readable. Empty leaves that to the registration script's retries.
	AccessRoleAssignmentIDs pulumi.StringArrayInput `pulumi:"accessRoleAssignmentIds,optional"`

	// CI says which CI system the agents register with.
	CI CI `pulumi:"ci"`
	// HelmVersion is the Helm release installed from get.helm.sh, e.g. "v3.19.0"; empty means DefaultHelmVersion.
	HelmVersion string `pulumi:"helmVersion,optional"`
	// Tags go on the identity, NICs and VMs.
	Tags pulumi.StringMapInput `pulumi:"tags,optional"`
}

// CI describe the CI system the agents register with.
type CI struct {
	// System is SystemAzureDevOps or SystemGitHubActions.
	System string `pulumi:"system"`
	// URL is the Azure DevOps organization URL (https://dev.azure.com/<org>) or the GitHub repository or
	// organization URL (https://github.com/<owner>/<repo> or https://github.com/<org>).
	URL string `pulumi:"url"`
	// Pool is the Azure DevOps agent pool; required for Azure DevOps, not allowed for GitHub Actions.
	Pool string `pulumi:"pool,optional"`
	// Labels are extra GitHub Actions runner labels (the runner adds self-hosted, Linux and X64 itself); not
	// allowed for Azure DevOps.
	Labels []string `pulumi:"labels,optional"`
	// AgentVersion is the agent release to install; empty means DefaultAzureDevOpsAgentVersion or
	// DefaultGitHubRunnerVersion.
	AgentVersion string `pulumi:"agentVersion,optional"`
	// AgentSHA256 is the SHA-256 of the agent tarball (linux-x64) from the release notes; when set, the download is
	// verified against it.
	AgentSHA256 string `pulumi:"agentSha256,optional"`
}

// Image name a marketplace image.
type Image struct {
	// Publisher is the image publisher, e.g. Canonical.
	Publisher string `pulumi:"publisher"`
	// Offer is the image offer, e.g. ubuntu-24_04-lts.
	Offer string `pulumi:"offer"`
	// Sku is the image SKU, e.g. server.
	Sku string `pulumi:"sku"`
	// Version is the image version, or latest.
	Version string `pulumi:"version"`
}

// BuildAgent is a set of self-hosted CI agent VMs sharing one user-assigned managed identity.
type BuildAgent struct {
	pulumi.ResourceState

	// IdentityID is the ARM ID of the agents' user-assigned identity.
	IdentityID pulumi.StringOutput `pulumi:"identityId"`
	// IdentityClientID is the identity's client ID, with which root on the agents requests its tokens.
	IdentityClientID pulumi.StringOutput `pulumi:"identityClientId"`
	// IdentityPrincipalID is the identity's object ID, the principal of AccessRoleAssignments.
	IdentityPrincipalID pulumi.StringOutput `pulumi:"identityPrincipalId"`
	// VirtualMachineIDs are the ARM IDs of the VMs, in index order.
	VirtualMachineIDs pulumi.StringArrayOutput `pulumi:"virtualMachineIds"`
	// VirtualMachineNames are the VM names (and agent names), in index order.
	VirtualMachineNames pulumi.StringArrayOutput `pulumi:"virtualMachineNames"`
}

// NewBuildAgent registers the identity and then each VM's NIC and VM. The roles the agents hold on the registry,
// the vault and the cluster belong to those resources: AccessRoleAssignments lists them.
func NewBuildAgent(ctx *pulumi.Context, name string, args *BuildAgentArgs, opts ...pulumi.ResourceOption) (*BuildAgent, error) {
	if args == nil {
		return nil, errors.New("buildagent: args must not be nil")
	}
	if err := validate(args); err != nil {
		return nil, err
	}
	s := resolve(args)

	comp := &BuildAgent{}
	if err := ctx.RegisterComponentResource("hardaks:buildagent:BuildAgent", name, comp, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(comp)

	identity, err := newIdentity(ctx, name+"-id", args, s, parent)
	if err != nil {
		return nil, err
	}

	var ids, names pulumi.StringArray
	var previous pulumi.Resource
	for i := range args.Count {
		vm, err := newAgent(ctx, name, i, args, s, identity, previous, parent)
		if err != nil {
			return nil, err
		}
		previous = vm
		ids = append(ids, vm.ID().ToStringOutput())
		names = append(names, vm.Name)
	}

	comp.IdentityID = identity.ID().ToStringOutput()
	comp.IdentityClientID = identity.ClientId
	comp.IdentityPrincipalID = identity.PrincipalId
	comp.VirtualMachineIDs = ids.ToStringArrayOutput()
	comp.VirtualMachineNames = names.ToStringArrayOutput()
	if err := ctx.RegisterResourceOutputs(comp, pulumi.Map{
		"identityId":          comp.IdentityID,
		"identityClientId":    comp.IdentityClientID,
		"identityPrincipalId": comp.IdentityPrincipalID,
		"virtualMachineIds":   comp.VirtualMachineIDs,
		"virtualMachineNames": comp.VirtualMachineNames,
	}); err != nil {
		return nil, err
	}
	return comp, nil
}
