// Package sdkgen generates the Node.js and Python SDKs from the package schema with Pulumi's own code generators,
// at the SDK version hardaks pins: what `go generate ./provider` writes under sdk/ and the tests compare.
package sdkgen

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"

	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool names the generator in the files' headers.
const tool = "hardaks"

// Languages are the SDKs generated, each into sdk/<language>.
var Languages = []string{"nodejs", "python"}

// Generate returns the files of language's SDK, by path below sdk/<language>.
func Generate(schemaJSON []byte, language string) (map[string][]byte, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, selfContained{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	switch language {
	case "nodejs":
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, selfContained{})
	case "python":
		return python.GeneratePackage(tool, pkg, nil, selfContained{})
	}
	return nil, fmt.Errorf("sdkgen: no generator for %s", language)
}

// selfContained loads no other package: the hardaks schema refers to none (its Azure resources are children of the
// components, not types in their arguments), so a reference to one is an error here rather than a plugin download.
type selfContained struct{}

func (selfContained) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("sdkgen: the schema refers to package %s", pkg)
}

func (selfContained) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("sdkgen: the schema refers to package %s", d.Name)
}

func (selfContained) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("sdkgen: the schema refers to package %s", pkg)
}

func (selfContained) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("sdkgen: the schema refers to package %s", d.Name)
}

// kept are the files in an SDK directory the generator does not write: the Node.js lock file CI installs from.
var kept = map[string]bool{"package-lock.json": true, "node_modules": true}

// Write replaces the generated files in dir with files.
func Write(dir string, files map[string][]byte) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for _, e := range entries {
		if !kept[e.Name()] {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Read is what Write left in dir, without the kept files.
func Read(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if kept[strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]] {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	return files, err
}
