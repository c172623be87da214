package ner

import (
	"reflect"
	"strings"
	"testing"
)

func augSents() []Sentence {
	mk := func(doc int, line string) Sentence {
		var s Sentence
		s.Doc = doc
		for _, f := range strings.Fields(line) {
			w, tag, _ := strings.Cut(f, "/")
			if tag == "" {
				tag = "O"
			}
			s.Tokens = append(s.Tokens, w)
			s.Tags = append(s.Tags, tag)
		}
		return s
	}
	return []Sentence{
		mk(0, "Angela/B-PER Merkel/I-PER besuchte/O Paris/B-LOC ./O"),
		mk(0, "In/O Paris/B-LOC traf/O Angela/B-PER Merkel/I-PER die/O UNO/B-ORG ./O"),
		mk(0, "Merkel/B-PER lachte/O ./O"),
		mk(1, "Putin/B-PER sprach/O in/O Moskau/B-LOC mit/O der/O Deutschen/B-ORG Bank/I-ORG ./O"),
		mk(1, "Die/O Bundesliga/B-OTH ruht/O ./O"),
		mk(2, "Kim/B-PER Jong/I-PER Un/I-PER reiste/O nach/O Wladiwostok/B-LOC ./O"),
		mk(2, "Die/O Nato/B-ORG schweigt/O ./O"),
	}
}

// TestAugmentSentences checks that augmented copies keep BIO tags aligned
// with their tokens, replace a mention consistently within a document
// copy, draw replacements only from the training sentences' own mentions
// of the same type, and are deterministic for a seed.
func TestAugmentSentences(t *testing.T) {
	sents := augSents()
	orig := make([]Sentence, len(sents))
	for i, s := range sents {
		orig[i] = Sentence{Tokens: append([]string(nil), s.Tokens...), Tags: append([]string(nil), s.Tags...), Doc: s.Doc}
	}
	inv := map[string]string{} // mention → type
	for _, s := range sents {
		for _, sp := range bioSpans(s.Tags) {
			inv[strings.Join(s.Tokens[sp.Start:sp.End], " ")] = sp.Type
		}
	}
	tests := []struct {
		name string
		opt  AugmentOptions
		want int // sentences
	}{
		{"off", AugmentOptions{}, 0},
		{"one copy", AugmentOptions{Copies: 1}, 7},
		{"two copies", AugmentOptions{Copies: 2}, 14},
		{"half the mentions", AugmentOptions{Copies: 2, Prob: 0.5}, 14},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			aug := augmentSentences(sents, tc.opt, 42)
			if len(aug) != tc.want {
				t.Fatalf("%d augmented sentences, want %d", len(aug), tc.want)
			}
			if !reflect.DeepEqual(sents, orig) {
				t.Fatal("augmentation changed the input sentences")
			}
			if again := augmentSentences(sents, tc.opt, 42); !reflect.DeepEqual(aug, again) {
				t.Fatal("not deterministic for one seed")
			}
			changed := 0
			// per document copy: original mention → replacement
			repl := map[int]map[string]string{}
			for i, s := range aug {
				src := sents[i%len(sents)]
				if len(s.Tokens) != len(s.Tags) {
					t.Fatalf("sentence %d: %d tokens, %d tags", i, len(s.Tokens), len(s.Tags))
				}
				if s.Doc <= 2 {
					t.Errorf("sentence %d: copy shares Doc %d with the originals", i, s.Doc)
				}
				if i > 0 && (s.Doc == aug[i-1].Doc) != (src.Doc == sents[(i-1)%len(sents)].Doc) {
					t.Errorf("sentence %d: document grouping not preserved", i)
				}
				got, want := bioSpans(s.Tags), bioSpans(src.Tags)
				if len(got) != len(want) {
					t.Fatalf("sentence %d: %d spans, want %d", i, len(got), len(want))
				}
				for k, sp := range got {
					if sp.Type != want[k].Type {
						t.Errorf("sentence %d span %d: type %s, want %s", i, k, sp.Type, want[k].Type)
					}
					m := strings.Join(s.Tokens[sp.Start:sp.End], " ")
					o := strings.Join(src.Tokens[want[k].Start:want[k].End], " ")
					if inv[m] != sp.Type {
						t.Errorf("sentence %d: replacement %q (%s) is no %s mention of the training data", i, m, inv[m], sp.Type)
					}
					if m != o {
						changed++
					}
					if repl[s.Doc] == nil {
						repl[s.Doc] = map[string]string{}
					}
					if prev, ok := repl[s.Doc][o]; ok && prev != m {
						t.Errorf("doc %d: %q replaced by %q and by %q", s.Doc, o, prev, m)
					}
					repl[s.Doc][o] = m
				}
				// Outside the mentions the sentence is unchanged.
				var ctx, wantCtx []string
				for k, tag := range s.Tags {
					if tag == "O" {
						ctx = append(ctx, s.Tokens[k])
					}
				}
				for k, tag := range src.Tags {
					if tag == "O" {
						wantCtx = append(wantCtx, src.Tokens[k])
					}
				}
				if !reflect.DeepEqual(ctx, wantCtx) {
					t.Errorf("sentence %d: context %v, want %v", i, ctx, wantCtx)
				}
			}
			if tc.opt.Copies > 0 && changed == 0 {
				t.Error("no mention was replaced")
			}
		})
	}
	if a, b := augmentSentences(sents, AugmentOptions{Copies: 1}, 1), augmentSentences(sents, AugmentOptions{Copies: 1}, 2); reflect.DeepEqual(a, b) {
		t.Error("seeds 1 and 2 gave the same copies")
	}
}

func TestBIOSpans(t *testing.T) {
	tests := []struct {
		tags []string
		want []Span
	}{
		{nil, nil},
		{[]string{"O", "O"}, nil},
		{[]string{"B-PER", "I-PER", "O", "B-LOC"}, []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		{[]string{"B-PER", "B-PER", "I-LOC"}, []Span{{0, 1, "PER"}, {1, 2, "PER"}, {2, 3, "LOC"}}},
		{[]string{"I-ORG", "I-ORG", "X"}, []Span{{0, 2, "ORG"}}},
	}
	for _, tc := range tests {
		if got := bioSpans(tc.tags); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("bioSpans(%v) = %v, want %v", tc.tags, got, tc.want)
		}
	}
}
