package events_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze/events"
	"github.com/newsweave/newsweave/analyze/timex"
)

// deCase is an invented German news sentence with hand-made mentions
// ("Surface/TYPE|…") and its gold triples "action actor>target", flagged
// " !" (negated) and/or " ~" (planned); an empty actor is an unnamed agent.
type deCase struct {
	text, ents string
	gold       []string
}

// deCases: coordination, agentless passives and unnamed agents, planned
// events, negation and sources in German (rules written on these).
var deCases = []deCase{
	// agentless passives and unnamed agents
	{"Julian Assange wurde am Donnerstag in London festgenommen.", "Julian Assange/PER|London/LOC",
		[]string{"arrest >Julian Assange"}},
	{"Die Polizei nahm Alexej Nawalny am Flughafen in Moskau fest.", "Alexej Nawalny/PER|Moskau/LOC",
		[]string{"arrest >Alexej Nawalny"}},
	{"Laut Reuters wurde Evan Gershkovich in Jekaterinburg festgenommen.", "Reuters/ORG|Evan Gershkovich/PER|Jekaterinburg/LOC",
		[]string{"arrest >Evan Gershkovich"}},
	{"Der Reporter Evan Gershkovich ist in Russland verhaftet worden, sagte das Wall Street Journal.",
		"Evan Gershkovich/PER|Russland/LOC|Wall Street Journal/ORG", []string{"arrest >Evan Gershkovich"}},
	{"Alexej Nawalny wurde nicht freigelassen.", "Alexej Nawalny/PER", []string{"release >Alexej Nawalny !"}},
	{"Russland wurde im Februar erneut sanktioniert.", "Russland/LOC", []string{"sanction >Russland"}},
	{"Zwei Journalisten wurden in Teheran festgenommen, berichtete die Agentur Irna.", "Teheran/LOC|Irna/ORG", nil},
	{"Der Vertrag wurde am Freitag in Paris unterzeichnet.", "Paris/LOC", nil},
	// datelines: where the report was filed is no participant
	{"Moskau – Der Präsident Wladimir Putin hat eine Einladung von Kim Jong Un angenommen.", "Moskau/LOC|Wladimir Putin/PER|Kim Jong Un/PER",
		[]string{"accept Wladimir Putin>Kim Jong Un"}},
	{"BERLIN/PARIS (dpa) - Frankreich und Deutschland unterzeichneten am Montag einen Vertrag.", "BERLIN/LOC|PARIS/LOC|Frankreich/LOC|Deutschland/LOC",
		[]string{"sign Frankreich>Deutschland"}},
	{"Putin lädt Kim Jong Un zur Parade nach Moskau ein.", "Putin/PER|Kim Jong Un/PER|Moskau/LOC", []string{"invite Putin>Kim Jong Un"}},
	// passives with a named agent
	{"Kim Jong Un wurde von Wladimir Putin und Xi Jinping eingeladen.", "Kim Jong Un/PER|Wladimir Putin/PER|Xi Jinping/PER",
		[]string{"invite Wladimir Putin>Kim Jong Un", "invite Xi Jinping>Kim Jong Un"}},
	{"Russland wurde von der EU sanktioniert.", "Russland/LOC|EU/ORG", []string{"sanction EU>Russland"}},
	{"Der Vertrag soll am Freitag von Deutschland und Polen unterzeichnet werden.", "Deutschland/LOC|Polen/LOC",
		[]string{"sign Deutschland>Polen ~"}},
	// coordination
	{"Die EU und Großbritannien verhängten Sanktionen gegen Iran.", "EU/ORG|Großbritannien/LOC|Iran/LOC",
		[]string{"sanction EU>Iran", "sanction Großbritannien>Iran"}},
	{"Die USA, Kanada und Japan verhängten am Montag Sanktionen gegen Russland.", "USA/LOC|Kanada/LOC|Japan/LOC|Russland/LOC",
		[]string{"sanction USA>Russland", "sanction Kanada>Russland", "sanction Japan>Russland"}},
	{"Russland kritisierte die USA und Großbritannien.", "Russland/LOC|USA/LOC|Großbritannien/LOC",
		[]string{"criticize Russland>USA", "criticize Russland>Großbritannien"}},
	{"Frankreich und Deutschland unterzeichneten am Montag einen Vertrag.", "Frankreich/LOC|Deutschland/LOC",
		[]string{"sign Frankreich>Deutschland"}},
	{"Deutschland und Frankreich lieferten keine Waffen an die Ukraine.", "Deutschland/LOC|Frankreich/LOC|Ukraine/LOC",
		[]string{"arms Deutschland>Ukraine !", "arms Frankreich>Ukraine !"}},
	{"Nach Angaben der Nachrichtenagentur Tass trafen sich Putin und Lukaschenko in Minsk.", "Tass/ORG|Putin/PER|Lukaschenko/PER|Minsk/LOC",
		[]string{"meet Putin>Lukaschenko"}},
	{"Die Regierung teilte mit, dass Belarus den Oppositionellen Ales Bjaljazki freigelassen habe.", "Belarus/LOC|Ales Bjaljazki/PER",
		[]string{"release Belarus>Ales Bjaljazki"}},
	// planned
	{"Olaf Scholz will nächste Woche China besuchen.", "Olaf Scholz/PER|China/LOC", []string{"visit Olaf Scholz>China ~"}},
	{"Emmanuel Macron kündigte an, Indien im März zu besuchen.", "Emmanuel Macron/PER|Indien/LOC", []string{"visit Emmanuel Macron>Indien ~"}},
	{"Die EU will neue Sanktionen gegen Belarus verhängen.", "EU/ORG|Belarus/LOC", []string{"sanction EU>Belarus ~"}},
	{"Japan beabsichtigt, Waffen an die Ukraine zu liefern.", "Japan/LOC|Ukraine/LOC", []string{"arms Japan>Ukraine ~"}},
	{"Putin wird Kim am Mittwoch treffen.", "Putin/PER|Kim/PER", []string{"meet Putin>Kim ~"}},
	{"Nawalny wird in Moskau festgenommen.", "Nawalny/PER|Moskau/LOC", []string{"arrest >Nawalny"}},
}

