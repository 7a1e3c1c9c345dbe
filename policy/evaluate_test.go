package policy

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hardaks/hardaks/internal/offline"
)

// readPhases reads the compliant fixture: the dev stack as `hardaks plan` runs it, once as its first preview and once
// as its update (tests/cli_test.go TestThePolicyFixtureIsTheDevStack writes it). Every call returns fresh values to
// mutate.
func readPhases(t testing.TB) Phases {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "compliant.json"))
	require.NoError(t, err)
	var stack Phases
	require.NoError(t, json.Unmarshal(data, &stack))
	require.NotEmpty(t, stack.FirstPreview)
	require.NotEmpty(t, stack.Update)
	return stack
}

func evaluate(t testing.TB, p *Pack, stack Phases) *Report {
	t.Helper()
	rep, err := p.Evaluate(context.Background(), stack)
	require.NoError(t, err)
	return rep
}

func TestTheCompliantFixtureHasNoFindingsInAnyPhase(t *testing.T) {
	p := loadPack(t)
	stack := readPhases(t)
	for name, phases := range map[string]Phases{
		"first preview": {FirstPreview: stack.FirstPreview},
		"update":        {Update: stack.Update},
		"all phases":    stack,
	} {
		rep := evaluate(t, p, phases)
		assert.Empty(t, rep.Findings, name)
		assert.Equal(t, 0, rep.MandatoryViolations(), name)
	}
	rep := evaluate(t, p, stack)
	require.Len(t, rep.Policies, len(p.Rules()))
	for i, r := range p.Rules() {
		assert.Equal(t, Policy{Name: r.Name, Title: r.Title, Severity: r.Severity, Enforcement: r.Enforcement, References: r.References}, rep.Policies[i])
	}

	// The fixture holds every kind of resource the pack checks.
	types := map[string]bool{}
	for _, r := range stack.Update {
		types[offline.TypeKey(r.Type)] = true
	}
	for _, typ := range []string{
		"containerservice:ManagedCluster", "containerservice:AgentPool", "containerregistry:Registry", "keyvault:Vault",
		"network:PrivateEndpoint", "network:PrivateDnsZoneGroup", "network:VirtualNetwork", "network:Subnet",
		"network:NetworkSecurityGroup", "network:BastionHost", "network:PublicIPAddress", "network:NetworkInterface",
		"compute:VirtualMachine", "authorization:RoleAssignment", "managedidentity:UserAssignedIdentity",
		"managedidentity:FederatedIdentityCredential", "insights:DiagnosticSetting",
	} {
		assert.True(t, types[typ], "the fixture has no %s", typ)
	}
}

// TestTheFirstPreviewHoldsTheUnknownsThatMustNotCountAsAbsent pins the values issue 12 found read as "not set"
// during a first preview: they are unknown in the fixture's first preview, and the compliant fixture test above shows
// that no rule reports them.
func TestTheFirstPreviewHoldsTheUnknownsThatMustNotCountAsAbsent(t *testing.T) {
	stack := readPhases(t)
	subnets := 0
	for _, r := range stack.FirstPreview {
		switch offline.TypeKey(r.Type) {
		case "network:Subnet":
			subnets++
			assert.Equal(t, offline.UnknownPlaceholder, offline.Get(r.Inputs, "networkSecurityGroup.id"), r.Name)
		case "insights:DiagnosticSetting":
			assert.Equal(t, offline.UnknownPlaceholder, r.Outputs["workspaceId"], r.Name)
		case "network:PrivateDnsZoneGroup":
			assert.Equal(t, offline.UnknownPlaceholder, offline.Get(r.Outputs, "privateDnsZoneConfigs[0].privateDnsZoneId"), r.Name)
		case "authorization:RoleAssignment":
			// Managed identities' principals do not exist yet; the Entra groups' are written out in the config.
			if r.Inputs["principalType"] == "ServicePrincipal" {
				assert.Equal(t, offline.UnknownPlaceholder, r.Inputs["principalId"], r.Name)
			}
		}
		assert.Empty(t, r.ID, "no resource exists during a first preview")
	}
	assert.Equal(t, 4, subnets)
}

// TestStackAnalysisSeesOutputsWithoutThePathParameters pins the output shape issue 12 found stack rules joined on
// wrongly: none of the path parameters is an output, and the joins go through property dependencies.
func TestStackAnalysisSeesOutputsWithoutThePathParameters(t *testing.T) {
	stack := readPhases(t)
	for _, r := range stack.Update {
		if !r.Custom {
			continue
		}
		for _, parameter := range []string{"resourceGroupName", "vaultName", "registryName", "subnetName", "privateEndpointName", "networkSecurityGroupName", "resourceUri"} {
			assert.NotContains(t, r.Outputs, parameter, r.Name)
		}
	}
	vault := byName(t, stack.Update, "hardaks-keyvault-kv")
	keys := make([]string, 0, len(vault.Outputs))
	for k := range vault.Outputs {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"location", "name", "properties", "tags", "type"}, keys)
	dns := byName(t, stack.Update, "hardaks-registry-pe-dns")
	assert.Equal(t, []string{urnOf(t, stack, "hardaks-registry-pe")}, dns.PropertyDependencies["privateEndpointName"])
}

// mutation changes both runs of the fixture, as a change to the program would.
type mutation func(t *testing.T, stack *Phases)

func byName(t *testing.T, rs []offline.Resource, name string) *offline.Resource {
	t.Helper()
	for i := range rs {
		if rs[i].Name == name {
			return &rs[i]
		}
	}
	t.Fatalf("no resource %q in the fixture", name)
	return nil
}

func urnOf(t *testing.T, stack Phases, name string) string {
	t.Helper()
	return byName(t, stack.Update, name).URN
}

// views are the records of one resource in both runs.
func views(t *testing.T, stack *Phases, name string) []*offline.Resource {
	return []*offline.Resource{byName(t, stack.FirstPreview, name), byName(t, stack.Update, name)}
}

// isOutput says whether the top-level property of path is an output of the resource's type.
func isOutput(r *offline.Resource, path string) bool {
	fields, _ := offline.OutputFields(r.Type)
	return slices.Contains(fields, pathSteps(path)[0])
}

// valuesAt are the resource's inputs, and its outputs when the property of path is one, that a written-out change
// at path changes: a value the program computes from another resource's outputs (unknown during the first preview,
// it or an object holding it) stays what it is.
func valuesAt(r *offline.Resource, path string) []map[string]any {
	var out []map[string]any
	for i, m := range []map[string]any{r.Inputs, r.Outputs} {
		if i == 1 && !isOutput(r, path) {
			continue
		}
		if !crossesUnknown(m, path) {
			out = append(out, m)
		}
	}
	return out
}

