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
