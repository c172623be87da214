package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/internal/shared"
)

func runWeaveCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// synthJSONL writes a generated stream as the offline contract's JSONL
// (plus the true event as "gold").
func synthJSONL(t *testing.T, n int) (string, int) {
	var b strings.Builder
	copies := 0
	for i, s := range cluster.Synthetic(n, 4) {
		a := s.Article
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("d%d", i), "title": a.Title, "text": a.Text, "date": a.Published, "lang": "de", "gold": s.Event, "story": s.Storyline})
		b.Write(line)
		b.WriteByte('\n')
		if s.CopyOf != "" {
			copies++
		}
	}
	return b.String(), copies
}

func TestClusterCommand(t *testing.T) {
	in, copies := synthJSONL(t, 120)
	in += "not json\n"
	code, out, errOut := runWeaveCLI(t, in, "cluster", "--in", "-")
	if code != 1 || !strings.Contains(errOut, "bad JSON") {
		t.Fatalf("want exit 1 with the bad line reported, got %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 120 {
		t.Fatalf("%d output lines, want 120", len(lines))
	}
	dups := 0
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if m["id"] != fmt.Sprintf("d%d", i) || m["event"] == "" || m["storyline"] == "" {
			t.Fatalf("line %d: %s", i, l)
		}
		if _, ok := m["duplicate_of"]; !ok {
			t.Fatalf("line %d lacks duplicate_of", i)
		}
		if m["duplicate_of"] != nil {
			dups++
		}
	}
	if dups < copies*8/10 || dups > copies+2 {
		t.Errorf("%d duplicates marked, %d copies generated", dups, copies)
	}
	if code, _, _ := runWeaveCLI(t, "", "cluster"); code != 2 {
		t.Errorf("missing --in: exit %d, want 2", code)
	}
}

func TestEvalClusterCommand(t *testing.T) {
	in, _ := synthJSONL(t, 150)
	p := filepath.Join(t.TempDir(), "docs.jsonl")
	os.WriteFile(p, []byte(in), 0o644)
	code, out, errOut := runWeaveCLI(t, "", "eval", "cluster", "--in", p, "--gold-field", "gold", "--baseline", "--no-analyze")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var f float64
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "weave") {
			i := strings.Index(l, "F1 ")
			fmt.Sscanf(l[i+3:], "%f", &f)
		}
	}
	if f < 0.8 || !strings.Contains(out, "baseline") {
		t.Errorf("weave F1 %.3f on the synthetic stream, output:\n%s", f, out)
	}

	// Storylines: one line per threshold level, the chosen one marked.
	code, out, errOut = runWeaveCLI(t, "", "eval", "cluster", "--in", p, "--gold-field", "gold", "--story-field", "story", "--no-analyze")
	if code != 0 {
		t.Fatalf("--story-field: exit %d: %s", code, errOut)
	}
	if n, best := strings.Count(out, "storyline threshold "), strings.Count(out, "← best"); n < 5 || best != 1 || !strings.Contains(out, "storylines (threshold") {
		t.Errorf("--story-field: %d levels, %d marked best; output:\n%s", n, best, out)
	}
	if code, _, errOut = runWeaveCLI(t, "", "eval", "cluster", "--in", p, "--gold-field", "gold", "--story-field", "nope", "--no-analyze"); code == 0 || !strings.Contains(errOut, `no "nope" field`) {
		t.Errorf("missing story field: exit %d: %s", code, errOut)
	}
}

func TestWeaveReadCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	if code, _, errOut := runWeaveCLI(t, "", "storylines", "--db", db); code == 0 || !strings.Contains(errOut, "no store") {
		t.Errorf("storylines without a store: exit %d %s", code, errOut)
	}
	st, err := openStore(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w, err := cluster.New(ctx, st, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cluster.Synthetic(200, 8) {
		st.PutArticle(ctx, s.Article)
		if _, err := w.Assign(ctx, s.Article); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	st.Close()
	code, out, errOut := runWeaveCLI(t, "", "storylines", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("storylines: %d %s", code, errOut)
	}
	var sls []struct {
		ID     string   `json:"id"`
		Events []string `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &sls); err != nil || len(sls) == 0 {
		t.Fatalf("storylines JSON: %v\n%s", err, out)
	}
	code, out, _ = runWeaveCLI(t, "", "timeline", sls[0].ID, "--db", db)
	if code != 0 || !strings.Contains(out, "DATE") || strings.Count(out, "\n") < len(sls[0].Events)+2 {
		t.Errorf("timeline: %d\n%s", code, out)
	}
	if code, _, errOut := runWeaveCLI(t, "", "timeline", "sl9999999", "--db", db); code != 1 || !strings.Contains(errOut, "no storyline") {
		t.Errorf("unknown storyline: %d %s", code, errOut)
	}
	code, out, _ = runWeaveCLI(t, "", "events", "--db", db, "--limit", "5")
	if code != 0 || strings.Count(out, "\n") != 6 {
		t.Errorf("events: %d\n%s", code, out)
	}
	ev := sls[0].Events[0]
	code, out, _ = runWeaveCLI(t, "", "events", "--db", db, "--explain", ev)
	if code != 0 || !strings.Contains(out, "opened") {
		t.Errorf("explain: %d\n%s", code, out)
	}
	code, out, _ = runWeaveCLI(t, "", "duplicates", "--db", db)
	if code != 0 || !strings.Contains(out, "copy") {
		t.Errorf("duplicates: %d\n%s", code, out)
	}
}

func TestBenchWeaveCommand(t *testing.T) {
	code, out, errOut := runWeaveCLI(t, "", "bench", "weave", "--articles", "60", "--stored", "50", "--corpus", "synthetic")
	if code != 0 || !strings.Contains(out, "articles/s") || !strings.Contains(out, "p99") {
		t.Fatalf("bench: %d\n%s\n%s", code, out, errOut)
	}
}

// TestIngestNoRevise: ingest splits events by default (as `cluster` does)
// and never with --no-revise. ECB+ pairs sister events, so its stream
// makes the split rule fire.
func TestIngestNoRevise(t *testing.T) {
	docs := shared.Path(t, "data", "clustering", "ecbplus", "docs.jsonl")
	splits := func(extra ...string) int {
		db := filepath.Join(t.TempDir(), "w.db")
		args := append([]string{"ingest", docs, "--db", db, "--workers", "1", "--no-progress"}, extra...)
		if code, _, stderr := runCLI(t, "", args...); code != 0 {
			t.Fatalf("ingest %v: exit %d: %s", extra, code, stderr)
		}
		sdb, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		defer sdb.Close()
		var n int
		if err := sdb.QueryRow(`SELECT count(*) FROM weave_merges WHERE kind = 'split'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := splits(); n == 0 {
		t.Error("default ingest of ECB+ split no event")
	}
	if n := splits("--no-revise"); n != 0 {
		t.Errorf("ingest --no-revise split %d events", n)
	}
}
