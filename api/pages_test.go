package api

import (
	"context"
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

func TestActorDedup(t *testing.T) {
	n := &names{cache: map[string]entityRef{}}
	got := n.all([]string{"per:holger-brandt", "brandt", "loc:leipzig", "leipzig", "per:jung"},
		[]string{"Holger Brandt", "Brandt", "Leipzig", "Leipzig", "Jung"}, 10)
	var names []string
	for _, r := range got {
		names = append(names, r.Name+"/"+r.Type)
	}
	if want := "Holger Brandt/PER Leipzig/LOC Jung/PER"; strings.Join(names, " ") != want {
		t.Errorf("got %v, want %s", names, want)
	}
}

func TestArticlePlacement(t *testing.T) {
	var f *fixture
	f = newFixture(t, Config{Placement: func(ctx context.Context, id string) (*Placement, error) {
		switch id {
		case f.ids["invite"]:
			return &Placement{Event: "e1", Storyline: "s1"}, nil
		case f.ids["visit"]:
			return &Placement{Event: "e2", Storyline: "s1", DuplicateOf: f.ids["invite"]}, nil
		}
		return nil, nil
	}})
	_, page, _ := do(t, "GET", f.url+"/articles/"+f.ids["visit"], "", "")
	for _, want := range []string{`Part of the event <a href="/events/e2">Besuch in Lindau</a>`, `in the storyline <a href="/storylines/s1">`,
		`near-duplicate</span> of <a href="/articles/` + f.ids["invite"] + `">`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	_, body, _ := do(t, "GET", f.url+"/api/articles/"+f.ids["invite"], "", "")
	if !strings.Contains(string(body), `"weave":{"event":"e1","storyline":"s1"}`) || !strings.Contains(string(body), `"title":"Weber lädt Kühn ein"`) {
		t.Errorf("article JSON: %s", body)
	}
	_, body, _ = do(t, "GET", f.url+"/api/articles/"+f.ids["ferry"], "", "")
	if strings.Contains(string(body), `"weave"`) {
		t.Errorf("unwoven article has a weave field: %s", body)
	}
}
