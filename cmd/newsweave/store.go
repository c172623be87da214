package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/newsweave/newsweave/ingest"
	"github.com/newsweave/newsweave/store/sqlite"
)

// defaultDB is the store used when --db is not given.
const defaultDB = "newsweave.db"

// dbFlag adds the common --db flag (default $NEWSWEAVE_DB, else newsweave.db).
func dbFlag(fs *flag.FlagSet) *string {
	def := defaultDB
	if env := os.Getenv("NEWSWEAVE_DB"); env != "" {
		def = env
	}
	return fs.String("db", def, "SQLite store `FILE` (env NEWSWEAVE_DB)")
}

// openStore opens (creating and migrating if needed) the SQLite store that
// every command shares.
func openStore(path string) (*sqlite.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("%w: --db must not be empty", errUsage)
	}
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return db, nil
}

// weaveHook, when set (by the weave stage's command file, in init), makes
// the pipeline weave every newly stored article, in input order (it sets
// p.Commit: articles and weave state in one transaction per group), and
// returns a done function called once after the batch (flush state). Nil:
// ingest stores without weaving.
var weaveHook func(ctx context.Context, db *sqlite.DB, p *ingest.Pipeline, cfg weaveConfig) (done func() error, err error)

// weaveConfig carries the weave flags that ingest and serve share with
// `newsweave cluster`, so that all three run the same algorithm.
type weaveConfig struct {
	NoRevise bool // do not split events (--no-revise)
}

// noReviseFlag registers --no-revise on a command that weaves.
func noReviseFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("no-revise", false, "never split events that turn out to hold two stories (the split rule, on by default in ingest, serve and cluster; use the same setting for one store)")
}
