package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/ingest"
)

func init() {
	register(&command{
		name:    "ingest",
		args:    "PATH... [--db FILE] [--max-size 50MB] [--workers N] [-v]",
		summary: "ingest .txt, .html, .jsonl/.json, WARC(.gz), directories or - (stdin) into the store",
		run:     runIngest,
	})
}

func runIngest(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "ingest", "PATH... [flags]\n\n"+
		"Reads text dumps (.txt), HTML pages (.html), JSON articles (.jsonl one per line, .json object or\n"+
		"array; fields url, title, text, html, date, source, lang), WARC and WARC.gz archives (HTML\n"+
		"response records), directories (recursively) and - for stdin (format sniffed; .gz of any format\n"+
		"is decompressed). Each article is extracted, analysed, stored under its content hash (re-running\n"+
		"adds nothing twice) and woven into events. Bad inputs are reported as 'input: reason' and the\n"+
		"batch goes on; the exit code is 1 if any input failed.")
	db := dbFlag(fs)
	maxSize := fs.String("max-size", "50MB", "largest `SIZE` of one document (file, JSONL line, WARC record), e.g. 50MB, 512KB")
	workers := fs.Int("workers", 0, "extraction+analysis workers (0 = number of CPUs)")
	verbose := fs.Bool("v", false, "print one line per document to stdout: outcome, id, input, title (tab-separated)")
	noProgress := fs.Bool("no-progress", false, "never show the progress bar (it is shown only when stderr is a terminal)")
	noAnalyze := fs.Bool("no-analyze", false, "store extracted articles without entity/time/event analysis")
	noWeave := fs.Bool("no-weave", false, "do not weave stored articles into events")
	noRevise := noReviseFlag(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no input (give files, directories or - for stdin)", errUsage)
	}
	max, err := parseSize(*maxSize)
	if err != nil {
		return fmt.Errorf("%w: --max-size: %v", errUsage, err)
	}
	if *workers < 0 {
		return fmt.Errorf("%w: --workers must be >= 0", errUsage)
	}
	stdins := 0
	for _, p := range paths {
		if p == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		return fmt.Errorf("%w: - (stdin) given more than once", errUsage)
	}

	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	p := &ingest.Pipeline{Extractor: extract.New(), Store: st, Workers: *workers, MaxSize: max}
	if !*noAnalyze {
		an, err := analyze.Default()
		if err != nil {
			return fmt.Errorf("load analysis models: %w", err)
		}
		p.Analyzer = an
	}
	var weaveDone func() error
	if weaveHook != nil && !*noWeave {
		done, err := weaveHook(ctx, st, p, weaveConfig{NoRevise: *noRevise})
		if err != nil {
			return fmt.Errorf("weave: %w", err)
		}
		weaveDone = done
	}

	sources := ingest.Expand(paths, env.stdin)
	var total int64
	for _, s := range sources {
		if s.Size > 0 {
			total += s.Size
		}
	}
	stats := new(ingest.Stats)
	bar := newProgressBar(env.stderr, stats, len(sources), total, !*noProgress)
	start := time.Now()
	bar.start()
	runErr := p.Run(ctx, sources, stats, func(r ingest.Result) {
		if r.Err != nil {
			bar.println(r.Err.Error())
		}
		if *verbose {
			bar.printOut(env.stdout, fmt.Sprintf("%s\t%s\t%s\t%s", r.Outcome, r.ID, r.Input, oneLine(r.Title)))
		}
	})
	bar.stop()
	if weaveDone != nil {
		if err := weaveDone(); err != nil && runErr == nil {
			runErr = fmt.Errorf("weave: %w", err)
		}
	}
	el := time.Since(start)
	fmt.Fprintf(env.stderr, "ingested %d, duplicates %d, failed %d", stats.Stored.Load(), stats.Duplicates.Load(), stats.Failed.Load())
	if n := stats.Skipped.Load(); n > 0 {
		fmt.Fprintf(env.stderr, ", skipped %d non-article records", n)
	}
	fmt.Fprintf(env.stderr, " (%d inputs, %s in %s)\n", stats.Sources.Load(), ingest.FormatBytes(stats.Bytes.Load()), el.Round(time.Millisecond))
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return errors.New("interrupted (articles reported as stored are kept)")
		}
		return runErr
	}
	if n := stats.Failed.Load(); n > 0 {
		return fmt.Errorf("%w: %d failed", errPartial, n)
	}
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// parseSize reads "50MB", "512KB", "1.5GB", "1000" (bytes); units are
// binary (1 MB = 1024*1024 bytes), case-insensitive, "B"/"iB" optional.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	mult := int64(1)
	if n := len(t); n > 0 {
		if i := strings.IndexByte("KMGT", t[n-1]); i >= 0 {
			mult = int64(1) << (10 * (i + 1))
			t = strings.TrimSpace(t[:n-1])
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || v*float64(mult) > 1<<50 {
		return 0, fmt.Errorf("bad size %q (want e.g. 50MB)", s)
	}
	return int64(v * float64(mult)), nil
}

// progressBar draws one status line on a terminal: files and documents
// done, bytes, throughput. It draws nothing when w is not a terminal.
type progressBar struct {
	w     io.Writer
	stats *ingest.Stats
	files int
	total int64
	on    bool
	mu    sync.Mutex
	drawn bool
	begin time.Time
	quit  chan struct{}
	done  chan struct{}
}

func newProgressBar(w io.Writer, stats *ingest.Stats, files int, total int64, allow bool) *progressBar {
	return &progressBar{w: w, stats: stats, files: files, total: total, on: allow && isTerminal(w)}
}

// isTerminal reports whether w is a character device (not a pipe or file)
// and the terminal is not "dumb".
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (b *progressBar) start() {
	b.begin = time.Now()
	if !b.on {
		return
	}
	b.quit, b.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(b.done)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-b.quit:
				return
			case <-t.C:
				b.mu.Lock()
				b.draw()
				b.mu.Unlock()
			}
		}
	}()
}

func (b *progressBar) stop() {
	if !b.on {
		return
	}
	close(b.quit)
	<-b.done
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clear()
}

func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
		b.drawn = false
	}
}

// println prints a line above the bar.
func (b *progressBar) println(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clear()
	fmt.Fprintln(b.w, s)
}

// printOut prints to another stream; the bar is cleared in case both go
// to the same terminal.
func (b *progressBar) printOut(w io.Writer, s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clear()
	fmt.Fprintln(w, s)
}

func (b *progressBar) draw() {
	s := b.stats
	el := time.Since(b.begin).Seconds()
	bytes := s.Bytes.Load()
	recs := s.Records.Load()
	var line strings.Builder
	if b.total > 0 {
		frac := min(float64(bytes)/float64(b.total), 1)
		const width = 24
		n := int(frac * width)
		fmt.Fprintf(&line, "[%s%s] %3.0f%% ", strings.Repeat("#", n), strings.Repeat("-", width-n), frac*100)
	}
	fmt.Fprintf(&line, "%d/%d inputs  %d docs (%d new, %d dup, %d failed)  %s",
		s.Sources.Load(), b.files, recs, s.Stored.Load(), s.Duplicates.Load(), s.Failed.Load(), ingest.FormatBytes(bytes))
	if b.total > 0 {
		fmt.Fprintf(&line, "/%s", ingest.FormatBytes(b.total))
	}
	if el > 0.5 {
		fmt.Fprintf(&line, "  %s/s  %.0f docs/s", ingest.FormatBytes(int64(float64(bytes)/el)), float64(recs)/el)
	}
	fmt.Fprint(b.w, "\r\033[K"+line.String())
	b.drawn = true
}
