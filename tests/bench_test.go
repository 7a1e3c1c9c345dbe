package tests

import "testing"

// BenchmarkDevPlan measures one offline run of the whole dev stack: config load, validation and every component
// under the mocks.
func BenchmarkDevPlan(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := planStack("dev"); err != nil {
			b.Fatal(err)
		}
	}
}
