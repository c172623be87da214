package compare

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Tree is one complete binary regression tree of fixed depth, stored
// level by level: internal node i has children 2i+1 and 2i+2; F and T hold
// the split feature and threshold of the internal nodes (x[F] <= T goes
// left), V the values of the leaves.
type Tree struct {
	F []int16   `json:"f"`
	T []float32 `json:"t"`
	V []float32 `json:"v"`
}

// GBT is a gradient-boosted ensemble of regression trees (least squares).
type GBT struct {
	Base float64 `json:"base"`
	// Lin holds the coefficients of a ridge regression over LinearFeatures
	// that the trees boost from: the smooth trend of the cosines comes from
	// the linear part, the interactions and thresholds from the trees.
	Lin   []float64 `json:"lin,omitempty"`
	Depth int       `json:"depth"`
	Trees []Tree    `json:"trees"`

	// flat copies of the trees for fast prediction (see flatten)
	ff []int16
	ft []float32
	fv []float32
}

// flatten lays the trees out contiguously; Predict uses it when present.
func (g *GBT) flatten() {
	g.ff, g.ft, g.fv = nil, nil, nil
	for _, t := range g.Trees {
		g.ff = append(g.ff, t.F...)
		g.ft = append(g.ft, t.T...)
		g.fv = append(g.fv, t.V...)
	}
}

// LinearFeatures are the features of the linear part: those that are
// always present (no missing-value sentinel).
var LinearFeatures = []int{0, 1, 3, 4, 5, 6, 23, 24, 25, 26}

func (g *GBT) linear(x *Features) float64 {
	s := g.Base
	for i, c := range g.Lin {
		s += c * x[LinearFeatures[i]]
	}
	return s
}

// Predict returns the ensemble's value for x.
func (g *GBT) Predict(x *Features) float64 {
	s := g.linear(x)
	if g.ff != nil && len(g.Trees) > 0 {
		var xf [NumFeatures]float32
		for i, v := range x {
			xf[i] = float32(v)
		}
		internal := len(g.Trees[0].F)
		ff, ft, fv := g.ff, g.ft, g.fv
		var acc float32
		for ti := range g.Trees {
			base := ti * internal
			n := 0
			for d := 0; d < g.Depth; d++ {
				k := base + n
				if xf[ff[k]] <= ft[k] {
					n = 2*n + 1
				} else {
					n = 2*n + 2
				}
			}
			acc += fv[ti*(internal+1)+n-internal]
		}
		return s + float64(acc)
	}
	for ti := range g.Trees {
		s += g.treeValue(&g.Trees[ti], x)
	}
	return s
}

// Monotone constrains the model per feature: -1 when more of the feature
// can only mean more similar (a lower score), +1 the opposite, 0 free.
// Only features without a missing-value sentinel are constrained.
var Monotone = func() (m [NumFeatures]int8) {
	for _, f := range []int{0, 1, 3, 4, 5, 6, 25} { // cosines, shingle overlap
		m[f] = -1
	}
	m[26] = +1 // SimHash distance
	return
}()

// TrainParams are the boosting hyper-parameters.
type TrainParams struct {
	Trees     int     // number of trees
	Depth     int     // depth of each tree
	Rate      float64 // learning rate (shrinkage)
	Lambda    float64 // L2 penalty on leaf values
	MinWeight float64 // minimum sample weight per leaf
	Subsample float64 // fraction of rows per tree
	Bins      int     // candidate thresholds per feature
	Ridge     float64 // L2 penalty of the linear part (0: no linear part)
	Seed      uint64
	// Cross, when set, trains a second set of ensembles for cross-lingual
	// pairs with these parameters (see Model.Cross); nil: one set for all.
	Cross *TrainParams
	// MonoWeight scales the weight of same-language pairs when training
	// the cross-lingual ensembles (0: cross-lingual pairs only).
	MonoWeight float64
	// Blend mixes the learned Overall with a line on the bilingual cosines
	// per class of pairs (see Blend), fitted on inner held-out predictions.
	Blend bool
	// Bags > 1 averages that many ensembles grown with different seeds
	// (stored as one ensemble with scaled leaves): boosting on ~1500 pairs
	// is chaotic, a change in the last bit of one feature can move a
	// language pair's CV Pearson by 0.01; the average moves less.
	Bags int
}

