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
// concurrently (online clustering depends on order), after the article's
// group was committed: a crash in between leaves it stored but unwoven.
// A CommitFunc that weaves in the store's transaction avoids that.
type WeaveFunc func(ctx context.Context, a *newsweave.Article) error

// CommitFunc stores a group of articles and weaves the newly inserted ones
// in order, durably, before it returns — ideally in one transaction
// (sqlite.DB.PutArticlesWoven). inserted[i] is false for an id already
// stored. weaveErr: the new articles are stored but not woven. err:
// nothing was stored.
type CommitFunc func(ctx context.Context, as []*newsweave.Article) (inserted []bool, weaveErr, err error)

// GroupStore is a Store that commits several articles in one transaction
// (sqlite.DB); the pipeline then group-commits without a CommitFunc.
type GroupStore interface {
	PutArticles(ctx context.Context, as []*newsweave.Article) (inserted []bool, err error)
}

// Group commit: the committer stores (and weaves) all articles that are
// ready in one transaction, at most GroupSize, waiting at most groupWait
// for the next one in input order. One commit per group instead of one
// per article is most of the ingest speed (FTS5 flushes a segment and the
// WAL syncs per commit).
const (
	// DefaultGroupSize: larger groups save little more CPU but make every
	// article of the group wait for the whole group's commit.
	DefaultGroupSize = 32
	groupWait        = 3 * time.Millisecond
)

