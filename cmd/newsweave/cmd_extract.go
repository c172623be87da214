package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/internal/shared"
)

func init() {
	register(&command{
		name:    "extract",
		args:    "[--kind auto|text|html] [--url URL] FILE...|-",
		summary: "extract clean articles (title, text, date, source, agencies, removed boilerplate) as JSON",
		run:     runExtract,
	})
	register(&command{
		name:    "eval extract",
		args:    "--data DIR [--baseline] [--workers N] [--details FILE]",
		summary: "score extraction on a trafilatura-format set: snippet P/R/F1, title and date accuracy",
		run:     runEvalExtract,
	})
	register(&command{
		name:    "bench extract",
		args:    "[--n N] [--workers N] [--synthetic]",
		summary: "measure extraction throughput (articles/s) for text dumps and HTML pages",
		run:     runBenchExtract,
	})
}

// extractOutput is the JSON shape of `newsweave extract`: published is
// null when unknown, lists are [] rather than absent.
type extractOutput struct {
	Input               string              `json:"input"`
	Title               string              `json:"title"`
	Text                string              `json:"text"`
	Published           *string             `json:"published"`
	PublishedConfidence float64             `json:"published_confidence"`
	PublishedFrom       string              `json:"published_from,omitempty"`
	Source              string              `json:"source"`
	URL                 string              `json:"url"`
	Authors             []string            `json:"authors"`
	Agency              []string            `json:"agency"`
	Lang                string              `json:"lang"`
	ID                  string              `json:"id"`
	Removed             []newsweave.Removed `json:"removed"`
}

func toOutput(a *newsweave.Article) extractOutput {
	o := extractOutput{
		Input: a.Input, Title: a.Title, Text: a.Text,
		PublishedConfidence: a.PublishedConfidence, PublishedFrom: a.PublishedFrom,
		Source: a.Source, URL: a.URL, Authors: a.Authors, Agency: a.Agencies,
		Lang: a.Lang, ID: a.ID, Removed: a.Removed,
	}
	if a.Published != "" {
		p := a.Published
		o.Published = &p
	}
	if o.Authors == nil {
		o.Authors = []string{}
	}
	if o.Agency == nil {
		o.Agency = []string{}
	}
	if o.Removed == nil {
		o.Removed = []newsweave.Removed{}
	}
	return o
}

func parseKind(s string) (extract.Kind, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return extract.KindAuto, nil
	case "text", "txt":
		return extract.KindText, nil
	case "html", "htm":
		return extract.KindHTML, nil
	}
	return 0, fmt.Errorf("%w: --kind must be auto, text or html, not %q", errUsage, s)
}

func runExtract(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "extract", "[--kind auto|text|html] [--url URL] FILE...|-")
	kindFlag := fs.String("kind", "auto", "input format: auto (sniff), text or html")
	urlFlag := fs.String("url", "", "page URL (helps dates and source); only with a single input")
	dateFlag := fs.String("date", "", "known publication date (ISO), overrides extraction")
	pretty := fs.Bool("pretty", false, "indent JSON even for several inputs")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("%w: no input files (use - for stdin)", errUsage)
	}
	kind, err := parseKind(*kindFlag)
	if err != nil {
		return err
	}
	if *urlFlag != "" && len(inputs) > 1 {
		return fmt.Errorf("%w: --url applies to a single input", errUsage)
	}
	ex := extract.New()
	enc := json.NewEncoder(env.stdout)
	enc.SetEscapeHTML(false)
	if len(inputs) == 1 || *pretty {
		enc.SetIndent("", "  ")
	}
	failed := 0
	for _, in := range inputs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		body, err := readInput(env, in)
		if err == nil {
			var a *newsweave.Article
			a, err = ex.Extract(extract.Document{Input: in, URL: *urlFlag, Body: body, Kind: kind, Date: *dateFlag})
			if err == nil {
				if err := enc.Encode(toOutput(a)); err != nil {
					return err
				}
				continue
			}
		}
		failed++
		fmt.Fprintf(env.stderr, "newsweave extract: %s: %v\n", in, err)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d inputs", errPartial, failed, len(inputs))
	}
	return nil
}

