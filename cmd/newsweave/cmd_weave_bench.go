package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/ingest"
	"github.com/newsweave/newsweave/internal/shared"
	"github.com/newsweave/newsweave/store/sqlite"
)

func init() {
	register(&command{name: "bench weave", args: "[--articles N] [--stored M] [--preload-only] [--corpus FILE|synthetic]",
		summary: "throughput and latency of the whole pipeline with weaving, on a fresh store",
		run:     runBenchWeave})
}

// benchDoc is one JSONL input line of the replay.
type benchDoc struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	Date   string `json:"date"`
	Source string `json:"source"`
	Lang   string `json:"lang"`
}

// gnadDocs reads 10kGNAD (label;'text') into documents. Each replay round
// shifts the dates by a month and perturbs a few words, so every round adds
// new articles; about 10% are extra perturbed copies (syndication).
func gnadDocs(path string, n int) ([]benchDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var base []benchDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		i := strings.IndexByte(line, ';')
		if i < 0 {
			continue
		}
		text := strings.Trim(line[i+1:], "'")
		title := text
		if j := strings.Index(text, ". "); j > 0 && j < 200 {
			title, text = text[:j], text[j+2:]
		} else if len(title) > 100 {
			title = title[:100]
		}
		base = append(base, benchDoc{Title: title, Text: text, Lang: "de"})
	}
	if len(base) == 0 {
		return nil, fmt.Errorf("%s: no articles", path)
	}
	r := rand.New(rand.NewPCG(1, 1))
	outlets := []string{"derstandard.at", "diepresse.com", "kurier.at", "orf.at", "krone.at"}
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []benchDoc
	for round := 0; len(out) < n; round++ {
		for i, d := range base {
			if len(out) >= n {
				break
			}
			day := start.AddDate(0, round, i*30/len(base))
			d.Date = day.Format("2006-01-02")
			d.Source = outlets[r.IntN(len(outlets))]
			if round > 0 {
				d.Text = perturb(r, d.Text, 20) + " (" + strconv.Itoa(round) + ")"
			}
			out = append(out, d)
			if r.IntN(10) == 0 && len(out) < n {
				c := d
				c.Text = perturb(r, d.Text, 30)
				c.Source = outlets[r.IntN(len(outlets))]
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// perturb replaces about one word in every k.
func perturb(r *rand.Rand, s string, k int) string {
	w := strings.Fields(s)
	for i := 0; i < len(w)/k; i++ {
		j := r.IntN(len(w))
		w[j] = w[r.IntN(len(w))]
	}
	return strings.Join(w, " ")
}

func synthDocs(n int, seed uint64) []benchDoc {
	var out []benchDoc
	for _, s := range cluster.Synthetic(n, seed) {
		a := s.Article
		out = append(out, benchDoc{Title: a.Title, Text: a.Text, Date: a.Published, Source: a.Source, Lang: a.Lang})
	}
	return out
}

func rssKB(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			f := strings.Fields(line[len(field)+1:])
			if len(f) > 0 {
				v, _ := strconv.ParseInt(f[0], 10, 64)
				return v
			}
		}
	}
	return 0
}

// loadAvg is the 1-minute load average ("" when unknown): wall-clock
// figures on a shared machine mean little without it.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return ""
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// stageClock sums the wall and CPU time spent in one pipeline stage.
// Extraction and analysis run on parallel workers, so their sums can
// exceed the elapsed time; store and weave run serially in the committer.
type stageClock struct {
	ns, cpu atomic.Int64
	n       atomic.Int64
}

// run runs fn and adds its wall and CPU time.
func (c *stageClock) run(fn func()) {
	t := time.Now()
	cpu := onThreadCPU(fn)
	c.ns.Add(int64(time.Since(t)))
	c.cpu.Add(int64(cpu))
	c.n.Add(1)
}

func (c *stageClock) perArticle() time.Duration {
	if n := c.n.Load(); n > 0 {
		return time.Duration(c.ns.Load() / n)
	}
	return 0
}

// cpuPer is the stage's CPU time divided by n articles.
func (c *stageClock) cpuPer(n int64) time.Duration {
	return time.Duration(c.cpu.Load() / max(n, 1))
}

type timedExtractor struct {
	ingest.Extractor
	c *stageClock
}

func (t timedExtractor) Extract(d extract.Document) (a *newsweave.Article, err error) {
	t.c.run(func() { a, err = t.Extractor.Extract(d) })
	return a, err
}

type timedAnalyzer struct {
	ingest.Analyzer
	c *stageClock
}

func (t timedAnalyzer) Analyze(a *newsweave.Article) {
	t.c.run(func() { t.Analyzer.Analyze(a) })
}

// timedWeaver records each assignment's latency and CPU time and, within
// it, the time spent writing its changes into the group's transaction.
// Both run in the single committer, so plain slices suffice.
type timedWeaver struct {
	w             *cluster.Weaver
	lat, writeLat *[]time.Duration
	cpu, writeCPU *time.Duration
}

func (t timedWeaver) AssignTo(ctx context.Context, a *newsweave.Article, save func(context.Context, *cluster.Delta) error) (d cluster.Decision, err error) {
	t0 := time.Now()
	*t.cpu += onThreadCPU(func() {
		d, err = t.w.AssignTo(ctx, a, func(ctx context.Context, d *cluster.Delta) (err error) {
			t1 := time.Now()
			*t.writeCPU += onThreadCPU(func() { err = save(ctx, d) })
			*t.writeLat = append(*t.writeLat, time.Since(t1))
			return err
		})
	})
	*t.lat = append(*t.lat, time.Since(t0))
	return d, err
}

func (t timedWeaver) Abandon() { t.w.Abandon() }

// quantile returns the q-quantile of sorted durations.
func quantile(lat []time.Duration, q float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	return lat[min(len(lat)-1, int(q*float64(len(lat))))]
}

// benchCacheVersion is part of the preload cache's file name: bump it when
// the weave state, the synthetic generator or the store's schema changes
// (3: full-text index with one prefix index, migration 0006; 4: events and
// members record their articles' languages).
const benchCacheVersion = 4

// preloadCachePath is where a preloaded store of n synthetic articles is
// kept between runs (building 100 000 takes minutes).
func preloadCachePath(n int) string {
	return filepath.Join(os.TempDir(), "newsweave-bench-cache", fmt.Sprintf("stored-%d-v%d.db", n, benchCacheVersion))
}

// copyFile copies src to dst (dst is created or truncated).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// preload stores and weaves n synthetic articles into the store at path.
func preload(ctx context.Context, env *cliEnv, path string, n int) error {
	db, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	w, err := cluster.New(ctx, db, cluster.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "storing and weaving %d synthetic articles first…\n", n)
	t0 := time.Now()
	syn := cluster.Synthetic(n, 7)
	const group = ingest.DefaultGroupSize // as ingest commits
	for i := 0; i < len(syn); i += group {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		as := make([]*newsweave.Article, 0, group)
		for _, s := range syn[i:min(i+group, len(syn))] {
			as = append(as, s.Article)
		}
		if _, werr, err := db.PutArticlesWoven(ctx, as, w); err != nil || werr != nil {
			return errors.Join(err, werr)
		}
		if done := i + len(as); done/10000 != i/10000 {
			fmt.Fprintf(env.stderr, "  %d stored (%.0f/s)\n", done, float64(done)/time.Since(t0).Seconds())
		}
	}
	fmt.Fprintf(env.stderr, "preload: %d articles in %.1fs (%.0f/s)\n", n, time.Since(t0).Seconds(), float64(n)/time.Since(t0).Seconds())
	return w.Close()
}

// preparePreload makes dst a store holding n preloaded articles, from the
// cache when one was built before (the cache is written on first use).
func preparePreload(ctx context.Context, env *cliEnv, dst string, n int, useCache bool) error {
	if !useCache {
		return preload(ctx, env, dst, n)
	}
	cp := preloadCachePath(n)
	if !weaveFileExists(cp) {
		if err := os.MkdirAll(filepath.Dir(cp), 0o755); err != nil {
			return err
		}
		tmp := cp + ".building"
		os.Remove(tmp)
		if err := preload(ctx, env, tmp, n); err != nil {
			os.Remove(tmp)
			return err
		}
		// Close normally checkpoints the WAL into the main file; keep a
		// leftover WAL with it all the same.
		if weaveFileExists(tmp + "-wal") {
			if err := os.Rename(tmp+"-wal", cp+"-wal"); err != nil {
				return err
			}
		}
		os.Remove(tmp + "-shm")
		if err := os.Rename(tmp, cp); err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "preloaded store cached at %s\n", cp)
	} else {
		fmt.Fprintf(env.stderr, "using the cached preloaded store %s\n", cp)
	}
	if dst == cp {
		return nil
	}
	if weaveFileExists(cp + "-wal") {
		if err := copyFile(cp+"-wal", dst+"-wal"); err != nil {
			return err
		}
	}
	return copyFile(cp, dst)
}

