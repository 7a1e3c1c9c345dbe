package buildagent_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/rbac"
	"github.com/hardaks/hardaks/internal/offline"
)

func TestTheComponentRegistersTheIdentityAndThenEachAgentInOrder(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		componentType + " agents",
		identityType + " agents-id",
		nicType + " agents-nic-01",
		vmType + " agents-vm-01",
		nicType + " agents-nic-02",
		vmType + " agents-vm-02",
	}, got)
	component := plan.MustFind(t, componentType, "agents")
	for _, r := range plan.Resources[1:] {
		assert.Equal(t, component.URN, r.Parent, r.Name)
	}
}

func TestTheSharedIdentityIsNamedAfterThePrefixAndTagged(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	identity := plan.MustFind(t, identityType, "agents-id")
	assert.Equal(t, map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"location":          "westeurope",
		"resourceName":      "id-hardaks-dev-agent",
		"tags":              map[string]any{"env": "dev"},
	}, identity.Inputs)
	assert.Equal(t, identityID, identity.ID)
	assert.Len(t, plan.OfType(identityType), 1, "one identity, shared by every agent")
}

// The Kubernetes role is scoped to each namespace the agents deploy to: cluster-wide, Writer could run pods as any
// ServiceAccount and so impersonate every workload identity. The resources the agents reach make the assignments.
func TestTheAgentsNeedExactlyTheirRolesAtTheNarrowestScopes(t *testing.T) {
	grant := func(name, role string) rbac.RoleAssignment {
		return rbac.RoleAssignment{Name: name, Role: role, PrincipalType: rbac.PrincipalServicePrincipal}
	}
	token := grant("hardaks-dev-agent-kv-secrets-user", rbac.KeyVaultSecretsUser)
	token.Secret = "ci-registration-token"
	orders, payments := grant("hardaks-dev-agent-aks-rbac-orders", rbac.AKSRBACWriter), grant("hardaks-dev-agent-aks-rbac-payments", rbac.AKSRBACWriter)
	orders.Namespace, payments.Namespace = "orders", "payments"
	assert.Equal(t, buildagent.AccessRoleAssignments{
		Registry: []rbac.RoleAssignment{grant("hardaks-dev-agent-acr-push", rbac.AcrPush)},
		KeyVault: []rbac.RoleAssignment{token},
		Cluster:  []rbac.RoleAssignment{grant("hardaks-dev-agent-aks-cluster-user", rbac.AKSClusterUser), orders, payments},
	}, azureDevOpsArgs().AccessRoleAssignments())
	plan := run(t, azureDevOpsArgs())
	assert.Empty(t, plan.OfType(raType), "the component grants nothing itself")
}

func TestTheKubernetesRoleAndIdentityNameCanBeChosen(t *testing.T) {
	args := azureDevOpsArgs()
	args.KubernetesRole = rbac.AKSRBACReader
	args.IdentityName = "id-custom"
	plan := run(t, args)

	identity := plan.MustFind(t, identityType, "agents-id")
	assert.Equal(t, "id-custom", identity.Inputs["resourceName"])
	cluster := args.AccessRoleAssignments().Cluster
	require.Len(t, cluster, 3)
	assert.Equal(t, rbac.AKSRBACReader, cluster[1].Role)
	assert.Equal(t, "orders", cluster[1].Namespace)
}

// RBAC Cluster Admin exists only cluster-wide; it is the one Kubernetes role the agents get on the whole cluster.
func TestClusterAdminIsAssignedOnTheClusterAndNamespacesAreIgnored(t *testing.T) {
	args := azureDevOpsArgs()
	args.KubernetesRole = "/providers/Microsoft.Authorization/roleDefinitions/" + rbac.MustRoleGUID(rbac.AKSRBACClusterAdmin)
	cluster := args.AccessRoleAssignments().Cluster
	require.Len(t, cluster, 2)
	assert.Equal(t, "hardaks-dev-agent-aks-rbac", cluster[1].Name)
	assert.Empty(t, cluster[1].Namespace)
}

