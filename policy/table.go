package policy

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable writes the compliance summary: one row per policy (name, severity, enforcement, result, violations,
// title), then the totals.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tSEVERITY\tENFORCEMENT\tRESULT\tVIOLATIONS\tTITLE")
	passed, failed := 0, 0
	for _, p := range r.Policies {
		result := "pass"
		if p.Violations > 0 {
			result = "FAIL"
			failed++
		} else {
			passed++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", p.Name, p.Severity, p.Enforcement, result, p.Violations, p.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	mandatory := r.MandatoryViolations()
	_, err := fmt.Fprintf(w, "%d policies: %d passed, %d failed; %d violations (%d mandatory, %d advisory)\n",
		len(r.Policies), passed, failed, len(r.Findings), mandatory, len(r.Findings)-mandatory)
	return err
}

// WriteFindings writes each finding as "[enforcement] phase severity policy resource" and its message, in report
// order.
func (r *Report) WriteFindings(w io.Writer) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintf(w, "[%s] %s %s %s %s\n    %s\n", r.enforcementOf(f.Policy), f.Phase, f.Severity, f.Policy, f.Resource, f.Message); err != nil {
			return err
		}
	}
	return nil
}
