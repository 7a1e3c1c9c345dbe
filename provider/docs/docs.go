// Package docs carries the components' Go doc comments into the package schema, so every argument and output that
// TypeScript, Python and YAML users see is described by the comment Go users read, written once.
package docs

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
)

// Descriptions are the doc comments by schema place: "<token>" for a type or component, "<token>.<property>" for
// a property of a type or an output of a component, "<token>:inputs.<property>" for a component's argument.
type Descriptions map[string]string

// Extract reads the packages below componentsDir. A package's exported struct types become types
// hardaks:<package>:<Type>; a type X that has an XArgs beside it is a component, whose arguments are XArgs' fields.
func Extract(namespace, componentsDir string) (Descriptions, error) {
	entries, err := os.ReadDir(componentsDir)
	if err != nil {
		return nil, err
	}
	out := Descriptions{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if err := out.Package(namespace, e.Name(), filepath.Join(componentsDir, e.Name())); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Package adds the doc comments of the package in dir, whose types are in the schema module module
// (hardaks:<module>:<Type>).
func (out Descriptions) Package(namespace, module, dir string) error {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments)
	if err != nil {
		return err
	}
	for _, pkg := range pkgs {
		d := doc.New(pkg, dir, doc.AllDecls)
		structs := map[string]*doc.Type{}
		for _, t := range d.Types {
			if ast.IsExported(t.Name) {
				structs[t.Name] = t
			}
		}
		for typeName, t := range structs {
			fields := structFields(t)
			if fields == nil {
				continue
			}
			tok := namespace + ":" + module + ":" + typeName
			if args, ok := structs[typeName+"Args"]; ok {
				out[tok] = clean(t.Doc)
				for prop, text := range fieldDocs(structFields(args)) {
					out[tok+":inputs."+prop] = text
				}
			} else if text := clean(t.Doc); text != "" {
				out[tok] = text
			}
			for prop, text := range fieldDocs(fields) {
				out[tok+"."+prop] = text
			}
		}
	}
	return nil
}

func structFields(t *doc.Type) *ast.FieldList {
	for _, spec := range t.Decl.Specs {
		if ts, ok := spec.(*ast.TypeSpec); ok {
			if st, ok := ts.Type.(*ast.StructType); ok {
				return st.Fields
			}
		}
	}
	return nil
}

// fieldDocs are the doc comments of the fields with a pulumi tag, by the tag's name. A comment that documents
// several fields on consecutive lines is repeated for each.
func fieldDocs(fields *ast.FieldList) map[string]string {
	out := map[string]string{}
	if fields == nil {
		return out
	}
	for _, f := range fields.List {
		if f.Tag == nil || f.Doc == nil {
			continue
		}
		tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("pulumi")
		name, _, _ := strings.Cut(tag, ",")
		if name != "" {
			out[name] = clean(f.Doc.Text())
		}
	}
	return out
}

// clean joins a comment's lines into paragraphs, as a schema description reads.
func clean(text string) string {
	paragraphs := strings.Split(strings.TrimSpace(text), "\n\n")
	for i, p := range paragraphs {
		paragraphs[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paragraphs, "\n\n")
}

// Apply writes the descriptions into a package schema (JSON) and returns it indented, with sorted keys.
func (d Descriptions) Apply(schema []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(schema, &doc); err != nil {
		return nil, err
	}
	describe := func(m map[string]any, key string) {
		if text, ok := d[key]; ok && text != "" {
			m["description"] = text
		}
	}
	properties := func(section map[string]any, field, prefix string) {
		props, _ := section[field].(map[string]any)
		for _, name := range slices.Sorted(maps.Keys(props)) {
			if p, ok := props[name].(map[string]any); ok {
				describe(p, prefix+name)
			}
		}
	}
	for _, kind := range []string{"resources", "types"} {
		section, _ := doc[kind].(map[string]any)
		for _, tok := range slices.Sorted(maps.Keys(section)) {
			spec, ok := section[tok].(map[string]any)
			if !ok {
				continue
			}
			describe(spec, tok)
			properties(spec, "properties", tok+".")
			properties(spec, "inputProperties", tok+":inputs.")
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("docs: %w", err)
	}
	return append(out, '\n'), nil
}