func TestWithoutNamespacesTheAgentsGetNoKubernetesRole(t *testing.T) {
	args := azureDevOpsArgs()
	args.KubernetesNamespaces = nil
	cluster := args.AccessRoleAssignments().Cluster
	require.Len(t, cluster, 1)
	assert.Equal(t, rbac.AKSClusterUser, cluster[0].Role)
}

func TestEachNICHasOnePrivateDynamicAddressAndNoPublicIP(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	nics := plan.OfType(nicType)
	require.Len(t, nics, 2)
	for i, nic := range nics {
		name := []string{"nic-hardaks-dev-agent-01", "nic-hardaks-dev-agent-02"}[i]
		assert.Equal(t, map[string]any{
			"resourceGroupName":    "rg-hardaks-dev",
			"location":             "westeurope",
			"networkInterfaceName": name,
			"ipConfigurations": []any{map[string]any{
				"name":                      "ipconfig1",
				"primary":                   true,
				"privateIPAllocationMethod": "Dynamic",
				"privateIPAddressVersion":   "IPv4",
				"subnet":                    map[string]any{"id": subnetID},
			}},
			"enableIPForwarding":          false,
			"enableAcceleratedNetworking": false,
			"tags":                        map[string]any{"env": "dev"},
		}, nic.Inputs)
		assert.Nil(t, offline.Get(nic.Inputs, "ipConfigurations[0].publicIPAddress"))
		assert.Empty(t, nic.Dependencies)
	}
}

func TestAcceleratedNetworkingCanBeTurnedOn(t *testing.T) {
	args := azureDevOpsArgs()
	args.AcceleratedNetworking = true
	plan := run(t, args)

	for _, nic := range plan.OfType(nicType) {
		assert.Equal(t, true, nic.Inputs["enableAcceleratedNetworking"])
	}
}

// expectedVM is every input of agent VM i (1-based) except customData, which the cloud-init tests cover.
func expectedVM(i int, zone string) map[string]any {
	n := []string{"", "01", "02", "03"}[i]
	vm := map[string]any{
		"resourceGroupName": "rg-hardaks-dev",
		"location":          "westeurope",
		"vmName":            "vm-hardaks-dev-agent-" + n,
		"hardwareProfile":   map[string]any{"vmSize": "Standard_D2ds_v5"},
		"identity": map[string]any{
			"type":                   "UserAssigned",
			"userAssignedIdentities": []any{identityID},
		},
		"osProfile": map[string]any{
			"computerName":  "vm-hardaks-dev-agent-" + n,
			"adminUsername": "hardaksadmin",
			"linuxConfiguration": map[string]any{
				"disablePasswordAuthentication": true,
				"ssh": map[string]any{"publicKeys": []any{map[string]any{
					"path":    "/home/hardaksadmin/.ssh/authorized_keys",
					"keyData": sshKey,
				}}},
				"provisionVMAgent": true,
				"patchSettings": map[string]any{
					"patchMode":                   "AutomaticByPlatform",
					"assessmentMode":              "AutomaticByPlatform",
					"automaticByPlatformSettings": map[string]any{"rebootSetting": "IfRequired"},
				},
			},
		},
		"securityProfile": map[string]any{
			"securityType":     "TrustedLaunch",
			"uefiSettings":     map[string]any{"secureBootEnabled": true, "vTpmEnabled": true},
			"encryptionAtHost": true,
		},
		"storageProfile": map[string]any{
			"imageReference": map[string]any{
				"publisher": "Canonical",
				"offer":     "ubuntu-24_04-lts",
				"sku":       "server",
				"version":   "latest",
			},
			"osDisk": map[string]any{
				"name":         "osdisk-hardaks-dev-agent-" + n,
				"createOption": "FromImage",
				"caching":      "ReadWrite",
				"diskSizeGB":   float64(128),
				"managedDisk":  map[string]any{"storageAccountType": "Premium_LRS"},
				"deleteOption": "Delete",
			},
		},
		"diagnosticsProfile": map[string]any{"bootDiagnostics": map[string]any{"enabled": true}},
		"networkProfile": map[string]any{"networkInterfaces": []any{map[string]any{
			"id":           rgID + "/providers/Microsoft.Network/networkInterfaces/nic-hardaks-dev-agent-" + n,
			"primary":      true,
			"deleteOption": "Detach",
		}}},
		"tags": map[string]any{"env": "dev"},
	}
	if zone != "" {
		vm["zones"] = []any{zone}
	}
	return vm
}