func readInput(env *cliEnv, in string) ([]byte, error) {
	if in == "-" {
		return io.ReadAll(io.LimitReader(env.stdin, extract.MaxBody+1))
	}
	fi, err := os.Stat(in)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, errors.New("is a directory (use newsweave ingest for folders)")
	}
	if fi.Size() > extract.MaxBody {
		return nil, fmt.Errorf("file too large (%d bytes)", fi.Size())
	}
	return os.ReadFile(in)
}

func runEvalExtract(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "eval extract", "--data DIR [--baseline] [--workers N] [--details FILE]")
	data := fs.String("data", "", "trafilatura-format folder (evaldata.json + html/); default ../shared/data/extraction/trafilatura")
	baseline := fs.Bool("baseline", false, "also measure plain go-trafilatura (default options) the same way")
	workers := fs.Int("workers", runtime.NumCPU(), "parallel workers")
	details := fs.String("details", "", "write per-page results (missing/leaked snippets, titles, dates) as JSON to FILE")
	limit := fs.Int("limit", 0, "evaluate only the first N pages (0 = all)")
	focus := fs.String("focus", "balanced", "trafilatura focus: balanced, recall or precision")
	noFallback := fs.Bool("no-fallback", false, "disable trafilatura's readability/dom-distiller fallback")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		if sd := shared.Dir(); sd != "" {
			dir = filepath.Join(sd, "data", "extraction", "trafilatura")
		} else {
			return fmt.Errorf("%w: --data DIR is required (../shared not found)", errUsage)
		}
	}
	cases, err := extract.LoadEvalSet(dir)
	if err != nil {
		return err
	}
	if *limit > 0 && *limit < len(cases) {
		cases = cases[:*limit]
	}
	opts := extract.Options{NoFallback: *noFallback}
	switch *focus {
	case "balanced":
	case "recall":
		opts.HTMLFocus = extract.FavorRecall
	case "precision":
		opts.HTMLFocus = extract.FavorPrecision
	default:
		return fmt.Errorf("%w: --focus must be balanced, recall or precision", errUsage)
	}
	ex := extract.NewWithOptions(opts)
	type run struct {
		name string
		fn   extract.ExtractFunc
	}
	runs := []run{{"newsweave", ex.Extract}}
	if *baseline {
		runs = append(runs, run{"go-trafilatura (default options)", extract.Baseline})
	}
	var all []extract.EvalResult
	for _, r := range runs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		last := time.Now()
		res := extract.Evaluate(dir, cases, r.fn, *workers, func(done, total int) {
			if time.Since(last) > 5*time.Second || done == total {
				fmt.Fprintf(env.stderr, "\r%s: %d/%d pages", r.name, done, total)
				last = time.Now()
			}
		})
		fmt.Fprintln(env.stderr)
		all = append(all, res)
	}
	fmt.Fprintf(env.stdout, "extraction on %s (%d pages)\n", dir, len(cases))
	fmt.Fprintf(env.stdout, "%-34s %9s %9s %9s %9s %9s %7s %9s\n", "extractor", "precision", "recall", "F1", "title acc", "date acc", "errors", "pages/s")
	for i, r := range runs {
		res := all[i]
		fmt.Fprintf(env.stdout, "%-34s %9.3f %9.3f %9.3f %9.3f %9.3f %7d %9.1f\n", r.name,
			res.Precision(), res.Recall(), res.F1(), res.TitleAccuracy(), res.DateAccuracy(), res.Errors,
			float64(res.Pages)/res.Duration.Seconds())
	}
	fmt.Fprintf(env.stdout, "snippets: TP %d FN %d FP %d TN %d; gold titles %d, gold dates %d\n",
		all[0].TP, all[0].FN, all[0].FP, all[0].TN, all[0].TitlePages, all[0].DatePages)
	if *details != "" {
		out := map[string][]extract.PageResult{}
		for i, r := range runs {
			out[r.name] = all[i].PerPage
		}
		b, err := json.MarshalIndent(out, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*details, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func runBenchExtract(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "bench extract", "[--n N] [--workers N] [--synthetic]")
	n := fs.Int("n", 5000, "text documents to extract (HTML: n/20)")
	workers := fs.Int("workers", runtime.NumCPU(), "parallel workers")
	synthetic := fs.Bool("synthetic", false, "use synthetic documents even when ../shared is present")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *n < 1 || *workers < 1 {
		return fmt.Errorf("%w: --n and --workers must be positive", errUsage)
	}
	texts, htmls, from := benchDocs(*synthetic)
	ex := extract.New()
	ex.Extract(texts[0]) // load the language models outside the timing
	for _, set := range []struct {
		name  string
		docs  []extract.Document
		count int
	}{{"text dumps", texts, *n}, {"HTML pages", htmls, max(1, *n/20)}} {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		start := time.Now()
		cpu0 := cpuTime()
		var wg sync.WaitGroup
		var mu sync.Mutex
		errs, bytes := 0, 0
		next := 0
		for w := 0; w < *workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= set.count || ctx.Err() != nil {
						return
					}
					d := set.docs[i%len(set.docs)]
					_, err := ex.Extract(d)
					mu.Lock()
					bytes += len(d.Body)
					if err != nil {
						errs++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		el := time.Since(start)
		cpu := cpuTime() - cpu0
		fmt.Fprintf(env.stdout, "%-11s %6d docs (%d distinct, %s) in %6.2fs: %8.1f articles/s, %6.1f MB/s, %d errors, %d workers\n",
			set.name, set.count, len(set.docs), from, el.Seconds(), float64(set.count)/el.Seconds(),
			float64(bytes)/1e6/el.Seconds(), errs, *workers)
		if cpu > 0 {
			// On a shared machine wall time depends on the load; CPU time
			// does not: articles per CPU-second × cores is the capacity.
			fmt.Fprintf(env.stdout, "%-11s %6.2f CPU-s: %8.1f articles per CPU-second (≈ %.0f/s on %d cores when idle)\n",
				"", cpu.Seconds(), float64(set.count)/cpu.Seconds(), float64(set.count)/cpu.Seconds()*float64(runtime.NumCPU()), runtime.NumCPU())
		}
	}
	return nil
}

// benchDocs returns the seeds and the trafilatura pages when ../shared is
// present, else synthetic documents.
func benchDocs(synthetic bool) (texts, htmls []extract.Document, from string) {
	if sd := shared.Dir(); sd != "" && !synthetic {
		seeds, _ := filepath.Glob(filepath.Join(sd, "seeds", "*.txt"))
		for _, p := range seeds {
			if b, err := os.ReadFile(p); err == nil {
				texts = append(texts, extract.Document{Input: p, Body: b, Kind: extract.KindText})
			}
		}
		dir := filepath.Join(sd, "data", "extraction", "trafilatura")
		if cases, err := extract.LoadEvalSet(dir); err == nil {
			sort.Slice(cases, func(i, j int) bool { return cases[i].File < cases[j].File })
			for _, c := range cases {
				if b, err := os.ReadFile(filepath.Join(dir, "html", c.File)); err == nil {
					htmls = append(htmls, extract.Document{Input: c.File, URL: c.URL, Body: b, Kind: extract.KindHTML})
				}
			}
		}
		if len(texts) > 0 && len(htmls) > 0 {
			return texts, htmls, "../shared seeds and trafilatura pages"
		}
	}
	return extract.SyntheticDocuments(extract.KindText, 50), extract.SyntheticDocuments(extract.KindHTML, 20), "synthetic"
}