func crossesUnknown(root map[string]any, path string) bool {
	steps := pathSteps(path)
	for i := range steps {
		if offline.Get(root, strings.Join(steps[:i+1], ".")) == offline.UnknownPlaceholder {
			return true
		}
	}
	return false
}

// set sets the value at a dotted path with [i] indexes in both runs, in the inputs and, when the property is one,
// the outputs.
func set(name, path string, value any) mutation {
	return func(t *testing.T, stack *Phases) {
		for _, r := range views(t, stack, name) {
			for _, m := range valuesAt(r, path) {
				setPath(t, m, path, value)
			}
		}
	}
}

// computed sets a value that the program computes from another resource's outputs: known during the update, unknown
// during the first preview.
func computed(name, path string, value any) mutation {
	return func(t *testing.T, stack *Phases) {
		for i, r := range views(t, stack, name) {
			v := value
			if i == 0 {
				v = offline.UnknownPlaceholder
			}
			setPath(t, r.Inputs, path, v)
			if isOutput(r, path) {
				setPath(t, r.Outputs, path, v)
			}
		}
	}
}

func setPath(t *testing.T, root map[string]any, path string, value any) {
	steps := pathSteps(path)
	var cur any = root
	for i, step := range steps {
		last := i == len(steps)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[step] = value
				return
			}
			if _, isObject := c[step].(map[string]any); !isObject {
				if _, isArray := c[step].([]any); !isArray {
					c[step] = map[string]any{}
				}
			}
			cur = c[step]
		case []any:
			idx, err := strconv.Atoi(step)
			require.NoError(t, err, path)
			if last {
				c[idx] = value
				return
			}
			cur = c[idx]
		default:
			t.Fatalf("%s: cannot step into %T at %q", path, cur, step)
		}
	}
}

// del removes the input (and output) at a dotted path, or the element at an [i] index, in both runs.
func del(name, path string) mutation {
	return func(t *testing.T, stack *Phases) {
		for _, r := range views(t, stack, name) {
			for _, m := range valuesAt(r, path) {
				delPath(t, m, path)
			}
		}
	}
}

func delPath(t *testing.T, root map[string]any, path string) {
	steps := pathSteps(path)
	var parent any = root
	if len(steps) > 1 {
		parent = offline.Get(root, strings.Join(steps[:len(steps)-1], "."))
	}
	last := steps[len(steps)-1]
	switch p := parent.(type) {
	case map[string]any:
		require.Contains(t, p, last, path)
		delete(p, last)
	case []any:
		idx, err := strconv.Atoi(last)
		require.NoError(t, err)
		setPath(t, root, strings.Join(steps[:len(steps)-1], "."), append(append([]any{}, p[:idx]...), p[idx+1:]...))
	default:
		t.Fatalf("%s: no such value", path)
	}
}

func pathSteps(path string) []string {
	return strings.Split(strings.NewReplacer("[", ".", "]", "").Replace(path), ".")
}

// appendTo appends a value to the array input (and output) at path in both runs.
func appendTo(name, path string, value any) mutation {
	return func(t *testing.T, stack *Phases) {
		for _, r := range views(t, stack, name) {
			for _, m := range valuesAt(r, path) {
				list, _ := offline.Get(m, path).([]any)
				setPath(t, m, path, append(append([]any{}, list...), value))
			}
		}
	}
}

func remove(name string) mutation {
	return func(t *testing.T, stack *Phases) {
		byName(t, stack.Update, name)
		drop := func(rs []offline.Resource) []offline.Resource {
			out := make([]offline.Resource, 0, len(rs))
			for _, r := range rs {
				if r.Name != name {
					out = append(out, r)
				}
			}
			return out
		}
		stack.FirstPreview, stack.Update = drop(stack.FirstPreview), drop(stack.Update)
	}
}

// add adds a resource whose values are all written out in the program, so both runs hold the same record.
func add(r offline.Resource) mutation {
	return func(_ *testing.T, stack *Phases) {
		stack.FirstPreview = append(stack.FirstPreview, r)
		stack.Update = append(stack.Update, r)
	}
}

// dependsOn makes the resource's input property computed from the named resources in both runs.
func dependsOn(name, prop string, from ...string) mutation {
	return func(t *testing.T, stack *Phases) {
		var urns []string
		for _, f := range from {
			urns = append(urns, urnOf(t, *stack, f))
		}
		for _, r := range views(t, stack, name) {
			r.PropertyDependencies = maps.Clone(r.PropertyDependencies)
			r.PropertyDependencies[prop] = urns
		}
	}
}

// appendCustomData decodes the VM's customData, appends text and encodes it again.
func appendCustomData(name, text string) mutation {
	return func(t *testing.T, stack *Phases) {
		encoded, _ := offline.Get(byName(t, stack.Update, name).Inputs, "osProfile.customData").(string)
		decoded, err := base64.StdEncoding.DecodeString(encoded)
		require.NoError(t, err)
		set(name, "osProfile.customData", base64.StdEncoding.EncodeToString(append(decoded, []byte(text)...)))(t, stack)
	}
}

const (
	fixtureSub = "/subscriptions/00000000-0000-0000-0000-000000000001"
	fixtureRG  = fixtureSub + "/resourceGroups/rg-hardaks-dev"
	// fixtureClusterID is the dev cluster's ID, as the update knows it.
	fixtureClusterID = fixtureRG + "/providers/Microsoft.ContainerService/managedClusters/aks-hardaks-dev"
	urnPrefix        = "urn:pulumi:dev::hardaks::hardaks:index:Environment$"
)

func nsgRule(overrides map[string]any) map[string]any {
	rule := map[string]any{
		"name": "AllowTest", "priority": 200.0, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
		"sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22",
	}
	for k, v := range overrides {
		rule[k] = v
	}
	return rule
}

// want is an expected finding: policy, the logical name of the resource, the phase that finds it, message.
type want struct{ policy, resource, phase, message string }

