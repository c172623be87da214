package timex

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/internal/shared"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTagNews(t *testing.T) {
	cases := []struct {
		lang, anchor, text, want, value, mod string
	}{
		{"de", "2014-12-20", "Kim soll am 9. Mai 2015 nach Moskau reisen.", "9. Mai 2015", "2015-05-09", ""},
		{"de", "2014-12-20", "sagte Peskow am Freitag der Agentur Tass.", "Freitag", "2014-12-19", ""},
		{"de", "2014-12-19", "sagte Peskow am Freitag.", "Freitag", "2014-12-19", ""},
		{"de", "2014-12-20", "Lawrow erklärte im November, Nordkorea sei bereit.", "November", "2014-11", ""},
		{"de", "2014-11-20", "Kim könne dort im Mai an den Feiern teilnehmen.", "Mai", "2015-05", ""},
		{"de", "2023-09-15", "Vergangene Woche hat die Ministerin Russland besucht.", "Vergangene Woche", "2023-W36", ""},
		{"de", "2024-01-22", "Kirby äußerte Anfang Jänner Sorgen.", "Anfang Jänner", "2024-01", "START"},
		{"de", "2014-12-20", "wie im März 2013 bei Angriffen auf Banken", "März 2013", "2013-03", ""},
		{"de", "2014-12-20", "Das war vor zwei Jahren.", "vor zwei Jahren", "2012", ""},
		{"de", "2014-12-20", "Es gibt seit 2011 Gespräche.", "2011", "2011", ""},
		{"de", "2014-12-20", "Der Vertrag gilt vier Jahre.", "vier Jahre", "P4Y", ""},
		{"de", "2014-12-20", "Die Feier findet jährlich statt.", "jährlich", "P1Y", ""},
		{"de", "2014-12-20", "Im Sommer 1971 kam es zum Streit.", "Sommer 1971", "1971-SU", ""},
		{"de", "2014-12-20", "Der Angriff begann am 1.9.39 um 4:45 Uhr.", "1.9.39", "1939-09-01", ""},
		{"de", "2014-12-20", "Das geschah 490 v. Chr. bei Marathon.", "490 v. Chr.", "BC0490", ""},
		{"de", "2014-12-20", "in den 1990er Jahren", "den 1990er Jahren", "199", ""},
		{"de", "2014-12-20", "im 20. Jahrhundert", "20. Jahrhundert", "19", ""},
		{"de", "2014-12-20", "Das hat er gestern gesagt.", "gestern", "2014-12-19", ""},
		{"de", "2014-12-20", "Ende des Jahres soll es fertig sein.", "Ende des Jahres", "2014", "END"},
		{"de", "2023-09-15", "ihr erster Gipfel seit vier Jahren", "vier Jahren", "P4Y", ""},
		{"de", "2023-09-15", "Kim kam am Dienstag nach Russland.", "Dienstag", "2023-09-12", ""},
		{"en", "2014-12-20", "Putin invited Kim for May 9, 2015.", "May 9, 2015", "2015-05-09", ""},
		{"en", "2014-12-20", "the FBI said on Friday", "Friday", "2014-12-19", ""},
		{"en", "2023-09-15", "talks resumed last week", "last week", "2023-W36", ""},
		{"en", "2014-12-20", "it happened two years ago", "two years ago", "2012", ""},
		{"en", "2014-12-20", "in March 2013 hackers struck", "March 2013", "2013-03", ""},
		{"en", "2024-01-22", "Kirby spoke in early January", "early January", "2024-01", "START"},
		{"en", "2014-12-20", "a deal for four years", "four years", "P4Y", ""},
		{"en", "2014-12-20", "Meetings are held annually.", "annually", "P1Y", ""},
	}
	tg := New()
	for _, c := range cases {
		got := tg.Tag(c.text, day(c.anchor), c.lang)
		ok := false
		for _, x := range got {
			if x.Text == c.want {
				ok = true
				if x.Value != c.value || x.Mod != c.mod {
					t.Errorf("%q in %q: value %q mod %q, want %q %q", c.want, c.text, x.Value, x.Mod, c.value, c.mod)
				}
				if r := []rune(c.text); string(r[x.Start:x.End]) != x.Text {
					t.Errorf("%q: offsets %d-%d do not match text", c.want, x.Start, x.End)
				}
			}
		}
		if !ok {
			t.Errorf("%q: expression %q not found in %+v", c.text, c.want, got)
		}
	}
}

