package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"github.com/newsweave/newsweave"
)

// EvalCase is one page of a trafilatura-format evaluation set
// (evaldata.json + html/).
type EvalCase struct {
	URL     string   `json:"-"`
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
	Title   string   `json:"title"`
	Date    string   `json:"date"`
}

// LoadEvalSet reads dir/evaldata.json; cases come sorted by file name.
func LoadEvalSet(dir string) ([]EvalCase, error) {
	b, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, err
	}
	var m map[string]EvalCase
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("evaldata.json: %w", err)
	}
	cases := make([]EvalCase, 0, len(m))
	for u, c := range m {
		c.URL = u
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].File < cases[j].File })
	return cases, nil
}

// PageResult is the outcome on one page.
type PageResult struct {
	File           string   `json:"file"`
	Err            string   `json:"error,omitempty"`
	TP, FN, FP, TN int      `json:"-"`
	Missing        []string `json:"missing,omitempty"` // with-snippets not found
	Leaked         []string `json:"leaked,omitempty"`  // without-snippets found
	Title          string   `json:"title,omitempty"`
	GoldTitle      string   `json:"gold_title,omitempty"`
	Date           string   `json:"date,omitempty"`
	GoldDate       string   `json:"gold_date,omitempty"`
	TitleOK        *bool    `json:"title_ok,omitempty"` // nil when no gold title
	DateOK         *bool    `json:"date_ok,omitempty"`
}

// EvalResult sums snippet counts and metadata accuracy over a set.
type EvalResult struct {
	Pages, Errors            int
	TP, FN, FP, TN           int
	TitlePages, TitleCorrect int
	DatePages, DateCorrect   int
	Duration                 time.Duration
	PerPage                  []PageResult
}

// Precision is TP/(TP+FP) over snippets.
func (r EvalResult) Precision() float64 { return ratio(r.TP, r.TP+r.FP) }

// Recall is TP/(TP+FN) over snippets.
func (r EvalResult) Recall() float64 { return ratio(r.TP, r.TP+r.FN) }

// F1 is the harmonic mean of snippet precision and recall.
func (r EvalResult) F1() float64 { return ratio(2*r.TP, 2*r.TP+r.FP+r.FN) }

// TitleAccuracy is the share of pages with a gold title whose title matches.
func (r EvalResult) TitleAccuracy() float64 { return ratio(r.TitleCorrect, r.TitlePages) }

// DateAccuracy is the share of pages with a gold date whose date matches.
func (r EvalResult) DateAccuracy() float64 { return ratio(r.DateCorrect, r.DatePages) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ExtractFunc extracts one document (an Extractor's Extract, or a baseline).
type ExtractFunc func(Document) (*newsweave.Article, error)

// Evaluate runs fn over every case with the given number of workers,
// scoring snippets the trafilatura way: a `with` snippet found is a true
// positive, missing a false negative; a `without` snippet found is a false
// positive. progress, if set, is called after each page.
func Evaluate(dir string, cases []EvalCase, fn ExtractFunc, workers int, progress func(done, total int)) EvalResult {
	if workers < 1 {
		workers = 1
	}
	start := time.Now()
	res := make([]PageResult, len(cases))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	jobs := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				res[i] = evalPage(dir, cases[i], fn)
				if progress != nil {
					mu.Lock()
					done++
					progress(done, len(cases))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range cases {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	out := EvalResult{Pages: len(cases), PerPage: res, Duration: time.Since(start)}
	for _, p := range res {
		if p.Err != "" {
			out.Errors++
		}
		out.TP += p.TP
		out.FN += p.FN
		out.FP += p.FP
		out.TN += p.TN
		if p.TitleOK != nil {
			out.TitlePages++
			if *p.TitleOK {
				out.TitleCorrect++
			}
		}
		if p.DateOK != nil {
			out.DatePages++
			if *p.DateOK {
				out.DateCorrect++
			}
		}
	}
	return out
}

func evalPage(dir string, c EvalCase, fn ExtractFunc) (p PageResult) {
	p.File = c.File
	p.GoldTitle, p.GoldDate = c.Title, c.Date
	defer func() {
		if r := recover(); r != nil {
			p.Err = fmt.Sprintf("panic: %v", r)
		}
		if c.Title != "" {
			ok := titleKey(p.Title) == titleKey(c.Title)
			p.TitleOK = &ok
		}
		if c.Date != "" {
			ok := len(p.Date) >= 10 && len(c.Date) >= 10 && p.Date[:10] == c.Date[:10]
			p.DateOK = &ok
		}
	}()
	body, err := os.ReadFile(filepath.Join(dir, "html", c.File))
	text := ""
	if err == nil {
		var a *newsweave.Article
		a, err = fn(Document{Input: c.File, URL: c.URL, Body: body, Kind: KindHTML})
		if err == nil {
			// Both extractors are scored on everything they output.
			// Whitespace is normalised on both sides: paragraph breaks are
			// layout, not content.
			text = collapseSpace(a.Title + "\n" + a.Text)
			p.Title, p.Date = a.Title, a.Published
		}
	}
	if err != nil {
		p.Err = err.Error()
	}
	for _, s := range c.With {
		if text != "" && strings.Contains(text, collapseSpace(s)) {
			p.TP++
		} else {
			p.FN++
			p.Missing = append(p.Missing, s)
		}
	}
	for _, s := range c.Without {
		if text != "" && strings.Contains(text, collapseSpace(s)) {
			p.FP++
			p.Leaked = append(p.Leaked, s)
		} else {
			p.TN++
		}
	}
	return p
}

// Baseline extracts with plain go-trafilatura (default options, the page
// URL given), for comparison in `newsweave eval extract --baseline`.
func Baseline(doc Document) (*newsweave.Article, error) {
	opts := trafilatura.Options{OriginalURL: parseURL(doc.URL)}
	res, err := trafilatura.Extract(strings.NewReader(string(doc.Body)), opts)
	if err != nil {
		return nil, err
	}
	a := &newsweave.Article{Title: res.Metadata.Title, Text: res.ContentText}
	if !res.Metadata.Date.IsZero() {
		a.Published = res.Metadata.Date.Format("2006-01-02")
	}
	return a, nil
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
