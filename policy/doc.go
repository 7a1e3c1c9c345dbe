// Package policy is the hardaks hardening policy pack: a Pulumi OPA policy pack (PulumiPolicy.yaml with runtime opa
// and the Rego modules in this directory, package hardaks) that `pulumi preview --policy-pack ./policy` enforces on
// any stack, and the Go code that evaluates the same pack on a hardaks plan with the embedded OPA library, on the
// input documents Pulumi's OPA analyzer would build.
//
// # How Pulumi's OPA analyzer runs a pack
//
// Read from github.com/pulumi/pulumi-policy-opa (cmd/pulumi-analyzer-policy-opa/{policy.go,eval.go,analyzer.go},
// README.md, CHANGELOG.md) and the Pulumi docs (pulumi/docs: "Write OPA policies" and the policy pack project file
// reference):
//
//   - Loading (policy.go, loadPolicyPack): PulumiPolicy.yaml is parsed for description, runtime and inputFormat
//     (only "kubernetes-admission" is accepted; this pack uses the default format). Every *.rego file below the pack
//     directory, tests included, is compiled with ast.CompileModulesWithOpt, ParserOptions{RegoVersion: RegoV0,
//     ProcessAnnotation: true}: Rego v0 syntax, so `import rego.v1` is required for `if`/`contains`/`in`/`every` (the
//     docs say so too), and the same files also pass `opa test`/`opa check` (Rego v1). Every module must declare the
//     same package ("unexpected package name differences"), whose name becomes the pack's name.
//   - Rule names decide what runs and how strictly: ^(deny|violation)(_[a-zA-Z0-9]+)*$ mandatory and
//     ^warn(_[a-zA-Z0-9]+)*$ advisory, per resource (Analyze); ^stack_(deny|violation)(_...)*$ mandatory and
//     ^stack_warn(_...)*$ advisory, once per stack (AnalyzeStack). Older releases (go.mod on OPA v0.40) knew only
//     ^(deny|violation)(_[a-zA-Z]+)*$ and ^warn(_[a-zA-Z]+)*$ without stack rules, so the pack's names use letters
//     only. Other rules are helpers; a helper that is a partial set/object or is named like a policy is reported as
//     warning[opa/unrecognized-rule], a policy with several bodies as warning[opa/duplicate-rule]: the pack's
//     helpers are functions and complete rules, one body per policy.
//   - Metadata: the first `# METADATA` annotation of a rule gives its display name (title), description and
//     message (custom.message); a package-scoped title names the pack. The analyzer ignores other custom keys, where
//     this pack keeps severity, enforcement, remediation and references.
//   - Evaluation (eval.go): each rule is queried on its own as data.<package>.<rule> with the input document; every
//     element of the resulting set is one violation, strings as-is, anything else formatted with %v. Configuration
//     (--policy-pack-config) can override a rule's enforcement level (per rule or "all") and is exposed to Rego as
//     data.config.<rule>.
//   - Resource input (analyzer.go, buildOPAInput): the resource's properties at the top level of input, overlaid on
//     type/urn/name/options/provider/properties, then the collision-safe __type, __urn, __name, __options (protect,
//     ignoreChanges, deleteBeforeReplace, additionalSecretOutputs, aliasURNs, aliases, customTimeouts, parent),
//     __properties and __provider (type, name, urn, properties; {} without a provider); newer releases add props and
//     __props. Properties are the goal state's inputs: during a preview, outputs and provider defaults are absent.
//   - Stack input (buildStackOPAInput): {"resources": [...]}, each resource as above plus dependencies and
//     propertyDependencies (when the engine sends them); the list includes the pulumi:pulumi:Stack resource and the
//     providers. Stack violations are reported against the root stack URN, so this pack's stack messages name the
//     resource and end with " [<urn>]".
//   - Secrets and unknowns: the engine sends properties with KeepSecrets and KeepUnknowns
//     (pulumi/pulumi sdk/go/common/resource/plugin/analyzer_plugin.go) and the analyzer passes Mappable() values,
//     which keep secrets and unknowns as wrapper values rather than strings (inferred from
//     sdk/go/common/resource/properties.go; not verified against a running engine). The hardaks plan shows them as
//     "[secret]" and "[unknown]". Rules therefore never read a meaning into a value that is not a plain known string,
//     and where a referenced ID is not known yet they follow propertyDependencies (or dependencies when absent).
//   - Install: `pulumi plugin install language opa` with Pulumi CLI v3.227.0 or later (older CLIs:
//     `pulumi plugin install analyzer policy-opa`).
//
// # Evaluating a plan
//
// [Pack.Evaluate] builds those documents from an offline.Plan's resources ([ResourceInput], [StackInput]): inputs as
// recorded, parents defaulting to the stack, the default provider of each custom resource's package (named
// "default": the plan does not record the engine's versioned default_x_y_z name), dependencies, no
// propertyDependencies (the plan does not record them). It evaluates all resource rules in one query per resource and
// all stack rules in one query, which yields the same sets as the analyzer's per-rule queries.
package policy
