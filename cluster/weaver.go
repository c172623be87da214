package cluster

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/internal/hashkey"
	"github.com/newsweave/newsweave/represent"
)

// Options tune a Weaver. Zero values take the defaults.
type Options struct {
	Model Model // zero: DefaultModel()
	// MaxActiveEvents bounds the events kept in memory as assignment
	// candidates (least recently updated are dropped; they stay in the
	// store). Default 10000.
	MaxActiveEvents int
	// MaxStorylines bounds the storylines kept in memory as link
	// candidates. Default 20000.
	MaxStorylines int
	// MaxRecent is the size of the near-duplicate window (articles).
	// Default 50000.
	MaxRecent int
	// TimeWindow: an event whose dates lie more than this many days from
	// the article's date is no candidate: reports of one event appear
	// within days; a later development is a new event of the storyline.
	// Default 14.
	TimeWindow int
	// Candidates is how many retrieved events are scored. Default 48.
	Candidates int
	off        []int // features forced to 0 (ablation in development tests)
	rank       bool  // Learn: ranking objective instead of pairwise logistic (development)
	// NoRevise turns off the split rule (split.go): an event that grows
	// to 4, 8 or 16 articles is re-grouped and split in two when it holds
	// two well-separated stories; the new event joins the same storyline
	// and the moved articles' event changes in the store (a Merge of kind
	// "split" records it). Members are kept (and persisted) only until
	// the event passes 16 articles.
	NoRevise bool
	// SplitBetween, SplitMargin, SplitMin tune the split rule: both groups
	// hold at least SplitMin articles, their mean similarity across is at
	// most SplitBetween and at least SplitMargin below the mean within.
	// SplitBetween 0: the defaults for all three (0.2, 0.05, 3).
	SplitBetween, SplitMargin float64
	SplitMin                  int
	splitTrace                func(ev string, ms []member, g []int, win, bet float64)
	// DFEvery: the document-frequency table is saved every n articles
	// (and on Close). Default 2000.
	DFEvery int
}

func (o *Options) defaults() {
	if len(o.Model.Weights) != numFeat {
		o.Model = DefaultModel()
	}
	if o.MaxActiveEvents <= 0 {
		o.MaxActiveEvents = 10000
	}
	if o.MaxStorylines <= 0 {
		o.MaxStorylines = 20000
	}
	if o.MaxRecent <= 0 {
		o.MaxRecent = 50000
	}
	if o.TimeWindow <= 0 {
		o.TimeWindow = 14
	}
	if o.Candidates <= 0 {
		o.Candidates = 48
	}
	if o.DFEvery <= 0 {
		o.DFEvery = 2000
	}
	if o.SplitBetween <= 0 {
		// Split rule (split.go): groups of ≥ 3 members whose mean
		// similarity across is ≤ 0.2 and 0.05 below the mean within.
		// Picked from four settings on the held-out figures; a grid
		// learned per training half (Learn) did no better and quadrupled
		// learning time.
		o.SplitBetween, o.SplitMargin, o.SplitMin = 0.2, 0.05, 3
	}
}

// Decision is the weave outcome for one article.
type Decision struct {
	ArticleRecord
	// Merges lists events or storylines this article caused to merge.
	Merges []Merge `json:"merges,omitempty"`
}

const dfBits = 20

// Weaver assigns articles, online and in arrival order, to near-duplicate
// originals, events and storylines. It is safe for concurrent use;
// assignments are serialised (arrival order defines the result).
type Weaver struct {
	mu  sync.Mutex
	st  StateStore
	opt Options
	m   Model

	stem  stemmer
	df    []uint32
	docs  int64
	since int // articles since the last DF save

	seq, nextEvent, nextStory int64

	events  map[string]*eventState
	evLRU   *list.List // *eventState, least recently updated first
	stories map[string]*storyState
	stLRU   *list.List
	alias   map[string]string // merged event → survivor
	salias  map[string]string // merged storyline → survivor
	evIndex map[uint64][]string
	stIndex map[uint64][]string
	dups    *dupIndex
	closed  bool
	// prep: text evidence extracted ahead by Prepare, off the serial path.
	prep    prepCache
	members map[string][]keptMember // split rule: members per event (seq order)
}

// eventState is an event's online model: per-view centroids (sums of unit
// article vectors, pruned), dates and display data.
type eventState struct {
	id, storyline string
	cent          [numViews]vec
	n             int
	days          map[int32]int
	first, last   int32
	created, seq  int64
	title         string
	titleScore    float64
	outlets       map[string]int
	agencyNames   []string
	agencyFirst   []string
	names         map[uint64]string // entity/name key → id or word
	labels        map[uint64]string // entity key → display name
	indexedAt     int
	keys          []uint64 // keys it is indexed under
	ex            []vec    // profiles of its first articles
	years         map[string]int
	langs         map[string]int // article languages (langCode) → count
	elem          *list.Element
}

// lang is the language most of the event's articles are in ("" when
// unknown; ties go to the alphabetically first).
func (ev *eventState) lang() string {
	best, bc := "", 0
	for l, c := range ev.langs {
		if c > bc || c == bc && l < best {
			best, bc = l, c
		}
	}
	return best
}

// year is the most frequent latest-year-mentioned of the event's articles.
func (ev *eventState) year() int {
	best, bc := 0, 0
	for y, c := range ev.years {
		yi, _ := strconv.Atoi(y)
		if c > bc || (c == bc && yi > best) {
			best, bc = yi, c
		}
	}
	return best
}

// storyState is a storyline's profile: entities and key terms of its events.
type storyState struct {
	id          string
	ent, body   vec
	events      int
	articles    int
	first, last int32
	seq         int64
	title       string
	bigN        int
	names       map[uint64]string
	labels      map[uint64]string
	keys        []uint64
	elem        *list.Element
}

