package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsweave/newsweave/internal/shared"
)

// seedCase describes a seed dump by its structure: which raw lines are
// article body (each must survive, up to a normalised dateline in its first
// bytes) and which are boilerplate (none may survive). Line numbers are
// 1-based; the text is read from ../shared at test time, never copied here.
type seedCase struct {
	prefix    string
	title     string // expected headline (as quoted in the issue)
	body      [][2]int
	boiler    []int
	agencies  []string
	published string
	// estimate is the true date of an undated seed whose publication date
	// is inferred from content (within two months), "none" for no estimate.
	estimate   string
	source     string
	dateline   bool // the first body paragraph carries a dateline to normalise
	firstBody  int  // raw line of the first text paragraph (the lead)
	lastBody   int  // raw line of the last text paragraph
	noneInText []string
}

var seedCases = []seedCase{
	{prefix: "000", title: "Nordkoreanische Diplomatie: Putin lädt Kim Jong Un zu Feier ein",
		body: [][2]int{{3, 3}, {7, 19}}, boiler: []int{5, 21, 24, 26, 28, 30, 32, 34, 36},
		agencies: []string{"Reuters", "dpa"}, source: "taz.de", firstBody: 3, lastBody: 19, estimate: "2014-12-19",
		noneInText: []string{"dpa/rtr", "Bild: reuters", "Einmal zahlen", "Netiquette"}},
	{prefix: "001", title: "Treffen der Machthaber: Putin lädt Kim nach Moskau ein",
		body: [][2]int{{4, 4}, {7, 11}}, boiler: []int{13, 15, 17, 19, 21, 23, 25, 29, 33, 37, 41, 42, 43},
		agencies: []string{"Reuters"}, firstBody: 4, lastBody: 11,
		noneInText: []string{"TokioRussland", "Kommentare", "Serviceangebote", "99%", "Agentur"}},
	{prefix: "002", title: "Annäherung zweier Atommächte: Putin nimmt Einladung nach Nordkorea an",
		body: [][2]int{{3, 11}}, firstBody: 3, lastBody: 11, estimate: "2024-01-21"},
	{prefix: "003", title: "Werben um Putins Gunst: Nordkorea spielt die russische Karte",
		body: [][2]int{{9, 9}, {13, 25}}, boiler: []int{1, 5, 7, 11, 27, 29, 31, 33, 35, 36, 38, 40, 42, 44, 46, 48, 49},
		source: "faz.net", firstBody: 9, lastBody: 25, estimate: "none",
		noneInText: []string{"Aktualisiert", "Min.", "Bild: Reuters", "Newsletter", "Topmeldungen"}},
	{prefix: "004", title: "Putin nimmt formelle Einladung von Kim Jong-un an, Nordkorea zu besuchen",
		body: [][2]int{{4, 30}}, boiler: []int{1, 32}, published: "2023-09-15", firstBody: 4, lastBody: 30,
		noneInText: []string{"Europe/Berlin", "Tags"}},
}

// checkEstimate: a content-inferred date within about two months of the
// truth, marked as such and with a low confidence.
func checkEstimate(t *testing.T, got, from string, conf float64, truth string) {
	t.Helper()
	g, err := time.Parse("2006-01-02", got)
	if err != nil {
		t.Errorf("published = %q (from %q), want an estimate near %s", got, from, truth)
		return
	}
	w, _ := time.Parse("2006-01-02", truth)
	if d := g.Sub(w).Hours() / 24; d < -62 || d > 62 {
		t.Errorf("published = %s (%q), %.0f days from the true %s", got, from, d, truth)
	}
	if !strings.HasPrefix(from, "content") || conf <= 0 || conf > 0.5 {
		t.Errorf("published from %q confidence %v, want content and a low confidence", from, conf)
	}
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// bodyCore drops the first bytes of a raw body line, where a dateline may
// have been normalised ("MOSKAU/WASHINGTON dpa/rtr |" → "MOSKAU/WASHINGTON –").
func bodyCore(line string) string {
	line = squash(line)
	if len(line) < 80 {
		return line
	}
	cut := 30
	for !utf8.RuneStart(line[cut]) {
		cut++
	}
	return line[cut:]
}

func TestSeeds(t *testing.T) {
	dir := shared.Path(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	ex := New()
	for _, sc := range seedCases {
		t.Run(sc.prefix, func(t *testing.T) {
			var path string
			for _, f := range files {
				if strings.HasPrefix(filepath.Base(f), sc.prefix+"_") {
					path = f
				}
			}
			if path == "" {
				t.Skip("seed not present")
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(raw), "\n")
			a, err := ex.Extract(Document{Input: path, Body: raw})
			if err != nil {
				t.Fatal(err)
			}
			text := squash(a.Text)
			if a.Title != sc.title {
				t.Errorf("title = %q, want %q", a.Title, sc.title)
			}
			if strings.Contains(text, sc.title) || strings.HasPrefix(text, squash(lines[0])) && sc.firstBody != 1 {
				t.Errorf("title repeated in text: %.80q", text)
			}
			for _, r := range sc.body {
				for n := r[0]; n <= r[1]; n++ {
					if l := strings.TrimSpace(lines[n-1]); l != "" && !strings.Contains(text, bodyCore(l)) {
						t.Errorf("body line %d lost: %.80q", n, l)
					}
				}
			}
			for _, n := range sc.boiler {
				l := squash(lines[n-1])
				if len(l) > 3 && strings.Contains(text, l) {
					t.Errorf("boilerplate line %d kept: %.80q", n, l)
				}
			}
			// The lead opens the text and the last body line closes it.
			if i := strings.Index(text, bodyCore(lines[sc.firstBody-1])); i < 0 || i > 32 {
				t.Errorf("text does not start with the lead line %d: %.80q", sc.firstBody, text)
			}
			if last := squash(lines[sc.lastBody-1]); !strings.HasSuffix(text, last) {
				t.Errorf("text does not end with body line %d: …%q", sc.lastBody, text[max(0, len(text)-80):])
			}
			for _, s := range sc.noneInText {
				if strings.Contains(text, s) {
					t.Errorf("text contains boilerplate marker %q", s)
				}
			}
			if sc.agencies != nil && !slices.Equal(a.Agencies, sc.agencies) {
				t.Errorf("agencies = %v, want %v", a.Agencies, sc.agencies)
			}
			switch sc.estimate {
			case "":
				if a.Published != sc.published {
					t.Errorf("published = %q, want %q", a.Published, sc.published)
				}
			case "none":
				if a.Published != "" {
					t.Errorf("published = %q from %q, want none (no explicit year)", a.Published, a.PublishedFrom)
				}
			default:
				checkEstimate(t, a.Published, a.PublishedFrom, a.PublishedConfidence, sc.estimate)
			}
			if sc.source != "" && a.Source != sc.source {
				t.Errorf("source = %q, want %q", a.Source, sc.source)
			}
			if a.Lang != "de" {
				t.Errorf("lang = %q", a.Lang)
			}
			if len(a.Removed) == 0 && len(sc.boiler) > 0 {
				t.Error("nothing reported as removed")
			}
			for _, r := range a.Removed {
				if r.Reason == "" || r.Text == "" {
					t.Errorf("removed entry without text or reason: %+v", r)
				}
			}
		})
	}
}
