package ingest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/store/sqlite"
)

// testExtractor is a deterministic stand-in for extract.Extractor: the
// first line is the title, the rest the text; it sleeps a document-dependent
// time so parallel workers finish out of order.
type testExtractor struct{ jitter bool }

func (e testExtractor) Extract(doc extract.Document) (*newsweave.Article, error) {
	if e.jitter {
		h := fnv.New32a()
		h.Write(doc.Body)
		time.Sleep(time.Duration(h.Sum32()%3000) * time.Microsecond)
	}
	body := string(doc.Body)
	if strings.Contains(body, "PANIC") {
		panic("extractor bug")
	}
	title, text, _ := strings.Cut(strings.TrimSpace(body), "\n")
	if doc.Title != "" {
		title, text = doc.Title, body
	}
	return &newsweave.Article{Title: title, Text: text, URL: doc.URL, Lang: doc.Lang}, nil
}

type countAnalyzer struct {
	mu sync.Mutex
	n  int
}

func (c *countAnalyzer) Analyze(a *newsweave.Article) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	a.Entities = []newsweave.Mention{{Text: "Rostock", Type: newsweave.LOC, EntityID: "loc:rostock", Canonical: "Rostock"}}
}

func newPipeline(t *testing.T) (*Pipeline, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "ingest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Pipeline{Extractor: extract.New(), Store: db, Workers: 3}, db
}

func runCollect(t *testing.T, p *Pipeline, paths ...string) (*Stats, []Result) {
	t.Helper()
	stats := new(Stats)
	var res []Result
	if err := p.Run(context.Background(), Expand(paths, strings.NewReader("")), stats, func(r Result) { res = append(res, r) }); err != nil {
		t.Fatal(err)
	}
	return stats, res
}

func TestPipelineIdempotent(t *testing.T) {
	p, db := newPipeline(t)
	an := &countAnalyzer{}
	p.Analyzer = an
	stats, res := runCollect(t, p, "testdata")
	want := [3]int64{9, 8, 11} // stored, duplicates, failed: see testdata
	if got := [3]int64{stats.Stored.Load(), stats.Duplicates.Load(), stats.Failed.Load()}; got != want {
		for _, r := range res {
			t.Log(r.Outcome, r.Input, r.Err)
		}
		t.Fatalf("first run stored/dup/failed = %v, want %v", got, want)
	}
	if an.n != 17 {
		t.Errorf("analyzed %d articles, want 17", an.n)
	}
	for _, r := range res {
		if r.Outcome == Failed && (r.Err == nil || !strings.HasPrefix(r.Err.Error(), r.Input+": ")) {
			t.Errorf("failure of %s not reported as 'input: reason': %v", r.Input, r.Err)
		}
		if strings.Count(fmt.Sprint(r.Err), "\n") > 0 {
			t.Errorf("multi-line error: %q", r.Err)
		}
	}
	n1, _ := db.Count(context.Background())
	stats2, _ := runCollect(t, p, "testdata")
	n2, _ := db.Count(context.Background())
	if n1 != 9 || n2 != 9 || stats2.Stored.Load() != 0 || stats2.Duplicates.Load() != 17 {
		t.Errorf("re-run: count %d -> %d, stored %d, duplicates %d; want 9 -> 9, 0, 17",
			n1, n2, stats2.Stored.Load(), stats2.Duplicates.Load())
	}
	// Stored articles carry the content id, the input and the analysis.
	a, err := db.Article(context.Background(), newsweave.ContentID("Hafen bekommt neues Terminal", "Der Hafen in Rostock baut ein neues Terminal für Fähren."))
	if err != nil {
		t.Fatal(err)
	}
	if a.Input != "testdata/articles.jsonl:1" || a.URL != "https://example.org/a" || len(a.Entities) != 1 || a.IngestedAt.IsZero() {
		t.Errorf("stored article = %+v", a)
	}
}

