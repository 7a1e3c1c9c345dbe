// Package cli implements the hardaks command: the offline plan of a stack and its checks.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK = 0
	// ExitFailed: the plan could not be built, or a mandatory policy is violated.
	ExitFailed = 1
	// ExitInvalidConfig: the stack configuration is invalid; the messages say what to fix.
	ExitInvalidConfig = 2
)

// exitError carries an exit code to main.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Execute runs the command line and returns the process exit code. Errors go to stderr without usage or stack trace.
func Execute(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(stderr, ErrorMessage(err))
	var coded *exitError
	if errors.As(err, &coded) {
		return coded.code
	}
	return ExitFailed
}

// ErrorMessage is what the user reads for err. The Pulumi SDK gathers a program's errors with go-multierror (run.go,
// RunErr), whose text starts "1 error occurred:" with tab-indented bullets; each error is printed on its own line
// instead, so a component's message reads like config's.
func ErrorMessage(err error) string {
	var gathered interface{ WrappedErrors() []error }
	if !errors.As(err, &gathered) {
		return err.Error()
	}
	var lines []string
	for _, e := range gathered.WrappedErrors() {
		lines = append(lines, strings.TrimSpace(e.Error()))
	}
	return strings.Join(lines, "\n")
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "hardaks",
		Short:         "Plan and check a hardened private AKS environment offline",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newPlanCommand())
	return root
}
