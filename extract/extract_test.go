package extract

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fÃ¼r", "für"},
		{"GrÃ¶ÃŸe", "Größe"},
		{"â€žZitatâ€œ", "„Zitat“"},
		{"â€“ Gedankenstrich", "– Gedankenstrich"},
		{"Ãœbersicht", "Übersicht"},
		{"â€\ufffd", "”"},
		{"fÃƒÂ¼r", "für"}, // garbled twice
		// Correct text stays as it is.
		{"für München", "für München"},
		{"Café à la carte", "Café à la carte"},
		{"Ã", "Ã"},
		{"Â", "Â"},
		{"ÃÃÃ", "ÃÃÃ"},
		{"plain ascii", "plain ascii"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RepairMojibake(tt.in); got != tt.want {
			t.Errorf("RepairMojibake(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanTextFixtures(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		keep      []string // must be in the text
		drop      []string // must not be in the text
		agencies  []string
		published string
		from      string
		authors   []string
		reasons   []string // must be among the removal reasons
		source    string
	}{
		{file: "widget_kicker.txt", title: "Haushaltsstreit: Regierung einigt sich auf neuen Etat",
			keep:     []string{"Nach wochenlangem Streit hat sich", "BERLIN – Die Spitzen der Koalition", "mehr Investitionen in Schulen und Straßen."},
			drop:     []string{"%", "Teilen", "Kommentare", "Show!", "(dpa)", "Startseite"},
			agencies: []string{"dpa"}, reasons: []string{ReasonWidget, ReasonComments, ReasonDateline}},
		{file: "glued_dateline.txt", title: "Wahl in Österreich: Kanzler verliert Mehrheit",
			keep:     []string{"Die Regierungspartei muss herbe", "Wien – Die Regierungspartei hat", "in der kommenden Woche beginnen."},
			drop:     []string{"WienDie", "Agentur", "Mehr zum Thema", "Wetter"},
			agencies: []string{"AFP"}, reasons: []string{ReasonTeaser, ReasonAgency}},
		{file: "url_date.txt", title: "Gipfel in Peking: Staatschefs vereinbaren Klimaziele",
			keep:      []string{"Die Staatschefs haben sich", "bis zum Frühjahr ausgearbeitet werden."},
			drop:      []string{"https://", "Foto: AFP", "Newsletter", "Von Anna"},
			published: "2014-11-18", from: "url", authors: []string{"Anna Beispiel", "Jan Muster"},
			reasons: []string{ReasonURL, ReasonNewsletter, ReasonCaption, ReasonAuthor}},
		{file: "relative.txt", title: "Streik legt Bahnverkehr lahm",
			keep: []string{"Ein Streik der Lokführer", "unverhältnismäßigen Eskalation."}},
		{file: "english.txt", title: "Storm hits coast: thousands without power",
			keep:     []string{"A powerful storm swept", "LONDON – Officials said", "flooding in low-lying areas."},
			drop:     []string{"Share this", "Related", "Election results", "Great reporting", "By John"},
			agencies: []string{"Reuters"}, authors: []string{"John Example"}},
		{file: "meta_lines.txt", title: "Russland: Putin empfängt Kim im Kosmodrom",
			keep:     []string{"Der russische Präsident hat", "Moskau – Die Gespräche dauerten", "Einzelheiten wurden nicht bekannt."},
			drop:     []string{"Quelle", "vergrößern", "Reporting by", "dpa-infocom", "(AFP)"},
			agencies: []string{"AFP", "Reuters", "dpa"}, published: "2023-09-15", from: "dateline",
			reasons: []string{ReasonDate, ReasonShare, ReasonAgency, ReasonDateline}},
		{file: "wrapped.txt", title: "Neue Brücke eröffnet",
			keep: []string{"nach drei Jahren Bauzeit für den Verkehr", "über der Planung. Anwohner"}},
		{file: "mojibake.txt", title: "Überraschung in München: Grüne gewinnen",
			keep: []string{"Die Grünen haben die Wahl in München gewonnen. „Das ist ein großer Tag“"},
			drop: []string{"Ã", "â€"}},
		// Page furniture of crawled dumps: masthead, consent prompt without
		// the word "cookie", menus, breadcrumbs, teaser list, paywall.
		{file: "nav_masthead.txt", title: "Neue Elbbrücke in Pirna wird später fertig",
			keep:      []string{"PIRNA – Die neue Elbbrücke", "über die Folgen für den Busverkehr beraten."},
			drop:      []string{"Elbufer", "Einverstanden", "Dresden •", "Startseite", "Tweeten", "Porzellanmanufaktur", "B172", "weiterlesen", "Abonnent", "©"},
			published: "2024-04-03", from: "dateline", source: "Elbufer-Kurier",
			reasons: []string{ReasonNav, ReasonCookie, ReasonTeaser, ReasonPaywall}},
		{file: "nav_glued_en.txt", title: "Ferry operator cuts winter timetable after fuel costs soar",
			keep:      []string{"The island ferry operator will run", "review the timetable in spring."},
			drop:      []string{"HERALD", "Home |", "Accept all", "News > Local", "Share |", "Harbour works", "bus link", "Comments", "Martha"},
			published: "2024-03-04", from: "dateline", source: "THE PORTSIDE HERALD", authors: []string{"Martha Lindqvist"},
			reasons: []string{ReasonNav, ReasonCookie, ReasonTeaser, ReasonComments, ReasonAuthor}},
		{file: "nav_space_menu.txt", title: "Radverkehr: Kreistag beschließt neues Radwegenetz",
			keep:      []string{"GIFHORN – Der Kreistag hat", "Die Opposition stimmte dagegen."},
			drop:      []string{"Startseite", "Zustimmen", "Kreis Gifhorn", "Tags", "Aller-Bote"},
			published: "2024-06-12", from: "dateline", source: "Aller-Bote Verlag",
			reasons: []string{ReasonNav, ReasonCookie}},
	}
	ex := New()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := ex.Extract(Document{Input: tt.file, Body: readFixture(t, tt.file)})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if strings.HasPrefix(a.Text, a.Title) {
				t.Errorf("title repeated as first line of text")
			}
			for _, k := range tt.keep {
				if !strings.Contains(a.Text, k) {
					t.Errorf("text lost %q:\n%s", k, a.Text)
				}
			}
			for _, d := range tt.drop {
				if strings.Contains(a.Text, d) {
					t.Errorf("text kept %q:\n%s", d, a.Text)
				}
			}
			if tt.agencies != nil && !slices.Equal(a.Agencies, tt.agencies) {
				t.Errorf("agencies = %v, want %v", a.Agencies, tt.agencies)
			}
			if a.Published != tt.published || a.PublishedFrom != tt.from {
				t.Errorf("published = %q from %q, want %q from %q", a.Published, a.PublishedFrom, tt.published, tt.from)
			}
			if tt.authors != nil && !slices.Equal(a.Authors, tt.authors) {
				t.Errorf("authors = %v, want %v", a.Authors, tt.authors)
			}
			if tt.source != "" && a.Source != tt.source {
				t.Errorf("source = %q, want %q", a.Source, tt.source)
			}
			var got []string
			for _, r := range a.Removed {
				got = append(got, r.Reason)
			}
			for _, r := range tt.reasons {
				if !slices.Contains(got, r) {
					t.Errorf("removed reasons %v lack %q", got, r)
				}
			}
		})
	}
}

