package compare

import "math"

// Blend mixes a class of pairs' learned Overall with a line on the term
// cosines: Overall = W·learned + (1−W)·(A + Σ C[i]·x[BlendInputs[i]]).
// For German–English pairs the bilingual cosines alone correlate with the
// labels about as well as the trees, and the two err differently.
type Blend struct {
	W float64 `json:"w"`
	A float64 `json:"a"`
	// B is the slope on cos_terms of models written before C existed.
	B float64 `json:"b,omitempty"`
	// C are the slopes on BlendInputs (cos_head, cos_back): the bilingual
	// cosine of the heads and tails, and the term cosine translated the
	// other way.
	C []float64 `json:"c,omitempty"`
}

// BlendInputs are the features the blend's line reads.
var BlendInputs = []int{1, fBack}

// Blend classes are the lang_pair codes (see langPair): de–de, en–en,
// de–en, other same-language, other cross-language.
const numBlendClasses = 5

// blendCross marks the cross-lingual classes, the only ones blended: on
// same-language pairs the trees already use the cosines well.
var blendCross = [numBlendClasses]bool{2: true, 4: true}

// blendRidge is the L2 penalty of the line's slopes, per unit of weight.
const blendRidge = 0.001

func blendClass(f *Features) int {
	return min(numBlendClasses-1, max(0, int(f[fLangPair])))
}

// line returns the blend's linear part.
func (b *Blend) line(f *Features) float64 {
	if len(b.C) == 0 {
		return b.A + b.B*f[0]
	}
	s := b.A
	for i, c := range b.C {
		s += c * f[BlendInputs[i]]
	}
	return s
}

// apply returns the blended score.
func (b *Blend) apply(v float64, f *Features) float64 {
	return b.W*v + (1-b.W)*b.line(f)
}

// fitBlends fits one Blend per class from held-out ensemble predictions
// oof of the training examples (never from in-sample predictions, which
// would favour the trees): a weighted ridge line of Overall on
// BlendInputs, then the convex weight minimising the squared error.
func fitBlends(ex []Example, oof []float64) [numBlendClasses]Blend {
	var out [numBlendClasses]Blend
	for c := range out {
		out[c] = Blend{W: 1}
		if !blendCross[c] {
			continue
		}
		// Normal equations of [1, inputs…] with the slopes penalised.
		const n = 3
		m := make([][]float64, n)
		for r := range m {
			m[r] = make([]float64, n+1)
		}
		var sw float64
		for i := range ex {
			f := &ex[i].X
			if blendClass(f) != c {
				continue
			}
			x := [n]float64{1, f[BlendInputs[0]], f[BlendInputs[1]]}
			w, y := ex[i].Weight, ex[i].Y[Overall]
			sw += w
			for r := 0; r < n; r++ {
				for k := 0; k < n; k++ {
					m[r][k] += w * x[r] * x[k]
				}
				m[r][n] += w * x[r] * y
			}
		}
		if sw == 0 {
			continue
		}
		for r := 1; r < n; r++ {
			m[r][r] += blendRidge * sw
		}
		coef := solve(m)
		bl := Blend{W: 1, A: coef[0], C: coef[1:]}
		var num, den float64
		for i := range ex {
			f := &ex[i].X
			if blendClass(f) != c {
				continue
			}
			lin := bl.line(f)
			d := oof[i] - lin
			num += ex[i].Weight * d * (ex[i].Y[Overall] - lin)
			den += ex[i].Weight * d * d
		}
		if den > 0 {
			bl.W = math.Min(1, math.Max(0, num/den))
		}
		out[c] = bl
	}
	return out
}

// heldOutOverall returns, for every example, the Overall predicted by an
// ensemble trained on the other inner folds (grouped like CrossValidate).
func heldOutOverall(ex []Example, k int, p TrainParams) []float64 {
	groups := make([]string, len(ex))
	for i, e := range ex {
		groups[i] = e.Group
	}
	fold := Folds(groups, k, p.Seed+0xb1e)
	out := make([]float64, len(ex))
	for f := 0; f < k; f++ {
		var X []Features
		var y, w []float64
		for _, e := range ex {
			if fold[e.Group] != f {
				X = append(X, e.X)
				y = append(y, e.Y[Overall])
				w = append(w, e.Weight)
			}
		}
		q := p
		q.Seed = p.Seed + Overall
		g := TrainGBT(X, y, w, q)
		for i := range ex {
			if fold[ex[i].Group] == f {
				out[i] = math.Min(4, math.Max(1, g.Predict(&ex[i].X)))
			}
		}
	}
	return out
}
