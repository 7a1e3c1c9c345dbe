package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hardaks/hardaks/internal/offline"
)

// manifestFiles are the workload output keys and the files hardaks plan --manifests writes, in apply order.
var manifestFiles = []struct{ output, file string }{
	{"serviceAccountManifest", "serviceaccount.yaml"},
	{"secretProviderClassManifest", "secretproviderclass.yaml"},
}

// writeManifests writes every workload's Kubernetes manifests to dir/<workload>/, ready for kubectl apply -f.
func writeManifests(dir string, plan *offline.Plan) ([]string, error) {
	workloads, _ := plan.Outputs["workloads"].(map[string]any)
	names := make([]string, 0, len(workloads))
	for name := range workloads {
		names = append(names, name)
	}
	sort.Strings(names)
	var written []string
	for _, name := range names {
		outputs, _ := workloads[name].(map[string]any)
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return nil, err
		}
		for _, m := range manifestFiles {
			manifest, ok := outputs[m.output].(string)
			if !ok {
				return nil, fmt.Errorf("workload %s: output %s is not a manifest", name, m.output)
			}
			path := filepath.Join(dir, name, m.file)
			if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
				return nil, err
			}
			written = append(written, path)
		}
	}
	return written, nil
}
