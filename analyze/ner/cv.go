package ner

import "fmt"

// Corpus is a named gold corpus for cross-validation.
type Corpus struct {
	Name  string
	Sents []Sentence
}

// CVResult holds the scores of one corpus over all its held-out folds.
type CVResult struct {
	Name   string
	Scores []Score
}

// Folds assigns each sentence of a corpus to one of k folds by contiguous
// blocks that never split a document, so neighbouring sentences (one
// article, one debate) stay on the same side. A corpus with fewer
// documents than 5k (Europarl is one long document) is cut into sentence
// blocks instead.
func Folds(sents []Sentence, k int) []int {
	out := make([]int, len(sents))
	if len(sents) == 0 || k < 2 {
		return out
	}
	docs := 1
	for i := 1; i < len(sents); i++ {
		if sents[i].Doc != sents[i-1].Doc {
			docs++
		}
	}
	byDoc := docs >= 5*k
	f := 0
	for i := range sents {
		if !byDoc || i == 0 || sents[i].Doc != sents[i-1].Doc {
			f = i * k / len(sents)
		}
		out[i] = f
	}
	return out
}

// CrossValidate runs k-fold cross-validation over several corpora at once:
// in round f, fold f of every corpus is held out and the model is trained
// on the other folds of all corpora (so each test fold also has the other
// corpora in training, minus their fold f). Predictions of all rounds are
// scored per corpus. k rounds of training in total; deterministic.
func CrossValidate(corpora []Corpus, k int, opt TrainOptions, progress func(string)) ([]CVResult, error) {
	if k < 2 {
		return nil, fmt.Errorf("ner: cross-validation needs k ≥ 2, got %d", k)
	}
	folds := make([][]int, len(corpora))
	for c, cp := range corpora {
		folds[c] = Folds(cp.Sents, k)
	}
	preds := make([][][]string, len(corpora))
	for c, cp := range corpora {
		preds[c] = make([][]string, len(cp.Sents))
	}
	for f := 0; f < k; f++ {
		var train []Sentence
		for c, cp := range corpora {
			for i, s := range cp.Sents {
				if folds[c][i] != f {
					train = append(train, s)
				}
			}
		}
		r := NewWith(Train(train, opt), opt.Infer)
		for c, cp := range corpora {
			var test []Sentence
			var idx []int
			for i, s := range cp.Sents {
				if folds[c][i] == f {
					test = append(test, s)
					idx = append(idx, i)
				}
			}
			for j, tags := range r.TagDocuments(test) {
				preds[c][idx[j]] = tags
			}
		}
		if progress != nil {
			progress(fmt.Sprintf("fold %d/%d: trained on %d sentences", f+1, k, len(train)))
		}
	}
	out := make([]CVResult, 0, len(corpora))
	for c, cp := range corpora {
		gold := make([][]string, len(cp.Sents))
		for i, s := range cp.Sents {
			gold[i] = s.Tags
		}
		out = append(out, CVResult{Name: cp.Name, Scores: Evaluate(gold, preds[c])})
	}
	return out, nil
}

// CrossCorpus trains on all corpora but one and tests on that one, for
// each corpus in turn (len(corpora) rounds of training).
func CrossCorpus(corpora []Corpus, opt TrainOptions, progress func(string)) []CVResult {
	out := make([]CVResult, 0, len(corpora))
	for c, cp := range corpora {
		var train []Sentence
		for o, other := range corpora {
			if o != c {
				train = append(train, other.Sents...)
			}
		}
		r := NewWith(Train(train, opt), opt.Infer)
		pred := r.TagDocuments(cp.Sents)
		gold := make([][]string, len(cp.Sents))
		for i, s := range cp.Sents {
			gold[i] = s.Tags
		}
		out = append(out, CVResult{Name: cp.Name, Scores: Evaluate(gold, pred)})
		if progress != nil {
			progress(fmt.Sprintf("held out %s: trained on %d sentences", cp.Name, len(train)))
		}
	}
	return out
}