// withoutCustomData returns a copy of the VM inputs without osProfile.customData.
func withoutCustomData(t *testing.T, inputs map[string]any) map[string]any {
	t.Helper()
	out := map[string]any{}
	for k, v := range inputs {
		out[k] = v
	}
	profile := map[string]any{}
	for k, v := range inputs["osProfile"].(map[string]any) {
		profile[k] = v
	}
	require.Contains(t, profile, "customData")
	delete(profile, "customData")
	out["osProfile"] = profile
	return out
}

func TestEachVMIsAHardenedTrustedLaunchVMWithTheSharedIdentityAndNoPassword(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	vms := plan.OfType(vmType)
	require.Len(t, vms, 2)
	for i, vm := range vms {
		assert.Equal(t, expectedVM(i+1, []string{"1", "2"}[i]), withoutCustomData(t, vm.Inputs))
		assert.NotContains(t, vm.Inputs["osProfile"], "adminPassword")
	}
}

func TestVMsRoundRobinOverTheZonesAndHaveNoZoneWithoutZones(t *testing.T) {
	args := azureDevOpsArgs()
	args.Count = 3
	plan := run(t, args)
	var zones []any
	for _, vm := range plan.OfType(vmType) {
		zones = append(zones, vm.Inputs["zones"])
	}
	assert.Equal(t, []any{[]any{"1"}, []any{"2"}, []any{"1"}}, zones)

	args = azureDevOpsArgs()
	args.Zones = nil
	plan = run(t, args)
	for _, vm := range plan.OfType(vmType) {
		assert.NotContains(t, vm.Inputs, "zones")
	}
}

// Each VM also waits for the one before it, so a new cloud-config replaces the agents one at a time.
func TestEachVMWaitsForItsNICTheIdentityAndThePreviousVMOnly(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	for i, n := range []string{"01", "02"} {
		vm := plan.MustFind(t, vmType, "agents-vm-"+n)
		want := []string{
			plan.URNOf(identityType, "agents-id"),
			plan.URNOf(nicType, "agents-nic-"+n),
		}
		if i > 0 {
			want = append(want, plan.URNOf(vmType, "agents-vm-01"))
		}
		assert.ElementsMatch(t, want, vm.Dependencies)
		// customData cannot change in place and the VM name is fixed: a new cloud-config replaces the VM, old first.
		assert.Equal(t, []string{"osProfile.customData"}, vm.Options.ReplaceOnChanges)
		assert.True(t, vm.Options.DeleteBeforeReplace)
	}
}

func TestTheImageSizeAndDiskCanBeChosen(t *testing.T) {
	args := azureDevOpsArgs()
	args.VMSize = "Standard_D8ds_v5"
	args.OSDiskSizeGB = 256
	args.Image = &buildagent.Image{Publisher: "Canonical", Offer: "ubuntu-24_04-lts", Sku: "server", Version: "24.04.202501010"}
	plan := run(t, args)

	vm := plan.MustFind(t, vmType, "agents-vm-01")
	assert.Equal(t, "Standard_D8ds_v5", offline.Get(vm.Inputs, "hardwareProfile.vmSize"))
	assert.Equal(t, float64(256), offline.Get(vm.Inputs, "storageProfile.osDisk.diskSizeGB"))
	assert.Equal(t, "24.04.202501010", offline.Get(vm.Inputs, "storageProfile.imageReference.version"))
}

