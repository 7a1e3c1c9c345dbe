package config

import (
	"fmt"
	"strings"

	"github.com/hardaks/hardaks/components/validation"
)

// redacted marks a value that must not be printed.
const redacted = validation.Redacted

// FieldError is one problem with one configuration key.
type FieldError struct {
	// Key is the path as `pulumi config set --path` takes it, without the namespace: "network.subnets.bastion".
	Key string
	// Value is the offending value (nil when the key is missing).
	Value any
	// Problem says what is wrong; Fix says what to do.
	Problem string
	Fix     string
}

func (e FieldError) Error() string {
	value := "(not set)"
	if e.Value != nil {
		value = fmt.Sprintf("%q", fmt.Sprint(e.Value))
		if s, ok := e.Value.([]string); ok {
			value = fmt.Sprintf("%q", s)
		}
	}
	return fmt.Sprintf("%s:%s = %s: %s; %s", Namespace, e.Key, value, e.Problem, e.Fix)
}

// ValidationError holds every problem found in a configuration.
type ValidationError struct {
	Errors []FieldError
}

func (v *ValidationError) Error() string {
	lines := make([]string, 0, len(v.Errors)+1)
	noun := "problems"
	if len(v.Errors) == 1 {
		noun = "problem"
	}
	lines = append(lines, fmt.Sprintf("invalid stack configuration (%d %s):", len(v.Errors), noun))
	for _, e := range v.Errors {
		lines = append(lines, "  - "+e.Error())
	}
	return strings.Join(lines, "\n")
}

func (v *ValidationError) add(key string, value any, problem, fix string) {
	v.Errors = append(v.Errors, FieldError{Key: key, Value: value, Problem: problem, Fix: fix})
}

func (v *ValidationError) addf(key string, value any, fix, problem string, args ...any) {
	v.add(key, value, fmt.Sprintf(problem, args...), fix)
}

func (v *ValidationError) err() error {
	if len(v.Errors) == 0 {
		return nil
	}
	return v
}