// TestTagEnglishNews: invented English news sentences, anchored at Saturday
// 2014-12-20. An explicit "last"/"next" beats tense cues elsewhere in the
// clause, and "to" is no future marker.
func TestTagEnglishNews(t *testing.T) {
	cases := []struct{ text, want, value, mod string }{
		{"The minister said last Tuesday that talks would resume.", "last Tuesday", "2014-12-16", ""},
		{"He went to Moscow on Friday.", "Friday", "2014-12-19", ""},
		{"She returned last Friday and will leave next Friday.", "last Friday", "2014-12-19", ""},
		{"She returned last Friday and will leave next Friday.", "next Friday", "2014-12-26", ""},
		{"The vote is scheduled for next Tuesday.", "next Tuesday", "2014-12-23", ""},
		{"The summit was held on May 9 in Moscow.", "May 9", "2014-05-09", ""},
		{"Officials will meet on May 9.", "May 9", "2015-05-09", ""},
		{"The deal was signed two years ago.", "two years ago", "2012", ""},
		{"He visited Pyongyang in early January.", "early January", "2014-01", "START"},
		{"The talks, which began in January, ended last month.", "last month", "2014-11", ""},
		{"The plant closed in late 2013 after 40 years.", "late 2013", "2013", "END"},
		{"The plant closed in late 2013 after 40 years.", "40 years", "P40Y", ""},
		{"He arrived on Monday, March 3, and left three days later.", "three days later", "2014-03-06", ""},
		{"Elections are due next year.", "next year", "2015", ""},
	}
	for _, c := range cases {
		ok := false
		for _, x := range New().Tag(c.text, day("2014-12-20"), "en") {
			if x.Text == c.want {
				ok = true
				if x.Value != c.value || x.Mod != c.mod {
					t.Errorf("%q in %q: value %q mod %q, want %q %q", c.want, c.text, x.Value, x.Mod, c.value, c.mod)
				}
			}
		}
		if !ok {
			t.Errorf("%q: expression %q not found", c.text, c.want)
		}
	}
}

func TestNoFalseHits(t *testing.T) {
	for _, s := range []string{
		"Die Armee hatte 1370 Landungsboote und über 2000 Flugzeuge.",
		"Es kostet 100 Millionen US-Dollar.",
		"Die Tagesordnung sieht das vor.",
		"Man versteht sich: die Regierung in Pjöngjang.",
		"you may go home",
	} {
		lang := "de"
		if strings.HasPrefix(s, "you") {
			lang = "en"
		}
		if got := New().Tag(s, day("2014-12-20"), lang); len(got) > 0 {
			t.Errorf("%q: unexpected %+v", s, got)
		}
	}
}

func TestNarrativeAnchoring(t *testing.T) {
	text := "Am 22. Juni 1941 begann der Angriff. Am 29. Juni fasste sich die Führung. Zwei Tage später fiel Minsk. Im Oktober begann es zu schneien."
	checkValues(t, NewNarrative().Tag(text, day("2011-02-16"), "de"),
		map[string]string{"22. Juni 1941": "1941-06-22", "29. Juni": "1941-06-29", "Zwei Tage später": "1941-07-01", "Oktober": "1941-10"})
}

// checkValues checks that every expression text in want is tagged with the
// wanted value (other tagged expressions are not checked).
func checkValues(t *testing.T, got []newsweave.TimeExpr, want map[string]string) {
	t.Helper()
	want = maps.Clone(want)
	for _, x := range got {
		if w, ok := want[x.Text]; ok {
			if x.Value != w {
				t.Errorf("%q = %q, want %q", x.Text, x.Value, w)
			}
			delete(want, x.Text)
		}
	}
	for k := range want {
		t.Errorf("missing %q", k)
	}
}

