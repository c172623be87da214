package cluster_test

import (
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/cluster/clustertest"
)

// TestRestartSameClusters: N articles in one go give the same decisions as
// N/2, close, reopen from the saved state, N/2.
func TestRestartSameClusters(t *testing.T) {
	syn := cluster.Synthetic(600, 11)
	arts := make([]*newsweave.Article, len(syn))
	for i, s := range syn {
		arts[i] = s.Article
	}
	clustertest.RestartCheck(t, arts, func() cluster.StateStore { return cluster.NewMemState() }, func(s cluster.StateStore) cluster.StateStore { return s })
}

// TestRestartWithSplits: the same with a loose split rule, so that events
// split on both sides of the restart (members, moves and dropped members
// must all survive it), with few active events so that events holding
// members are evicted too.
func TestRestartWithSplits(t *testing.T) {
	syn := cluster.Synthetic(600, 11)
	arts := make([]*newsweave.Article, len(syn))
	for i, s := range syn {
		arts[i] = s.Article
	}
	before, after := clustertest.RestartCheckWith(t, arts, cluster.Options{SplitBetween: 0.99, SplitMargin: -1, SplitMin: 1,
		MaxActiveEvents: 40, MaxStorylines: 30, MaxRecent: 300, DFEvery: 97},
		func() cluster.StateStore { return cluster.NewMemState() }, func(s cluster.StateStore) cluster.StateStore { return s })
	t.Logf("splits: %d before the restart, %d after", before, after)
	if before == 0 || after == 0 {
		t.Errorf("splits %d before and %d after the restart: the test does not exercise them", before, after)
	}
}
