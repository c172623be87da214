package events_test

import (
	"testing"
	"time"
	"unicode"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze/events"
	"github.com/newsweave/newsweave/analyze/timex"
)

// FuzzExtract feeds arbitrary text (English or German) with every
// capitalised word as a mention and checks that extraction neither panics
// nor returns events outside the text or with names that are no mention.
func FuzzExtract(f *testing.F) {
	for _, c := range enCases {
		f.Add(c.text, "en")
	}
	f.Add("Russland hat Kim am 9. Mai 2015 nach Moskau eingeladen, sagte Peskow.", "de")
	f.Add("Putin's visit (to Kim, said) by , 'and' t. , killing - signs of", "")
	f.Add("X was\n\n. by ; ) ( , having signed", "en")
	types := []string{newsweave.PER, newsweave.LOC, newsweave.ORG}
	tg, x := timex.New(), events.New()
	f.Fuzz(func(t *testing.T, text, lang string) {
		if len(text) > 4096 {
			return
		}
		a := &newsweave.Article{Title: text, Text: text, Lang: lang, Published: "2014-12-20"}
		runes := []rune(text)
		names := map[string]bool{}
		for i := 0; i < len(runes); {
			if !unicode.IsUpper(runes[i]) {
				i++
				continue
			}
			j := i
			for j < len(runes) && (unicode.IsLetter(runes[j]) || runes[j] == '-') {
				j++
			}
			if j == i {
				j = i + 1
			}
			name := string(runes[i:j])
			names[name] = true
			a.Entities = append(a.Entities, newsweave.Mention{Text: name, Canonical: name, Type: types[i%3], Start: i, End: j})
			i = j
		}
		// a broken mention must not crash the extractor either
		a.Entities = append(a.Entities, newsweave.Mention{Text: "?", Start: len(runes) + 3, End: len(runes) + 1})
		a.Times = tg.Tag(text, time.Date(2014, 12, 20, 0, 0, 0, 0, time.UTC), lang)
		evs, _ := x.Extract(a)
		for _, e := range evs {
			if e.SentStart < 0 || e.SentEnd > len(runes) || e.SentStart > e.SentEnd {
				t.Fatalf("sentence %d–%d outside a text of %d runes", e.SentStart, e.SentEnd, len(runes))
			}
			if e.Actor.Name != "" && !names[e.Actor.Name] && e.Actor.Name != "?" && !isDemonymCountry(e.Actor.Name) {
				t.Fatalf("actor %q is no mention", e.Actor.Name)
			}
			if e.Action == "" {
				t.Fatal("event without action")
			}
		}
	})
}

func isDemonymCountry(s string) bool {
	switch s {
	case "Nordkorea", "Südkorea", "Russland", "USA", "China", "Japan", "Ukraine", "Deutschland", "Iran":
		return true
	}
	return false
}
