package policy

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"gopkg.in/yaml.v3"

	"github.com/hardaks/hardaks/internal/guid"
)

// packFiles is the hardaks pack: the manifest and every Rego module, unit tests included, exactly as
// `pulumi preview --policy-pack ./policy` loads them.
//
//go:embed PulumiPolicy.yaml *.rego
var packFiles embed.FS

// Reference kinds.
const (
	KindAzurePolicy = "azure-policy"
	KindCISAKS      = "cis-aks"
	KindMCSB        = "mcsb"
)

// Severities, most severe first.
var severities = []string{"critical", "high", "medium", "low"}

// Enforcement levels, as Pulumi names them.
const (
	Mandatory = "mandatory"
	Advisory  = "advisory"
)

// Rule names the Pulumi OPA analyzer evaluates, and their scope and enforcement level: deny/violation are mandatory,
// warn advisory; the stack_ forms run once over the whole stack.
// https://github.com/pulumi/pulumi-policy-opa/blob/main/cmd/pulumi-analyzer-policy-opa/policy.go
var (
	denyRuleName      = regexp.MustCompile(`^(deny|violation)(_[a-zA-Z0-9]+)*$`)
	warnRuleName      = regexp.MustCompile(`^warn(_[a-zA-Z0-9]+)*$`)
	stackDenyRuleName = regexp.MustCompile(`^stack_(deny|violation)(_[a-zA-Z0-9]+)*$`)
	stackWarnRuleName = regexp.MustCompile(`^stack_warn(_[a-zA-Z0-9]+)*$`)
	// portableRuleName is what analyzer releases before stack policies accepted (letters only after the prefix), so
	// the hardaks pack works with older analyzers too.
	portableRuleName = regexp.MustCompile(`^(stack_)?(deny|violation|warn)(_[a-z]+)*$`)
)

