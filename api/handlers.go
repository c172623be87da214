package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
	"github.com/newsweave/newsweave/web"
)

// MaxBatch is the largest number of articles one POST may carry.
const MaxBatch = 10000

// ArticleSummary is an article in lists: search results, event members.
type ArticleSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	EventDate string `json:"event_date,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Snippet   string `json:"snippet,omitempty"`
}

func summarize(a *newsweave.Article) ArticleSummary {
	return ArticleSummary{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published,
		EventDate: a.EventDate, Lang: a.Lang, Snippet: snippet(a.Text, 240)}
}

// snippet is the first n runes of text, cut at a word boundary.
func snippet(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	s := string(r)
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		s = s[:i]
	}
	return s + " …"
}

// IngestResult reports what happened to one posted article.
type IngestResult struct {
	Line     int    `json:"line,omitempty"` // 1-based line (JSONL) or array index+1
	ID       string `json:"id,omitempty"`
	Title    string `json:"title,omitempty"`
	Inserted bool   `json:"inserted"`
	Error    string `json:"error,omitempty"`
	status   int
}

// BatchResult is the answer to a JSONL or JSON-array POST.
type BatchResult struct {
	Received   int            `json:"received"`
	Inserted   int            `json:"inserted"`
	Duplicates int            `json:"duplicates"`
	Failed     int            `json:"failed"`
	Results    []IngestResult `json:"results"`
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	n, err := s.cfg.Store.Count(r.Context())
	if err != nil {
		s.log.Error("healthz", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "error", "error": "store unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "articles": n})
}

// parseArticles reads one JSON object, a JSON array of objects, or JSONL
// (one object per line). Any malformed item fails the whole request with a
// message naming the line, so nothing is half-ingested from a broken file.
func parseArticles(body []byte) (items []ArticleInput, batch bool, err error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, false, errors.New("empty body: send one article as JSON or a JSONL batch")
	}
	if trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return nil, true, fmt.Errorf("bad JSON array: %v", jsonErr(err))
		}
		if len(items) == 0 {
			return nil, true, errors.New("empty array: no articles")
		}
		return items, true, nil
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	var one ArticleInput
	if err := dec.Decode(&one); err == nil {
		if _, err := dec.Token(); err == io.EOF {
			return []ArticleInput{one}, false, nil
		}
	}
	// JSONL: every non-blank line is an object.
	for i, line := range bytes.Split(trimmed, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var in ArticleInput
		if err := json.Unmarshal(line, &in); err != nil {
			if i == 0 && !bytes.Contains(trimmed, []byte("\n")) {
				return nil, false, fmt.Errorf("bad JSON: %v", jsonErr(err))
			}
			return nil, true, fmt.Errorf("bad JSON on line %d: %v", i+1, jsonErr(err))
		}
		items = append(items, in)
	}
	return items, true, nil
}

// jsonErr shortens encoding/json's messages for API clients.
func jsonErr(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

func validate(in *ArticleInput) error {
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.HTML) == "" {
		return fmt.Errorf("%w: needs text or html", ErrInvalidArticle)
	}
	// A date in another format ("13.03.2025") is left to the extractor's
	// date parser rather than refused: nothing is lost on odd metadata.
	return nil
}

func (s *Server) ingestOne(ctx context.Context, in ArticleInput) (res IngestResult) {
	// Batch items run on worker goroutines, out of reach of the handler's
	// panic recovery: one bad article must not take the server down.
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("ingest panic", "url", in.URL, "title", in.Title, "value", fmt.Sprint(v), "stack", string(debug.Stack()))
			res = IngestResult{Error: "internal error", status: http.StatusInternalServerError}
		}
	}()
	if err := validate(&in); err != nil {
		return IngestResult{Error: err.Error(), status: http.StatusUnprocessableEntity}
	}
	a, inserted, err := s.cfg.Ingester.IngestOne(ctx, in)
	if err == nil && a == nil {
		err = errors.New("ingester returned no article")
	}
	if err != nil {
		st, msg := statusOf(err)
		if st >= 500 {
			s.log.Error("ingest failed", "url", in.URL, "title", in.Title, "err", err)
		}
		return IngestResult{Error: msg, status: st}
	}
	return IngestResult{ID: a.ID, Title: a.Title, Inserted: inserted, status: http.StatusOK}
}

func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Ingester == nil {
		writeError(w, http.StatusServiceUnavailable, "ingest is not configured on this server")
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.fail(w, r, err)
			return
		}
		writeError(w, http.StatusBadRequest, "cannot read body: "+err.Error())
		return
	}
	items, batch, err := parseArticles(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if len(items) > MaxBatch {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("batch of %d articles exceeds the limit of %d", len(items), MaxBatch))
		return
	}
	ctx := r.Context()
	if !batch {
		res := s.ingestOne(ctx, items[0])
		if res.Error != "" {
			writeError(w, res.status, res.Error)
			return
		}
		w.Header().Set("Location", "/api/articles/"+res.ID)
		st := http.StatusOK
		if res.Inserted {
			st = http.StatusCreated
		}
		writeJSON(w, st, res)
		return
	}

	// Batches are ingested by a few workers; results keep input order.
	out := BatchResult{Received: len(items), Results: make([]IngestResult, len(items))}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), 4, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res := s.ingestOne(ctx, items[i])
				res.Line = i + 1
				out.Results[i] = res
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	serverErrs := 0
	for _, res := range out.Results {
		switch {
		case res.Error != "":
			out.Failed++
			if res.status >= 500 {
				serverErrs++
			}
		case res.Inserted:
			out.Inserted++
		default:
			out.Duplicates++
		}
	}
	st := http.StatusOK
	if serverErrs > 0 && serverErrs == len(items) {
		st = http.StatusInternalServerError
	}
	writeJSON(w, st, out)
}

// ArticleResult is the answer of GET /api/articles/{id}: the article and,
// when the weave stage placed it, its event and storyline.
type ArticleResult struct {
	*newsweave.Article
	Weave *Placement `json:"weave,omitempty"`
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ArticleResult{Article: a, Weave: s.placement(r.Context(), a.ID)})
}

// placement looks up where an article was woven; failures only cost the
// link, so they are logged, not returned.
func (s *Server) placement(ctx context.Context, id string) *Placement {
	if s.cfg.Placement == nil {
		return nil
	}
	p, err := s.cfg.Placement(ctx, id)
	if err != nil {
		s.log.Warn("placement", "article", id, "err", err)
		return nil
	}
	return p
}

// parseQuery reads the search parameters shared by the API and the UI.
func parseQuery(r *http.Request) (store.Query, error) {
	v := r.URL.Query()
	q := store.Query{
		Text:   strings.TrimSpace(v.Get("q")),
		Entity: strings.TrimSpace(v.Get("entity")),
		From:   strings.TrimSpace(v.Get("from")),
		To:     strings.TrimSpace(v.Get("to")),
		Lang:   strings.ToLower(strings.TrimSpace(v.Get("lang"))),
		Limit:  20,
	}
	for _, d := range []struct{ name, val string }{{"from", q.From}, {"to", q.To}} {
		if d.val == "" {
			continue
		}
		if _, g, ok := web.ParseTimex(d.val); !ok || g == "week" {
			return q, fmt.Errorf("%s: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", d.name, d.val)
		}
	}
	if q.From != "" && q.To != "" && len(q.From) == len(q.To) && q.From > q.To {
		return q, fmt.Errorf("from %s is after to %s", q.From, q.To)
	}
	if q.Lang != "" && (len(q.Lang) != 2 || strings.Trim(q.Lang, "abcdefghijklmnopqrstuvwxyz") != "") {
		return q, fmt.Errorf("lang: %q is not an ISO 639-1 code", q.Lang)
	}
	for _, p := range []struct {
		name string
		dst  *int
		max  int
	}{{"limit", &q.Limit, 200}, {"offset", &q.Offset, 1 << 20}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n > p.max {
				return q, fmt.Errorf("%s: want an integer from 0 to %d", p.name, p.max)
			}
			*p.dst = n
		}
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	return q, nil
}

// SearchResult is the answer of GET /api/search.
type SearchResult struct {
	Query   map[string]any   `json:"query"`
	Results []ArticleSummary `json:"results"`
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	arts, err := s.cfg.Store.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res := SearchResult{
		Query:   map[string]any{"q": q.Text, "entity": q.Entity, "from": q.From, "to": q.To, "lang": q.Lang, "limit": q.Limit, "offset": q.Offset},
		Results: make([]ArticleSummary, 0, len(arts)),
	}
	for _, a := range arts {
		res.Results = append(res.Results, summarize(a))
	}
	writeJSON(w, http.StatusOK, res)
}

// comparePair loads both articles and compares them.
func (s *Server) comparePair(ctx context.Context, aID, bID string) (*newsweave.Article, *newsweave.Article, *Comparison, int, error) {
	if aID == "" || bID == "" {
		return nil, nil, nil, http.StatusBadRequest, errors.New("give two article ids: ?a=ID&b=ID")
	}
	if s.cfg.Comparer == nil {
		return nil, nil, nil, http.StatusServiceUnavailable, errors.New("comparison is not configured on this server")
	}
	a, err := s.cfg.Store.Article(ctx, aID)
	if err != nil {
		st, msg := statusOf(err)
		return nil, nil, nil, st, fmt.Errorf("article a=%s: %s", aID, msg)
	}
	b, err := s.cfg.Store.Article(ctx, bID)
	if err != nil {
		st, msg := statusOf(err)
		return nil, nil, nil, st, fmt.Errorf("article b=%s: %s", bID, msg)
	}
	c, err := s.cfg.Comparer.Compare(ctx, a, b)
	if err != nil {
		st, msg := statusOf(err)
		s.log.Error("compare failed", "a", aID, "b", bID, "err", err)
		return nil, nil, nil, st, errors.New(msg)
	}
	c.A, c.B = a.ID, b.ID
	return a, b, c, http.StatusOK, nil
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	_, _, c, st, err := s.comparePair(r.Context(), r.URL.Query().Get("a"), r.URL.Query().Get("b"))
	if err != nil {
		writeError(w, st, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) needWeave(w http.ResponseWriter) bool {
	if s.cfg.Weave == nil {
		writeError(w, http.StatusServiceUnavailable, "storylines are not configured on this server")
		return false
	}
	return true
}

func (s *Server) storylines(w http.ResponseWriter, r *http.Request) {
	if !s.needWeave(w) {
		return
	}
	sls, err := s.cfg.Weave.Storylines(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sls == nil {
		sls = []newsweave.Storyline{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"storylines": sls})
}

// StorylineResult is the answer of GET /api/storylines/{id}.
type StorylineResult struct {
	Storyline *newsweave.Storyline `json:"storyline"`
	// Timeline holds the storyline's events in chronological order.
	Timeline []newsweave.Cluster `json:"timeline"`
}

func (s *Server) storyline(w http.ResponseWriter, r *http.Request) {
	if !s.needWeave(w) {
		return
	}
	sl, evs, err := s.cfg.Weave.Storyline(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sortClusters(evs)
	if evs == nil {
		evs = []newsweave.Cluster{}
	}
	writeJSON(w, http.StatusOK, StorylineResult{Storyline: sl, Timeline: evs})
}

// sortClusters orders events chronologically (undated last); the store
// promises this order, but the timeline must not depend on it.
func sortClusters(cs []newsweave.Cluster) {
	idx := make([]web.TimelineEvent, len(cs))
	for i, c := range cs {
		idx[i] = web.TimelineEvent{ID: strconv.Itoa(i), Date: c.Date}
	}
	web.SortEvents(idx)
	sorted := make([]newsweave.Cluster, len(cs))
	for i, e := range idx {
		j, _ := strconv.Atoi(e.ID)
		sorted[i] = cs[j]
	}
	copy(cs, sorted)
}

// EventResult is the answer of GET /api/events/{id}.
type EventResult struct {
	Event    *newsweave.Cluster `json:"event"`
	Articles []ArticleSummary   `json:"articles"`
}

// maxListed caps the article summaries loaded for one event or entity.
const maxListed = 100

func (s *Server) loadSummaries(ctx context.Context, ids []string) ([]ArticleSummary, error) {
	out := make([]ArticleSummary, 0, min(len(ids), maxListed))
	for _, id := range ids {
		if len(out) == maxListed {
			break
		}
		a, err := s.cfg.Store.Article(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted or not yet durable: list what exists
		}
		if err != nil {
			return nil, err
		}
		out = append(out, summarize(a))
	}
	return out, nil
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	if !s.needWeave(w) {
		return
	}
	c, err := s.cfg.Weave.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	arts, err := s.loadSummaries(r.Context(), c.Articles)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, EventResult{Event: c, Articles: arts})
}

func (s *Server) entity(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Entities == nil {
		writeError(w, http.StatusServiceUnavailable, "entities are not configured on this server")
		return
	}
	e, err := s.cfg.Entities.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}