// DefaultParams are the parameters `newsweave train compare` uses.
// No separate cross-lingual ensembles: trained on the ~490 cross-lingual
// pairs alone they scored German–English pairs worse (5-fold CV) than the
// shared ensembles, which see the cross-lingual pairs through the
// language-independent features (see Featurize). Cross-lingual Overall is
// blended with the bilingual cosines (see Blend); three bags (see Bags).
var DefaultParams = TrainParams{Trees: 60, Depth: 3, Rate: 0.08, Lambda: 1, MinWeight: 6, Subsample: 0.8, Bins: 32, Ridge: 1, Seed: 1, Blend: true, Bags: 3}

// DefaultCrossParams are the parameters of the cross-lingual ensembles when
// they are asked for (`newsweave train compare --cross`).
var DefaultCrossParams = TrainParams{Trees: 40, Depth: 2, Rate: 0.05, Lambda: 5, MinWeight: 10, Subsample: 0.8, Bins: 16, Ridge: 20, Seed: 101}

// binning maps each feature value to the index of its quantile bin.
type binning struct {
	cuts [][]float64 // per feature: ascending thresholds
	bins [][]uint8   // per sample, per feature
}

func newBinning(X []Features, nb int) *binning {
	b := &binning{cuts: make([][]float64, NumFeatures), bins: make([][]uint8, len(X))}
	vals := make([]float64, len(X))
	for f := 0; f < NumFeatures; f++ {
		for i := range X {
			vals[i] = X[i][f]
		}
		slices.Sort(vals)
		var cuts []float64
		for q := 1; q < nb; q++ {
			i := q * len(vals) / nb
			if i <= 0 || i >= len(vals) {
				continue
			}
			c := (vals[i-1] + vals[i]) / 2
			if vals[i-1] == vals[i] {
				c = vals[i]
			}
			c = float64(float32(c)) // trees store float32 thresholds
			if len(cuts) == 0 || c > cuts[len(cuts)-1] {
				cuts = append(cuts, c)
			}
		}
		// always offer the split "missing vs present"
		if len(vals) > 0 && vals[0] == missing && !slices.Contains(cuts, missing) {
			cuts = append(cuts, missing)
			slices.Sort(cuts)
		}
		b.cuts[f] = cuts
	}
	for i := range X {
		row := make([]uint8, NumFeatures)
		for f := 0; f < NumFeatures; f++ {
			// bin k means cuts[k-1] < x <= cuts[k]
			k, _ := slices.BinarySearch(b.cuts[f], float64(float32(X[i][f])))
			row[f] = uint8(k)
		}
		b.bins[i] = row
	}
	return b
}

// TrainGBT fits y from X with sample weights w.
func TrainGBT(X []Features, y, w []float64, p TrainParams) *GBT {
	if p.Bags <= 1 {
		return trainGBT(X, y, w, p)
	}
	var g *GBT
	for b := 0; b < p.Bags; b++ {
		q := p
		q.Seed = p.Seed + uint64(b)*0x9e37
		h := trainGBT(X, y, w, q)
		scale := float32(1) / float32(p.Bags)
		for i := range h.Trees {
			for j := range h.Trees[i].V {
				h.Trees[i].V[j] *= scale
			}
		}
		if g == nil {
			g = h // the linear part does not depend on the seed
			continue
		}
		g.Trees = append(g.Trees, h.Trees...)
	}
	return g
}