// artVec is an article's weighted evidence.
type artVec struct {
	v      [numViews]vec
	entcap vec
	ex     vec // short profile: top body terms, names and lead actions
	act    vec // lead action profile (unit)
	year   int
	day    int32
	lang   string // ISO 639-1, lower case: picks the event scorer
	names  map[uint64]string
	labels map[uint64]string
	dup    dupEntry
}

// langCode is the ISO 639-1 part of a language tag ("de-AT" → "de").
func langCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// ErrClosed is returned by Assign after Close.
var ErrClosed = errors.New("cluster: weaver closed")

// New returns a Weaver that resumes from the state in st.
func New(ctx context.Context, st StateStore, opt Options) (*Weaver, error) {
	if st == nil {
		st = NewMemState()
	}
	opt.defaults()
	w := &Weaver{
		st: st, opt: opt, m: opt.Model,
		df:     make([]uint32, 1<<dfBits),
		events: map[string]*eventState{}, evLRU: list.New(),
		stories: map[string]*storyState{}, stLRU: list.New(),
		alias: map[string]string{}, salias: map[string]string{},
		evIndex: map[uint64][]string{}, stIndex: map[uint64][]string{},
		dups:    newDupIndex(opt.MaxRecent),
		members: map[string][]keptMember{},
	}
	snap, err := st.LoadWeave(ctx, opt.MaxActiveEvents, opt.MaxStorylines, opt.MaxRecent)
	if err != nil {
		return nil, fmt.Errorf("cluster: load state: %w", err)
	}
	w.seq, w.nextEvent, w.nextStory = snap.Seq, snap.NextEvent, snap.NextStory
	if len(snap.DF) > 0 {
		if err := w.decodeDF(snap.DF); err != nil {
			return nil, fmt.Errorf("cluster: load document frequencies: %w", err)
		}
	}
	for _, mg := range snap.Merges {
		switch mg.Kind {
		case "event":
			w.alias[mg.From] = mg.Into
		case "storyline":
			w.salias[mg.From] = mg.Into
		}
	}
	// Oldest first so the LRU lists end in update order.
	sort.Slice(snap.Events, func(i, j int) bool { return snap.Events[i].Seq < snap.Events[j].Seq })
	for _, r := range snap.Events {
		ev, err := decodeEvent(r.ID, r.Storyline, r.State)
		if err != nil {
			return nil, fmt.Errorf("cluster: event %s: %w", r.ID, err)
		}
		w.events[ev.id] = ev
		ev.elem = w.evLRU.PushBack(ev)
		w.indexEvent(ev, ev.keys)
	}
	sort.Slice(snap.Storylines, func(i, j int) bool { return snap.Storylines[i].Seq < snap.Storylines[j].Seq })
	for _, r := range snap.Storylines {
		s, err := decodeStory(r.ID, r.State)
		if err != nil {
			return nil, fmt.Errorf("cluster: storyline %s: %w", r.ID, err)
		}
		w.stories[s.id] = s
		s.elem = w.stLRU.PushBack(s)
		w.indexStory(s, s.keys)
	}
	if !opt.NoRevise {
		sort.Slice(snap.Members, func(i, j int) bool { return snap.Members[i].Seq < snap.Members[j].Seq })
		for _, r := range snap.Members {
			if w.events[r.Event] == nil {
				continue
			}
			w.members[r.Event] = append(w.members[r.Event], keptMember{id: r.ArticleID, seq: r.Seq, b: r.State})
		}
	}
	for _, r := range snap.Recent {
		e := dupEntry{ID: r.ArticleID, Seq: r.Seq, Orig: r.DuplicateOf, Event: r.Event}
		if decodeSig(r.Sig, &e) {
			w.dups.add(e)
		}
	}
	return w, nil
}

// Close saves the document frequencies; the rest is saved on every Assign.
// It does not close the StateStore.
func (w *Weaver) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if w.since == 0 {
		return nil
	}
	return w.st.SaveWeave(context.Background(), &Delta{NextEvent: w.nextEvent, NextStory: w.nextStory, CountersChanged: true, DF: w.encodeDF()})
}

// Abandon stops the weaver because changes handed to AssignTo were not
// committed: its memory is ahead of the store. Later calls fail with
// ErrClosed and Close saves nothing; a new Weaver resumes from the store.
func (w *Weaver) Abandon() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
}

// Stats reports the in-memory sizes (for benchmarks and monitoring).
type Stats struct {
	Articles       int64 // articles assigned (all time)
	ActiveEvents   int
	Storylines     int
	DupWindow      int
	IndexPostings  int
	StoryPostings  int
	EventsCreated  int64
	StoriesCreated int64
	Members        int // articles kept for split tests
}

// Stats returns the current sizes.
func (w *Weaver) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := Stats{Articles: w.seq, ActiveEvents: len(w.events), Storylines: len(w.stories), DupWindow: len(w.dups.ring), EventsCreated: w.nextEvent, StoriesCreated: w.nextStory}
	for _, p := range w.evIndex {
		s.IndexPostings += len(p)
	}
	for _, p := range w.stIndex {
		s.StoryPostings += len(p)
	}
	for _, ms := range w.members {
		s.Members += len(ms)
	}
	return s
}

func (w *Weaver) idf(k uint64) float64 {
	df := float64(w.df[hashkey.Mix64(k)>>(64-dfBits)])
	return math.Log((float64(w.docs)+1)/(df+1)) + 1
}

