package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalTimexCommand scores a tiny TIMEX2 file and checks --without.
func TestEvalTimexCommand(t *testing.T) {
	dir := t.TempDir()
	doc := `<DOC><DOCID>x</DOCID><DATETIME>2011-02-16</DATETIME><TEXT>Am <TIMEX2 val="1919-12-13">13. Dezember 1919</TIMEX2> fiel Kiew, und bis <TIMEX2 val="1920-01" mod="START">Anfang Januar</TIMEX2> verlor er das Don-Gebiet.</TEXT></DOC>`
	if err := os.WriteFile(filepath.Join(dir, "a.key.xml"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "eval", "timex", "--data", dir)
	if code != 0 || !strings.Contains(out, "value-exact P 1.000 R 1.000 F1 1.000") {
		t.Fatalf("code %d, out %q, err %q", code, out, errs)
	}
	code, out, _ = runCLI(t, "", "eval", "timex", "--data", dir, "--without", "rollover")
	if code != 0 || !strings.Contains(out, "value-exact P 0.500 R 0.500 F1 0.500") {
		t.Errorf("--without rollover: code %d, out %q", code, out)
	}
	if code, _, errs = runCLI(t, "", "eval", "timex", "--data", dir, "--without", "bogus"); code == 0 || !strings.Contains(errs, "bogus") {
		t.Errorf("--without bogus: code %d, err %q", code, errs)
	}
	if code, out, _ = runCLI(t, "", "eval", "timex", "--data", dir, "--without", "list"); code != 0 || !strings.Contains(out, "rollover") {
		t.Errorf("--without list: code %d, out %q", code, out)
	}
}

// TestEvalTimexSplits: the round-4 held-out split (every fourth file from the
// second) is scored in aggregate only and refuses --errors.
func TestEvalTimexSplits(t *testing.T) {
	dir := t.TempDir()
	for k := range 6 {
		doc := `<DOC><DOCID>x</DOCID><DATETIME>2011-02-16</DATETIME><TEXT>Am <TIMEX2 val="1919-12-13">13. Dezember 1919</TIMEX2> fiel Kiew.</TEXT></DOC>`
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+k))+".key.xml"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		split string
		files []string // per-file rows expected
		gold  string   // TOTAL gold count
	}{
		{"tune", []string{"a.key.xml", "c.key.xml", "d.key.xml", "e.key.xml"}, "4"},
		{"test", nil, "2"},
		{"tune1", []string{"a.key.xml", "c.key.xml", "e.key.xml"}, "3"},
		{"test1", nil, "3"},
		{"all", []string{"a.key.xml", "b.key.xml", "f.key.xml"}, "6"},
	} {
		code, out, errs := runCLI(t, "", "eval", "timex", "--data", dir, "--split", c.split)
		if code != 0 {
			t.Fatalf("%s: code %d, err %q", c.split, code, errs)
		}
		rows := 0
		for _, line := range strings.Split(out, "\n") {
			if strings.HasSuffix(strings.Fields(line + " x")[0], ".key.xml") {
				rows++
			}
		}
		if c.files == nil && rows != 0 {
			t.Errorf("%s: per-file rows printed for a held-out split:\n%s", c.split, out)
		}
		for _, f := range c.files {
			if !strings.Contains(out, f) {
				t.Errorf("%s: no row for %s:\n%s", c.split, f, out)
			}
		}
		if f := strings.Fields(out[strings.Index(out, "TOTAL"):]); len(f) < 4 || f[2] != c.gold {
			t.Errorf("%s: TOTAL line %v, want gold %s", c.split, f, c.gold)
		}
	}
	if code, _, errs := runCLI(t, "", "eval", "timex", "--data", dir, "--split", "test", "--errors"); code != 2 || !strings.Contains(errs, "held-out") {
		t.Errorf("--split test --errors: code %d, err %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "eval", "timex", "--data", dir, "--split", "bogus"); code != 2 {
		t.Errorf("--split bogus: code %d", code)
	}
}
