package cluster

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/newsweave/newsweave"
)

func TestBCubed(t *testing.T) {
	for _, tc := range []struct {
		name       string
		pred, gold []string
		p, r       float64
	}{
		{"perfect", []string{"a", "a", "b"}, []string{"x", "x", "y"}, 1, 1},
		{"all-in-one", []string{"a", "a", "a", "a"}, []string{"x", "x", "y", "y"}, 0.5, 1},
		{"singletons", []string{"a", "b", "c", "d"}, []string{"x", "x", "y", "y"}, 1, 0.5},
	} {
		p, r, f := BCubed(tc.pred, tc.gold)
		if math.Abs(p-tc.p) > 1e-9 || math.Abs(r-tc.r) > 1e-9 || math.Abs(f-2*p*r/(p+r)) > 1e-9 {
			t.Errorf("%s: got P %.3f R %.3f F %.3f, want P %.3f R %.3f", tc.name, p, r, f, tc.p, tc.r)
		}
	}
}

func TestMinhashJaccard(t *testing.T) {
	base := strings.Repeat("Der Präsident traf am Montag in Berlin den Kanzler zu Gesprächen über Handel und Energie. ", 3) +
		"Die Gespräche dauerten vier Stunden und endeten ohne gemeinsame Erklärung der beiden Seiten."
	copyText := strings.Replace(base, "vier Stunden", "fünf Stunden", 1)
	other := "Ein Erdbeben der Stärke 6,1 erschütterte die Region im Norden des Landes; Dutzende Häuser stürzten ein."
	sig := func(s string) signature { return minhash(shingles(tokenize(s, nil))) }
	a, b, c := sig(base), sig(copyText), sig(other)
	if j := jaccard(&a, &b); j < 0.6 {
		t.Errorf("copy: estimated Jaccard %.2f, want ≥ 0.6", j)
	}
	if j := jaccard(&a, &c); j > 0.1 {
		t.Errorf("unrelated: estimated Jaccard %.2f, want ≤ 0.1", j)
	}
	if h := hamming(simhash(shingles(tokenize(base, nil))), simhash(shingles(tokenize(copyText, nil)))); h > 16 {
		t.Errorf("copy simhash distance %d", h)
	}
}

// TestSynthetic checks copies, events and storylines on a generated stream
// whose truth is known.
func TestSynthetic(t *testing.T) {
	ctx := context.Background()
	syn := Synthetic(1500, 7)
	arts := make([]*newsweave.Article, len(syn))
	gold := make([]string, len(syn))
	for i, s := range syn {
		arts[i], gold[i] = s.Article, fmt.Sprint(s.Event)
	}
	recs, _, err := Run(ctx, arts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, r, f := BCubed(Events(recs), gold)
	t.Logf("synthetic events: P %.3f R %.3f F1 %.3f (%d events, gold %d)", p, r, f, ClusterCount(Events(recs)), ClusterCount(gold))
	if f < 0.9 {
		t.Errorf("event B3 F1 %.3f < 0.9", f)
	}
	copies, found, wrong := 0, 0, 0
	for i, s := range syn {
		if s.CopyOf != "" {
			copies++
			if recs[i].DuplicateOf != "" {
				found++
			}
		} else if recs[i].DuplicateOf != "" {
			wrong++
		}
	}
	t.Logf("copies %d found %d, false duplicates %d", copies, found, wrong)
	if copies == 0 || float64(found) < 0.9*float64(copies) || wrong > copies/10 {
		t.Errorf("duplicates: %d of %d copies found, %d false", found, copies, wrong)
	}
	sgold := make([]string, len(syn))
	for i, s := range syn {
		sgold[i] = fmt.Sprint(s.Storyline)
	}
	p, r, f = BCubed(Storylines(recs), sgold)
	t.Logf("synthetic storylines: P %.3f R %.3f F1 %.3f", p, r, f)
	if f < 0.8 {
		t.Errorf("storyline B3 F1 %.3f < 0.8", f)
	}
}

func TestAssignIdempotentAndGarbage(t *testing.T) {
	ctx := context.Background()
	w, err := New(ctx, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*newsweave.Article{
		{ID: "empty"},
		{ID: "punct", Text: "!!! ??? ... ---"},
		{ID: "digits", Text: "1 2 3 4 5 6 7 8 9 0", Published: "not a date"},
		{ID: "badutf8", Text: "\xff\xfe\xfd abc \xc3", Title: "\xff"},
		{ID: "dates", Text: "Am 3. Mai", Published: "2015-13-45", Times: []newsweave.TimeExpr{{Type: "DATE", Value: "2015"}, {Type: "DATE", Value: "X"}}},
	} {
		d, err := w.Assign(ctx, a)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		again, err := w.Assign(ctx, a)
		if err != nil || again.Event != d.Event {
			t.Fatalf("%s: second assign gave %+v, %v; first %+v", a.ID, again, err, d)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	ctx := context.Background()
	syn := Synthetic(200, 3)
	st := NewMemState()
	w, _ := New(ctx, st, Options{})
	for _, s := range syn {
		if _, err := w.Assign(ctx, s.Article); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range st.EventRecords() {
		ev, err := decodeEvent(r.ID, r.Storyline, r.State)
		if err != nil {
			t.Fatal(err)
		}
		if string(ev.encode()) != string(r.State) {
			t.Fatalf("event %s does not round-trip", r.ID)
		}
	}
	for _, r := range st.StorylineRecords() {
		s, err := decodeStory(r.ID, r.State)
		if err != nil {
			t.Fatal(err)
		}
		if string(s.encode()) != string(r.State) {
			t.Fatalf("storyline %s does not round-trip", r.ID)
		}
	}
}

func FuzzDecodeState(f *testing.F) {
	syn := Synthetic(30, 5)
	st := NewMemState()
	w, _ := New(context.Background(), st, Options{})
	for _, s := range syn {
		w.Assign(context.Background(), s.Article)
	}
	for _, r := range st.EventRecords() {
		f.Add(r.State)
	}
	for _, ms := range w.members {
		f.Add(ms[0].b)
		break
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeEvent("e", "s", b)
		decodeMember("m", 1, b)
		decodeStory("s", b)
		var e dupEntry
		decodeSig(b, &e)
	})
}

func FuzzAssign(f *testing.F) {
	f.Add("Titel", "Putin lädt Kim nach Moskau ein. Am 9. Mai 2015.", "2014-12-19")
	f.Add("", "\x00\xff", "")
	f.Fuzz(func(t *testing.T, title, text, date string) {
		w, err := New(context.Background(), nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			a := &newsweave.Article{Title: title, Text: text + strings.Repeat(" x", i), Published: date}
			if _, err := w.Assign(context.Background(), a); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func BenchmarkAssign(b *testing.B) {
	ctx := context.Background()
	syn := Synthetic(20000, 9)
	w, _ := New(ctx, NewMemState(), Options{})
	// Warm up with half the stream so the index holds many events.
	for _, s := range syn[:10000] {
		w.Assign(ctx, s.Article)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := syn[10000+i%10000]
		a := *s.Article
		a.ID = fmt.Sprintf("%s-%d", a.ID, i)
		if _, err := w.Assign(ctx, &a); err != nil {
			b.Fatal(err)
		}
	}
}
