package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/demo"
	"github.com/newsweave/newsweave/store"
)

// TestDemoMainJob runs the main job on the shipped corpus and scores what it
// built against the corpus manifest: titles, event clusters, storylines and
// agency copies. It is the end-to-end check of extract → analyse → weave.
func TestDemoMainJob(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end demo in -short mode")
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	if code := run(context.Background(), env, []string{"demo", "--db", db}); code != 0 {
		t.Fatalf("demo exit %d\nstderr:\n%s", code, errb.String())
	}
	for _, want := range []string{"== storylines", "== timeline", "== near-duplicates"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q", want)
		}
	}

	entries, err := demo.Expected()
	if err != nil {
		t.Fatal(err)
	}
	st, err := openStore(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	arts, err := st.Search(ctx, store.Query{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byInput := map[string]string{} // manifest key → article id
	titles := map[string]string{}
	for _, a := range arts {
		key := strings.Replace(filepath.ToSlash(filepath.Clean(a.Input)), ".jsonl:", ".jsonl#", 1)
		byInput[key] = a.ID
		titles[a.ID] = a.Title
	}
	var predEv, goldEv, predSl, goldSl []string
	titleOK := 0
	for _, e := range entries {
		id, ok := byInput[e.File]
		if !ok {
			t.Errorf("manifest article %s not stored", e.File)
			continue
		}
		if titles[id] == e.Title {
			titleOK++
		} else {
			t.Logf("title %s: got %q want %q", e.File, titles[id], e.Title)
		}
		rec, err := st.WeaveDecision(ctx, id)
		if err != nil {
			t.Errorf("no weave decision for %s: %v", e.File, err)
			continue
		}
		predEv = append(predEv, rec.Event)
		goldEv = append(goldEv, e.Event)
		predSl = append(predSl, rec.Storyline)
		goldSl = append(goldSl, e.Storyline)
	}
	_, _, evF := cluster.BCubed(predEv, goldEv)
	_, _, slF := cluster.BCubed(predSl, goldSl)
	titleAcc := float64(titleOK) / float64(len(entries))
	t.Logf("demo: title accuracy %.3f, event B3 F1 %.3f, storyline B3 F1 %.3f", titleAcc, evF, slF)
	if titleAcc < demoMinTitleAcc {
		t.Errorf("title accuracy %.3f < %.2f", titleAcc, demoMinTitleAcc)
	}
	if evF < demoMinEventF1 {
		t.Errorf("event B3 F1 %.3f < %.2f", evF, demoMinEventF1)
	}
	if slF < demoMinStorylineF1 {
		t.Errorf("storyline B3 F1 %.3f < %.2f", slF, demoMinStorylineF1)
	}
}

// Floors for the demo corpus; raise them when the pipeline improves.
const (
	demoMinTitleAcc    = 0.9
	demoMinEventF1     = 0.9
	demoMinStorylineF1 = 0.9
)
