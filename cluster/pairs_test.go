package cluster

import (
	"context"
	"math"
	"testing"

	"github.com/newsweave/newsweave"
)

func TestModelScorer(t *testing.T) {
	m := Model{Weights: []float64{1}, Threshold: 0.45,
		Lang: map[string]LangModel{"de": {Weights: []float64{2}, Threshold: 0.35}}}
	tests := []struct {
		art, ev string
		want    float64 // first weight
		th      float64
	}{
		{"de", "de", 2, 0.35},
		{"de", "en", 1, 0.45}, // cross-lingual: default
		{"en", "de", 1, 0.45},
		{"en", "en", 1, 0.45}, // no English scorer
		{"", "", 1, 0.45},
	}
	for _, tc := range tests {
		w, th := m.scorer(tc.art, tc.ev)
		if w[0] != tc.want || th != tc.th {
			t.Errorf("scorer(%q, %q) = %v, %.2f; want first weight %v, threshold %.2f", tc.art, tc.ev, w, th, tc.want, tc.th)
		}
	}
	if (&Model{Weights: make([]float64, numFeat), Lang: map[string]LangModel{"de": {Weights: []float64{1}}}}).valid() {
		t.Error("a language scorer of the wrong size passes as valid")
	}
}

func TestEventLanguage(t *testing.T) {
	ev := &eventState{langs: map[string]int{"de": 2, "en": 1}}
	if ev.lang() != "de" {
		t.Errorf("lang %q, want de", ev.lang())
	}
	ev.langs["en"] = 2
	if ev.lang() != "de" {
		t.Errorf("tie: lang %q, want de (alphabetical)", ev.lang())
	}
	if (&eventState{}).lang() != "" {
		t.Error("event without languages has one")
	}
	for in, want := range map[string]string{"de": "de", "de-AT": "de", " EN_us": "en", "": ""} {
		if got := langCode(in); got != want {
			t.Errorf("langCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStateOlderLayout: event and member blobs written before the article
// languages were kept still decode, with no language.
func TestStateOlderLayout(t *testing.T) {
	ctx := context.Background()
	w, _ := New(ctx, nil, Options{})
	var last Decision
	for _, s := range Synthetic(40, 9) {
		d, err := w.Assign(ctx, s.Article)
		if err != nil {
			t.Fatal(err)
		}
		last = d
	}
	ev := w.events[w.resolve(last.Event)]
	if ev.lang() != "de" {
		t.Fatalf("synthetic event language %q, want de", ev.lang())
	}
	langs := ev.langs
	ev.langs = nil
	b := ev.encode()
	old := b[:len(b)-1] // the empty count map the older layout lacks
	ev.langs = langs
	got, err := decodeEvent(ev.id, ev.storyline, old)
	if err != nil || got.lang() != "" || got.n != ev.n {
		t.Fatalf("older event blob: %v, lang %q, n %d (want %d)", err, got.lang(), got.n, ev.n)
	}
	// A tail this version cannot read (another writer's field) costs only
	// the languages.
	got, err = decodeEvent(ev.id, ev.storyline, append(old[:len(old):len(old)], 0xff, 0xff, 0xff))
	if err != nil || got.lang() != "" || got.n != ev.n {
		t.Fatalf("event blob with an unknown tail: %v, lang %q", err, got.lang())
	}
	for id, kms := range w.members {
		m, err := decodeMember(kms[0].id, kms[0].seq, kms[0].b)
		if err != nil || m.av.lang != "de" {
			t.Fatalf("member of %s: %v, lang %q", id, err, m.av.lang)
		}
		b := kms[0].b
		m, err = decodeMember(kms[0].id, kms[0].seq, b[:len(b)-3]) // without the trailing "de"
		if err != nil || m.av.lang != "" {
			t.Fatalf("older member blob: %v, lang %q", err, m.av.lang)
		}
		break
	}
}

func TestLearnPairs(t *testing.T) {
	ctx := context.Background()
	syn := Synthetic(300, 11)
	byEvent := map[int][]*newsweave.Article{}
	var order []int
	for _, s := range syn {
		if s.CopyOf != "" {
			continue
		}
		if _, ok := byEvent[s.Event]; !ok {
			order = append(order, s.Event)
		}
		byEvent[s.Event] = append(byEvent[s.Event], s.Article)
	}
	var pairs []LabelledPair
	for i, e := range order {
		as := byEvent[e]
		other := byEvent[order[(i+1)%len(order)]]
		if len(as) < 2 {
			continue
		}
		pairs = append(pairs,
			LabelledPair{A: as[0], B: as[1], Same: true, Fold: i % 5},
			LabelledPair{A: as[0], B: other[0], Same: false, Fold: i % 5})
	}
	fit, err := LearnPairs(ctx, pairs, 5, "de", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pairs: default %s; learned %s", fit.Pairs, fit.Base, fit.CV)
	if fit.Pairs != len(pairs) || len(fit.Model.Weights) != numFeat || math.IsNaN(fit.CV.AUC) {
		t.Fatalf("fit %+v", fit)
	}
	if fit.CV.AUC < 0.9 || fit.CV.F1 < 0.8 {
		t.Errorf("held-out on synthetic same/different-event pairs: %s", fit.CV)
	}
	if fit.Model.Threshold < pairThresholds[0] || fit.Model.Threshold > pairThresholds[len(pairThresholds)-1] {
		t.Errorf("threshold %.2f off the grid", fit.Model.Threshold)
	}
	if _, err := LearnPairs(ctx, pairs, 1, "de", Options{}); err == nil {
		t.Error("k = 1: no error")
	}
	if _, err := LearnPairs(ctx, pairs[:1], 5, "de", Options{}); err == nil {
		t.Error("one kind of pair only: no error")
	}
}

func TestPairAUC(t *testing.T) {
	tests := []struct {
		p    []float64
		same []bool
		want float64
	}{
		{[]float64{0.9, 0.8, 0.2, 0.1}, []bool{true, true, false, false}, 1},
		{[]float64{0.1, 0.2, 0.8, 0.9}, []bool{true, true, false, false}, 0},
		{[]float64{0.5, 0.5}, []bool{true, false}, 0.5},
		{[]float64{0.9, 0.3, 0.6}, []bool{true, true, false}, 0.5},
	}
	for _, tc := range tests {
		if got := pairAUC(tc.p, tc.same); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("pairAUC(%v, %v) = %v, want %v", tc.p, tc.same, got, tc.want)
		}
	}
	if !math.IsNaN(pairAUC([]float64{1}, []bool{true})) {
		t.Error("one class: want NaN")
	}
}
