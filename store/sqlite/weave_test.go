package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/cluster/clustertest"
	"github.com/newsweave/newsweave/store"
)

// TestWeaveRestart: ingesting N articles in one go gives the same
// assignments as N/2, close the database, reopen, N/2.
func TestWeaveRestart(t *testing.T) {
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
	clustertest.RestartCheck(t, arts, func() cluster.StateStore { return open() }, func(s cluster.StateStore) cluster.StateStore {
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