// Pipeline is the ingest pipeline shared by the CLI and the HTTP API:
// read → extract → analyse (parallel workers) → store → weave (one
// committer, input order, group commit). The zero value is not usable: set
// Extractor and Store.
type Pipeline struct {
	Extractor Extractor
	Analyzer  Analyzer // nil: no analysis
	Store     store.Store
	// Commit, when set, stores and weaves groups (Store is then used for
	// nothing else by the pipeline, and Weave is ignored).
	Commit CommitFunc
	Weave  WeaveFunc // nil: no weaving; called after the group's store commit
	// Prepare, when set, runs on the workers after analysis: commit-stage
	// work that does not depend on order (cluster.Weaver.Prepare), taken
	// off the single committer.
	Prepare func(a *newsweave.Article)
	Workers int // extraction+analysis workers; 0 = GOMAXPROCS
	// GroupSize caps the articles of one commit; 0 = DefaultGroupSize,
	// 1 = one transaction per article.
	GroupSize int
	MaxSize   int64 // per-document cap in bytes; 0 = DefaultMaxSize
	// Now stamps IngestedAt; nil = time.Now.
	Now func() time.Time

	commitMu sync.Mutex // one committer at a time: store+weave stay ordered
	qmu      sync.Mutex
	queue    []*item // IngestOne calls waiting for a group commit
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

// item is one processed document waiting for its group's commit.
type item struct {
	input string
	w     work
	res   Result
	done  chan struct{} // IngestOne: closed when res is set
}

func (p *Pipeline) workers() int {
	if p.Workers > 0 {
		return p.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (p *Pipeline) groupSize() int {
	if p.GroupSize > 0 {
		return p.GroupSize
	}
	return DefaultGroupSize
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
	// ordered bounds the documents in flight: enough for the workers to
	// fill the next group while the committer writes one. Raw bodies live
	// only until their worker is done (at most 2·nw+1 of them); the rest
	// are extracted articles.
	ordered := make(chan *job, 2*p.groupSize()+4*nw)

	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				a, err := p.process(j.doc)
				j.doc.Body = nil // the committer needs only Input
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

	var held *job // taken from ordered, not yet in a group
	eof := false
	for !eof {
		// The group starts with the next job in input order, waiting for
		// it as long as it takes.
		var items []*item
		if held == nil {
			select {
			case j, ok := <-ordered:
				if !ok {
					eof = true
					break
				}
				held = j
			case <-ctx.Done():
				// Return at once: a reader may be blocked on stdin or a
				// network body; its goroutine ends when that read returns.
				return ctx.Err()
			}
			if eof {
				break
			}
		}
		w, err := waitResult(ctx, held, nil)
		if err != nil {
			return err
		}
		items = append(items, &item{input: held.doc.Input, w: w})
		held = nil
		// Then whatever follows in order and is ready within groupWait.
		timer := time.NewTimer(groupWait)
	gather:
		for len(items) < p.groupSize() {
			if held == nil {
				select {
				case j, ok := <-ordered:
					if !ok {
						eof = true
						break gather
					}
					held = j
				case <-timer.C:
					break gather
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			w, err := waitResult(ctx, held, timer.C)
			if errors.Is(err, errTimeout) {
				break
			}
			if err != nil {
				return err
			}
			items = append(items, &item{input: held.doc.Input, w: w})
			held = nil
		}
		timer.Stop()
		p.commitMu.Lock()
		p.commitGroup(ctx, items)
		p.commitMu.Unlock()
		for _, it := range items {
			count(stats, it.res)
			if report != nil {
				report(it.res)
			}
		}
		if ctx.Err() != nil {
			return ctx.Err() // the group was committed before the cancel: reported
		}
	}
	wg.Wait()
	return nil
}

var errTimeout = errors.New("timeout")

// waitResult returns the worker's result for j, or errTimeout when timeout
// fires first, or ctx.Err().
func waitResult(ctx context.Context, j *job, timeout <-chan time.Time) (work, error) {
	if j.fail != nil {
		return work{err: j.fail}, nil
	}
	select {
	case w := <-j.res:
		return w, nil
	case <-timeout:
		return work{}, errTimeout
	case <-ctx.Done():
		return work{}, ctx.Err()
	}
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
	if p.Prepare != nil {
		p.Prepare(a)
	}
	return a, nil
}

// commitGroup stores and weaves the items' articles (the caller holds
// commitMu) and sets every item's Result. Once started, a group is
// committed even if ctx is cancelled meanwhile: a half-done group would
// leave the weave state ahead of the store.
func (p *Pipeline) commitGroup(ctx context.Context, items []*item) {
	ctx = context.WithoutCancel(ctx)
	var arts []*newsweave.Article
	var idx []int
	for i, it := range items {
		it.res = Result{Input: it.input}
		if it.w.err != nil {
			it.res.Outcome, it.res.Err = Failed, prefixed(it.input, it.w.err)
			continue
		}
		it.res.ID, it.res.Title = it.w.a.ID, it.w.a.Title
		arts = append(arts, it.w.a)
		idx = append(idx, i)
	}
	if len(arts) == 0 {
		return
	}
	outs, groupErr := p.put(ctx, arts)
	if groupErr && len(arts) > 1 {
		// Nothing was stored; one bad article must not fail the rest:
		// one at a time.
		for k, a := range arts {
			o, _ := p.put(ctx, []*newsweave.Article{a})
			outs[k] = o[0]
		}
	}
	for k, o := range outs {
		it := items[idx[k]]
		a := arts[k]
		switch {
		case o.storeErr != nil:
			it.res.Outcome, it.res.Err = Failed, prefixed(it.input, fmt.Errorf("store: %w", o.storeErr))
		case !o.inserted:
			it.res.Outcome = Duplicate
		case o.weaveErr != nil:
			it.res.Outcome, it.res.Err = Failed, prefixed(it.input, fmt.Errorf("stored as %s, but weave failed: %w", a.ID, o.weaveErr))
		default:
			it.res.Outcome = Stored
		}
	}
}

type putOutcome struct {
	inserted           bool
	storeErr, weaveErr error
}

// put stores (and weaves) a group. groupErr: the group failed as a whole
// and nothing was stored (every outcome carries the error).
func (p *Pipeline) put(ctx context.Context, arts []*newsweave.Article) (outs []putOutcome, groupErr bool) {
	outs = make([]putOutcome, len(arts))
	fail := func(err error) ([]putOutcome, bool) {
		for i := range outs {
			outs[i].storeErr = err
		}
		return outs, true
	}
	if p.Commit != nil {
		ins, werr, err := p.Commit(ctx, arts)
		if err != nil {
			return fail(err)
		}
		for i := range outs {
			outs[i].inserted = ins[i]
			if ins[i] {
				outs[i].weaveErr = werr
			}
		}
		return outs, false
	}
	if gs, ok := p.Store.(GroupStore); ok && len(arts) > 1 {
		ins, err := gs.PutArticles(ctx, arts)
		if err != nil {
			return fail(err)
		}
		for i := range outs {
			outs[i].inserted = ins[i]
		}
	} else {
		for i, a := range arts {
			outs[i].inserted, outs[i].storeErr = p.Store.PutArticle(ctx, a)
		}
	}
	if p.Weave != nil {
		for i, a := range arts {
			if outs[i].inserted && outs[i].storeErr == nil {
				outs[i].weaveErr = p.Weave(ctx, a)
			}
		}
	}
	return outs, false
}

func prefixed(input string, err error) error {
	s := err.Error()
	if input == "" || strings.HasPrefix(s, input+":") || strings.HasPrefix(s, input+" ") {
		return err
	}
	return fmt.Errorf("%s: %w", input, err)
}

// IngestOne extracts, analyses, stores and weaves one document in the
// caller's goroutine (the HTTP API's single-article path). Concurrent
// calls group-commit: whoever holds the committer commits every document
// queued meanwhile (in arrival order, serialised with any concurrent Run),
// and each call returns once its own document is committed.
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
	it := &item{input: doc.Input, w: workResult(a, err), done: make(chan struct{})}
	if err != nil {
		p.commitGroup(ctx, []*item{it}) // nothing to store
		return it.res
	}
	// Group commit with concurrent callers: whoever gets the committer
	// lock commits everything queued so far, in arrival order.
	p.qmu.Lock()
	p.queue = append(p.queue, it)
	p.qmu.Unlock()
	for {
		p.commitMu.Lock()
		select {
		case <-it.done:
			p.commitMu.Unlock()
			return it.res
		default:
		}
		p.qmu.Lock()
		n := min(len(p.queue), p.groupSize())
		group := p.queue[:n:n]
		p.queue = append([]*item(nil), p.queue[n:]...)
		p.qmu.Unlock()
		p.commitGroup(ctx, group)
		for _, g := range group {
			close(g.done)
		}
		p.commitMu.Unlock()
	}
}

// IngestReader ingests one stream of any supported format (sniffed: one
// JSON article, JSONL, HTML, text, WARC, gzip of these) — the HTTP API's
// batch path. name prefixes inputs and errors ("api", "request-17").
func (p *Pipeline) IngestReader(ctx context.Context, r io.Reader, name string, stats *Stats, report func(Result)) error {
	return p.Run(ctx, []Source{ReaderSource(name, r)}, stats, report)
}
