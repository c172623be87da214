package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/newsweave/newsweave"
)

// SynthArticle is a generated article with its true event and storyline.
type SynthArticle struct {
	Article   *newsweave.Article
	Event     int
	Storyline int
	CopyOf    string // id of the article it was copied from, or ""
}

// Synthetic generates n articles of a German-like news stream: storylines
// with recurring actors, events (a few days long) within them, several
// reports per event from different outlets, and about 10% perturbed agency
// copies. Dates advance over the stream; the generator is deterministic for
// a seed. It is used by benchmarks and tests (no shared data needed).
func Synthetic(n int, seed uint64) []SynthArticle {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	syl := []string{"ka", "ro", "mi", "ten", "sal", "ber", "lin", "do", "vo", "ner", "ha", "gus", "tra", "pel", "wen", "schu", "mar", "eck", "ol", "din", "fa", "rek", "zu", "bra"}
	word := func() string {
		k := 2 + r.IntN(3)
		var b strings.Builder
		for i := 0; i < k; i++ {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		return b.String()
	}
	name := func() string {
		w := word()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	common := make([]string, 5000)
	for i := range common {
		common[i] = word()
	}
	filler := []string{"der", "die", "das", "und", "in", "mit", "nach", "am", "hat", "wurde", "sagte", "laut", "einer", "bei", "für"}
	outlets := []string{"taz.de", "faz.net", "spiegel.de", "zeit.de", "welt.de", "sueddeutsche.de", "derstandard.at", "handelsblatt.com", "n-tv.de", "tagesschau.de"}
	type story struct {
		actors []string
		terms  []string
	}
	type event struct {
		story int
		day   time.Time
		terms []string
		place string
		nums  []string
		left  int
	}
	var stories []story
	var lastDay []time.Time
	var events []*event
	var out []SynthArticle
	day := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	evID := 0
	var open []int // events still receiving reports
	for len(out) < n {
		// Open a new event now and then; a third of them continue an
		// existing storyline.
		if len(open) < 12 || r.IntN(4) == 0 {
			si := len(stories)
			if len(stories) > 0 && r.IntN(3) == 0 {
				// A sequel: a storyline whose last event is weeks old.
				c := r.IntN(len(stories))
				if day.Sub(lastDay[c]) > 30*24*time.Hour {
					si = c
				}
			}
			if si == len(stories) {
				s := story{}
				for i := 0; i < 3; i++ {
					s.actors = append(s.actors, name()+" "+name())
				}
				for i := 0; i < 6; i++ {
					s.terms = append(s.terms, word())
				}
				stories = append(stories, s)
				lastDay = append(lastDay, day)
			}
			lastDay[si] = day
			e := &event{story: si, day: day, place: name(), left: 2 + r.IntN(12)}
			for i := 0; i < 8; i++ {
				e.terms = append(e.terms, word())
			}
			for i := 0; i < 2; i++ {
				e.nums = append(e.nums, fmt.Sprint(2+r.IntN(500)))
			}
			events = append(events, e)
			open = append(open, evID)
			evID++
		}
		k := r.IntN(len(open))
		ei := open[k]
		e := events[ei]
		s := stories[e.story]
		pub := e.day.AddDate(0, 0, r.IntN(3))
		if pub.After(day) {
			day = pub
		}
		// Copy an earlier report of the event now and then.
		if r.IntN(10) == 0 {
			var prev []int
			for i := len(out) - 1; i >= 0 && i >= len(out)-200; i-- {
				if out[i].Event == ei && out[i].CopyOf == "" {
					prev = append(prev, i)
				}
			}
			if len(prev) > 0 {
				src := out[prev[r.IntN(len(prev))]].Article
				words := strings.Fields(src.Text)
				for j := 0; j < len(words)/25; j++ {
					words[r.IntN(len(words))] = common[r.IntN(len(common))]
				}
				text := strings.Join(words, " ") + " " + common[r.IntN(len(common))]
				a := &newsweave.Article{Title: src.Title, Text: text, Published: pub.Format("2006-01-02"), Source: outlets[r.IntN(len(outlets))], Lang: "de", Agencies: src.Agencies}
				a.ID = newsweave.ContentID(a.Title, a.Text)
				out = append(out, SynthArticle{Article: a, Event: ei, Storyline: e.story, CopyOf: src.ID})
				continue
			}
		}
		var b strings.Builder
		sentences := 6 + r.IntN(10)
		for i := 0; i < sentences; i++ {
			parts := []string{s.actors[r.IntN(len(s.actors))], filler[r.IntN(len(filler))], e.terms[r.IntN(len(e.terms))]}
			for j := 0; j < 6; j++ {
				switch r.IntN(6) {
				case 0:
					parts = append(parts, e.terms[r.IntN(len(e.terms))])
				case 1:
					parts = append(parts, s.terms[r.IntN(len(s.terms))])
				case 2:
					parts = append(parts, filler[r.IntN(len(filler))])
				default:
					parts = append(parts, common[r.IntN(len(common))])
				}
			}
			if r.IntN(3) == 0 {
				parts = append(parts, "in", e.place)
			}
			if r.IntN(4) == 0 {
				parts = append(parts, e.nums[r.IntN(len(e.nums))])
			}
			b.WriteString(strings.Join(parts, " "))
			b.WriteString(". ")
		}
		title := s.actors[0] + ": " + e.terms[0] + " " + e.terms[1] + " in " + e.place
		a := &newsweave.Article{Title: title, Text: b.String(), Published: pub.Format("2006-01-02"), Source: outlets[r.IntN(len(outlets))], Lang: "de"}
		if r.IntN(3) == 0 {
			a.Agencies = []string{"dpa"}
		}
		for _, act := range s.actors {
			if strings.Contains(a.Text, act) {
				a.Entities = append(a.Entities, newsweave.Mention{Text: act, Type: newsweave.PER, Canonical: act, EntityID: "per:" + strings.ToLower(strings.ReplaceAll(act, " ", "-"))})
			}
		}
		a.ID = newsweave.ContentID(a.Title, a.Text)
		out = append(out, SynthArticle{Article: a, Event: ei, Storyline: e.story})
		e.left--
		if e.left <= 0 {
			open = append(open[:k], open[k+1:]...)
		}
		if r.IntN(8) == 0 {
			day = day.AddDate(0, 0, 1)
		}
	}
	return out
}
