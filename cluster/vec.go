package cluster

import (
	"math"
	"slices"
	"sort"
)

// vec is a sparse vector with ascending distinct keys.
type vec struct {
	k []uint64
	w []float32
}

func (v vec) norm() float64 {
	var s float64
	for _, w := range v.w {
		s += float64(w) * float64(w)
	}
	return math.Sqrt(s)
}

// dot is a merge join of two sorted vectors.
func dot(a, b vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a.k) && j < len(b.k) {
		switch x, y := a.k[i], b.k[j]; {
		case x == y:
			s += float64(a.w[i]) * float64(b.w[j])
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

func cosine(a, b vec) float64 {
	na, nb := a.norm(), b.norm()
	if na == 0 || nb == 0 {
		return 0
	}
	return dot(a, b) / (na * nb)
}

// fromMap builds a unit vector from weights.
func fromMap(m map[uint64]float64) vec {
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
	v := vec{k: keys, w: make([]float32, len(keys))}
	for i, k := range keys {
		v.w[i] = float32(m[k] / n)
	}
	return v
}

// addPrune returns sum = c + a·scale, keeping the max largest entries
// (ties broken by key so the result is deterministic).
func addPrune(c, a vec, max int) vec {
	out := vec{k: make([]uint64, 0, len(c.k)+len(a.k)), w: make([]float32, 0, len(c.k)+len(a.k))}
	i, j := 0, 0
	for i < len(c.k) || j < len(a.k) {
		switch {
		case j >= len(a.k) || (i < len(c.k) && c.k[i] < a.k[j]):
			out.k = append(out.k, c.k[i])
			out.w = append(out.w, c.w[i])
			i++
		case i >= len(c.k) || a.k[j] < c.k[i]:
			out.k = append(out.k, a.k[j])
			out.w = append(out.w, a.w[j])
			j++
		default:
			out.k = append(out.k, c.k[i])
			out.w = append(out.w, c.w[i]+a.w[j])
			i++
			j++
		}
	}
	return prune(out, max)
}

// prune keeps the max largest weights of v.
func prune(v vec, max int) vec {
	if len(v.k) <= max {
		return v
	}
	idx := make([]int, len(v.k))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(x, y int) bool {
		a, b := idx[x], idx[y]
		if v.w[a] != v.w[b] {
			return v.w[a] > v.w[b]
		}
		return v.k[a] < v.k[b]
	})
	idx = idx[:max]
	slices.Sort(idx)
	out := vec{k: make([]uint64, max), w: make([]float32, max)}
	for i, p := range idx {
		out.k[i] = v.k[p]
		out.w[i] = v.w[p]
	}
	return out
}

// top returns the keys of the n largest weights, largest first.
func (v vec) top(n int) []uint64 {
	idx := make([]int, len(v.k))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(x, y int) bool {
		a, b := idx[x], idx[y]
		if v.w[a] != v.w[b] {
			return v.w[a] > v.w[b]
		}
		return v.k[a] < v.k[b]
	})
	if len(idx) > n {
		idx = idx[:n]
	}
	out := make([]uint64, len(idx))
	for i, p := range idx {
		out[i] = v.k[p]
	}
	return out
}
