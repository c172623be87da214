package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
)

// synthCorpus fills d with n synthetic articles: Zipf-distributed words,
// 3–8 entity mentions from 2000 entities, dates over ten years, 80 % de.
// They are stored in transactions of 32, as ingest's group commit does,
// so the full-text index has the segment structure of a live store.
func synthCorpus(tb testing.TB, d *DB, n int) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 20000)
	for i := range words {
		words[i] = fmt.Sprintf("wort%d", i)
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 1, uint64(len(words)-1))
	start := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]*newsweave.Article, 0, 32)
	for i := 0; i < n; i++ {
		var sb strings.Builder
		for w := 0; w < 250; w++ {
			sb.WriteString(words[zipf.Uint64()])
			sb.WriteByte(' ')
		}
		title := fmt.Sprintf("Meldung %d %s %s", i, words[zipf.Uint64()], words[zipf.Uint64()])
		a := &newsweave.Article{Title: title, Text: sb.String(), Lang: "de",
			Published:  start.AddDate(0, 0, r.IntN(3650)).Format("2006-01-02"),
			IngestedAt: start}
		if r.IntN(5) == 0 {
			a.Lang = "en"
		}
		for m := 0; m < 3+r.IntN(6); m++ {
			e := r.IntN(2000)
			if r.IntN(2) == 0 {
				e = r.IntN(50) // some entities are everywhere
			}
			id := "per:e" + strconv.Itoa(e)
			a.Entities = append(a.Entities, newsweave.Mention{EntityID: id, Canonical: "E " + strconv.Itoa(e), Type: "PER", Text: "E" + strconv.Itoa(e), Start: m * 10, End: m*10 + 3})
		}
		a.ID = newsweave.ContentID(a.Title, a.Text)
		batch = append(batch, a)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := d.PutArticles(context.Background(), batch); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

// BenchmarkSearch measures Search latency on a 100k-article store
// (NEWSWEAVE_BENCH_ARTICLES overrides the size) over a mix of queries, and
// reports p50/p99 per query kind.
func BenchmarkSearch(b *testing.B) {
	n := 100000
	if s := os.Getenv("NEWSWEAVE_BENCH_ARTICLES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	d, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	t0 := time.Now()
	synthCorpus(b, d, n)
	b.Logf("built %d articles in %s", n, time.Since(t0).Round(time.Millisecond))
	queries := []struct {
		name string
		q    store.Query
	}{
		{"all", store.Query{}},
		{"common-word", store.Query{Text: "wort1"}},
		{"rare-word", store.Query{Text: "wort15000"}},
		{"two-words", store.Query{Text: "wort3 wort40"}},
		{"phrase", store.Query{Text: `"wort1 wort2"`}},
		{"prefix", store.Query{Text: "wort12*"}},
		{"entity-common", store.Query{Entity: "per:e1"}},
		{"entity-rare", store.Query{Entity: "per:e1500"}},
		{"entity+text", store.Query{Entity: "per:e1", Text: "wort7"}},
		{"date-range", store.Query{From: "2019-05-01", To: "2019-05-31"}},
		{"lang+date", store.Query{Lang: "en", From: "2020-01-01"}},
		{"text+date", store.Query{Text: "wort2", From: "2016-01-01", To: "2016-12-31"}},
		{"deep-page", store.Query{Text: "wort1", Offset: 2000}},
	}
	ctx := context.Background()
	for _, qq := range queries {
		b.Run(qq.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				t := time.Now()
				if _, err := d.Search(ctx, qq.q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t))
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}
