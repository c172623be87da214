package demo

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

type feedRecord struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Date      string `json:"date"`
	Source    string `json:"source"`
	Lang      string `json:"lang"`
	Synthetic bool   `json:"synthetic"`
}

func mustExpected(t *testing.T) []Entry {
	t.Helper()
	es, err := Expected()
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestManifestCoversCorpus checks that every file (and every JSONL line) has
// exactly one manifest entry and every entry points at something real.
func TestManifestCoversCorpus(t *testing.T) {
	es := mustExpected(t)
	seen := map[string]int{}
	for _, e := range es {
		seen[e.File]++
		if seen[e.File] > 1 {
			t.Errorf("manifest lists %s twice", e.File)
		}
		if _, err := e.Raw(); err != nil {
			t.Errorf("%s: %v", e.File, err)
		}
	}
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !strings.HasSuffix(p, ".jsonl") {
			if seen[p] == 0 {
				t.Errorf("corpus file %s missing from manifest", p)
			}
			return nil
		}
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		n := bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n")) + 1
		for i := 1; i <= n; i++ {
			if k := p + "#" + strconv.Itoa(i); seen[k] == 0 {
				t.Errorf("JSONL record %s missing from manifest", k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCorpusShape checks the size and mix promised in README.md.
func TestCorpusShape(t *testing.T) {
	es := mustExpected(t)
	if len(es) < 36 {
		t.Errorf("%d articles, want at least 36", len(es))
	}
	langs := map[string]int{}
	formats := map[string]int{}
	storyEvents := map[string]map[string]bool{}
	eventOutlets := map[string]map[string]bool{}
	dups := 0
	for _, e := range es {
		langs[e.Lang]++
		formats[e.Path[strings.LastIndexByte(e.Path, '.')+1:]]++
		if storyEvents[e.Storyline] == nil {
			storyEvents[e.Storyline] = map[string]bool{}
		}
		storyEvents[e.Storyline][e.Event] = true
		if e.DuplicateOf != "" {
			dups++
			continue
		}
		if eventOutlets[e.Event] == nil {
			eventOutlets[e.Event] = map[string]bool{}
		}
		eventOutlets[e.Event][e.Outlet] = true
	}
	if len(langs) != 2 || langs["de"] == 0 || langs["en"] == 0 {
		t.Errorf("languages %v, want de and en only", langs)
	}
	if share := float64(langs["de"]) / float64(len(es)); share < 0.55 || share > 0.8 {
		t.Errorf("German share %.2f, want about 2/3", share)
	}
	for ext, lo := range map[string]float64{"txt": 0.5, "html": 0.2, "jsonl": 0.1} {
		if share := float64(formats[ext]) / float64(len(es)); share < lo {
			t.Errorf("%s share %.2f, want at least %.2f", ext, share, lo)
		}
	}
	if len(storyEvents) < 4 {
		t.Errorf("%d storylines, want at least 4", len(storyEvents))
	}
	for s, evs := range storyEvents {
		if len(evs) < 2 || len(evs) > 4 {
			t.Errorf("storyline %s has %d events, want 2-4", s, len(evs))
		}
	}
	for ev, outlets := range eventOutlets {
		if len(outlets) < 2 || len(outlets) > 4 {
			t.Errorf("event %s reported by %d distinct outlets, want 2-4", ev, len(outlets))
		}
	}
	if dups < 1 {
		t.Error("no near-duplicate agency copies")
	}
}

// TestEventsTable checks events.tsv against the manifest: same events, each
// storyline's events in order, every article published on or shortly after
// its event.
func TestEventsTable(t *testing.T) {
	es := mustExpected(t)
	evs, err := Events()
	if err != nil {
		t.Fatal(err)
	}
	byEvent := map[string]Event{}
	last := map[string]time.Time{}
	for _, ev := range evs {
		if _, dup := byEvent[ev.Event]; dup {
			t.Errorf("event %s listed twice", ev.Event)
		}
		byEvent[ev.Event] = ev
		d, err := time.Parse(time.DateOnly, ev.Date)
		if err != nil {
			t.Errorf("event %s: %v", ev.Event, err)
			continue
		}
		if !d.After(last[ev.Storyline]) {
			t.Errorf("event %s not after the previous event of %s", ev.Event, ev.Storyline)
		}
		last[ev.Storyline] = d
	}
	used := map[string]bool{}
	for _, e := range es {
		ev, ok := byEvent[e.Event]
		if !ok {
			t.Errorf("%s: event %s not in events.tsv", e.File, e.Event)
			continue
		}
		used[e.Event] = true
		if ev.Storyline != e.Storyline {
			t.Errorf("%s: storyline %s, events.tsv says %s", e.File, e.Storyline, ev.Storyline)
		}
		pub, err := time.Parse(time.DateOnly, e.Date)
		if err != nil {
			t.Errorf("%s: %v", e.File, err)
			continue
		}
		happened, _ := time.Parse(time.DateOnly, ev.Date)
		if pub.Before(happened) || pub.Sub(happened) > 3*24*time.Hour {
			t.Errorf("%s: published %s, event %s on %s", e.File, e.Date, e.Event, ev.Date)
		}
	}
	for name := range byEvent {
		if !used[name] {
			t.Errorf("event %s has no articles", name)
		}
	}
}

var (
	tagRE     = regexp.MustCompile(`(?s)<[^>]*>`)
	articleRE = regexp.MustCompile(`(?s)<article.*?</article>`)
	ogTitleRE = regexp.MustCompile(`<meta property="og:title" content="([^"]*)">`)
	isoDateRE = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{4}/\d{2}/\d{2}`)
)

// cp1252High maps bytes 0x80-0x9F to what Windows-1252 shows for them.
var cp1252High = []rune("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ")

// mojibake renders s the way a crawler that decoded UTF-8 as Windows-1252 does.
func mojibake(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252High[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// TestArticles checks each article: valid UTF-8, synthetic marker outside the
// body, title and a date present, body length in range.
func TestArticles(t *testing.T) {
	for _, e := range mustExpected(t) {
		t.Run(e.File, func(t *testing.T) {
			raw, err := e.Raw()
			if err != nil {
				t.Fatal(err)
			}
			if len(bytes.TrimSpace(raw)) == 0 {
				t.Fatal("empty")
			}
			if !utf8.Valid(raw) {
				t.Fatal("not valid UTF-8")
			}
			s := string(raw)
			var body string
			switch {
			case e.Line > 0:
				var r feedRecord
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&r); err != nil {
					t.Fatalf("JSONL: %v", err)
				}
				if r.URL == "" || r.Date == "" || r.Source != e.Outlet || r.Lang != e.Lang || r.Title != e.Title {
					t.Errorf("JSONL fields disagree with manifest: %+v", r)
				}
				if !r.Synthetic {
					t.Error("JSONL record lacks synthetic: true")
				}
				body = r.Text
			case strings.HasSuffix(e.Path, ".html"):
				if !strings.Contains(s, `<meta name="newsweave:synthetic" content="true">`) {
					t.Error("missing newsweave:synthetic meta tag")
				}
				if m := ogTitleRE.FindStringSubmatch(s); m == nil || m[1] != e.Title {
					t.Errorf("og:title %v, want %q", m, e.Title)
				}
				if !strings.Contains(s, `property="article:published_time" content="`+e.Date) {
					t.Errorf("article:published_time is not %s", e.Date)
				}
				body = tagRE.ReplaceAllString(articleRE.FindString(s), " ")
			default:
				lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
				if !strings.HasPrefix(lines[len(lines)-1], "SYNTHETIC DEMO") {
					t.Error("last line is not the SYNTHETIC DEMO footer")
				}
				if !strings.Contains(s, e.Title) && !strings.Contains(s, mojibake(e.Title)) {
					t.Errorf("title %q not in file", e.Title)
				}
				body = strings.Join(lines[:len(lines)-1], "\n")
			}
			if strings.Contains(strings.ToUpper(body), "SYNTHETIC") {
				t.Error("synthetic marker leaks into the article text")
			}
			words := len(strings.Fields(body))
			lo, hi := 150, 400
			if e.Line == 0 && !strings.HasSuffix(e.Path, ".html") {
				hi = 550 // plain-text dumps include the page boilerplate
			}
			if words < lo || words > hi {
				t.Errorf("%d words, want %d-%d", words, lo, hi)
			}
			if e.Line == 0 && !isoDateRE.MatchString(e.Path) {
				t.Error("file name carries no date")
			}
		})
	}
}

