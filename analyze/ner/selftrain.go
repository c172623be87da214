package ner

import (
	"cmp"
	"math"
	"slices"
)

// SelfTrainOptions control self-training on unlabelled text (see
// TrainOptions.Unlabelled): a first model trained on the gold sentences
// tags the unlabelled ones, the most confident of these become silver
// training sentences, and the final model is trained on gold + silver.
type SelfTrainOptions struct {
	// Keep is the share of candidate sentences kept, most confident first
	// (default 0.3).
	Keep float64
	// Weight scales the perceptron updates on silver sentences (default
	// 0.5): they are noisier than gold.
	Weight float64
	// All also admits sentences without any entity as candidates (by
	// default only sentences with at least one predicted entity are).
	All bool
	// Max caps the number of silver sentences (default 20 000).
	Max int
	// Rounds is the number of tag-and-retrain rounds (default 1): in round
	// r > 1 the unlabelled text is tagged by the model of round r-1.
	Rounds int
}

func (o SelfTrainOptions) withDefaults() SelfTrainOptions {
	if o.Keep <= 0 {
		o.Keep = 0.3
	}
	if o.Weight <= 0 {
		o.Weight = 0.5
	}
	if o.Max <= 0 {
		o.Max = 20000
	}
	return o
}

// UnlabelledSentences tokenises texts into untagged sentences, one Doc
// number per text, for TrainOptions.Unlabelled. Very short or very long
// sentences (headlines, lists) are left out.
func UnlabelledSentences(texts []string) []Sentence {
	var out []Sentence
	for d, text := range texts {
		toks := Tokenize(text)
		for _, s := range Sentences(toks) {
			n := s[1] - s[0]
			if n < 4 || n > 80 {
				continue
			}
			w := make([]string, 0, n)
			for _, t := range toks[s[0]:s[1]] {
				w = append(w, t.Text)
			}
			out = append(out, Sentence{Tokens: w, Doc: d})
		}
	}
	return out
}

// silverTags tags unlabelled sentences document by document as Recognize
// does (first stage, known names forced) and returns the tags and a
// confidence per sentence: the smallest max-marginal margin over its
// tokens, i.e. how much the best tag sequence's score drops when any one
// token is made to take another tag.
func (r *Recognizer) silverTags(sents []Sentence) ([][]int, []float32) {
	tags := make([][]int, len(sents))
	conf := make([]float32, len(sents))
	ws := r.pool.Get().(*workspace)
	defer r.pool.Put(ws)
	var mm maxMarginals
	eachDocument(sents, func(i, j int, words [][]string) {
		doc := newDocContext(words)
		for k := i; k < j; k++ {
			u := sents[k].Tokens
			n := len(u)
			if n == 0 {
				continue
			}
			ws.grow(n)
			ws.fz.prepare(u, nil, doc)
			r.model.emissions(&ws.fz, n, ws.scores)
			conf[k] = mm.minMargin(&r.model.trans, ws.scores, n)
			tags[k] = slices.Clone(r.decode(ws, u, &r.model.trans))
		}
		// No document type rules here: silver tags with them were worse
		// (README, tried table).
	})
	return tags, conf
}

// maxMarginals holds the buffers of minMargin.
type maxMarginals struct{ fwd, bwd []float32 }

// minMargin returns min over tokens of (best sequence score − best score of
// a sequence with another tag at that token), with BIO constraints.
func (mm *maxMarginals) minMargin(trans *[nTags + 1][nTags]float32, scores []float32, n int) float32 {
	neg := float32(math.Inf(-1))
	if cap(mm.fwd) < n*nTags {
		mm.fwd = make([]float32, n*nTags)
		mm.bwd = make([]float32, n*nTags)
	}
	fwd, bwd := mm.fwd[:n*nTags], mm.bwd[:n*nTags]
	for t := 0; t < nTags; t++ {
		if t != 0 && t%2 == 0 {
			fwd[t] = neg
		} else {
			fwd[t] = trans[nTags][t] + scores[t]
		}
	}
	for i := 1; i < n; i++ {
		for t := 0; t < nTags; t++ {
			best := neg
			for p := 0; p < nTags; p++ {
				if allowed(p, t) {
					best = max(best, fwd[(i-1)*nTags+p]+trans[p][t])
				}
			}
			fwd[i*nTags+t] = best + scores[i*nTags+t]
		}
	}
	for t := 0; t < nTags; t++ {
		bwd[(n-1)*nTags+t] = 0
	}
	for i := n - 2; i >= 0; i-- {
		for t := 0; t < nTags; t++ {
			best := neg
			for q := 0; q < nTags; q++ {
				if allowed(t, q) {
					best = max(best, trans[t][q]+scores[(i+1)*nTags+q]+bwd[(i+1)*nTags+q])
				}
			}
			bwd[i*nTags+t] = best
		}
	}
	out := float32(math.Inf(1))
	for i := 0; i < n; i++ {
		b1, b2 := neg, neg
		for t := 0; t < nTags; t++ {
			v := fwd[i*nTags+t] + bwd[i*nTags+t]
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

// selectSilver picks the most confident tagged unlabelled sentences.
func selectSilver(tags [][]int, conf []float32, o SelfTrainOptions) []bool {
	var cand []int
	for i, t := range tags {
		if len(t) == 0 {
			continue
		}
		if !o.All && !slices.ContainsFunc(t, func(x int) bool { return x != 0 }) {
			continue
		}
		cand = append(cand, i)
	}
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(conf[b], conf[a]) })
	keep := min(int(float64(len(cand))*min(o.Keep, 1)), o.Max)
	out := make([]bool, len(tags))
	for _, i := range cand[:keep] {
		out[i] = true
	}
	return out
}

// silverData tags opt.Unlabelled with m and returns the featurised
// confident sentences, weighted.
func silverData(lx *lexicon, m *Model, opt TrainOptions) []trainSent {
	so := opt.SelfTrain.withDefaults()
	r := New(m)
	tags, conf := r.silverTags(opt.Unlabelled)
	keep := selectSilver(tags, conf, so)
	sents := make([]Sentence, len(opt.Unlabelled))
	for i, s := range opt.Unlabelled {
		sents[i] = Sentence{Tokens: s.Tokens, Doc: s.Doc}
		if keep[i] {
			st := make([]string, len(tags[i]))
			for k, t := range tags[i] {
				st[k] = Tags[t]
			}
			sents[i].Tags = st
		}
	}
	data := featurizeSelected(lx, opt.Words, sents, keep)
	for i := range data {
		data[i].wt = float32(so.Weight)
	}
	return data
}
