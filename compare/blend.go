package compare

import "math"

// Blend mixes a class of pairs' learned Overall with a linear map of the
// term cosine (for cross-lingual pairs the bilingual cosine, see
// Featurize): Overall = W·learned + (1−W)·(A + B·cos_terms). For
// German–English pairs the bilingual cosine alone correlates with the
// labels about as well as the trees, and the two err differently.
type Blend struct {
	W float64 `json:"w"`
	A float64 `json:"a"`
	B float64 `json:"b"`
}

// Blend classes are the lang_pair codes (see langPair): de–de, en–en,
// de–en, other same-language, other cross-language.
const numBlendClasses = 5

// blendCross marks the cross-lingual classes, the only ones blended: on
// same-language pairs the trees already use the cosines well.
var blendCross = [numBlendClasses]bool{2: true, 4: true}

func blendClass(f *Features) int {
	return min(numBlendClasses-1, max(0, int(f[fLangPair])))
}

// apply returns the blended score.
func (b *Blend) apply(v float64, f *Features) float64 {
	return b.W*v + (1-b.W)*(b.A+b.B*f[0])
}

// fitBlends fits one Blend per class from held-out ensemble predictions
// oof of the training examples (never from in-sample predictions, which
// would favour the trees): a weighted least-squares line of Overall on
// cos_terms, then the convex weight minimising the squared error.
func fitBlends(ex []Example, oof []float64) [numBlendClasses]Blend {
	var out [numBlendClasses]Blend
	for c := range out {
		out[c] = Blend{W: 1}
		if !blendCross[c] {
			continue
		}
		var sw, sx, sy, sxx, sxy float64
		for i := range ex {
			f := &ex[i].X
			if blendClass(f) != c {
				continue
			}
			w, x, y := ex[i].Weight, f[0], ex[i].Y[Overall]
			sw += w
			sx += w * x
			sy += w * y
			sxx += w * x * x
			sxy += w * x * y
		}
		if sw == 0 {
			continue
		}
		mx, my := sx/sw, sy/sw
		vx := sxx/sw - mx*mx
		if vx <= 1e-12 {
			continue
		}
		b := (sxy/sw - mx*my) / vx
		a := my - b*mx
		var num, den float64
		for i := range ex {
			f := &ex[i].X
			if blendClass(f) != c {
				continue
			}
			lin := a + b*f[0]
			d := oof[i] - lin
			num += ex[i].Weight * d * (ex[i].Y[Overall] - lin)
			den += ex[i].Weight * d * d
		}
		w := 1.0
		if den > 0 {
			w = math.Min(1, math.Max(0, num/den))
		}
		out[c] = Blend{W: w, A: a, B: b}
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
