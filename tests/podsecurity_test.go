package tests

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// readmePod is the workload pod spec the README documents for hardaks:workloads.
func readmePod(t *testing.T) corev1.Pod {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join(projectDir, "README.md"))
	require.NoError(t, err)
	_, rest, found := strings.Cut(string(readme), "```yaml\napiVersion: v1\nkind: Pod\n")
	require.True(t, found, "the README documents a workload pod")
	body, _, found := strings.Cut(rest, "```")
	require.True(t, found)
	var pod corev1.Pod
	require.NoError(t, yaml.UnmarshalStrict([]byte("apiVersion: v1\nkind: Pod\n"+body), &pod))
	return pod
}

// restrictedViolations checks a pod against the rules of the built-in initiative "Kubernetes cluster pod security
// restricted standards for Linux-based workloads" (42b8ef37-b724-4e24-bbc8-7a7708edfe00, Azure/azure-policy
// built-in-policies/policySetDefinitions/Kubernetes/Kubernetes_PSPRestrictedStandard.json), which includes every
// rule of the baseline initiative: no privileged containers, host network, host PID/IPC or hostPath; added
// capabilities within the default set; no privilege escalation; non-root users and groups in 1–65535; a
// runtime/default seccomp profile; only the allowed volume types.
func restrictedViolations(pod corev1.Pod) []string {
	var out []string
	spec := pod.Spec
	if spec.HostNetwork || spec.HostPID || spec.HostIPC {
		out = append(out, "host namespaces")
	}
	allowedVolumes := func(v corev1.Volume) bool {
		s := v.VolumeSource
		return s.ConfigMap != nil || s.CSI != nil || s.DownwardAPI != nil || s.EmptyDir != nil || s.Ephemeral != nil ||
			s.PersistentVolumeClaim != nil || s.Projected != nil || s.Secret != nil
	}
	for _, v := range spec.Volumes {
		if !allowedVolumes(v) {
			out = append(out, "volume "+v.Name+" is not of an allowed type")
		}
	}
	psc := spec.SecurityContext
	inRange := func(id *int64) bool { return id != nil && *id >= 1 && *id <= 65535 }
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot {
		out = append(out, "runAsNonRoot")
	}
	if psc == nil || !inRange(psc.RunAsGroup) || !inRange(psc.FSGroup) || len(psc.SupplementalGroups) == 0 {
		out = append(out, "groups")
	} else {
		for _, g := range psc.SupplementalGroups {
			if g < 1 || g > 65535 {
				out = append(out, "supplementalGroups")
			}
		}
	}
	if psc == nil || psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		out = append(out, "seccomp")
	}
	defaultCapabilities := []corev1.Capability{"CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID",
		"SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE"}
	for _, c := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
		sc := c.SecurityContext
		if sc != nil && sc.Privileged != nil && *sc.Privileged {
			out = append(out, c.Name+" is privileged")
		}
		if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			out = append(out, c.Name+" may escalate privileges")
		}
		if sc != nil && sc.Capabilities != nil {
			for _, added := range sc.Capabilities.Add {
				if !slices.Contains(defaultCapabilities, added) {
					out = append(out, c.Name+" adds "+string(added))
				}
			}
		}
	}
	return out
}

func TestTheDocumentedWorkloadPodIsAdmissibleUnderRestrictedPodSecurity(t *testing.T) {
	pod := readmePod(t)
	assert.Empty(t, restrictedViolations(pod))
	require.Len(t, pod.Spec.Volumes, 1)
	assert.Equal(t, "secrets-store.csi.k8s.io", pod.Spec.Volumes[0].CSI.Driver, "it mounts its vault objects through the CSI add-on")
	assert.Equal(t, "true", pod.Labels["azure.workload.identity/use"])

	// The check can fail: a hostPath volume, a privileged container and a root pod each break it.
	broken := readmePod(t)
	broken.Spec.Volumes = append(broken.Spec.Volumes, corev1.Volume{Name: "host", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/"}}})
	privileged := true
	broken.Spec.Containers[0].SecurityContext.Privileged = &privileged
	root := false
	broken.Spec.SecurityContext.RunAsNonRoot = &root
	assert.Equal(t, []string{"volume host is not of an allowed type", "runAsNonRoot", "api is privileged"}, restrictedViolations(broken))
}
