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

func TestTheComponentRegistersTheIdentityItsRolesAndThenEachAgentInOrder(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	var got []string
	for _, r := range plan.Resources {
		got = append(got, r.Type+" "+r.Name)
	}
	assert.Equal(t, []string{
		componentType + " agents",
		identityType + " agents-id",
		raType + " agents-ra-acr-push",
		raType + " agents-ra-kv-secrets-user",
		raType + " agents-ra-aks-cluster-user",
		raType + " agents-ra-aks-rbac-orders",
		raType + " agents-ra-aks-rbac-payments",
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
// ServiceAccount and so impersonate every workload identity.
func TestTheIdentityGetsExactlyItsRolesAtTheNarrowestScopes(t *testing.T) {
	cases := []struct {
		logical, scope, role string
	}{
		{"agents-ra-acr-push", registryID, rbac.AcrPush},
		{"agents-ra-kv-secrets-user", vaultID + "/secrets/ci-registration-token", rbac.KeyVaultSecretsUser},
		{"agents-ra-aks-cluster-user", clusterID, rbac.AKSClusterUser},
		{"agents-ra-aks-rbac-orders", clusterID + "/namespaces/orders", rbac.AKSRBACWriter},
		{"agents-ra-aks-rbac-payments", clusterID + "/namespaces/payments", rbac.AKSRBACWriter},
	}
	plan := run(t, azureDevOpsArgs())
	require.Len(t, plan.OfType(raType), len(cases))
	identityURN := plan.URNOf(identityType, "agents-id")

	for _, tc := range cases {
		t.Run(tc.logical, func(t *testing.T) {
			ra := plan.MustFind(t, raType, tc.logical)
			assert.Equal(t, map[string]any{
				"roleAssignmentName": rbac.AssignmentName(tc.scope, principalID, tc.role),
				"scope":              tc.scope,
				"roleDefinitionId":   "/subscriptions/" + subscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + tc.role,
				"principalId":        principalID,
				"principalType":      "ServicePrincipal",
			}, ra.Inputs)
			assert.Equal(t, []string{identityURN}, ra.Dependencies)
		})
	}
}

func TestTheKubernetesRoleAndIdentityNameCanBeChosen(t *testing.T) {
	args := azureDevOpsArgs()
	args.KubernetesRoleGUID = rbac.AKSRBACReader
	args.IdentityName = "id-custom"
	plan := run(t, args)

	identity := plan.MustFind(t, identityType, "agents-id")
	assert.Equal(t, "id-custom", identity.Inputs["resourceName"])
	customID := rgID + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-custom"
	ra := plan.MustFind(t, raType, "agents-ra-aks-rbac-orders")
	assert.Equal(t, "/subscriptions/"+subscriptionID+"/providers/Microsoft.Authorization/roleDefinitions/"+rbac.AKSRBACReader,
		ra.Inputs["roleDefinitionId"])
	assert.Equal(t, rbac.AssignmentName(clusterID+"/namespaces/orders", offline.GUID("principal", customID), rbac.AKSRBACReader),
		ra.Inputs["roleAssignmentName"])
}

// RBAC Cluster Admin exists only cluster-wide; it is the one Kubernetes role the agents get on the whole cluster.
func TestClusterAdminIsAssignedOnTheClusterAndNamespacesAreIgnored(t *testing.T) {
	args := azureDevOpsArgs()
	args.KubernetesRoleGUID = rbac.AKSRBACClusterAdmin
	plan := run(t, args)
	ra := plan.MustFind(t, raType, "agents-ra-aks-rbac")
	assert.Equal(t, clusterID, ra.Inputs["scope"])
	_, perNamespace := plan.Find(raType, "agents-ra-aks-rbac-orders")
	assert.False(t, perNamespace)
}

func TestWithoutNamespacesTheAgentsGetNoKubernetesRole(t *testing.T) {
	args := azureDevOpsArgs()
	args.KubernetesNamespaces = nil
	plan := run(t, args)
	for _, ra := range plan.OfType(raType) {
		assert.NotContains(t, ra.Name, "aks-rbac")
	}
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
func TestEachVMWaitsForItsNICTheIdentityTheKeyVaultGrantAndThePreviousVMOnly(t *testing.T) {
	plan := run(t, azureDevOpsArgs())

	for i, n := range []string{"01", "02"} {
		vm := plan.MustFind(t, vmType, "agents-vm-"+n)
		want := []string{
			plan.URNOf(identityType, "agents-id"),
			plan.URNOf(raType, "agents-ra-kv-secrets-user"),
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
	args.Image = &buildagent.ImageArgs{Publisher: "Canonical", Offer: "ubuntu-24_04-lts", Sku: "server", Version: "24.04.202501010"}
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
		{"missing resource group", func(a *buildagent.BuildAgentArgs) { a.ResourceGroupName = nil }, "buildagent: resourceGroupName is required"},
		{"missing location", func(a *buildagent.BuildAgentArgs) { a.Location = nil }, "buildagent: location is required"},
		{"missing subnet", func(a *buildagent.BuildAgentArgs) { a.SubnetID = nil }, "buildagent: subnetId is required"},
		{"missing subscription", func(a *buildagent.BuildAgentArgs) { a.SubscriptionID = nil }, "buildagent: subscriptionId is required"},
		{"missing registry name", func(a *buildagent.BuildAgentArgs) { a.RegistryName = nil }, "buildagent: registryId and registryName are required"},
		{"missing vault", func(a *buildagent.BuildAgentArgs) { a.VaultID = nil }, "buildagent: vaultId and vaultName are required"},
		{"missing cluster resource group", func(a *buildagent.BuildAgentArgs) { a.ClusterResourceGroup = nil },
			"buildagent: clusterId, clusterName and clusterResourceGroup are required"},
		{"a namespace that is not a DNS label", func(a *buildagent.BuildAgentArgs) { a.KubernetesNamespaces = []string{"orders", "Payments"} },
			`buildagent: kubernetesNamespaces[1] "Payments" must be a distinct Kubernetes namespace name (a DNS label)`},
		{"a namespace listed twice", func(a *buildagent.BuildAgentArgs) { a.KubernetesNamespaces = []string{"orders", "orders"} },
			`buildagent: kubernetesNamespaces[1] "orders" must be a distinct Kubernetes namespace name (a DNS label)`},
		{"an uppercase name prefix", func(a *buildagent.BuildAgentArgs) { a.NamePrefix = "VM-agent" },
			`buildagent: namePrefix "VM-agent" must be 2-61 lowercase letters, digits or '-', start with a letter and not end with '-'`},
		{"a name prefix too long for a host name", func(a *buildagent.BuildAgentArgs) { a.NamePrefix = "a" + strings.Repeat("b", 61) },
			`buildagent: namePrefix "a` + strings.Repeat("b", 61) + `" must be 2-61 lowercase letters, digits or '-', start with a letter and not end with '-'`},
		{"no agents", func(a *buildagent.BuildAgentArgs) { a.Count = 0 }, "buildagent: count 0 must be between 1 and 99"},
		{"a hundred agents", func(a *buildagent.BuildAgentArgs) { a.Count = 100 }, "buildagent: count 100 must be between 1 and 99"},
		{"a short identity name", func(a *buildagent.BuildAgentArgs) { a.IdentityName = "id" },
			`buildagent: identityName "id" must be 3-128 letters, digits, '-' or '_', starting with a letter or digit`},
		{"a tiny OS disk", func(a *buildagent.BuildAgentArgs) { a.OSDiskSizeGB = 16 }, "buildagent: osDiskSizeGb 16 must be between 30 and 4095"},
		{"an invalid admin name", func(a *buildagent.BuildAgentArgs) { a.AdminUsername = "Ops" },
			`buildagent: adminUsername "Ops" must be 1-32 lowercase letters, digits, '_' or '-', starting with a letter or '_'`},
		{"a reserved admin name", func(a *buildagent.BuildAgentArgs) { a.AdminUsername = "admin" }, `buildagent: adminUsername "admin" is reserved by Azure`},
		{"the service user as admin", func(a *buildagent.BuildAgentArgs) { a.AdminUsername = "agent" },
			`buildagent: adminUsername "agent" is the agent service user; choose another`},
		{"an ECDSA key", func(a *buildagent.BuildAgentArgs) { a.SSHPublicKey = "ecdsa-sha2-nistp256 AAAAE2VjZHNh ops" },
			"buildagent: sshPublicKey does not parse as an OpenSSH public key; use one ssh-ed25519 key or an ssh-rsa key of at least 3072 bits"},
		{"two keys", func(a *buildagent.BuildAgentArgs) { a.SSHPublicKey = sshKey + "\n" + sshKey },
			"buildagent: sshPublicKey holds more than one key; use one ssh-ed25519 key or an ssh-rsa key of at least 3072 bits"},
		{"an unknown zone", func(a *buildagent.BuildAgentArgs) { a.Zones = []string{"0"} }, `buildagent: zones ["0"]: zone "0" must be "1", "2" or "3"`},
		{"a repeated zone", func(a *buildagent.BuildAgentArgs) { a.Zones = []string{"2", "2"} }, `buildagent: zones ["2" "2"] lists zone "2" twice`},
		{"an incomplete image", func(a *buildagent.BuildAgentArgs) { a.Image = &buildagent.ImageArgs{Publisher: "Canonical"} },
			"buildagent: image needs publisher, offer, sku and version"},
		{"a secret name with a dot", func(a *buildagent.BuildAgentArgs) { a.RegistrationTokenSecretName = "ci.token" },
			`buildagent: registrationTokenSecretName "ci.token" must be 1-127 letters, digits or '-'`},
		{"a missing secret name", func(a *buildagent.BuildAgentArgs) { a.RegistrationTokenSecretName = "" },
			`buildagent: registrationTokenSecretName "" must be 1-127 letters, digits or '-'`},
		{"a Kubernetes role that is not a GUID", func(a *buildagent.BuildAgentArgs) { a.KubernetesRoleGUID = "writer" },
			`buildagent: kubernetesRoleGuid "writer" is not a GUID`},
		{"the cluster user role as Kubernetes role", func(a *buildagent.BuildAgentArgs) { a.KubernetesRoleGUID = rbac.AKSClusterUser },
			"buildagent: kubernetesRoleGuid must be a Kubernetes data-plane role; Azure Kubernetes Service Cluster User Role is always assigned"},
		{"a Helm version without v", func(a *buildagent.BuildAgentArgs) { a.HelmVersion = "3.19.0" }, `buildagent: helmVersion "3.19.0" must look like "v3.19.0"`},
		{"an unknown CI system", func(a *buildagent.BuildAgentArgs) { a.CI.System = "jenkins" },
			`buildagent: ci.system "jenkins" must be "azureDevOps" or "githubActions"`},
		{"an Azure DevOps project URL", func(a *buildagent.BuildAgentArgs) { a.CI.URL = "https://dev.azure.com/contoso/project" },
			`buildagent: ci.url "https://dev.azure.com/contoso/project" must be an Azure DevOps organization URL, https://dev.azure.com/<organization>`},
		{"a plain-HTTP Azure DevOps URL", func(a *buildagent.BuildAgentArgs) { a.CI.URL = "http://dev.azure.com/contoso" },
			`buildagent: ci.url "http://dev.azure.com/contoso" must be an Azure DevOps organization URL, https://dev.azure.com/<organization>`},
		{"Azure DevOps without a pool", func(a *buildagent.BuildAgentArgs) { a.CI.Pool = "" },
			"buildagent: ci.pool is required for Azure DevOps and must be one line"},
		{"a pool name on two lines", func(a *buildagent.BuildAgentArgs) { a.CI.Pool = "a\nb" },
			"buildagent: ci.pool is required for Azure DevOps and must be one line"},
		{"Azure DevOps with labels", func(a *buildagent.BuildAgentArgs) { a.CI.Labels = []string{"x"} },
			"buildagent: ci.labels apply to GitHub Actions only; Azure DevOps agents are chosen by pool"},
		{"an agent version with a v", func(a *buildagent.BuildAgentArgs) { a.CI.AgentVersion = "v4.264.2" },
			`buildagent: ci.agentVersion "v4.264.2" must look like "1.2.3"`},
		{"an uppercase checksum", func(a *buildagent.BuildAgentArgs) { a.CI.AgentSHA256 = strings.Repeat("A", 64) },
			`buildagent: ci.agentSha256 "` + strings.Repeat("A", 64) + `" must be 64 lowercase hexadecimal digits`},
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
		mutate func(a *buildagent.CIArgs)
		want   string
	}{
		{"a GitHub Enterprise Server URL", func(c *buildagent.CIArgs) { c.URL = "https://git.contoso.com/org/repo" },
			`buildagent: ci.url "https://git.contoso.com/org/repo" must be https://github.com/<owner>/<repository> or https://github.com/<organization>`},
		{"a URL below the repository", func(c *buildagent.CIArgs) { c.URL = "https://github.com/contoso/repo/tree/main" },
			`buildagent: ci.url "https://github.com/contoso/repo/tree/main" must be https://github.com/<owner>/<repository> or https://github.com/<organization>`},
		{"a bare github.com", func(c *buildagent.CIArgs) { c.URL = "https://github.com/" },
			`buildagent: ci.url "https://github.com/" must be https://github.com/<owner>/<repository> or https://github.com/<organization>`},
		{"GitHub with a pool", func(c *buildagent.CIArgs) { c.Pool = "default" },
			"buildagent: ci.pool applies to Azure DevOps only; GitHub Actions runners are chosen by labels"},
		{"a label with a comma", func(c *buildagent.CIArgs) { c.Labels = []string{"a,b"} },
			`buildagent: ci.labels: label "a,b" must be 1-100 letters, digits, '.', '_' or '-'`},
		{"an empty label", func(c *buildagent.CIArgs) { c.Labels = []string{""} },
			`buildagent: ci.labels: label "" must be 1-100 letters, digits, '.', '_' or '-'`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := gitHubArgs()
			tc.mutate(&args.CI)
			assert.EqualError(t, constructorError(t, args), tc.want)
		})
	}
}

func TestNilArgsAreRejected(t *testing.T) {
	assert.EqualError(t, constructorError(t, nil), "buildagent: args must not be nil")
}

// When the deployment writes the token, the read grant is scoped to (and so waits for) the Secret resource.
func TestTheTokenGrantFollowsTheSecretTheDeploymentWrites(t *testing.T) {
	args := azureDevOpsArgs()
	secretID := vaultID + "/secrets/written-token"
	plan, err := offline.Run(offline.Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		secret, err := offline.NewStandIn(ctx, "azure-native:keyvault/v20230701:Secret", "token", pulumi.Map{
			"resourceGroupName": pulumi.String("rg-hardaks-dev"),
			"vaultName":         pulumi.String("kv-hardaks-dev"),
			"secretName":        pulumi.String("written-token"),
		})
		if err != nil {
			return nil, err
		}
		args.RegistrationTokenSecretName = "written-token"
		args.VaultSecretIDs = pulumi.StringMap{"written-token": secret.ID().ToStringOutput()}
		_, err = buildagent.NewBuildAgent(ctx, "agents", args)
		return nil, err
	})
	require.NoError(t, err)
	ra := plan.MustFind(t, raType, "agents-ra-kv-secrets-user")
	assert.Equal(t, secretID, ra.Inputs["scope"])
	assert.Contains(t, ra.Dependencies, plan.URNOf("azure-native:keyvault/v20230701:Secret", "token"))
}
