package compare

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestFitBlends(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var ex []Example
	var oof []float64
	for i := 0; i < 400; i++ {
		var x Features
		x[0] = rng.Float64()
		x[1], x[fBack] = rng.Float64(), rng.Float64()
		y := 4 - 2*x[1] - x[fBack]
		x[fLangPair] = float64(i % 5)
		if i%5 == 2 || i%5 == 4 {
			x[fCrossLingual] = 1
		}
		ex = append(ex, Example{Group: strconv.Itoa(i), X: x, Y: Scores{Overall: y}, Weight: 1})
		oof = append(oof, 1+3*rng.Float64()) // trees that know nothing
	}
	b := fitBlends(ex, oof)
	tests := []struct {
		class  int
		wantLo float64
		wantHi float64
	}{
		{0, 1, 1}, {1, 1, 1}, {3, 1, 1}, // same-language: never blended
		{2, 0, 0.05}, {4, 0, 0.05}, // cross-lingual: the cosine line wins
	}
	for _, tc := range tests {
		if w := b[tc.class].W; w < tc.wantLo || w > tc.wantHi {
			t.Errorf("class %d: W = %.3f, want %.2f–%.2f", tc.class, w, tc.wantLo, tc.wantHi)
		}
	}
	if c := b[2]; len(c.C) != 2 || math.Abs(c.A-4) > 0.05 || math.Abs(c.C[0]+2) > 0.05 || math.Abs(c.C[1]+1) > 0.05 {
		t.Errorf("cross-lingual line %.3f + %v·(cos_head, cos_back), want 4 − 2·cos_head − cos_back", c.A, c.C)
	}
	// A model written before C existed keeps its line on cos_terms.
	old := Blend{W: 0, A: 4, B: -3}
	if v := old.apply(1, &ex[2].X); math.Abs(v-(4-3*ex[2].X[0])) > 1e-9 {
		t.Errorf("old-format blend: %.3f, want %.3f", v, 4-3*ex[2].X[0])
	}
	// Trees that are right keep their weight.
	for i := range oof {
		oof[i] = ex[i].Y[Overall]
	}
	if w := fitBlends(ex, oof)[2].W; w < 0.95 {
		t.Errorf("perfect trees: W = %.3f, want ≈1", w)
	}
}

func TestBlendModel(t *testing.T) {
	var ex []Example
	for i := 0; i < 200; i++ {
		var x Features
		x[0] = float64(i%20) / 20
		x[1], x[fBack] = x[0], x[0]
		y := 4 - 3*x[0]
		if i%2 == 0 {
			x[fLangPair], x[fCrossLingual] = 2, 1
		}
		ex = append(ex, Example{Group: strconv.Itoa(i / 2), X: x, Y: Scores{y, y, y, y, y, y, y}, Weight: 1})
	}
	p := DefaultParams
	p.Blend = true
	m := Train(ex, p, "blend test")
	if len(m.Blend) != numBlendClasses {
		t.Fatalf("%d blend classes, want %d", len(m.Blend), numBlendClasses)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	file := buf.String()
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatalf("blend model round trip: %v", err)
	}
	for i := range ex {
		if a, b := m.Predict(&ex[i].X), m2.Predict(&ex[i].X); a != b {
			t.Fatalf("pair %d: %v before the round trip, %v after", i, a, b)
		}
	}
	lo, hi := ex[0].X, ex[0].X
	lo[0], hi[0] = 0.05, 0.95
	lo[1], hi[1], lo[fBack], hi[fBack] = 0.05, 0.95, 0.05, 0.95
	if s, u := m.Predict(&lo)[Overall], m.Predict(&hi)[Overall]; s-u < 2 {
		t.Errorf("cross-lingual Overall %.2f at cos 0.05, %.2f at 0.95: want a clear drop", s, u)
	}
	bad := strings.Replace(file, `"w": 1`, `"w": 2`, 1)
	if bad == file {
		t.Fatal("test cannot find the blend in the model file")
	}
	if _, err := ReadModel(strings.NewReader(bad)); err == nil {
		t.Error("model with a bad blend accepted")
	}
}
