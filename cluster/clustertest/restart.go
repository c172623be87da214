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
	opt := cluster.Options{MaxActiveEvents: 200, MaxStorylines: 150, MaxRecent: 300, DFEvery: 97}
	w1, err := cluster.New(ctx, fresh(), opt)
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
	w3, err := cluster.New(ctx, reopen(st), opt)
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
}
