package policy

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hardaks/hardaks/internal/offline"
)

// Policy is one rule's result.
type Policy struct {
	Name        string      `json:"name"`
	Title       string      `json:"title"`
	Severity    string      `json:"severity"`
	Enforcement string      `json:"enforcement"`
	References  []Reference `json:"references"`
	// Violations is the number of findings of the rule.
	Violations int `json:"violations"`
}

// Phases of a deployment in which Pulumi's analyzer sees a stack, earliest first.
const (
	// PhaseFirstPreview is the first `pulumi preview` (and the preview of the first `pulumi up`) of a new stack:
	// Analyze on every resource's inputs, with every ID and computed output unknown, then AnalyzeStack on the
	// provider's preview answers.
	PhaseFirstPreview = "first-preview"
	// PhaseUpdate is Analyze during `pulumi up` (and previews of a stack that exists): every input known.
	PhaseUpdate = "update"
	// PhaseStackAnalysis is AnalyzeStack at the end of `pulumi up`, on every resource's outputs.
	PhaseStackAnalysis = "stack-analysis"
)

// Phases are the two runs of a stack's program the analyzer's input comes from: its first preview
// (offline.Options{FirstPreview: true}) and its update. Evaluate skips the first preview when it is nil.
type Phases struct {
	FirstPreview []offline.Resource
	Update       []offline.Resource
}

// Finding is one violation.
type Finding struct {
	Policy   string `json:"policy"`
	Severity string `json:"severity"`
	// Phase is the earliest phase in which Pulumi reports the violation: PhaseFirstPreview, PhaseUpdate or
	// PhaseStackAnalysis. The same violation is not reported again for a later phase.
	Phase string `json:"phase"`
	// Resource is the URN of the offending resource; for a stack-level finding that names no resource, the stack's.
	Resource string `json:"resource"`
	Message  string `json:"message"`
}

// Report is the result of evaluating a pack: every policy sorted by name, and the findings sorted by severity
// (critical first), policy, phase, resource and message.
type Report struct {
	Policies []Policy  `json:"policies"`
	Findings []Finding `json:"findings"`

	enforcement map[string]string
}

// Evaluate runs the pack on a stack as Pulumi's OPA analyzer would in each phase: during the first preview every
// resource-level rule on each resource's inputs (IDs and computed outputs unknown) and every stack-level rule on the
// resources' preview outputs; during the update every resource-level rule on the known inputs; in the stack
// analysis at the end of the update every stack-level rule on the resources' outputs. A violation is reported once,
// in the earliest phase that finds it.
func (p *Pack) Evaluate(ctx context.Context, stack Phases) (*Report, error) {
	var findings []Finding
	seen := map[Finding]bool{}
	add := func(phase string, found []Finding) {
		for _, f := range found {
			key := f
			if !seen[key] {
				seen[key] = true
				f.Phase = phase
				findings = append(findings, f)
			}
		}
	}
	steps := []struct {
		phase     string
		resources []offline.Resource
		scope     func(context.Context, []offline.Resource) ([]Finding, error)
	}{
		{PhaseFirstPreview, stack.FirstPreview, p.analyze},
		{PhaseFirstPreview, stack.FirstPreview, p.analyzeStack},
		{PhaseUpdate, stack.Update, p.analyze},
		{PhaseStackAnalysis, stack.Update, p.analyzeStack},
	}
	for _, step := range steps {
		if len(step.resources) == 0 {
			continue
		}
		found, err := step.scope(ctx, step.resources)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", step.phase, err)
		}
		add(step.phase, found)
	}
	return p.report(findings), nil
}

// analyze runs every resource-level rule on each resource's input document (Analyze).
func (p *Pack) analyze(ctx context.Context, resources []offline.Resource) ([]Finding, error) {
	if len(p.resourceRules) == 0 {
		return nil, nil
	}
	var findings []Finding
	stack := stackURNOf(resources[0].URN)
	for _, r := range resources {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sets, err := p.run(ctx, p.resourceQuery, len(p.resourceRules), resourceDocument(r, stack))
		if err != nil {
			return nil, fmt.Errorf("evaluating %s: %w", r.URN, err)
		}
		for i, msgs := range sets {
			for _, msg := range msgs {
				findings = append(findings, p.finding(p.resourceRules[i], r.URN, msg))
			}
		}
	}
	return findings, nil
}