func TestRelativeDateNeedsAnchor(t *testing.T) {
	ex := New()
	body := readFixture(t, "relative.txt")
	a, err := ex.Extract(Document{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "" {
		t.Errorf("without anchor published = %q, want none", a.Published)
	}
	// Crawled on Friday 2024-03-08: "am Mittwoch" = 03-06, "am Donnerstag" = 03-07.
	a, err = ex.Extract(Document{Body: body, Fetched: time.Date(2024, 3, 8, 15, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "2024-03-07" || a.PublishedFrom != "relative" || a.PublishedConfidence >= 1 || a.PublishedConfidence <= 0 {
		t.Errorf("published = %q from %q conf %v", a.Published, a.PublishedFrom, a.PublishedConfidence)
	}
}

func TestContainerMetadataWins(t *testing.T) {
	ex := New()
	a, err := ex.Extract(Document{Body: readFixture(t, "relative.txt"), Title: "Bahnstreik",
		Date: "2024-03-07T10:00:00Z", Source: "Beispielblatt", Lang: "DE", URL: "https://x.example/a"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Bahnstreik" || a.Published != "2024-03-07" || a.Source != "Beispielblatt" || a.Lang != "de" {
		t.Errorf("got %q %q %q %q", a.Title, a.Published, a.Source, a.Lang)
	}
	// The dump's own headline differs from the container title: kept as text.
	if !strings.HasPrefix(a.Text, "Streik legt Bahnverkehr lahm") {
		t.Errorf("text = %.60q", a.Text)
	}
}

func TestDatelines(t *testing.T) {
	tests := []struct{ in, want, agency string }{
		{"Lead ohne Ortsmarke steht hier.\n\nMOSKAU/WASHINGTON dpa/rtr | Russland hat heute etwas Wichtiges erklärt.", "MOSKAU/WASHINGTON – Russland hat", "Reuters,dpa"},
		{"Lead.\n\nBerlin (AFP) – Die Regierung hat heute etwas Wichtiges erklärt.", "Berlin – Die Regierung", "AFP"},
		{"Lead.\n\nHamburg - Die Polizei hat heute etwas Wichtiges erklärt.", "Hamburg – Die Polizei", ""},
		// Not datelines: a label with a colon, a long phrase with a dash.
		{"Lead.\n\nFazit: Die Regierung hat heute etwas Wichtiges erklärt.", "Fazit: Die Regierung", ""},
		{"Lead.\n\nDie große Koalition - so sagen es viele - hat heute etwas erklärt.", "Die große Koalition - so", ""},
	}
	for _, tt := range tests {
		c := CleanText("Titel der Meldung\n\n" + tt.in)
		text := c.Text()
		if !strings.Contains(text, tt.want) {
			t.Errorf("CleanText(%.40q) text = %q, want %q", tt.in, text, tt.want)
		}
		if got := strings.Join(c.Agencies, ","); got != tt.agency {
			t.Errorf("agencies = %q, want %q", got, tt.agency)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	ex := New()
	tests := []struct {
		name string
		body []byte
		kind Kind
		want error
	}{
		{"empty", nil, KindAuto, ErrEmpty},
		{"spaces", []byte(" \n\t\n "), KindAuto, ErrEmpty},
		{"bom only", []byte("\xEF\xBB\xBF"), KindAuto, ErrEmpty},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), KindAuto, ErrBinary},
		{"utf16", []byte("\xff\xfeH\x00a\x00l\x00l\x00o\x00"), KindAuto, ErrBinary},
		{"latin1 text", []byte("F\xfcr die Stadt ist das ein gro\xdfer Tag."), KindText, ErrNotUTF8},
		{"only boilerplate", []byte("Kommentare\n\nTeilen\n\n"), KindText, ErrNoText},
	}
	for _, tt := range tests {
		a, err := ex.Extract(Document{Input: tt.name, Body: tt.body, Kind: tt.kind})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, article %v; want %v", tt.name, err, a != nil, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", tt.name, err)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want Kind
	}{
		{"<!DOCTYPE html><html><body><p>x</p></body></html>", KindHTML},
		{"  <html lang=de>", KindHTML},
		{"<p>Absatz</p>", KindHTML},
		{"Titel\n\nText <b>mit</b> Tag", KindText},
		{"<3 Liebe ist alles", KindText},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestExtractHTMLSynthetic(t *testing.T) {
	ex := New()
	for _, d := range SyntheticDocuments(KindHTML, 3) {
		a, err := ex.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Title, "Haushaltsstreit: Regierung legt Plan") || strings.Contains(a.Title, "Beispielzeitung") {
			t.Errorf("title = %q", a.Title)
		}
		if len(a.Published) != 10 || a.PublishedConfidence <= 0 {
			t.Errorf("published = %q (%v)", a.Published, a.PublishedConfidence)
		}
		for _, bad := range []string{"Startseite", "Impressum", "Das sehe ich ganz anders", "Ein Spiel endet"} {
			if strings.Contains(a.Text, bad) {
				t.Errorf("HTML text kept %q", bad)
			}
		}
		if !strings.Contains(a.Text, "(dpa)") && !slices.Contains(a.Agencies, "dpa") {
			t.Errorf("agency lost: %v", a.Agencies)
		}
		if a.Lang != "de" || a.Source == "" || a.ID == "" {
			t.Errorf("lang %q source %q id %q", a.Lang, a.Source, a.ID)
		}
		if !strings.Contains(a.Text, "\n\n") {
			t.Error("paragraphs not separated by blank lines")
		}
	}
}

func TestSyntheticTextDumps(t *testing.T) {
	ex := New()
	for _, d := range SyntheticDocuments(KindText, 5) {
		a, err := ex.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Title, "Haushaltsstreit: Regierung legt Plan") {
			t.Errorf("title = %q", a.Title)
		}
		for _, bad := range []string{"Weitere Themen", "Newsletter", "Kommentare", "Bild: dpa", "Tags", "Fußball"} {
			if strings.Contains(a.Text, bad) {
				t.Errorf("text kept %q", bad)
			}
		}
		if !slices.Contains(a.Agencies, "dpa") {
			t.Errorf("agencies = %v", a.Agencies)
		}
	}
}

// Extract is used from many ingest workers at once.
func TestExtractConcurrent(t *testing.T) {
	ex := New()
	docs := append(SyntheticDocuments(KindText, 8), SyntheticDocuments(KindHTML, 4)...)
	want := make([]string, len(docs))
	for i, d := range docs {
		a, err := ex.Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.ID
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, d := range docs {
				a, err := ex.Extract(d)
				if err != nil || a.ID != want[i] {
					t.Errorf("doc %d: concurrent result differs (%v)", i, err)
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzCleanText(f *testing.F) {
	for _, name := range []string{"widget_kicker.txt", "glued_dateline.txt", "url_date.txt", "english.txt", "wrapped.txt", "mojibake.txt", "nav_masthead.txt", "nav_glued_en.txt"} {
		f.Add(string(readFixture(f, name)))
	}
	f.Add("")
	f.Add("\n\n•\n-0%1%2%3%4%5%\n")
	f.Add("Ã\nÂ\nâ€")
	f.Fuzz(func(t *testing.T, s string) {
		c := CleanText(s)
		text := c.Text()
		if utf8.ValidString(s) && (!utf8.ValidString(text) || !utf8.ValidString(c.Title)) {
			t.Fatalf("invalid UTF-8 out of valid input")
		}
		if strings.Contains(text, "\n\n\n") {
			t.Fatalf("empty paragraph in %q", text)
		}
		for _, p := range c.Paragraphs {
			if strings.TrimSpace(p) == "" || p != strings.TrimSpace(p) {
				t.Fatalf("paragraph not trimmed: %q", p)
			}
		}
		if c.Title != "" && len(c.Paragraphs) > 1 && c.Paragraphs[0] == c.Title {
			t.Fatalf("title repeated as first paragraph")
		}
		for _, r := range c.Removed {
			if r.Reason == "" {
				t.Fatalf("removed without reason: %+v", r)
			}
		}
		if c.Date != "" {
			if _, err := time.Parse("2006-01-02", c.Date); err != nil {
				t.Fatalf("bad date %q", c.Date)
			}
		}
	})
}

func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"fÃ¼r", "â€žZitatâ€œ", "für", "ÃÃÃ", "fÃƒÂ¼r", "â€\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := RepairMojibake(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("RepairMojibake(%q) = %q: invalid UTF-8", s, out)
		}
		if len(out) > len(s) {
			t.Fatalf("repair grew the text: %q → %q", s, out)
		}
		// Text that garbling could not have produced is left alone.
		if !strings.ContainsAny(s, "ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóô") && out != s {
			t.Fatalf("changed clean text %q → %q", s, out)
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte("Titel\n\nText."), uint8(0))
	f.Add([]byte("<html><body><h1>T</h1><p>Ein Absatz mit Text.</p></body></html>"), uint8(2))
	f.Add(readFixture(f, "widget_kicker.txt"), uint8(1))
	ex := New()
	f.Fuzz(func(t *testing.T, body []byte, kind uint8) {
		a, err := ex.Extract(Document{Body: body, Kind: Kind(kind % 3)})
		if err != nil {
			if a != nil {
				t.Fatal("article and error")
			}
			return
		}
		if strings.TrimSpace(a.Text) == "" || a.ID == "" {
			t.Fatalf("empty article without error")
		}
	})
}

func benchDocs(b *testing.B, kind Kind) []Document {
	docs := SyntheticDocuments(kind, 20)
	b.SetBytes(int64(len(docs[0].Body)))
	return docs
}

func BenchmarkExtractText(b *testing.B) {
	ex := New()
	docs := benchDocs(b, KindText)
	ex.Extract(docs[0])
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := ex.Extract(docs[i%len(docs)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func BenchmarkExtractHTML(b *testing.B) {
	ex := New()
	docs := benchDocs(b, KindHTML)
	ex.Extract(docs[0])
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := ex.Extract(docs[i%len(docs)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

func BenchmarkCleanText(b *testing.B) {
	docs := benchDocs(b, KindText)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		CleanText(string(docs[i%len(docs)].Body))
	}
}

func TestTitleNotRepeated(t *testing.T) {
	tests := []struct{ in, title, first string }{
		{"Neue Brücke eröffnet\n\nNeue Brücke eröffnet\n\nDie Brücke ist seit Samstag für den Verkehr freigegeben.", "Neue Brücke eröffnet", "Die Brücke ist seit Samstag"},
		{"Neue Brücke eröffnet\n\nNeue Brücke eröffnet Die Brücke ist seit Samstag für den Verkehr freigegeben.", "Neue Brücke eröffnet", "Die Brücke ist seit Samstag"},
		{"Verkehr\nNeue Brücke eröffnet\n\nNeue Brücke eröffnet\n\nDie Brücke ist seit Samstag für den Verkehr freigegeben.", "Verkehr: Neue Brücke eröffnet", "Die Brücke ist seit Samstag"},
	}
	for _, tt := range tests {
		c := CleanText(tt.in)
		if c.Title != tt.title || !strings.HasPrefix(c.Text(), tt.first) {
			t.Errorf("CleanText(%.30q): title %q, text %.40q", tt.in, c.Title, c.Text())
		}
	}
}
