package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/api"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/compare"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/ingest"
	"github.com/newsweave/newsweave/represent"
	"github.com/newsweave/newsweave/store"
)

func init() {
	register(&command{
		name:    "serve",
		args:    "[--addr 127.0.0.1:8080] [--db FILE] [--insecure-local] [--max-body 8MB] [--timeout 15s] [--log-json]",
		summary: "serve the JSON API (/api/…, OpenAPI at /api/openapi.json) and the web UI",
		run:     runServe,
	})
}

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "serve", "[flags]\n\n"+
		"Serves the JSON API and the web UI over one SQLite store. Writes (POST /api/articles) need\n"+
		"'Authorization: Bearer $NEWSWEAVE_TOKEN'; serve refuses to start without NEWSWEAVE_TOKEN unless\n"+
		"--insecure-local is given, which only allows loopback addresses. Stops gracefully on SIGINT/SIGTERM.")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS` (host:port; port 0 picks a free port)")
	db := dbFlag(fs)
	insecure := fs.Bool("insecure-local", false, "allow writes without a token (loopback addresses only)")
	maxBody := fs.String("max-body", "8MB", "largest request body `SIZE` (413 beyond)")
	timeout := fs.Duration("timeout", 15*time.Second, "time limit of one read request")
	ingestTimeout := fs.Duration("ingest-timeout", 5*time.Minute, "time limit of one POST /api/articles")
	logJSON := fs.Bool("log-json", false, "write logs as JSON lines instead of text")
	noAnalyze := fs.Bool("no-analyze", false, "store posted articles without entity/time/event analysis")
	noRevise := noReviseFlag(fs)
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	limit, err := parseSize(*maxBody)
	if err != nil {
		return fmt.Errorf("%w: --max-body: %v", errUsage, err)
	}
	if *timeout <= 0 || *ingestTimeout <= 0 {
		return fmt.Errorf("%w: timeouts must be positive", errUsage)
	}
	token := strings.TrimSpace(os.Getenv("NEWSWEAVE_TOKEN"))
	if token == "" {
		if !*insecure {
			return errors.New("NEWSWEAVE_TOKEN is not set: set it to require 'Authorization: Bearer TOKEN' on writes, or pass --insecure-local to accept unauthenticated writes on a loopback address")
		}
		if !isLoopback(*addr) {
			return fmt.Errorf("%w: --insecure-local needs a loopback address (127.0.0.1, [::1], localhost), not %s", errUsage, *addr)
		}
	}

	var h slog.Handler = slog.NewTextHandler(env.stderr, nil)
	if *logJSON {
		h = slog.NewJSONHandler(env.stderr, nil)
	}
	log := slog.New(h)

	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()

	p := &ingest.Pipeline{Extractor: extract.New(), Store: st}
	if !*noAnalyze {
		an, err := analyze.Default()
		if err != nil {
			return fmt.Errorf("load analysis models: %w", err)
		}
		p.Analyzer = an
	}
	if weaveHook != nil {
		done, err := weaveHook(ctx, st, p, weaveConfig{NoRevise: *noRevise})
		if err != nil {
			return fmt.Errorf("weave: %w", err)
		}
		defer func() {
			if err := done(); err != nil {
				log.Error("weave flush", "err", err)
			}
		}()
	}
	cfg := api.Config{
		Store:         st,
		Entities:      st,
		Ingester:      pipelineIngester{p},
		Comparer:      &articleComparer{},
		Token:         token,
		MaxBody:       limit,
		Timeout:       *timeout,
		IngestTimeout: *ingestTimeout,
		Logger:        log,
	}
	if ws, ok := any(st).(store.WeaveStore); ok { // the weave tables live in the same SQLite file
		cfg.Weave = ws
	}
	if wd, ok := any(st).(interface {
		WeaveDecision(ctx context.Context, id string) (*cluster.ArticleRecord, error)
	}); ok {
		cfg.Placement = func(ctx context.Context, id string) (*api.Placement, error) {
			r, err := wd.WeaveDecision(ctx, id)
			if err != nil || r == nil {
				return nil, err
			}
			return &api.Placement{Event: r.Event, Storyline: r.Storyline, DuplicateOf: r.DuplicateOf, EventScore: r.EventScore}, nil
		}
	}
	srv, err := api.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	n, _ := st.Count(ctx)
	auth := "token required for writes"
	if token == "" {
		auth = "NO TOKEN: writes are open (--insecure-local)"
	}
	// The first line on stderr names the URL, so scripts and tests can wait for it.
	fmt.Fprintf(env.stderr, "newsweave: serving http://%s (store %s, %d articles; %s)\n", ln.Addr(), *db, n, auth)
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(env.stderr, "newsweave: stopped")
	return nil
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// pipelineIngester adapts the ingest pipeline to api.Ingester.
type pipelineIngester struct{ p *ingest.Pipeline }

func (g pipelineIngester) IngestOne(ctx context.Context, in api.ArticleInput) (*newsweave.Article, bool, error) {
	doc := extract.Document{Input: "api", URL: in.URL, Title: in.Title, Date: in.Date, Source: in.Source, Lang: in.Lang}
	if in.URL != "" {
		doc.Input = in.URL
	}
	if strings.TrimSpace(in.HTML) != "" {
		doc.Body, doc.Kind = []byte(in.HTML), extract.KindHTML
	} else {
		doc.Body, doc.Kind = []byte(in.Text), extract.KindText
	}
	r := g.p.IngestOne(ctx, doc)
	switch r.Outcome {
	case ingest.Stored, ingest.Duplicate:
		return &newsweave.Article{ID: r.ID, Title: r.Title}, r.Outcome == ingest.Stored, nil
	}
	err := r.Err
	if err == nil {
		err = errors.New("ingest failed")
	}
	if errors.Is(err, extract.ErrEmpty) || errors.Is(err, extract.ErrNoText) || errors.Is(err, extract.ErrBinary) ||
		errors.Is(err, extract.ErrNotUTF8) || strings.Contains(err.Error(), "too large") {
		return nil, false, fmt.Errorf("%w: %v", api.ErrInvalidArticle, err)
	}
	return nil, false, err
}

// articleComparer adapts package compare to api.Comparer: stored articles
// are already analysed, so only their representations are built.
type articleComparer struct {
	once    sync.Once
	c       *compare.Comparer
	builder *represent.Builder
	err     error
}

func (ac *articleComparer) Compare(ctx context.Context, a, b *newsweave.Article) (*api.Comparison, error) {
	ac.once.Do(func() {
		ac.c, ac.err = compare.New(nil)
		ac.builder = represent.NewBuilder(nil)
	})
	if ac.err != nil {
		return nil, ac.err
	}
	res := ac.c.Compare(ac.builder.Build(a), ac.builder.Build(b))
	out := &api.Comparison{Detail: res.Evidence}
	for d, name := range compare.Dimensions {
		out.Dimensions = append(out.Dimensions, api.Dimension{Name: name, Score: res.Scores[d], Evidence: evidenceLines(name, &res.Evidence)})
	}
	return out, nil
}

// evidenceLines renders the comparer's evidence for one dimension as short
// sentences for people.
func evidenceLines(dim string, ev *compare.Evidence) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	// list adds "label: a, b, … (+n)" when xs is not empty.
	list := func(label string, xs []string) {
		switch {
		case len(xs) > 8:
			add("%s: %s … (+%d)", label, strings.Join(xs[:8], ", "), len(xs)-8)
		case len(xs) > 0:
			add("%s: %s", label, strings.Join(xs, ", "))
		}
	}
	switch dim {
	case "Geography":
		g := ev.Geography
		list("shared places", g.SharedPlaces)
		list("only in A", g.OnlyA)
		list("only in B", g.OnlyB)
		list("shared countries", g.SharedCountries)
	case "Entities":
		e := ev.Entities
		list("shared", e.Shared)
		list("only in A", e.OnlyA)
		list("only in B", e.OnlyB)
		add("salience-weighted overlap %.2f", e.Overlap)
	case "Time":
		t := ev.Time
		if t.EventDateA != "" || t.EventDateB != "" {
			s := fmt.Sprintf("event dates: A %s, B %s", orDash(t.EventDateA), orDash(t.EventDateB))
			if t.EventGapDays != nil {
				s += fmt.Sprintf(" (%s apart)", days(*t.EventGapDays))
			}
			out = append(out, s)
		}
		if t.PublishedA != "" || t.PublishedB != "" {
			s := fmt.Sprintf("published: A %s, B %s", orDash(t.PublishedA), orDash(t.PublishedB))
			if t.PublishedGap != nil {
				s += fmt.Sprintf(" (%s apart)", days(*t.PublishedGap))
			}
			out = append(out, s)
		}
		if t.YearA != 0 || t.YearB != 0 {
			add("main year: A %d, B %d", t.YearA, t.YearB)
		}
		if t.SharedDates > 0 {
			add("%d date(s) mentioned in both", t.SharedDates)
		}
	case "Narrative":
		n := ev.Narrative
		list("shared phrases", n.SharedPhrases)
		list("shared terms", n.SharedTerms)
		list("shared actions", n.SharedActions)
		add("term cosine %.2f, lead cosine %.2f", n.TermCosine, n.HeadCosine)
	case "Overall":
		if ev.NearDuplicate {
			add("near-duplicate: %.0f%% shared word 3-shingles", 100*ev.Overlap)
		} else {
			add("%.0f%% shared word 3-shingles", 100*ev.Overlap)
		}
		if ev.Languages != "" {
			add("languages %s", ev.Languages)
		}
	case "Style":
		s := ev.Style
		add("length: A %d words, B %d words (ratio %.2f)", s.WordsA, s.WordsB, s.LengthRatio)
		add("character n-gram cosine %.2f", s.GramCosine)
	case "Tone":
		add("predicted from all features (no separate tone evidence)")
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func days(n int) string {
	if n < 0 {
		n = -n
	}
	switch {
	case n >= 730:
		return fmt.Sprintf("%d days, about %d years", n, (n+182)/365)
	case n == 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
