package tests

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/hardaks/hardaks/components/bastion"
	"github.com/hardaks/hardaks/components/buildagent"
	"github.com/hardaks/hardaks/components/cluster"
	"github.com/hardaks/hardaks/components/keyvault"
	"github.com/hardaks/hardaks/components/monitoring"
	"github.com/hardaks/hardaks/components/network"
	"github.com/hardaks/hardaks/components/privatedns"
	"github.com/hardaks/hardaks/components/registry"
	"github.com/hardaks/hardaks/components/workloadidentity"
)

// componentArgs are the arguments of every component, the API other languages will call.
var componentArgs = []any{
	bastion.BastionArgs{}, buildagent.BuildAgentArgs{}, cluster.ClusterArgs{}, keyvault.VaultArgs{},
	monitoring.MonitoringArgs{}, network.NetworkArgs{}, privatedns.ZonesArgs{}, registry.RegistryArgs{},
	workloadidentity.WorkloadIdentityArgs{},
}

// pulumi-go-provider cannot marshal an Input inside a nested struct (pulumi/pulumi-go-provider#270): an Input may
// only be a top-level field of an Args struct. Every component takes its region as an Input.
func TestArgsAreReadyForEveryPulumiLanguage(t *testing.T) {
	inputType := reflect.TypeFor[pulumi.Input]()
	var nested func(path string, typ reflect.Type)
	nested = func(path string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		for field := range typ.Fields() {
			assert.False(t, field.Type.Implements(inputType), "%s.%s is an Input inside a nested struct", path, field.Name)
			nested(path+"."+field.Name, field.Type)
		}
	}
	for _, args := range componentArgs {
		typ := reflect.TypeOf(args)
		for field := range typ.Fields() {
			assert.NotEmpty(t, field.Tag.Get("pulumi"), "%s.%s has no pulumi tag", typ.Name(), field.Name)
			if !field.Type.Implements(inputType) {
				nested(typ.Name()+"."+field.Name, field.Type)
			}
		}
		location, ok := typ.FieldByName("Location")
		if assert.True(t, ok, "%s has no Location", typ.Name()) {
			assert.Equal(t, reflect.TypeFor[pulumi.StringInput](), location.Type, "%s.Location", typ.Name())
		}
	}
}

// Type tokens are hardaks:<package>:<Type>, the Go package that holds the component.
func TestComponentTypeTokensNameTheirPackage(t *testing.T) {
	token := regexp.MustCompile(`^hardaks:([a-z]+):([A-Z][A-Za-z]+)$`)
	packages := map[string]bool{"index": true}
	for _, args := range componentArgs {
		packages[strings.TrimPrefix(reflect.TypeOf(args).PkgPath(), "github.com/hardaks/hardaks/components/")] = true
	}
	seen := 0
	for _, r := range dev(t).Resources {
		if r.Custom {
			continue
		}
		m := token.FindStringSubmatch(r.Type)
		if assert.NotNil(t, m, r.Type) {
			assert.True(t, packages[m[1]], "%s names no component package", r.Type)
			seen++
		}
	}
	assert.Equal(t, 10, seen, "the environment, eight components and one workload identity")
}
