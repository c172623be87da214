package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
)

func openTemp(t testing.TB) *DB {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "sub", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func art(title, text, published, lang string, ents ...newsweave.Mention) *newsweave.Article {
	return &newsweave.Article{
		ID: newsweave.ContentID(title, text), Title: title, Text: text, Published: published, Lang: lang,
		Entities: ents, IngestedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func men(id, typ, text, canon string, start int) newsweave.Mention {
	return newsweave.Mention{EntityID: id, Type: typ, Text: text, Canonical: canon, Start: start, End: start + len([]rune(text))}
}

var corpus = []*newsweave.Article{
	art("Putin lädt Kim Jong Un ein", "Russland hat den nordkoreanischen Machthaber Kim Jong Un nach Moskau eingeladen.", "2014-12-19", "de",
		men("per:kim-jong-un", "PER", "Kim Jong Un", "Kim Jong Un", 40), men("loc:moskau", "LOC", "Moskau", "Moskau", 60), men("per:wladimir-putin", "PER", "Putin", "Wladimir Putin", 0)),
	art("Kim reist nach Wladiwostok", "Der Machthaber Kim traf Präsident Putin in Wladiwostok zum Gipfeltreffen.", "2019-04-25T10:00:00+02:00", "de",
		men("per:kim-jong-un", "PER", "Kim", "Kim Jong Un", 15), men("per:wladimir-putin", "PER", "Präsident Putin", "Wladimir Putin", 24)),
	art("Putin meets Kim at cosmodrome", "Russian President Vladimir Putin met Kim Jong Un at the Vostochny cosmodrome.", "2023-09-13", "en",
		men("per:wladimir-putin", "PER", "Vladimir Putin", "Wladimir Putin", 17), men("per:kim-jong-un", "PER", "Kim Jong Un", "Kim Jong Un", 36)),
	art("Wetter in Berlin", "In Berlin scheint die Sonne.", "", "de", men("loc:berlin", "LOC", "Berlin", "Berlin", 3)),
}

func load(t testing.TB, d *DB) {
	t.Helper()
	for _, a := range corpus {
		if _, err := d.PutArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPutArticleIdempotent(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	a := corpus[0]
	for i, want := range []bool{true, false, false} {
		ins, err := d.PutArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if ins != want {
			t.Errorf("put #%d: inserted=%v, want %v", i, ins, want)
		}
	}
	if n, _ := d.Count(ctx); n != 1 {
		t.Errorf("count = %d, want 1", n)
	}
	got, err := d.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
	}
	if _, err := d.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: err = %v, want ErrNotFound", err)
	}
	if _, err := d.PutArticle(ctx, &newsweave.Article{Title: "x"}); err == nil {
		t.Error("article without id accepted")
	}
	// The entity merge must not count the duplicate puts.
	e, err := d.Entity(ctx, "per:kim-jong-un")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Articles) != 1 {
		t.Errorf("entity articles = %v, want 1", e.Articles)
	}
}

func TestSearch(t *testing.T) {
	d := openTemp(t)
	load(t, d)
	ctx := context.Background()
	titles := func(as []*newsweave.Article) []string {
		out := []string{}
		for _, a := range as {
			out = append(out, a.Title)
		}
		return out
	}
	tests := []struct {
		name string
		q    store.Query
		want []string
	}{
		{"all newest first", store.Query{}, []string{"Wetter in Berlin", "Putin meets Kim at cosmodrome", "Kim reist nach Wladiwostok", "Putin lädt Kim Jong Un ein"}},
		{"text", store.Query{Text: "Putin"}, []string{"Putin meets Kim at cosmodrome", "Kim reist nach Wladiwostok", "Putin lädt Kim Jong Un ein"}},
		{"text and", store.Query{Text: "putin moskau"}, []string{"Putin lädt Kim Jong Un ein"}},
		{"diacritics folded", store.Query{Text: "prasident"}, []string{"Kim reist nach Wladiwostok"}},
		{"phrase", store.Query{Text: `"Kim Jong Un"`}, []string{"Putin meets Kim at cosmodrome", "Putin lädt Kim Jong Un ein"}},
		{"prefix", store.Query{Text: "Gipfel*"}, []string{"Kim reist nach Wladiwostok"}},
		{"prefix of the indexed length", store.Query{Text: "gip*"}, []string{"Kim reist nach Wladiwostok"}},
		{"prefix shorter than indexed", store.Query{Text: "Gi*"}, []string{"Kim reist nach Wladiwostok"}},
		{"long prefix", store.Query{Text: "Wladiwos*"}, []string{"Kim reist nach Wladiwostok"}},
		{"exclude", store.Query{Text: "Putin -Moskau"}, []string{"Putin meets Kim at cosmodrome", "Kim reist nach Wladiwostok"}},
		{"fts syntax is literal", store.Query{Text: `Putin AND ) NEAR(`}, []string{}},
		{"punctuation only", store.Query{Text: `*** "`}, []string{}},
		{"lang", store.Query{Lang: "en"}, []string{"Putin meets Kim at cosmodrome"}},
		{"entity", store.Query{Entity: "per:kim-jong-un"}, []string{"Putin meets Kim at cosmodrome", "Kim reist nach Wladiwostok", "Putin lädt Kim Jong Un ein"}},
		{"entity and text", store.Query{Entity: "per:kim-jong-un", Text: "Wladiwostok"}, []string{"Kim reist nach Wladiwostok"}},
		{"entity rare and text", store.Query{Entity: "loc:moskau", Text: "Putin"}, []string{"Putin lädt Kim Jong Un ein"}},
		{"lang and text and to", store.Query{Lang: "de", Text: "Kim", To: "2019-04-24"}, []string{"Putin lädt Kim Jong Un ein"}},
		{"from", store.Query{From: "2019-01-01", Entity: "per:wladimir-putin"}, []string{"Putin meets Kim at cosmodrome", "Kim reist nach Wladiwostok"}},
		{"to inclusive", store.Query{To: "2019-04-25"}, []string{"Kim reist nach Wladiwostok", "Putin lädt Kim Jong Un ein"}},
		{"to month", store.Query{From: "2019-04", To: "2019-04"}, []string{"Kim reist nach Wladiwostok"}},
		{"ingest day for undated", store.Query{From: "2024-01-02", To: "2024-01-02"}, []string{"Wetter in Berlin"}},
		{"limit offset", store.Query{Limit: 2, Offset: 1}, []string{"Putin meets Kim at cosmodrome", "Kim reist nach Wladiwostok"}},
	}
	defer func() { forcePlan = 0 }()
	for plan := 0; plan <= 2; plan++ {
		forcePlan = plan
		for _, tt := range tests {
			t.Run(fmt.Sprintf("plan%d/%s", plan, tt.name), func(t *testing.T) {
				got, err := d.Search(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if g := titles(got); !reflect.DeepEqual(g, tt.want) {
					t.Errorf("Search(%+v) = %q, want %q", tt.q, g, tt.want)
				}
			})
		}
	}
}

func TestDateFilter(t *testing.T) {
	d := openTemp(t)
	a := art("Rückblick", "Vor zehn Jahren lud Putin Kim ein.", "2024-05-09", "de")
	a.EventDate = "2015-05-09"
	b := art("Undatiert", "Ein Bericht ohne Datum über den 9. Mai 2015.", "", "de")
	b.EventDate = "2015-05-09"
	for _, x := range []*newsweave.Article{a, b} {
		if _, err := d.PutArticle(context.Background(), x); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		q    store.Query
		want int
	}{
		{store.Query{From: "2024-05-09", To: "2024-05-09"}, 1}, // publication day
		{store.Query{From: "2015-05-01", To: "2015-05-31"}, 1}, // event day of the undated one
		{store.Query{From: "2015-05", To: "2015-05"}, 1},
		{store.Query{From: "2015", To: "2024"}, 2},
		{store.Query{From: "2016-01-01", To: "2023-12-31"}, 0},
		{store.Query{Text: "Putin", From: "2024-05-09T10:00:00Z"}, 1},
		{store.Query{Text: "Putin", To: "2024-05-08"}, 0},
	}
	for _, tt := range tests {
		got, err := d.Search(context.Background(), tt.q)
		if err != nil || len(got) != tt.want {
			t.Errorf("Search(%+v) = %d articles, %v; want %d", tt.q, len(got), err, tt.want)
		}
	}
	if _, err := d.Search(context.Background(), store.Query{From: "gestern"}); err == nil {
		t.Error("bad date accepted")
	}
}

func TestEntity(t *testing.T) {
	d := openTemp(t)
	load(t, d)
	ctx := context.Background()
	e, err := d.Entity(ctx, "per:wladimir-putin")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Wladimir Putin" || e.Type != "PER" {
		t.Errorf("entity = %+v", e.Entity)
	}
	if want := []string{"Putin", "Präsident Putin", "Vladimir Putin"}; !reflect.DeepEqual(e.Aliases, want) {
		t.Errorf("aliases = %q, want %q", e.Aliases, want)
	}
	if want := []string{corpus[2].ID, corpus[1].ID, corpus[0].ID}; !reflect.DeepEqual(e.Articles, want) {
		t.Errorf("articles = %q, want %q", e.Articles, want)
	}
	wantCo := []store.EntityCount{{ID: "per:kim-jong-un", Name: "Kim Jong Un", Type: "PER", Count: 3}, {ID: "loc:moskau", Name: "Moskau", Type: "LOC", Count: 1}}
	if !reflect.DeepEqual(e.CoOccurring, wantCo) {
		t.Errorf("co-occurring = %+v, want %+v", e.CoOccurring, wantCo)
	}
	if _, err := d.Entity(ctx, "per:nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing entity: %v", err)
	}
	list, err := d.Entities(ctx, "PER", 10, 0)
	if err != nil || len(list) != 2 || list[0].Articles != 3 {
		t.Errorf("Entities = %+v, %v", list, err)
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	RegisterMigration("zz-test-0001-extra", `CREATE TABLE extra(x INTEGER);`)
	RegisterMigration("zz-test-0001-extra", `CREATE TABLE extra(x INTEGER);`) // same SQL: no-op
	for i := 0; i < 2; i++ {                                                  // reopening applies nothing twice
		d, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := d.Migrations(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ms = ours(ms)
		var want []string
		for _, m := range migrations {
			want = append(want, m.Name)
		}
		want = append(want, []string{"zz-test-0001-extra", "zz-test-0002-runtime"}[:1+i]...)
		if !reflect.DeepEqual(ms, want) {
			t.Errorf("open #%d: migrations = %q, want %q", i, ms, want)
		}
		if _, err := d.SQL().Exec(`INSERT INTO extra VALUES (1)`); err != nil {
			t.Error(err)
		}
		if err := d.Migrate(context.Background(), "zz-test-0002-runtime", `CREATE TABLE extra2(y TEXT);`); err != nil {
			t.Error(err)
		}
		d.Close()
	}
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Migrate(context.Background(), "zz-test-0003-bad", `CREATE TABLE extra(x);`); err == nil {
		t.Error("failing migration reported success")
	}
	ms, _ := d.Migrations(context.Background())
	if ms = ours(ms); len(ms) != len(migrations)+2 {
		t.Errorf("after failed migration: %q", ms)
	}
	var mode string
	if err := d.SQL().QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

// ours drops the migrations other packages register (weave tables).
func ours(ms []string) []string {
	var out []string
	for _, m := range ms {
		if strings.HasPrefix(m, "0") || strings.HasPrefix(m, "zz-test-") {
			out = append(out, m)
		}
	}
	return out
}

func TestConcurrentPut(t *testing.T) {
	d := openTemp(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	inserted := 0
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ { // every worker puts the same 50 articles
				a := art(fmt.Sprintf("Titel %d", i), fmt.Sprintf("Text %d über Kim.", i), "2020-01-01", "de", men("per:kim-jong-un", "PER", "Kim", "Kim Jong Un", 9))
				ins, err := d.PutArticle(ctx, a)
				if err != nil {
					t.Error(err)
					return
				}
				if ins {
					mu.Lock()
					inserted++
					mu.Unlock()
				}
				if _, err := d.Search(ctx, store.Query{Text: "Kim", Limit: 5}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if n, _ := d.Count(ctx); n != 50 || inserted != 50 {
		t.Errorf("count = %d, inserted = %d; want 50, 50", n, inserted)
	}
	e, _ := d.Entity(ctx, "per:kim-jong-un")
	if e == nil || len(e.Articles) != 50 {
		t.Errorf("entity articles wrong: %+v", e)
	}
}

func TestEachArticle(t *testing.T) {
	d := openTemp(t)
	load(t, d)
	var got []string
	var last int64
	err := d.EachArticle(context.Background(), 0, func(seq int64, a *newsweave.Article) error {
		if seq <= last {
			t.Errorf("seq %d after %d", seq, last)
		}
		last = seq
		got = append(got, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{corpus[0].ID, corpus[1].ID, corpus[2].ID, corpus[3].ID}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
}

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Putin Kim", `"Putin" AND "Kim"`},
		{`"Kim Jong Un" Moskau`, `"Kim Jong Un" AND "Moskau"`},
		{"Gipfel*", `"Gipfel"*`},
		{"Putin -Moskau", `("Putin") NOT "Moskau"`},
		{"Kim-Jong-Un", `"Kim Jong Un"`},
		{`NEAR( "`, `"NEAR"`},
		{"-only", ""},
		{"", ""},
		{"***", ""},
	}
	for _, tt := range tests {
		if got := FTSQuery(tt.in); got != tt.want {
			t.Errorf("FTSQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkPutArticle(b *testing.B) {
	d := openTemp(b)
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a := art(fmt.Sprintf("Titel %d", i), fmt.Sprintf("Artikeltext Nummer %d über Putin und Kim in Moskau. %s", i, benchText),
			"2020-01-01", "de", men("per:kim-jong-un", "PER", "Kim", "Kim Jong Un", 30), men("loc:moskau", "LOC", "Moskau", "Moskau", 38))
		if _, err := d.PutArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

const benchText = `Russland hat den nordkoreanischen Machthaber zur Feier des Jahrestages des Sieges eingeladen.
"Ja, eine solche Einladung wurde verschickt", sagte der Kremlsprecher am Freitag der Staatsagentur.
Es wäre die erste Auslandsreise seit der Machtübernahme. Damals vereinbarten beide Seiten eine engere Zusammenarbeit.`

// TestMigrateV1 upgrades a store written with schema 0001 (seq keys) and
// checks that articles, order, full-text index and entity links survive.
func TestMigrateV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)`,
		migrations[0].SQL,
		`INSERT INTO schema_migrations(name, applied_at) VALUES ('0001-articles', 'x')`,
		`INSERT INTO articles(id, title, text, lang, ingested_at, day, json) VALUES
			('a1', 'Alt eins', 'Putin in Moskau', 'de', '2024-01-01T00:00:00Z', '2014-12-19', '{"id":"a1","title":"Alt eins","text":"Putin in Moskau"}'),
			('a2', 'Alt zwei', 'Kim in Pjöngjang', 'de', '2024-01-01T00:00:00Z', '2019-04-25', '{"id":"a2","title":"Alt zwei","text":"Kim in Pjöngjang"}'),
			('a3', 'Alt drei', 'Putin trifft Kim', 'de', '2024-01-01T00:00:00Z', '2019-04-25', '{"id":"a3","title":"Alt drei","text":"Putin trifft Kim"}')`,
		`INSERT INTO entities(id, name, type, articles) VALUES ('per:putin', 'Putin', 'PER', 2)`,
		`INSERT INTO article_entities(entity_id, article_seq, mentions) VALUES ('per:putin', 1, 1), ('per:putin', 3, 1)`,
		`INSERT INTO mentions(article_id, entity_id, type, text, start, "end") VALUES ('a1', 'per:putin', 'PER', 'Putin', 0, 5)`,
	}
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s[:min(40, len(s))], err)
		}
	}
	raw.Close()
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var tables int
	if err := d.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'mentions'`).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("mentions table after migration 0005: %d (%v)", tables, err)
	}
	if err := d.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('articles_url', 'articles_event_day')`).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("unused article indexes after migration 0007: %d (%v)", tables, err)
	}
	ids := func(q store.Query) []string {
		as, err := d.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	if got, want := ids(store.Query{}), []string{"a3", "a2", "a1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order after migration = %q, want %q", got, want)
	}
	if got, want := ids(store.Query{Text: "Putin"}), []string{"a3", "a1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("full text after migration = %q, want %q", got, want)
	}
	if got, want := ids(store.Query{Entity: "per:putin", From: "2019"}), []string{"a3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entity after migration = %q, want %q", got, want)
	}
	// New articles continue the arrival order and sort in.
	n := art("Neu", "Putin und Kim am selben Tag", "2019-04-25", "de")
	if _, err := d.PutArticle(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	if got, want := ids(store.Query{Text: "Putin"}), []string{n.ID, "a3", "a1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after new put = %q, want %q", got, want)
	}
	var seqs []string
	d.EachArticle(context.Background(), 0, func(seq int64, a *newsweave.Article) error {
		seqs = append(seqs, fmt.Sprint(seq, a.ID))
		return nil
	})
	if want := []string{"1a1", "2a2", "3a3", "4" + n.ID}; !reflect.DeepEqual(seqs, want) {
		t.Errorf("arrival order = %q, want %q", seqs, want)
	}
}
