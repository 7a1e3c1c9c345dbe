package buildagent

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"strings"
	"text/template"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/hardaks/hardaks/components/validation"
)

// maxCustomDataBytes is Azure's limit on customData before base64 encoding.
// https://learn.microsoft.com/azure/virtual-machines/custom-data
const maxCustomDataBytes = 65535

var (
	//go:embed templates/*.tmpl
	templateFiles embed.FS
	//go:embed scripts/install-tools.sh
	installToolsScript string
	//go:embed scripts/register-agent.sh
	registerAgentScript string
	//go:embed scripts/azure-token.sh
	azureTokenScript string
	//go:embed scripts/acr-login.sh
	acrLoginScript string

	templates = template.Must(template.New("").Option("missingkey=error").Funcs(template.FuncMap{
		"shq":    shellQuote,
		"indent": indent,
	}).ParseFS(templateFiles, "templates/*.tmpl"))
)

// agentValues are the per-VM settings written to /etc/hardaks/agent.env. None of them is secret: the token is
// named (vault and secret name), never included.
type agentValues struct {
	AgentName            string
	ServiceUser          string
	CISystem             string
	CIURL                string
	Pool                 string
	Labels               string
	GitHubTokenURL       string
	AgentVersion         string
	AgentSHA256          string
	HelmVersion          string
	IdentityClientID     string
	VaultName            string
	SecretName           string
	SubscriptionID       string
	RegistryName         string
	RegistryLoginServer  string
	ClusterName          string
	ClusterResourceGroup string
}

// cloudConfig is the data of the cloud-config template: the agent's values and the content of every file it writes.
type cloudConfig struct {
	Values         agentValues
	AgentEnv       string
	IMDSBlockRules string
	IMDSBlockUnit  string
	AgentUnit      string
	Sudoers        string
	InstallScript  string
	RegisterScript string
	TokenScript    string
	ACRLoginScript string
}

// customData renders VM vmName's cloud-config once the identity's client ID and the resource names are known, and
// base64-encodes it as Azure requires. The rendering is a pure function of its inputs, so an unchanged stack never
// changes customData (which would replace the VM).
func customData(vmName string, args *BuildAgentArgs, s settings, clientID pulumi.StringOutput) pulumi.StringOutput {
	// The access grants' IDs are inputs only so that the VMs wait for them: the registration script reads the token
	// from Key Vault at first boot. Their values are not part of the document.
	var grants pulumi.StringArrayInput = pulumi.StringArray{}
	if args.AccessRoleAssignmentIDs != nil {
		grants = args.AccessRoleAssignmentIDs
	}
	return pulumi.All(clientID, args.VaultName, subscriptionOf(args.SubnetID), args.RegistryName, args.ClusterName,
		args.ClusterResourceGroup, grants).ApplyT(func(v []any) (string, error) {
		registryName := v[3].(string)
		doc, err := renderCloudConfig(agentValues{
			AgentName:            vmName,
			ServiceUser:          ServiceUser,
			CISystem:             args.CI.System,
			CIURL:                args.CI.URL,
			Pool:                 args.CI.Pool,
			Labels:               strings.Join(args.CI.Labels, ","),
			GitHubTokenURL:       s.githubTokenURL,
			AgentVersion:         s.agentVersion,
			AgentSHA256:          args.CI.AgentSHA256,
			HelmVersion:          s.helmVersion,
			IdentityClientID:     v[0].(string),
			VaultName:            v[1].(string),
			SecretName:           args.RegistrationTokenSecretName,
			SubscriptionID:       v[2].(string),
			RegistryName:         registryName,
			RegistryLoginServer:  strings.ToLower(registryName) + ".azurecr.io",
			ClusterName:          v[4].(string),
			ClusterResourceGroup: v[5].(string),
		})
		if err != nil {
			return "", fmt.Errorf("buildagent: %s: %w", vmName, err)
		}
		return base64.StdEncoding.EncodeToString([]byte(doc)), nil
	}).(pulumi.StringOutput)
}

// subscriptionOf is the subscription of a subnet ID (/subscriptions/<id>/resourceGroups/...), which is the VMs':
// a NIC must be in the subscription of its virtual network.
// https://learn.microsoft.com/azure/virtual-network/virtual-network-network-interface#create-a-network-interface
func subscriptionOf(subnetID pulumi.StringInput) pulumi.StringOutput {
	return subnetID.ToStringOutput().ApplyT(func(id string) (string, error) {
		sub, ok := validation.SubscriptionOf(id)
		if !ok {
			return "", fmt.Errorf("buildagent: subnetId %q is not a subnet resource ID", id)
		}
		return sub, nil
	}).(pulumi.StringOutput)
}

// renderCloudConfig returns the #cloud-config document of one agent.
func renderCloudConfig(v agentValues) (string, error) {
	for _, field := range []struct{ name, value string }{
		{"identity client ID", v.IdentityClientID}, {"vault name", v.VaultName}, {"subscription ID", v.SubscriptionID},
		{"registry name", v.RegistryName}, {"cluster name", v.ClusterName}, {"cluster resource group", v.ClusterResourceGroup},
	} {
		if field.value == "" || strings.ContainsFunc(field.value, isControl) {
			return "", fmt.Errorf("the %s %q must be a non-empty single line", field.name, field.value)
		}
	}
	cc := cloudConfig{
		Values:         v,
		InstallScript:  installToolsScript,
		RegisterScript: registerAgentScript,
		TokenScript:    azureTokenScript,
		ACRLoginScript: acrLoginScript,
	}
	for _, file := range []struct {
		template string
		content  *string
	}{
		{"agent.env.tmpl", &cc.AgentEnv},
		{"imds-block.nft.tmpl", &cc.IMDSBlockRules},
		{"hardaks-imds-block.service.tmpl", &cc.IMDSBlockUnit},
		{"hardaks-agent.service.tmpl", &cc.AgentUnit},
		{"sudoers.tmpl", &cc.Sudoers},
	} {
		var err error
		if *file.content, err = execute(file.template, v); err != nil {
			return "", err
		}
	}
	doc, err := execute("cloud-config.yaml.tmpl", cc)
	if err != nil {
		return "", err
	}
	if len(doc) > maxCustomDataBytes {
		return "", fmt.Errorf("the cloud-config is %d bytes; Azure accepts at most %d", len(doc), maxCustomDataBytes)
	}
	return doc, nil
}

func execute(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// shellQuote quotes s for POSIX shells: it wraps s in single quotes and closes, escapes and reopens the quoting
// around each single quote inside s.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// indent prefixes every non-empty line of s with n spaces, for a YAML block scalar, and drops the final newline
// (the template supplies it).
func indent(n int, s string) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, line := range lines {
		if line != "" {
			lines[i] = pad + line
		}
	}
	return strings.Join(lines, "\n")
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