func TestTheOutputsAreTheIdentityAndTheVMs(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	assert.Equal(t, map[string]any{
		"identityId":          identityID,
		"identityClientId":    clientID,
		"identityPrincipalId": principalID,
		"virtualMachineIds": []any{
			rgID + "/providers/Microsoft.Compute/virtualMachines/vm-hardaks-dev-agent-01",
			rgID + "/providers/Microsoft.Compute/virtualMachines/vm-hardaks-dev-agent-02",
		},
		"virtualMachineNames": []any{"vm-hardaks-dev-agent-01", "vm-hardaks-dev-agent-02"},
	}, plan.Outputs)
}

// Bastion's public IP being the environment's only one is a whole-stack test (tests/access_test.go).
func TestTheAgentsAddNoPublicIP(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	assert.Empty(t, plan.OfType(publicIPType))
	nics := plan.OfType(nicType)
	require.Len(t, nics, 2)
	for _, nic := range nics {
		assert.NotContains(t, strings.ToLower(flatten(nic.Inputs)), "publicipaddress", nic.Name)
	}
}

// flatten renders nested inputs as text, to search every key and value.
func flatten(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				b.WriteString(k + "=")
				walk(e)
				b.WriteString(";")
			}
		case []any:
			for _, e := range x {
				walk(e)
				b.WriteString(",")
			}
		case string:
			b.WriteString(x)
		}
	}
	walk(v)
	return b.String()
}