// Reference is a control a policy implements.
type Reference struct {
	// Kind is "azure-policy" (an Azure Policy built-in definition), "cis-aks" (a CIS Azure Kubernetes Service
	// Benchmark recommendation) or "mcsb" (a Microsoft cloud security benchmark control).
	Kind string `json:"kind"`
	// ID is the definition GUID, the CIS recommendation number or the MCSB control ID.
	ID   string `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Rule is one policy of a pack with its metadata.
type Rule struct {
	// Name is the Rego rule name, which Pulumi reports as the policy name.
	Name        string
	Title       string
	Description string
	// Message is the annotation Pulumi shows with violations (custom.message).
	Message     string
	Remediation string
	// Severity is critical, high, medium or low.
	Severity string
	// Enforcement is mandatory or advisory, as the rule name's prefix makes it in Pulumi.
	Enforcement string
	// Stack is true for stack-level rules (evaluated once over every resource).
	Stack      bool
	References []Reference

	annotated, severityDeclared, enforcementDeclared bool
}

// Pack is a compiled policy pack, ready to evaluate plans. It is safe for concurrent use.
type Pack struct {
	name        string
	description string
	rules       []Rule
	byName      map[string]*Rule
	compiler    *ast.Compiler

	resourceRules []string
	stackRules    []string
	resourceQuery rego.PreparedEvalQuery
	stackQuery    rego.PreparedEvalQuery
}

// Load returns the embedded hardaks pack, checked to have complete metadata on every rule.
func Load() (*Pack, error) {
	p, err := load(packFiles)
	if err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// LoadDir loads the pack in dir (a directory with PulumiPolicy.yaml and .rego files, as given to
// `pulumi preview --policy-pack`). Metadata is optional there: a rule without a title is titled by its name, without
// a severity it is medium.
func LoadDir(dir string) (*Pack, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("policy pack %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("policy pack %s: not a directory", dir)
	}
	p, err := load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("policy pack %s: %w", dir, err)
	}
	return p, nil
}

// Name is the pack's name: its Rego package.
func (p *Pack) Name() string { return p.name }

// Description is the description in PulumiPolicy.yaml.
func (p *Pack) Description() string { return p.description }

// Rules returns the pack's rules sorted by name.
func (p *Pack) Rules() []Rule {
	out := make([]Rule, len(p.rules))
	copy(out, p.rules)
	for i := range out {
		out[i].References = append([]Reference(nil), out[i].References...)
	}
	return out
}

// manifest is the part of PulumiPolicy.yaml the analyzer reads.
type manifest struct {
	Runtime     string `yaml:"runtime"`
	Description string `yaml:"description"`
	InputFormat string `yaml:"inputFormat"`
}

// load compiles a pack the way the Pulumi OPA analyzer does: every .rego file below the root, parsed as Rego v0 (with
// `import rego.v1` for the v1 keywords) with annotations, all in one package.
func load(fsys fs.FS) (*Pack, error) {
	var m manifest
	data, err := fs.ReadFile(fsys, "PulumiPolicy.yaml")
	if err != nil {
		return nil, fmt.Errorf("reading PulumiPolicy.yaml: %w", err)
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parsing PulumiPolicy.yaml: %w", err)
	}
	if m.Runtime != "opa" {
		return nil, fmt.Errorf("PulumiPolicy.yaml: runtime is %q, want opa", m.Runtime)
	}
	if m.InputFormat != "" {
		return nil, fmt.Errorf("PulumiPolicy.yaml: inputFormat %q is not supported (hardaks evaluates the default Pulumi input)", m.InputFormat)
	}

	modules, err := readModules(fsys)
	if err != nil {
		return nil, err
	}
	compiler, err := compile(modules, ast.RegoV0)
	if err != nil {
		return nil, err
	}

	p := &Pack{description: m.Description, compiler: compiler, byName: map[string]*Rule{}}
	if err := p.readRules(); err != nil {
		return nil, err
	}
	if err := p.prepare(); err != nil {
		return nil, err
	}
	return p, nil
}

// readModules returns the source of every .rego file, keyed by its path without the extension (the analyzer's
// module names).
func readModules(fsys fs.FS) (map[string]string, error) {
	modules := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(name) != ".rego" {
			return nil
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		modules[strings.TrimSuffix(name, ".rego")] = string(src)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading policies: %w", err)
	}
	if len(modules) == 0 {
		return nil, errors.New("no .rego files")
	}
	return modules, nil
}

func compile(modules map[string]string, version ast.RegoVersion) (*ast.Compiler, error) {
	compiler, err := ast.CompileModulesWithOpt(modules, ast.CompileOpts{
		ParserOptions: ast.ParserOptions{RegoVersion: version, ProcessAnnotation: true},
	})
	if err != nil {
		return nil, fmt.Errorf("compiling policies: %w", err)
	}
	return compiler, nil
}

// readRules finds the rules Pulumi evaluates and reads their METADATA annotations.
func (p *Pack) readRules() error {
	files := make([]string, 0, len(p.compiler.Modules))
	for name := range p.compiler.Modules {
		files = append(files, name)
	}
	sort.Strings(files)
	index := map[string]int{}
	for _, file := range files {
		module := p.compiler.Modules[file]
		pkg := strings.TrimPrefix(module.Package.Path.String(), "data.")
		switch {
		case p.name == "":
			p.name = pkg
		case pkg != p.name:
			return fmt.Errorf("module %s declares package %s, but the pack is package %s (Pulumi requires one package per pack)", file, pkg, p.name)
		}
		for _, r := range module.Rules {
			name := r.Head.Name.String()
			stack, enforcement, ok := classify(name)
			if !ok {
				continue
			}
			i, seen := index[name]
			if !seen {
				i = len(p.rules)
				index[name] = i
				p.rules = append(p.rules, Rule{Name: name, Enforcement: enforcement, Stack: stack})
			}
			// OPA merges every body of a rule; the metadata is on whichever body has an annotation.
			if len(r.Annotations) > 0 && !p.rules[i].annotated {
				if err := applyAnnotations(&p.rules[i], r.Annotations[0]); err != nil {
					return fmt.Errorf("rule %s: %w", name, err)
				}
			}
		}
	}
	if len(p.rules) == 0 {
		return errors.New("no rule named deny, violation, warn, stack_deny, stack_violation or stack_warn")
	}
	sort.Slice(p.rules, func(i, j int) bool { return p.rules[i].Name < p.rules[j].Name })
	for i := range p.rules {
		r := &p.rules[i]
		p.byName[r.Name] = r
		if r.Title == "" {
			r.Title = r.Name
		}
		if r.Severity == "" {
			r.Severity = "medium"
		}
		if r.Stack {
			p.stackRules = append(p.stackRules, r.Name)
		} else {
			p.resourceRules = append(p.resourceRules, r.Name)
		}
	}
	return nil
}

// classify says whether Pulumi evaluates a rule of this name, at which scope and enforcement level.
func classify(name string) (stack bool, enforcement string, ok bool) {
	switch {
	case stackDenyRuleName.MatchString(name):
		return true, Mandatory, true
	case stackWarnRuleName.MatchString(name):
		return true, Advisory, true
	case denyRuleName.MatchString(name):
		return false, Mandatory, true
	case warnRuleName.MatchString(name):
		return false, Advisory, true
	}
	return false, "", false
}

func applyAnnotations(r *Rule, a *ast.Annotations) error {
	r.annotated = true
	r.Title = strings.TrimSpace(a.Title)
	r.Description = strings.TrimSpace(a.Description)
	custom := a.Custom
	r.Message = customString(custom, "message")
	r.Remediation = customString(custom, "remediation")
	if sev := customString(custom, "severity"); sev != "" {
		if !slices.Contains(severities, sev) {
			return fmt.Errorf("severity %q is not one of %s", sev, strings.Join(severities, ", "))
		}
		r.Severity = sev
		r.severityDeclared = true
	}
	if enf := customString(custom, "enforcement"); enf != "" {
		if enf != r.Enforcement {
			return fmt.Errorf("enforcement %q contradicts the rule name, which makes it %s in Pulumi", enf, r.Enforcement)
		}
		r.enforcementDeclared = true
	}
	refs, err := references(custom["references"])
	if err != nil {
		return err
	}
	r.References = refs
	return nil
}

func customString(custom map[string]any, key string) string {
	v, ok := custom[key]
	if !ok || v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

func references(v any) ([]Reference, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errors.New("custom.references must be a list")
	}
	out := make([]Reference, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("custom.references[%d] must be a mapping", i)
		}
		ref := Reference{
			Kind: customString(m, "kind"),
			ID:   customString(m, "id"),
			Name: customString(m, "name"),
			URL:  customString(m, "url"),
		}
		if ref.URL == "" {
			ref.URL = referenceURL(ref)
		}
		out = append(out, ref)
	}
	return out, nil
}

// mcsbPages are the Microsoft cloud security benchmark pages of each control family.
var mcsbPages = map[string]string{
	"NS": "mcsb-network-security",
	"IM": "mcsb-identity-management",
	"PA": "mcsb-privileged-access",
	"DP": "mcsb-data-protection",
	"AM": "mcsb-asset-management",
	"LT": "mcsb-logging-threat-detection",
	"IR": "mcsb-incident-response",
	"PV": "mcsb-posture-vulnerability-management",
	"ES": "mcsb-endpoint-security",
	"BR": "mcsb-backup-recovery",
	"DS": "mcsb-devops-security",
	"GS": "mcsb-governance-strategy",
}

var anchorDrop = regexp.MustCompile(`[^a-z0-9 -]`)

// referenceURL is where a reference is published, for references that give none.
func referenceURL(ref Reference) string {
	switch ref.Kind {
	case KindAzurePolicy:
		return "https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/" +
			"%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F" + ref.ID
	case KindMCSB:
		family, _, _ := strings.Cut(ref.ID, "-")
		page, ok := mcsbPages[family]
		if !ok {
			return "https://learn.microsoft.com/security/benchmark/azure/overview"
		}
		anchor := anchorDrop.ReplaceAllString(strings.ToLower(ref.ID+" "+ref.Name), "")
		return "https://learn.microsoft.com/security/benchmark/azure/" + page + "#" + strings.ReplaceAll(anchor, " ", "-")
	case KindCISAKS:
		return "https://www.cisecurity.org/benchmark/kubernetes"
	}
	return ""
}

// validate checks that every rule is portable across analyzer releases and fully described: title, description,
// remediation, message, severity, enforcement and at least one well-formed reference.
func (p *Pack) validate() error {
	var errs []error
	for _, r := range p.rules {
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("rule %s: "+format, append([]any{r.Name}, args...)...))
		}
		if !portableRuleName.MatchString(r.Name) {
			fail("name must be (stack_)deny/violation/warn followed by _lowercase words, as every analyzer release accepts")
		}
		if r.Title == "" || r.Title == r.Name {
			fail("METADATA has no title")
		}
		if r.Description == "" {
			fail("METADATA has no description")
		}
		if r.Remediation == "" {
			fail("METADATA has no custom.remediation")
		}
		if r.Message == "" {
			fail("METADATA has no custom.message")
		}
		if !r.severityDeclared {
			fail("METADATA has no custom.severity")
		}
		if !r.enforcementDeclared {
			fail("METADATA has no custom.enforcement")
		}
		if len(r.References) == 0 {
			fail("METADATA has no custom.references")
		}
		for _, ref := range r.References {
			switch {
			case ref.ID == "" || ref.Name == "":
				fail("reference %+v needs an id and a name", ref)
			case ref.Kind == KindAzurePolicy && !lowercaseGUID(ref.ID):
				fail("Azure Policy reference %q is not a definition GUID", ref.ID)
			case ref.Kind != KindAzurePolicy && ref.Kind != KindCISAKS && ref.Kind != KindMCSB:
				fail("reference kind %q is not azure-policy, cis-aks or mcsb", ref.Kind)
			}
		}
	}
	return errors.Join(errs...)
}

// prepare builds the two queries Evaluate runs: every resource-level rule at once per resource, and every
// stack-level rule at once per stack.
func (p *Pack) prepare() error {
	var err error
	if p.resourceQuery, err = p.prepareQuery(p.resourceRules); err != nil {
		return err
	}
	p.stackQuery, err = p.prepareQuery(p.stackRules)
	return err
}

func (p *Pack) prepareQuery(rules []string) (rego.PreparedEvalQuery, error) {
	if len(rules) == 0 {
		return rego.PreparedEvalQuery{}, nil
	}
	terms := make([]string, len(rules))
	for i, name := range rules {
		terms[i] = fmt.Sprintf("r%d = data.%s.%s", i, p.name, name)
	}
	q, err := rego.New(
		rego.Query(strings.Join(terms, "; ")),
		rego.Compiler(p.compiler),
	).PrepareForEval(context.Background())
	if err != nil {
		return rego.PreparedEvalQuery{}, fmt.Errorf("preparing policy query: %w", err)
	}
	return q, nil
}

// lowercaseGUID reports whether id is a GUID written in lower case, as Azure Policy definition names are.
func lowercaseGUID(id string) bool { return guid.Valid(id) && id == strings.ToLower(id) }
