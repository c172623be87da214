// Package compare says whether two articles report the same story, on the
// seven SemEval-2022 Task 8 dimensions (Geography, Entities, Time,
// Narrative, Overall, Style, Tone; 1 = same … 4 = unrelated), and why.
//
// Both articles are prepared once by package represent. Featurize turns a
// pair into evidence features (term, head-and-tail, title, phrase,
// bilingual (both directions of translation) and character n-gram cosines; salience-weighted entity overlap
// per type; country overlap; event-date, publication-date, mentioned-date
// and year gaps; number and event-action overlap; length ratio; MinHash and
// SimHash near-duplicate overlap; the language pair). A small
// gradient-boosted tree ensemble per dimension, trained by `newsweave train
// compare` on the SemEval-2022 pairs and embedded as model.json, maps the
// features to scores.
//
// For the clusterer: Score (no evidence, no allocation) and Similarity (one
// number in [0,1]) are cheap; Compare adds the evidence for people.
package compare

import (
	"math"
	"slices"
	"sort"

	"github.com/newsweave/newsweave/represent"
)

// Result is the comparison of two articles: scores and the evidence behind them.
type Result struct {
	Scores   Scores   `json:"scores"`
	Evidence Evidence `json:"evidence"`
}

// Evidence explains the scores, grouped by dimension.
type Evidence struct {
	Languages     string            `json:"languages"` // e.g. "de-en"
	NearDuplicate bool              `json:"near_duplicate"`
	Overlap       float64           `json:"shingle_overlap"` // MinHash Jaccard estimate of word 3-shingles
	Geography     GeographyEvidence `json:"geography"`
	Entities      EntityEvidence    `json:"entities"`
	Time          TimeEvidence      `json:"time"`
	Narrative     NarrativeEvidence `json:"narrative"`
	Style         StyleEvidence     `json:"style"`
}

// GeographyEvidence lists the places and countries on each side.
type GeographyEvidence struct {
	SharedPlaces    []string `json:"shared_places"`
	OnlyA           []string `json:"only_a"`
	OnlyB           []string `json:"only_b"`
	SharedCountries []string `json:"shared_countries"`
	CountriesA      []string `json:"countries_a"`
	CountriesB      []string `json:"countries_b"`
}

// EntityEvidence lists shared and differing entities (most salient first).
type EntityEvidence struct {
	Shared  []string `json:"shared"`
	OnlyA   []string `json:"only_a"`
	OnlyB   []string `json:"only_b"`
	Overlap float64  `json:"weighted_overlap"` // salience-weighted Jaccard
}

// TimeEvidence gives the dates each article is about and their gaps.
type TimeEvidence struct {
	EventDateA     string  `json:"event_date_a,omitempty"`
	EventDateB     string  `json:"event_date_b,omitempty"`
	EventGapDays   *int    `json:"event_gap_days,omitempty"`
	PublishedA     string  `json:"published_a,omitempty"`
	PublishedB     string  `json:"published_b,omitempty"`
	PublishedGap   *int    `json:"published_gap_days,omitempty"`
	YearA          int     `json:"main_year_a,omitempty"`
	YearB          int     `json:"main_year_b,omitempty"`
	YearsJaccard   float64 `json:"years_overlap"`
	SharedDates    int     `json:"shared_dates"`
	NearestDateGap *int    `json:"nearest_date_gap_days,omitempty"`
}

// NarrativeEvidence gives the shared vocabulary and actions.
type NarrativeEvidence struct {
	SharedTerms   []string `json:"shared_terms"`
	SharedPhrases []string `json:"shared_phrases"`
	SharedActions []string `json:"shared_actions,omitempty"`
	TermCosine    float64  `json:"term_cosine"`
	HeadCosine    float64  `json:"head_cosine"`
	CrossCosine   float64  `json:"bilingual_cosine"`
	NumbersShared float64  `json:"numbers_overlap"`
}

// StyleEvidence gives surface similarity.
type StyleEvidence struct {
	WordsA      int     `json:"words_a"`
	WordsB      int     `json:"words_b"`
	LengthRatio float64 `json:"length_ratio"`
	GramCosine  float64 `json:"char_ngram_cosine"`
}

// NearDuplicateOverlap is the shingle overlap from which two articles count
// as near-duplicates (one is a copy or light edit of the other).
const NearDuplicateOverlap = 0.5

// Comparer scores pairs with one model. Safe for concurrent use.
type Comparer struct {
	m *Model
}

// New returns a Comparer with model m (nil: the committed model).
func New(m *Model) (*Comparer, error) {
	if m == nil {
		var err error
		if m, err = DefaultModel(); err != nil {
			return nil, err
		}
	}
	return &Comparer{m: m}, nil
}

// Score returns the seven scores of a pair without evidence.
func (c *Comparer) Score(a, b *represent.Doc) Scores {
	f := Featurize(a, b)
	return c.m.Predict(&f)
}

// Similarity maps the Overall score to [0,1] (1 = same story).
func (c *Comparer) Similarity(a, b *represent.Doc) float64 {
	f := Featurize(a, b)
	return (4 - c.m.predictDim(&f, Overall)) / 3
}

// Compare returns scores and evidence.
func (c *Comparer) Compare(a, b *represent.Doc) Result {
	f := Featurize(a, b)
	return Result{Scores: c.m.Predict(&f), Evidence: explain(a, b, &f)}
}

// Compare compares two prepared articles with the committed model. If the
// model cannot be loaded (a broken build) the scores are Neutral.
func Compare(a, b *represent.Doc) Result {
	c, err := New(nil)
	if err != nil {
		f := Featurize(a, b)
		return Result{Scores: Neutral, Evidence: explain(a, b, &f)}
	}
	return c.Compare(a, b)
}

