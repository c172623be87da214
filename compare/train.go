package compare

import (
	"math"
	"math/rand/v2"
	"sort"
	"sync"
)

// Example is one labelled pair's features for training.
type Example struct {
	Group  string // GroupID of the pair
	X      Features
	Y      Scores
	Weight float64
}

// Train fits one ensemble per dimension (in parallel, deterministic), and
// a second set for cross-lingual pairs when p.Cross is set.
func Train(ex []Example, p TrainParams, info string) *Model {
	g := trainDims(ex, p)
	if p.Cross == nil {
		m := NewModel(g, nil, info)
		if p.Blend {
			b := fitBlends(ex, heldOutOverall(ex, 3, p))
			m.Blend = b[:]
		}
		return m
	}
	var xs []Example
	for _, e := range ex {
		if e.X[fCrossLingual] == 1 {
			xs = append(xs, e)
		} else if p.MonoWeight > 0 {
			e.Weight *= p.MonoWeight
			xs = append(xs, e)
		}
	}
	if len(xs) == 0 {
		return NewModel(g, nil, info)
	}
	c := trainDims(xs, *p.Cross)
	return NewModel(g, &c, info)
}

func trainDims(ex []Example, p TrainParams) [NumDims]*GBT {
	X := make([]Features, len(ex))
	w := make([]float64, len(ex))
	for i, e := range ex {
		X[i], w[i] = e.X, e.Weight
	}
	var g [NumDims]*GBT
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for d := 0; d < NumDims; d++ {
		wg.Add(1)
		go func(d int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			y := make([]float64, len(ex))
			for i, e := range ex {
				y[i] = e.Y[d]
			}
			q := p
			q.Seed = p.Seed + uint64(d)
			g[d] = TrainGBT(X, y, w, q)
		}(d)
	}
	wg.Wait()
	return g
}

// Folds assigns each distinct group to one of k folds with a fixed seed.
func Folds(groups []string, k int, seed uint64) map[string]int {
	uniq := map[string]bool{}
	for _, g := range groups {
		uniq[g] = true
	}
	keys := make([]string, 0, len(uniq))
	for g := range uniq {
		keys = append(keys, g)
	}
	sort.Strings(keys)
	rng := rand.New(rand.NewPCG(seed, 0xf01d))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	out := make(map[string]int, len(keys))
	for i, g := range keys {
		out[g] = i % k
	}
	return out
}

// CrossValidate returns held-out predictions for every example: for each of
// k folds (grouped by Example.Group) a model is trained on the other folds.
func CrossValidate(ex []Example, k int, p TrainParams) []Scores {
	groups := make([]string, len(ex))
	for i, e := range ex {
		groups[i] = e.Group
	}
	fold := Folds(groups, k, p.Seed)
	out := make([]Scores, len(ex))
	for f := 0; f < k; f++ {
		var train []Example
		for _, e := range ex {
			if fold[e.Group] != f {
				train = append(train, e)
			}
		}
		m := Train(train, p, "")
		for i := range ex {
			if fold[ex[i].Group] == f {
				out[i] = m.Predict(&ex[i].X)
			}
		}
	}
	return out
}

// Pearson returns the Pearson correlation of x and y (NaN when undefined).
func Pearson(x, y []float64) float64 {
	n := float64(len(x))
	if len(x) < 2 || len(x) != len(y) {
		return math.NaN()
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Spearman returns the rank correlation (average ranks for ties).
func Spearman(x, y []float64) float64 {
	return Pearson(ranks(x), ranks(y))
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}