// deBlind was written before any output of the German rules was seen; its
// first run is the honest estimate (see README).
var deBlind = []deCase{
	{"Die Polizei in Minsk hat die Journalistin Maria Petrowa festgenommen.", "Minsk/LOC|Maria Petrowa/PER",
		[]string{"arrest >Maria Petrowa"}},
	{"Italien und Spanien kritisierten die Türkei scharf.", "Italien/LOC|Spanien/LOC|Türkei/LOC",
		[]string{"criticize Italien>Türkei", "criticize Spanien>Türkei"}},
	{"Der Oppositionspolitiker Ilja Jaschin wurde am Dienstag freigelassen.", "Ilja Jaschin/PER",
		[]string{"release >Ilja Jaschin"}},
	{"Der Menschenrechtler Oleg Orlow ist in Moskau verhaftet worden, teilte seine Anwältin mit.", "Oleg Orlow/PER|Moskau/LOC",
		[]string{"arrest >Oleg Orlow"}},
	{"Kanada, Australien und Neuseeland verhängten neue Sanktionen gegen Myanmar.", "Kanada/LOC|Australien/LOC|Neuseeland/LOC|Myanmar/LOC",
		[]string{"sanction Kanada>Myanmar", "sanction Australien>Myanmar", "sanction Neuseeland>Myanmar"}},
	{"Laut Tass wird Wladimir Putin im Oktober China besuchen.", "Tass/ORG|Wladimir Putin/PER|China/LOC",
		[]string{"visit Wladimir Putin>China ~"}},
	{"Annalena Baerbock will ihren Amtskollegen Wang Yi in Berlin empfangen.", "Annalena Baerbock/PER|Wang Yi/PER|Berlin/LOC",
		[]string{"host Annalena Baerbock>Wang Yi ~"}},
	{"Die Ukraine und Polen haben am Freitag ein Abkommen unterzeichnet.", "Ukraine/LOC|Polen/LOC",
		[]string{"sign Ukraine>Polen"}},
	{"Nordkorea hat Japan und Südkorea mit Vergeltung gedroht.", "Nordkorea/LOC|Japan/LOC|Südkorea/LOC",
		[]string{"threaten Nordkorea>Japan", "threaten Nordkorea>Südkorea"}},
	{"Der Anwalt Wei Liang wurde von chinesischen Behörden festgenommen.", "Wei Liang/PER",
		[]string{"arrest >Wei Liang"}},
	{"Recep Tayyip Erdogan hat Emmanuel Macron nicht getroffen.", "Recep Tayyip Erdogan/PER|Emmanuel Macron/PER",
		[]string{"meet Recep Tayyip Erdogan>Emmanuel Macron !"}},
	{"Reuters zufolge wurden die Aktivisten Anna Berg und Jonas Keller in Teheran festgenommen.",
		"Reuters/ORG|Anna Berg/PER|Jonas Keller/PER|Teheran/LOC", []string{"arrest >Anna Berg", "arrest >Jonas Keller"}},
	{"Die Regierung kündigte an, Waffen an die Ukraine und Moldau zu liefern.", "Ukraine/LOC|Moldau/LOC",
		[]string{"arms >Ukraine ~", "arms >Moldau ~"}},
	{"Der Kreml sagte, Russland werde Kim Jong Un nicht einladen.", "Kreml/ORG|Russland/LOC|Kim Jong Un/PER",
		[]string{"invite Russland>Kim Jong Un ! ~"}},
	{"Frankreich sowie Belgien unterstützen die Ukraine.", "Frankreich/LOC|Belgien/LOC|Ukraine/LOC",
		[]string{"support Frankreich>Ukraine", "support Belgien>Ukraine"}},
}

