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
