package analyze_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/analyze/events"
	"github.com/newsweave/newsweave/analyze/timex"
)

func TestAnchor(t *testing.T) {
	ingested := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		published string
		want      string // "" = zero
	}{
		{"2014-12-19", "2014-12-19"},
		{"2014-12-19T08:30:00Z", "2014-12-19"},
		{"", ""},
		{"2014-12", ""}, // month only: no day to count weekdays from
		{"garbage!!", ""},
	}
	for _, c := range cases {
		got := analyze.Anchor(&newsweave.Article{Published: c.published, IngestedAt: ingested})
		if c.want == "" {
			if !got.IsZero() {
				t.Errorf("Anchor(%q) = %v, want zero (never the ingest time)", c.published, got)
			}
			continue
		}
		if got.Format("2006-01-02") != c.want {
			t.Errorf("Anchor(%q) = %v, want %s", c.published, got, c.want)
		}
	}
}

// TestAnalyzeUndated: an undated 2014 story ingested in 2026 gets no 2026
// dates anywhere.
func TestAnalyzeUndated(t *testing.T) {
	an := &analyze.Analyzer{Times: timex.New(), Events: events.New()}
	a := &newsweave.Article{
		Title:      "Putin lädt Kim ein",
		Text:       "Russland hat Kim am 9. Mai 2015 nach Moskau eingeladen, sagte Peskow am Freitag. Lawrow erklärte im November, Nordkorea sei bereit.",
		Lang:       "de",
		IngestedAt: time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC),
	}
	an.Analyze(a)
	vals := map[string]string{}
	for _, x := range a.Times {
		vals[x.Text] = x.Value
	}
	want := map[string]string{"9. Mai 2015": "2015-05-09", "Freitag": "XXXX-WXX-5", "November": "XXXX-11"}
	for k, v := range want {
		if vals[k] != v {
			t.Errorf("%q = %q, want %q (all: %v)", k, vals[k], v, vals)
		}
	}
	if strings.HasPrefix(a.EventDate, "2026") {
		t.Errorf("event date %q from the ingest time", a.EventDate)
	}
}