// deArticle builds a German article from a case, tagging times.
func deArticle(t testing.TB, text, ents string) *newsweave.Article {
	a := enArticle(t, text, ents, "2014-12-20")
	a.Lang = "de"
	anchor, _ := time.Parse("2006-01-02", "2014-12-20")
	a.Times = timex.New().Tag(text, anchor, "de")
	return a
}

// scoreTriples compares extracted triples with gold ones; it returns true
// positives, false positives, false negatives, right flags and messages.
func scoreTriples(evs []newsweave.Event, gold []string) (tp, fp, fn, flagOK int, msgs []string) {
	got := map[string]newsweave.Event{}
	for _, e := range evs {
		got[triple(e)] = e
	}
	want := map[string]string{}
	for _, g := range gold {
		tr, fl := g, ""
		if i := strings.IndexAny(g, "!~"); i > 0 {
			tr, fl = strings.TrimSpace(g[:i]), " "+g[i:]
		}
		want[tr] = fl
	}
	for tr, fl := range want {
		e, ok := got[tr]
		if !ok {
			fn++
			msgs = append(msgs, "missing "+tr+fl)
			continue
		}
		tp++
		if flags(e) == fl {
			flagOK++
		} else {
			msgs = append(msgs, fmt.Sprintf("%s: flags %q, want %q", tr, flags(e), fl))
		}
	}
	for tr, e := range got {
		if _, ok := want[tr]; !ok {
			fp++
			msgs = append(msgs, "extra "+tr+flags(e))
		}
	}
	sort.Strings(msgs)
	return
}

func runDE(t *testing.T, name string, cases []deCase, strict bool) (p, r float64) {
	x := events.New()
	var tp, fp, fn, flagOK int
	for _, c := range cases {
		evs, _ := x.Extract(deArticle(t, c.text, c.ents))
		a, b, cN, f, msgs := scoreTriples(evs, c.gold)
		tp, fp, fn, flagOK = tp+a, fp+b, fn+cN, flagOK+f
		if len(msgs) > 0 {
			if strict {
				t.Errorf("%s\n\t%s", c.text, strings.Join(msgs, "\n\t"))
			} else {
				t.Logf("%s\n\t%s", c.text, strings.Join(msgs, "\n\t"))
			}
		}
	}
	p = float64(tp) / float64(max(tp+fp, 1))
	r = float64(tp) / float64(max(tp+fn, 1))
	t.Logf("German %s: %d sentences, %d gold, precision %.3f, recall %.3f, negated/planned flags %d/%d",
		name, len(cases), tp+fn, p, r, flagOK, tp)
	return p, r
}

// TestGermanEvents checks coordination, agentless passives, unnamed agents,
// planned events, negation and sources on the development sentences.
func TestGermanEvents(t *testing.T) {
	runDE(t, "development", deCases, true)
}

// TestGermanBlind measures the blind sentences; misses are logged, and the
// test fails only if the figures drop below what the rules reached.
func TestGermanBlind(t *testing.T) {
	p, r := runDE(t, "blind", deBlind, false)
	if p < 0.9 || r < 0.9 {
		t.Errorf("precision %.3f / recall %.3f dropped", p, r)
	}
}
