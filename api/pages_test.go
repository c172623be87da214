package api

import (
	"regexp"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	f := newFixture(t, Config{})
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{`href="/storylines/s1"`, "Weber und Kühn", `class="skip-link"`, "2 events"}},
		{"/storylines/s1", 200, []string{`<svg class="timeline"`, `data-segments="2"`, "8 years 8 months", "Einladung nach Lindau", "Anton Weber"}},
		{"/storylines/nope", 404, []string{"Storyline not found"}},
		{"/events/e2", 200, []string{"Besuch in Lindau", "/articles/" + f.ids["visit"], "compare with the first article"}},
		{"/articles/" + f.ids["invite"], 200, []string{
			`<a class="ent t-PER" href="/entities/per:anton-weber" title="Anton Weber (person)">Anton Weber</a>`,
			`<time class="timex" datetime="2015-05-09" title="DATE 2015-05-09">9. Mai 2015</time>`,
			`<details class="removed">`, "Jetzt Newsletter abonnieren", "<p>Das Treffen in"}},
		{"/articles/nope", 404, []string{"Article not found"}},
		{"/entities/loc:lindau", 200, []string{"Lindau", "Mentioned together with", "Anton Weber"}},
		{"/compare", 200, []string{`<label for="a">`}},
		{"/compare?a=" + f.ids["invite"] + "&b=" + f.ids["visit"], 200, []string{`data-dim="Geography"`, `data-dim="Tone"`, "very similar", "shared entities"}},
		{"/compare?a=" + f.ids["invite"] + "&b=x", 404, nil},
		{"/search", 200, []string{`<label for="from">From</label>`}},
		{"/search?q=Lindau&lang=de", 200, []string{"2 results", "/articles/" + f.ids["visit"]}},
		{"/search?q=Lindau&limit=1", 200, []string{"Next page", "offset=1"}},
		{"/search?from=garbage", 400, nil},
		{"/static/style.css", 200, []string{":focus-visible"}},
		{"/no/such/page", 404, []string{"Page not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			st, body, h := do(t, "GET", f.url+tt.path, "", "")
			if st != tt.status {
				t.Fatalf("status %d, want %d: %.500s", st, tt.status, body)
			}
			if strings.HasSuffix(tt.path, ".css") {
				if !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
					t.Errorf("css content type %q", h.Get("Content-Type"))
				}
			} else if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
				t.Errorf("content type %q", h.Get("Content-Type"))
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

// TestArticlePageEscapes checks that article text cannot inject markup.
func TestArticlePageEscapes(t *testing.T) {
	f := newFixture(t, Config{})
	st, body, _ := do(t, "POST", f.url+"/api/articles", "", `{"title":"<script>alert(1)</script>","text":"<img src=x onerror=alert(1)> Text"}`)
	if st != 201 {
		t.Fatalf("%d %s", st, body)
	}
	id := regexp.MustCompile(`"id":"([0-9a-f]+)"`).FindSubmatch(body)[1]
	_, page, _ := do(t, "GET", f.url+"/articles/"+string(id), "", "")
	if strings.Contains(string(page), "<script>alert") || strings.Contains(string(page), "<img src=x") {
		t.Fatal("article markup not escaped")
	}
}
