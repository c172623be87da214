package ner

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestMinMargin checks the max-marginal margin against brute force over
// all BIO-valid tag sequences of short sentences.
func TestMinMargin(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var trans [nTags + 1][nTags]float32
	for p := range trans {
		for q := range trans[p] {
			trans[p][q] = float32(rng.NormFloat64())
		}
	}
	var mm maxMarginals
	for _, n := range []int{1, 2, 3} {
		for rep := 0; rep < 20; rep++ {
			sc := make([]float32, n*nTags)
			for i := range sc {
				sc[i] = float32(rng.NormFloat64() * 3)
			}
			got := mm.minMargin(&trans, sc, n)
			want := bruteMargin(&trans, sc, n)
			if math.Abs(float64(got-want)) > 1e-3 {
				t.Fatalf("n=%d: minMargin = %v, brute force %v", n, got, want)
			}
		}
	}
}

func bruteMargin(trans *[nTags + 1][nTags]float32, sc []float32, n int) float32 {
	// best[i][t]: best score of a valid sequence with tag t at i.
	best := make([][nTags]float32, n)
	for i := range best {
		for t := range best[i] {
			best[i][t] = float32(math.Inf(-1))
		}
	}
	seq := make([]int, n)
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			var s float32
			prev := nTags
			for k, t := range seq {
				if (prev == nTags && t != 0 && t%2 == 0) || (prev < nTags && !allowed(prev, t)) {
					return
				}
				s += trans[prev][t] + sc[k*nTags+t]
				prev = t
			}
			for k, t := range seq {
				best[k][t] = max(best[k][t], s)
			}
			return
		}
		for t := 0; t < nTags; t++ {
			seq[i] = t
			rec(i + 1)
		}
	}
	rec(0)
	out := float32(math.Inf(1))
	for i := range best {
		b1, b2 := float32(math.Inf(-1)), float32(math.Inf(-1))
		for _, v := range best[i] {
			if v > b1 {
				b1, b2 = v, b1
			} else if v > b2 {
				b2 = v
			}
		}
		out = min(out, b1-b2)
	}
	return out
}

func TestSelectSilver(t *testing.T) {
	tags := [][]int{{0, 1, 2}, {0, 0}, {3, 0}, {5}, nil, {7, 8}}
	conf := []float32{5, 9, 1, 3, 8, 4}
	tests := []struct {
		o    SelfTrainOptions
		want []bool
	}{
		// candidates with entities: 0 (5), 2 (1), 3 (3), 5 (4)
		{SelfTrainOptions{Keep: 0.5, Max: 100}, []bool{true, false, false, false, false, true}},
		{SelfTrainOptions{Keep: 1, Max: 3}, []bool{true, false, false, true, false, true}},
		{SelfTrainOptions{Keep: 2, Max: 100}, []bool{true, false, true, true, false, true}},
		// with sentences without entities: 1 (9) first
		{SelfTrainOptions{Keep: 0.4, Max: 100, All: true}, []bool{true, true, false, false, false, false}},
	}
	for _, tc := range tests {
		if got := selectSilver(tags, conf, tc.o); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: got %v, want %v", tc.o, got, tc.want)
		}
	}
}

func TestUnlabelledSentences(t *testing.T) {
	got := UnlabelledSentences([]string{"Kurz. Putin lädt Kim Jong-un nach Moskau ein. Ja.", "Der Kreml bestätigte den Besuch am Freitag."})
	if len(got) != 2 || got[0].Doc != 0 || got[1].Doc != 1 || got[0].Tags != nil {
		t.Fatalf("got %+v", got)
	}
	if got[0].Tokens[0] != "Putin" || len(got[1].Tokens) != 8 {
		t.Errorf("tokens %q / %q", got[0].Tokens, got[1].Tokens)
	}
}

// TestSelfTrain checks that self-training is deterministic and that the
// silver sentences reach the final model (their words get weights).
func TestSelfTrain(t *testing.T) {
	gold := []Sentence{
		{Tokens: []string{"Herr", "Albrecht", "sagte", "am", "Montag", "nichts", "."}, Tags: []string{"O", "B-PER", "O", "O", "O", "O", "O"}},
		{Tokens: []string{"Herr", "Bertram", "sagte", "am", "Montag", "nichts", "."}, Tags: []string{"O", "B-PER", "O", "O", "O", "O", "O"}, Doc: 1},
		{Tokens: []string{"Er", "fuhr", "nach", "Oberhausen", "."}, Tags: []string{"O", "O", "O", "B-LOC", "O"}, Doc: 2},
	}
	unl := UnlabelledSentences([]string{"Herr Zacharias sagte am Montag nichts.", "Er fuhr nach Unterhausen."})
	opt := TrainOptions{Epochs: 3, Unlabelled: unl, SelfTrain: SelfTrainOptions{Keep: 1}}
	m1, m2 := Train(gold, opt), Train(gold, opt)
	if m1.NumFeatures() != m2.NumFeatures() || !reflect.DeepEqual(m1.w, m2.w) {
		t.Fatal("self-training is not deterministic")
	}
	base := Train(gold, TrainOptions{Epochs: 3})
	if base.NumFeatures() >= m1.NumFeatures() {
		t.Errorf("silver sentences added no features: %d vs %d", m1.NumFeatures(), base.NumFeatures())
	}
}
