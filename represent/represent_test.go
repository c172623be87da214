package represent

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/newsweave/newsweave"
	"golang.org/x/text/encoding/charmap"
)

// garble turns UTF-8 text into the classic mojibake (UTF-8 read as cp1252).
func garble(t testing.TB, s string) string {
	t.Helper()
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const putin = `Russlands Präsident Wladimir Putin hat den nordkoreanischen Machthaber Kim Jong Un zur Feier des 70. Jahrestages des Sieges über Hitlerdeutschland am 9. Mai 2015 nach Moskau eingeladen. Die Einladung sei angenommen worden, teilte das Außenministerium in Moskau mit. Der Staatsbesuch wäre der erste Auslandsbesuch Kims seit seinem Amtsantritt 2011.`

const weather = `Das Wetter in Österreich bleibt wechselhaft: In Wien und Graz regnet es am Wochenende, im Westen fällt oberhalb von 1500 Metern Schnee. Die Meteorologen erwarten erst für die kommende Woche wieder Sonnenschein und milde Temperaturen.`

func TestRepairMojibake(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"fÃ¼r Ã–sterreich", "für Österreich"},
		{"plain ASCII", "plain ASCII"},
		{"schon richtig: für", "schon richtig: für"},
		{"gemischt für fÃ¼r", "gemischt für für"},
		{"", ""},
	} {
		if got := RepairMojibake(tc.in); got != tc.want {
			t.Errorf("RepairMojibake(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBuildBasics(t *testing.T) {
	d := Build(&newsweave.Article{Title: "Putin lädt Kim nach Moskau ein", Text: putin, Lang: "de"})
	if d.Lang != "de" || d.Words == 0 {
		t.Fatalf("lang %q words %d", d.Lang, d.Words)
	}
	for _, v := range []Vector{d.Terms, d.Head, d.TitleV, d.Cross} {
		if n := v.Norm(); math.Abs(n-1) > 1e-4 {
			t.Errorf("vector norm %.4f, want 1", n)
		}
	}
	if !slicesSorted(d.Terms.Keys) {
		t.Error("Terms keys not ascending")
	}
	if d.Terms.Weight(TermKey("Einladung", "de")) == 0 {
		t.Error("stem of Einladung missing from Terms")
	}
	if d.MainYear != 2015 {
		t.Errorf("MainYear = %d, want 2015 (latest year mentioned)", d.MainYear)
	}
	if got := Build(&newsweave.Article{Text: putin}).Lang; got != "de" {
		t.Errorf("guessed language %q, want de", got)
	}
	if Dot(d.Terms, d.Terms) < 0.999 {
		t.Error("self cosine below 1")
	}
	top := d.TopTerms(3)
	if len(top) != 3 || d.Terms.Weight(top[0]) < d.Terms.Weight(top[2]) {
		t.Errorf("TopTerms not by weight: %v", top)
	}
}

func slicesSorted(k []uint64) bool {
	for i := 1; i < len(k); i++ {
		if k[i] <= k[i-1] {
			return false
		}
	}
	return true
}

func TestSimilarityOrders(t *testing.T) {
	a := Build(&newsweave.Article{Text: putin, Lang: "de"})
	b := Build(&newsweave.Article{Text: strings.Replace(putin, "Moskau eingeladen", "die russische Hauptstadt eingeladen", 1), Lang: "de"})
	c := Build(&newsweave.Article{Text: weather, Lang: "de"})
	if ab, ac := Dot(a.Terms, b.Terms), Dot(a.Terms, c.Terms); ab <= ac || ab < 0.8 {
		t.Errorf("term cosine: edit %.2f, unrelated %.2f", ab, ac)
	}
	if ab, ac := SketchCosine(&a.Grams, &b.Grams), SketchCosine(&a.Grams, &c.Grams); ab <= ac {
		t.Errorf("gram cosine: edit %.2f, unrelated %.2f", ab, ac)
	}
	if j := MinHashJaccard(a, b); j < 0.6 {
		t.Errorf("near-duplicate shingle overlap %.2f, want ≥ 0.6", j)
	}
	if j := MinHashJaccard(a, c); j > 0.1 {
		t.Errorf("unrelated shingle overlap %.2f", j)
	}
	if SimHashDistance(a, b) >= SimHashDistance(a, c) {
		t.Error("SimHash: edit not closer than unrelated")
	}
}

// The character sketch and the shingles must not care about mojibake, and
// Build repairs it for the word terms.
func TestMojibakeRobust(t *testing.T) {
	a := Build(&newsweave.Article{Text: putin, Lang: "de"})
	g := garble(t, putin)
	if g == putin {
		t.Fatal("garble did nothing")
	}
	// Bypass the repair to test the folding itself.
	s := sketchOf(foldText("\n" + g))
	if c := SketchCosine(&a.Grams, &s); c < 0.99 {
		t.Errorf("sketch cosine with mojibake %.3f, want ≥ 0.99", c)
	}
	b := Build(&newsweave.Article{Text: g, Lang: "de"})
	if c := Dot(a.Terms, b.Terms); c < 0.999 {
		t.Errorf("term cosine after repair %.3f", c)
	}
}

func TestDecompound(t *testing.T) {
	if _, err := os.Stat(GermanWordsPath); err != nil {
		t.Skip("no German word list")
	}
	l := getLexicon()
	for _, tc := range []struct {
		in   string
		head string
	}{
		{"gipfeltreffen", "treffen"},
		{"außenministerium", "ministerium"},
		{"haus", ""},
	} {
		p := l.decompound(tc.in)
		got := ""
		if len(p) == 2 {
			got = p[1]
		}
		if got != tc.head {
			t.Errorf("decompound(%q) = %v, want head %q", tc.in, p, tc.head)
		}
	}
}

func TestBilingual(t *testing.T) {
	if _, err := os.Stat(DingPath); err != nil {
		t.Skip("no Ding dictionary")
	}
	de := Build(&newsweave.Article{Text: "Die Regierung hat die Einladung zum Gipfel angenommen. Der Präsident reist nach Moskau.", Lang: "de"})
	en := Build(&newsweave.Article{Text: "The government accepted the invitation to the summit. The president travels to Moscow.", Lang: "en"})
	other := Build(&newsweave.Article{Text: "Heavy rain flooded the football stadium before the match on Sunday evening.", Lang: "en"})
	if x, y := Dot(de.Cross, en.Cross), Dot(de.Cross, other.Cross); x < 0.3 || x <= y {
		t.Errorf("bilingual cosine: translation %.2f, unrelated %.2f", x, y)
	}
	// The other direction: English words in the German stem space.
	if x, y := Dot(de.Terms, en.DeTerms), Dot(de.Terms, other.DeTerms); x < 0.3 || x <= y {
		t.Errorf("reverse cosine: translation %.2f, unrelated %.2f", x, y)
	}
	if de.DeTerms.Len() != 0 {
		t.Errorf("German article has %d DeTerms, want none", de.DeTerms.Len())
	}
	if r := NewBuilder(Uniform{}).Reweight(en); Dot(de.Terms, r.DeTerms) <= 0 {
		t.Error("Reweight lost DeTerms")
	}
}

// Words Ding gives only as a phrase ("Ministerpräsident": prime minister)
// and unknown compounds ("Tiermarkt": by head and modifier) still reach
// English.
func TestBilingualPhrasesAndCompounds(t *testing.T) {
	if _, err := os.Stat(DingPath); err != nil {
		t.Skip("no Ding dictionary")
	}
	b := NewBuilder(Uniform{})
	cos := func(de, en string) float64 {
		return Dot(b.Build(&newsweave.Article{Text: de, Lang: "de"}).Cross, b.Build(&newsweave.Article{Text: en, Lang: "en"}).Cross)
	}
	if x := cos("Ministerpräsident", "prime minister"); x < 0.5 {
		t.Errorf("Ministerpräsident / prime minister: bilingual cosine %.2f, want ≥ 0.5", x)
	}
	// The modifier counts: "animal market" is closer than "market" alone.
	if x, y := cos("Tiermarkt", "animal market"), cos("Tiermarkt", "market"); x <= y+0.1 {
		t.Errorf("Tiermarkt: animal market %.2f, market %.2f: the modifier adds nothing", x, y)
	}
}

// The dictionary picks the usual sense of a word, not the first line it
// appears on, and reads past Ding's abbreviation notes ("government /Gov./").
func TestDingSenses(t *testing.T) {
	if _, err := os.Stat(DingPath); err != nil {
		t.Skip("no Ding dictionary")
	}
	lx := getLexicon()
	for _, tc := range []struct{ de, want string }{
		{"gruppe", "group"}, {"regierung", "govern"}, {"russlands", "russia"}, {"moskau", "moscow"}, {"einladung", "invit"},
	} {
		ss := lx.translate(tc.de, Stem(tc.de, "de"))
		if len(ss) == 0 || ss[0].stem != tc.want {
			t.Errorf("translate(%q) = %v, want first sense %q", tc.de, ss, tc.want)
		}
		var sum float32
		for _, s := range ss {
			sum += s.w
		}
		if len(ss) > maxSenses || sum < 0.999 || sum > 1.001 {
			t.Errorf("translate(%q) = %v: want ≤ %d senses weighing 1", tc.de, ss, maxSenses)
		}
	}
	// A capitalised dictionary word in English meets its German
	// translation ("Germany" = Deutschland); a name meets itself.
	de := Build(&newsweave.Article{Text: "Deutschland und Merkel.", Lang: "de"})
	en := Build(&newsweave.Article{Text: "Germany and Merkel.", Lang: "en"})
	if x := Dot(de.Cross, en.Cross); x < 0.6 {
		t.Errorf("Deutschland/Merkel vs Germany/Merkel: bilingual cosine %.2f", x)
	}
}

func TestDFRoundTrip(t *testing.T) {
	df := NewDF()
	df.Add(Build(&newsweave.Article{Text: putin, Lang: "de"}))
	df.Add(Build(&newsweave.Article{Text: weather, Lang: "de"}))
	k := TermKey("Moskau", "de")
	var buf bytes.Buffer
	if err := df.Write(&buf, 1); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDF(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.Docs() != 2 || got.IDF(k) != df.IDF(k) {
		t.Errorf("round trip: docs %d idf %.3f vs %.3f", got.Docs(), got.IDF(k), df.IDF(k))
	}
	if df.IDF(k) <= df.IDF(TermKey("unbekanntwort", "de"))-1 {
		t.Error("seen term should not weigh much less than an unseen one")
	}
	if _, err := ReadDF(strings.NewReader("garbage")); err == nil {
		t.Error("ReadDF accepted garbage")
	}
	if DefaultIDF().IDF(TermKey("Regierung", "de")) >= DefaultIDF().IDF(TermKey("Pjöngjang", "de")) && len(embeddedDF) > 0 {
		t.Error("committed IDF: common word weighs at least as much as a rare name")
	}
}

func TestReweight(t *testing.T) {
	u := NewBuilder(Uniform{})
	a := &newsweave.Article{Text: putin, Lang: "de"}
	d := u.Build(a)
	r := NewBuilder(nil).Reweight(d)
	want := Build(a)
	if c := Dot(r.Terms, want.Terms); c < 0.9999 {
		t.Errorf("reweighted doc differs from a direct build: cosine %.5f", c)
	}
}

func FuzzBuild(f *testing.F) {
	f.Add("Putin lädt Kim ein", putin, "de")
	f.Add("", "fÃ¼r 1.000 Euro am 2015-13-45", "")
	f.Add("\xff\xfe", "\x00\x00 ä", "xx")
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		d := Build(&newsweave.Article{Title: title, Text: text, Lang: lang})
		if n := d.Terms.Norm(); d.Terms.Len() > 0 && math.Abs(n-1) > 1e-3 {
			t.Fatalf("norm %.4f", n)
		}
		_ = MinHashJaccard(d, d)
	})
}

func BenchmarkBuild(b *testing.B) {
	text := strings.Repeat(putin+"\n\n", 10) // ≈ 4 KB
	getLexicon()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Build(&newsweave.Article{Title: "Putin lädt Kim ein", Text: text, Lang: "de"})
	}
}
