package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/policy"
)

// jsonPlan is the JSON shape of a plan; field order is the documented order.
type jsonPlan struct {
	Project   string         `json:"project"`
	Stack     string         `json:"stack"`
	Resources []jsonResource `json:"resources"`
	Outputs   map[string]any `json:"outputs"`
	Policies  []jsonPolicy   `json:"policies"`
	Findings  []jsonFinding  `json:"findings"`
}

type jsonPolicy struct {
	Name       string             `json:"name"`
	Title      string             `json:"title"`
	Severity   string             `json:"severity"`
	References []policy.Reference `json:"references"`
	Violations int                `json:"violations"`
}

type jsonFinding struct {
	Policy   string `json:"policy"`
	Severity string `json:"severity"`
	Phase    string `json:"phase"`
	Resource string `json:"resource"`
	Message  string `json:"message"`
}

type jsonResource struct {
	URN          string   `json:"urn"`
	Type         string   `json:"type"`
	Name         string   `json:"name"`
	Custom       bool     `json:"custom"`
	Parent       string   `json:"parent"`
	Dependencies []string `json:"dependencies"`
	Protect      bool     `json:"protect"`
	// Options are the other options the engine acts on at update and destroy; empty ones are left out.
	Options offline.ResourceOptions `json:"options"`
	Inputs  map[string]any          `json:"inputs"`
}

func toJSONPlan(plan *offline.Plan, report *policy.Report) jsonPlan {
	out := jsonPlan{Project: plan.Project, Stack: plan.Stack, Resources: []jsonResource{}, Outputs: plan.Outputs,
		Policies: []jsonPolicy{}, Findings: []jsonFinding{}}
	for _, p := range report.Policies {
		refs := p.References
		if refs == nil {
			refs = []policy.Reference{}
		}
		out.Policies = append(out.Policies, jsonPolicy{Name: p.Name, Title: p.Title, Severity: p.Severity, References: refs, Violations: p.Violations})
	}
	for _, f := range report.Findings {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	if out.Outputs == nil {
		out.Outputs = map[string]any{}
	}
	for _, r := range plan.Resources {
		deps := r.Dependencies
		if deps == nil {
			deps = []string{}
		}
		inputs := r.Inputs
		if inputs == nil {
			inputs = map[string]any{}
		}
		out.Resources = append(out.Resources, jsonResource{
			URN: r.URN, Type: r.Type, Name: r.Name, Custom: r.Custom, Parent: r.Parent,
			Dependencies: deps, Protect: r.Protect, Options: r.Options, Inputs: inputs,
		})
	}
	return out
}

func writeJSON(w io.Writer, plan *offline.Plan, report *policy.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(toJSONPlan(plan, report))
}

// keySettings are the inputs the text plan shows for each type key (offline.TypeKey): what a reviewer checks
// first.
var keySettings = map[string][]string{
	"resources:ResourceGroup":      {"location"},
	"network:VirtualNetwork":       {"addressSpace.addressPrefixes"},
	"network:Subnet":               {"subnetName", "addressPrefix", "defaultOutboundAccess", "privateEndpointNetworkPolicies"},
	"network:NetworkSecurityGroup": {"networkSecurityGroupName"},
	"network:NatGateway":           {"idleTimeoutInMinutes", "zones"},
	"network:PublicIPPrefix":       {"prefixLength"},
	"network:PublicIPAddress":      {"sku.name", "zones"},
	"network:PrivateZone":          {"privateZoneName"},
	"network:VirtualNetworkLink":   {"registrationEnabled"},
	"network:PrivateEndpoint":      {"privateLinkServiceConnections[0].groupIds"},
	"network:BastionHost":          {"sku.name", "enableTunneling", "enableShareableLink"},
	"containerservice:ManagedCluster": {"apiServerAccessProfile.enablePrivateCluster",
		"disableLocalAccounts", "aadProfile.enableAzureRBAC", "oidcIssuerProfile.enabled", "networkProfile.networkDataplane"},
	"containerservice:AgentPool":   {"mode", "vmSize", "enableEncryptionAtHost", "osDiskType"},
	"authorization:RoleAssignment": {"principalType", "roleDefinitionId"},
	"containerregistry:Registry":   {"sku.name", "publicNetworkAccess", "adminUserEnabled"},
	"keyvault:Vault": {"properties.enableRbacAuthorization", "properties.enablePurgeProtection",
		"properties.publicNetworkAccess"},
	"compute:VirtualMachine": {"hardwareProfile.vmSize", "securityProfile.securityType",
		"securityProfile.encryptionAtHost", "osProfile.linuxConfiguration.disablePasswordAuthentication"},
}

func writeText(w io.Writer, plan *offline.Plan, report *policy.Report) error {
	children := map[string][]offline.Resource{}
	for _, r := range plan.Resources {
		children[r.Parent] = append(children[r.Parent], r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Plan for %s/%s (offline, %d resources)\n", plan.Project, plan.Stack, len(plan.Resources))
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, r := range children[parent] {
			fmt.Fprintf(&b, "%s+ %s %s", strings.Repeat("  ", depth+1), r.Type, r.Name)
			if settings := describe(r); settings != "" {
				fmt.Fprintf(&b, "  [%s]", settings)
			}
			if r.Protect {
				b.WriteString("  (protected)")
			}
			b.WriteString("\n")
			walk(r.URN, depth+1)
		}
	}
	walk("", 0)
	if len(plan.Outputs) > 0 {
		b.WriteString("\nOutputs:\n")
		names := make([]string, 0, len(plan.Outputs))
		for name := range plan.Outputs {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			value := compact(plan.Outputs[name])
			if m, isMap := plan.Outputs[name].(map[string]any); isMap && len(value) > maxTextOutput {
				noun := "entries"
				if len(m) == 1 {
					noun = "entry"
				}
				value = "(" + strconv.Itoa(len(m)) + " " + noun + ": see --format json or --manifests)"
			}
			fmt.Fprintf(&b, "  %s: %s\n", name, value)
		}
	}
	if len(report.Findings) > 0 {
		b.WriteString("\nFindings:\n")
		if err := report.WriteFindings(&b); err != nil {
			return err
		}
	}
	b.WriteString("\nCompliance:\n")
	if err := report.WriteTable(&b); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// maxTextOutput is the longest structured output the text plan prints inline.
const maxTextOutput = 200

func describe(r offline.Resource) string {
	var parts []string
	for _, path := range keySettings[offline.TypeKey(r.Type)] {
		if value := offline.Get(r.Inputs, path); value != nil {
			parts = append(parts, path+"="+compact(value))
		}
	}
	if offline.TypeKey(r.Type) == "network:NetworkSecurityGroup" {
		rules, _ := r.Inputs["securityRules"].([]any)
		parts = append(parts, fmt.Sprintf("rules=%d", len(rules)))
	}
	return strings.Join(parts, " ")
}

func compact(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