func trainGBT(X []Features, y, w []float64, p TrainParams) *GBT {
	n := len(X)
	g := &GBT{Depth: p.Depth}
	var sw, sy float64
	for i := range y {
		sw += w[i]
		sy += w[i] * y[i]
	}
	if n == 0 || sw == 0 {
		return g
	}
	g.Base = sy / sw
	if p.Ridge > 0 {
		g.Base, g.Lin = ridge(X, y, w, p.Ridge)
	}
	pred := make([]float64, n)
	for i := range pred {
		pred[i] = g.linear(&X[i])
	}
	bn := newBinning(X, p.Bins)
	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed))
	resid := make([]float64, n)
	nodeOf := make([]int, n)
	internal := 1<<p.Depth - 1
	for t := 0; t < p.Trees; t++ {
		for i := range resid {
			resid[i] = y[i] - pred[i]
		}
		// rows of this tree
		rows := make([]int, 0, n)
		for i := 0; i < n; i++ {
			if p.Subsample >= 1 || rng.Float64() < p.Subsample {
				rows = append(rows, i)
			}
		}
		tree := Tree{F: make([]int16, internal), T: make([]float32, internal), V: make([]float32, internal+1)}
		for _, i := range rows {
			nodeOf[i] = 0
		}
		// Value bounds per node keep monotone features monotone (the
		// XGBoost scheme: a split on a constrained feature caps its
		// children's values at the midpoint of their estimates).
		lo := make([]float64, 2*internal+1)
		hi := make([]float64, 2*internal+1)
		for i := range lo {
			lo[i], hi[i] = math.Inf(-1), math.Inf(1)
		}
		for d := 0; d < p.Depth; d++ {
			first, last := 1<<d-1, 1<<(d+1)-1
			for node := first; node < last; node++ {
				l, r := 2*node+1, 2*node+2
				lo[l], hi[l], lo[r], hi[r] = lo[node], hi[node], lo[node], hi[node]
				f, thr, vl, vr, ok := bestSplit(bn, rows, nodeOf, node, resid, w, p, lo[node], hi[node])
				if !ok {
					tree.F[node], tree.T[node] = 0, math.MaxFloat32
					continue
				}
				tree.F[node], tree.T[node] = int16(f), float32(thr)
				if m := Monotone[f]; m != 0 {
					mid := (vl + vr) / 2
					if m < 0 { // larger feature, smaller (more similar) score
						lo[l], hi[r] = mid, mid
					} else {
						hi[l], lo[r] = mid, mid
					}
				}
			}
			for _, i := range rows {
				nd := nodeOf[i]
				if float32(X[i][tree.F[nd]]) <= tree.T[nd] {
					nodeOf[i] = 2*nd + 1
				} else {
					nodeOf[i] = 2*nd + 2
				}
			}
		}
		var gs, ws [256]float64
		for _, i := range rows {
			leaf := nodeOf[i] - internal
			gs[leaf] += w[i] * resid[i]
			ws[leaf] += w[i]
		}
		for l := 0; l <= internal; l++ {
			v := min(max(gs[l]/(ws[l]+p.Lambda), lo[internal+l]), hi[internal+l])
			tree.V[l] = float32(math.Round(p.Rate*v*1e5) / 1e5)
		}
		g.Trees = append(g.Trees, tree)
		for i := range X {
			pred[i] += g.treeValue(&tree, &X[i])
		}
	}
	return g
}

func (g *GBT) treeValue(t *Tree, x *Features) float64 {
	n := 0
	for d := 0; d < g.Depth; d++ {
		if float32(x[t.F[n]]) <= t.T[n] {
			n = 2*n + 1
		} else {
			n = 2*n + 2
		}
	}
	return float64(t.V[n-len(t.F)])
}

