package cluster

import (
	"context"
	"sort"
	"sync"
)

// StateStore persists the weaver's decisions and the state it needs to
// resume after a restart. store/sqlite implements it on the main database;
// MemState keeps everything in memory (offline clustering, tests).
//
// Records carry display fields (read by the CLI, API and web UI through
// store.WeaveStore) and an opaque State blob that only package cluster
// reads.
type StateStore interface {
	// LoadWeave returns the resumable state: counters, the document
	// frequencies, the maxEvents most recently updated events, the
	// maxStorylines most recently updated storylines, the maxRecent most
	// recent article signatures and all merges.
	LoadWeave(ctx context.Context, maxEvents, maxStorylines, maxRecent int) (*Snapshot, error)
	// SaveWeave applies one article's changes atomically.
	SaveWeave(ctx context.Context, d *Delta) error
	// WeaveDecision returns the stored decision for an article, or nil.
	WeaveDecision(ctx context.Context, articleID string) (*ArticleRecord, error)
}

// Snapshot is the state LoadWeave returns.
type Snapshot struct {
	Seq        int64 // last article sequence number
	NextEvent  int64 // event id counter
	NextStory  int64 // storyline id counter
	DF         []byte
	Events     []EventRecord
	Storylines []StorylineRecord
	Recent     []ArticleRecord // newest last; only ArticleID, Seq, Event, DuplicateOf, Sig needed
	Merges     []Merge
	// Members: the split-test members of the returned events (any order).
	Members []MemberRecord
}

// Delta is everything one Assign changed.
type Delta struct {
	Article    ArticleRecord
	Events     []EventRecord     // upserted
	Storylines []StorylineRecord // upserted
	// Merges are applied first, in order. Kind "event": articles and
	// members of From move to Into, From is deleted; "storyline": events
	// and articles of From move to Into, From is deleted; "split": only
	// recorded (Moves carry its changes).
	Merges []Merge
	// Members are inserted after the article; then Moves are applied
	// (article and member rows), then the members of DropMembers' events
	// are deleted.
	Members     []MemberRecord
	Moves       []Move
	DropMembers []string
	NextEvent   int64
	NextStory   int64
	// CountersChanged: NextEvent or NextStory moved since the last delta
	// (a store may skip writing unchanged counters).
	CountersChanged bool
	DF              []byte // non-nil: replace the stored document frequencies
}

// ArticleRecord is the weave decision for one article.
type ArticleRecord struct {
	ArticleID      string  `json:"id"`
	Seq            int64   `json:"seq"`
	Day            string  `json:"day,omitempty"`
	Title          string  `json:"title,omitempty"`
	Source         string  `json:"source,omitempty"`
	Event          string  `json:"event"`
	EventScore     float64 `json:"event_score"`
	NewEvent       bool    `json:"new_event,omitempty"`
	Storyline      string  `json:"storyline"`
	StorylineScore float64 `json:"storyline_score"`
	DuplicateOf    string  `json:"duplicate_of,omitempty"`
	DuplicateScore float64 `json:"duplicate_score,omitempty"`
	AgencyOf       string  `json:"agency_of,omitempty"` // earlier article of the event from the same agency
	Agency         string  `json:"agency,omitempty"`
	Sig            []byte  `json:"-"`
}

// EventRecord is one event (cluster) with its display fields.
type EventRecord struct {
	ID         string
	Storyline  string
	Title      string
	Date       string // YYYY-MM-DD (most frequent article date) or ""
	First      string
	Last       string
	Articles   int
	Outlets    []string
	Actors     []string
	ActorNames []string
	Created    int64 // seq of its first article
	Seq        int64 // seq of its last update
	State      []byte
}

// StorylineRecord is one storyline with its display fields.
type StorylineRecord struct {
	ID         string
	Title      string
	Start      string
	End        string
	Events     int
	Articles   int
	Actors     []string
	ActorNames []string
	Seq        int64
	State      []byte
}

// MemberRecord is an article kept for an event's split test (the split
// rule re-groups an event's members when it reaches 4, 8 and 16 articles;
// members are dropped after that). State is opaque (package cluster).
type MemberRecord struct {
	ArticleID string
	Event     string
	Seq       int64
	State     []byte
}

// Move records that a split moved an earlier article to another event.
type Move struct {
	ArticleID string
	Event     string
}

// Merge records that From was merged into Into (Kind "event" or
// "storyline"), or that event From was split and part of its articles
// moved to the new event Into (Kind "split"; Score is the separation).
type Merge struct {
	Kind  string  `json:"kind"`
	From  string  `json:"from"`
	Into  string  `json:"into"`
	Score float64 `json:"score"`
	Seq   int64   `json:"seq"`
}

// MemState is an in-memory StateStore.
type MemState struct {
	mu         sync.Mutex
	seq        int64
	nextEvent  int64
	nextStory  int64
	df         []byte
	articles   map[string]ArticleRecord
	order      []string
	events     map[string]EventRecord
	storylines map[string]StorylineRecord
	merges     []Merge
	members    map[string]map[string]MemberRecord // event → article → member
	memberOf   map[string]string                  // article → event
}