// analyzeStack runs every stack-level rule once on the stack document (AnalyzeStack).
func (p *Pack) analyzeStack(ctx context.Context, resources []offline.Resource) ([]Finding, error) {
	if len(p.stackRules) == 0 {
		return nil, nil
	}
	stack := stackURNOf(resources[0].URN)
	urns := make(map[string]bool, len(resources)+1)
	urns[stack] = true
	for _, r := range resources {
		urns[r.URN] = true
	}
	sets, err := p.run(ctx, p.stackQuery, len(p.stackRules), StackInput(resources))
	if err != nil {
		return nil, fmt.Errorf("evaluating the stack: %w", err)
	}
	var findings []Finding
	for i, msgs := range sets {
		for _, msg := range msgs {
			urn, text := attribute(msg, urns, stack)
			findings = append(findings, p.finding(p.stackRules[i], urn, text))
		}
	}
	return findings, nil
}

// run evaluates a prepared query of n rules (bound to r0..rn-1) and returns each rule's messages. The document goes
// in as a Go value, as the analyzer passes it (rego.Input in eval.go, evalPolicyPack), so OPA converts the
// Mappable() wrappers of unknowns and secrets exactly as it does there.
func (p *Pack) run(ctx context.Context, q rego.PreparedEvalQuery, n int, doc map[string]any) ([][]string, error) {
	rs, err := q.Eval(ctx, rego.EvalInput(doc))
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		return nil, errors.New("policy query returned no result")
	}
	out := make([][]string, n)
	for i := range out {
		v := rs[0].Bindings[fmt.Sprintf("r%d", i)]
		out[i] = messages(v)
	}
	return out, nil
}

// messages reads a rule's value as the analyzer does: each element of a set or array is a message, non-strings
// printed with %v.
func messages(v any) []string {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		} else {
			out = append(out, fmt.Sprintf("%v", item))
		}
	}
	return out
}

// attribute splits a stack-level message "text [urn]" into the URN of the resource it is about and the text.
// Messages that name no known resource are the stack's.
func attribute(msg string, urns map[string]bool, stack string) (urn, text string) {
	if strings.HasSuffix(msg, "]") {
		if open := strings.LastIndex(msg, " ["); open >= 0 {
			candidate := msg[open+2 : len(msg)-1]
			if urns[candidate] {
				return candidate, msg[:open]
			}
		}
	}
	return stack, msg
}

func (p *Pack) finding(rule, urn, msg string) Finding {
	return Finding{Policy: rule, Severity: p.byName[rule].Severity, Resource: urn, Message: msg}
}

func (p *Pack) report(findings []Finding) *Report {
	counts := map[string]int{}
	for _, f := range findings {
		counts[f.Policy]++
	}
	rep := &Report{Policies: make([]Policy, 0, len(p.rules)), Findings: findings, enforcement: map[string]string{}}
	for _, r := range p.rules {
		refs := append([]Reference{}, r.References...)
		rep.Policies = append(rep.Policies, Policy{
			Name:        r.Name,
			Title:       r.Title,
			Severity:    r.Severity,
			Enforcement: r.Enforcement,
			References:  refs,
			Violations:  counts[r.Name],
		})
		rep.enforcement[r.Name] = r.Enforcement
	}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if ra, rb := severityRank(a.Severity), severityRank(b.Severity); ra != rb {
			return ra < rb
		}
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		if pa, pb := phaseRank(a.Phase), phaseRank(b.Phase); pa != pb {
			return pa < pb
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Message < b.Message
	})
	return rep
}

func phaseRank(phase string) int {
	return map[string]int{PhaseFirstPreview: 0, PhaseUpdate: 1, PhaseStackAnalysis: 2}[phase]
}

func severityRank(s string) int {
	for i, v := range severities {
		if v == s {
			return i
		}
	}
	return len(severities)
}

// MandatoryViolations is the number of findings of mandatory policies: the ones that make `pulumi preview` fail.
func (r *Report) MandatoryViolations() int {
	n := 0
	for _, f := range r.Findings {
		if r.enforcementOf(f.Policy) == Mandatory {
			n++
		}
	}
	return n
}

func (r *Report) enforcementOf(policy string) string {
	if e, ok := r.enforcement[policy]; ok {
		return e
	}
	for _, p := range r.Policies {
		if p.Name == policy {
			return p.Enforcement
		}
	}
	return ""
}