func TestEachMutationOfTheFixtureYieldsExactlyItsFindings(t *testing.T) {
	p := loadPack(t)
	const (
		cluster  = "hardaks-cluster-aks"
		pool     = "hardaks-cluster-pool-apps"
		registry = "hardaks-registry-acr"
		vault    = "hardaks-keyvault-kv"
		vm       = "hardaks-buildagent-vm-01"
		nic      = "hardaks-buildagent-nic-01"
		fic      = "hardaks-workload-orders-fic"
	)
	// A root-package token among the fixture's versioned ones: the rules match a type whatever its API version.
	gatewaySubnet := offline.Resource{
		URN:    urnPrefix + "hardaks:network:Network$azure-native:network:Subnet::hardaks-network-snet-gateway",
		Type:   "azure-native:network:Subnet",
		Name:   "hardaks-network-snet-gateway",
		Custom: true,
		Parent: urnPrefix[:len(urnPrefix)-1] + "::hardaks",
		Inputs: map[string]any{
			"resourceGroupName": "rg-hardaks-dev", "virtualNetworkName": "vnet-hardaks-dev", "subnetName": "GatewaySubnet",
			"addressPrefix":        "10.40.7.0/27",
			"networkSecurityGroup": map[string]any{"id": fixtureRG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-hardaks-dev-nodes"},
		},
		Outputs: map[string]any{
			"name": "GatewaySubnet", "type": "Microsoft.Network/virtualNetworks/subnets", "addressPrefix": "10.40.7.0/27",
			"networkSecurityGroup": map[string]any{"id": fixtureRG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-hardaks-dev-nodes"},
		},
	}
	networkChild := func(typ, name string, inputs, outputs map[string]any) offline.Resource {
		return offline.Resource{URN: urnPrefix + "hardaks:network:Network$" + typ + "::" + name, Type: typ, Name: name, Custom: true,
			Inputs: inputs, Outputs: outputs}
	}
	alertingPolicy := networkChild("azure-native:network/v20240301:FirewallPolicy", "hardaks-network-firewall-policy",
		map[string]any{"resourceGroupName": "rg-hardaks-dev", "firewallPolicyName": "afwp-hardaks-dev", "sku": map[string]any{"tier": "Standard"}},
		map[string]any{"name": "afwp-hardaks-dev", "sku": map[string]any{"tier": "Standard"}})
	dnat := []any{map[string]any{"name": "publish-web", "ruleCollectionType": "FirewallPolicyNatRuleCollection", "priority": 100}}
	dnatGroup := networkChild("azure-native:network/v20240301:FirewallPolicyRuleCollectionGroup", "hardaks-network-firewall-rules-web",
		map[string]any{"resourceGroupName": "rg-hardaks-dev", "firewallPolicyName": "afwp-hardaks-dev", "priority": 400, "ruleCollections": dnat},
		map[string]any{"name": "web", "priority": 400, "ruleCollections": dnat})
	internetRoute := []any{map[string]any{"name": "default-internet", "addressPrefix": "0.0.0.0/0", "nextHopType": "Internet"}}
	internetTable := networkChild("azure-native:network/v20240301:RouteTable", "hardaks-network-rt",
		map[string]any{"resourceGroupName": "rg-hardaks-dev", "routeTableName": "rt-hardaks-dev-egress", "routes": internetRoute},
		map[string]any{"name": "rt-hardaks-dev-egress", "routes": internetRoute})
	strayIP := offline.Resource{
		URN:     urnPrefix + "azure-native:network/v20240301:PublicIPAddress::hardaks-jump-pip",
		Type:    "azure-native:network/v20240301:PublicIPAddress",
		Name:    "hardaks-jump-pip",
		Custom:  true,
		Inputs:  map[string]any{"resourceGroupName": "rg-hardaks-dev", "publicIpAddressName": "pip-jump", "sku": map[string]any{"name": "Standard"}},
		Outputs: map[string]any{"name": "pip-jump", "type": "Microsoft.Network/publicIPAddresses", "sku": map[string]any{"name": "Standard"}},
	}
	// An AcrPull assignment written out in the program, but for the principal of the workload identity.
	fixture := readPhases(t)
	workload := byName(t, fixture.Update, "hardaks-workload-orders-id")
	registryID := byName(t, fixture.Update, registry).ID
	vaultRecord := byName(t, fixture.Update, vault)
	vaultID, vaultName := vaultRecord.ID, vaultRecord.Outputs["name"]
	pullInputs := map[string]any{
		"principalId":      workload.Outputs["principalId"],
		"principalType":    "ServicePrincipal",
		"roleDefinitionId": fixtureSub + "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
		"scope":            registryID,
	}
	workloadPull := offline.Resource{
		URN:                  urnPrefix + "azure-native:authorization/v20220401:RoleAssignment::hardaks-workload-orders-ra-acr-pull",
		Type:                 "azure-native:authorization/v20220401:RoleAssignment",
		Name:                 "hardaks-workload-orders-ra-acr-pull",
		Custom:               true,
		Dependencies:         []string{workload.URN},
		PropertyDependencies: map[string][]string{"principalId": {workload.URN}},
		Inputs:               pullInputs,
		Outputs:              maps.Clone(pullInputs),
	}

	tests := []struct {
		name   string
		mutate []mutation
		want   []want
	}{
		// AKS
		{"a public API server", []mutation{set(cluster, "apiServerAccessProfile.enablePrivateCluster", false)},
			[]want{{"deny_aks_private_cluster", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" is not a private cluster (apiServerAccessProfile.enablePrivateCluster is not true)`}}},
		{"a public FQDN", []mutation{set(cluster, "apiServerAccessProfile.enablePrivateClusterPublicFQDN", true)},
			[]want{{"deny_aks_public_fqdn", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" publishes a public FQDN for its API server (apiServerAccessProfile.enablePrivateClusterPublicFQDN is not false)`}}},
		{"run command allowed", []mutation{set(cluster, "apiServerAccessProfile.disableRunCommand", false)},
			[]want{{"deny_aks_run_command", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" allows run command (apiServerAccessProfile.disableRunCommand is not true)`}}},
		{"legacy Entra ID integration", []mutation{set(cluster, "aadProfile.managed", false)},
			[]want{{"deny_aks_entra_id", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" uses the legacy Entra ID integration (aadProfile.managed is not true)`}}},
		{"Kubernetes RBAC instead of Azure RBAC", []mutation{set(cluster, "aadProfile.enableAzureRBAC", false)},
			[]want{{"deny_aks_azure_rbac", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" does not use Azure RBAC for Kubernetes authorization (aadProfile.enableAzureRBAC is not true)`}}},
		{"no admin groups", []mutation{set(cluster, "aadProfile.adminGroupObjectIDs", []any{})},
			[]want{{"deny_aks_admin_groups", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" names no Entra ID admin groups (aadProfile.adminGroupObjectIDs is empty)`}}},
		{"local accounts", []mutation{del(cluster, "disableLocalAccounts")},
			[]want{{"deny_aks_local_accounts", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" allows local accounts (disableLocalAccounts is not true)`}}},
		{"Kubernetes RBAC off", []mutation{set(cluster, "enableRBAC", false)},
			[]want{{"deny_aks_kubernetes_rbac", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" disables Kubernetes RBAC (enableRBAC is false)`}}},
		{"no OIDC issuer", []mutation{set(cluster, "oidcIssuerProfile.enabled", false)},
			[]want{{"deny_aks_oidc_issuer", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" has no OIDC issuer (oidcIssuerProfile.enabled is not true)`}}},
		{"no workload identity", []mutation{set(cluster, "securityProfile.workloadIdentity.enabled", false)},
			[]want{{"deny_aks_workload_identity", cluster, PhaseUpdate, `ManagedCluster "hardaks-cluster-aks" does not enable workload identity (securityProfile.workloadIdentity.enabled is not true)`}}},
		{"a service principal instead of a managed identity", []mutation{set(cluster, "servicePrincipalProfile", map[string]any{"clientId": "0a1b2c3d-0000-4000-8000-000000000001", "secret": "[secret]"})},
			[]want{{"deny_aks_managed_identity", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" authenticates with a service principal secret (servicePrincipalProfile.clientId is not "msi")`}}},
		{"no secret rotation", []mutation{set(cluster, "addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation", "false")},
			[]want{{"deny_aks_keyvault_csi", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" does not rotate mounted secrets (addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation is not "true")`}}},
		{"no Azure Policy add-on", []mutation{set(cluster, "addonProfiles.azurepolicy.enabled", false)},
			[]want{{"deny_aks_azure_policy", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" does not enable the Azure Policy add-on (addonProfiles.azurepolicy.enabled is not true)`}}},
		{"no Defender", []mutation{del(cluster, "securityProfile.defender")},
			[]want{{"deny_aks_defender", cluster, PhaseUpdate, `ManagedCluster "hardaks-cluster-aks" does not enable the Defender profile (securityProfile.defender.securityMonitoring.enabled is not true)`}}},
		{"kubenet", []mutation{set(cluster, "networkProfile.networkPlugin", "kubenet")},
			[]want{{"deny_aks_azure_cni", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" does not use Azure CNI (networkProfile.networkPlugin is not azure)`}}},
		{"no network policy", []mutation{set(cluster, "networkProfile.networkPolicy", "none")},
			[]want{{"deny_aks_network_policy", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" has no network policy engine (networkProfile.networkPolicy is "none")`}}},
		{"an inline pool without encryption at host", []mutation{set(cluster, "agentPoolProfiles[0].enableEncryptionAtHost", false)},
			[]want{{"deny_aks_pool_encryption_at_host", cluster, PhaseFirstPreview, `node pool "system" of ManagedCluster "hardaks-cluster-aks" does not encrypt at host (enableEncryptionAtHost is not true)`}}},
		{"an agent pool without encryption at host", []mutation{del(pool, "enableEncryptionAtHost")},
			[]want{{"deny_aks_pool_encryption_at_host", pool, PhaseFirstPreview, `AgentPool "hardaks-cluster-pool-apps" (node pool "apps") does not encrypt at host (enableEncryptionAtHost is not true)`}}},
		{"an inline pool without Secure Boot", []mutation{set(cluster, "agentPoolProfiles[0].securityProfile.enableSecureBoot", false)},
			[]want{{"deny_aks_pool_trusted_launch", cluster, PhaseFirstPreview, `node pool "system" of ManagedCluster "hardaks-cluster-aks" does not use Trusted Launch (securityProfile.enableSecureBoot is not true)`}}},
		{"an agent pool without a virtual TPM", []mutation{del(pool, "securityProfile.enableVTPM")},
			[]want{{"deny_aks_pool_trusted_launch", pool, PhaseFirstPreview, `AgentPool "hardaks-cluster-pool-apps" (node pool "apps") does not use Trusted Launch (securityProfile.enableVTPM is not true)`}}},
		{"a writable node resource group", []mutation{set(cluster, "nodeResourceGroupProfile.restrictionLevel", "Unrestricted")},
			[]want{{"deny_aks_node_resource_group_lockdown", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" leaves its node resource group writable (nodeResourceGroupProfile.restrictionLevel is "Unrestricted")`}}},
		{"an agent pool with node public IPs", []mutation{set(pool, "enableNodePublicIP", true)},
			[]want{{"deny_aks_pool_node_public_ip", pool, PhaseFirstPreview, `AgentPool "hardaks-cluster-pool-apps" (node pool "apps") gives its nodes public IP addresses (enableNodePublicIP is true)`}}},
		{"no cluster auto-upgrade", []mutation{set(cluster, "autoUpgradeProfile.upgradeChannel", "none")},
			[]want{{"deny_aks_upgrade_channel", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" has no automatic upgrade channel (autoUpgradeProfile.upgradeChannel is "none")`}}},
		{"no node OS auto-upgrade", []mutation{set(cluster, "autoUpgradeProfile.nodeOSUpgradeChannel", "None")},
			[]want{{"deny_aks_node_os_upgrade_channel", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" does not patch node images automatically (autoUpgradeProfile.nodeOSUpgradeChannel is "None")`}}},
		{"no Image Cleaner", []mutation{set(cluster, "securityProfile.imageCleaner.enabled", false)},
			[]want{{"warn_aks_image_cleaner", cluster, PhaseUpdate, `ManagedCluster "hardaks-cluster-aks" does not enable Image Cleaner (securityProfile.imageCleaner.enabled is not true)`}}},
		{"node SSH keys", []mutation{set(cluster, "linuxProfile", map[string]any{"adminUsername": "azureuser", "ssh": map[string]any{"publicKeys": []any{map[string]any{"keyData": "ssh-ed25519 AAAA test"}}}})},
			[]want{{"warn_aks_node_ssh", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" installs SSH public keys on its nodes (linuxProfile.ssh.publicKeys)`}}},
		{"no Pod Security assignment", []mutation{remove("hardaks-cluster-pod-security")},
			[]want{{"stack_deny_aks_pod_security", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" has no Pod Security initiative assigned with effect Deny or Audit`}}},
		{"Pod Security disabled", []mutation{set("hardaks-cluster-pod-security", "parameters.effect.value", "Disabled")},
			[]want{{"stack_deny_aks_pod_security", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" has no Pod Security initiative assigned with effect Deny or Audit`}}},
		{"no cluster audit logs", []mutation{set("hardaks-cluster-diag", "logs", []any{map[string]any{"category": "kube-apiserver", "enabled": true}})},
			[]want{{"stack_deny_aks_audit_logs", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" has no diagnostic setting that sends kube-audit or kube-audit-admin logs to a destination`}}},

		// ACR
		{"a Standard registry", []mutation{set(registry, "sku.name", "Standard")},
			[]want{{"deny_acr_premium_sku", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" uses SKU "Standard", not Premium`}}},
		{"a public registry", []mutation{set(registry, "publicNetworkAccess", "Enabled")},
			[]want{{"deny_acr_public_network_access", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" allows public network access (publicNetworkAccess is not Disabled)`}}},
		{"the admin user", []mutation{set(registry, "adminUserEnabled", true)},
			[]want{{"deny_acr_admin_user", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" enables the admin user (adminUserEnabled is true)`}}},
		{"anonymous pull", []mutation{set(registry, "anonymousPullEnabled", true)},
			[]want{{"deny_acr_anonymous_pull", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" allows anonymous pull (anonymousPullEnabled is true)`}}},
		{"exports enabled", []mutation{set(registry, "policies.exportPolicy.status", "enabled")},
			[]want{{"deny_acr_export", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" allows exports (policies.exportPolicy.status is not disabled)`}}},
		{"no registry private endpoint", []mutation{remove("hardaks-registry-pe")},
			[]want{{"stack_deny_acr_private_endpoint", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" has no private endpoint (no PrivateEndpoint connects to it with group ID registry)`}}},

		// Key Vault
		{"access policies", []mutation{set(vault, "properties.enableRbacAuthorization", false)},
			[]want{{"deny_kv_rbac", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" does not use the Azure RBAC permission model (properties.enableRbacAuthorization is not true)`}}},
		{"no purge protection", []mutation{del(vault, "properties.enablePurgeProtection")},
			[]want{{"deny_kv_purge_protection", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" does not enable purge protection (properties.enablePurgeProtection is not true)`}}},
		{"no soft delete", []mutation{set(vault, "properties.enableSoftDelete", false)},
			[]want{{"deny_kv_soft_delete", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" does not enable soft delete (properties.enableSoftDelete is not true)`}}},
		{"a public vault", []mutation{set(vault, "properties.publicNetworkAccess", "Enabled")},
			[]want{{"deny_kv_public_network_access", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" allows public network access (properties.publicNetworkAccess is not Disabled)`}}},
		{"an open vault firewall", []mutation{set(vault, "properties.networkAcls.defaultAction", "Allow")},
			[]want{{"deny_kv_firewall", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" firewall does not deny by default (properties.networkAcls.defaultAction is not Deny)`}}},
		{"no vault private endpoint", []mutation{remove("hardaks-keyvault-pe"), remove("hardaks-keyvault-pe-dns")},
			[]want{{"stack_deny_kv_private_endpoint", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" has no private endpoint (no PrivateEndpoint connects to it with group ID vault)`}}},
		{"no vault audit logs", []mutation{remove("hardaks-keyvault-diag")},
			[]want{{"stack_deny_kv_audit_logs", vault, PhaseFirstPreview, `Vault "hardaks-keyvault-kv" has no diagnostic setting that sends AuditEvent logs to a destination`}}},
		{"a private endpoint without a DNS zone group", []mutation{remove("hardaks-registry-pe-dns")},
			[]want{{"stack_deny_private_endpoint_dns", "hardaks-registry-pe", PhaseFirstPreview, `PrivateEndpoint "hardaks-registry-pe" has no private DNS zone group`}}},

		// Network
		{"a subnet without an NSG", []mutation{del("hardaks-network-snet-nodes", "networkSecurityGroup")},
			[]want{{"deny_subnet_nsg", "hardaks-network-snet-nodes", PhaseFirstPreview, `Subnet "snet-nodes" has no network security group (networkSecurityGroup.id is not set)`}}},
		{"a GatewaySubnet with an NSG", []mutation{add(gatewaySubnet)},
			[]want{{"deny_gateway_subnet_nsg", "hardaks-network-snet-gateway", PhaseFirstPreview, `Subnet "GatewaySubnet" is a GatewaySubnet with a network security group`}}},
		{"SSH from the internet", []mutation{appendTo("hardaks-network-nsg-nodes", "securityRules", nsgRule(nil))},
			[]want{{"deny_nsg_ssh_from_internet", "hardaks-network-nsg-nodes", PhaseFirstPreview, `rule "AllowTest" of NetworkSecurityGroup "hardaks-network-nsg-nodes" allows SSH (port 22) inbound from Internet`}}},
		{"RDP from anywhere", []mutation{appendTo("hardaks-network-nsg-build-agents", "securityRules", nsgRule(map[string]any{"destinationPortRange": "3389", "sourceAddressPrefix": "*"}))},
			[]want{{"deny_nsg_rdp_from_internet", "hardaks-network-nsg-build-agents", PhaseFirstPreview, `rule "AllowTest" of NetworkSecurityGroup "hardaks-network-nsg-build-agents" allows RDP (port 3389) inbound from *`}}},
		{"every port from the internet on the bastion NSG", []mutation{appendTo("hardaks-network-nsg-bastion", "securityRules", nsgRule(map[string]any{"destinationPortRange": "*", "sourceAddressPrefix": "0.0.0.0/0"}))},
			[]want{{"deny_nsg_any_port_from_internet", "hardaks-network-nsg-bastion", PhaseFirstPreview, `rule "AllowTest" of NetworkSecurityGroup "hardaks-network-nsg-bastion" allows every port inbound from 0.0.0.0/0`}}},
		{"HTTPS from the internet outside Bastion", []mutation{appendTo("hardaks-network-nsg-private-endpoints", "securityRules", nsgRule(map[string]any{"destinationPortRange": "443"}))},
			[]want{{"stack_deny_nsg_internet_inbound", "hardaks-network-nsg-private-endpoints", PhaseStackAnalysis, `NetworkSecurityGroup "hardaks-network-nsg-private-endpoints" rule "AllowTest" allows inbound ports 443 from Internet; only the AzureBastionSubnet NSG may allow 443 from the internet`}}},
		{"a /27 Bastion subnet", []mutation{set("hardaks-network-snet-bastion", "addressPrefix", "10.40.5.0/27")},
			[]want{{"deny_bastion_subnet_size", "hardaks-network-snet-bastion", PhaseFirstPreview, `Subnet "AzureBastionSubnet" has address prefix 10.40.5.0/27; Azure Bastion needs /26 or larger`}}},
		{"a Bastion NSG without the GatewayManager rule", []mutation{del("hardaks-network-nsg-bastion", "securityRules[1]")},
			[]want{{"stack_deny_bastion_nsg_rules", "hardaks-network-nsg-bastion", PhaseStackAnalysis, `NetworkSecurityGroup "hardaks-network-nsg-bastion" of AzureBastionSubnet lacks the inbound rule Azure Bastion requires (AllowGatewayManagerInbound: Tcp from GatewayManager to * on ports 443)`}}},
		{"a public IP outside Bastion", []mutation{add(strayIP)},
			[]want{{"stack_deny_public_ip_outside_bastion", "hardaks-jump-pip", PhaseFirstPreview, `PublicIPAddress "hardaks-jump-pip" is not the address of a BastionHost or an AzureFirewall`}}},
		{"a firewall policy that only alerts on threats", []mutation{add(alertingPolicy)},
			[]want{{"deny_firewall_policy_threat_intel", "hardaks-network-firewall-policy", PhaseFirstPreview, `FirewallPolicy "hardaks-network-firewall-policy" threatIntelMode is "Alert", not Deny`}}},
		{"a DNAT rule collection", []mutation{add(dnatGroup)},
			[]want{{"deny_firewall_dnat", "hardaks-network-firewall-rules-web", PhaseFirstPreview, `FirewallPolicyRuleCollectionGroup "hardaks-network-firewall-rules-web" has the DNAT rule collection "publish-web"`}}},
		{"a default route to the internet", []mutation{add(internetTable)},
			[]want{{"deny_route_internet_default", "hardaks-network-rt", PhaseFirstPreview, `RouteTable "hardaks-network-rt" sends 0.0.0.0/0 to the Internet next hop (route "default-internet")`}}},
		{"user-defined routing without a route table", []mutation{set(cluster, "networkProfile.outboundType", "userDefinedRouting")},
			[]want{{"stack_deny_aks_udr_route_table", cluster, PhaseStackAnalysis, `ManagedCluster "hardaks-cluster-aks" routes egress by user-defined routing, but its node subnet "hardaks-network-snet-nodes" has no route table`}}},
		{"a NIC with a public IP", []mutation{set(nic, "ipConfigurations[0].publicIPAddress", map[string]any{"id": fixtureRG + "/providers/Microsoft.Network/publicIPAddresses/pip-agent"})},
			[]want{{"deny_nic_public_ip", nic, PhaseFirstPreview, `ip configuration "ipconfig1" of NetworkInterface "hardaks-buildagent-nic-01" has a public IP address`}}},
		{"IP forwarding", []mutation{set(nic, "enableIPForwarding", true)},
			[]want{{"warn_nic_ip_forwarding", nic, PhaseFirstPreview, `NetworkInterface "hardaks-buildagent-nic-01" forwards IP traffic (enableIPForwarding is true)`}}},

		// VMs
		{"password authentication", []mutation{set(vm, "osProfile.linuxConfiguration.disablePasswordAuthentication", false)},
			[]want{{"deny_vm_ssh_keys_only", vm, PhaseFirstPreview, `VirtualMachine "hardaks-buildagent-vm-01" allows password authentication (osProfile.linuxConfiguration.disablePasswordAuthentication is not true)`}}},
		{"an admin password", []mutation{set(vm, "osProfile.adminPassword", "[secret]")},
			[]want{{"deny_vm_ssh_keys_only", vm, PhaseFirstPreview, `VirtualMachine "hardaks-buildagent-vm-01" sets an administrator password (osProfile.adminPassword)`}}},
		{"no VM encryption at host", []mutation{set(vm, "securityProfile.encryptionAtHost", false)},
			[]want{{"deny_vm_encryption_at_host", vm, PhaseFirstPreview, `VirtualMachine "hardaks-buildagent-vm-01" does not encrypt at host (securityProfile.encryptionAtHost is not true)`}}},
		{"no VM managed identity", []mutation{set(vm, "identity.type", "None")},
			[]want{{"deny_vm_managed_identity", vm, PhaseFirstPreview, `VirtualMachine "hardaks-buildagent-vm-01" has no managed identity (identity.type is not SystemAssigned or UserAssigned)`}}},
		{"no Trusted Launch", []mutation{set(vm, "securityProfile.securityType", "Standard")},
			[]want{{"deny_vm_trusted_launch", vm, PhaseFirstPreview, `VirtualMachine "hardaks-buildagent-vm-01" is not a Trusted Launch VM (securityProfile.securityType is not TrustedLaunch)`}}},
		{"a PAT in custom data", []mutation{appendCustomData(vm, "\nwrite_files:\n  - path: /etc/agent.env\n    content: |\n      AZP_PAT=4x7qk2m9zt3rpw8vbn5c6yhd1fjgs0lae\n      pat: 4x7qk2m9zt3rpw8vbn5c6yhd1fjgs0lae\n")},
			[]want{{"deny_vm_custom_data_secrets", vm, PhaseUpdate, `VirtualMachine "hardaks-buildagent-vm-01" osProfile.customData contains what looks like a password, token or PAT assignment`}}},
		{"a private key in custom data", []mutation{appendCustomData(vm, "\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n")},
			[]want{{"deny_vm_custom_data_secrets", vm, PhaseUpdate, `VirtualMachine "hardaks-buildagent-vm-01" osProfile.customData contains what looks like a private key`}}},

		{"a job user in the docker group", []mutation{appendCustomData(vm, "\nruncmd:\n  - usermod -aG docker agent\n")},
			[]want{{"deny_ci_agent_isolation", vm, PhaseUpdate, `VirtualMachine "hardaks-buildagent-vm-01" osProfile.customData adds a user to the docker group, which is root on the VM`}}},

		// Identities and roles
		{"AcrPull for a user", []mutation{set("hardaks-registry-ra-kubelet-acrpull", "principalType", "User")},
			[]want{{"stack_deny_acr_pull_kubelet_only", "hardaks-registry-ra-kubelet-acrpull", PhaseStackAnalysis, `AcrPull RoleAssignment "hardaks-registry-ra-kubelet-acrpull" has principalType "User", not ServicePrincipal`}}},
		{"AcrPull for a workload identity", []mutation{add(workloadPull)},
			[]want{{"stack_deny_acr_pull_kubelet_only", "hardaks-workload-orders-ra-acr-pull", PhaseStackAnalysis, `AcrPull RoleAssignment "hardaks-workload-orders-ra-acr-pull" grants the user-assigned identity "hardaks-workload-orders-id", which is not a cluster's kubelet identity`}}},
		{"AcrPush for the workload identity", []mutation{dependsOn("hardaks-registry-ra-dev-agent-acr-push", "principalId", "hardaks-workload-orders-id")},
			[]want{{"stack_deny_acr_push_build_agent", "hardaks-registry-ra-dev-agent-acr-push", PhaseStackAnalysis, `AcrPush RoleAssignment "hardaks-registry-ra-dev-agent-acr-push" grants a principal that is not the user-assigned identity of a build agent VM`}}},
		{"a Key Vault role on the resource group", []mutation{set("hardaks-keyvault-ra-dev-agent-kv-secrets-user", "scope", fixtureRG)},
			[]want{{"deny_kv_role_scope", "hardaks-keyvault-ra-dev-agent-kv-secrets-user", PhaseUpdate, `RoleAssignment "hardaks-keyvault-ra-dev-agent-kv-secrets-user" grants Key Vault Secrets User on ` + fixtureRG + `, which is not a key vault`}}},
		{"Key Vault Secrets User on the whole vault for the build agents", []mutation{set("hardaks-keyvault-ra-dev-agent-kv-secrets-user", "scope", vaultID)},
			[]want{{"stack_deny_kv_read_role_vault_wide", "hardaks-keyvault-ra-dev-agent-kv-secrets-user", PhaseStackAnalysis, `RoleAssignment "hardaks-keyvault-ra-dev-agent-kv-secrets-user" grants Key Vault Secrets User on the whole vault "` + vaultName.(string) + `" to a service principal; assign it on the secrets, certificates or keys it reads`}}},
		{"cluster-wide Writer for the build agents", []mutation{set("hardaks-cluster-ra-dev-agent-aks-rbac-orders", "scope", fixtureClusterID)},
			[]want{{"deny_aks_role_cluster_wide_service_principal", "hardaks-cluster-ra-dev-agent-aks-rbac-orders", PhaseUpdate, `RoleAssignment "hardaks-cluster-ra-dev-agent-aks-rbac-orders" grants Azure Kubernetes Service RBAC Writer on the whole cluster to a service principal; scope it to namespaces`}}},
		{"Contributor for the build agents", []mutation{set("hardaks-cluster-ra-dev-agent-aks-rbac-orders", "roleDefinitionId", fixtureSub+"/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c")},
			[]want{{"deny_privileged_role_service_principal", "hardaks-cluster-ra-dev-agent-aks-rbac-orders", PhaseFirstPreview, `RoleAssignment "hardaks-cluster-ra-dev-agent-aks-rbac-orders" grants Contributor to a service principal`}}},
		{"a GitHub issuer", []mutation{set(fic, "issuer", "https://token.actions.githubusercontent.com")},
			[]want{{"deny_fic_issuer", fic, PhaseUpdate, `FederatedIdentityCredential "hardaks-workload-orders-fic" trusts issuer "https://token.actions.githubusercontent.com", which is not an AKS OIDC issuer (https://<region>.oic.prod-aks.azure.com/...)`}}},
		{"a wildcard subject", []mutation{set(fic, "subject", "system:serviceaccount:orders:*")},
			[]want{{"deny_fic_subject", fic, PhaseFirstPreview, `FederatedIdentityCredential "hardaks-workload-orders-fic" has subject "system:serviceaccount:orders:*", not system:serviceaccount:<namespace>:<service account>`}}},
		{"an extra audience", []mutation{set(fic, "audiences", []any{"api://AzureADTokenExchange", "api://other"})},
			[]want{{"deny_fic_audience", fic, PhaseFirstPreview, `FederatedIdentityCredential "hardaks-workload-orders-fic" has audiences ["api://AzureADTokenExchange", "api://other"], not exactly ["api://AzureADTokenExchange"]`}}},

		// A value the program computes from another resource's outputs is unknown during the first preview, so the
		// rules decide during the update (the cluster's securityProfile, the VM's custom data, the Key Vault role's
		// scope and the federated credential's issuer above are computed too).
		{"an NSG ID that turns out empty", []mutation{computed("hardaks-network-snet-nodes", "networkSecurityGroup.id", "")},
			[]want{{"deny_subnet_nsg", "hardaks-network-snet-nodes", PhaseUpdate, `Subnet "snet-nodes" has no network security group (networkSecurityGroup.id is not set)`}}},

		// Several findings at once, in report order.
		{"an exposed cluster", []mutation{
			set(cluster, "apiServerAccessProfile.enablePrivateCluster", false),
			set(cluster, "disableLocalAccounts", false),
			set(registry, "adminUserEnabled", true),
			set(cluster, "securityProfile.imageCleaner.enabled", false),
		}, []want{
			{"deny_aks_local_accounts", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" allows local accounts (disableLocalAccounts is not true)`},
			{"deny_aks_private_cluster", cluster, PhaseFirstPreview, `ManagedCluster "hardaks-cluster-aks" is not a private cluster (apiServerAccessProfile.enablePrivateCluster is not true)`},
			{"deny_acr_admin_user", registry, PhaseFirstPreview, `Registry "hardaks-registry-acr" enables the admin user (adminUserEnabled is true)`},
			{"warn_aks_image_cleaner", cluster, PhaseUpdate, `ManagedCluster "hardaks-cluster-aks" does not enable Image Cleaner (securityProfile.imageCleaner.enabled is not true)`},
		}},
	}

	covered := map[string]bool{}
	for _, tt := range tests {
		phase := tt.want[0].phase
		t.Run(tt.name+" is reported at "+phase, func(t *testing.T) {
			stack := readPhases(t)
			for _, m := range tt.mutate {
				m(t, &stack)
			}
			urns := map[string]string{}
			for _, r := range stack.Update {
				urns[r.Name] = r.URN
			}
			var expected []Finding
			for _, w := range tt.want {
				require.Contains(t, urns, w.resource)
				expected = append(expected, Finding{Policy: w.policy, Severity: p.byName[w.policy].Severity, Phase: w.phase, Resource: urns[w.resource], Message: w.message})
				covered[w.policy] = true
			}
			rep := evaluate(t, p, stack)
			assert.Equal(t, expected, rep.Findings)
		})
	}
	for _, r := range p.Rules() {
		assert.True(t, covered[r.Name], "no fixture mutation yields a %s finding", r.Name)
	}
}

// The Key Vault secrets provider add-on's identity is the one service principal that may read the whole vault
// (keyVault.csiAddonAccess): its principal ID is computed from the cluster, unknown during the first preview.
func TestTheCSIAddonIdentityMayReadTheWholeVault(t *testing.T) {
	p := loadPack(t)
	stack := readPhases(t)
	cluster := byName(t, stack.Update, "hardaks-cluster-aks")
	addonObjectID := offline.Get(cluster.Outputs, "addonProfiles.azureKeyvaultSecretsProvider.identity.objectId")
	require.NotEmpty(t, addonObjectID)
	vault := byName(t, stack.Update, "hardaks-keyvault-kv")
	grant := func(principalID, scope any) offline.Resource {
		inputs := map[string]any{
			"principalId":      principalID,
			"principalType":    "ServicePrincipal",
			"roleDefinitionId": fixtureSub + "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
			"scope":            scope,
		}
		return offline.Resource{
			URN:                  urnPrefix + "hardaks:keyvault:Vault$azure-native:authorization/v20220401:RoleAssignment::hardaks-keyvault-ra-csi-addon-secrets-user",
			Type:                 "azure-native:authorization/v20220401:RoleAssignment",
			Name:                 "hardaks-keyvault-ra-csi-addon-secrets-user",
			Custom:               true,
			Dependencies:         []string{cluster.URN, vault.URN},
			PropertyDependencies: map[string][]string{"principalId": {cluster.URN}, "scope": {vault.URN}},
			Inputs:               inputs,
			Outputs:              maps.Clone(inputs),
		}
	}
	stack.FirstPreview = append(stack.FirstPreview, grant(offline.UnknownPlaceholder, offline.UnknownPlaceholder))
	stack.Update = append(stack.Update, grant(addonObjectID, vault.ID))
	assert.Empty(t, evaluate(t, p, stack).Findings)

	// The same grant to the kubelet identity, also computed from the cluster, is a finding.
	stack.Update[len(stack.Update)-1] = grant(offline.Get(cluster.Outputs, "identityProfile.kubeletidentity.objectId"), vault.ID)
	findings := evaluate(t, p, stack).Findings
	require.Len(t, findings, 1)
	assert.Equal(t, "stack_deny_kv_read_role_vault_wide", findings[0].Policy)
	assert.Equal(t, PhaseStackAnalysis, findings[0].Phase)
}

func TestReportCountsViolationsPerPolicyAndMandatoryViolations(t *testing.T) {
	p := loadPack(t)
	stack := readPhases(t)
	for _, m := range []mutation{
		set("hardaks-network-snet-bastion", "addressPrefix", "10.40.5.0/28"),
		appendTo("hardaks-network-nsg-nodes", "securityRules", nsgRule(map[string]any{"name": "a"})),
		appendTo("hardaks-network-nsg-build-agents", "securityRules", nsgRule(map[string]any{"name": "b"})),
		set("hardaks-buildagent-nic-01", "enableIPForwarding", true),
	} {
		m(t, &stack)
	}
	// Each violation is found during the first preview and again during the update; it is reported once.
	rep := evaluate(t, p, stack)
	violations := map[string]int{}
	for _, pol := range rep.Policies {
		if pol.Violations > 0 {
			violations[pol.Name] = pol.Violations
		}
	}
	assert.Equal(t, map[string]int{"deny_bastion_subnet_size": 1, "deny_nsg_ssh_from_internet": 2, "warn_nic_ip_forwarding": 1}, violations)
	assert.Len(t, rep.Findings, 4)
	assert.Equal(t, 3, rep.MandatoryViolations())
	// Critical first, then high, then low.
	assert.Equal(t, []string{"critical", "critical", "high", "low"}, []string{rep.Findings[0].Severity, rep.Findings[1].Severity, rep.Findings[2].Severity, rep.Findings[3].Severity})
}

func TestMandatoryViolationsOfADecodedReport(t *testing.T) {
	data, err := json.Marshal(&Report{
		Policies: []Policy{{Name: "deny_a", Enforcement: Mandatory}, {Name: "warn_b", Enforcement: Advisory}},
		Findings: []Finding{{Policy: "deny_a"}, {Policy: "warn_b"}, {Policy: "deny_a"}},
	})
	require.NoError(t, err)
	var rep Report
	require.NoError(t, json.Unmarshal(data, &rep))
	assert.Equal(t, 2, rep.MandatoryViolations())
}

func TestReportJSON(t *testing.T) {
	rep := &Report{
		Policies: []Policy{{Name: "deny_x", Title: "X", Severity: "high", Enforcement: Mandatory, References: []Reference{{Kind: KindMCSB, ID: "NS-2", Name: "n", URL: "u"}}, Violations: 1}},
		Findings: []Finding{{Policy: "deny_x", Severity: "high", Phase: PhaseFirstPreview, Resource: "urn:x", Message: "m"}},
	}
	data, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"policies": [{"name": "deny_x", "title": "X", "severity": "high", "enforcement": "mandatory",
			"references": [{"kind": "mcsb", "id": "NS-2", "name": "n", "url": "u"}], "violations": 1}],
		"findings": [{"policy": "deny_x", "severity": "high", "phase": "first-preview", "resource": "urn:x", "message": "m"}]
	}`, string(data))
}

func TestEvaluateOfNoResources(t *testing.T) {
	p := loadPack(t)
	rep := evaluate(t, p, Phases{})
	assert.Equal(t, []Finding{}, rep.Findings)
	assert.Len(t, rep.Policies, len(p.Rules()))
}

func TestEvaluateStopsWhenTheContextIsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := loadPack(t).Evaluate(ctx, readPhases(t))
	assert.Error(t, err)
}

func TestStackFindingsNamingNoResourceBelongToTheStack(t *testing.T) {
	urns := map[string]bool{"urn:a": true}
	tests := []struct {
		msg, urn, text string
	}{
		{"bad [urn:a]", "urn:a", "bad"},
		{"bad [urn:unknown]", "urn:stack", "bad [urn:unknown]"},
		{"bad", "urn:stack", "bad"},
		{"list [a, b] of urn:a", "urn:stack", "list [a, b] of urn:a"},
	}
	for _, tt := range tests {
		urn, text := attribute(tt.msg, urns, "urn:stack")
		assert.Equal(t, tt.urn, urn, tt.msg)
		assert.Equal(t, tt.text, text, tt.msg)
	}
}

func TestWriteTable(t *testing.T) {
	rep := &Report{
		Policies: []Policy{
			{Name: "deny_aks_private_cluster", Title: "AKS API server is private", Severity: "critical", Enforcement: Mandatory, Violations: 1},
			{Name: "warn_nic_ip_forwarding", Title: "Network interfaces do not forward IP traffic", Severity: "low", Enforcement: Advisory, Violations: 2},
			{Name: "deny_kv_rbac", Title: "Key Vault uses the Azure RBAC permission model", Severity: "high", Enforcement: Mandatory},
		},
		Findings: []Finding{{Policy: "deny_aks_private_cluster"}, {Policy: "warn_nic_ip_forwarding"}, {Policy: "warn_nic_ip_forwarding"}},
	}
	var buf bytes.Buffer
	require.NoError(t, rep.WriteTable(&buf))
	assert.Equal(t, `POLICY                    SEVERITY  ENFORCEMENT  RESULT  VIOLATIONS  TITLE
deny_aks_private_cluster  critical  mandatory    FAIL    1           AKS API server is private
warn_nic_ip_forwarding    low       advisory     FAIL    2           Network interfaces do not forward IP traffic
deny_kv_rbac              high      mandatory    pass    0           Key Vault uses the Azure RBAC permission model
3 policies: 1 passed, 2 failed; 3 violations (1 mandatory, 2 advisory)
`, buf.String())
}

func TestWriteFindings(t *testing.T) {
	rep := &Report{
		Policies: []Policy{{Name: "deny_x", Enforcement: Mandatory}},
		Findings: []Finding{{Policy: "deny_x", Severity: "high", Phase: PhaseStackAnalysis, Resource: "urn:r", Message: "r is bad"}},
	}
	var buf bytes.Buffer
	require.NoError(t, rep.WriteFindings(&buf))
	assert.Equal(t, "[mandatory] stack-analysis high deny_x urn:r\n    r is bad\n", buf.String())
}

// BenchmarkEvaluate evaluates the dev stack in all three phases; BenchmarkEvaluateUpdate only the update and the
// stack analysis after it, the work an evaluation of one run of the program does.
func BenchmarkEvaluate(b *testing.B) {
	benchmarkEvaluate(b, readPhases(b))
}

func BenchmarkEvaluateUpdate(b *testing.B) {
	benchmarkEvaluate(b, Phases{Update: readPhases(b).Update})
}

func benchmarkEvaluate(b *testing.B, stack Phases) {
	p := loadPack(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.Evaluate(ctx, stack); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