// vectorize updates the document frequencies with a and weights its views.
func (w *Weaver) vectorize(a *newsweave.Article) *artVec {
	r := w.countDocument(a)
	av := &artVec{day: articleDay(a), names: r.names, labels: r.label, year: r.year, lang: langCode(a.Lang)}
	if av.day != noDay {
		av.year = int(epoch.AddDate(0, 0, int(av.day)).Year())
	}
	for v := range r.tf {
		m := make(map[uint64]float64, len(r.tf[v]))
		for k, tf := range r.tf[v] {
			if v == viewNum {
				m[k] = w.idf(k)
			} else {
				m[k] = (1 + math.Log(float64(tf))) * w.idf(k)
			}
		}
		av.v[v] = represent.FromWeights(m)
	}
	av.entcap = entCap(&av.v)
	am := make(map[uint64]float64, len(r.act))
	for k, x := range r.act {
		am[k] = float64(x) * w.idf(k)
	}
	av.act = represent.FromWeights(am)
	av.ex = exProfile(av.v[viewBody], av.entcap, av.act)
	av.dup = dupEntry{ID: a.ID, Sig: minhash(r.shing), Shing: len(r.shing), Simhash: simhash(r.shing)}
	return av
}

// unitJoin returns the entries of vs as one unit vector; a key in several
// takes its weight from the last.
func unitJoin(vs ...vec) vec {
	n := 0
	for _, v := range vs {
		n += len(v.Keys)
	}
	m := make(map[uint64]float64, n)
	for _, v := range vs {
		for i, k := range v.Keys {
			m[k] = float64(v.Weights[i])
		}
	}
	return represent.FromWeights(m)
}

// entCap joins the entity and name views (unit vector).
func entCap(v *[numViews]vec) vec { return unitJoin(v[viewEnt], v[viewCap]) }

// exProfile is an article's short profile: top body terms, names and
// lead actions (unit vector).
func exProfile(body, entcap, act vec) vec {
	return unitJoin(represent.Prune(body, exemplarTerms), represent.Prune(entcap, exemplarNames), represent.Prune(act, exemplarActions))
}

// widenSpan widens the day span [*first, *last] to take in [lo, hi]; noDay
// is unknown on either side.
func widenSpan(first, last *int32, lo, hi int32) {
	if lo != noDay && (*first == noDay || lo < *first) {
		*first = lo
	}
	if hi != noDay && (*last == noDay || hi > *last) {
		*last = hi
	}
}

// countDocument extracts a's keys and counts them in the document
// frequencies.
func (w *Weaver) countDocument(a *newsweave.Article) *raw {
	r := w.extract(a)
	w.docs++
	for v := range r.tf {
		for k := range r.tf[v] {
			w.countDF(k)
		}
	}
	for k := range r.act {
		w.countDF(k)
	}
	return r
}

func (w *Weaver) countDF(k uint64) {
	i := hashkey.Mix64(k) >> (64 - dfBits)
	if w.df[i] < math.MaxUint32 {
		w.df[i]++
	}
}

// actionCos is the cosine of an article's action profile with the action
// keys of an exemplar profile (-1 when the exemplar has none: profiles
// stored before actions were kept).
func actionCos(a, e vec) float64 {
	var n float64
	for i, k := range e.Keys {
		if isActKey(k) {
			n += float64(e.Weights[i]) * float64(e.Weights[i])
		}
	}
	if n == 0 {
		return -1
	}
	return represent.Dot(a, e) / math.Sqrt(n)
}

// score computes the features of (article, event) and P(same event).
func (w *Weaver) score(a *artVec, ev *eventState) (float64, [numFeat]float64) {
	var x [numFeat]float64
	x[fBias] = 1
	for v, f := range [numViews]int{fBody, fLead, fEnt, fCap, fNum} {
		if n := ev.cent[v].Norm(); n > 0 {
			x[f] = represent.Dot(a.v[v], ev.cent[v]) / n
		}
	}
	// fTimeUnk stays 0: in ECB+ only one event of a topic pair has
	// datelines, so a learned "date unknown" weight would encode that
	// artefact and push every dated stream towards merging.
	if a.day != noDay && ev.first != noDay {
		d := dayGap(a.day, ev.first, ev.last)
		x[fTimeClose] = math.Exp(-float64(d) / 3)
		x[fTimeFar] = math.Min(float64(d), 365) / 365
	}
	x[fBodyName] = x[fBody] * math.Max(x[fEnt], x[fCap])
	x[fSize] = math.Log1p(float64(ev.n)) / 4
	for _, e := range ev.ex {
		x[fExemplar] = math.Max(x[fExemplar], represent.Dot(a.ex, e))
	}
	if len(a.entcap.Keys) > 0 {
		names := represent.Prune(a.entcap, exemplarNames)
		for _, e := range ev.ex {
			x[fMaxName] = math.Max(x[fMaxName], represent.Dot(names, e))
		}
	}
	if len(a.act.Keys) > 0 {
		best, seen := 0.0, false
		for _, e := range ev.ex {
			if c := actionCos(a.act, e); c >= 0 {
				best, seen = math.Max(best, c), true
			}
		}
		if seen {
			x[fMaxAction] = best
			x[fActionClash] = boolf(best < 0.05)
		}
	}
	if ey := ev.year(); a.year > 0 && ey > 0 {
		g := a.year - ey
		if g < 0 {
			g = -g
		}
		x[fYearGap] = math.Min(float64(g), 5) / 5
		x[fYearSame] = boolf(g == 0)
	}
	for _, f := range w.opt.off {
		x[f] = 0
	}
	weights, _ := w.m.scorer(a.lang, ev.lang())
	return logistic(weights, &x), x
}

func dayGap(d, first, last int32) int32 {
	switch {
	case d < first:
		return first - d
	case d > last:
		return d - last
	}
	return 0
}

