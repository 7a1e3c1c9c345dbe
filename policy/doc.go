// Package policy is the hardaks hardening policy pack: a Pulumi OPA policy pack (PulumiPolicy.yaml with runtime opa
// and the Rego modules in this directory, package hardaks) that `pulumi preview --policy-pack ./policy` enforces on
// any stack, and the Go code that evaluates the same pack on a hardaks plan with the embedded OPA library, on the
// input documents Pulumi's OPA analyzer builds in each phase of a deployment.
//
// # How Pulumi's OPA analyzer runs a pack
//
// Read from github.com/pulumi/pulumi-policy-opa (cmd/pulumi-analyzer-policy-opa/{policy.go,eval.go,analyzer.go},
// README.md), github.com/pulumi/pulumi (sdk/go/common/resource/plugin/{analyzer_plugin.go,analyzer_server.go,rpc.go},
// sdk/go/common/resource/properties.go, pkg/resource/deploy/step_generator.go and deployment_executor.go) and the
// Pulumi docs ("Write OPA policies", the policy pack project file reference):
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
//   - Evaluation (eval.go, evalPolicyPack): each rule is queried on its own as data.<package>.<rule>, with the input
//     passed as a Go value (rego.Input), which OPA converts through JSON; every element of the resulting set is one
//     violation, strings as-is, anything else formatted with %v. Configuration (--policy-pack-config) can override a
//     rule's enforcement level (per rule or "all") and is exposed to Rego as data.config.<rule>.
//
// # What the analyzer sees, and when
//
//   - Analyze (step_generator.go, generateSteps) runs on every resource before it is created or updated, with its
//     inputs (the goal state after the provider's Check). buildOPAInput puts the properties at the top level,
//     overlaid on type/urn/name/options/provider/properties, then the collision-safe __type, __urn, __name,
//     __options (protect, ignoreChanges, deleteBeforeReplace, additionalSecretOutputs, aliasURNs, aliases,
//     customTimeouts, parent), __properties and __provider (type, name, urn, properties; {} without a provider).
//   - AnalyzeStack (stepGenerator.AnalyzeResources, called by deployment_executor.go after every step succeeded, in a
//     preview as in an update) runs once with every resource's outputs ("Unlike Analyze, AnalyzeStack is called on
//     the final outputs of each resource"), parent, dependencies and property dependencies. buildStackOPAInput gives
//     {"resources": [...]}, each resource as above plus dependencies (absent when empty: analyzer_server.go maps an
//     empty list to nil) and propertyDependencies, which is always present: analyzer_server.go AnalyzeStack always
//     makes the map, {} when the engine sends none. azure-native's outputs are the fields of the resource's SDK
//     struct: they hold its name and type and the IDs it refers to, not the path parameters it was created with
//     (vaultName, resourceGroupName, subnetName, privateEndpointName, a diagnostic setting's resourceUri, ...), and
//     not its own ID. The list includes the pulumi:pulumi:Stack resource and the providers. Stack violations are
//     reported against the root stack URN, so this pack's stack messages name the resource and end with " [<urn>]".
//   - Unknowns and secrets: the engine marshals properties with KeepUnknowns and KeepSecrets (analyzer_plugin.go),
//     the SDK's analyzer server unmarshals them the same way (analyzer_server.go), and buildOPAInput hands Rego
//     resource.PropertyMap.Mappable(), which keeps an unknown as a resource.Computed (the engine's unknown string is
//     Computed{Element: ""}, rpc.go unmarshalUnknownPropertyValue) and a secret as a *resource.Secret holding the
//     plaintext (properties.go, PropertyValue.MapRepl). OPA's JSON conversion turns both into
//     {"Element": {"V": <value>}}. lib.rego calls such a value opaque; no rule reads it as absent, compliant or
//     non-compliant, looks inside it (beyond whether a secret is empty) or prints it.
//   - Install: Pulumi CLI v3.269.0 or later fetches the OPA language plugin on first use (`pulumi plugin install
//     language opa` where downloads are off; Pulumi docs, "Write OPA policies"; older CLIs:
//     `pulumi plugin install analyzer policy-opa`).
//
// A deployment therefore shows the pack three views of a stack, which [Pack.Evaluate] evaluates in order:
// [PhaseFirstPreview] (the first preview of a new stack: Analyze on inputs in which every ID and every output
// computed by Azure is unknown, then AnalyzeStack on azure-native's preview outputs, which repeat the inputs and
// leave everything else unknown), [PhaseUpdate] (Analyze during `pulumi up`, every input known) and
// [PhaseStackAnalysis] (AnalyzeStack after `pulumi up`, on the outputs). A rule that cannot decide in a phase stays
// silent there and decides in a later one; a violation is reported once, in the earliest phase that finds it.
//
// # Evaluating a plan
//
// [Pack.Evaluate] builds those documents from two runs of the program under the offline mocks ([Phases]): the first
// preview (offline.Options{FirstPreview: true}: a dry run in which the mocks answer as azure-native answers a
// preview) and the update. [ResourceInput] is built from a resource's inputs, [StackInput] from its outputs in
// azure-native's output shape, its dependencies and its property dependencies, all with the analyzer's layout and
// through the same Mappable call; parents default to the stack, and custom resources get the default provider of
// their package (named "default": the plan does not record the engine's versioned default_x_y_z name). It evaluates
// all resource rules in one query per resource and all stack rules in one query, which yields the same sets as the
// analyzer's per-rule queries.
package policy
