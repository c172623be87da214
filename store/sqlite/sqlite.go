// Package sqlite is the embedded default store of newsweave: one SQLite file
// (modernc.org/sqlite, pure Go) in WAL mode holding articles with their full
// analysis, entity mentions, merged canonical entities and an FTS5 index.
//
// Durability: the database runs with journal_mode=WAL and synchronous=NORMAL.
// A committed transaction is in the WAL file (the OS page cache) before
// PutArticle returns, so it survives the process being killed (kill -9,
// panic, OOM); only a power loss or kernel crash before the next checkpoint
// can lose the last commits. Open with Options{Sync: true} (synchronous=FULL)
// when that matters more than ingest speed.
//
// Schema changes are versioned migrations recorded in schema_migrations.
// Other packages (the weave stage) keep their tables in the same file and
// add their own migrations with RegisterMigration or (*DB).Migrate.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Migration is one named, versioned schema change. Names are applied once
// per database, in order, each in its own transaction.
type Migration struct {
	Name string
	SQL  string
}

var (
	regMu      sync.Mutex
	registered []Migration
)

// RegisterMigration adds a migration that Open applies after the store's own
// ones, in name order (use a prefix such as "cluster-0001-clusters"). Call it
// from an init function of the package that owns the tables. It panics on a
// duplicate name with different SQL, which is a programming error.
func RegisterMigration(name, sql string) {
	regMu.Lock()
	defer regMu.Unlock()
	for _, m := range registered {
		if m.Name == name {
			if m.SQL != sql {
				panic("sqlite: migration " + name + " registered twice with different SQL")
			}
			return
		}
	}
	registered = append(registered, Migration{Name: name, SQL: sql})
}

func registeredMigrations() []Migration {
	regMu.Lock()
	defer regMu.Unlock()
	ms := append([]Migration(nil), registered...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
	return ms
}

// Options tune Open.
type Options struct {
	// Sync selects synchronous=FULL: every commit is fsynced, so it also
	// survives power loss. The default (NORMAL) survives process crashes.
	Sync bool
	// ReadOnly opens the database without writing (no migrations).
	ReadOnly bool
}

// DB is the SQLite store. It implements store.Store and store.EntityStore
// and is safe for concurrent use: reads run in parallel, writes are
// serialised (SQLite has one writer).
type DB struct {
	db   *sql.DB
	path string
	wmu  sync.Mutex // serialises writers so they never hit SQLITE_BUSY

	smu   sync.Mutex
	stmts map[string]*sql.Stmt // prepared write statements (write.go)

	cpOnce, cpStopOnce     sync.Once // background WAL checkpointer (write.go)
	cpStop, cpDone, cpKick chan struct{}
}

// Open opens (creating if needed) the store at path and applies pending
// migrations.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	if !o.ReadOnly {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("sqlite: %w", err)
			}
		}
	}
	syncMode := "NORMAL"
	if o.Sync {
		syncMode = "FULL"
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+syncMode+")")
	q.Add("_pragma", "cache_size(-32000)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walAutoCheckpoint))
	q.Set("_txlock", "immediate")
	if o.ReadOnly {
		q.Set("mode", "ro")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	sdb.SetMaxOpenConns(8)
	sdb.SetMaxIdleConns(8)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	d := &DB{db: sdb, path: path}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if !o.ReadOnly {
		for _, m := range append(append([]Migration(nil), migrations...), registeredMigrations()...) {
			if err := d.Migrate(ctx, m.Name, m.SQL); err != nil {
				sdb.Close()
				return nil, err
			}
		}
	}
	return d, nil
}

// SQL returns the underlying database handle, for packages that keep their
// own tables in the same file (the weave stage).
func (d *DB) SQL() *sql.DB { return d.db }

// Path returns the database file path.
func (d *DB) Path() string { return d.path }

// Close closes the database. Committed data is already durable.
func (d *DB) Close() error {
	d.stopCheckpointer()
	d.closeStmts()
	return d.db.Close()
}

// Migrate applies the named migration once: if name is not yet recorded in
// schema_migrations, stmts run in one transaction together with the record.
// It is safe to call on every start and from several processes.
func (d *DB) Migrate(ctx context.Context, name, stmts string) error {
	d.wmu.Lock()
	defer d.wmu.Unlock()
	if _, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY AUTOINCREMENT,
		name TEXT NOT NULL UNIQUE,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: schema_migrations: %w", err)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, stmts); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(name, applied_at) VALUES(?, ?)`,
		name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("sqlite: migration %s: %w", name, err)
	}
	return tx.Commit()
}