func (a *artVec) queryKeys() []struct {
	k uint64
	w float64
} {
	var out []struct {
		k uint64
		w float64
	}
	for _, p := range [][2]int{{viewBody, 12}, {viewEnt, 8}, {viewCap, 8}} {
		v := a.v[p[0]]
		for _, k := range v.Top(p[1]) {
			i, _ := slices.BinarySearch(v.Keys, k)
			out = append(out, struct {
				k uint64
				w float64
			}{k, float64(v.Weights[i])})
		}
	}
	return out
}

func eventKeys(ev *eventState) []uint64 {
	var out []uint64
	for _, p := range [][2]int{{viewBody, 16}, {viewEnt, 8}, {viewCap, 8}} {
		out = append(out, ev.cent[p[0]].Top(p[1])...)
	}
	return out
}

// maxPosting skips keys shared by very many active events: they are
// near-stop-words and cost more than they tell.
const maxPosting = 3000

type cand struct {
	ev   *eventState
	hits float64
	p    float64
	x    [numFeat]float64
}

// candidates retrieves events sharing top keys with a (inverted index),
// drops those outside the time window and scores the best by key weight.
func (w *Weaver) candidates(a *artVec) []cand {
	hits := map[string]float64{}
	for _, q := range a.queryKeys() {
		p := w.evIndex[q.k]
		if len(p) > maxPosting {
			continue
		}
		for _, id := range p {
			hits[id] += q.w
		}
	}
	cs := make([]cand, 0, len(hits))
	for id, h := range hits {
		ev := w.events[id]
		if ev == nil {
			continue
		}
		if a.day != noDay && ev.first != noDay && dayGap(a.day, ev.first, ev.last) > int32(w.opt.TimeWindow) {
			continue
		}
		cs = append(cs, cand{ev: ev, hits: h})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].hits != cs[j].hits {
			return cs[i].hits > cs[j].hits
		}
		return cs[i].ev.id < cs[j].ev.id
	})
	if len(cs) > w.opt.Candidates {
		cs = cs[:w.opt.Candidates]
	}
	for i := range cs {
		cs[i].p, cs[i].x = w.score(a, cs[i].ev)
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].p != cs[j].p {
			return cs[i].p > cs[j].p
		}
		return cs[i].ev.id < cs[j].ev.id
	})
	return cs
}

func (w *Weaver) indexEvent(ev *eventState, keys []uint64) {
	for _, k := range ev.keys {
		w.evIndex[k] = removeID(w.evIndex[k], ev.id)
		if len(w.evIndex[k]) == 0 {
			delete(w.evIndex, k)
		}
	}
	ev.keys = keys
	for _, k := range keys {
		w.evIndex[k] = append(w.evIndex[k], ev.id)
	}
}

func (w *Weaver) unindexEvent(ev *eventState) {
	w.indexEvent(ev, nil)
}

func removeID(p []string, id string) []string {
	for i, x := range p {
		if x == id {
			return append(p[:i], p[i+1:]...)
		}
	}
	return p
}

func storyKeys(s *storyState) []uint64 {
	return append(s.ent.Top(12), s.body.Top(6)...)
}

func (w *Weaver) indexStory(s *storyState, keys []uint64) {
	for _, k := range s.keys {
		w.stIndex[k] = removeID(w.stIndex[k], s.id)
		if len(w.stIndex[k]) == 0 {
			delete(w.stIndex, k)
		}
	}
	s.keys = keys
	for _, k := range s.keys {
		w.stIndex[k] = append(w.stIndex[k], s.id)
	}
}

// dupCheck finds the earlier article a copies, if any.
func (w *Weaver) dupCheck(a *artVec) (orig *dupEntry, score float64) {
	if a.dup.Shing < 8 {
		return nil, 0
	}
	keys := bandKeys(&a.dup.Sig)
	var best *dupEntry
	bestS := 0.0
	for _, slot := range w.dups.candidates(&keys) {
		e := &w.dups.ring[slot]
		j := jaccard(&a.dup.Sig, &e.Sig)
		// Containment catches a copy that was shortened or padded:
		// |A∩B| / min(|A|,|B|) from the Jaccard estimate and set sizes.
		mn := min(a.dup.Shing, e.Shing)
		c := 0.0
		if mn >= 40 {
			c = j * float64(a.dup.Shing+e.Shing) / ((1 + j) * float64(mn))
		}
		s := j
		if c >= 0.85 && j < 0.5 {
			s = 0.5
		}
		if s < 0.5 {
			continue
		}
		if best == nil || j > bestS || (j == bestS && e.Seq < best.Seq) {
			best, bestS = e, j
		}
	}
	return best, bestS
}

func (w *Weaver) resolve(id string) string {
	for i := 0; i < 64; i++ {
		n, ok := w.alias[id]
		if !ok {
			return id
		}
		id = n
	}
	return id
}

func (w *Weaver) resolveStory(id string) string {
	for i := 0; i < 64; i++ {
		n, ok := w.salias[id]
		if !ok {
			return id
		}
		id = n
	}
	return id
}

// Assign weaves one article: near-duplicate check, event assignment,
// storyline link. Articles must arrive in order; an article already
// assigned returns its stored decision.
func (w *Weaver) Assign(ctx context.Context, a *newsweave.Article) (Decision, error) {
	return w.AssignTo(ctx, a, nil)
}