func TestInvalidArgumentsAreRejectedWithAClearError(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *buildagent.BuildAgentArgs)
		want   string
	}{
		{"missing resource group", func(a *buildagent.BuildAgentArgs) { a.ResourceGroupName = nil }, "buildagent: resourceGroupName = (not set): is required; pass the resource group's name"},
		{"missing location", func(a *buildagent.BuildAgentArgs) { a.Location = nil }, "buildagent: location = (not set): is required; set an Azure region, e.g. westeurope"},
		{"missing subnet", func(a *buildagent.BuildAgentArgs) { a.SubnetID = nil }, "buildagent: subnetId = (not set): is required; pass the build agent subnet's ID"},
		{"missing registry name", func(a *buildagent.BuildAgentArgs) { a.RegistryName = nil }, "buildagent: registryName = (not set): is required; pass the container registry's name"},
		{"missing vault", func(a *buildagent.BuildAgentArgs) { a.VaultName = nil }, "buildagent: vaultName = (not set): is required; pass the key vault's name"},
		{"missing cluster resource group", func(a *buildagent.BuildAgentArgs) { a.ClusterResourceGroup = nil },
			"buildagent: clusterResourceGroup = (not set): is required; pass the AKS cluster's resource group"},
		{"a namespace that is not a DNS label", func(a *buildagent.BuildAgentArgs) { a.KubernetesNamespaces = []string{"orders", "Payments"} },
			`buildagent: kubernetesNamespaces[1] = "Payments": must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens); list each namespace once`},
		{"a namespace listed twice", func(a *buildagent.BuildAgentArgs) { a.KubernetesNamespaces = []string{"orders", "orders"} },
			`buildagent: kubernetesNamespaces[1] = "orders": must be a distinct Kubernetes namespace name (lowercase letters, digits and hyphens); list each namespace once`},
		{"an uppercase name prefix", func(a *buildagent.BuildAgentArgs) { a.NamePrefix = "VM-agent" },
			`buildagent: namePrefix = "VM-agent": must be 2-61 lowercase letters, digits or '-', start with a letter and not end with '-'; choose a valid prefix, e.g. vm-hardaks-dev-agent`},
		{"a name prefix too long for a host name", func(a *buildagent.BuildAgentArgs) { a.NamePrefix = "a" + strings.Repeat("b", 61) },
			`buildagent: namePrefix = "a` + strings.Repeat("b", 61) + `": must be 2-61 lowercase letters, digits or '-', start with a letter and not end with '-'; choose a valid prefix, e.g. vm-hardaks-dev-agent`},
		{"no agents", func(a *buildagent.BuildAgentArgs) { a.Count = 0 }, `buildagent: count = "0": must be 1-10 (hardaks keeps the machines that hold the agents' rights few); run between 1 and 10 agents`},
		{"eleven agents", func(a *buildagent.BuildAgentArgs) { a.Count = 11 }, `buildagent: count = "11": must be 1-10 (hardaks keeps the machines that hold the agents' rights few); run between 1 and 10 agents`},
		{"a VM size that is not one", func(a *buildagent.BuildAgentArgs) { a.VMSize = "D2ds_v5" }, `buildagent: vmSize = "D2ds_v5": is not an Azure VM size; use a size such as Standard_D2ds_v5`},
		{"a zone in a region without zones", func(a *buildagent.BuildAgentArgs) { a.Location = pulumi.String("northcentralus") }, `buildagent: zones = ["1" "2"]: region northcentralus has no availability zones; remove the zones or choose a region with zones`},
		{"an Azure DevOps URL with credentials", func(a *buildagent.BuildAgentArgs) { a.CI.URL = "https://user:pat@dev.azure.com/contoso" }, `buildagent: ci.url = "[secret]": must not carry credentials; keep the token in the key vault, not in the URL`},
		{"a short identity name", func(a *buildagent.BuildAgentArgs) { a.IdentityName = "id" },
			`buildagent: identityName = "id": must be 3-128 letters, digits, '-' or '_', starting with a letter or digit; choose a valid name, or leave it empty for id-<base>`},
		{"a tiny OS disk", func(a *buildagent.BuildAgentArgs) { a.OSDiskSizeGB = 16 }, `buildagent: osDiskSizeGb = "16": must be 30-4095 GiB; use 128 (default)`},
		{"an invalid admin name", func(a *buildagent.BuildAgentArgs) { a.AdminUsername = "Ops" },
			`buildagent: adminUsername = "Ops": must be 1-32 lowercase letters, digits, '_' or '-', starting with a letter or '_'; use azureuser`},
		{"a reserved admin name", func(a *buildagent.BuildAgentArgs) { a.AdminUsername = "admin" }, `buildagent: adminUsername = "admin": is reserved by Azure; use azureuser`},
		{"the service user as admin", func(a *buildagent.BuildAgentArgs) { a.AdminUsername = "agent" },
			`buildagent: adminUsername = "agent": is the agent service user; choose another; use azureuser`},
		{"an ECDSA key", func(a *buildagent.BuildAgentArgs) { a.SSHPublicKey = "ecdsa-sha2-nistp256 AAAAE2VjZHNh ops" },
			`buildagent: sshPublicKey = "ecdsa-sha2-nistp256 AAAAE2VjZHNh ops": does not parse as an OpenSSH public key; paste one line of an ssh-ed25519 public key (ssh-keygen -t ed25519) or an ssh-rsa key of at least 3072 bits`},
		{"two keys", func(a *buildagent.BuildAgentArgs) { a.SSHPublicKey = sshKey + "\n" + sshKey },
			`buildagent: sshPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKvW…": holds more than one key; paste one line of an ssh-ed25519 public key (ssh-keygen -t ed25519) or an ssh-rsa key of at least 3072 bits`},
		{"an unknown zone", func(a *buildagent.BuildAgentArgs) { a.Zones = []string{"0"} }, `buildagent: zones = ["0"]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
		{"a repeated zone", func(a *buildagent.BuildAgentArgs) { a.Zones = []string{"2", "2"} }, `buildagent: zones = ["2" "2"]: availability zones are "1", "2" and "3"; list a subset of ["1","2","3"]`},
		{"an incomplete image", func(a *buildagent.BuildAgentArgs) { a.Image = &buildagent.Image{Publisher: "Canonical"} },
			`buildagent: image = "Canonical:::": needs publisher, offer, sku and version; name a marketplace image, or leave it unset for Ubuntu 24.04 LTS`},
		{"a secret name with a dot", func(a *buildagent.BuildAgentArgs) { a.RegistrationTokenSecretName = "ci.token" },
			`buildagent: registrationTokenSecretName = "ci.token": Key Vault secret names are 1-127 letters, digits and hyphens; name the secret that holds the CI token`},
		{"a missing secret name", func(a *buildagent.BuildAgentArgs) { a.RegistrationTokenSecretName = "" },
			"buildagent: registrationTokenSecretName = (not set): Key Vault secret names are 1-127 letters, digits and hyphens; name the secret that holds the CI token"},
		{"an unknown Kubernetes role", func(a *buildagent.BuildAgentArgs) { a.KubernetesRole = "writer" },
			`buildagent: kubernetesRole = "writer": is neither a built-in role hardaks knows nor a role definition ID; use Azure Kubernetes Service RBAC Writer (default)`},
		{"the cluster user role as Kubernetes role", func(a *buildagent.BuildAgentArgs) { a.KubernetesRole = rbac.AKSClusterUser },
			`buildagent: kubernetesRole = "Azure Kubernetes Service Cluster User Role": is not a Kubernetes data-plane role; the agents always get it; use Azure Kubernetes Service RBAC Writer (default)`},
		{"a Helm version without v", func(a *buildagent.BuildAgentArgs) { a.HelmVersion = "3.19.0" }, `buildagent: helmVersion = "3.19.0": is not a Helm release; use a release tag such as v3.19.0`},
		{"an unknown CI system", func(a *buildagent.BuildAgentArgs) { a.CI.System = "jenkins" },
			`buildagent: ci.system = "jenkins": must be azureDevOps or githubActions; name the CI system the agents register with`},
		{"an Azure DevOps project URL", func(a *buildagent.BuildAgentArgs) { a.CI.URL = "https://dev.azure.com/contoso/project" },
			`buildagent: ci.url = "https://dev.azure.com/contoso/project": must be an Azure DevOps organization URL; use https://dev.azure.com/<organization> (or https://<organization>.visualstudio.com)`},
		{"a plain-HTTP Azure DevOps URL", func(a *buildagent.BuildAgentArgs) { a.CI.URL = "http://dev.azure.com/contoso" },
			`buildagent: ci.url = "http://dev.azure.com/contoso": must be an Azure DevOps organization URL; use https://dev.azure.com/<organization> (or https://<organization>.visualstudio.com)`},
		{"Azure DevOps without a pool", func(a *buildagent.BuildAgentArgs) { a.CI.Pool = "" },
			"buildagent: ci.pool = (not set): Azure DevOps agents register into a pool, named on one line; set the agent pool name, e.g. hardaks"},
		{"a pool name on two lines", func(a *buildagent.BuildAgentArgs) { a.CI.Pool = "a\nb" },
			`buildagent: ci.pool = "a\nb": Azure DevOps agents register into a pool, named on one line; set the agent pool name, e.g. hardaks`},
		{"Azure DevOps with labels", func(a *buildagent.BuildAgentArgs) { a.CI.Labels = []string{"x"} },
			`buildagent: ci.labels = ["x"]: labels choose GitHub Actions runners; Azure DevOps agents are chosen by pool; remove labels`},
		{"an agent version with a v", func(a *buildagent.BuildAgentArgs) { a.CI.AgentVersion = "v4.264.2" },
			`buildagent: ci.agentVersion = "v4.264.2": is not an agent release; use a version such as 1.2.3, or leave it empty for the default`},
		{"an uppercase checksum", func(a *buildagent.BuildAgentArgs) { a.CI.AgentSHA256 = strings.Repeat("A", 64) },
			`buildagent: ci.agentSha256 = "` + strings.Repeat("A", 64) + `": must be 64 lowercase hexadecimal digits; copy the linux-x64 SHA-256 from the release notes`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := azureDevOpsArgs()
			tc.mutate(args)
			assert.EqualError(t, constructorError(t, args), tc.want)
		})
	}
}