// Score scores two prepared articles with the committed model (Neutral if
// the model cannot be loaded).
func Score(a, b *represent.Doc) Scores {
	m, err := DefaultModel()
	if err != nil {
		return Neutral
	}
	f := Featurize(a, b)
	return m.Predict(&f)
}

// Similarity is Comparer.Similarity with the committed model.
func Similarity(a, b *represent.Doc) float64 {
	return (4 - Score(a, b)[Overall]) / 3
}

func explain(a, b *represent.Doc, f *Features) Evidence {
	var ev Evidence
	ev.Languages = langOr(a.Lang) + "-" + langOr(b.Lang)
	ev.Overlap = round(f[25])
	ev.NearDuplicate = f[25] >= NearDuplicateOverlap

	// Entities and places.
	type side struct {
		name string
		w    float32
	}
	var shared, onlyA, onlyB, shP, oaP, obP []side
	i, j := 0, 0
	ea, eb := a.Entities, b.Entities
	for i < len(ea) || j < len(eb) {
		switch {
		case j >= len(eb) || (i < len(ea) && ea[i].Key < eb[j].Key):
			onlyA = append(onlyA, side{ea[i].Name, ea[i].Weight})
			if ea[i].Type == "LOC" {
				oaP = append(oaP, side{ea[i].Name, ea[i].Weight})
			}
			i++
		case i >= len(ea) || eb[j].Key < ea[i].Key:
			onlyB = append(onlyB, side{eb[j].Name, eb[j].Weight})
			if eb[j].Type == "LOC" {
				obP = append(obP, side{eb[j].Name, eb[j].Weight})
			}
			j++
		default:
			shared = append(shared, side{ea[i].Name, ea[i].Weight + eb[j].Weight})
			if ea[i].Type == "LOC" {
				shP = append(shP, side{ea[i].Name, ea[i].Weight + eb[j].Weight})
			}
			i++
			j++
		}
	}
	names := func(s []side, k int) []string {
		sort.SliceStable(s, func(x, y int) bool { return s[x].w > s[y].w })
		out := []string{}
		for _, e := range s {
			if len(out) == k {
				break
			}
			out = append(out, e.name)
		}
		return out
	}
	ev.Entities = EntityEvidence{Shared: names(shared, 15), OnlyA: names(onlyA, 10), OnlyB: names(onlyB, 10), Overlap: round(max(f[8], 0))}
	ev.Geography = GeographyEvidence{SharedPlaces: names(shP, 10), OnlyA: names(oaP, 10), OnlyB: names(obP, 10),
		SharedCountries: intersect(a.Countries, b.Countries), CountriesA: orEmpty(a.Countries), CountriesB: orEmpty(b.Countries)}

	// Time.
	t := TimeEvidence{EventDateA: represent.DayString(a.EventDay), EventDateB: represent.DayString(b.EventDay),
		PublishedA: represent.DayString(a.Published), PublishedB: represent.DayString(b.Published),
		YearA: int(a.MainYear), YearB: int(b.MainYear), YearsJaccard: round(max(f[19], 0))}
	if a.EventDay != represent.NoDay && b.EventDay != represent.NoDay {
		g := int(abs32(a.EventDay - b.EventDay))
		t.EventGapDays = &g
	}
	if a.Published != represent.NoDay && b.Published != represent.NoDay {
		g := int(abs32(a.Published - b.Published))
		t.PublishedGap = &g
	}
	if len(a.Days) > 0 && len(b.Days) > 0 {
		g := int(nearest(a.Days, b.Days, math.MaxInt32))
		t.NearestDateGap = &g
		for _, d := range a.Days {
			if _, ok := slices.BinarySearch(b.Days, d); ok {
				t.SharedDates++
			}
		}
	}
	ev.Time = t

	// Narrative: shared terms by the product of their weights.
	ev.Narrative = NarrativeEvidence{
		SharedTerms:   sharedWords(a, b, a.Terms, b.Terms, 12),
		SharedPhrases: sharedWords(a, b, a.Phrases, b.Phrases, 8),
		SharedActions: intersect(a.Actions, b.Actions),
		TermCosine:    round(f[0]), HeadCosine: round(f[1]), CrossCosine: round(f[4]),
		NumbersShared: round(max(f[21], 0)),
	}
	if len(ev.Narrative.SharedActions) == 0 {
		ev.Narrative.SharedActions = nil
	}
	ev.Style = StyleEvidence{WordsA: a.Words, WordsB: b.Words, LengthRatio: round(f[23]), GramCosine: round(f[5])}
	return ev
}

func sharedWords(a, b *represent.Doc, va, vb represent.Vector, k int) []string {
	type kw struct {
		key uint64
		w   float64
	}
	var ks []kw
	i, j := 0, 0
	for i < len(va.Keys) && j < len(vb.Keys) {
		switch {
		case va.Keys[i] == vb.Keys[j]:
			ks = append(ks, kw{va.Keys[i], float64(va.Weights[i]) * float64(vb.Weights[j])})
			i++
			j++
		case va.Keys[i] < vb.Keys[j]:
			i++
		default:
			j++
		}
	}
	sort.Slice(ks, func(x, y int) bool {
		if ks[x].w != ks[y].w {
			return ks[x].w > ks[y].w
		}
		return ks[x].key < ks[y].key
	})
	out := []string{}
	for _, e := range ks {
		if len(out) == k {
			break
		}
		w := a.Word(e.key)
		if w == "" {
			w = b.Word(e.key)
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

func intersect(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			out = append(out, x)
		}
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func langOr(l string) string {
	if l == "" {
		return "und"
	}
	return l
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }
