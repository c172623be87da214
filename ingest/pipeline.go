package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/store"
)

// Extractor turns a raw document into an article (*extract.Extractor).
type Extractor interface {
	Extract(doc extract.Document) (*newsweave.Article, error)
}

// Analyzer fills an article's entities, times and events (*analyze.Analyzer).
type Analyzer interface {
	Analyze(a *newsweave.Article)
}

// WeaveFunc is called once per newly stored article, in input order, never
// concurrently (online clustering depends on order).
type WeaveFunc func(ctx context.Context, a *newsweave.Article) error

// Pipeline is the ingest pipeline shared by the CLI and the HTTP API:
// read → extract → analyse (parallel workers) → store → weave (one
// goroutine, input order). The zero value is not usable: set Extractor and
// Store.
type Pipeline struct {
	Extractor Extractor
	Analyzer  Analyzer // nil: no analysis
	Store     store.Store
	Weave     WeaveFunc // nil: no weaving
	Workers   int       // extraction+analysis workers; 0 = GOMAXPROCS
	MaxSize   int64     // per-document cap in bytes; 0 = DefaultMaxSize
	// Now stamps IngestedAt; nil = time.Now.
	Now func() time.Time

	commitMu sync.Mutex // one committer at a time: store+weave stay ordered
}

// Outcome is what happened to one input item.
type Outcome int

// Outcomes.
const (
	Stored    Outcome = iota // new article, durably stored (and woven)
	Duplicate                // an article with the same content id was stored before
	Failed                   // see Result.Err
)

func (o Outcome) String() string {
	return [...]string{"stored", "duplicate", "failed"}[o]
}

// Result reports one document or one failed input.
type Result struct {
	Input   string // "a.txt", "dump.warc.gz#17", "dump.jsonl:3"
	Outcome Outcome
	ID      string // article id (Stored, Duplicate)
	Title   string
	Err     error // Failed: the one-line reason, already prefixed with Input
}

// Stats are live counters of a run, safe to read while it goes on
// (progress display).
type Stats struct {
	Sources    atomic.Int64 // inputs (files) finished
	Records    atomic.Int64 // documents finished (stored, duplicate or failed)
	Stored     atomic.Int64
	Duplicates atomic.Int64
	Failed     atomic.Int64 // failed documents and inputs
	Skipped    atomic.Int64 // container records without an article (WARC request, image, 404…)
	Bytes      atomic.Int64 // raw input bytes read (compressed size for .gz)
}

// job is one item travelling through the pipeline; res receives the
// worker's outcome (buffered: workers never block on it).
type job struct {
	doc  extract.Document
	fail error // set by the reader: no work to do
	res  chan work
}

type work struct {
	a   *newsweave.Article
	err error
}

