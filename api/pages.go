package api

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
	"github.com/newsweave/newsweave/web"
)

// entityRef is an entity shown as a chip or link.
type entityRef struct {
	ID, Name, Type string
}

// names resolves entity ids to display names, once per id per request.
type names struct {
	s     *Server
	ctx   context.Context
	cache map[string]entityRef
}

func (s *Server) names(ctx context.Context) *names {
	return &names{s: s, ctx: ctx, cache: map[string]entityRef{}}
}

func (n *names) get(id string) entityRef {
	if r, ok := n.cache[id]; ok {
		return r
	}
	r := entityRef{ID: id, Name: nameFromID(id), Type: typeFromID(id)}
	if n.s.cfg.Entities != nil {
		if e, err := n.s.cfg.Entities.Entity(n.ctx, id); err == nil && e.Name != "" {
			r.Name, r.Type = e.Name, e.Type
		}
	}
	n.cache[id] = r
	return r
}

// all resolves up to max ids; names aligned with ids (the weave stage's
// ActorNames) are used when present, saving a store lookup.
//
// Names already shown are skipped, and so is a name that is one word of
// a name shown before ("Brandt" after "Holger Brandt"): actor lists may
// hold an entity and a bare word for it.
func (n *names) all(ids, known []string, max int) []entityRef {
	var out []entityRef
	for i, id := range ids {
		if len(out) == max {
			break
		}
		ref := entityRef{}
		if i < len(known) && known[i] != "" {
			ref = entityRef{ID: id, Name: known[i], Type: typeFromID(id)}
		} else {
			ref = n.get(id)
		}
		if !shownAlready(out, ref.Name) {
			out = append(out, ref)
		}
	}
	return out
}

func shownAlready(refs []entityRef, name string) bool {
	for _, r := range refs {
		if strings.EqualFold(r.Name, name) {
			return true
		}
		for _, w := range strings.Fields(r.Name) {
			if strings.EqualFold(w, name) {
				return true
			}
		}
	}
	return false
}

// nameFromID makes "per:kim-jong-un" readable when the entity store cannot.
func nameFromID(id string) string {
	if i := strings.IndexByte(id, ':'); i >= 0 {
		id = id[i+1:]
	}
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func typeFromID(id string) string {
	if i := strings.IndexByte(id, ':'); i > 0 {
		return strings.ToUpper(id[:i])
	}
	return ""
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *web.Page) {
	if err := s.ui.Render(w, status, name, p); err != nil {
		s.log.Error("render", "page", name, "path", r.URL.Path, "err", err)
	}
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, title, msg string) {
	s.render(w, r, status, "error", &web.Page{Title: title, Data: msg})
}

// pageFail shows an error page for a store error.
func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, what string, err error) {
	st, msg := statusOf(err)
	if st >= 500 {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	title := "Error"
	if st == http.StatusNotFound {
		title = what + " not found"
		msg = fmt.Sprintf("There is no %s with this id.", strings.ToLower(what))
	}
	s.pageError(w, r, st, title, msg)
}

type storylineItem struct {
	ID, Title, Start, End string
	Events                int
	Actors                []entityRef
}

type storylinesData struct {
	Storylines []storylineItem
	Articles   int
	Events     int
	Recent     []ArticleSummary
}

func (s *Server) pageStorylines(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := storylinesData{}
	n, err := s.cfg.Store.Count(ctx)
	if err != nil {
		s.pageFail(w, r, "Storylines", err)
		return
	}
	d.Articles = n
	if s.cfg.Weave != nil {
		sls, err := s.cfg.Weave.Storylines(ctx)
		if err != nil {
			s.pageFail(w, r, "Storylines", err)
			return
		}
		nm := s.names(ctx)
		for _, sl := range sls {
			d.Storylines = append(d.Storylines, storylineItem{ID: sl.ID, Title: sl.Title, Start: sl.Start, End: sl.End,
				Events: len(sl.Events), Actors: nm.all(sl.Actors, sl.ActorNames, 6)})
			d.Events += len(sl.Events)
		}
	}
	if len(d.Storylines) == 0 && n > 0 {
		arts, err := s.cfg.Store.Search(ctx, store.Query{Limit: 10})
		if err == nil {
			for _, a := range arts {
				d.Recent = append(d.Recent, summarize(a))
			}
		}
	}
	s.render(w, r, http.StatusOK, "storylines", &web.Page{Title: "Storylines", Nav: "storylines", Data: d})
}

type storylineData struct {
	Storyline    *newsweave.Storyline
	Actors       []entityRef
	Timeline     template.HTML
	Events       []web.TimelineEvent
	Undated      []web.TimelineEvent
	ArticleCount int
	Outlets      []string
}

func (s *Server) pageStoryline(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Weave == nil {
		s.pageError(w, r, http.StatusServiceUnavailable, "Storylines unavailable", "Storylines are not configured on this server.")
		return
	}
	ctx := r.Context()
	sl, evs, err := s.cfg.Weave.Storyline(ctx, r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, "Storyline", err)
		return
	}
	nm := s.names(ctx)
	d := storylineData{Storyline: sl, Actors: nm.all(sl.Actors, sl.ActorNames, 8)}
	outlets := map[string]bool{}
	var tl []web.TimelineEvent
	for _, c := range evs {
		var actors []string
		for _, ref := range nm.all(c.Actors, c.ActorNames, 3) {
			actors = append(actors, ref.Name)
		}
		tl = append(tl, web.TimelineEvent{ID: c.ID, Title: c.Title, Date: c.Date, Articles: len(c.Articles),
			Outlets: c.Outlets, Actors: actors, Href: "/events/" + url.PathEscape(c.ID)})
		d.ArticleCount += len(c.Articles)
		for _, o := range c.Outlets {
			outlets[o] = true
		}
	}
	for o := range outlets {
		d.Outlets = append(d.Outlets, o)
	}
	sort.Strings(d.Outlets)
	web.SortEvents(tl)
	svg, undated := web.Timeline(tl)
	d.Timeline = svg
	d.Undated = undated
	for _, e := range tl {
		if _, _, ok := web.ParseTimex(e.Date); ok {
			d.Events = append(d.Events, e)
		}
	}
	s.render(w, r, http.StatusOK, "storyline", &web.Page{Title: sl.Title, Nav: "storylines", Data: d})
}

type eventData struct {
	Event     *newsweave.Cluster
	Storyline *newsweave.Storyline
	Actors    []entityRef
	Articles  []ArticleSummary
}

func (s *Server) pageEvent(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Weave == nil {
		s.pageError(w, r, http.StatusServiceUnavailable, "Events unavailable", "Events are not configured on this server.")
		return
	}
	ctx := r.Context()
	c, err := s.cfg.Weave.Event(ctx, r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, "Event", err)
		return
	}
	d := eventData{Event: c, Actors: s.names(ctx).all(c.Actors, c.ActorNames, 10)}
	if c.StorylineID != "" {
		if sl, _, err := s.cfg.Weave.Storyline(ctx, c.StorylineID); err == nil {
			d.Storyline = sl
		}
	}
	if d.Articles, err = s.loadSummaries(ctx, c.Articles); err != nil {
		s.pageFail(w, r, "Event", err)
		return
	}
	s.render(w, r, http.StatusOK, "event", &web.Page{Title: c.Title, Nav: "storylines", Data: d})
}

// entityGroup is one entity of an article with how often and how it is written.
type entityGroup struct {
	ID, Name, Type string
	Count          int
	Forms          []string // surface forms other than the name
}

type articleData struct {
	Article    *newsweave.Article
	Paragraphs []web.Paragraph
	Entities   []entityGroup
	Event      *newsweave.Cluster   // the event the article belongs to
	Storyline  *newsweave.Storyline // and its storyline
	Original   *ArticleSummary      // the original of a near-duplicate
}

func groupEntities(ms []newsweave.Mention) []entityGroup {
	idx := map[string]int{}
	var out []entityGroup
	for _, m := range ms {
		key := m.EntityID
		if key == "" {
			key = m.Type + ":" + m.Text
		}
		i, ok := idx[key]
		if !ok {
			name := m.Canonical
			if name == "" {
				name = m.Text
			}
			i = len(out)
			idx[key] = i
			out = append(out, entityGroup{ID: m.EntityID, Name: name, Type: m.Type})
		}
		g := &out[i]
		g.Count++
		if m.Text != g.Name && !contains(g.Forms, m.Text) && len(g.Forms) < 5 {
			g.Forms = append(g.Forms, m.Text)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, "Article", err)
		return
	}
	d := articleData{Article: a, Paragraphs: web.Highlight(a.Text, a.Entities, a.Times), Entities: groupEntities(a.Entities)}
	ctx := r.Context()
	if p := s.placement(ctx, a.ID); p != nil && s.cfg.Weave != nil {
		if p.Event != "" {
			d.Event, _ = s.cfg.Weave.Event(ctx, p.Event)
		}
		if p.Storyline != "" {
			d.Storyline, _, _ = s.cfg.Weave.Storyline(ctx, p.Storyline)
		}
		if p.DuplicateOf != "" {
			if o, err := s.cfg.Store.Article(ctx, p.DuplicateOf); err == nil {
				sum := summarize(o)
				d.Original = &sum
			}
		}
	}
	title := a.Title
	if title == "" {
		title = "Article " + a.ID
	}
	s.render(w, r, http.StatusOK, "article", &web.Page{Title: title, Data: d})
}

