package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/cluster/clustertest"
	"github.com/newsweave/newsweave/store"
)

// TestWeaveRestart: ingesting N articles in one go gives the same
// assignments as N/2, close the database, reopen, N/2.
func TestWeaveRestart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opt   cluster.Options
		split bool
	}{
		{"default", cluster.Options{}, false},
		// A loose split rule: events split on both sides of the restart,
		// so members, moves and dropped members must survive it.
		{"splits", cluster.Options{SplitBetween: 0.99, SplitMargin: -1, SplitMin: 1}, true},
	} {
		t.Run(tc.name, func(t *testing.T) { testWeaveRestart(t, tc.opt, tc.split) })
	}
}

func testWeaveRestart(t *testing.T, opt cluster.Options, split bool) {
	dir := t.TempDir()
	syn := cluster.Synthetic(300, 21)
	arts := make([]*newsweave.Article, len(syn))
	for i, s := range syn {
		arts[i] = s.Article
	}
	n := 0
	var dbs []*DB
	defer func() {
		for _, d := range dbs {
			d.Close()
		}
	}()
	open := func() *DB {
		n++
		d, err := Open(filepath.Join(dir, "w"+string(rune('a'+n))+".db"))
		if err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, d)
		return d
	}
	before, after := clustertest.RestartCheckWith(t, arts, opt, func() cluster.StateStore { return open() }, func(s cluster.StateStore) cluster.StateStore {
		d := s.(*DB)
		path := d.Path()
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		d2, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, d2)
		return d2
	})
	if split && (before == 0 || after == 0) {
		t.Errorf("splits %d before and %d after the restart: the test does not exercise them", before, after)
	}
}

func TestWeaveStoreRead(t *testing.T) {
	ctx := context.Background()
	d, err := Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	w, err := cluster.New(ctx, d, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	syn := cluster.Synthetic(400, 5)
	copies := 0
	for _, s := range syn {
		if _, err := d.PutArticle(ctx, s.Article); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Assign(ctx, s.Article); err != nil {
			t.Fatal(err)
		}
		if s.CopyOf != "" {
			copies++
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var ws store.WeaveStore = d
	sls, err := ws.Storylines(ctx)
	if err != nil || len(sls) == 0 {
		t.Fatalf("storylines: %v, %d", err, len(sls))
	}
	s, cs, err := ws.Storyline(ctx, sls[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != sls[0].ID || len(cs) != len(sls[0].Events) || len(cs) == 0 {
		t.Fatalf("storyline %s: %d events, list says %d", s.ID, len(cs), len(sls[0].Events))
	}
	total := 0
	for i, c := range cs {
		if i > 0 && c.Date < cs[i-1].Date {
			t.Errorf("timeline not chronological: %s after %s", c.Date, cs[i-1].Date)
		}
		if c.Title == "" || len(c.Articles) == 0 || len(c.Outlets) == 0 || len(c.Actors) == 0 {
			t.Errorf("event %s incomplete: %+v", c.ID, c)
		}
		total += len(c.Articles)
	}
	evs, err := ws.Events(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, e := range evs {
		sum += len(e.Articles)
	}
	if sum != len(syn) {
		t.Errorf("events hold %d articles, want %d", sum, len(syn))
	}
	e, err := ws.Event(ctx, evs[0].ID)
	if err != nil || e.ID != evs[0].ID || len(e.Articles) != len(evs[0].Articles) {
		t.Fatalf("event: %v %+v", err, e)
	}
	if _, err := ws.Event(ctx, "nope"); err != store.ErrNotFound {
		t.Errorf("missing event: %v", err)
	}
	if _, _, err := ws.Storyline(ctx, "nope"); err != store.ErrNotFound {
		t.Errorf("missing storyline: %v", err)
	}
	dups, err := ws.Duplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nc := 0
	for _, x := range dups {
		if x.Kind == "copy" {
			nc++
		}
	}
	if nc < copies*9/10 {
		t.Errorf("%d copies listed, %d generated", nc, copies)
	}
}

// TestWeaveSplitStored: after splits (a loose rule makes them frequent)
// every event's article count matches the articles filed under it, the
// split is recorded and explained, both ids resolve, and no member rows
// outlive their events or the last split test.
func TestWeaveSplitStored(t *testing.T) {
	ctx := context.Background()
	d, err := Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	w, err := cluster.New(ctx, d, cluster.Options{SplitBetween: 0.99, SplitMargin: -1, SplitMin: 1})
	if err != nil {
		t.Fatal(err)
	}
	var split *cluster.Merge
	for _, s := range cluster.Synthetic(300, 21) {
		dec, err := w.Assign(ctx, s.Article)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range dec.Merges {
			if m.Kind == "split" && split == nil {
				split = &m
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if split == nil {
		t.Fatal("no split happened")
	}
	var bad int
	if err := d.SQL().QueryRow(`SELECT count(*) FROM weave_events e
		WHERE e.articles != (SELECT count(*) FROM weave_articles a WHERE a.event = e.id)`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Errorf("%d events whose article count differs from their stored articles", bad)
	}
	if err := d.SQL().QueryRow(`SELECT (SELECT count(*) FROM weave_members m LEFT JOIN weave_events e ON e.id = m.event WHERE e.id IS NULL)
		+ (SELECT count(*) FROM (SELECT event FROM weave_members GROUP BY event HAVING count(*) >= 16))`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Errorf("%d member rows of missing events or events past their last split test", bad)
	}
	for _, id := range []string{split.From, split.Into} {
		if _, err := d.Event(ctx, id); err != nil {
			t.Errorf("event %s after the split: %v", id, err)
		}
		ms, err := d.WeaveMerges(ctx, id)
		if err != nil || !slices.ContainsFunc(ms, func(m cluster.Merge) bool { return m.Kind == "split" }) {
			t.Errorf("merges of %s: %v %v, want the split", id, ms, err)
		}
	}
}
