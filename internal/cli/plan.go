package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/hardaks/hardaks/config"
	"github.com/hardaks/hardaks/internal/offline"
	"github.com/hardaks/hardaks/internal/stackfile"
	"github.com/hardaks/hardaks/policy"
	"github.com/hardaks/hardaks/stacks"
)

// Output formats of hardaks plan.
const (
	FormatText = "text"
	FormatJSON = "json"
)

type planOptions struct {
	stack      string
	cwd        string
	format     string
	out        string
	manifests  string
	policyPack string
}

func newPlanCommand() *cobra.Command {
	opts := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Run the stack program offline under mocks and print every resource it would create",
		Long: `plan reads Pulumi.yaml and Pulumi.<stack>.yaml from the project directory (secure: values become
placeholder secrets), applies HARDAKS_* environment overrides, validates the configuration, runs the real
stack program offline under mocks, once as the stack's first preview and once as its update, and
evaluates the hardening policy pack on the result as pulumi preview --policy-pack and pulumi up
--policy-pack would: during the first preview, the update and the stack analysis after it. Exit code 1
means a mandatory policy is violated, 2 that the configuration is invalid.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return opts.run(cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&opts.stack, "stack", "dev", "stack name: reads Pulumi.<stack>.yaml")
	cmd.Flags().StringVar(&opts.cwd, "cwd", ".", "project directory holding Pulumi.yaml")
	cmd.Flags().StringVar(&opts.format, "format", FormatText, "output format: text or json")
	cmd.Flags().StringVar(&opts.out, "out", "", "write the plan to this file instead of stdout")
	cmd.Flags().StringVar(&opts.manifests, "manifests", "", "also write each workload's ServiceAccount and SecretProviderClass to DIR/<workload>/")
	cmd.Flags().StringVar(&opts.policyPack, "policy-pack", "", "evaluate this OPA policy pack directory instead of the built-in hardaks pack")
	return cmd
}

func (o *planOptions) run(stdout, stderr io.Writer) error {
	if o.format != FormatText && o.format != FormatJSON {
		return fmt.Errorf("--format %q: use text or json", o.format)
	}
	src, err := readValid(o.cwd, o.stack)
	if err != nil {
		return err
	}
	plan, err := runProgram(src, false)
	if err != nil {
		return err
	}
	preview, err := runProgram(src, true)
	if err != nil {
		return err
	}
	report, err := o.evaluate(preview, plan)
	if err != nil {
		return err
	}
	if o.manifests != "" {
		written, err := writeManifests(o.manifests, plan)
		if err != nil {
			return err
		}
		for _, path := range written {
			fmt.Fprintln(stderr, "wrote", path)
		}
	}
	w := stdout
	if o.out != "" {
		f, err := os.Create(o.out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if o.format == FormatJSON {
		err = writeJSON(w, plan, report)
	} else {
		err = writeText(w, plan, report)
	}
	if err != nil {
		return err
	}
	if n := report.MandatoryViolations(); n > 0 {
		return &exitError{code: ExitFailed, err: fmt.Errorf("%d mandatory policy violations", n)}
	}
	return nil
}

// evaluate runs the built-in pack, or the one named by --policy-pack, on the stack's first preview and its update.
func (o *planOptions) evaluate(preview, plan *offline.Plan) (*policy.Report, error) {
	load := policy.Load
	if o.policyPack != "" {
		load = func() (*policy.Pack, error) { return policy.LoadDir(o.policyPack) }
	}
	pack, err := load()
	if err != nil {
		return nil, err
	}
	return pack.Evaluate(context.Background(), policy.Phases{FirstPreview: preview.Resources, Update: plan.Resources})
}

// BuildPlan validates the stack's configuration and runs the stack program offline, as `pulumi up` runs it.
func BuildPlan(dir, stack string) (*offline.Plan, error) {
	return buildPlan(dir, stack, false)
}

// BuildFirstPreview validates the stack's configuration and runs the stack program offline as the first
// `pulumi preview` of the stack runs it, before any of its resources exists.
func BuildFirstPreview(dir, stack string) (*offline.Plan, error) {
	return buildPlan(dir, stack, true)
}

func buildPlan(dir, stack string, firstPreview bool) (*offline.Plan, error) {
	src, err := readValid(dir, stack)
	if err != nil {
		return nil, err
	}
	return runProgram(src, firstPreview)
}

// readValid reads the stack's configuration and validates it before anything runs, so invalid configuration is
// reported as such, with every message and no stack trace.
func readValid(dir, stack string) (config.Source, error) {
	src, err := stackfile.Read(dir, stack)
	if err != nil {
		return config.Source{}, err
	}
	if _, err := config.Load(src); err != nil {
		var invalid *config.ValidationError
		if errors.As(err, &invalid) {
			return config.Source{}, &exitError{code: ExitInvalidConfig, err: err}
		}
		return config.Source{}, err
	}
	return src, nil
}

// runProgram runs the stack program offline on src, as its first preview or as its update.
func runProgram(src config.Source, firstPreview bool) (*offline.Plan, error) {
	return offline.Run(offline.Options{
		Project:      src.Project,
		Stack:        src.Stack,
		Config:       src.Values,
		SecretKeys:   src.SecretKeys,
		FirstPreview: firstPreview,
	}, stacks.Program)
}