// AssignTo is Assign with the article's changes handed to save instead of
// the StateStore's SaveWeave (nil: SaveWeave): a caller writes them in its
// own transaction, e.g. together with the article and the rest of a group
// (store/sqlite's PutArticlesWoven). If that transaction does not commit,
// the caller must call Abandon.
func (w *Weaver) AssignTo(ctx context.Context, a *newsweave.Article, save func(context.Context, *Delta) error) (Decision, error) {
	if a == nil {
		return Decision{}, errors.New("cluster: nil article")
	}
	if a.ID == "" {
		a.ID = newsweave.ContentID(a.Title, a.Text)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return Decision{}, ErrClosed
	}
	if prev, err := w.st.WeaveDecision(ctx, a.ID); err != nil {
		return Decision{}, err
	} else if prev != nil {
		prev.Event = w.resolve(prev.Event)
		prev.Storyline = w.resolveStory(prev.Storyline)
		return Decision{ArticleRecord: *prev}, nil
	}
	w.seq++
	ne0, ns0 := w.nextEvent, w.nextStory
	av := w.vectorize(a)
	t := &txn{events: map[string]*eventState{}, stories: map[string]*storyState{}}
	rec := ArticleRecord{ArticleID: a.ID, Seq: w.seq, Day: formatDay(av.day), Title: a.Title, Source: a.Source}

	// 1. Near-duplicate: a copy joins its original's event.
	var ev *eventState
	if orig, s := w.dupCheck(av); orig != nil {
		rec.DuplicateOf = orig.ID
		if orig.Orig != "" {
			rec.DuplicateOf = orig.Orig
		}
		rec.DuplicateScore = s
		av.dup.Orig = rec.DuplicateOf
		if e := w.events[w.resolve(orig.Event)]; e != nil {
			ev = e
			rec.EventScore, _ = w.score(av, ev)
		}
	}
	// 2. Event: best candidate above threshold, else a new event.
	var cs []cand
	if ev == nil {
		cs = w.candidates(av)
		if len(cs) > 0 && cs[0].p >= w.m.threshold(av.lang, cs[0].ev.lang()) {
			ev = cs[0].ev
			rec.EventScore = cs[0].p
		}
	}
	newEvent := ev == nil
	if newEvent {
		w.nextEvent++
		ev = &eventState{id: fmt.Sprintf("ev%07d", w.nextEvent), days: map[int32]int{}, first: noDay, last: noDay,
			created: w.seq, outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{}}
		w.events[ev.id] = ev
		ev.elem = w.evLRU.PushBack(ev)
		rec.NewEvent = true
		if len(cs) > 0 {
			rec.EventScore = cs[0].p // best rejected: why it is new
		}
	}
	rec.Agency, rec.AgencyOf = w.addToEvent(ev, av, a)
	t.events[ev.id] = ev

	// 3. Merge: the article bridges two events that both claim it strongly.
	var merges []Merge
	if !newEvent && len(cs) > 1 && cs[1].p >= w.m.Merge && cs[0].p >= w.m.Merge && cs[1].ev != ev {
		into, from := ev, cs[1].ev
		if from.created < into.created {
			into, from = from, into
		}
		merges = append(merges, w.mergeEvents(t, from, into, cs[1].p)...)
		ev = into
	}
	// Split rule (split.go): members are kept only up to the last split
	// size (memory stays bounded on long runs) and persisted with the
	// article, so a restarted weaver splits exactly as this one would.
	var keepMember bool
	var moves []Move
	var drop []string
	if !w.opt.NoRevise {
		if ms := w.members[ev.id]; len(ms) < maxSplitSize && (ev.n == 1 || len(ms) > 0) {
			w.members[ev.id] = append(ms, newMember(w.seq, av, a).keep())
			keepMember = true
		}
		if !newEvent && splitSize(len(w.members[ev.id])) {
			if ne, sep, moved := w.trySplit(t, ev); ne != nil {
				// Kind "split": From is the event split, Into the new one.
				merges = append(merges, Merge{Kind: "split", From: ev.id, Into: ne.id, Score: sep, Seq: w.seq})
				for _, id := range moved {
					moves = append(moves, Move{ArticleID: id, Event: ne.id})
					if id == a.ID {
						ev = ne
					}
				}
				w.dups.moveEvent(moved, ne.id)
			}
		}
		for _, e := range sortedEvents(t.events) {
			if len(w.members[e.id]) >= maxSplitSize {
				delete(w.members, e.id)
				drop = append(drop, e.id)
			}
		}
	}

	// 4. Storyline.
	if newEvent {
		s, score, second := w.bestStory(av.entcap, av.v[viewBody], "")
		if s != nil && score >= w.m.StoryThreshold {
			ev.storyline = s.id
			rec.StorylineScore = score
			if second != nil && second.score >= w.m.StoryMerge && score >= w.m.StoryMerge {
				into, from := s, second.s
				if from.events > into.events || (from.events == into.events && from.id < into.id) {
					into, from = from, into
				}
				merges = append(merges, w.mergeStories(t, from, into, second.score))
				ev.storyline = into.id
			}
		} else {
			w.nextStory++
			s = &storyState{id: fmt.Sprintf("sl%07d", w.nextStory), first: noDay, last: noDay, names: map[uint64]string{}, labels: map[uint64]string{}}
			w.stories[s.id] = s
			s.elem = w.stLRU.PushBack(s)
			ev.storyline = s.id
			rec.StorylineScore = score
		}
		w.stories[ev.storyline].events++
	}
	st := w.stories[ev.storyline]
	if st == nil { // storyline evicted from memory: reopen a profile for it
		st = &storyState{id: ev.storyline, first: noDay, last: noDay, names: map[uint64]string{}, labels: map[uint64]string{}, events: 1}
		w.stories[st.id] = st
		st.elem = w.stLRU.PushBack(st)
	}
	w.addToStory(st, av, ev)
	t.stories[st.id] = st
	if !newEvent && isPow2(ev.n) && st.events == 1 {
		// A grown event whose storyline holds only itself: look again,
		// with the event's richer profile, for a storyline it belongs to.
		if m, ok := w.relinkStory(t, ev, st); ok {
			merges = append(merges, m)
			st = w.stories[ev.storyline]
		}
	}
	if !newEvent && rec.StorylineScore == 0 {
		rec.StorylineScore = 1
	}
	rec.Event = ev.id
	rec.Storyline = ev.storyline
	av.dup.Seq, av.dup.Event = w.seq, ev.id
	w.dups.add(av.dup)
	rec.Sig = encodeSig(&av.dup)

	// 5. Bounded memory: drop least recently updated events/storylines.
	for w.evLRU.Len() > w.opt.MaxActiveEvents {
		old := w.evLRU.Remove(w.evLRU.Front()).(*eventState)
		old.elem = nil
		w.unindexEvent(old)
		delete(w.events, old.id)
		if _, ok := w.members[old.id]; ok {
			delete(w.members, old.id)
			drop = append(drop, old.id)
		}
	}
	for w.stLRU.Len() > w.opt.MaxStorylines {
		old := w.stLRU.Remove(w.stLRU.Front()).(*storyState)
		old.elem = nil
		w.indexStory(old, nil)
		delete(w.stories, old.id)
	}

	d := &Delta{Article: rec, Merges: merges, NextEvent: w.nextEvent, NextStory: w.nextStory,
		CountersChanged: w.nextEvent != ne0 || w.nextStory != ns0, Moves: moves, DropMembers: drop}
	if keepMember {
		if ms := w.members[ev.id]; len(ms) > 0 && ms[len(ms)-1].id == a.ID {
			d.Members = []MemberRecord{{ArticleID: a.ID, Event: ev.id, Seq: w.seq, State: ms[len(ms)-1].b}}
		}
	}
	for _, e := range sortedEvents(t.events) {
		if w.events[e.id] == e {
			d.Events = append(d.Events, e.record())
		}
	}
	for _, s := range sortedStories(t.stories) {
		if w.stories[s.id] == s {
			d.Storylines = append(d.Storylines, s.record())
		}
	}
	w.since++
	if w.since >= w.opt.DFEvery {
		d.DF = w.encodeDF()
		w.since = 0
	}
	if save == nil {
		save = w.st.SaveWeave
	}
	if err := save(ctx, d); err != nil {
		// The in-memory state is ahead of the store now; refuse to go on
		// rather than diverge silently.
		w.closed = true
		return Decision{}, fmt.Errorf("cluster: save decision for %s: %w", a.ID, err)
	}
	return Decision{ArticleRecord: rec, Merges: merges}, nil
}

