package cluster

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// Pairwise features of (article, event). Each is a similarity in one view
// or a time feature, after Miranda et al. 2018: several sparse views plus
// timestamps, combined by learned weights.
const (
	fBias = iota
	fBody
	fLead
	fEnt
	fCap
	fNum
	fTimeClose // exp(-Δdays/3), 0 when a date is unknown
	fTimeFar   // min(Δdays,365)/365
	fTimeUnk   // 1 when the article or the event has no date
	fBodyName  // body × max(entity, name): content and participants agree
	fSize      // log(1+articles)/4
	fExemplar  // best cosine to one of the event's first articles (single link)
	fYearGap   // min(|latest year mentioned − event's|, 5)/5; 0 when unknown
	fYearSame  // 1 when the latest years mentioned agree
	// fMaxName: best name-profile cosine to one of the event's first
	// articles (single link on participants: sister events share topic
	// words but not their people and places).
	fMaxName
	// fMaxAction: best cosine of the lead actions (content words of the
	// title and first sentences, names and numbers left out) with one of
	// the event's first articles: sister events differ in what happened.
	fMaxAction
	// fActionClash: 1 when no first article of the event shares a lead
	// action word.
	fActionClash
	numFeat
)

var featNames = [numFeat]string{"bias", "body", "lead", "entities", "names", "numbers", "time_close", "time_far", "time_unknown", "body_x_names", "size", "exemplar", "year_gap", "year_same", "max_name", "max_action", "action_clash"}

// Model holds the learned weights of the logistic scorer P(same event).
type Model struct {
	Weights []float64 `json:"weights"`
	// Threshold: an article joins its best event when P ≥ Threshold, else
	// it opens a new event.
	Threshold float64 `json:"threshold"`
	// Merge: when the best and second-best events both reach Merge, the
	// article bridges them and the younger is merged into the older.
	Merge float64 `json:"merge"`
	// StoryThreshold: an event joins the best storyline when the storyline
	// score reaches it.
	StoryThreshold float64 `json:"story_threshold"`
	// StoryMerge: a new event scoring this high with two storylines merges them.
	StoryMerge float64 `json:"story_merge"`
	Note       string  `json:"note,omitempty"`
	// Lang holds event scorers for articles of one language (key: ISO
	// 639-1 code, e.g. "de"), learned on labelled article pairs of that
	// language (`newsweave train cluster`); other articles use Weights and
	// Threshold, learned on ECB+ (English).
	Lang map[string]LangModel `json:"lang,omitempty"`
}

// LangModel is the event scorer for articles of one language.
type LangModel struct {
	Weights   []float64 `json:"weights"`
	Threshold float64   `json:"threshold"`
	Note      string    `json:"note,omitempty"`
}

// scorer returns the weights and threshold that score an article in
// language artLang against an event whose articles are mostly in evLang:
// the language's own scorer when both agree and there is one, else the
// default (a cross-lingual pair shares few words, so a scorer learned on
// one language, which leans on them, would miss it).
func (m *Model) scorer(artLang, evLang string) ([]float64, float64) {
	if lm, ok := m.Lang[artLang]; ok && artLang == evLang {
		return lm.Weights, lm.Threshold
	}
	return m.Weights, m.Threshold
}

func (m *Model) threshold(artLang, evLang string) float64 {
	_, th := m.scorer(artLang, evLang)
	return th
}

// valid reports whether every weight vector fits the feature set.
func (m *Model) valid() bool {
	if len(m.Weights) != numFeat {
		return false
	}
	for _, lm := range m.Lang {
		if len(lm.Weights) != numFeat {
			return false
		}
	}
	return true
}

//go:embed model.json
var modelJSON []byte

// DefaultModel returns the committed model (weights learned on ECB+ by
// `newsweave eval cluster --learn`).
func DefaultModel() Model {
	var m Model
	if err := json.Unmarshal(modelJSON, &m); err != nil || !m.valid() {
		return fallbackModel()
	}
	return m
}

// fallbackModel is a hand-set model used when model.json does not fit the
// feature set.
func fallbackModel() Model {
	w := make([]float64, numFeat)
	w[fBias] = -4
	w[fBody] = 6
	w[fLead] = 2
	w[fEnt] = 2
	w[fCap] = 2
	w[fNum] = 1
	w[fTimeClose] = 1
	w[fTimeFar] = -6
	w[fExemplar] = 2
	return Model{Weights: w, Threshold: 0.5, Merge: 0.95, StoryThreshold: 0.3, StoryMerge: 0.6}
}

