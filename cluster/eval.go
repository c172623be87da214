package cluster

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/newsweave/newsweave"
)

// BCubed returns B-cubed precision, recall and F1 of a predicted clustering
// against gold labels (aligned slices: one entry per item).
func BCubed(pred, gold []string) (p, r, f float64) {
	if len(pred) != len(gold) || len(pred) == 0 {
		return 0, 0, 0
	}
	type pair struct{ p, g string }
	inter := map[pair]int{}
	np := map[string]int{}
	ng := map[string]int{}
	for i := range pred {
		inter[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	for i := range pred {
		c := float64(inter[pair{pred[i], gold[i]}])
		p += c / float64(np[pred[i]])
		r += c / float64(ng[gold[i]])
	}
	n := float64(len(pred))
	p, r = p/n, r/n
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Run clusters articles in order with a fresh in-memory state and returns
// one decision per article with event and storyline ids resolved through
// later merges and splits.
func Run(ctx context.Context, arts []*newsweave.Article, opt Options) ([]ArticleRecord, *MemState, error) {
	st := NewMemState()
	w, err := New(ctx, st, opt)
	if err != nil {
		return nil, nil, err
	}
	out := make([]ArticleRecord, 0, len(arts))
	for _, a := range arts {
		d, err := w.Assign(ctx, a)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, d.ArticleRecord)
	}
	w.mu.Lock()
	for i := range out {
		if r, _ := st.WeaveDecision(ctx, out[i].ArticleID); r != nil {
			out[i].Event = r.Event // moved by a split
		}
		out[i].Event = w.resolve(out[i].Event)
		out[i].Storyline = w.resolveStory(out[i].Storyline)
	}
	w.mu.Unlock()
	return out, st, w.Close()
}

// Learn fits the event model on labelled articles (gold event per article)
// the way Miranda et al. do: a teacher-forced online pass in which every
// article is scored against the candidate events retrieved so far (the
// gold event is the positive, the others negatives); then the decision
// threshold is chosen by B-cubed F1 of real online runs.
func Learn(ctx context.Context, arts []*newsweave.Article, gold []string, base Options) (Model, error) {
	if len(arts) != len(gold) {
		return Model{}, fmt.Errorf("cluster: %d articles but %d labels", len(arts), len(gold))
	}
	base.defaults()
	w, err := New(ctx, NewMemState(), base)
	if err != nil {
		return Model{}, err
	}
	var samples []sample
	var choices []choice
	byGold := map[string]*eventState{}
	goldOf := map[string]string{}
	for i, a := range arts {
		w.seq++
		av := w.vectorize(a)
		cs := w.candidates(av)
		want := byGold[gold[i]]
		found := false
		ch := choice{gold: -1}
		for _, c := range cs {
			lab := 0.0
			if goldOf[c.ev.id] == gold[i] {
				lab, found = 1, true
				ch.gold = len(ch.x)
			}
			samples = append(samples, sample{x: c.x, label: lab})
			ch.x = append(ch.x, c.x)
		}
		if want != nil && !found {
			_, x := w.score(av, want)
			samples = append(samples, sample{x: x, label: 1})
			ch.gold = len(ch.x)
			ch.x = append(ch.x, x)
		}
		choices = append(choices, ch)
		if want == nil {
			w.nextEvent++
			want = &eventState{id: fmt.Sprintf("ev%07d", w.nextEvent), days: map[int32]int{}, first: noDay, last: noDay,
				outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{}}
			want.elem = w.evLRU.PushBack(want)
			w.events[want.id] = want
			byGold[gold[i]] = want
			goldOf[want.id] = gold[i]
		}
		w.addToEvent(want, av, a)
	}
	m := base.Model
	if base.rank {
		m.Weights = fitRank(choices, 600, 1e-4)
	} else {
		m.Weights = fitLogistic(samples, 600, 1e-4)
	}
	bestF, err := tuneThreshold(ctx, arts, gold, base, &m)
	if err != nil {
		return Model{}, err
	}
	m.Note = fmt.Sprintf("learned on %d articles, %d pairs; train B3 F1 %.3f", len(arts), len(samples), bestF)
	return m, nil
}

// tuneThreshold picks the decision threshold and merge level of m by
// online B-cubed F1 on the training data.
func tuneThreshold(ctx context.Context, arts []*newsweave.Article, gold []string, base Options, m *Model) (float64, error) {
	bestF := -1.0
	for _, th := range []float64{0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8} {
		for _, mg := range []float64{0.9, 0.97, 1.01} {
			mm := *m
			mm.Threshold, mm.Merge = th, mg
			o := base
			o.Model = mm
			recs, _, err := Run(ctx, arts, o)
			if err != nil {
				return 0, err
			}
			_, _, f := BCubed(events(recs), gold)
			if f > bestF+1e-9 {
				bestF, m.Threshold, m.Merge = f, th, mg
			}
		}
	}
	return bestF, nil
}

func events(recs []ArticleRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Event
	}
	return out
}

// Events returns the event id of each record.
func Events(recs []ArticleRecord) []string { return events(recs) }

// Baseline is a plain single-pass TF-IDF clusterer (lower-cased words,
// online document frequencies, cosine to the cluster centroid, one
// threshold), the reference point for the weave model.
func Baseline(arts []*newsweave.Article, threshold float64) []string {
	df := map[string]int{}
	docs := 0
	type cl struct {
		sum  map[string]float64
		norm float64
	}
	var cls []*cl
	out := make([]string, len(arts))
	for i, a := range arts {
		tf := map[string]float64{}
		for _, t := range tokenize(a.Title+"\n"+a.Text, nil) {
			if len(t.lower) > 1 {
				tf[t.lower]++
			}
		}
		docs++
		for t := range tf {
			df[t]++
		}
		v := map[string]float64{}
		var n float64
		for t, c := range tf {
			x := c * math.Log(float64(docs+1)/float64(df[t]+1))
			v[t] = x
			n += x * x
		}
		n = math.Sqrt(n)
		best, bestS := -1, 0.0
		for j, c := range cls {
			if c.norm == 0 || n == 0 {
				continue
			}
			var s float64
			for t, x := range v {
				s += x * c.sum[t]
			}
			s /= n * c.norm
			if s > bestS {
				best, bestS = j, s
			}
		}
		if best < 0 || bestS < threshold {
			cls = append(cls, &cl{sum: map[string]float64{}})
			best = len(cls) - 1
		}
		c := cls[best]
		for t, x := range v {
			if n > 0 {
				c.sum[t] += x / n
			}
		}
		c.norm = 0
		for _, x := range c.sum {
			c.norm += x * x
		}
		c.norm = math.Sqrt(c.norm)
		out[i] = fmt.Sprintf("b%d", best)
	}
	return out
}

// ClusterCount returns the number of distinct labels.
func ClusterCount(labels []string) int {
	m := map[string]bool{}
	for _, l := range labels {
		m[l] = true
	}
	return len(m)
}

// SplitHalves splits item indices into two halves by a group key (e.g. the
// ECB+ topic), alternating groups in sorted order, for held-out evaluation.
func SplitHalves(groups []string) (a, b []int) {
	keys := map[string]bool{}
	for _, g := range groups {
		keys[g] = true
	}
	var ks []string
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if len(ks[i]) != len(ks[j]) {
			return len(ks[i]) < len(ks[j])
		}
		return ks[i] < ks[j]
	})
	half := map[string]int{}
	for i, k := range ks {
		half[k] = i % 2
	}
	for i, g := range groups {
		if half[g] == 0 {
			a = append(a, i)
		} else {
			b = append(b, i)
		}
	}
	return a, b
}

