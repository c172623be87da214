// Package store defines the persistence boundary of newsweave. The embedded
// default is store/sqlite; store/postgres is the scale-out target. Pipeline
// stages depend only on these interfaces.
package store

import (
	"context"
	"errors"

	"github.com/newsweave/newsweave"
)

// ErrNotFound is returned when an id does not exist in the store.
var ErrNotFound = errors.New("not found")

// Query filters stored articles (search, listing).
type Query struct {
	Text   string // full-text query over title and text; "" = all
	Entity string // canonical entity id
	From   string // ISO date, inclusive (publication or event date)
	To     string // ISO date, inclusive
	Lang   string
	Limit  int // 0 = store default
	Offset int
}

// Store persists articles and their analysis. Implementations must be safe
// for concurrent use and must make PutArticle durable before returning, so
// an article reported as stored survives a crash.
type Store interface {
	// PutArticle stores a (possibly analysed) article keyed by a.ID.
	// inserted is false when an article with that ID already existed.
	PutArticle(ctx context.Context, a *newsweave.Article) (inserted bool, err error)
	// Article returns one article with its analysis, or ErrNotFound.
	Article(ctx context.Context, id string) (*newsweave.Article, error)
	// Search lists articles matching q, newest first.
	Search(ctx context.Context, q Query) ([]*newsweave.Article, error)
	// Count returns the number of stored articles.
	Count(ctx context.Context) (int, error)
	Close() error
}

// WeaveStore is the read side of the weave stage (events, storylines,
// duplicates) used by the CLI, the API and the web UI. The write side is
// owned by package cluster, which keeps its state in the same database.
type WeaveStore interface {
	// Storylines lists storylines, largest first.
	Storylines(ctx context.Context) ([]newsweave.Storyline, error)
	// Storyline returns one storyline and its events in chronological order.
	Storyline(ctx context.Context, id string) (*newsweave.Storyline, []newsweave.Cluster, error)
	// Events lists events (clusters), newest first; limit 0 = all.
	Events(ctx context.Context, limit int) ([]newsweave.Cluster, error)
	// Event returns one event (cluster) with its article ids.
	Event(ctx context.Context, id string) (*newsweave.Cluster, error)
	// Duplicates lists near-duplicate pairs (article id → earlier original id).
	Duplicates(ctx context.Context) ([]Duplicate, error)
}

// Duplicate records that Article is a near-duplicate of Original.
type Duplicate struct {
	Article  string  `json:"article"`
	Original string  `json:"original"`
	Score    float64 `json:"score"` // shingle overlap (Jaccard estimate)
	// Kind is "copy" (near-duplicate text) or "agency" (a separate report
	// of the same agency story in the same event; Score is then the event
	// assignment score).
	Kind   string `json:"kind,omitempty"`
	Agency string `json:"agency,omitempty"`
}

// EntityStore is the read side for canonical entities.
type EntityStore interface {
	// Entity returns the entity with its aliases, the ids of the articles
	// that mention it (newest first) and co-occurring entities by count.
	Entity(ctx context.Context, id string) (*EntityInfo, error)
}

// EntityInfo is an entity with its usage in the store.
type EntityInfo struct {
	newsweave.Entity
	Articles    []string      `json:"articles"`
	CoOccurring []EntityCount `json:"co_occurring"`
}

// EntityCount is an entity id with a count.
type EntityCount struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Type  string `json:"type"`
	Count int    `json:"count"`
}
