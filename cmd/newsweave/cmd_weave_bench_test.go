package main

import (
	"runtime"
	"strings"
	"testing"
)

// TestBenchWeaveCPU: the bench reports CPU time per article, split into
// the committer and the workers' stages, where the platform measures it.
func TestBenchWeaveCPU(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("per-thread CPU time is measured on Linux only")
	}
	code, out, errOut := runWeaveCLI(t, "", "bench", "weave", "--articles", "40", "--corpus", "synthetic")
	if code != 0 {
		t.Fatalf("bench: %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"CPU per article", "committer", "analyse", "weave prepare"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}