func isPow2(n int) bool { return n > 1 && n&(n-1) == 0 }

type txn struct {
	events  map[string]*eventState
	stories map[string]*storyState
}

func sortedEvents(m map[string]*eventState) []*eventState {
	out := make([]*eventState, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

func sortedStories(m map[string]*storyState) []*storyState {
	out := make([]*storyState, 0, len(m))
	for _, s := range m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// Exemplars: the first articles of an event, as short profiles, give a
// single-link feature next to the centroid (a report close to one earlier
// report of the event but not to the average still belongs).
const (
	maxExemplars  = 4
	exemplarTerms = 48
	exemplarNames = 16
	// exemplarActions: lead action keys kept per exemplar.
	exemplarActions = 16
)

// centralKeys is how many top body terms stand for an article when
// choosing the event's most central title.
const centralKeys = 32

// addToEvent folds an article into an event. It returns the agency and the
// earlier article of the event from the same agency, if any.
func (w *Weaver) addToEvent(ev *eventState, a *artVec, art *newsweave.Article) (agency, agencyOf string) {
	for v := range ev.cent {
		ev.cent[v] = addPrune(ev.cent[v], a.v[v], centroidSize[v])
	}
	ev.n++
	if len(ev.ex) < maxExemplars {
		ev.ex = append(ev.ex, a.ex)
	}
	if ev.langs == nil {
		ev.langs = map[string]int{}
	}
	ev.langs[a.lang]++
	if a.year > 0 {
		if ev.years == nil {
			ev.years = map[string]int{}
		}
		ev.years[strconv.Itoa(a.year)]++
	}

	if a.day != noDay {
		ev.days[a.day]++
		widenSpan(&ev.first, &ev.last, a.day, a.day)
	}
	ev.seq = w.seq
	if ev.elem != nil {
		w.evLRU.MoveToBack(ev.elem)
	}
	// Most central title: the article closest to the centroid (compared on
	// the same truncated profile so old and new candidates are comparable).
	title := displayTitle(art)
	if n := ev.cent[viewBody].Norm(); n > 0 && title != "" {
		s := represent.Dot(represent.Prune(a.v[viewBody], centralKeys), ev.cent[viewBody]) / n
		if ev.title == "" || s > ev.titleScore {
			ev.title, ev.titleScore = title, s
		}
	} else if ev.title == "" {
		ev.title = title
	}
	if src := outlet(art); src != "" {
		ev.outlets[src]++
	}
	for _, ag := range art.Agencies {
		ag = strings.ToLower(strings.TrimSpace(ag))
		if ag == "" {
			continue
		}
		if i := slices.Index(ev.agencyNames, ag); i >= 0 {
			if agencyOf == "" && ev.agencyFirst[i] != art.ID {
				agency, agencyOf = ag, ev.agencyFirst[i]
			}
			continue
		}
		ev.agencyNames = append(ev.agencyNames, ag)
		ev.agencyFirst = append(ev.agencyFirst, art.ID)
	}
	keepNames(ev.names, a.names, ev.cent[viewEnt], ev.cent[viewCap])
	keepNames(ev.labels, a.labels, ev.cent[viewEnt], vec{})
	if ev.indexedAt == 0 || isPow2(ev.n) {
		ev.indexedAt = ev.n
		w.indexEvent(ev, eventKeys(ev))
	}
	return agency, agencyOf
}

// namesKept: display names are kept only for the keys among the top
// namesKept of a profile (actors shows the top 6). A key that climbs later
// gets its name back from the next article that mentions it; the rest would
// cost a map entry and a string per profile key.
const namesKept = 16

// keepNames merges src into dst and drops names whose keys are not among
// the top keys of the profiles.
func keepNames(dst, src map[uint64]string, a, b vec) {
	keep := append(a.Top(namesKept), b.Top(namesKept)...)
	for _, k := range keep {
		if _, ok := dst[k]; !ok {
			if v, ok := src[k]; ok {
				dst[k] = v
			}
		}
	}
	for k := range dst {
		if !slices.Contains(keep, k) {
			delete(dst, k)
		}
	}
}

func displayTitle(a *newsweave.Article) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return t
	}
	// No title: the first non-URL line of the text, shortened.
	for _, line := range strings.Split(a.Text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.Contains(line, "http") || strings.Contains(line, "www") {
			continue
		}
		if utf8.RuneCountInString(line) > 120 {
			r := []rune(line)
			line = strings.TrimSpace(string(r[:120])) + "…"
		}
		return line
	}
	return ""
}

func outlet(a *newsweave.Article) string {
	if a.Source != "" {
		return a.Source
	}
	u := a.URL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	return strings.TrimPrefix(u, "www.")
}

func (w *Weaver) mergeEvents(t *txn, from, into *eventState, score float64) []Merge {
	for v := range into.cent {
		into.cent[v] = addPrune(into.cent[v], from.cent[v], centroidSize[v])
	}
	into.n += from.n
	for d, c := range from.days {
		into.days[d] += c
	}
	widenSpan(&into.first, &into.last, from.first, from.last)
	for o, c := range from.outlets {
		into.outlets[o] += c
	}
	for l, c := range from.langs {
		if into.langs == nil {
			into.langs = map[string]int{}
		}
		into.langs[l] += c
	}
	for y, c := range from.years {
		if into.years == nil {
			into.years = map[string]int{}
		}
		into.years[y] += c
	}
	for i, ag := range from.agencyNames {
		if !slices.Contains(into.agencyNames, ag) {
			into.agencyNames = append(into.agencyNames, ag)
			into.agencyFirst = append(into.agencyFirst, from.agencyFirst[i])
		}
	}
	keepNames(into.names, from.names, into.cent[viewEnt], into.cent[viewCap])
	keepNames(into.labels, from.labels, into.cent[viewEnt], vec{})
	into.seq = w.seq
	w.evLRU.MoveToBack(into.elem)
	into.indexedAt = into.n
	w.indexEvent(into, eventKeys(into))
	w.unindexEvent(from)
	if ms := w.members[from.id]; len(ms) > 0 {
		ms = append(w.members[into.id], ms...)
		slices.SortFunc(ms, func(a, b keptMember) int { return int(a.seq - b.seq) })
		w.members[into.id] = ms
		delete(w.members, from.id)
	}
	w.evLRU.Remove(from.elem)
	from.elem = nil
	delete(w.events, from.id)
	w.alias[from.id] = into.id
	t.events[into.id] = into
	out := []Merge{{Kind: "event", From: from.id, Into: into.id, Score: score, Seq: w.seq}}
	if from.storyline != into.storyline {
		if fs := w.stories[from.storyline]; fs != nil {
			fs.events--
			if fs.events <= 0 {
				if is := w.stories[into.storyline]; is != nil {
					out = append(out, w.mergeStories(t, fs, is, score))
				}
			} else {
				t.stories[fs.id] = fs
			}
		}
	} else if s := w.stories[into.storyline]; s != nil {
		s.events--
		t.stories[s.id] = s
	}
	return out
}

type storyCand struct {
	s     *storyState
	score float64
}

// storyScore: entity continuity weighs most (the same actors over years);
// key terms tell which of an actor's stories it is.
func storyScore(entcap, body vec, s *storyState) float64 {
	e := 0.0
	if n := s.ent.Norm(); n > 0 {
		e = represent.Dot(entcap, s.ent) / n
	}
	b := 0.0
	if n := s.body.Norm(); n > 0 {
		b = represent.Dot(body, s.body) / n
	}
	if len(entcap.Keys) == 0 || len(s.ent.Keys) == 0 {
		return 0.8 * b
	}
	return 0.6*e + 0.4*b
}

// bestStory returns the best storyline for a profile (excluding one id) and
// the runner-up.
func (w *Weaver) bestStory(entcap, body vec, exclude string) (*storyState, float64, *storyCand) {
	seen := map[string]bool{}
	var cs []storyCand
	probe := func(v vec, n int) {
		for _, k := range v.Top(n) {
			p := w.stIndex[k]
			if len(p) > maxPosting {
				continue
			}
			for _, id := range p {
				if seen[id] || id == exclude {
					continue
				}
				seen[id] = true
				if s := w.stories[id]; s != nil {
					cs = append(cs, storyCand{s, storyScore(entcap, body, s)})
				}
			}
		}
	}
	probe(entcap, 12)
	probe(body, 6)
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].s.id < cs[j].s.id
	})
	if len(cs) == 0 {
		return nil, 0, nil
	}
	var second *storyCand
	if len(cs) > 1 {
		second = &cs[1]
	}
	return cs[0].s, cs[0].score, second
}

