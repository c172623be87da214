package represent

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

// sv builds a Vector literal.
func sv(keys []uint64, w ...float32) Vector { return Vector{Keys: keys, Weights: w} }

func TestVectorOps(t *testing.T) {
	a := sv([]uint64{1, 3, 5}, 0.5, 0.2, 0.2)
	b := sv([]uint64{2, 3, 9}, 0.1, 0.4, 0.7)
	tests := []struct {
		name      string
		got, want Vector
	}{
		{"sum merges keys and adds shared ones", Sum(a, b), sv([]uint64{1, 2, 3, 5, 9}, 0.5, 0.1, 0.6, 0.2, 0.7)},
		{"sum with empty", Sum(Vector{}, a), a},
		{"prune keeps the largest, keys ascending", Prune(Sum(a, b), 3), sv([]uint64{1, 3, 9}, 0.5, 0.6, 0.7)},
		{"prune breaks ties by key", Prune(a, 2), sv([]uint64{1, 3}, 0.5, 0.2)},
		{"prune below max is the identity", Prune(a, 3), a},
		{"from weights drops zeros, unit length", FromWeights(map[uint64]float64{7: 3, 2: 4, 5: 0}), sv([]uint64{2, 7}, 0.8, 0.6)},
		{"from all-zero weights is empty", FromWeights(map[uint64]float64{4: 0}), sv([]uint64{})},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got.Keys, tt.want.Keys) || len(tt.got.Weights) != len(tt.want.Weights) {
			t.Errorf("%s: keys %v, want %v", tt.name, tt.got.Keys, tt.want.Keys)
			continue
		}
		for i := range tt.want.Weights {
			if math.Abs(float64(tt.got.Weights[i]-tt.want.Weights[i])) > 1e-6 {
				t.Errorf("%s: weights %v, want %v", tt.name, tt.got.Weights, tt.want.Weights)
				break
			}
		}
	}
	if got, want := Sum(a, b).Top(2), []uint64{9, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("Top(2) = %v, want %v", got, want)
	}
	if got, want := a.Top(0), []uint64{1, 3, 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("Top(0) = %v, want all keys %v", got, want)
	}
	if got := Cosine(a, a); math.Abs(got-1) > 1e-9 {
		t.Errorf("Cosine(a, a) = %v, want 1", got)
	}
}