func TestWeaveInInputOrder(t *testing.T) {
	p, _ := newPipeline(t)
	p.Extractor = testExtractor{jitter: true}
	p.Workers = 4
	var lines []string
	for i := 0; i < 300; i++ {
		lines = append(lines, fmt.Sprintf(`{"title":"Artikel %d","text":"Text %d"}`, i, i%250))
	}
	lines = append(lines, `{"text":"PANIC now"}`, `{"title":"Artikel 300","text":"Text 300"}`)
	var woven []string
	var mu sync.Mutex
	active := 0
	p.Weave = func(ctx context.Context, a *newsweave.Article) error {
		mu.Lock()
		active++
		if active > 1 {
			t.Error("weave called concurrently")
		}
		mu.Unlock()
		woven = append(woven, a.Title)
		mu.Lock()
		active--
		mu.Unlock()
		return nil
	}
	stats := new(Stats)
	var order []string
	err := p.IngestReader(context.Background(), strings.NewReader(strings.Join(lines, "\n")), "batch", stats, func(r Result) {
		order = append(order, r.Input)
	})
	if err != nil {
		t.Fatal(err)
	}
	var wantOrder []string
	for i := 1; i <= len(lines); i++ {
		wantOrder = append(wantOrder, fmt.Sprintf("batch:%d", i))
	}
	// Same text under another title is another article (the id hashes
	// title and text), so all 301 are stored; the PANIC line fails alone.
	if stats.Stored.Load() != 301 || stats.Failed.Load() != 1 {
		t.Errorf("stored %d failed %d, want 301, 1", stats.Stored.Load(), stats.Failed.Load())
	}
	if len(woven) != 301 {
		t.Fatalf("woven %d", len(woven))
	}
	for i := 0; i < 300; i++ {
		if woven[i] != fmt.Sprintf("Artikel %d", i) {
			t.Fatalf("weave order broken at %d: %q", i, woven[i])
		}
	}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("results not in input order")
	}
}

func TestIngestOne(t *testing.T) {
	p, _ := newPipeline(t)
	p.MaxSize = 1000
	woven := 0
	p.Weave = func(context.Context, *newsweave.Article) error { woven++; return nil }
	doc := extract.Document{Input: "api", Body: []byte("Ein Text über Rostock."), Title: "Rostock"}
	for i, want := range []Outcome{Stored, Duplicate} {
		r := p.IngestOne(context.Background(), doc)
		if r.Outcome != want || r.Err != nil || r.ID != newsweave.ContentID("Rostock", "Ein Text über Rostock.") {
			t.Errorf("call %d: %+v, want %v", i, r, want)
		}
	}
	if woven != 1 {
		t.Errorf("woven %d times, want 1", woven)
	}
	big := extract.Document{Input: "api", Body: []byte(strings.Repeat("x", 1001))}
	if r := p.IngestOne(context.Background(), big); r.Outcome != Failed || !errors.Is(r.Err, ErrTooLarge) {
		t.Errorf("oversized: %+v", r)
	}
	p.Weave = func(context.Context, *newsweave.Article) error { return errors.New("boom") }
	r := p.IngestOne(context.Background(), extract.Document{Input: "api", Body: []byte("Noch ein Text.")})
	if r.Outcome != Failed || !strings.Contains(r.Err.Error(), "weave failed: boom") {
		t.Errorf("weave failure: %+v", r)
	}
}

