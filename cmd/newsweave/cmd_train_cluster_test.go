package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsweave/newsweave/cluster"
)

// writePairsCSV writes SemEval-style pairs from the synthetic stream:
// two reports of one event (Overall 1) and reports of neighbouring events
// (Overall 4), plus a German–English pair and a middling one to be skipped.
func writePairsCSV(t *testing.T, path string, seed uint64) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write([]string{"pair_id", "lang1", "lang2", "title1", "title2", "date1", "date2", "text1", "text2", "Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"})
	byEvent := map[int][]cluster.SynthArticle{}
	var order []int
	for _, s := range cluster.Synthetic(200, seed) {
		if _, ok := byEvent[s.Event]; !ok {
			order = append(order, s.Event)
		}
		byEvent[s.Event] = append(byEvent[s.Event], s)
	}
	row := func(id, l2 string, a, b cluster.SynthArticle, overall string) {
		w.Write([]string{id, "de", l2, a.Article.Title, b.Article.Title, a.Article.Published, b.Article.Published, a.Article.Text, b.Article.Text, "1", "1", "1", "1", overall, "1", "1"})
	}
	n := 0
	for i, e := range order {
		as, other := byEvent[e], byEvent[order[(i+1)%len(order)]]
		if len(as) < 2 {
			continue
		}
		n++
		row(fmt.Sprintf("%d%d_%d%d", seed, 2*n, seed, 2*n+1), "de", as[0], as[1], "1")
		row(fmt.Sprintf("%d%d_%d%d", seed, 2*n, seed, 10000+n), "de", as[0], other[0], "4")
	}
	row("1_2", "en", byEvent[order[0]][0], byEvent[order[0]][1], "1")
	row("5_6", "de", byEvent[order[0]][0], byEvent[order[0]][1], "n/a") // unlabelled: skipped, reported
	row("3_4", "de", byEvent[order[0]][0], byEvent[order[0]][1], "2.5")
	w.Flush()
}

func TestTrainClusterCommand(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"de-original.csv", "train-mt.csv"} {
		writePairsCSV(t, filepath.Join(dir, name), uint64(i+1))
	}
	model := filepath.Join(dir, "model.json")
	code, out, errOut := runWeaveCLI(t, "", "train", "cluster", "--data", dir, "--model", model, "--dry-run")
	if code != 0 || !strings.Contains(out, "de scorer, 5-fold held-out") || !strings.Contains(out, "default scorer") {
		t.Fatalf("--dry-run: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(model); err == nil {
		t.Fatal("--dry-run wrote a model")
	}
	if !strings.Contains(errOut, "same story") || strings.Contains(errOut, " 0 de pairs") || !strings.Contains(errOut, `pair "5_6" skipped`) {
		t.Errorf("progress line: %s", errOut)
	}
	if code, out, errOut = runWeaveCLI(t, "", "train", "cluster", "--data", dir, "--model", model); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	m, err := cluster.LoadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	de, ok := m.Lang["de"]
	if !ok || de.Threshold <= 0 || !strings.Contains(de.Note, "held-out") {
		t.Fatalf("written model: %+v", m.Lang)
	}
	if len(m.Weights) == 0 || m.Threshold != cluster.DefaultModel().Threshold {
		t.Errorf("the default scorer was not kept: threshold %.2f", m.Threshold)
	}
	for _, bad := range [][]string{
		{"train", "cluster", "--data", dir, "--same", "3", "--different", "2"},
		{"train", "cluster", "--data", dir, "--folds", "1"},
		{"train", "cluster", "--data", dir, "--lang", "fr", "--dry-run"},
		{"train", "cluster", "--data", filepath.Join(dir, "missing")},
	} {
		if code, _, errOut := runWeaveCLI(t, "", bad...); code == 0 || errOut == "" {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
}