// TestNarrativeReference checks how the narrative reference time moves:
// background dates (past perfect, "seit"), coarser mentions of the same
// period, enumerations and unit-after phrases.
func TestNarrativeReference(t *testing.T) {
	cases := []struct {
		name, text string
		want       map[string]string
	}{
		{"past perfect flashback keeps the story line",
			"Am 25. Februar 1918 brach die Armee auf. Kornilow hatte im Juli 1917 geputscht. Am 10. April fiel er.",
			map[string]string{"Juli 1917": "1917-07", "10. April": "1918-04-10"}},
		{"a step back in the simple past opens a new episode",
			"Am 25. Februar 1918 brach die Armee auf. Im Westen griff Grant im Juli 1917 an. Am 10. August fiel er.",
			map[string]string{"Juli 1917": "1917-07", "10. August": "1917-08-10"}},
		{"interval start is background",
			"Am 28. Oktober 1940 griff Italien aus dem seit 1939 besetzten Albanien an. Am 3. November kam der Gegenangriff.",
			map[string]string{"1939": "1939", "3. November": "1940-11-03"}},
		{"same year keeps the day",
			"Am 12. April 1861 begann der Krieg. Im selben Jahr kam es zur Schlacht. Zwei Tage später fiel die Stadt.",
			map[string]string{"Im selben Jahr": "1861", "Zwei Tage später": "1861-04-14"}},
		{"folgenden with an earlier month moves forward",
			"Im Dezember 1862 siegte Lee. Im folgenden Januar griff Grant an. Im März endete der Winter.",
			map[string]string{"Januar": "1863-01", "März": "1863-03"}},
		{"a plain earlier month stays in the year",
			"Am 15. August 1944 landeten sie. Am 25. Juli hatte der Ausbruch begonnen.",
			map[string]string{"25. Juli": "1944-07-25"}},
		{"season enumeration takes the year at its end",
			"Im Mai 1941 fiel Kreta. Im Spätsommer und Herbst 1940 ging die Initiative verloren.",
			map[string]string{"Spätsommer": "1940-SU", "Herbst 1940": "1940-FA"}},
		{"unit after",
			"Am 3. September 1944 fiel Brüssel und am Tag darauf Antwerpen. Im Jahr darauf endete der Krieg.",
			map[string]string{"Tag darauf": "1944-09-04", "Jahr darauf": "1945"}},
		{"of the following year",
			"Im Mai 1862 begann der Feldzug. Im März des folgenden Jahres endete er, im Juni desselben Jahres kam der Frieden.",
			map[string]string{"März des folgenden Jahres": "1863-03", "Juni desselben Jahres": "1863-06"}},
		{"a month just ahead rolls into the next year",
			"Am 13. Dezember 1919 fiel Kiew, und bis Anfang Januar verlor er das Don-Gebiet. Im Mai kam der Gegenangriff.",
			map[string]string{"Anfang Januar": "1920-01", "Mai": "1920-05"}},
		{"a month far back stays in the year",
			"Im September 1862 siegte Lee am Antietam. Im Mai hatte der Feldzug begonnen. Im Juli kam Gettysburg.",
			map[string]string{"Mai": "1862-05", "Juli": "1862-07"}},
		{"a season introduced as the following one",
			"Im Herbst 1861 übernahm McClellan das Kommando, griff aber erst im folgenden Frühjahr an.",
			map[string]string{"Frühjahr": "1862-SP"}},
		{"turn of the year",
			"Er war im Jahr 1918 verbündet, doch zum Jahreswechsel erhob er sich. Noch Anfang März war es ruhig.",
			map[string]string{"Jahreswechsel": "1919-01-01", "Anfang März": "1919-03"}},
		{"day ranges take month and year from their end",
			"Im Mai 1862 zog er ab. Vom 1. bis zum 3. Juli 1863 tobte die Schlacht. In der Nacht vom 5. zum 6. Januar 1918 tagte sie; zwischen dem 17. und dem 22. September 1943 fielen sie.",
			map[string]string{"1.": "1863-07-01", "3. Juli 1863": "1863-07-03", "Nacht vom 5.": "1918-01-05TNI", "17.": "1943-09-17"}},
		{"a bare day after am takes the reference month",
			"Am 23. August 1944 trat der König zurück und am 24. stellte die Armee den Kampf ein. Am 2. Weihnachtstag kam Schnee.",
			map[string]string{"24.": "1944-08-24"}},
		{"a section heading opens an episode at its first date",
			"Am 14. November 1862 zog Burnside nach Süden.\n\n1862 – Der Krieg im Westen\n\nIm Westen hatte Grant bis zum Februar 1862 Fort Henry erobert; am 16. Februar fiel Fort Donelson.",
			map[string]string{"16. Februar": "1862-02-16"}},
		{"a range heading opens at its start",
			"Am 3. Mai 1945 endete der Krieg in Europa.\n\nDer Krieg im Pazifik, Dezember 1941 bis August 1945\n\nAm 7. Dezember griff Japan an. Am 8. Dezember folgte die Kriegserklärung.",
			map[string]string{"Dezember 1941": "1941-12", "August 1945": "1945-08", "7. Dezember": "1941-12-07"}},
		{"without a heading a step back still opens an episode",
			"Der Krieg begann am 25. Juni 1950. Die Teilung ging auf das Jahr 1945 zurück. Im August besetzten die Truppen das Land.",
			map[string]string{"August": "1945-08"}},
		{"a near interval end still moves it",
			"Im Mai 1968 wurde gekämpft. Sie wichen bis zum Februar 1971 jedem Gefecht aus. Im März begann eine Offensive.",
			map[string]string{"März": "1971-03"}},
		{"years after a slash and before an era",
			"Über den Winter 1918/19 hielt sie. Um 449/448 v. Chr. kam der Frieden, Anfang der 460er Jahre war Krieg.",
			map[string]string{"19": "1919", "Um 449": "BC0449", "Anfang der 460er Jahre": "BC046"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkValues(t, NewNarrative().Tag(c.text, day("2011-02-16"), "de"), c.want)
		})
	}
}