func TestInvalidGitHubArgumentsAreRejectedWithAClearError(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *buildagent.CI)
		want   string
	}{
		{"a GitHub Enterprise Server URL", func(c *buildagent.CI) { c.URL = "https://git.contoso.com/org/repo" },
			`buildagent: ci.url = "https://git.contoso.com/org/repo": must be a GitHub organization or repository URL; use https://github.com/<organization> or https://github.com/<owner>/<repository>`},
		{"a URL below the repository", func(c *buildagent.CI) { c.URL = "https://github.com/contoso/repo/tree/main" },
			`buildagent: ci.url = "https://github.com/contoso/repo/tree/main": must be a GitHub organization or repository URL; use https://github.com/<organization> or https://github.com/<owner>/<repository>`},
		{"a bare github.com", func(c *buildagent.CI) { c.URL = "https://github.com/" },
			`buildagent: ci.url = "https://github.com/": must be a GitHub organization or repository URL; use https://github.com/<organization> or https://github.com/<owner>/<repository>`},
		{"GitHub with a pool", func(c *buildagent.CI) { c.Pool = "default" },
			`buildagent: ci.pool = "default": a pool holds Azure DevOps agents; GitHub Actions runners are chosen by labels; remove pool, or use labels`},
		{"a label with a comma", func(c *buildagent.CI) { c.Labels = []string{"a,b"} },
			`buildagent: ci.labels[0] = "a,b": runner labels are 1-100 letters, digits, '.', '_' or '-'; rename the label`},
		{"an empty label", func(c *buildagent.CI) { c.Labels = []string{""} },
			"buildagent: ci.labels[0] = (not set): runner labels are 1-100 letters, digits, '.', '_' or '-'; rename the label"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := gitHubArgs()
			tc.mutate(&args.CI)
			assert.EqualError(t, constructorError(t, args), tc.want)
		})
	}
}

