package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareBatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	outPath := filepath.Join(dir, "out.csv")
	data := "pair_id,lang1,lang2,text1,text2,note\n" +
		"a,de,de,\"Russlands Präsident Wladimir Putin hat Kim Jong Un nach Moskau eingeladen.\",\"Kim Jong Un wurde von Wladimir Putin nach Moskau eingeladen.\",x\n" +
		"b,de,de,,\"Text ohne Partner\",y\n" +
		"c,,,\"Das Wetter in Wien bleibt wechselhaft, am Wochenende regnet es.\",\"The stock market fell sharply in Tokyo on Monday.\",z\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "", "compare", "--pairs", in, "--out", outPath)
	if code != 1 {
		t.Errorf("exit code %d, want 1 (one row failed); stderr: %s", code, stderr)
	}
	if !strings.Contains(stderr, `in.csv:3: pair "b"`) || !strings.Contains(stderr, "text1") {
		t.Errorf("stderr lacks the per-row error with line and id: %s", stderr)
	}
	f, err := os.Open(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "pair_id,Geography,Entities,Time,Narrative,Overall,Style,Tone" {
		t.Errorf("header %q", got)
	}
	if len(rows) != 4 || rows[1][0] != "a" || rows[2][0] != "b" || rows[3][0] != "c" {
		t.Fatalf("rows %v", rows)
	}
	for _, v := range rows[2][1:] {
		if v != "2.5000" {
			t.Errorf("failed row not neutral: %v", rows[2])
			break
		}
	}
	if rows[1][5] >= rows[3][5] { // Overall as fixed-width strings in 1–4
		t.Errorf("same-story Overall %s not below unrelated %s", rows[1][5], rows[3][5])
	}
	code, out, _ := runCLI(t, "", "compare", "--pairs", in, "--with-errors")
	if code != 1 || !strings.Contains(strings.SplitN(out, "\n", 2)[0], ",error") {
		t.Errorf("--with-errors: code %d header %q", code, strings.SplitN(out, "\n", 2)[0])
	}
}

func TestCompareFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("Putin lädt Kim ein\n\nRusslands Präsident Wladimir Putin hat Kim Jong Un nach Moskau eingeladen. Die Einladung gilt für den Mai.\n"), 0o644)
	os.WriteFile(b, []byte("Kim nach Moskau eingeladen\n\nKim Jong Un wurde von Wladimir Putin nach Moskau eingeladen, berichtet eine Zeitung.\n"), 0o644)
	code, out, stderr := runCLI(t, "", "compare", a, b, "--db", filepath.Join(dir, "none.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Scores   map[string]float64 `json:"scores"`
		Evidence map[string]any     `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Scores) != 7 || res.Scores["Overall"] < 1 || res.Scores["Overall"] > 4 || res.Evidence["narrative"] == nil {
		t.Errorf("output %s", out)
	}
	if code, _, _ := runCLI(t, "", "compare", a); code != 2 {
		t.Errorf("one argument: exit %d, want 2", code)
	}
	if code, _, stderr := runCLI(t, "", "compare", a, "no-such-id", "--db", filepath.Join(dir, "none.db")); code != 1 || !strings.Contains(stderr, "no-such-id") {
		t.Errorf("unknown id: exit %d, %s", code, stderr)
	}
}