// TestWithout: switching a rule off changes exactly its behaviour, and
// unknown names are refused.
func TestWithout(t *testing.T) {
	text := "Am 13. Dezember 1919 fiel Kiew, und bis Anfang Januar verlor er das Don-Gebiet."
	value := func(tg *Tagger) string {
		for _, x := range tg.Tag(text, day("2011-02-16"), "de") {
			if x.Text == "Anfang Januar" {
				return x.Value
			}
		}
		return ""
	}
	off, err := NewNarrative().Without("rollover")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := value(NewNarrative()), value(off); a != "1920-01" || b != "1919-01" {
		t.Errorf("with rollover %q, without %q; want 1920-01, 1919-01", a, b)
	}
	if _, err := NewNarrative().Without("nosuchrule"); err == nil {
		t.Error("unknown rule accepted")
	}
	for name := range Switches() {
		if _, err := New().Without(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestParseAndScore(t *testing.T) {
	doc, err := ParseTIMEX2(`<DOC><DOCID>x</DOCID><DATETIME> <TIMEX2 val="2011-02-16T17:00:00">2011-02-16</TIMEX2> </DATETIME>
<TEXT>Am <TIMEX2 val="1939-09-01">1. September 1939</TIMEX2> griff Deutschland an &amp; <TIMEX2 val="P6Y">sechs Jahre</TIMEX2> dauerte der Krieg.</TEXT></DOC>`)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Gold) != 2 || doc.Gold[0].Text != "1. September 1939" || !strings.Contains(doc.Text, "&") {
		t.Fatalf("parse: %+v %q", doc.Gold, doc.Text)
	}
	sys := NewNarrative().Tag(doc.Text, doc.Anchor, "de")
	s := Score(doc.Gold, sys)
	if _, _, f := s.ValueF1(); f != 1 {
		t.Errorf("value F1 = %v on %+v", f, sys)
	}
	if _, err := ParseTIMEX2("<DOC><TEXT>x</TEXT></DOC>"); err == nil {
		t.Error("want error without DATETIME")
	}
}

// TestWikiWarsDE guards the quality on the tuning files of WikiWarsDE.
func TestWikiWarsDE(t *testing.T) {
	dir := shared.Path(t, "data", "timex", "wikiwarsde", "keyinline")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	var tune []string
	for k, f := range files {
		if k%4 != 1 { // round-4 tune split only (eval timex --split tune)
			tune = append(tune, f)
		}
	}
	total := scoreNarratives(t, tune)
	_, _, f := total.ValueF1()
	t.Logf("tune value-exact F1 %.3f", f)
	if f < 0.945 { // measured 0.955
		t.Errorf("value-exact F1 %.3f < 0.945", f)
	}
}

// TestInventedNarratives scores the invented narratives in testdata (own
// texts in the style of encyclopedia war histories, gold values written
// before the tagger was run on them). Round 4 wrote rules that raised them
// to 0.984 and 0.965 but cost 32 values on the WikiWarsDE held-out files,
// and was reverted (README): these sets guard today's figures, they are not
// a target.
func TestInventedNarratives(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want float64
	}{{"narrative", 0.86}, {"narrative2", 0.93}} { // measured 0.866, 0.938
		files, err := filepath.Glob(filepath.Join("testdata", c.dir, "*.xml"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", c.dir, err)
		}
		total := scoreNarratives(t, files)
		_, _, f := total.ValueF1()
		t.Logf("%s: value-exact F1 %.3f (%d gold)", c.dir, f, total.Gold)
		if f < c.want {
			t.Errorf("%s: value-exact F1 %.3f < %.2f", c.dir, f, c.want)
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{"am 9. Mai 2015", "vor zwei Jahren", "1.9.39 um 4:45 Uhr", "Anfang Jänner", "", "\xff\xfe", "31. Februar 2015", "Ende des Jahres", "May 9, 2015 at 10 p.m.", "vor 999999999999 Jahren"} {
		f.Add(s, "de")
	}
	f.Fuzz(func(t *testing.T, s, lang string) {
		for _, tg := range []*Tagger{New(), NewNarrative()} {
			n := utf8.RuneCountInString(s)
			for _, anchor := range []time.Time{day("2014-12-20"), {}} {
				for _, x := range tg.Tag(s, anchor, lang) {
					if x.Start < 0 || x.End > n || x.Start >= x.End || x.Value == "" || x.Type == "" {
						t.Fatalf("bad expression %+v for %q", x, s)
					}
				}
			}
		}
	})
}

func BenchmarkTag4KB(b *testing.B) {
	text := benchText(b)
	tg := New()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tg.Tag(text, day("2014-12-20"), "de")
	}
}

// BenchmarkTagNarrative4KB: the same text in narrative mode (reference
// time, heading lines).
func BenchmarkTagNarrative4KB(b *testing.B) {
	text := benchText(b)
	tg := NewNarrative()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tg.Tag(text, day("2014-12-20"), "de")
	}
}

// benchText is a 4 KB German news text: a seed article when present, else
// synthetic sentences.
func benchText(b *testing.B) string {
	if d := shared.Dir(); d != "" {
		if t, err := os.ReadFile(filepath.Join(d, "seeds", "004_b62a570b9a3f314f.txt")); err == nil && len(t) >= 4096 {
			return string(t[:4096])
		}
	}
	s := "Russland hat Kim Jong Un am 9. Mai 2015 nach Moskau eingeladen, sagte Peskow am Freitag. Vor zwei Jahren gab es seit 2011 Gespräche; Anfang Jänner und vergangene Woche auch. "
	for len(s) < 4096 {
		s += s
	}
	return s[:4096]
}

// TestTagUnknownAnchor: without a document date, explicit expressions keep
// their values and anchor-dependent ones become underspecified — never a
// date counted from the current time.
func TestTagUnknownAnchor(t *testing.T) {
	cases := []struct {
		lang, text, want, value, mod string
	}{
		{"de", "Kim soll am 9. Mai 2015 nach Moskau reisen.", "9. Mai 2015", "2015-05-09", ""},
		{"de", "wie im März 2013 bei Angriffen auf Banken", "März 2013", "2013-03", ""},
		{"de", "Es gibt seit 2011 Gespräche.", "2011", "2011", ""},
		{"de", "Der Vertrag gilt vier Jahre.", "vier Jahre", "P4Y", ""},
		{"de", "Lawrow erklärte im November, Nordkorea sei bereit.", "November", "XXXX-11", ""},
		{"de", "sagte Peskow am Freitag der Agentur Tass.", "Freitag", "XXXX-WXX-5", ""},
		{"de", "Vergangene Woche hat die Ministerin Russland besucht.", "Vergangene Woche", "XXXX-WXX", ""},
		{"de", "Das war vor zwei Jahren.", "vor zwei Jahren", "XXXX", ""},
		{"de", "Das hat er heute gesagt.", "heute", "PRESENT_REF", ""},
		{"de", "Das hat er gestern gesagt.", "gestern", "XXXX-XX-XX", ""},
		{"de", "Kirby äußerte Anfang Jänner Sorgen.", "Anfang Jänner", "XXXX-01", "START"},
		{"de", "Ende des Jahres soll es fertig sein.", "Ende des Jahres", "XXXX", "END"},
		{"de", "Am Freitagabend kam es zum Streit.", "Freitagabend", "XXXX-WXX-5TEV", ""},
		{"de", "Das Treffen beginnt um 10 Uhr.", "10 Uhr", "XXXX-XX-XXT10:00", ""},
		{"de", "Im Sommer kam es zum Streit.", "Sommer", "XXXX-SU", ""},
		{"de", "Im Vorjahr kam es zum Streit.", "Vorjahr", "XXXX", ""},
		{"de", "Der Angriff begann am 1.9.39.", "1.9.39", "XX39-09-01", ""},
		{"de", "Im Sommer 2013 kam es zum Streit. Im Jahr darauf endete er.", "Jahr darauf", "2014", ""},
		{"en", "the FBI said on Friday", "Friday", "XXXX-WXX-5", ""},
		{"en", "talks resumed last week", "last week", "XXXX-WXX", ""},
		{"en", "Putin invited Kim for May 9, 2015.", "May 9, 2015", "2015-05-09", ""},
	}
	for _, c := range cases {
		got := New().Tag(c.text, time.Time{}, c.lang)
		ok := false
		for _, x := range got {
			if x.Text == c.want {
				ok = true
				if x.Value != c.value || x.Mod != c.mod {
					t.Errorf("%q in %q: value %q mod %q, want %q %q", c.want, c.text, x.Value, x.Mod, c.value, c.mod)
				}
			}
		}
		if !ok {
			t.Errorf("%q: expression %q not found in %+v", c.text, c.want, got)
		}
	}
}

// TestNarrativeUnknownAnchor: a narrative without a document date still
// follows its story line once a date is given.
func TestNarrativeUnknownAnchor(t *testing.T) {
	text := "Im Oktober begann es. Am 22. Juni 1941 begann der Angriff. Am 29. Juni fasste sich die Führung. Zwei Tage später fiel Minsk."
	checkValues(t, NewNarrative().Tag(text, time.Time{}, "de"),
		map[string]string{"Oktober": "XXXX-10", "22. Juni 1941": "1941-06-22", "29. Juni": "1941-06-29", "Zwei Tage später": "1941-07-01"})
}

// TestAnchorDependence checks the per-match anchor flag over real text:
// with an unknown anchor every match that consulted it must carry an
// underspecified value (no rule may invent a date), and every match that
// did not must agree with the value given a known anchor.
func TestAnchorDependence(t *testing.T) {
	texts := []string{benchSynthetic(), "Am 22. Juni 1941 begann der Angriff. Im Oktober begann es zu schneien. Zwei Tage später fiel Minsk. Im selben Jahr kam es zur Schlacht, am Tag darauf endete sie. In den zwanziger Jahren, 1920er Jahren und am 3.4.05 um 12:30 Uhr."}
	if dir := shared.Dir(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "data", "timex", "wikiwarsde", "keyinline", "*"))
		for k, f := range files {
			if k%4 != 0 {
				continue
			}
			if b, err := os.ReadFile(f); err == nil {
				if doc, err := ParseTIMEX2(string(b)); err == nil {
					texts = append(texts, doc.Text)
				}
			}
		}
	}
	n := 0
	for _, tg := range []*Tagger{New(), NewNarrative()} {
		for _, text := range texts {
			_, unk := tg.tag(text, time.Time{}, "de")
			_, kn := tg.tag(text, day("2014-12-20"), "de")
			known := map[[2]int]match{}
			for _, m := range kn {
				known[[2]int{m.s, m.e}] = m
			}
			for _, m := range unk {
				n++
				if m.anch && !underspecified(m.val) {
					t.Errorf("mode %d: %q uses the unknown anchor but has value %q", tg.mode, m.val, m.val)
				}
				if k, ok := known[[2]int{m.s, m.e}]; ok && !m.anch && !k.anch && k.val != m.val {
					t.Errorf("mode %d: anchor-free match %d-%d differs: %q vs %q", tg.mode, m.s, m.e, m.val, k.val)
				}
				if !m.anch && underspecified(m.val) && !strings.HasSuffix(m.val, "_REF") && !strings.HasPrefix(m.val, "P") && !strings.HasPrefix(m.val, "XXXX-WXX-") {
					t.Logf("mode %d: anchor-free underspecified %q", tg.mode, m.val)
				}
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d matches checked", n)
	}
}

func benchSynthetic() string {
	return "Russland hat Kim Jong Un am 9. Mai 2015 nach Moskau eingeladen, sagte Peskow am Freitag. Vor zwei Jahren gab es seit 2011 Gespräche; Anfang Jänner und vergangene Woche auch. Heute Abend, gestern und morgen früh um 8 Uhr; im Sommer, Ende des Monats, im Vorjahr, Mitte der Woche, drei Tage später."
}

// BenchmarkTag4KBUndated: the same text with an unknown document date.
func BenchmarkTag4KBUndated(b *testing.B) {
	text := benchText(b)
	tg := New()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tg.Tag(text, time.Time{}, "de")
	}
}

// scoreNarratives tags inline-TIMEX2 files in narrative mode and sums
// their scores.
func scoreNarratives(t *testing.T, files []string) Scores {
	t.Helper()
	var total Scores
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ParseTIMEX2(string(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		total.Add(Score(doc.Gold, NewNarrative().Tag(doc.Text, doc.Anchor, "de")))
	}
	return total
}
