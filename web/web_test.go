package web

import (
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

func TestParseTimex(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		grain string
		ok    bool
	}{
		{"2015-05-09", "2015-05-09", "day", true},
		{"2015-05-09T10:30", "2015-05-09", "day", true},
		{"2014-12", "2014-12-15", "month", true},
		{"2014", "2014-07-01", "year", true},
		{"2023-W37", "2023-09-14", "week", true},
		{"2024-Q2", "2024-05-15", "month", true},
		{"XXXX-05-09", "", "", false},
		{"P3Y", "", "", false},
		{"2015-02-30", "", "", false},
		{"2015-13", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		got, g, ok := ParseTimex(tt.in)
		if ok != tt.ok || (ok && (got.Format("2006-01-02") != tt.want || g != tt.grain)) {
			t.Errorf("ParseTimex(%q) = %v %q %v, want %s %q %v", tt.in, got.Format("2006-01-02"), g, ok, tt.want, tt.grain, tt.ok)
		}
	}
}

var xRe = regexp.MustCompile(`data-date="([^"]*)" data-n="(\d+)" data-x="([\d.]+)"`)

func TestTimelineOrderAndBrokenAxis(t *testing.T) {
	evs := []TimelineEvent{
		{ID: "c", Title: "Gipfel", Date: "2023-09-13", Articles: 5, Outlets: []string{"taz"}},
		{ID: "a", Title: "Einladung", Date: "2014-12-19", Articles: 1},
		{ID: "b", Title: "Absage", Date: "2015-04-30", Articles: 2},
		{ID: "u", Title: "Ohne Datum", Date: "XXXX-05-09"},
		{ID: "d", Title: "Folgebesuch", Date: "2024-06-19", Articles: 3, Actors: []string{"Kim", "Putin"}},
	}
	svg, undated := Timeline(evs)
	if len(undated) != 1 || undated[0].ID != "u" {
		t.Fatalf("undated = %v", undated)
	}
	s := string(svg)
	if !strings.Contains(s, `data-segments="2"`) || !strings.Contains(s, "8 years 4 months") {
		t.Fatalf("want a broken axis with the gap 2015-04-30 → 2023-09-13 labelled:\n%s", s)
	}
	ms := xRe.FindAllStringSubmatch(s, -1)
	if len(ms) != 4 {
		t.Fatalf("%d events drawn, want 4", len(ms))
	}
	wantDates := []string{"2014-12-19", "2015-04-30", "2023-09-13", "2024-06-19"}
	prevX := -1.0
	for i, m := range ms {
		x, _ := strconv.ParseFloat(m[3], 64)
		if m[1] != wantDates[i] || m[2] != strconv.Itoa(i+1) || x <= prevX {
			t.Errorf("event %d: date %s n %s x %s (prev x %.1f)", i, m[1], m[2], m[3], prevX)
		}
		prevX = x
	}
	if !strings.Contains(s, "Kim, Putin") || !strings.Contains(s, "5 articles · taz") {
		t.Error("actors or outlets missing from labels")
	}
	// Within one segment the scale is linear: 2023-09-13 → 2024-06-19 spans
	// the whole second segment, so the gap between them is much larger
	// than the gap 2014-12-19 → 2015-04-30 scaled in its own segment only
	// if the segment widths follow their spans.
	x := func(i int) float64 { v, _ := strconv.ParseFloat(ms[i][3], 64); return v }
	if (x(3) - x(2)) <= (x(1) - x(0)) {
		t.Errorf("segment widths do not follow their spans: %v %v", x(3)-x(2), x(1)-x(0))
	}
}

func TestTimelineNoBreakForShortSpans(t *testing.T) {
	var evs []TimelineEvent
	d := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 12 {
		evs = append(evs, TimelineEvent{ID: strconv.Itoa(i), Title: "Ereignis " + strconv.Itoa(i), Date: d.AddDate(0, i, 0).Format("2006-01-02"), Articles: i})
	}
	svg, _ := Timeline(evs)
	if !strings.Contains(string(svg), `data-segments="1"`) {
		t.Error("a year of monthly events must not break the axis")
	}
	if !strings.Contains(string(svg), "Jan 2021") && !strings.Contains(string(svg), "Feb 2021") {
		t.Error("month ticks expected")
	}
	if svg, _ := Timeline(nil); svg != "" {
		t.Error("no events should draw nothing")
	}
	one, _ := Timeline(evs[:1])
	if !strings.Contains(string(one), `data-events="1"`) {
		t.Error("single event not drawn")
	}
}

func TestGapText(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse("2006-01-02", s); return v }
	tests := []struct{ a, b, want string }{
		{"2015-05-09", "2023-09-13", "8 years 4 months"},
		{"2015-05-09", "2016-05-09", "1 year"},
		{"2015-05-09", "2016-08-01", "1 year 2 months"},
		{"2015-01-31", "2015-03-01", "1 month"},
	}
	for _, tt := range tests {
		if got := gapText(d(tt.a), d(tt.b)); got != tt.want {
			t.Errorf("gapText(%s, %s) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestHighlight(t *testing.T) {
	// Offsets are code points: "Ä" and the emoji must not shift spans.
	text := "Ärger 😀 in Köln am 9. Mai.\n\nZweiter Absatz mit Kim."
	r := []rune(text)
	idx := func(s string) int { return len([]rune(text[:strings.Index(text, s)])) }
	ments := []newsweave.Mention{
		{Text: "Köln", Type: "LOC", EntityID: "loc:koeln", Start: idx("Köln"), End: idx("Köln") + 4},
		{Text: "Kim", Type: "PER", EntityID: "per:kim", Start: idx("Kim"), End: idx("Kim") + 3},
		{Text: "bad", Start: -1, End: 3},
		{Text: "bad", Start: 5, End: len(r) + 10},
		{Text: "overlap", Start: idx("Köln") + 1, End: idx("Köln") + 6},
	}
	times := []newsweave.TimeExpr{{Text: "9. Mai", Type: "DATE", Value: "2015-05-09", Start: idx("9. Mai"), End: idx("9. Mai") + 6}}
	ps := Highlight(text, ments, times)
	if len(ps) != 2 {
		t.Fatalf("%d paragraphs, want 2: %+v", len(ps), ps)
	}
	var marked []string
	for _, p := range ps {
		for _, s := range p {
			if s.Kind != "" {
				marked = append(marked, s.Kind+":"+s.Text)
			}
		}
	}
	want := []string{"entity:Köln", "time:9. Mai", "entity:Kim"}
	if strings.Join(marked, "|") != strings.Join(want, "|") {
		t.Errorf("marked %v, want %v", marked, want)
	}
	// All text is kept.
	var all strings.Builder
	for i, p := range ps {
		if i > 0 {
			all.WriteString("\n\n")
		}
		for _, s := range p {
			all.WriteString(s.Text)
		}
	}
	if all.String() != text {
		t.Errorf("text changed:\n%q\n%q", all.String(), text)
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("Köln und Bonn\n\nam 3. Mai", 0, 4, 9, 13)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		ps := Highlight(text, []newsweave.Mention{{Start: s1, End: e1}}, []newsweave.TimeExpr{{Start: s2, End: e2}})
		n := 0
		for _, p := range ps {
			if len(p) == 0 {
				t.Fatal("empty paragraph")
			}
			for _, s := range p {
				if s.Text == "" {
					t.Fatal("empty span")
				}
				n += utf8.RuneCountInString(s.Text)
			}
		}
		if n > utf8.RuneCountInString(text) {
			t.Fatalf("highlight grew the text: %d > %d code points", n, utf8.RuneCountInString(text))
		}
	})
}

func TestPagesParseAndRender(t *testing.T) {
	u, err := New()
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	if err := u.Render(rec, 404, "error", &Page{Title: "Nope", Data: "missing <b>"}); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "missing &lt;b&gt;") || !strings.Contains(rec.Body.String(), `href="#main"`) {
		t.Errorf("error page: %d %s", rec.Code, rec.Body.String())
	}
	if err := u.Render(httptest.NewRecorder(), 200, "nope", &Page{}); err == nil {
		t.Error("unknown page should fail")
	}
}

func FuzzTimeline(f *testing.F) {
	f.Add("2015-05-09", "2023-W37", "2014", 3)
	f.Add("XXXX-05-09", "2015-02-30", "0001-01-01", 0)
	f.Fuzz(func(t *testing.T, d1, d2, d3 string, n int) {
		evs := []TimelineEvent{{ID: "1", Title: d1, Date: d1, Articles: n}, {ID: "2", Title: d2, Date: d2, Articles: -n}, {ID: "3", Date: d3}}
		svg, undated := Timeline(evs)
		drawn := strings.Count(string(svg), `<g class="event"`)
		if drawn+len(undated) != len(evs) {
			t.Fatalf("%d drawn + %d undated != %d", drawn, len(undated), len(evs))
		}
	})
}

func TestTimelineManyEvents(t *testing.T) {
	var evs []TimelineEvent
	d := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 30 {
		evs = append(evs, TimelineEvent{ID: strconv.Itoa(i), Title: "Ereignis " + strconv.Itoa(i), Date: d.AddDate(0, 0, 9*i).Format("2006-01-02"), Articles: 1 + i%7})
	}
	svg, _ := Timeline(evs)
	s := string(svg)
	if n := strings.Count(s, `<g class="event"`); n != 30 {
		t.Fatalf("%d events drawn, want 30", n)
	}
	if n := strings.Count(s, `class="ev-title"`); n != tlMaxLabels {
		t.Errorf("%d labels, want %d", n, tlMaxLabels)
	}
	if !strings.Contains(s, "Ereignis 6<") { // 7 articles: among the most covered
		t.Error("a most-covered event lost its label")
	}
}
