package ner

import (
	"math"
	"math/rand/v2"
	"slices"
)

// DefaultDropout is the feature dropout Train uses by default: in 5-fold
// and cross-corpus evaluation 0.1–0.25 all beat none.
const DefaultDropout = 0.2

// DefaultEnsemble is the number of perceptrons (different shuffling
// seeds) whose weights Train averages: 3 beat 1 in 5-fold and
// cross-corpus evaluation, 5 was no better than 3.
const DefaultEnsemble = 3

// TrainOptions control Train.
type TrainOptions struct {
	Epochs int     // passes over the data (default 10)
	Seed   uint64  // shuffling seed (fixed default: training is deterministic)
	Prune  float64 // drop features whose averaged weights are all below this (default 0.02)
	// Dropout is the share of a token's features hidden (deterministically
	// per sentence, epoch and position) in each training step, so the model
	// does not lean on a few lexical features that other corpora lack
	// (default DefaultDropout; negative: none).
	Dropout float64
	// Ensemble is the number of perceptrons, trained with different
	// shuffling seeds, whose weights are averaged into the model (default
	// DefaultEnsemble; 1 or negative: one).
	Ensemble int
	// TuneBias sets the model's O-tag penalty by jackknifing the training
	// data (see tuneOBias); costs four extra trainings. Not combined with
	// Stack.
	TuneBias bool
	// Stack trains the second, document-consistency stage (see Train).
	Stack bool
	// fixedTrans, when set, is used as the transition matrix unchanged.
	fixedTrans *[nTags + 1][nTags]float32
	// Unlabelled, when not empty, turns on self-training: a model trained
	// on the gold sentences tags these (untagged, Doc-grouped; see
	// UnlabelledSentences), and the final model is trained on the gold
	// sentences plus the most confident tagged ones (see SelfTrain).
	Unlabelled []Sentence
	// SelfTrain tunes self-training.
	SelfTrain SelfTrainOptions
	// Augment adds mention-replaced copies of the gold documents to the
	// training data (see AugmentOptions; zero value: DefaultAugment
	// copies).
	Augment AugmentOptions
	// Infer are the inference options of the recognisers that
	// CrossValidate and CrossCorpus build from the trained models.
	Infer RecognizerOptions
	// Words is the distributional word table to use as features (from
	// BuildWordStats; nil: none). It is stored with the model.
	Words *WordStats
	// Progress, when set, is called after each epoch with the number of
	// sentences that were mis-tagged in it.
	Progress func(epoch, mistakes, sentences int)
}

type trainSent struct {
	feats [][]uint32
	gold  []int
	base  []float32 // stacked stage: first-stage emissions, n*nTags
	hl    []uint64  // lower-cased word hashes (document features)
	cf    []uint8   // capitalisation classes
	wt    float32   // update weight (0: 1; silver sentences less)
}