func TestEveryProblemIsReportedAtOnce(t *testing.T) {
	args := azureDevOpsArgs()
	args.Count = 0
	args.AdminUsername = "root"
	args.CI.Pool = ""
	assert.EqualError(t, args.Validate(), `buildagent: count = "0": must be 1-10 (hardaks keeps the machines that hold the agents' rights few); run between 1 and 10 agents
buildagent: adminUsername = "root": is reserved by Azure; use azureuser
buildagent: ci.pool = (not set): Azure DevOps agents register into a pool, named on one line; set the agent pool name, e.g. hardaks`)
}

func TestNilArgsAreRejected(t *testing.T) {
	assert.EqualError(t, constructorError(t, nil), "buildagent: args must not be nil")
}

// The VMs wait for the grants the registry, vault and cluster hold for them, so an agent's first boot can read its
// token; the grants' IDs do not enter the cloud-config.
func TestTheAgentsWaitForTheirAccessGrants(t *testing.T) {
	args := azureDevOpsArgs()
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		grant, err := offline.NewStandIn(ctx, raType, "vault-grant", pulumi.Map{"scope": pulumi.String(vaultID)})
		if err != nil {
			return nil, err
		}
		args.AccessRoleAssignmentIDs = pulumi.StringArray{grant.ID().ToStringOutput()}
		_, err = buildagent.NewBuildAgent(ctx, "agents", args)
		return nil, err
	})
	require.NoError(t, err)
	grantURN := plan.URNOf(raType, "vault-grant")
	without := run(t, azureDevOpsArgs())
	for _, vm := range plan.OfType(vmType) {
		assert.Contains(t, vm.Dependencies, grantURN, vm.Name)
		assert.Equal(t, without.MustFind(t, vmType, vm.Name).Inputs["osProfile"], vm.Inputs["osProfile"], vm.Name)
	}
}
