// Package api serves newsweave over HTTP: a JSON API (documented in the
// embedded OpenAPI 3 file at /api/openapi.json) and the browser UI of
// package web, from one handler.
//
// The package depends only on the store interfaces and on the small
// Ingester and Comparer interfaces below, which cmd/newsweave adapts to the
// ingest and compare packages; tests plug in fakes.
package api

import (
	"context"
	_ "embed"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
	"github.com/newsweave/newsweave/web"
)

//go:embed openapi.json
var openAPI []byte

// ArticleInput is one article posted to POST /api/articles.
type ArticleInput struct {
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	Text   string `json:"text,omitempty"`
	HTML   string `json:"html,omitempty"`
	Date   string `json:"date,omitempty"`
	Source string `json:"source,omitempty"`
	Lang   string `json:"lang,omitempty"`
}

// Ingester extracts, analyses, stores and weaves one posted article. It must
// be safe for concurrent use and the article must be durable when it returns.
type Ingester interface {
	IngestOne(ctx context.Context, in ArticleInput) (a *newsweave.Article, inserted bool, err error)
}

// ErrInvalidArticle marks input the ingester cannot turn into an article
// (no text after extraction, undecodable HTML, …); the API answers 422.
var ErrInvalidArticle = errors.New("invalid article")

// Comparer explains how similar two stored articles are.
type Comparer interface {
	Compare(ctx context.Context, a, b *newsweave.Article) (*Comparison, error)
}

// Comparison is a seven-dimension similarity judgement with evidence.
type Comparison struct {
	A          string      `json:"a"`
	B          string      `json:"b"`
	Dimensions []Dimension `json:"dimensions"` // Geography, Entities, Time, Narrative, Overall, Style, Tone
	// Detail is the comparer's structured evidence, passed through as JSON.
	Detail any `json:"detail,omitempty"`
}

// Dimension is one SemEval-2022 Task 8 dimension.
type Dimension struct {
	Name string `json:"name"`
	// Score is on the SemEval scale: 1 = very similar … 4 = very dissimilar.
	Score    float64  `json:"score"`
	Evidence []string `json:"evidence,omitempty"`
}

// Placement says where the weave stage put an article.
type Placement struct {
	Event       string  `json:"event,omitempty"`
	Storyline   string  `json:"storyline,omitempty"`
	DuplicateOf string  `json:"duplicate_of,omitempty"` // earlier original of a near-duplicate
	EventScore  float64 `json:"event_score,omitempty"`
}

// Config wires a Server. Store is required; nil optional parts make their
// endpoints answer 503 (service unavailable) with a JSON error.
type Config struct {
	Store    store.Store
	Weave    store.WeaveStore  // storylines and events
	Entities store.EntityStore // canonical entities
	Ingester Ingester          // POST /api/articles
	Comparer Comparer          // /api/compare
	// Placement (optional) finds an article's event and storyline; nil
	// result and nil error mean "not woven".
	Placement func(ctx context.Context, articleID string) (*Placement, error)

	// Token, when set, is required as "Authorization: Bearer TOKEN" on writes.
	Token string
	// MaxBody limits request bodies (default 8 MiB); larger bodies get 413.
	MaxBody int64
	// Timeout bounds read requests (default 15 s); IngestTimeout bounds
	// POST /api/articles (default 5 min, batches can be large).
	Timeout, IngestTimeout time.Duration
	Logger                 *slog.Logger
}

// Server is the HTTP front end. Create it with New.
type Server struct {
	cfg Config
	ui  *web.UI
	log *slog.Logger
	mux *http.ServeMux
}

// New checks the configuration and builds the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("api: Config.Store is required")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 8 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.IngestTimeout <= 0 {
		cfg.IngestTimeout = 5 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ui, err := web.New()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, ui: ui, log: cfg.Logger, mux: http.NewServeMux()}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	m.Handle("POST /api/articles", s.auth(http.HandlerFunc(s.postArticles)))
	m.HandleFunc("GET /api/articles/{id}", s.getArticle)
	m.HandleFunc("GET /api/search", s.search)
	m.HandleFunc("GET /api/compare", s.compare)
	m.HandleFunc("GET /api/storylines", s.storylines)
	m.HandleFunc("GET /api/storylines/{id}", s.storyline)
	m.HandleFunc("GET /api/events/{id}", s.event)
	m.HandleFunc("GET /api/entities/{id}", s.entity)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if allow := allowedMethods(r.URL.Path); allow != "" {
			w.Header().Set("Allow", allow)
			writeError(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on "+r.URL.Path+" (allowed: "+allow+")")
			return
		}
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)
	})

	m.Handle("GET /static/", http.StripPrefix("/static/", web.Static()))
	m.HandleFunc("GET /{$}", s.pageStorylines)
	m.HandleFunc("GET /storylines/{id}", s.pageStoryline)
	m.HandleFunc("GET /events/{id}", s.pageEvent)
	m.HandleFunc("GET /articles/{id}", s.pageArticle)
	m.HandleFunc("GET /entities/{id}", s.pageEntity)
	m.HandleFunc("GET /compare", s.pageCompare)
	m.HandleFunc("GET /search", s.pageSearch)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, http.StatusNotFound, "Page not found", "There is no page at "+r.URL.Path+".")
	})
}

// apiPaths maps the API's path shapes to their methods, so a wrong method
// gets a JSON 405 instead of the mux's plain-text one.
var apiPaths = []struct {
	re    *regexp.Regexp
	allow string
}{
	{regexp.MustCompile(`^/api/articles$`), "POST"},
	{regexp.MustCompile(`^/api/(articles|storylines|events|entities)/[^/]+$`), "GET, HEAD"},
	{regexp.MustCompile(`^/api/(search|compare|storylines|openapi\.json)$`), "GET, HEAD"},
}

func allowedMethods(path string) string {
	for _, p := range apiPaths {
		if p.re.MatchString(path) {
			return p.allow
		}
	}
	return ""
}

// Handler returns the full handler with logging, panic recovery, body
// limits and per-request timeouts.
func (s *Server) Handler() http.Handler {
	return s.logRequests(s.recoverPanics(s.limits(s.mux)))
}

// Serve answers requests on ln until ctx is cancelled, then shuts down
// gracefully, giving in-flight requests up to 10 seconds to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.IngestTimeout,
		WriteTimeout:      s.cfg.IngestTimeout + 10*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", "10s")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		srv.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}