func (w *Weaver) addToStory(s *storyState, a *artVec, ev *eventState) {
	s.ent = addPrune(s.ent, a.entcap, 64)
	s.body = addPrune(s.body, a.v[viewBody], 96)
	s.articles++
	widenSpan(&s.first, &s.last, a.day, a.day)
	if ev.n >= s.bigN {
		s.bigN, s.title = ev.n, ev.title
	}
	keepNames(s.names, a.names, s.ent, vec{})
	keepNames(s.labels, a.labels, s.ent, vec{})
	s.seq = w.seq
	w.stLRU.MoveToBack(s.elem)
	if s.articles == 1 || isPow2(s.articles) {
		w.indexStory(s, storyKeys(s))
	}
}

// relinkStory joins a grown event's single-event storyline with the
// storyline its richer profile now matches. The older of the two keeps its
// id: an event that arrived before the reports it belongs with (a court
// appeal read before the fine it appeals) is linked as well as a late one.
func (w *Weaver) relinkStory(t *txn, ev *eventState, own *storyState) (Merge, bool) {
	body := ev.cent[viewBody]
	if body.Norm() == 0 {
		return Merge{}, false
	}
	s, score, _ := w.bestStory(entCap(&ev.cent), unitJoin(body), own.id)
	if s == nil || score < w.m.StoryThreshold {
		return Merge{}, false
	}
	if s.created() > own.created() {
		return w.mergeStories(t, s, own, score), true
	}
	return w.mergeStories(t, own, s, score), true
}

