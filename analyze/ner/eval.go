package ner

import (
	"fmt"
	"io"
	"sort"
)

// Score holds exact-span counts for one entity type (or "ALL").
type Score struct {
	Type              string
	TP, FP, FN        int
	Precision, Recall float64
	F1                float64
}

// Evaluate compares predicted with gold BIO tags by exact span match and
// returns per-type scores followed by the overall (micro) score "ALL".
func Evaluate(gold, pred [][]string) []Score {
	counts := map[string]*Score{}
	get := func(t string) *Score {
		if counts[t] == nil {
			counts[t] = &Score{Type: t}
		}
		return counts[t]
	}
	for _, t := range []string{"PER", "LOC", "ORG", "OTH"} {
		get(t)
	}
	for i := range gold {
		g := map[Span]bool{}
		for _, s := range Spans(gold[i]) {
			g[s] = true
		}
		var p []Span
		if i < len(pred) {
			p = Spans(pred[i])
		}
		for _, s := range p {
			if g[s] {
				get(s.Type).TP++
				delete(g, s)
			} else {
				get(s.Type).FP++
			}
		}
		for s := range g {
			get(s.Type).FN++
		}
	}
	var out []Score
	all := Score{Type: "ALL"}
	for _, sc := range counts {
		all.TP += sc.TP
		all.FP += sc.FP
		all.FN += sc.FN
		out = append(out, *sc)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Type < out[b].Type })
	out = append(out, all)
	for i := range out {
		out[i] = finish(out[i])
	}
	return out
}

// WriteScores prints a score table, with a "PLO" row (PER, LOC and ORG
// only: OTH is defined differently in every corpus) before "ALL".
func WriteScores(w io.Writer, scores []Score) {
	fmt.Fprintf(w, "%-5s %6s %6s %6s %9s %7s %6s\n", "type", "gold", "pred", "tp", "precision", "recall", "f1")
	row := func(s Score) {
		fmt.Fprintf(w, "%-5s %6d %6d %6d %9.3f %7.3f %6.3f\n", s.Type, s.TP+s.FN, s.TP+s.FP, s.TP, s.Precision, s.Recall, s.F1)
	}
	plo := Score{Type: "PLO"}
	for _, s := range scores {
		if s.Type == "ALL" {
			row(finish(plo))
		}
		row(s)
		if s.Type == "PER" || s.Type == "LOC" || s.Type == "ORG" {
			plo.TP += s.TP
			plo.FP += s.FP
			plo.FN += s.FN
		}
	}
}

// finish fills precision, recall and F1 from the counts.
func finish(s Score) Score {
	s.Precision, s.Recall, s.F1 = 0, 0, 0
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// TagDocuments tags gold sentences grouped by their Doc number and returns
// the predicted tags in the same order.
func (r *Recognizer) TagDocuments(sents []Sentence) [][]string {
	out := make([][]string, 0, len(sents))
	eachDocument(sents, func(_, _ int, words [][]string) {
		out = append(out, r.TagSentences(words)...)
	})
	return out
}
