package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store/sqlite"
)

// benchArticles is the size of the search benchmark's store; override with
// NEWSWEAVE_BENCH_ARTICLES for quick runs.
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("NEWSWEAVE_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// synth makes deterministic synthetic articles: words drawn from a Zipf
// distribution over an invented vocabulary (so common and rare terms
// exist), entity mentions from a few thousand entities, dates 2010–2025.
type synth struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	ents  []newsweave.Entity
}

func newSynth(seed uint64) *synth {
	r := rand.New(rand.NewPCG(seed, 7))
	syl := []string{"ka", "ber", "lin", "mo", "sta", "ru", "nor", "de", "wei", "gen", "tal", "hof", "burg", "see", "an", "ver", "bau", "rat", "zu", "kur"}
	s := &synth{r: r, zipf: rand.NewZipf(r, 1.1, 2, 19_999)}
	seen := map[string]bool{}
	for len(s.vocab) < 20_000 {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			s.vocab = append(s.vocab, w)
		}
	}
	types := []string{"PER", "ORG", "LOC", "OTH"}
	for i := range 3000 {
		t := types[i%4]
		name := strings.ToUpper(s.vocab[i*3][:1]) + s.vocab[i*3][1:]
		s.ents = append(s.ents, newsweave.Entity{ID: fmt.Sprintf("%s:e%d", strings.ToLower(t), i), Name: name, Type: t})
	}
	return s
}

func (s *synth) article(i int) *newsweave.Article {
	var title, text strings.Builder
	for k := range 8 {
		if k > 0 {
			title.WriteByte(' ')
		}
		title.WriteString(s.vocab[s.zipf.Uint64()])
	}
	var ments []newsweave.Mention
	pos := 0
	for k := range 150 {
		if k > 0 {
			text.WriteByte(' ')
			pos++
		}
		if k%30 == 5 {
			e := s.ents[int(s.zipf.Uint64())%len(s.ents)]
			ments = append(ments, newsweave.Mention{Text: e.Name, Type: e.Type, Canonical: e.Name, EntityID: e.ID, Start: pos, End: pos + len(e.Name)})
			text.WriteString(e.Name)
			pos += len(e.Name)
			continue
		}
		w := s.vocab[s.zipf.Uint64()]
		text.WriteString(w)
		pos += len(w)
	}
	day := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, s.r.IntN(16*365))
	lang := "de"
	if s.r.IntN(5) == 0 {
		lang = "en"
	}
	a := &newsweave.Article{Title: title.String() + " " + strconv.Itoa(i), Text: text.String(), Published: day.Format("2006-01-02"),
		Source: fmt.Sprintf("outlet-%d", s.r.IntN(40)), Lang: lang, Entities: ments}
	a.ID = newsweave.ContentID(a.Title, a.Text)
	return a
}

var (
	benchOnce sync.Once
	benchDB   *sqlite.DB
	benchDir  string
	benchErr  error
	benchSyn  *synth
)

// benchStore builds the synthetic store once per test binary run, in a
// temp dir removed at the end. NEWSWEAVE_BENCH_DB=FILE keeps the store in
// FILE instead and reuses it when it exists (building takes minutes).
func benchStore(b *testing.B) *sqlite.DB {
	benchOnce.Do(func() {
		benchSyn = newSynth(1)
		if p := os.Getenv("NEWSWEAVE_BENCH_DB"); p != "" {
			_, statErr := os.Stat(p)
			if benchDB, benchErr = sqlite.Open(p); benchErr != nil || statErr == nil {
				return
			}
			buildBench()
			return
		}
		benchDir, benchErr = os.MkdirTemp("", "newsweave-bench-")
		if benchErr != nil {
			return
		}
		if benchDB, benchErr = sqlite.Open(filepath.Join(benchDir, "bench.db")); benchErr != nil {
			return
		}
		buildBench()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

// buildBench fills benchDB with benchArticles() synthetic articles.
func buildBench() {
	n := benchArticles()
	start := time.Now()
	arts := make(chan *newsweave.Article, 256)
	go func() {
		for i := range n {
			arts <- benchSyn.article(i)
		}
		close(arts)
	}()
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range arts {
				if _, err := benchDB.PutArticle(context.Background(), a); err != nil {
					mu.Lock()
					benchErr = err
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Fprintf(os.Stderr, "bench store: %d synthetic articles in %s\n", n, time.Since(start).Round(time.Second))
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB != nil {
		benchDB.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// BenchmarkSearchHTTP measures GET /api/search over a real loopback HTTP
// server on the synthetic store (100k articles by default) with a mix of
// queries: common and rare words, phrases, entity, date and language
// filters. It reports p50 and p99 latency per request.
func BenchmarkSearchHTTP(b *testing.B) {
	db := benchStore(b)
	srv, err := New(Config{Store: db, Entities: db})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	base := "http://" + ln.Addr().String() + "/api/search?"

	s := benchSyn
	kinds := []string{"common word", "rare word", "two words", "phrase", "entity", "word+dates", "entity+lang+from", "prefix+lang"}
	var queries []string
	for i := range 50 {
		common, rare := s.vocab[i%10], s.vocab[5000+i*37]
		ent := s.ents[i*7%len(s.ents)]
		year := 2010 + i%15
		queries = append(queries,
			url.Values{"q": {common}}.Encode(),
			url.Values{"q": {rare}}.Encode(),
			url.Values{"q": {common + " " + s.vocab[20+i]}}.Encode(),
			url.Values{"q": {`"` + common + " " + s.vocab[i%7] + `"`}}.Encode(),
			url.Values{"entity": {ent.ID}}.Encode(),
			url.Values{"q": {common}, "from": {fmt.Sprintf("%d-01-01", year)}, "to": {fmt.Sprintf("%d-06-30", year)}}.Encode(),
			url.Values{"entity": {ent.ID}, "lang": {"en"}, "from": {fmt.Sprint(year)}}.Encode(),
			url.Values{"q": {s.vocab[100+i] + "*"}, "lang": {"de"}}.Encode(),
		)
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	get := func(q string) {
		resp, err := hc.Get(base + q)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d %s", q, resp.StatusCode, body)
		}
		var sr SearchResult
		if err := json.Unmarshal(body, &sr); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range queries { // warm the page cache once
		get(q)
	}
	lat := make([]time.Duration, 0, b.N)
	byKind := map[string][]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		get(queries[i%len(queries)])
		d := time.Since(t0)
		lat = append(lat, d)
		k := kinds[i%len(queries)%len(kinds)]
		byKind[k] = append(byKind[k], d)
	}
	b.StopTimer()
	for _, k := range kinds {
		ds := byKind[k]
		if len(ds) == 0 {
			continue
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		b.Logf("%-17s n=%-5d p50 %6.1f ms  p99 %6.1f ms", k, len(ds), float64(ds[len(ds)/2].Microseconds())/1000, float64(ds[min(len(ds)-1, len(ds)*99/100)].Microseconds())/1000)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}
