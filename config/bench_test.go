package config_test

import (
	"testing"

	"github.com/hardaks/hardaks/config"
)

// BenchmarkLoad measures one Load of the dev stack: decoding, environment overrides, completion and validation.
func BenchmarkLoad(b *testing.B) {
	src := devSource(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := config.Load(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate measures validation alone, on the loaded dev stack.
func BenchmarkValidate(b *testing.B) {
	cfg := valid(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := cfg.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