// shingles returns the set of word 5-grams of the visible text.
func shingles(raw []byte) map[string]bool {
	text := strings.ToLower(tagRE.ReplaceAllString(string(raw), " "))
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	set := map[string]bool{}
	for i := 0; i+5 <= len(words); i++ {
		set[strings.Join(words[i:i+5], " ")] = true
	}
	return set
}

// containment is |a∩b| / min(|a|,|b|).
func containment(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// TestDuplicates checks that agency copies really are near-verbatim while the
// other reports of the same event are worded independently.
func TestDuplicates(t *testing.T) {
	es := mustExpected(t)
	byFile := map[string]Entry{}
	sh := map[string]map[string]bool{}
	for _, e := range es {
		byFile[e.File] = e
		raw, err := e.Raw()
		if err != nil {
			t.Fatal(err)
		}
		if e.Line > 0 {
			var r feedRecord
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			raw = []byte(r.Title + "\n" + r.Text)
		}
		sh[e.File] = shingles(raw)
	}
	for _, a := range es {
		if a.DuplicateOf != "" {
			orig, ok := byFile[a.DuplicateOf]
			switch {
			case !ok:
				t.Errorf("%s: duplicate_of %s not in manifest", a.File, a.DuplicateOf)
			case orig.Event != a.Event || orig.DuplicateOf != "":
				t.Errorf("%s: duplicate_of %s must be an original of the same event", a.File, a.DuplicateOf)
			case containment(sh[a.File], sh[orig.File]) < 0.5:
				t.Errorf("%s vs %s: containment %.2f, want near-verbatim", a.File, orig.File, containment(sh[a.File], sh[orig.File]))
			}
		}
		for _, b := range es {
			if a.File >= b.File || a.Event != b.Event || a.DuplicateOf == b.File || b.DuplicateOf == a.File {
				continue
			}
			if c := containment(sh[a.File], sh[b.File]); c > 0.2 {
				t.Errorf("%s vs %s: containment %.2f, want independent wording", a.File, b.File, c)
			}
		}
	}
}
