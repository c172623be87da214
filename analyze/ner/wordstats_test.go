package ner

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// synthText makes unlabelled German-like text in which person surnames
// follow "Herr"/"sagte" contexts, places follow "in", and common nouns
// follow articles, so the statistics and clusters have something to find.
func synthText() []string {
	persons := []string{"Müller", "Schmidt", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Richter"}
	places := []string{"Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Kiel"}
	nouns := []string{"Haus", "Auto", "Buch", "Kind", "Land", "Jahr", "Tag", "Weg"}
	var texts []string
	for a := 0; a < 40; a++ {
		var b strings.Builder
		for i := 0; i < 40; i++ {
			p, l, n := persons[(a+i)%8], places[(a*3+i)%8], nouns[(a*5+i)%8]
			fmt.Fprintf(&b, "Gestern sagte Herr %s in %s, das %s sei groß. ", p, l, n)
			fmt.Fprintf(&b, "Auch %s fuhr nach %s und kaufte ein %s. ", p, l, n)
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestBuildWordStats(t *testing.T) {
	ws := BuildWordStats(synthText(), BuildOptions{Iter: 8})
	if ws.Len() == 0 {
		t.Fatal("empty word table")
	}
	e := func(w string) wordEntry {
		x, ok := ws.lookupHash(hashStr(w))
		if !ok {
			t.Fatalf("%q not in table", w)
		}
		return x
	}
	// Surnames follow "Herr" much more often than nouns do; nouns follow
	// articles; places follow prepositions.
	if m, h := e("müller"), e("haus"); m.trigB <= h.trigB || h.detB <= m.detB {
		t.Errorf("müller trig/det %d/%d vs haus %d/%d", m.trigB, m.detB, h.trigB, h.detB)
	}
	if e("berlin").prepB <= e("haus").prepB {
		t.Errorf("berlin prep %d ≤ haus %d", e("berlin").prepB, e("haus").prepB)
	}
	if e("gestern").capB >= e("müller").capB {
		t.Errorf("sentence-initial-only word gets capitalised bucket %d ≥ %d", e("gestern").capB, e("müller").capB)
	}
	// Deterministic, and the model file carries the table unchanged.
	ws2 := BuildWordStats(synthText(), BuildOptions{Iter: 8})
	if !reflect.DeepEqual(ws.words, ws2.words) || !reflect.DeepEqual(ws.packed, ws2.packed) {
		t.Error("BuildWordStats is not deterministic")
	}
	sents := []Sentence{
		{Tokens: strings.Fields("Herr Müller fuhr nach Berlin ."), Tags: []string{"O", "B-PER", "O", "O", "B-LOC", "O"}},
	}
	m := Train(sents, TrainOptions{Epochs: 3, Words: ws})
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m2.Words().packed, ws.packed) || !reflect.DeepEqual(m2.Words().words, ws.words) {
		t.Error("word table changed in the model round trip")
	}
	f1, _, _ := m2.Words().Cluster("Müller")
	if f1 == 0 {
		t.Error("Müller has no cluster")
	}
}

func TestStrSet(t *testing.T) {
	s := newStrSet(2)
	words := []string{"", "a", "Haus", "haus", "Straße", strings.Repeat("x", 300)}
	for _, w := range words {
		s.add(w)
	}
	for i := 0; i < 1000; i++ { // forces growth
		s.add(fmt.Sprint("w", i))
	}
	for _, w := range append(words, "w0", "w999") {
		if !s.has(w) {
			t.Errorf("%q missing", w)
		}
	}
	for _, w := range []string{"HAUS", "w1000", "b"} {
		if s.has(w) {
			t.Errorf("%q present", w)
		}
	}
	if s.len() != len(words)+1000 {
		t.Errorf("len %d", s.len())
	}
	var empty *strSet
	if empty.has("a") {
		t.Error("nil set has a member")
	}
}

func TestFolds(t *testing.T) {
	var docs, long []Sentence
	for i := 0; i < 100; i++ {
		docs = append(docs, Sentence{Doc: i / 2})
		long = append(long, Sentence{Doc: 7})
	}
	for name, tc := range map[string][]Sentence{"docs": docs, "one long document": long} {
		f := Folds(tc, 5)
		count := make([]int, 5)
		for i, k := range f {
			count[k]++
			if i > 0 && k < f[i-1] {
				t.Errorf("%s: folds not contiguous at %d", name, i)
			}
			if name == "docs" && i > 0 && tc[i].Doc == tc[i-1].Doc && k != f[i-1] {
				t.Errorf("%s: document %d split across folds", name, tc[i].Doc)
			}
		}
		for k, c := range count {
			if c < 10 || c > 30 {
				t.Errorf("%s: fold %d has %d sentences", name, k, c)
			}
		}
	}
}

func TestStackedRoundTrip(t *testing.T) {
	var sents []Sentence
	names := []string{"Müller", "Schmidt", "Weber", "Wagner"}
	for i := 0; i < 40; i++ {
		n := names[i%4]
		sents = append(sents,
			Sentence{Tokens: []string{"Herr", n, "kam", "."}, Tags: []string{"O", "B-PER", "O", "O"}, Doc: i},
			Sentence{Tokens: []string{n, "sagte", "nichts", "."}, Tags: []string{"B-PER", "O", "O", "O"}, Doc: i})
	}
	m := Train(sents, TrainOptions{Epochs: 3, Stack: true})
	if m.stage2 == nil {
		t.Fatal("no document stage trained")
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m2.stage2 == nil || m2.stage2.NumFeatures() != m.stage2.NumFeatures() {
		t.Fatal("document stage lost in the round trip")
	}
	got := New(m2).TagSentences([][]string{{"Herr", "Schmidt", "kam", "."}, {"Schmidt", "sagte", "nichts", "."}})
	want := [][]string{{"O", "B-PER", "O", "O"}, {"B-PER", "O", "O", "O"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stacked tags %q, want %q", got, want)
	}
}

func TestTuneBiasRoundTrip(t *testing.T) {
	var sents []Sentence
	names := []string{"Müller", "Schmidt", "Weber", "Wagner", "Becker"}
	for i := 0; i < 40; i++ {
		n := names[i%5]
		sents = append(sents, Sentence{Tokens: []string{"Gestern", "kam", n, "."}, Tags: []string{"O", "O", "B-PER", "O"}, Doc: i})
	}
	m := Train(sents, TrainOptions{Epochs: 3, TuneBias: true})
	m.oBias = 1.5 // the tuned value depends on the data; the file must keep any
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if m2.OPenalty() != 1.5 {
		t.Errorf("O penalty %v after round trip, want 1.5", m2.OPenalty())
	}
}
