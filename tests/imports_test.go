package tests

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// versionedAzurePackage is an azure-native import that names its API version (network/v2/v20240301), or the
// SDK's small utilities package. A root service package (network/v2) bundles every resource of the service at its
// default API version and costs minutes of compile time (README, "Dependencies").
var versionedAzurePackage = regexp.MustCompile(`^github\.com/pulumi/pulumi-azure-native-sdk/(v2/utilities|[a-z]+/v2/v\d{8}(preview)?)$`)

func TestEveryAzureNativeImportIsAVersionedPackage(t *testing.T) {
	fset := token.NewFileSet()
	var azureImports int
	err := filepath.WalkDir(projectDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, spec := range file.Imports {
			importPath, err := strconv.Unquote(spec.Path.Value)
			require.NoError(t, err)
			if strings.HasPrefix(importPath, "github.com/pulumi/pulumi-azure-native-sdk/") {
				azureImports++
				assert.Regexp(t, versionedAzurePackage, importPath, "%s imports a root service package", path)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, azureImports, 20, "the walk found the components' imports")
}
