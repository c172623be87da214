package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
)

// wtx is one write transaction (the caller holds d.wmu). Statements are
// prepared once per database connection and reused across transactions:
// compiling the SQL of every insert anew cost more than running it.
type wtx struct {
	d     *DB
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // bound to tx
	fts   []ftsRow             // articles to index before commit
	// entities touched by the transaction's articles (flushEntities)
	ents     map[string]*groupEntity
	entOrder []string
	done     bool
}

type ftsRow struct {
	rid         int64
	title, text string
}

// indexFTS adds the queued articles to the full-text index. It runs last
// in the transaction, outside any savepoint, as single-row inserts (no
// statement transaction): FTS5 then keeps the terms in memory until the
// commit and writes one segment for the whole group.
func (t *wtx) indexFTS() error {
	for _, r := range t.fts {
		if err := t.exec(`INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)`, r.rid, r.title, r.text); err != nil {
			return fmt.Errorf("sqlite: index %d: %w", r.rid, err)
		}
	}
	t.fts = nil
	return nil
}

func (d *DB) begin(ctx context.Context) (*wtx, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &wtx{d: d, ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}, nil
}

func (t *wtx) stmt(q string) (*sql.Stmt, error) {
	if s := t.stmts[q]; s != nil {
		return s, nil
	}
	ds, err := t.d.prepared(t.ctx, q)
	if err != nil {
		return nil, err
	}
	s := t.tx.StmtContext(t.ctx, ds)
	t.stmts[q] = s
	return s, nil
}

func (t *wtx) exec(q string, args ...any) error {
	s, err := t.stmt(q)
	if err != nil {
		return err
	}
	_, err = s.ExecContext(t.ctx, args...)
	return err
}

// row is a *sql.Row or a preparation error, so callers can Scan directly.
type row struct {
	r   *sql.Row
	err error
}

func (r row) Scan(dst ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.r.Scan(dst...)
}

func (t *wtx) queryRow(q string, args ...any) row {
	s, err := t.stmt(q)
	if err != nil {
		return row{err: err}
	}
	return row{r: s.QueryRowContext(t.ctx, args...)}
}

// query runs q and calls fn with each row's Scan.
func (t *wtx) query(q string, args []any, fn func(scan func(...any) error) error) error {
	s, err := t.stmt(q)
	if err != nil {
		return err
	}
	rows, err := s.QueryContext(t.ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *wtx) commit() error {
	t.done = true
	if err := t.tx.Commit(); err != nil {
		return err
	}
	t.d.wrote()
	return nil
}

func (t *wtx) rollback() {
	if !t.done {
		t.done = true
		t.tx.Rollback()
	}
}

// prepared returns the database-level prepared statement for q.
func (d *DB) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	d.smu.Lock()
	defer d.smu.Unlock()
	if s := d.stmts[q]; s != nil {
		return s, nil
	}
	if d.stmts == nil {
		d.stmts = map[string]*sql.Stmt{}
	}
	s, err := d.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	d.stmts[q] = s
	return s, nil
}

// Weaver is what PutArticlesWoven needs of a *cluster.Weaver.
type Weaver interface {
	AssignTo(ctx context.Context, a *newsweave.Article, save func(context.Context, *cluster.Delta) error) (cluster.Decision, error)
	Abandon()
}

// PutArticlesWoven stores a group of articles as PutArticles does and
// weaves the newly inserted ones, in order, with w — all in one
// transaction, so a crash never leaves an article stored but unwoven and
// a group costs one commit (one FTS5 segment, one WAL sync point). w must
// be a weaver on this database.
//
// When weaving fails, the weave changes are rolled back, w is abandoned
// (its memory would be ahead of the store) and the articles are still
// committed: weaveErr says why they are not woven. err means nothing was
// committed.
func (d *DB) PutArticlesWoven(ctx context.Context, as []*newsweave.Article, w Weaver) (inserted []bool, weaveErr, err error) {
	encs, err := encodeArticles(as)
	if err != nil {
		return nil, nil, err
	}
	d.wmu.Lock()
	defer d.wmu.Unlock()
	t, err := d.begin(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: put: %w", err)
	}
	defer t.rollback()
	if inserted, err = t.putArticles(encs); err != nil {
		return nil, nil, err
	}
	woven := false
	if w != nil {
		if err := t.exec(`SAVEPOINT weave`); err != nil {
			return nil, nil, fmt.Errorf("sqlite: put: %w", err)
		}
		for i, a := range as {
			if !inserted[i] {
				continue
			}
			if _, err := w.AssignTo(ctx, a, t.saveWeave); err != nil {
				weaveErr = err
				break
			}
			woven = true
		}
		if weaveErr != nil {
			w.Abandon()
			woven = false
			if err := t.exec(`ROLLBACK TO weave`); err != nil {
				return nil, nil, fmt.Errorf("sqlite: put: %w", err)
			}
		}
		if err := t.exec(`RELEASE weave`); err != nil {
			if woven {
				w.Abandon()
			}
			return nil, nil, fmt.Errorf("sqlite: put: %w", err)
		}
	}
	if err := t.indexFTS(); err != nil {
		if woven {
			w.Abandon()
		}
		return nil, nil, err
	}
	if err := t.commit(); err != nil {
		if woven {
			w.Abandon()
		}
		return nil, nil, fmt.Errorf("sqlite: put: commit: %w", err)
	}
	return inserted, weaveErr, nil
}

// Checkpointing: automatic WAL checkpoints would run inside whichever
// write transaction crosses the threshold (a 10–250 ms stall of ingest).
// Instead the connections checkpoint only when the WAL is very large
// (walAutoCheckpoint pages, a safety net) and a background goroutine runs
// a PASSIVE checkpoint, which never blocks writers or readers, shortly
// after writes.
const (
	walAutoCheckpoint  = 20000 // pages (4 KB): 80 MB
	checkpointInterval = 500 * time.Millisecond
)

// wrote notes a committed write and starts the checkpointer on first use.
func (d *DB) wrote() {
	d.cpOnce.Do(func() {
		d.cpStop = make(chan struct{})
		d.cpDone = make(chan struct{})
		d.cpKick = make(chan struct{}, 1)
		go d.checkpointer()
	})
	select {
	case d.cpKick <- struct{}{}:
	default:
	}
}

func (d *DB) checkpointer() {
	defer close(d.cpDone)
	for {
		select {
		case <-d.cpStop:
			return
		case <-d.cpKick:
		}
		// Let a burst of writes go by; one checkpoint then covers them.
		select {
		case <-d.cpStop:
			return
		case <-time.After(checkpointInterval):
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		_, _ = d.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		cancel()
	}
}

// stopCheckpointer ends the background checkpointer (Close).
func (d *DB) stopCheckpointer() {
	d.cpOnce.Do(func() {}) // no checkpointer may start after this
	d.cpStopOnce.Do(func() {
		if d.cpStop != nil {
			close(d.cpStop)
			<-d.cpDone
		}
	})
}

// closeStmts finalises the prepared statements (Close).
func (d *DB) closeStmts() {
	d.smu.Lock()
	defer d.smu.Unlock()
	for _, s := range d.stmts {
		s.Close()
	}
	d.stmts = nil
}
