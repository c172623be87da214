package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runExtractCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code = run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	os.WriteFile(good, []byte("Streik legt Bahnverkehr lahm\n\nEin Streik der Lokführer hat am Mittwoch den Bahnverkehr lahmgelegt.\n\nKommentare\n\nSchlimm!\n"), 0o644)
	bin := filepath.Join(dir, "b.bin")
	os.WriteFile(bin, []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2}, 0o644)

	// One input: one indented JSON object with published null.
	code, out, _ := runExtractCLI(t, "", "extract", good)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if obj["title"] != "Streik legt Bahnverkehr lahm" || obj["published"] != nil || obj["input"] != good {
		t.Errorf("unexpected output: %v", obj)
	}
	for _, k := range []string{"text", "published", "published_confidence", "source", "url", "authors", "agency", "lang", "removed"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("field %q missing", k)
		}
	}
	if strings.Contains(obj["text"].(string), "Schlimm") {
		t.Error("comment kept")
	}

	// Several inputs, one bad: JSON lines for the good ones, exit 1, error named.
	code, out, errOut := runExtractCLI(t, "Titel\n\nEin Satz aus der Standardeingabe.\n", "extract", good, bin, "-", filepath.Join(dir, "missing.txt"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var inputs []string
	for sc.Scan() {
		var o map[string]any
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("line not JSON: %q", sc.Text())
		}
		inputs = append(inputs, o["input"].(string))
	}
	if strings.Join(inputs, ",") != good+",-" {
		t.Errorf("inputs = %v", inputs)
	}
	if !strings.Contains(errOut, "b.bin: binary") || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("stderr = %q", errOut)
	}

	if code, _, _ := runExtractCLI(t, "", "extract"); code != 2 {
		t.Errorf("no args: exit %d, want 2", code)
	}
	if code, _, _ := runExtractCLI(t, "", "extract", "--kind", "pdf", good); code != 2 {
		t.Errorf("bad kind: exit %d, want 2", code)
	}
}

func TestEvalExtractCommand(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "html"), 0o755)
	page := `<html><head><title>Ein Titel | Site</title><meta property="article:published_time" content="2021-05-04"></head><body>
<article><h1>Ein Titel</h1><p>Das ist der erste Absatz des Artikels mit genug Text, damit er als Inhalt zählt und nicht als Rauschen.</p>
<p>Ein zweiter Absatz erklärt die Hintergründe ausführlich und nennt weitere Einzelheiten zu dem Vorgang.</p></article>
<footer><p>Impressum und Datenschutz</p></footer></body></html>`
	os.WriteFile(filepath.Join(dir, "html", "p.html"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(dir, "evaldata.json"), []byte(`{"https://site.example/2021/05/04/a": {"file": "p.html",
		"with": ["erste Absatz des Artikels", "zweiter Absatz erklärt"], "without": ["Impressum und Datenschutz"],
		"title": "Ein Titel", "date": "2021-05-04"}}`), 0o644)
	code, out, errOut := runExtractCLI(t, "", "eval", "extract", "--data", dir, "--baseline", "--workers", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if len(lines) < 4 || !strings.HasPrefix(lines[2], "newsweave") || !strings.HasPrefix(lines[3], "go-trafilatura") {
		t.Fatalf("output:\n%s", out)
	}
	f := strings.Fields(lines[2])
	if f[1] != "1.000" || f[2] != "1.000" || f[4] != "1.000" || f[5] != "1.000" {
		t.Errorf("newsweave row = %v, want perfect scores on the toy page", f)
	}
}

func TestBenchExtractCommand(t *testing.T) {
	code, out, errOut := runExtractCLI(t, "", "bench", "extract", "--synthetic", "--n", "40", "--workers", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "text dumps") || !strings.Contains(out, "HTML pages") || !strings.Contains(out, "articles/s") {
		t.Errorf("output:\n%s", out)
	}
}
