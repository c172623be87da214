package api

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
	"github.com/newsweave/newsweave/store/sqlite"
)

// storeIngester is the smallest real Ingester: it stores the posted text
// as the article (no extraction or analysis), so API tests exercise the
// HTTP layer against the real SQLite store.
type storeIngester struct{ st store.Store }

func (g storeIngester) IngestOne(ctx context.Context, in ArticleInput) (*newsweave.Article, bool, error) {
	a := &newsweave.Article{ID: newsweave.ContentID(in.Title, in.Text), URL: in.URL, Title: in.Title, Text: in.Text,
		Published: in.Date, Source: in.Source, Lang: in.Lang, IngestedAt: time.Now().UTC()}
	ok, err := g.st.PutArticle(ctx, a)
	return a, ok, err
}

// memWeave is an in-memory WeaveStore.
type memWeave struct {
	storylines []newsweave.Storyline
	events     map[string]newsweave.Cluster
}

func (m *memWeave) Storylines(ctx context.Context) ([]newsweave.Storyline, error) {
	return m.storylines, nil
}

func (m *memWeave) Storyline(ctx context.Context, id string) (*newsweave.Storyline, []newsweave.Cluster, error) {
	for i := range m.storylines {
		if m.storylines[i].ID == id {
			sl := m.storylines[i]
			var cs []newsweave.Cluster
			for _, e := range sl.Events {
				cs = append(cs, m.events[e])
			}
			return &sl, cs, nil
		}
	}
	return nil, nil, store.ErrNotFound
}

func (m *memWeave) Events(ctx context.Context, limit int) ([]newsweave.Cluster, error) {
	var cs []newsweave.Cluster
	for _, c := range m.events {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Date > cs[j].Date })
	if limit > 0 && len(cs) > limit {
		cs = cs[:limit]
	}
	return cs, nil
}

func (m *memWeave) Event(ctx context.Context, id string) (*newsweave.Cluster, error) {
	c, ok := m.events[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	return &c, nil
}

func (m *memWeave) Duplicates(ctx context.Context) ([]store.Duplicate, error) { return nil, nil }

// overlapComparer scores pairs by shared entity ids: a transparent rule so
// tests can check the numbers that reach the page.
type overlapComparer struct{}

func (overlapComparer) Compare(ctx context.Context, a, b *newsweave.Article) (*Comparison, error) {
	ids := map[string]bool{}
	for _, m := range a.Entities {
		ids[m.EntityID] = true
	}
	var shared []string
	seen := map[string]bool{}
	for _, m := range b.Entities {
		if ids[m.EntityID] && !seen[m.EntityID] {
			seen[m.EntityID] = true
			shared = append(shared, m.Canonical)
		}
	}
	score := 4.0 - 3*float64(len(shared))/float64(max(len(ids), 1))
	c := &Comparison{}
	for _, d := range []string{"Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"} {
		c.Dimensions = append(c.Dimensions, Dimension{Name: d, Score: score, Evidence: []string{fmt.Sprintf("shared entities: %v", shared)}})
	}
	return c, nil
}

// fixture is a running server on a loopback port over a temp SQLite store.
type fixture struct {
	url   string
	db    *sqlite.DB
	weave *memWeave
	ids   map[string]string // name → article id
}

// at is the code-point offset of the nth (0-based) occurrence of sub in text.
func at(text, sub string, nth int) int {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], sub)
		if j < 0 {
			panic("fixture: " + sub + " not in text")
		}
		if i == nth {
			return utf8.RuneCountInString(text[:off+j])
		}
		off += j + len(sub)
	}
}

func men(text, sub string, nth int, typ, id string) newsweave.Mention {
	s := at(text, sub, nth)
	return newsweave.Mention{Text: sub, Type: typ, EntityID: id, Canonical: sub, Start: s, End: s + utf8.RuneCountInString(sub)}
}

