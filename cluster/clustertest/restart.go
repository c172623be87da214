// Package clustertest holds test helpers for the weave stage shared by the
// cluster and store tests.
package clustertest

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
)

// RestartCheck runs arts through one weaver and through two weavers with a
// close/reopen in the middle (reopen maps the first state store to the
// second, e.g. closing and reopening a database) and compares decisions.
func RestartCheck(t *testing.T, arts []*newsweave.Article, fresh func() cluster.StateStore, reopen func(cluster.StateStore) cluster.StateStore) {
	t.Helper()
	RestartCheckWith(t, arts, cluster.Options{}, fresh, reopen)
}

// RestartCheckWith is RestartCheck with options (zero MaxActiveEvents:
// small bounds that exercise eviction). Besides the decisions returned at assignment it
// compares the final stored decisions (events after later merges and
// splits). It returns the splits before and after the restart.
func RestartCheckWith(t *testing.T, arts []*newsweave.Article, opt cluster.Options, fresh func() cluster.StateStore, reopen func(cluster.StateStore) cluster.StateStore) (before, after int) {
	t.Helper()
	ctx := context.Background()
	run := func(w *cluster.Weaver, as []*newsweave.Article) []cluster.Decision {
		var out []cluster.Decision
		for _, a := range as {
			c := *a
			d, err := w.Assign(ctx, &c)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, d)
		}
		return out
	}
	if opt.MaxActiveEvents == 0 {
		opt.MaxActiveEvents, opt.MaxStorylines, opt.MaxRecent, opt.DFEvery = 200, 150, 300, 97
	}
	st1 := fresh()
	w1, err := cluster.New(ctx, st1, opt)
	if err != nil {
		t.Fatal(err)
	}
	one := run(w1, arts)
	w1.Close()

	st := fresh()
	w2, err := cluster.New(ctx, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	half := len(arts) / 2
	two := run(w2, arts[:half])
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}
	st = reopen(st)
	w3, err := cluster.New(ctx, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	two = append(two, run(w3, arts[half:])...)
	w3.Close()
	diff := 0
	for i := range one {
		a, b := one[i].ArticleRecord, two[i].ArticleRecord
		a.Sig, b.Sig = nil, nil
		if fmt.Sprint(a) != fmt.Sprint(b) {
			if diff < 5 {
				t.Errorf("article %d differs after restart:\n one %+v\n two %+v", i, a, b)
			}
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d decisions differ after restart", diff, len(one))
	}
	for i, d := range two {
		for _, m := range d.Merges {
			if m.Kind == "split" {
				if i < half {
					before++
				} else {
					after++
				}
			}
		}
	}
	diff = 0
	for _, a := range arts {
		r1, err := st1.WeaveDecision(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := st.WeaveDecision(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r1 == nil || r2 == nil || r1.Event != r2.Event || r1.Storyline != r2.Storyline {
			if diff < 5 {
				t.Errorf("stored decision of %s differs after restart:\n one %+v\n two %+v", a.ID, r1, r2)
			}
			diff++
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d stored decisions differ after restart", diff, len(arts))
	}
	return before, after
}
