// Package validation is how every hardaks component reports what is wrong with its arguments. Each problem names
// the argument path (systemPool.vmSize), the value, what is wrong and the fix, and a component reports every
// problem at once, before it registers anything. The rules that more than one component checks (regions, zones,
// CIDRs, GUIDs, clock times, private DNS zone IDs) are written here once.
package validation

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with one argument.
type Problem struct {
	// Path is the argument path as the component's Args spell it in their pulumi tags: "systemPool.vmSize",
	// "userPools[1].zones[0]".
	Path string
	// Value is the offending value; nil when the argument is unset.
	Value any
	// Problem says what is wrong; Fix says what to do.
	Problem string
	Fix     string
	// Other is the path of another argument that Problem names ("overlaps nodeSubnetPrefix (10.40.0.0/22)"), so a
	// caller that reports arguments under other names can rename it in the text too; "" for none.
	Other string
}

// String is `path = "value": problem; fix`.
func (p Problem) String() string {
	return fmt.Sprintf("%s = %s: %s; %s", p.Path, FormatValue(p.Value), p.Problem, p.Fix)
}

// Redacted is the value of a problem whose value must not be printed: a secret, or a URL with credentials in it.
const Redacted = "[secret]"

// FormatValue prints a problem's value: quoted, a string list as a quoted list, nil as "(not set)".
func FormatValue(value any) string {
	switch v := value.(type) {
	case nil:
		return "(not set)"
	case []string:
		return fmt.Sprintf("%q", v)
	default:
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
}

// Error is every problem a component found in its arguments.
type Error struct {
	// Component is the package that refused the arguments, e.g. "cluster".
	Component string
	Problems  []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.Component + ": " + p.String()
	}
	return strings.Join(lines, "\n")
}

// Problems collects the problems of one component's arguments.
type Problems struct {
	component string
	list      []Problem
}

// For starts collecting the problems of component's arguments.
func For(component string) *Problems { return &Problems{component: component} }

// Add records one problem.
func (p *Problems) Add(path string, value any, problem, fix string) {
	p.list = append(p.list, Problem{Path: path, Value: value, Problem: problem, Fix: fix})
}

// AddAgainst records a problem of path that names the argument other, whose value is otherValue: problem is
// written after "<other> (<otherValue>)" is put in place of %s.
func (p *Problems) AddAgainst(path string, value any, other, otherValue, problem, fix string) {
	p.list = append(p.list, Problem{Path: path, Value: value, Problem: fmt.Sprintf(problem, other+" ("+otherValue+")"), Fix: fix, Other: other})
}

// Addf records one problem whose text is formatted.
func (p *Problems) Addf(path string, value any, fix, format string, a ...any) {
	p.Add(path, value, fmt.Sprintf(format, a...), fix)
}

// Required records that path, which has no default, is unset.
func (p *Problems) Required(set bool, path, fix string) {
	if !set {
		p.Add(path, nil, "is required", fix)
	}
}

// OneOf records a value outside allowed. The problem lists the allowed values.
func (p *Problems) OneOf(path, value, fix string, allowed ...string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	p.Add(path, OrUnset(value), "must be "+alternatives(allowed), fix)
}

// Check runs checks over one component's arguments and returns every problem they find, or nil.
func Check(component string, checks ...func(*Problems)) error {
	p := For(component)
	for _, check := range checks {
		check(p)
	}
	return p.Err()
}

// Err is nil without problems, else an *Error.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{Component: p.component, Problems: p.list}
}

// alternatives writes values as "a, b or c".
func alternatives(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// OrUnset is a string problem value: nil, printed "(not set)", for an empty string.
func OrUnset(s string) any {
	if s == "" {
		return nil
	}
	return s
}