// Doc is one line of the offline clustering contract.
type Doc struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Title string `json:"title,omitempty"`
	Lang  string `json:"lang,omitempty"`
	Date  string `json:"date,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Article turns a Doc into an article (not yet analysed).
func (d *Doc) Article() *newsweave.Article {
	a := &newsweave.Article{ID: d.ID, Title: strings.TrimSpace(d.Title), Text: d.Text, Lang: d.Lang, Published: d.Date, URL: d.URL}
	if a.ID == "" {
		a.ID = newsweave.ContentID(a.Title, a.Text)
	}
	a.Source = outlet(a)
	return a
}

// Storylines returns the storyline id of each record.
func Storylines(recs []ArticleRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Storyline
	}
	return out
}

// StoryLevel is one storyline threshold tried by TuneStoryThreshold with
// the B-cubed scores of the storylines it gives.
type StoryLevel struct {
	Threshold  float64
	P, R, F1   float64
	Storylines int
}

// storyGrid is the storyline thresholds TuneStoryThreshold tries.
var storyGrid = []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5}

// storyMinPrecision: storylines are never split again, so a wrong link
// stays while a missed one can still be made when the event grows
// (relinkStory); the tuner only takes levels this precise.
const storyMinPrecision = 0.99

// TuneStoryThreshold weaves arts once per storyline threshold of the grid
// (the event model of opt unchanged) and picks, among the levels whose
// storylines reach B-cubed precision storyMinPrecision against gold
// storylines (one label per article, e.g. an ECB+ topic), the one with the
// best F1 (ties go to the higher, more cautious level; if no level is that
// precise, the best F1 overall). All levels are returned so the choice can
// be shown.
func TuneStoryThreshold(ctx context.Context, arts []*newsweave.Article, stories []string, opt Options) (best StoryLevel, levels []StoryLevel, err error) {
	if len(arts) != len(stories) {
		return best, nil, fmt.Errorf("cluster: %d articles but %d storyline labels", len(arts), len(stories))
	}
	opt.defaults()
	best.F1 = -1
	precise := false
	for _, th := range storyGrid {
		o := opt
		o.Model.StoryThreshold = th
		recs, _, err := Run(ctx, arts, o)
		if err != nil {
			return best, nil, err
		}
		pred := Storylines(recs)
		p, r, f := BCubed(pred, stories)
		l := StoryLevel{Threshold: th, P: p, R: r, F1: f, Storylines: ClusterCount(pred)}
		levels = append(levels, l)
		ok := p >= storyMinPrecision
		if ok && !precise || ok == precise && f >= best.F1-1e-9 {
			best, precise = l, precise || ok
		}
	}
	return best, levels, nil
}
