package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsweave/newsweave/analyze/ner"
)

// writeGold writes a small synthetic gold corpus in GermEval or CoNLL
// columns: sentences "Herr <Name> sagte in <Place> ." with gold tags.
func writeGold(t *testing.T, path string, germeval bool, names, places []string) {
	t.Helper()
	var b strings.Builder
	for i := 0; i < 30; i++ {
		toks := [][2]string{{"Herr", "O"}, {names[i%len(names)], "B-PER"}, {"sagte", "O"}, {"in", "O"}, {places[i%len(places)], "B-LOC"}, {".", "O"}}
		if germeval {
			fmt.Fprintf(&b, "#\tsynthetic %d\n", i)
		} else if i%5 == 0 {
			b.WriteString("-DOCSTART- -X- -X- O\n\n")
		}
		for k, tk := range toks {
			if germeval {
				fmt.Fprintf(&b, "%d\t%s\t%s\tO\n", k+1, tk[0], tk[1])
			} else {
				tag := strings.Replace(tk[1], "B-", "I-", 1)
				fmt.Fprintf(&b, "%s x X %s\n", tk[0], tag)
			}
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEvalNERHeldOut(t *testing.T) {
	dir := t.TempDir()
	writeGold(t, filepath.Join(dir, "a.tsv"), true, []string{"Müller", "Schmidt", "Weber"}, []string{"Berlin", "Hamburg"})
	writeGold(t, filepath.Join(dir, "b.txt"), false, []string{"Meier", "Schulz", "Wagner"}, []string{"München", "Köln"})
	code, stdout, stderr := runCLI(t, "", "eval", "ner", "--cv", "3", "--cross", "--data", dir, "--no-words", "--self-train=false", "--epochs", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"3-fold cross-validation", "cross-corpus", "== a", "== b", "fold 3/3", "held out b"} {
		if !strings.Contains(stdout+stderr, want) {
			t.Errorf("output lacks %q:\n%s\n%s", want, stdout, stderr)
		}
	}
	if n := strings.Count(stdout, "\nALL "); n != 4 {
		t.Errorf("%d ALL rows, want 4 (2 corpora × 2 protocols):\n%s", n, stdout)
	}
	for _, args := range [][]string{
		{"eval", "ner", "--cv", "1", "--data", dir},
		{"eval", "ner", "--cv", "3", "--conll", filepath.Join(dir, "a.tsv")},
		{"eval", "ner"},
		{"eval", "ner", "--cv", "3", "--data", dir, "--doc-types", "bogus"},
		{"eval", "ner", "--cv", "3", "--data", dir, "--self-keep", "1.5"},
		{"train", "ner", "--data", dir, "--self-weight", "0"},
		{"eval", "ner", "--cv", "3", "--data", dir, "--augment", "-1"},
		{"train", "ner", "--data", dir, "--augment-prob", "0"},
		{"train", "ner", "--data", dir, "--augment-weight", "-1"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", args, code)
		}
	}
}

// TestAugmentOpt checks the --augment flag mapping: 0 must turn
// augmentation off (ner.Train reads 0 copies as the default).
func TestAugmentOpt(t *testing.T) {
	for _, tc := range []struct{ flag, want int }{{0, -1}, {1, 1}, {2, 2}} {
		if got := augmentOpt(ner.AugmentOptions{Copies: tc.flag}).Copies; got != tc.want {
			t.Errorf("--augment %d: Copies %d, want %d", tc.flag, got, tc.want)
		}
	}
}

func TestNERCommand(t *testing.T) {
	code, stdout, stderr := runCLI(t, "Angela\nMerkel\nbesucht\nParis\n.\n", "ner", "--conll", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "Angela\tB-PER\nMerkel\tI-PER\nbesucht\tO\nParis\tB-LOC\n.\tO\n\n"
	if stdout != want {
		t.Errorf("got %q, want %q", stdout, want)
	}
}
