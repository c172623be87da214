package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsweave/newsweave/store/sqlite"
)

// runCLI runs newsweave in-process with the given stdin.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code = run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestIngestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	testdata := filepath.Join("..", "..", "ingest", "testdata")
	code, _, stderr := runCLI(t, "", "ingest", testdata, "--db", db, "--no-analyze", "--no-weave")
	if code != 1 {
		t.Errorf("exit code = %d, want 1 (some inputs are bad)", code)
	}
	for _, want := range []string{
		filepath.Join(testdata, "binary.bin") + ": binary data",
		filepath.Join(testdata, "empty.txt") + ": empty",
		filepath.Join(testdata, "invalid-utf8.txt") + ": invalid UTF-8",
		filepath.Join(testdata, "truncated.warc.gz") + ": record 6: truncated",
		"ingested 9, duplicates 8, failed 11, skipped 16 non-article records (16 inputs,",
		"some inputs failed: 11 failed",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "\r") {
		t.Error("progress bar drawn although stderr is not a terminal")
	}
	// Re-running adds nothing; -v lists every document on stdout.
	code, stdout, stderr := runCLI(t, "", "ingest", "--no-analyze", "--no-weave", "-v", "--db", db, filepath.Join(testdata, "article.txt"), filepath.Join(testdata, "crawl.warc.gz"))
	if code != 0 || !strings.Contains(stderr, "ingested 0, duplicates 3, failed 1") {
		// crawl.warc.gz#8 is a broken HTTP record: that one fails.
		if code != 1 {
			t.Errorf("re-run: code %d, stderr %s", code, stderr)
		}
	}
	if n := strings.Count(stdout, "duplicate\t"); n != 3 {
		t.Errorf("-v output has %d duplicate lines, want 3:\n%s", n, stdout)
	}
	// Stdin, format sniffed.
	code, _, stderr = runCLI(t, `{"title":"Von stdin","text":"Ein Artikel, der über die Standardeingabe kam."}`+"\n", "ingest", "-", "--db", db, "--no-analyze")
	if code != 0 || !strings.Contains(stderr, "ingested 1, duplicates 0, failed 0") {
		t.Errorf("stdin: code %d, stderr %s", code, stderr)
	}
	// Tiny size limit.
	code, _, stderr = runCLI(t, "", "ingest", filepath.Join(testdata, "article.html"), "--max-size", "100B", "--db", db, "--no-analyze")
	if code != 1 || !strings.Contains(stderr, "article.html: larger than the size limit of 100 B") {
		t.Errorf("max-size: code %d, stderr %s", code, stderr)
	}
}

func TestIngestUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	for _, args := range [][]string{
		{"ingest", "--db", db},
		{"ingest", "x.txt", "--max-size", "lots", "--db", db},
		{"ingest", "-", "-", "--db", db},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"50MB": 50 << 20, "512kb": 512 << 10, "1.5G": 3 << 29, "100": 100, "100B": 100, "2MiB": 2 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "MB", "-5MB", "x", "0"} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%q) accepted", bad)
		}
	}
}

// TestIngestCrashChild is the subprocess of TestIngestKill9.
func TestIngestCrashChild(t *testing.T) {
	if os.Getenv("NEWSWEAVE_CRASH_CHILD") != "1" {
		t.Skip("helper process for TestIngestKill9")
	}
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(context.Background(), env, strings.Split(os.Getenv("NEWSWEAVE_CRASH_ARGS"), "\n")))
}

// TestIngestKill9 kills an ingest with SIGKILL midway and checks that every
// article it had reported as stored is in the store, and that re-running
// the ingest completes the batch without storing anything twice. With
// weaving, every stored article must also be woven (articles and weave
// state commit together).
func TestIngestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, weave := range []bool{false, true} {
		t.Run(fmt.Sprintf("weave=%v", weave), func(t *testing.T) { testIngestKill9(t, weave) })
	}
}

func testIngestKill9(t *testing.T, weave bool) {
	dir := t.TempDir()
	in := filepath.Join(dir, "batch.jsonl")
	const total = 4000
	var b strings.Builder
	for i := 0; i < total; i++ {
		fmt.Fprintf(&b, `{"title":"Meldung %d","text":"Dies ist der Text der Meldung Nummer %d. Er ist kurz, aber vollständig.","lang":"de"}`+"\n", i, i)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "crash.db")
	args := []string{"ingest", in, "--db", db, "-v", "--no-analyze", "--workers", "2"}
	if !weave {
		args = append(args, "--no-weave")
	}
	// woven checks that the store holds a weave decision for every
	// article (the weave tables exist once a weaver has opened the store).
	woven := func(st *sqlite.DB) {
		t.Helper()
		if !weave {
			return
		}
		var unwoven int
		if err := st.SQL().QueryRow(`SELECT count(*) FROM articles a WHERE NOT EXISTS
			(SELECT 1 FROM weave_articles w WHERE w.article_id = a.id)`).Scan(&unwoven); err != nil {
			t.Fatal(err)
		}
		if unwoven > 0 {
			t.Errorf("%d stored articles are not woven", unwoven)
		}
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestCrashChild$")
	cmd.Env = append(os.Environ(), "NEWSWEAVE_CRASH_CHILD=1", "NEWSWEAVE_CRASH_ARGS="+strings.Join(args, "\n"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []string
	sc := bufio.NewScanner(stdout)
	killed := false
	deadline := time.Now().Add(2 * time.Minute)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) >= 2 && f[0] == "stored" {
			reported = append(reported, f[1])
		}
		if len(reported) == 300 || time.Now().After(deadline) {
			cmd.Process.Kill() // SIGKILL: no deferred cleanup, no Close
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed || len(reported) != 300 {
		t.Fatalf("child finished before it could be killed (reported %d)", len(reported))
	}

	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatalf("store unreadable after kill -9: %v", err)
	}
	for _, id := range reported {
		if _, err := st.Article(context.Background(), id); err != nil {
			t.Errorf("article %s was reported as stored but is lost: %v", id, err)
		}
	}
	before, _ := st.Count(context.Background())
	woven(st)
	st.Close()
	if before >= total {
		t.Fatalf("store has %d articles: the kill came too late to test anything", before)
	}

	code, _, stderr := runCLI(t, "", args...) // the same batch again
	if code != 0 {
		t.Fatalf("re-run: exit %d: %s", code, stderr)
	}
	want := fmt.Sprintf("ingested %d, duplicates %d, failed 0", total-before, before)
	if !strings.Contains(stderr, want) {
		t.Errorf("re-run summary %q, want %q", stderr, want)
	}
	st, err = sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.Count(context.Background()); n != total {
		t.Errorf("after re-run: %d articles, want %d", n, total)
	}
	woven(st)
}