func runBenchWeave(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "bench weave", "[--articles N] [--stored M] [--preload-only] [--corpus FILE|synthetic]")
	n := fs.Int("articles", 5000, "timed articles `N` through the whole pipeline")
	stored := fs.Int("stored", 0, "articles `M` stored and woven before timing (no extraction/analysis; synthetic)")
	corpus := fs.String("corpus", "", "10kGNAD CSV `FILE`, or \"synthetic\" (default: ../shared/data/corpus/10kgnad-test.csv when present)")
	workers := fs.Int("workers", 0, "extraction/analysis workers (0 = all cores)")
	group := fs.Int("group", 0, "articles `N` per commit at most (0 = the ingest default, 1 = one transaction per article)")
	dbPath := fs.String("db", "", "store `FILE` (default: a temporary file, removed afterwards)")
	preloadOnly := fs.Bool("preload-only", false, "only build (and cache) the preloaded store of --stored articles")
	noCache := fs.Bool("no-cache", false, "build the --stored preload afresh instead of copying the cached one ("+filepath.Join(os.TempDir(), "newsweave-bench-cache")+")")
	memProfile := fs.String("memprofile", "", "write a heap profile to `FILE` after the run")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the timed run to `FILE`")
	err := parseFlagsOnly(fs, args)
	if err != nil {
		return err
	}
	if *preloadOnly {
		if *stored <= 0 {
			return fmt.Errorf("%w: --preload-only needs --stored N", errUsage)
		}
		return preparePreload(ctx, env, preloadCachePath(*stored), *stored, true)
	}
	if *n <= 0 || *stored < 0 {
		return fmt.Errorf("%w: --articles must be > 0 and --stored ≥ 0", errUsage)
	}
	var docs []benchDoc
	from := "synthetic"
	path := *corpus
	if path == "" {
		if d := shared.Dir(); d != "" {
			if p := filepath.Join(d, "data", "corpus", "10kgnad-test.csv"); weaveFileExists(p) {
				path = p
			}
		}
	}
	if path != "" && path != "synthetic" {
		if docs, err = gnadDocs(path, *n); err != nil {
			return err
		}
		from = path + " (replayed with shifted dates, perturbed copies)"
	} else {
		docs = synthDocs(*n, 42)
	}
	dir := ""
	if *dbPath != "" && *stored > 0 && weaveFileExists(*dbPath) {
		return fmt.Errorf("%w: --stored fills a new store; %s exists", errUsage, *dbPath)
	}
	if *dbPath == "" {
		dir, err = os.MkdirTemp("", "newsweave-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*dbPath = filepath.Join(dir, "bench.db")
	}
	// Models first, so the heap figures show the weave state alone.
	an, err := analyze.Default()
	if err != nil {
		return err
	}
	heap0 := heapInUse()
	if *stored > 0 {
		if err := preparePreload(ctx, env, *dbPath, *stored, !*noCache); err != nil {
			return err
		}
	}
	db, err := sqlite.Open(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	w, err := cluster.New(ctx, db, cluster.Options{})
	if err != nil {
		return err
	}
	heap1 := heapInUse()
	var lat, saveLat, groupLat []time.Duration
	var weaveCPU, saveCPU, commitCPU time.Duration
	var groupArts int
	var cExtract, cAnalyze, cPrepare stageClock
	tw := timedWeaver{w, &lat, &saveLat, &weaveCPU, &saveCPU}
	// The same group commit as ingest and serve (weaveHook): articles and
	// weave state in one transaction per group.
	p := &ingest.Pipeline{Extractor: timedExtractor{extract.New(), &cExtract}, Analyzer: timedAnalyzer{an, &cAnalyze},
		Store: db, Workers: *workers, GroupSize: *group,
		Prepare: func(a *newsweave.Article) { cPrepare.run(func() { w.Prepare(a) }) },
		Commit: func(ctx context.Context, as []*newsweave.Article) (ins []bool, werr, err error) {
			t := time.Now()
			commitCPU += onThreadCPU(func() { ins, werr, err = db.PutArticlesWoven(ctx, as, tw) })
			groupLat = append(groupLat, time.Since(t))
			groupArts += len(as)
			return ins, werr, err
		}}
	pr, pw := io.Pipe()
	go func() {
		enc := json.NewEncoder(pw)
		for _, d := range docs {
			if err := enc.Encode(d); err != nil {
				break
			}
		}
		pw.Close()
	}()
	stats := new(ingest.Stats)
	failed := 0
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	load0 := loadAvg()
	t0, cpu0 := time.Now(), cpuTime()
	err = p.IngestReader(ctx, pr, "bench.jsonl", stats, func(r ingest.Result) {
		if r.Outcome == ingest.Failed {
			failed++
		}
	})
	el, cpuRun := time.Since(t0), cpuTime()-cpu0
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(f float64) time.Duration { return quantile(lat, f) }
	total := func(ds []time.Duration) (s time.Duration) {
		for _, d := range ds {
			s += d
		}
		return s
	}
	saveSum, sum, groupSum := total(saveLat), total(lat), total(groupLat)
	slices.Sort(saveLat)
	slices.Sort(groupLat)
	heap2 := heapInUse()
	ws := w.Stats()
	fi, _ := os.Stat(*dbPath)
	var dbSize int64
	if fi != nil {
		dbSize = fi.Size()
	}
	if fi, _ := os.Stat(*dbPath + "-wal"); fi != nil {
		dbSize += fi.Size()
	}
	out := env.stdout
	fmt.Fprintf(out, "corpus: %s\n", from)
	fmt.Fprintf(out, "cores: %d, stored before: %d, timed: %d (stored %d, duplicates %d, failed %d)\n",
		runtime.GOMAXPROCS(0), *stored, len(docs), stats.Stored.Load(), stats.Duplicates.Load(), failed)
	fmt.Fprintf(out, "end-to-end (extract+analyse+store+weave): %.0f articles/s (%.1fs)", float64(len(docs))/el.Seconds(), el.Seconds())
	if load1 := loadAvg(); load0 != "" && load1 != "" {
		fmt.Fprintf(out, "; machine load (1-min average) %s at the start, %s at the end", load0, load1)
	}
	fmt.Fprintln(out)
	if len(lat) > 0 {
		fmt.Fprintf(out, "weave assignment: %.0f articles/s alone; latency p50 %v p99 %v max %v\n",
			float64(len(lat))/sum.Seconds(), q(0.5).Round(time.Microsecond), q(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
	}
	nWorkers := *workers
	if nWorkers <= 0 {
		nWorkers = runtime.GOMAXPROCS(0)
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }
	if len(saveLat) > 0 {
		fmt.Fprintf(out, "  of which writing its changes into the group transaction: mean %s, p50 %s, p99 %s, max %s\n", ms(saveSum/time.Duration(len(saveLat))),
			ms(quantile(saveLat, 0.5)), ms(quantile(saveLat, 0.99)), ms(saveLat[len(saveLat)-1]))
	}
	if len(groupLat) > 0 {
		fmt.Fprintf(out, "group commit: %d groups, mean %.1f articles; one group (store + weave + commit) p50 %s, p99 %s, max %s\n",
			len(groupLat), float64(groupArts)/float64(len(groupLat)), ms(quantile(groupLat, 0.5)), ms(quantile(groupLat, 0.99)), ms(groupLat[len(groupLat)-1]))
	}
	fmt.Fprintf(out, "per-article stage time: extract %s, analyse %s (parallel on %d workers), store+commit %s, weave %s (serial, in the group transaction)\n",
		ms(cExtract.perArticle()), ms(cAnalyze.perArticle()), nWorkers,
		ms((groupSum-sum)/time.Duration(max(1, groupArts))), ms(sum/time.Duration(max(1, len(lat)))))
	if cpuRun > 0 && commitCPU > 0 {
		nd := int64(len(docs))
		per := func(d time.Duration) string { return ms(d / time.Duration(nd)) }
		work := time.Duration(cExtract.cpu.Load() + cAnalyze.cpu.Load() + cPrepare.cpu.Load())
		fmt.Fprintf(out, "CPU per article (all %d timed documents): total %s (process, all goroutines); committer %s "+
			"(store + FTS + commit %s, weave %s of which its writes %s); workers: extract %s, analyse %s, weave prepare %s; "+
			"rest (GC, reader, scheduling) %s\n",
			nd, per(cpuRun), per(commitCPU), per(commitCPU-weaveCPU), per(weaveCPU), per(saveCPU),
			ms(cExtract.cpuPer(nd)), ms(cAnalyze.cpuPer(nd)), ms(cPrepare.cpuPer(nd)), per(cpuRun-commitCPU-work))
	}
	fmt.Fprintf(out, "peak RSS %d MB; Go heap in use (analysis models loaded): %.1f MB empty, %.1f MB after loading the weave state of %d stored, %.1f MB at the end\n",
		rssKB("VmHWM")/1024, float64(heap0)/1e6, float64(heap1)/1e6, *stored, float64(heap2)/1e6)
	if total := int64(*stored) + stats.Stored.Load(); total > 0 {
		fmt.Fprintf(out, "weave memory per stored article: %.0f bytes of heap (bounded: %d active events, %d storylines, %d-article duplicate window); %.1f KB on disk\n",
			float64(int64(heap2)-int64(heap0))/float64(total), ws.ActiveEvents, ws.Storylines, ws.DupWindow, float64(dbSize)/1024/float64(total))
	}
	fmt.Fprintf(out, "events created %d, storylines %d, index postings %d\n", ws.EventsCreated, ws.StoriesCreated, ws.IndexPostings)
	if *memProfile != "" {
		f, err := os.Create(*memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.KeepAlive(w)
		if err := pprof.WriteHeapProfile(f); err != nil {
			return err
		}
	}
	return nil
}

func weaveFileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}
