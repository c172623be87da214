package main

import (
	"slices"
	"testing"

	"github.com/newsweave/newsweave/compare"
)

func TestEvidenceLines(t *testing.T) {
	ev := &compare.Evidence{
		Geography: compare.GeographyEvidence{
			SharedPlaces: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"},
			OnlyB:        []string{"Moskau"},
		},
		Entities: compare.EntityEvidence{Shared: []string{"Putin", "Kim Jong Un"}, Overlap: 0.5},
	}
	tests := []struct {
		dim  string
		want []string
	}{
		{"Geography", []string{"shared places: a, b, c, d, e, f, g, h … (+2)", "only in B: Moskau"}},
		{"Entities", []string{"shared: Putin, Kim Jong Un", "salience-weighted overlap 0.50"}},
	}
	for _, tt := range tests {
		if got := evidenceLines(tt.dim, ev); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.dim, got, tt.want)
		}
	}
}