// LoadModel reads a model written by WriteModel.
func LoadModel(path string) (Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Model{}, err
	}
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return Model{}, fmt.Errorf("cluster: model %s: %w", path, err)
	}
	if !m.valid() {
		return Model{}, fmt.Errorf("cluster: model %s: every weight vector must have %d weights", path, numFeat)
	}
	return m, nil
}

// WriteModel writes m as JSON.
func WriteModel(path string, m Model) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func logistic(weights []float64, x *[numFeat]float64) float64 {
	var z float64
	for i, w := range weights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// Describe names the weights, for reports.
func (m *Model) Describe() string {
	s := ""
	for i, w := range m.Weights {
		s += fmt.Sprintf("%s=%.2f ", featNames[i], w)
	}
	return s + fmt.Sprintf("threshold=%.2f", m.Threshold)
}

// sample is one (article, candidate event) pair for training.
type sample struct {
	x     [numFeat]float64
	label float64
}

// fitLogistic trains weights by full-batch gradient descent with L2; the
// few thousand pairs of ECB+ train in well under a second.
func fitLogistic(samples []sample, epochs int, l2 float64) []float64 {
	w := make([]float64, numFeat)
	if len(samples) == 0 {
		return fallbackModel().Weights
	}
	// Balance classes: negatives outnumber positives.
	pos := 0.0
	for _, s := range samples {
		pos += s.label
	}
	neg := float64(len(samples)) - pos
	wp, wn := 1.0, 1.0
	if pos > 0 && neg > 0 {
		wp, wn = float64(len(samples))/(2*pos), float64(len(samples))/(2*neg)
	}
	// Adam on the batch gradient.
	opt := newAdam()
	for ep := 1; ep <= epochs; ep++ {
		g := make([]float64, numFeat)
		for _, s := range samples {
			p := logistic(w, &s.x)
			cw := wn
			if s.label > 0 {
				cw = wp
			}
			for i := range w {
				g[i] += cw * (p - s.label) * s.x[i]
			}
		}
		opt.step(w, g, len(samples), ep, l2)
	}
	return w
}

// choice is one online decision for training: the scored candidate events
// of an article and which of them is its gold event (-1: a new event).
type choice struct {
	x    [][numFeat]float64
	gold int
}

// fitRank trains weights with a ranking (conditional logit) objective over
// each article's options: its candidate events, scored w·x, and opening a
// new event, scored 0. The gold option should outrank the others; the
// bias weight plays the part of the new-event threshold. Unlike the
// pairwise logistic loss, easy negatives from other topics do not dominate:
// every article counts once, through its hardest competitors.
func fitRank(cs []choice, epochs int, l2 float64) []float64 {
	w := make([]float64, numFeat)
	if len(cs) == 0 {
		return fallbackModel().Weights
	}
	opt := newAdam()
	z := make([]float64, 0, 64)
	for ep := 1; ep <= epochs; ep++ {
		g := make([]float64, numFeat)
		for _, c := range cs {
			z = z[:0]
			mx := 0.0 // the new-event option scores 0
			for _, x := range c.x {
				var s float64
				for i := range w {
					s += w[i] * x[i]
				}
				z = append(z, s)
				mx = math.Max(mx, s)
			}
			den := math.Exp(-mx)
			for _, s := range z {
				den += math.Exp(s - mx)
			}
			for j, x := range c.x {
				p := math.Exp(z[j]-mx) / den
				if j == c.gold {
					p--
				}
				for i := range w {
					g[i] += p * x[i]
				}
			}
		}
		opt.step(w, g, len(cs), ep, l2)
	}
	return w
}

// adam is the Adam optimiser (step 0.05, β1 0.9, β2 0.999) on full-batch
// gradients, shared by both training objectives.
type adam struct{ m, v []float64 }

func newAdam() *adam { return &adam{m: make([]float64, numFeat), v: make([]float64, numFeat)} }

// step updates w in epoch ep (from 1) with g, the gradient summed over n
// examples, plus L2 regularisation of every weight but the bias. It
// overwrites g.
func (a *adam) step(w, g []float64, n, ep int, l2 float64) {
	const lr = 0.05
	m, v := a.m, a.v
	for i := range w {
		g[i] = g[i]/float64(n) + l2*w[i]*boolf(i != fBias)
		m[i] = 0.9*m[i] + 0.1*g[i]
		v[i] = 0.999*v[i] + 0.001*g[i]*g[i]
		mh := m[i] / (1 - math.Pow(0.9, float64(ep)))
		vh := v[i] / (1 - math.Pow(0.999, float64(ep)))
		w[i] -= lr * mh / (math.Sqrt(vh) + 1e-8)
	}
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