func tim(text, sub, value string) newsweave.TimeExpr {
	s := at(text, sub, 0)
	return newsweave.TimeExpr{Text: sub, Type: "DATE", Value: value, Start: s, End: s + utf8.RuneCountInString(sub)}
}

// seedArticles are small hand-written articles (not derived from ../shared).
func seedArticles() map[string]*newsweave.Article {
	t1 := "Präsident Anton Weber lädt Maria Kühn nach Lindau ein.\n\nDas Treffen in Lindau ist für den 9. Mai 2015 geplant."
	t2 := "Maria Kühn besucht Lindau. Dort traf sie Anton Weber am 13. September 2023."
	t3 := "Die Lindauer Fähre fährt wieder."
	arts := map[string]*newsweave.Article{
		"invite": {Title: "Weber lädt Kühn ein", Text: t1, Published: "2014-12-19", Source: "Seeblatt", Lang: "de",
			Entities: []newsweave.Mention{men(t1, "Anton Weber", 0, "PER", "per:anton-weber"), men(t1, "Maria Kühn", 0, "PER", "per:maria-kuehn"),
				men(t1, "Lindau", 0, "LOC", "loc:lindau"), men(t1, "Lindau", 1, "LOC", "loc:lindau")},
			Times:   []newsweave.TimeExpr{tim(t1, "9. Mai 2015", "2015-05-09")},
			Removed: []newsweave.Removed{{Text: "Jetzt Newsletter abonnieren", Reason: "newsletter"}},
		},
		"visit": {Title: "Kühn in Lindau", Text: t2, Published: "2023-09-13", Source: "Bodensee-Kurier", Lang: "de",
			Entities: []newsweave.Mention{men(t2, "Maria Kühn", 0, "PER", "per:maria-kuehn"), men(t2, "Lindau", 0, "LOC", "loc:lindau"),
				men(t2, "Anton Weber", 0, "PER", "per:anton-weber")},
			Times: []newsweave.TimeExpr{tim(t2, "13. September 2023", "2023-09-13")},
		},
		"ferry": {Title: "Fähre fährt", Text: t3, Published: "2023-10-01", Source: "Seeblatt", Lang: "de"},
	}
	for _, a := range arts {
		a.ID = newsweave.ContentID(a.Title, a.Text)
	}
	return arts
}

func newFixture(t testing.TB, cfg Config) *fixture {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{db: db, ids: map[string]string{}}
	for name, a := range seedArticles() {
		if _, err := db.PutArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		f.ids[name] = a.ID
	}
	f.weave = &memWeave{
		storylines: []newsweave.Storyline{{ID: "s1", Title: "Weber und Kühn", Events: []string{"e2", "e1"},
			Actors: []string{"per:anton-weber", "per:maria-kuehn"}, Start: "2014-12", End: "2023-09-13"}},
		events: map[string]newsweave.Cluster{
			"e1": {ID: "e1", StorylineID: "s1", Title: "Einladung nach Lindau", Date: "2014-12-19", Articles: []string{f.ids["invite"]}, Outlets: []string{"Seeblatt"}, Actors: []string{"per:anton-weber"}},
			"e2": {ID: "e2", StorylineID: "s1", Title: "Besuch in Lindau", Date: "2023-09-13", Articles: []string{f.ids["visit"], f.ids["invite"]}, Outlets: []string{"Bodensee-Kurier", "Seeblatt"}, Actors: []string{"per:maria-kuehn", "per:anton-weber"}},
		},
	}
	cfg.Store = db
	if cfg.Weave == nil {
		cfg.Weave = f.weave
	}
	cfg.Entities = db
	if cfg.Ingester == nil {
		cfg.Ingester = storeIngester{db}
	}
	if cfg.Comparer == nil {
		cfg.Comparer = overlapComparer{}
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	f.url = "http://" + ln.Addr().String()
	return f
}

var client = &http.Client{Timeout: 30 * time.Second}