func TestRunCancel(t *testing.T) {
	p, db := newPipeline(t)
	p.Extractor = testExtractor{jitter: true}
	ctx, cancel := context.WithCancel(context.Background())
	var lines []string
	for i := 0; i < 2000; i++ {
		lines = append(lines, fmt.Sprintf(`{"title":"A %d","text":"T %d"}`, i, i))
	}
	reported := 0
	err := p.IngestReader(ctx, strings.NewReader(strings.Join(lines, "\n")), "c", nil, func(r Result) {
		if r.Outcome == Stored {
			reported++
		}
		if reported == 50 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	n, _ := db.Count(context.Background())
	if n < reported || n > reported+1 || reported >= 2000 {
		t.Errorf("stored %d, reported %d", n, reported)
	}
}

// groupStore counts the group commits of a Commit function over a real
// store, records the order articles reach it and fails any group that
// holds a "BAD" article as a whole.
type groupStore struct {
	db     *sqlite.DB
	mu     sync.Mutex
	groups []int
	order  []string
}

func (g *groupStore) commit(ctx context.Context, as []*newsweave.Article) ([]bool, error, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range as {
		if strings.Contains(a.Text, "BAD") {
			return nil, nil, errors.New("disk on fire")
		}
	}
	ins, err := g.db.PutArticles(ctx, as)
	if err != nil {
		return nil, nil, err
	}
	g.groups = append(g.groups, len(as))
	for i, a := range as {
		if ins[i] {
			g.order = append(g.order, a.Title)
		}
	}
	return ins, nil, nil
}

func TestGroupCommit(t *testing.T) {
	p, db := newPipeline(t)
	p.Extractor = testExtractor{jitter: true}
	p.Workers = 4
	p.GroupSize = 16
	g := &groupStore{db: db}
	p.Commit = g.commit
	var lines []string
	for i := 0; i < 400; i++ {
		text := fmt.Sprintf("Text %d", i)
		if i == 123 {
			text = "BAD " + text
		}
		lines = append(lines, fmt.Sprintf(`{"title":"Artikel %d","text":"%s"}`, i, text))
	}
	lines = append(lines, lines[7]) // a duplicate, in the same run
	stats := new(Stats)
	var res []Result
	if err := p.IngestReader(context.Background(), strings.NewReader(strings.Join(lines, "\n")), "g", stats, func(r Result) {
		res = append(res, r)
	}); err != nil {
		t.Fatal(err)
	}
	if stats.Stored.Load() != 399 || stats.Failed.Load() != 1 || stats.Duplicates.Load() != 1 {
		t.Errorf("stored %d failed %d duplicates %d, want 399, 1, 1", stats.Stored.Load(), stats.Failed.Load(), stats.Duplicates.Load())
	}
	for i, r := range res {
		if r.Input != fmt.Sprintf("g:%d", i+1) {
			t.Fatalf("result %d is %s: not in input order", i, r.Input)
		}
		if (i == 123) != (r.Outcome == Failed) {
			t.Errorf("%s: %v %v", r.Input, r.Outcome, r.Err)
		}
	}
	if r := res[123]; r.Err == nil || !strings.Contains(r.Err.Error(), "store: disk on fire") {
		t.Errorf("failed article: %v", r.Err)
	}
	n := 0
	for i := 0; i < 400; i++ {
		if i == 123 {
			continue
		}
		if g.order[n] != fmt.Sprintf("Artikel %d", i) {
			t.Fatalf("stored out of order at %d: %s", n, g.order[n])
		}
		n++
	}
	multi, maxG := 0, 0
	for _, s := range g.groups {
		maxG = max(maxG, s)
		if s > 1 {
			multi++
		}
	}
	if multi == 0 || maxG > 16 || len(g.groups) >= 399 {
		t.Errorf("groups %v: want several of more than one article, none above 16", g.groups)
	}
	if c, _ := db.Count(context.Background()); c != 399 {
		t.Errorf("store holds %d", c)
	}
}

// TestIngestOneGroupCommit: concurrent single-document calls share
// commits and lose nothing.
func TestIngestOneGroupCommit(t *testing.T) {
	p, db := newPipeline(t)
	g := &groupStore{db: db}
	p.Commit = g.commit
	const clients, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan string, clients*each)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				doc := extract.Document{Input: "api", Title: fmt.Sprintf("Client %d Nr %d", c, i), Body: []byte(fmt.Sprintf("Meldung %d von %d.", i, c))}
				if r := p.IngestOne(context.Background(), doc); r.Outcome != Stored {
					errs <- fmt.Sprintf("%+v", r)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n, _ := db.Count(context.Background()); n != clients*each {
		t.Errorf("stored %d, want %d", n, clients*each)
	}
	total := 0
	for _, s := range g.groups {
		total += s
	}
	if total != clients*each || len(g.groups) > clients*each {
		t.Errorf("groups %v", g.groups)
	}
	t.Logf("%d articles in %d commits", total, len(g.groups))
}