// Migrations lists the applied migrations in order.
func (d *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// migrations is the store's own schema history. Never edit an entry that has
// shipped: append a new one.
var migrations = []Migration{
	{Name: "0001-articles", SQL: `
CREATE TABLE articles (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT, -- arrival order; FTS rowid
	id          TEXT NOT NULL UNIQUE,              -- newsweave.ContentID
	input       TEXT NOT NULL DEFAULT '',
	url         TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	event_date  TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	ingested_at TEXT NOT NULL,
	day         TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD: published, else event date, else ingest day
	event_day   TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD of event_date when it is a full date
	json        TEXT NOT NULL             -- the whole article incl. analysis
);
CREATE INDEX articles_day ON articles(day DESC, seq DESC);
CREATE INDEX articles_event_day ON articles(event_day);
CREATE INDEX articles_lang_day ON articles(lang, day DESC, seq DESC);
CREATE INDEX articles_url ON articles(url) WHERE url != '';

CREATE TABLE entities (
	id       TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	type     TEXT NOT NULL DEFAULT '',
	country  TEXT NOT NULL DEFAULT '',
	aliases  TEXT NOT NULL DEFAULT '[]', -- JSON array, merged over articles
	articles INTEGER NOT NULL DEFAULT 0  -- number of articles mentioning it
);

CREATE TABLE mentions (
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	entity_id  TEXT NOT NULL DEFAULT '',
	type       TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	start      INTEGER NOT NULL,
	"end"      INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id) WHERE entity_id != '';

-- One row per (entity, article): the entity filter of Search and co-occurrence.
CREATE TABLE article_entities (
	entity_id   TEXT NOT NULL,
	article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	mentions    INTEGER NOT NULL,
	PRIMARY KEY (entity_id, article_seq)
) WITHOUT ROWID;
CREATE INDEX article_entities_article ON article_entities(article_seq, entity_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='seq',
	tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
`},
	// 0002: the primary key becomes a sort key (day number << 20 | arrival
	// within the day) that is also the FTS rowid, so "newest first" is an
	// index order every query can stream with LIMIT instead of sorting all
	// matches; foreign keys are dropped (articles are never deleted).
	{Name: "0002-sortkey", SQL: `
DROP TRIGGER articles_fts_ai;
DROP TRIGGER articles_fts_ad;
DROP TRIGGER articles_fts_au;
DROP TABLE articles_fts;
CREATE TABLE articles_v2 (
	rid         INTEGER PRIMARY KEY,     -- sort key and FTS rowid: (days since 1900-01-01 << 20) + n-th arrival that day
	seq         INTEGER NOT NULL UNIQUE, -- arrival order over the whole store
	id          TEXT NOT NULL UNIQUE,    -- newsweave.ContentID
	input       TEXT NOT NULL DEFAULT '',
	url         TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	published   TEXT NOT NULL DEFAULT '',
	event_date  TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT '',
	ingested_at TEXT NOT NULL,
	day         TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD: published, else event date, else ingest day
	event_day   TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD of event_date when it is a full date
	json        TEXT NOT NULL             -- the whole article incl. analysis
);
WITH x AS (SELECT *, CAST(COALESCE(julianday(day), julianday(substr(ingested_at, 1, 10)), 2415020.5) - 2415020.5 AS INTEGER) AS dn FROM articles)
INSERT INTO articles_v2(rid, seq, id, input, url, title, text, published, event_date, source, lang, ingested_at, day, event_day, json)
SELECT (dn << 20) + ROW_NUMBER() OVER (PARTITION BY dn ORDER BY seq), seq, id, input, url, title, text, published, event_date,
	source, lang, ingested_at, day, event_day, json FROM x;
CREATE TABLE article_entities_v2 (
	entity_id   TEXT NOT NULL,
	article_rid INTEGER NOT NULL,
	mentions    INTEGER NOT NULL,
	PRIMARY KEY (entity_id, article_rid)
) WITHOUT ROWID;
INSERT INTO article_entities_v2 SELECT ae.entity_id, a.rid, ae.mentions FROM article_entities ae JOIN articles_v2 a ON a.seq = ae.article_seq;
CREATE TABLE mentions_v2 (
	article_id TEXT NOT NULL,
	entity_id  TEXT NOT NULL DEFAULT '',
	type       TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	start      INTEGER NOT NULL,
	"end"      INTEGER NOT NULL
);
INSERT INTO mentions_v2 SELECT article_id, entity_id, type, text, start, "end" FROM mentions;
DROP TABLE article_entities;
DROP TABLE mentions;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
ALTER TABLE article_entities_v2 RENAME TO article_entities;
ALTER TABLE mentions_v2 RENAME TO mentions;
CREATE INDEX articles_lang ON articles(lang, rid);
CREATE INDEX articles_event_day ON articles(event_day) WHERE event_day != '';
CREATE INDEX articles_url ON articles(url) WHERE url != '';
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_id) WHERE entity_id != '';
CREATE INDEX article_entities_article ON article_entities(article_rid, entity_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='rid',
	tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
`},
	// 0003: prefix indexes for 3–6 characters make word* queries (German
	// compounds: "Gipfel*") stream like plain words instead of merging every
	// matching term's list.
	{Name: "0003-fts-prefix", SQL: `
DROP TRIGGER articles_fts_ai;
DROP TRIGGER articles_fts_ad;
DROP TRIGGER articles_fts_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='rid',
	tokenize='unicode61 remove_diacritics 2',
	prefix='3 4 5 6'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
`},
	// 0004: the store indexes new articles itself, at the end of each
	// write transaction (wtx.indexFTS). Through the insert trigger every
	// article insert ran as a statement transaction, and FTS5 flushes its
	// pending terms into a new segment at every savepoint: one segment
	// (and its share of merging) per article instead of per group.
	// FTS5 keeps up to 16 MB of pending terms in memory (default 1 MB,
	// less than one group of 64 articles with prefix indexes). Automerge
	// waits for 8 segments of a level instead of 4: less merge work per
	// article at the price of more (small) segments per query.
	{Name: "0004-fts-no-insert-trigger", SQL: `
DROP TRIGGER articles_fts_ai;
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
`},
	// 0005: the mentions table was written for every mention (two indexes)
	// and never read: an article's mentions are in its JSON, entity →
	// articles is article_entities. Dropping it saves a fifth of the
	// store's statements per article.
	{Name: "0005-drop-mentions", SQL: `
DROP TABLE mentions;
`},
	// 0006: one prefix index (3 characters) instead of four (3–6). Every
	// prefix index costs as much to build as the main index: with four,
	// full-text indexing was 60 % of the store's CPU per article. Prefix
	// queries of 3 characters (and of 2, through the 3-character index)
	// stay index look-ups; longer ones scan the matching terms (a few ms
	// on real text at 100 000 articles). columnsize=0: no per-row size
	// record (only used for ranking, which search does not do).
	{Name: "0006-fts-one-prefix", SQL: `
DROP TRIGGER articles_fts_ad;
DROP TRIGGER articles_fts_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='rid',
	tokenize='unicode61 remove_diacritics 2',
	prefix='3', columnsize=0
);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
`},
	// 0007: no query looks articles up by URL or event day (search filters
	// and sorts on the sort key rid, the weave keeps its own tables), so the
	// two indexes were a write per article for nothing.
	{Name: "0007-drop-unused-indexes", SQL: `
DROP INDEX IF EXISTS articles_event_day;
DROP INDEX IF EXISTS articles_url;
`},
}