// bestSplit finds the feature and threshold with the largest reduction of
// weighted squared error among the rows in node.
func bestSplit(bn *binning, rows []int, nodeOf []int, node int, r, w []float64, p TrainParams, lo, hi float64) (bf int, bt, bvl, bvr float64, ok bool) {
	var G, W float64
	for _, i := range rows {
		if nodeOf[i] == node {
			G += w[i] * r[i]
			W += w[i]
		}
	}
	if W < 2*p.MinWeight {
		return 0, 0, 0, 0, false
	}
	parent := G * G / (W + p.Lambda)
	bestGain, bestF, bestT := 1e-12, -1, 0.0
	var hg, hw [256]float64
	for f := 0; f < NumFeatures; f++ {
		cuts := bn.cuts[f]
		if len(cuts) == 0 {
			continue
		}
		clear(hg[:len(cuts)+1])
		clear(hw[:len(cuts)+1])
		for _, i := range rows {
			if nodeOf[i] == node {
				k := bn.bins[i][f]
				hg[k] += w[i] * r[i]
				hw[k] += w[i]
			}
		}
		var gl, wl float64
		for k := 0; k < len(cuts); k++ {
			gl += hg[k]
			wl += hw[k]
			wr := W - wl
			if wl < p.MinWeight || wr < p.MinWeight {
				continue
			}
			gr := G - gl
			vl := min(max(gl/(wl+p.Lambda), lo), hi)
			vr := min(max(gr/(wr+p.Lambda), lo), hi)
			if m := Monotone[f]; (m < 0 && vr > vl) || (m > 0 && vr < vl) {
				continue
			}
			gain := gl*gl/(wl+p.Lambda) + gr*gr/(wr+p.Lambda) - parent
			if gain > bestGain {
				bestGain, bestF, bestT, bvl, bvr = gain, f, cuts[k], vl, vr
			}
		}
	}
	return bestF, bestT, bvl, bvr, bestF >= 0
}

// ridge fits y ≈ b + Σ c·x[LinearFeatures] by weighted ridge regression
// (features centred, intercept not penalised).
func ridge(X []Features, y, w []float64, lambda float64) (float64, []float64) {
	k := len(LinearFeatures)
	var sw float64
	mean := make([]float64, k)
	var my float64
	for i := range X {
		sw += w[i]
		my += w[i] * y[i]
		for j, f := range LinearFeatures {
			mean[j] += w[i] * X[i][f]
		}
	}
	my /= sw
	for j := range mean {
		mean[j] /= sw
	}
	A := make([][]float64, k)
	for j := range A {
		A[j] = make([]float64, k+1)
		A[j][j] = lambda
	}
	for i := range X {
		for a, fa := range LinearFeatures {
			da := X[i][fa] - mean[a]
			for b, fb := range LinearFeatures {
				A[a][b] += w[i] * da * (X[i][fb] - mean[b])
			}
			A[a][k] += w[i] * da * (y[i] - my)
		}
	}
	c := solve(A)
	b := my
	for j := range c {
		c[j] = math.Round(c[j]*1e6) / 1e6
		b -= c[j] * mean[j]
	}
	return b, c
}

// solve solves the augmented system A (k×k+1) by Gaussian elimination with
// partial pivoting; singular directions get 0.
func solve(A [][]float64) []float64 {
	k := len(A)
	for col := 0; col < k; col++ {
		piv := col
		for r := col + 1; r < k; r++ {
			if math.Abs(A[r][col]) > math.Abs(A[piv][col]) {
				piv = r
			}
		}
		A[col], A[piv] = A[piv], A[col]
		if math.Abs(A[col][col]) < 1e-12 {
			continue
		}
		for r := 0; r < k; r++ {
			if r == col {
				continue
			}
			f := A[r][col] / A[col][col]
			for c := col; c <= k; c++ {
				A[r][c] -= f * A[col][c]
			}
		}
	}
	x := make([]float64, k)
	for i := range x {
		if math.Abs(A[i][i]) >= 1e-12 {
			x[i] = A[i][k] / A[i][i]
		}
	}
	return x
}