func (p *Pipeline) workers() int {
	if p.Workers > 0 {
		return p.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Now().UTC()
}

// Run ingests the sources in order. report (may be nil) receives every
// Result in input order from a single goroutine, after the article was
// committed, so a reported Stored article survives a crash. Run returns
// ctx.Err() when cancelled (articles reported so far stay stored); failures
// of single inputs do not stop it and are counted in stats.
func (p *Pipeline) Run(ctx context.Context, sources []Source, stats *Stats, report func(Result)) error {
	if p.Extractor == nil || p.Store == nil {
		return errors.New("ingest: pipeline needs an Extractor and a Store")
	}
	if stats == nil {
		stats = new(Stats)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	nw := p.workers()
	todo := make(chan *job, nw)
	ordered := make(chan *job, 4*nw) // bounds the documents in flight

	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				a, err := p.process(j.doc)
				j.res <- workResult(a, err)
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(todo)
		p.produce(ctx, sources, stats, func(j *job) bool {
			select {
			case ordered <- j:
			case <-ctx.Done():
				return false
			}
			if j.fail != nil {
				return true
			}
			select {
			case todo <- j:
				return true
			case <-ctx.Done():
				j.res <- work{err: ctx.Err()}
				return false
			}
		})
	}()

	for {
		var j *job
		var ok bool
		select {
		case j, ok = <-ordered:
		case <-ctx.Done():
			// Return at once: a reader may be blocked on stdin or a
			// network body; its goroutine ends when that read returns.
			return ctx.Err()
		}
		if !ok {
			break
		}
		var w work
		if j.fail != nil {
			w.err = j.fail
		} else {
			select {
			case w = <-j.res:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		r := p.commit(ctx, j.doc.Input, w)
		if ctx.Err() != nil {
			if r.Outcome == Stored || r.Outcome == Duplicate {
				count(stats, r) // committed before the cancel: still report it
				if report != nil {
					report(r)
				}
			}
			return ctx.Err()
		}
		count(stats, r)
		if report != nil {
			report(r)
		}
	}
	wg.Wait()
	return nil
}

func workResult(a *newsweave.Article, err error) work { return work{a: a, err: err} }

func count(s *Stats, r Result) {
	s.Records.Add(1)
	switch r.Outcome {
	case Stored:
		s.Stored.Add(1)
	case Duplicate:
		s.Duplicates.Add(1)
	default:
		s.Failed.Add(1)
	}
}

// produce reads every source in order and emits one job per document or
// failure; emit returns false when the run is cancelled.
func (p *Pipeline) produce(ctx context.Context, sources []Source, stats *Stats, emit func(*job) bool) {
	for _, src := range sources {
		if ctx.Err() != nil {
			return
		}
		ok := p.produceOne(ctx, src, stats, emit)
		stats.Sources.Add(1)
		if !ok {
			return
		}
	}
}

func (p *Pipeline) produceOne(ctx context.Context, src Source, stats *Stats, emit func(*job) bool) bool {
	fail := func(err error) bool {
		if !strings.HasPrefix(err.Error(), src.Name+":") && !strings.HasPrefix(err.Error(), src.Name+"#") {
			err = fmt.Errorf("%s: %w", src.Name, err)
		}
		return emit(&job{doc: extract.Document{Input: src.Name}, fail: err})
	}
	if src.Err != nil {
		return fail(src.Err)
	}
	max := p.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	rc, err := src.Open()
	if err != nil {
		return fail(pathErr(err))
	}
	defer rc.Close()
	dr, f, err := Open(countingReader{r: rc, n: &stats.Bytes}, src.Name, max)
	if err != nil {
		return fail(err)
	}
	if (f == FormatText || f == FormatHTML) && src.Size > max && !strings.HasSuffix(strings.ToLower(src.Name), ".gz") {
		return fail(errTooLarge(max)) // don't read 5 GB to say it is too big
	}
	skipped := 0
	for {
		if ctx.Err() != nil {
			return false
		}
		doc, err := dr.Next()
		if wr, ok := dr.(*WARCReader); ok {
			stats.Skipped.Add(int64(wr.Skipped() - skipped))
			skipped = wr.Skipped()
		}
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			var re *RecordError
			if errors.As(err, &re) {
				if !emit(&job{doc: extract.Document{Input: re.Input}, fail: re}) {
					return false
				}
				continue
			}
			return fail(err) // the rest of this input is unreadable
		}
		if !emit(&job{doc: doc, res: make(chan work, 1)}) {
			return false
		}
	}
}

// process extracts and analyses one document. It runs on worker
// goroutines; a panic in a stage fails only this document.
func (p *Pipeline) process(doc extract.Document) (a *newsweave.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("internal error (panic): %v", r)
		}
	}()
	a, err = p.Extractor.Extract(doc)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if a == nil || strings.TrimSpace(a.Text) == "" {
		return nil, errors.New("no article text found")
	}
	if a.Input == "" {
		a.Input = doc.Input
	}
	if a.URL == "" {
		a.URL = doc.URL
	}
	a.ID = newsweave.ContentID(a.Title, a.Text)
	if a.IngestedAt.IsZero() {
		a.IngestedAt = p.now()
	}
	if p.Analyzer != nil {
		p.Analyzer.Analyze(a)
	}
	return a, nil
}

// commit stores and weaves one processed article (or reports its failure).
func (p *Pipeline) commit(ctx context.Context, input string, w work) Result {
	r := Result{Input: input}
	if w.err != nil {
		r.Outcome, r.Err = Failed, prefixed(input, w.err)
		return r
	}
	a := w.a
	r.ID, r.Title = a.ID, a.Title
	p.commitMu.Lock()
	defer p.commitMu.Unlock()
	inserted, err := p.Store.PutArticle(ctx, a)
	if err != nil {
		r.Outcome, r.Err = Failed, prefixed(input, fmt.Errorf("store: %w", err))
		return r
	}
	if !inserted {
		r.Outcome = Duplicate
		return r
	}
	r.Outcome = Stored
	if p.Weave != nil {
		if err := p.Weave(ctx, a); err != nil {
			r.Outcome, r.Err = Failed, prefixed(input, fmt.Errorf("stored as %s, but weave failed: %w", a.ID, err))
		}
	}
	return r
}

func prefixed(input string, err error) error {
	s := err.Error()
	if input == "" || strings.HasPrefix(s, input+":") || strings.HasPrefix(s, input+" ") {
		return err
	}
	return fmt.Errorf("%s: %w", input, err)
}

// IngestOne extracts, analyses, stores and weaves one document in the
// caller's goroutine (the HTTP API's single-article path). Store and weave
// are serialised with any concurrent Run.
func (p *Pipeline) IngestOne(ctx context.Context, doc extract.Document) Result {
	if p.Extractor == nil || p.Store == nil {
		return Result{Input: doc.Input, Outcome: Failed, Err: errors.New("ingest: pipeline needs an Extractor and a Store")}
	}
	max := p.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	if int64(len(doc.Body)) > max {
		return Result{Input: doc.Input, Outcome: Failed, Err: prefixed(doc.Input, errTooLarge(max))}
	}
	a, err := p.process(doc)
	return p.commit(ctx, doc.Input, workResult(a, err))
}

// IngestReader ingests one stream of any supported format (sniffed: one
// JSON article, JSONL, HTML, text, WARC, gzip of these) — the HTTP API's
// batch path. name prefixes inputs and errors ("api", "request-17").
func (p *Pipeline) IngestReader(ctx context.Context, r io.Reader, name string, stats *Stats, report func(Result)) error {
	return p.Run(ctx, []Source{ReaderSource(name, r)}, stats, report)
}