type entityData struct {
	Entity   *store.EntityInfo
	Articles []ArticleSummary
}

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Entities == nil {
		s.pageError(w, r, http.StatusServiceUnavailable, "Entities unavailable", "Entities are not configured on this server.")
		return
	}
	ctx := r.Context()
	e, err := s.cfg.Entities.Entity(ctx, r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, "Entity", err)
		return
	}
	arts, err := s.loadSummaries(ctx, e.Articles[:min(len(e.Articles), 30)])
	if err != nil {
		s.pageFail(w, r, "Entity", err)
		return
	}
	if len(e.CoOccurring) > 30 {
		e.CoOccurring = e.CoOccurring[:30]
	}
	s.render(w, r, http.StatusOK, "entity", &web.Page{Title: e.Name, Data: entityData{Entity: e, Articles: arts}})
}

// dimensionView is a dimension with its similarity for the bar and a label.
type dimensionView struct {
	Dimension
	Similarity float64 // 1 = very similar … 0 = very dissimilar
	Label      string
}

type compareResult struct {
	A, B       ArticleSummary
	Comparison struct{ Dimensions []dimensionView }
	Verdict    string
}

type compareData struct {
	AID, BID string
	Result   *compareResult
}

func scoreLabel(score float64) string {
	switch {
	case score <= 1.5:
		return "very similar"
	case score <= 2.5:
		return "somewhat similar"
	case score <= 3.5:
		return "somewhat dissimilar"
	}
	return "very dissimilar"
}

func (s *Server) pageCompare(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := compareData{AID: strings.TrimSpace(q.Get("a")), BID: strings.TrimSpace(q.Get("b"))}
	page := &web.Page{Title: "Compare", Nav: "compare", Data: &d}
	if d.AID == "" && d.BID == "" {
		s.render(w, r, http.StatusOK, "compare", page)
		return
	}
	a, b, c, st, err := s.comparePair(r.Context(), d.AID, d.BID)
	if err != nil {
		s.pageError(w, r, st, "Cannot compare", err.Error())
		return
	}
	res := &compareResult{A: summarize(a), B: summarize(b)}
	for _, dim := range c.Dimensions {
		res.Comparison.Dimensions = append(res.Comparison.Dimensions, dimensionView{Dimension: dim,
			Similarity: min(max((4-dim.Score)/3, 0), 1), Label: scoreLabel(dim.Score)})
		if dim.Name == "Overall" {
			res.Verdict = "Overall: " + scoreLabel(dim.Score) + " (" + strconv.FormatFloat(dim.Score, 'f', 2, 64) + " on the 1–4 scale)."
		}
	}
	d.Result = res
	page.Title = "Compare: " + a.Title + " / " + b.Title
	s.render(w, r, http.StatusOK, "compare", page)
}

type searchData struct {
	Q        store.Query
	Searched bool
	Results  []ArticleSummary
	More     bool
	NextHref string
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r)
	page := &web.Page{Title: "Search", Nav: "search", Query: q.Text}
	if err != nil {
		s.pageError(w, r, http.StatusBadRequest, "Bad search", err.Error())
		return
	}
	d := searchData{Q: q}
	if q.Text != "" || q.Entity != "" || q.From != "" || q.To != "" || q.Lang != "" {
		d.Searched = true
		q.Limit++ // one more tells whether there is a next page
		arts, err := s.cfg.Store.Search(r.Context(), q)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			s.pageFail(w, r, "Search", err)
			return
		}
		if len(arts) > d.Q.Limit {
			arts, d.More = arts[:d.Q.Limit], true
			v := r.URL.Query()
			v.Set("offset", strconv.Itoa(d.Q.Offset+d.Q.Limit))
			d.NextHref = "/search?" + v.Encode()
		}
		for _, a := range arts {
			d.Results = append(d.Results, summarize(a))
		}
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "search", page)
}
