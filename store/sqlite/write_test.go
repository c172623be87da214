package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/store"
)

// dumpEntities lists the entities table as comparable strings.
func dumpEntities(t *testing.T, d *DB) []string {
	t.Helper()
	rows, err := d.SQL().Query(`SELECT id, name, type, country, aliases, articles FROM entities ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, name, typ, country, aliases string
		var n int
		if err := rows.Scan(&id, &name, &typ, &country, &aliases, &n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(id, "|", name, "|", typ, "|", country, "|", aliases, "|", n))
	}
	return out
}

func weaveRows(t *testing.T, d *DB) []string {
	t.Helper()
	rows, err := d.SQL().Query(`SELECT article_id, seq, event, storyline, duplicate_of FROM weave_articles ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, ev, sl, dup string
		var seq int64
		if err := rows.Scan(&id, &seq, &ev, &sl, &dup); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(id, seq, ev, sl, dup))
	}
	return out
}

// TestPutArticlesWovenSameAsOneByOne: storing and weaving in groups (one
// transaction each) gives the same articles, entities, full-text index and
// weave decisions as one article and one weave transaction at a time.
func TestPutArticlesWovenSameAsOneByOne(t *testing.T) {
	ctx := context.Background()
	syn := cluster.Synthetic(200, 5)
	arts := func() []*newsweave.Article {
		out := make([]*newsweave.Article, len(syn))
		for i, s := range syn {
			c := *s.Article
			// Entities repeat across articles of a group: their merged
			// aliases and counts must not depend on grouping.
			c.Entities = append(c.Entities, men("loc:wien", "LOC", []string{"Wien", "Vienna", "Wien "}[i%3], "Wien", 0))
			if i%7 == 0 {
				c.Entities = append(c.Entities, men("org:un", []string{"", "ORG"}[i%2], "UNO", "Vereinte Nationen", 5))
			}
			out[i] = &c
		}
		return out
	}
	one, err := Open(filepath.Join(t.TempDir(), "one.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	// A loose split rule: splits move articles inside the group
	// transactions too.
	opt := cluster.Options{SplitBetween: 0.99, SplitMargin: -1, SplitMin: 1}
	w1, err := cluster.New(ctx, one, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts() {
		if _, err := one.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := w1.Assign(ctx, a); err != nil {
			t.Fatal(err)
		}
	}

	grp := openTemp(t)
	w2, err := cluster.New(ctx, grp, opt)
	if err != nil {
		t.Fatal(err)
	}
	as := arts()
	for i := 0; i < len(as); i += 32 {
		group := as[i:min(i+32, len(as))]
		for _, a := range group {
			w2.Prepare(a) // as ingest workers do
		}
		ins, werr, err := grp.PutArticlesWoven(ctx, group, w2)
		if err != nil || werr != nil {
			t.Fatal(err, werr)
		}
		for j, ok := range ins {
			if !ok {
				t.Fatalf("article %d not inserted", i+j)
			}
		}
	}
	// The same group again: nothing new, nothing woven twice.
	ins, werr, err := grp.PutArticlesWoven(ctx, as[:32], w2)
	if err != nil || werr != nil {
		t.Fatal(err, werr)
	}
	for _, ok := range ins {
		if ok {
			t.Fatal("re-put inserted an article again")
		}
	}

	if a, b := weaveRows(t, one), weaveRows(t, grp); !reflect.DeepEqual(a, b) || len(a) != len(as) {
		t.Errorf("weave decisions differ (%d vs %d rows)", len(a), len(b))
	}
	if a, b := dumpEntities(t, one), dumpEntities(t, grp); !reflect.DeepEqual(a, b) {
		t.Errorf("entities differ:\n one %q\n grp %q", a, b)
	}
	for _, q := range []store.Query{{Entity: "loc:wien", Limit: 1000}, {Text: syn[17].Article.Title, Limit: 1000},
		{Text: syn[150].Article.Title, Limit: 1000}} {
		n1, err1 := one.Search(ctx, q)
		n2, err2 := grp.Search(ctx, q)
		if err1 != nil || err2 != nil || len(n1) == 0 || len(n1) != len(n2) {
			t.Errorf("search %+v: %d (%v) vs %d (%v) hits", q, len(n1), err1, len(n2), err2)
		}
	}
	var links1, links2 int
	one.SQL().QueryRow(`SELECT count(*) FROM article_entities`).Scan(&links1)
	grp.SQL().QueryRow(`SELECT count(*) FROM article_entities`).Scan(&links2)
	if links1 != links2 || links1 == 0 {
		t.Errorf("article_entities %d vs %d", links1, links2)
	}
}

// failingWeaver weaves through a real weaver until the nth article.
type failingWeaver struct {
	w         *cluster.Weaver
	n         int
	abandoned bool
}

func (f *failingWeaver) AssignTo(ctx context.Context, a *newsweave.Article, save func(context.Context, *cluster.Delta) error) (cluster.Decision, error) {
	if f.n--; f.n < 0 {
		return cluster.Decision{}, errors.New("boom")
	}
	return f.w.AssignTo(ctx, a, save)
}

func (f *failingWeaver) Abandon() { f.abandoned = true; f.w.Abandon() }

// TestPutArticlesWovenWeaveFails: a weave failure mid-group rolls back the
// group's weave changes, abandons the weaver and still stores the articles.
func TestPutArticlesWovenWeaveFails(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t)
	w, err := cluster.New(ctx, d, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	syn := cluster.Synthetic(10, 9)
	var as []*newsweave.Article
	for _, s := range syn {
		as = append(as, s.Article)
	}
	fw := &failingWeaver{w: w, n: 3}
	ins, werr, err := d.PutArticlesWoven(ctx, as, fw)
	if err != nil || werr == nil || len(ins) != len(as) {
		t.Fatalf("err %v, weaveErr %v, %d inserted", err, werr, len(ins))
	}
	if n, _ := d.Count(ctx); n != len(as) {
		t.Errorf("%d articles stored, want %d", n, len(as))
	}
	if rows := weaveRows(t, d); len(rows) != 0 {
		t.Errorf("%d weave rows kept after a failed group", len(rows))
	}
	if !fw.abandoned {
		t.Error("weaver not abandoned")
	}
	if _, err := w.Assign(ctx, as[0]); !errors.Is(err, cluster.ErrClosed) {
		t.Errorf("abandoned weaver still assigns: %v", err)
	}
	// A new weaver resumes from the store (nothing woven yet).
	w2, err := cluster.New(ctx, d, cluster.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w2.Stats().Articles != 0 {
		t.Errorf("resumed weaver has %d articles", w2.Stats().Articles)
	}
}

// BenchmarkPutArticlesWoven: one group of 32 stored and woven per op, into
// a store that grows with the run.
func BenchmarkPutArticlesWoven(b *testing.B) {
	ctx := context.Background()
	d := openTemp(b)
	w, err := cluster.New(ctx, d, cluster.Options{})
	if err != nil {
		b.Fatal(err)
	}
	const group = 32
	syn := cluster.Synthetic(b.N*group, 13)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		as := make([]*newsweave.Article, group)
		for j := range as {
			as[j] = syn[i*group+j].Article
		}
		if _, werr, err := d.PutArticlesWoven(ctx, as, w); err != nil || werr != nil {
			b.Fatal(err, werr)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*group)/1000, "ms/article")
}

// TestPutArticlesDuplicateInGroup: an id twice in one group (and one
// already stored) is inserted once; arrival numbers and sort keys of one
// day count up within the group and continue in the next.
func TestPutArticlesDuplicateInGroup(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t)
	a := art("Eins", "Erster Text über Wien", "2020-05-01", "de")
	b := art("Zwei", "Zweiter Text über Graz", "2020-05-01", "de")
	c := art("Drei", "Dritter Text über Linz", "2020-05-02", "de")
	if _, err := d.PutArticles(ctx, []*newsweave.Article{c}); err != nil {
		t.Fatal(err)
	}
	ins, err := d.PutArticles(ctx, []*newsweave.Article{a, a, c, b})
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, false, false, true}; !reflect.DeepEqual(ins, want) {
		t.Errorf("inserted = %v, want %v", ins, want)
	}
	e := art("Vier", "Vierter Text über Wien", "2020-05-01", "de")
	if _, err := d.PutArticles(ctx, []*newsweave.Article{e}); err != nil {
		t.Fatal(err)
	}
	rows, err := d.SQL().Query(`SELECT title, seq, rid & ((1 << 20) - 1) FROM articles ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var title string
		var seq, n int
		if err := rows.Scan(&title, &seq, &n); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprint(title, seq, "/", n))
	}
	if want := []string{"Drei1/1", "Eins2/1", "Zwei3/2", "Vier4/3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("articles = %q, want %q", got, want)
	}
}