func sortedKeys[V any](m map[uint32]V) []uint32 {
	ks := make([]uint32, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func slicesSortFunc[T any](s []T, cmp func(a, b T) int) { slices.SortFunc(s, cmp) }

// featurizeCorpus computes the features of every sentence, with
// document-level context per Doc number.
func featurizeCorpus(lx *lexicon, ws *WordStats, sents []Sentence) []trainSent {
	return featurizeSelected(lx, ws, sents, nil)
}

// featurizeSelected is featurizeCorpus for the sentences with keep[i]
// (all when keep is nil); document context still comes from every
// sentence of the document.
func featurizeSelected(lx *lexicon, ws *WordStats, sents []Sentence, keep []bool) []trainSent {
	out := make([]trainSent, 0, len(sents))
	fz := &featurizer{lx: lx, ws: ws}
	eachDocument(sents, func(i, j int, words [][]string) {
		doc := newDocContext(words)
		for si, s := range sents[i:j] {
			if keep != nil && !keep[i+si] {
				continue
			}
			fz.prepare(s.Tokens, nil, doc)
			n := len(s.Tokens)
			ts := trainSent{feats: make([][]uint32, n), gold: make([]int, n), hl: make([]uint64, n), cf: make([]uint8, n)}
			for k := range s.Tokens {
				ts.feats[k] = slices.Clone(fz.tokFeats(k))
				ts.hl[k] = fz.infos[k].hl
				ts.cf[k] = uint8(fz.infos[k].capClass)
				if s.Tags != nil {
					ts.gold[k] = tagIndex(s.Tags[k])
				}
			}
			out = append(out, ts)
		}
	})
	return out
}

// Train fits an averaged structured perceptron on tagged sentences. With
// opt.Stack it also trains the document stage: the first stage is
// jackknifed over document blocks (each block tagged by a model trained
// without it), and a second perceptron learns, on top of the first stage's
// emission scores, from how the same word was tagged elsewhere in the
// document. It is deterministic for a given Seed and data order.
func Train(sents []Sentence, opt TrainOptions) *Model {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Seed == 0 {
		opt.Seed = 20240913
	}
	if opt.Prune == 0 {
		opt.Prune = 0.02
	}
	if opt.Dropout == 0 {
		opt.Dropout = DefaultDropout
	}
	if opt.Ensemble == 0 {
		opt.Ensemble = DefaultEnsemble
	}
	if opt.Augment.Copies == 0 {
		opt.Augment.Copies = DefaultAugment
	}
	lx := loadLexicon()
	data := featurizeCorpus(lx, opt.Words, sents)
	if len(opt.Unlabelled) > 0 {
		o := opt
		o.Progress, o.Stack, o.TuneBias = nil, false, false
		if o.SelfTrain.Rounds > 1 {
			o.SelfTrain.Rounds--
		} else {
			o.Unlabelled = nil
		}
		if !opt.Augment.FirstStage {
			o.Augment = AugmentOptions{Copies: -1}
		}
		data = append(data, silverData(lx, Train(sents, o), opt)...)
	}
	if aug := augmentSentences(sents, opt.Augment, opt.Seed); len(aug) > 0 {
		ad := featurizeCorpus(lx, opt.Words, aug)
		for i := range ad {
			ad[i].wt = float32(opt.Augment.Weight)
		}
		data = append(data, ad...)
	}
	m := newModel(trainEnsemble(data, opt))
	// The stacked stage and bias tuning jackknife the gold data only.
	data = data[:len(sents)]
	m.words = opt.Words
	if !opt.Stack && !opt.TuneBias || len(sents) < 4*stackFolds {
		return m
	}
	// Jackknifed first-stage emissions and tags for the training data.
	folds := interleavedFolds(sents, stackFolds)
	base := make([][]float32, len(data))
	tags := make([][]int, len(data))
	foldTrans := make([]*[nTags + 1][nTags]float32, stackFolds)
	for f := 0; f < stackFolds; f++ {
		var part []trainSent
		for i := range data {
			if folds[i] != f {
				part = append(part, data[i])
			}
		}
		o := opt
		o.Progress = nil
		mf := newModel(trainPerceptron(part, o))
		foldTrans[f] = &mf.trans
		for i := range data {
			if folds[i] != f {
				continue
			}
			n := len(data[i].gold)
			sc := make([]float32, n*nTags)
			for k := 0; k < n; k++ {
				mf.addEmission(data[i].feats[k], sc[k*nTags:k*nTags+nTags])
			}
			back := make([]int8, n*nTags)
			pred := make([]int, n)
			viterbi(&mf.trans, sc, n, back, pred)
			base[i], tags[i] = sc, pred
		}
		if opt.Progress != nil {
			opt.Progress(-(f + 1), 0, len(part))
		}
	}
	if opt.TuneBias && !opt.Stack {
		m.oBias = tuneOBias(data, base, folds, foldTrans)
	}
	if !opt.Stack {
		return m
	}
	// Second-stage data: document features over the jackknifed tags.
	data2 := make([]trainSent, len(data))
	var dl docLabels
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		dl.reset()
		for k := i; k < j; k++ {
			dl.add(data[k].hl, tags[k])
		}
		for k := i; k < j; k++ {
			n := len(data[k].gold)
			ts := trainSent{feats: make([][]uint32, n), gold: data[k].gold, base: base[k]}
			var buf []uint32
			for t := 0; t < n; t++ {
				buf = dl.features(buf[:0], data[k].hl, data[k].cf, tags[k], t)
				ts.feats[t] = slices.Clone(buf)
			}
			data2[k] = ts
		}
		i = j
	}
	o := opt
	o.Progress = nil
	o.fixedTrans = &m.trans
	m.stage2 = newModel(trainPerceptron(data2, o))
	return m
}

// interleavedFolds assigns blocks of about 40 sentences (whole documents
// where they are shorter than 200 sentences) to k folds in turn, so every
// fold mixes all corpora: a jackknifed model then errs as the full model
// does on unseen text of the same kinds, not as a cross-corpus one.
func interleavedFolds(sents []Sentence, k int) []int {
	out := make([]int, len(sents))
	block, size := 0, 0
	for i := range sents {
		newDoc := i > 0 && sents[i].Doc != sents[i-1].Doc
		if newDoc && size >= 40 || size >= 200 {
			block++
			size = 0
		}
		out[i] = block % k
		size++
	}
	return out
}

// tuneOBias picks the penalty on the O tag that maximises span F1 of the
// jackknifed first stage on the training data itself (every sentence
// tagged by a model that did not see it): a perceptron is more precise
// than it recalls on unseen text, and this trades the two without
// looking at any test data.
func tuneOBias(data []trainSent, base [][]float32, folds []int, trans []*[nTags + 1][nTags]float32) float32 {
	best, bestF := float32(0), -1.0
	var sc []float32
	var back []int8
	var pred []int
	for _, bias := range []float32{0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6} {
		gold := make([][]string, 0, len(data))
		out := make([][]string, 0, len(data))
		for i, d := range data {
			n := len(d.gold)
			if n == 0 {
				continue
			}
			if cap(sc) < n*nTags {
				sc, back, pred = make([]float32, n*nTags), make([]int8, n*nTags), make([]int, n)
			}
			copy(sc, base[i])
			for k := 0; k < n; k++ {
				sc[k*nTags] -= bias
			}
			viterbi(trans[folds[i]], sc[:n*nTags], n, back, pred[:n])
			g, p := make([]string, n), make([]string, n)
			for k := 0; k < n; k++ {
				g[k], p[k] = Tags[d.gold[k]], Tags[pred[k]]
			}
			gold, out = append(gold, g), append(out, p)
		}
		sc := Evaluate(gold, out)
		if f := sc[len(sc)-1].F1; f > bestF+1e-9 {
			best, bestF = bias, f
		}
	}
	return best
}

// stackFolds is the number of jackknife blocks for the document stage.
const stackFolds = 4

// addEmission adds the weights of the features to sc.
func (m *Model) addEmission(feats []uint32, sc []float32) {
	acc := (*[nTags]float32)(sc)
	for _, k := range feats {
		if r := m.row(k); r != nil {
			rr := (*[nTags]float32)(r)
			for t := range acc {
				acc[t] += rr[t]
			}
		}
	}
}

// trainEnsemble averages the weights of opt.Ensemble perceptrons trained
// with different shuffling seeds (a cheap variance reduction: one model
// at inference, as fast as a single one), pruning after averaging.
func trainEnsemble(data []trainSent, opt TrainOptions) (map[uint32][nTags]float32, [nTags + 1][nTags]float32) {
	k := opt.Ensemble
	if k <= 1 {
		return trainPerceptron(data, opt)
	}
	prune := opt.Prune
	sum := map[uint32][nTags]float32{}
	var tr [nTags + 1][nTags]float32
	for e := 0; e < k; e++ {
		o := opt
		o.Seed = opt.Seed + uint64(e)*7919
		o.Prune = prune / 4 // prune the average, not each member
		if e > 0 {
			o.Progress = nil
		}
		f, t := trainPerceptron(data, o)
		for key, row := range f {
			r := sum[key]
			for i := range r {
				r[i] += row[i] / float32(k)
			}
			sum[key] = r
		}
		for p := range t {
			for q := range t[p] {
				tr[p][q] += t[p][q] / float32(k)
			}
		}
	}
	for key, row := range sum {
		keep := false
		for i := range row {
			if math.Abs(float64(row[i])) >= prune {
				keep = true
			} else {
				row[i] = 0
			}
		}
		if keep {
			sum[key] = row
		} else {
			delete(sum, key)
		}
	}
	return sum, tr
}

// trainPerceptron runs the averaged structured perceptron; sentences with
// base scores add them to the emissions (the stacked stage).
func trainPerceptron(data []trainSent, opt TrainOptions) (map[uint32][nTags]float32, [nTags + 1][nTags]float32) {
	type acc struct{ w, u [nTags]float64 }
	W := map[uint32]*acc{}
	var tw, tu [nTags + 1][nTags]float64
	c := 1.0
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var scores []float32
	var back []int8
	var pred []int
	var trans [nTags + 1][nTags]float32
	drop := opt.Dropout
	if drop < 0 {
		drop = 0
	}
	dropped := func(si, ep, i, fi int) bool {
		h := mix(mix(uint64(si)<<20|uint64(i), uint64(ep)<<16|uint64(fi)), opt.Seed)
		return float64(h>>11)/(1<<53) < drop
	}
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		mistakes := 0
		for _, si := range order {
			s := &data[si]
			n := len(s.gold)
			if n == 0 {
				continue
			}
			if cap(scores) < n*nTags {
				scores = make([]float32, n*nTags)
				back = make([]int8, n*nTags)
				pred = make([]int, n)
			}
			for p := range tw {
				for t := range tw[p] {
					trans[p][t] = float32(tw[p][t])
				}
			}
			if opt.fixedTrans != nil {
				trans = *opt.fixedTrans
			}
			for i := 0; i < n; i++ {
				sc := scores[i*nTags : i*nTags+nTags]
				if s.base != nil {
					copy(sc, s.base[i*nTags:i*nTags+nTags])
				} else {
					for t := range sc {
						sc[t] = 0
					}
				}
				for fi, k := range s.feats[i] {
					if drop > 0 && dropped(si, ep, i, fi) {
						continue
					}
					if a := W[k]; a != nil {
						for t := 0; t < nTags; t++ {
							sc[t] += float32(a.w[t])
						}
					}
				}
			}
			viterbi(&trans, scores, n, back, pred[:n])
			wrong := false
			for i := 0; i < n; i++ {
				if pred[i] != s.gold[i] {
					wrong = true
					break
				}
			}
			if wrong {
				mistakes++
				u := 1.0
				if s.wt > 0 {
					u = float64(s.wt)
				}
				cu := c * u
				pg, pp := nTags, nTags
				for i := 0; i < n; i++ {
					g, p := s.gold[i], pred[i]
					if g != p {
						for fi, k := range s.feats[i] {
							if drop > 0 && dropped(si, ep, i, fi) {
								continue
							}
							a := W[k]
							if a == nil {
								a = &acc{}
								W[k] = a
							}
							a.w[g] += u
							a.u[g] += cu
							a.w[p] -= u
							a.u[p] -= cu
						}
					}
					if g != p || pg != pp {
						tw[pg][g] += u
						tu[pg][g] += cu
						tw[pp][p] -= u
						tu[pp][p] -= cu
					}
					pg, pp = g, p
				}
			}
			c++
		}
		if opt.Progress != nil {
			opt.Progress(ep+1, mistakes, len(data))
		}
	}
	// Average and prune.
	feats := make(map[uint32][nTags]float32, len(W))
	for _, k := range sortedKeys(W) {
		a := W[k]
		var row [nTags]float32
		keep := false
		for t := 0; t < nTags; t++ {
			v := a.w[t] - a.u[t]/c
			if math.Abs(v) >= opt.Prune {
				row[t] = float32(v)
				keep = true
			}
		}
		if keep {
			feats[k] = row
		}
	}
	var trOut [nTags + 1][nTags]float32
	for p := range tw {
		for t := range tw[p] {
			trOut[p][t] = float32(tw[p][t] - tu[p][t]/c)
		}
	}
	if opt.fixedTrans != nil {
		trOut = *opt.fixedTrans
	}
	return feats, trOut
}
