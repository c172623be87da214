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
