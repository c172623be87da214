package cluster_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/cluster"
)

func TestDebugDumpAnalyzed(t *testing.T) {
	if os.Getenv("DEBUG_DUMP") == "" {
		t.Skip()
	}
	f, _ := os.ReadFile("/work/shared/data/clustering/ecbplus/docs.jsonl")
	an, _ := analyze.Default()
	out, _ := os.Create("/tmp/ecb_analyzed.jsonl")
	defer out.Close()
	enc := json.NewEncoder(out)
	for _, line := range splitLines(f) {
		var d cluster.Doc
		json.Unmarshal(line, &d)
		a := d.Article()
		a.Lang = "en"
		an.Analyze(a)
		enc.Encode(a)
	}
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	s := 0
	for i, c := range b {
		if c == '\n' {
			if i > s {
				out = append(out, b[s:i])
			}
			s = i + 1
		}
	}
	return out
}
