package represent

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Vector is a sparse vector: Keys ascending and distinct, Weights aligned.
// Vectors in a Doc built by a Builder have unit L2 length, so Dot is their
// cosine.
type Vector struct {
	Keys    []uint64
	Weights []float32
}

// Len returns the number of non-zero entries.
func (v Vector) Len() int { return len(v.Keys) }

// Dot returns the dot product of two vectors (a merge join).
func Dot(a, b Vector) float64 {
	var s float64
	i, j := 0, 0
	ak, bk := a.Keys, b.Keys
	for i < len(ak) && j < len(bk) {
		switch x, y := ak[i], bk[j]; {
		case x == y:
			s += float64(a.Weights[i]) * float64(b.Weights[j])
			i++
			j++
		case x < y:
			i++
		default:
			j++
		}
	}
	return s
}

// Norm returns the L2 length of v.
func (v Vector) Norm() float64 {
	var s float64
	for _, w := range v.Weights {
		s += float64(w) * float64(w)
	}
	return math.Sqrt(s)
}

// Cosine returns the cosine similarity of a and b (0 when either is empty).
func Cosine(a, b Vector) float64 {
	na, nb := a.Norm(), b.Norm()
	if na == 0 || nb == 0 {
		return 0
	}
	return Dot(a, b) / (na * nb)
}

// Overlap counts the elements two ascending sets share.
func Overlap[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// Jaccard returns |a∩b| / |a∪b| of two ascending sets (0 when both are empty).
func Jaccard[T cmp.Ordered](a, b []T) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	n := Overlap(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

// byWeight returns the positions of v's entries ordered by weight, largest
// first, ties by ascending key (so the order is deterministic).
func (v Vector) byWeight() []int {
	idx := make([]int, len(v.Keys))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(x, y int) bool {
		if v.Weights[idx[x]] != v.Weights[idx[y]] {
			return v.Weights[idx[x]] > v.Weights[idx[y]]
		}
		return v.Keys[idx[x]] < v.Keys[idx[y]]
	})
	return idx
}

// Top returns the keys of the k largest weights, largest first (ties by
// ascending key); k <= 0 or beyond Len returns all keys.
func (v Vector) Top(k int) []uint64 {
	idx := v.byWeight()
	if k > len(idx) || k <= 0 {
		k = len(idx)
	}
	out := make([]uint64, k)
	for i := range out {
		out[i] = v.Keys[idx[i]]
	}
	return out
}

// Prune returns the max largest entries of v (ties broken by key, so the
// result is deterministic), keys ascending. A v of at most max entries is
// returned as it is, sharing its slices. Bounded centroids use it.
func Prune(v Vector, max int) Vector {
	if len(v.Keys) <= max {
		return v
	}
	idx := v.byWeight()[:max]
	slices.Sort(idx)
	out := Vector{Keys: make([]uint64, max), Weights: make([]float32, max)}
	for i, p := range idx {
		out.Keys[i] = v.Keys[p]
		out.Weights[i] = v.Weights[p]
	}
	return out
}

// Sum returns a+b as a new Vector (a merge of the sorted keys).
func Sum(a, b Vector) Vector {
	n := len(a.Keys) + len(b.Keys)
	out := Vector{Keys: make([]uint64, 0, n), Weights: make([]float32, 0, n)}
	i, j := 0, 0
	for i < len(a.Keys) || j < len(b.Keys) {
		switch {
		case j >= len(b.Keys) || (i < len(a.Keys) && a.Keys[i] < b.Keys[j]):
			out.Keys = append(out.Keys, a.Keys[i])
			out.Weights = append(out.Weights, a.Weights[i])
			i++
		case i >= len(a.Keys) || b.Keys[j] < a.Keys[i]:
			out.Keys = append(out.Keys, b.Keys[j])
			out.Weights = append(out.Weights, b.Weights[j])
			j++
		default:
			out.Keys = append(out.Keys, a.Keys[i])
			out.Weights = append(out.Weights, a.Weights[i]+b.Weights[j])
			i++
			j++
		}
	}
	return out
}

// FromWeights builds a unit-length Vector from key weights; zero weights
// are left out (an all-zero map gives an empty Vector).
func FromWeights(m map[uint64]float64) Vector {
	keys := make([]uint64, 0, len(m))
	for k, w := range m {
		if w != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var n float64
	for _, k := range keys {
		n += m[k] * m[k]
	}
	n = math.Sqrt(n)
	v := Vector{Keys: keys, Weights: make([]float32, len(keys))}
	for i, k := range keys {
		v.Weights[i] = float32(m[k] / n)
	}
	return v
}

// Weight returns the weight of key in v, 0 when absent.
func (v Vector) Weight(key uint64) float32 {
	if i, ok := slices.BinarySearch(v.Keys, key); ok {
		return v.Weights[i]
	}
	return 0
}

// vectorOf turns a key→count map into a Vector weighted by (1+log tf)·idf
// and normalised to unit length; idf may be nil (plain log tf).
func vectorOf(tf map[uint64]float32, idf IDF) Vector {
	v := Vector{Keys: make([]uint64, 0, len(tf)), Weights: make([]float32, len(tf))}
	for k := range tf {
		v.Keys = append(v.Keys, k)
	}
	slices.Sort(v.Keys)
	var n float64
	for i, k := range v.Keys {
		w := 1 + math.Log(float64(tf[k]))
		if tf[k] < 1 { // fractional counts (compound parts)
			w = float64(tf[k])
		}
		if idf != nil {
			w *= idf.IDF(k)
		}
		v.Weights[i] = float32(w)
		n += w * w
	}
	if n > 0 {
		n = 1 / math.Sqrt(n)
		for i := range v.Weights {
			v.Weights[i] *= float32(n)
		}
	}
	return v
}

// rawOf keeps the counts as a Vector (for re-weighting with another IDF).
func rawOf(tf map[uint64]float32) Vector {
	v := Vector{Keys: make([]uint64, 0, len(tf)), Weights: make([]float32, len(tf))}
	for k := range tf {
		v.Keys = append(v.Keys, k)
	}
	slices.Sort(v.Keys)
	for i, k := range v.Keys {
		v.Weights[i] = tf[k]
	}
	return v
}

// reweight applies idf to a raw count vector.
func reweight(raw Vector, idf IDF) Vector {
	tf := make(map[uint64]float32, len(raw.Keys))
	for i, k := range raw.Keys {
		tf[k] = raw.Weights[i]
	}
	return vectorOf(tf, idf)
}

// SketchDim is the dimension of the character n-gram sketch.
const SketchDim = 256

// Sketch is a dense signed-hash projection of an article's character
// 4-gram counts over mojibake-folded text, unit length.
type Sketch [SketchDim]float32

// SketchCosine returns the cosine of two sketches (both unit length).
func SketchCosine(a, b *Sketch) float64 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return float64(s)
}
