package cluster

import "testing"

// TestFitRank: the ranking objective must learn to put the gold candidate
// first and to open a new event when no candidate is like the article.
func TestFitRank(t *testing.T) {
	opt := func(body, names float64) [numFeat]float64 {
		var x [numFeat]float64
		x[fBias], x[fBody], x[fCap] = 1, body, names
		return x
	}
	var cs []choice
	for i := 0; i < 40; i++ {
		d := float64(i%5) / 50
		// The gold event shares body and names; a sister event shares the
		// body only.
		cs = append(cs, choice{x: [][numFeat]float64{opt(0.6+d, 0.1), opt(0.6, 0.7+d)}, gold: 1})
		// No gold event among the candidates: open a new one.
		cs = append(cs, choice{x: [][numFeat]float64{opt(0.1+d, 0.05)}, gold: -1})
	}
	w := fitRank(cs, 400, 1e-4)
	score := func(x [numFeat]float64) float64 {
		s := 0.0
		for i := range w {
			s += w[i] * x[i]
		}
		return s
	}
	tests := []struct {
		name string
		c    choice
	}{
		{"sister ranks below gold", cs[0]},
		{"weak candidate loses to a new event", cs[1]},
	}
	for _, tc := range tests {
		best, bestS := -1, 0.0 // the new-event option scores 0
		for j, x := range tc.c.x {
			if s := score(x); s > bestS {
				best, bestS = j, s
			}
		}
		if best != tc.c.gold {
			t.Errorf("%s: picked option %d, want %d (weights %v)", tc.name, best, tc.c.gold, w)
		}
	}
	if w[fCap] <= 0 {
		t.Errorf("names weight %.2f, want > 0", w[fCap])
	}
}