// NewMemState returns an empty in-memory state.
func NewMemState() *MemState {
	return &MemState{articles: map[string]ArticleRecord{}, events: map[string]EventRecord{}, storylines: map[string]StorylineRecord{}, members: map[string]map[string]MemberRecord{}, memberOf: map[string]string{}}
}

// LoadWeave implements StateStore.
func (m *MemState) LoadWeave(_ context.Context, maxEvents, maxStorylines, maxRecent int) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := &Snapshot{Seq: m.seq, NextEvent: m.nextEvent, NextStory: m.nextStory, DF: m.df, Merges: append([]Merge(nil), m.merges...)}
	for _, e := range m.events {
		s.Events = append(s.Events, e)
	}
	sort.Slice(s.Events, func(i, j int) bool { return s.Events[i].Seq > s.Events[j].Seq })
	if len(s.Events) > maxEvents {
		s.Events = s.Events[:maxEvents]
	}
	for _, st := range m.storylines {
		s.Storylines = append(s.Storylines, st)
	}
	sort.Slice(s.Storylines, func(i, j int) bool { return s.Storylines[i].Seq > s.Storylines[j].Seq })
	if len(s.Storylines) > maxStorylines {
		s.Storylines = s.Storylines[:maxStorylines]
	}
	loaded := make(map[string]bool, len(s.Events))
	for _, e := range s.Events {
		loaded[e.ID] = true
	}
	for ev, ms := range m.members {
		if loaded[ev] {
			for _, r := range ms {
				s.Members = append(s.Members, r)
			}
		}
	}
	from := max(0, len(m.order)-maxRecent)
	for _, id := range m.order[from:] {
		s.Recent = append(s.Recent, m.articles[id])
	}
	return s, nil
}

// SaveWeave implements StateStore.
func (m *MemState) SaveWeave(_ context.Context, d *Delta) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a := d.Article
	if _, ok := m.articles[a.ArticleID]; !ok {
		m.order = append(m.order, a.ArticleID)
	}
	m.articles[a.ArticleID] = a
	m.seq = max(m.seq, a.Seq)
	m.nextEvent, m.nextStory = d.NextEvent, d.NextStory
	if d.DF != nil {
		m.df = d.DF
	}
	for _, mg := range d.Merges {
		m.merges = append(m.merges, mg)
		switch mg.Kind {
		case "event":
			delete(m.events, mg.From)
			for id, r := range m.articles {
				if r.Event == mg.From {
					r.Event = mg.Into
					m.articles[id] = r
				}
			}
			for id := range m.members[mg.From] {
				m.moveMember(id, mg.Into)
			}
		case "storyline":
			delete(m.storylines, mg.From)
			for id, e := range m.events {
				if e.Storyline == mg.From {
					e.Storyline = mg.Into
					m.events[id] = e
				}
			}
			for id, r := range m.articles {
				if r.Storyline == mg.From {
					r.Storyline = mg.Into
					m.articles[id] = r
				}
			}
		}
	}
	for _, r := range d.Members {
		m.memberOf[r.ArticleID] = ""
		m.moveMember(r.ArticleID, r.Event)
		m.members[r.Event][r.ArticleID] = r
	}
	for _, mv := range d.Moves {
		if r, ok := m.articles[mv.ArticleID]; ok {
			r.Event = mv.Event
			m.articles[mv.ArticleID] = r
		}
		m.moveMember(mv.ArticleID, mv.Event)
	}
	for _, ev := range d.DropMembers {
		for id := range m.members[ev] {
			delete(m.memberOf, id)
		}
		delete(m.members, ev)
	}
	for _, e := range d.Events {
		m.events[e.ID] = e
	}
	for _, s := range d.Storylines {
		m.storylines[s.ID] = s
	}
	return nil
}

// moveMember files a member (known by memberOf) under event ev.
func (m *MemState) moveMember(id, ev string) {
	from, ok := m.memberOf[id]
	if !ok {
		return
	}
	r, had := m.members[from][id]
	if had {
		delete(m.members[from], id)
		if len(m.members[from]) == 0 {
			delete(m.members, from)
		}
	}
	r.Event = ev
	if m.members[ev] == nil {
		m.members[ev] = map[string]MemberRecord{}
	}
	if had {
		m.members[ev][id] = r
	}
	m.memberOf[id] = ev
}

// WeaveDecision implements StateStore.
func (m *MemState) WeaveDecision(_ context.Context, id string) (*ArticleRecord, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.articles[id]; ok {
		return &r, nil
	}
	return nil, nil
}

// Decisions returns all article decisions in arrival order, with event and
// storyline ids resolved through later merges.
func (m *MemState) Decisions() []ArticleRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]ArticleRecord, 0, len(m.order))
	for _, id := range m.order {
		out = append(out, m.articles[id])
	}
	return out
}

// EventRecords returns the current events.
func (m *MemState) EventRecords() []EventRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	return byID(m.events, func(e *EventRecord) string { return e.ID })
}

// StorylineRecords returns the current storylines.
func (m *MemState) StorylineRecords() []StorylineRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	return byID(m.storylines, func(s *StorylineRecord) string { return s.ID })
}

// byID returns the records of m sorted by their id.
func byID[R any](m map[string]R, id func(*R) string) []R {
	out := make([]R, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return id(&out[i]) < id(&out[j]) })
	return out
}