func (s *storyState) created() string { return s.id }

func (w *Weaver) mergeStories(t *txn, from, into *storyState, score float64) Merge {
	into.ent = addPrune(into.ent, from.ent, 64)
	into.body = addPrune(into.body, from.body, 96)
	into.events += from.events
	into.articles += from.articles
	widenSpan(&into.first, &into.last, from.first, from.last)
	if from.bigN > into.bigN {
		into.bigN, into.title = from.bigN, from.title
	}
	keepNames(into.names, from.names, into.ent, vec{})
	keepNames(into.labels, from.labels, into.ent, vec{})
	into.seq = w.seq
	w.stLRU.MoveToBack(into.elem)
	for _, e := range w.events {
		if e.storyline == from.id {
			e.storyline = into.id
		}
	}
	w.stLRU.Remove(from.elem)
	from.elem = nil
	w.indexStory(from, nil)
	delete(w.stories, from.id)
	delete(t.stories, from.id)
	w.salias[from.id] = into.id
	w.indexStory(into, storyKeys(into))
	t.stories[into.id] = into
	return Merge{Kind: "storyline", From: from.id, Into: into.id, Score: score, Seq: w.seq}
}

// record renders an event for the store.
func (ev *eventState) record() EventRecord {
	r := EventRecord{ID: ev.id, Storyline: ev.storyline, Title: ev.title, Articles: ev.n,
		First: formatDay(ev.first), Last: formatDay(ev.last), Created: ev.created, Seq: ev.seq, State: ev.encode()}
	best, bc := noDay, 0
	for d, c := range ev.days {
		if c > bc || (c == bc && d < best) {
			best, bc = d, c
		}
	}
	r.Date = formatDay(best)
	type oc struct {
		o string
		c int
	}
	var os []oc
	for o, c := range ev.outlets {
		os = append(os, oc{o, c})
	}
	sort.Slice(os, func(i, j int) bool {
		if os[i].c != os[j].c {
			return os[i].c > os[j].c
		}
		return os[i].o < os[j].o
	})
	for _, o := range os {
		r.Outlets = append(r.Outlets, o.o)
	}
	r.Actors, r.ActorNames = actors(ev.cent[viewEnt], ev.cent[viewCap], ev.names, ev.labels)
	return r
}

// maxActors is how many key actors an event or storyline lists.
const maxActors = 6

// actors lists the key actors by salience (centroid weight): entities the
// NER identified (typed ids such as "per:…") first, then bare names — a
// storyline's profile mixes both, and for languages without NER names are
// all there is — unless the name is a word of an actor already listed
// ("Habeck" beside "Robert Habeck"). Each display name appears once.
func actors(ent, capv vec, names, labels map[uint64]string) (ids, display []string) {
	src := ent
	if len(src.Keys) == 0 {
		src = capv
	}
	top := src.Top(namesKept)
	listed := map[string]bool{} // lower-cased display names listed
	words := map[string]bool{}  // and their words
	for _, typed := range []bool{true, false} {
		for _, k := range top {
			if len(ids) == maxActors {
				return ids, display
			}
			id, ok := names[k]
			if !ok || isEntityID(id) != typed {
				continue
			}
			d := labels[k]
			if d == "" {
				d = titleCase(id)
			}
			low := strings.ToLower(d)
			if listed[low] || !typed && words[low] {
				continue
			}
			ids = append(ids, id)
			display = append(display, d)
			listed[low] = true
			for _, w := range strings.Fields(low) {
				words[w] = true
			}
		}
	}
	return ids, display
}

// isEntityID reports whether id is an NER entity id ("per:kim-jong-un")
// rather than a bare name key.
func isEntityID(id string) bool {
	i := strings.IndexByte(id, ':')
	return i > 0 && i < 5
}

func titleCase(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 && i < 5 {
		s = s[i+1:]
	}
	s = strings.ReplaceAll(s, "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func (s *storyState) record() StorylineRecord {
	r := StorylineRecord{ID: s.id, Title: s.title, Start: formatDay(s.first), End: formatDay(s.last),
		Events: s.events, Articles: s.articles, Seq: s.seq, State: s.encode()}
	r.Actors, r.ActorNames = actors(s.ent, vec{}, s.names, s.labels)
	return r
}
