package policy

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
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

// Finding is one violation.
type Finding struct {
	Policy   string `json:"policy"`
	Severity string `json:"severity"`
	// Resource is the URN of the offending resource; for a stack-level finding that names no resource, the stack's.
	Resource string `json:"resource"`
	Message  string `json:"message"`
}

// Report is the result of evaluating a pack: every policy sorted by name, and the findings sorted by severity
// (critical first), policy, resource and message.
type Report struct {
	Policies []Policy  `json:"policies"`
	Findings []Finding `json:"findings"`

	enforcement map[string]string
}

// Evaluate runs the pack on a plan's resources as Pulumi's OPA analyzer would during `pulumi preview`: every
// resource-level rule on each resource's input document, then every stack-level rule on the stack document.
func (p *Pack) Evaluate(ctx context.Context, resources []offline.Resource) (*Report, error) {
	var findings []Finding
	if len(resources) > 0 {
		stack := stackURNOf(resources[0].URN)
		if len(p.resourceRules) > 0 {
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
		}
		if len(p.stackRules) > 0 {
			urns := make(map[string]bool, len(resources)+1)
			urns[stack] = true
			for _, r := range resources {
				urns[r.URN] = true
			}
			sets, err := p.run(ctx, p.stackQuery, len(p.stackRules), StackInput(resources))
			if err != nil {
				return nil, fmt.Errorf("evaluating the stack: %w", err)
			}
			for i, msgs := range sets {
				for _, msg := range msgs {
					urn, text := attribute(msg, urns, stack)
					findings = append(findings, p.finding(p.stackRules[i], urn, text))
				}
			}
		}
	}
	return p.report(findings), nil
}

// run evaluates a prepared query of n rules (bound to r0..rn-1) and returns each rule's messages.
func (p *Pack) run(ctx context.Context, q rego.PreparedEvalQuery, n int, doc map[string]any) ([][]string, error) {
	value, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, err
	}
	rs, err := q.Eval(ctx, rego.EvalParsedInput(value))
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
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		return a.Message < b.Message
	})
	return rep
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
