package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/store"
)

// The weave stage's tables: one decision row per article (with scores, so
// every assignment can be explained), events and storylines with display
// fields plus the cluster package's opaque model state, merges, and a
// key/value table for counters and document frequencies.
func init() {
	RegisterMigration("weave-0001-tables", `
CREATE TABLE weave_meta (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
CREATE TABLE weave_articles (
	article_id      TEXT PRIMARY KEY,
	seq             INTEGER NOT NULL UNIQUE, -- weave arrival order
	day             TEXT NOT NULL DEFAULT '',
	title           TEXT NOT NULL DEFAULT '',
	source          TEXT NOT NULL DEFAULT '',
	event           TEXT NOT NULL,
	event_score     REAL NOT NULL DEFAULT 0,
	new_event       INTEGER NOT NULL DEFAULT 0,
	storyline       TEXT NOT NULL,
	storyline_score REAL NOT NULL DEFAULT 0,
	duplicate_of    TEXT NOT NULL DEFAULT '',
	duplicate_score REAL NOT NULL DEFAULT 0,
	agency_of       TEXT NOT NULL DEFAULT '',
	agency          TEXT NOT NULL DEFAULT '',
	sig             BLOB
);
CREATE INDEX weave_articles_event ON weave_articles(event, seq);
CREATE INDEX weave_articles_storyline ON weave_articles(storyline);
CREATE INDEX weave_articles_dup ON weave_articles(duplicate_of) WHERE duplicate_of != '';
CREATE INDEX weave_articles_agency ON weave_articles(agency_of) WHERE agency_of != '';
CREATE TABLE weave_events (
	id          TEXT PRIMARY KEY,
	storyline   TEXT NOT NULL,
	title       TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL DEFAULT '',
	first       TEXT NOT NULL DEFAULT '',
	last        TEXT NOT NULL DEFAULT '',
	articles    INTEGER NOT NULL DEFAULT 0,
	outlets     TEXT NOT NULL DEFAULT '[]',
	actors      TEXT NOT NULL DEFAULT '[]',
	actor_names TEXT NOT NULL DEFAULT '[]',
	created     INTEGER NOT NULL DEFAULT 0,
	seq         INTEGER NOT NULL DEFAULT 0,
	state       BLOB
);
CREATE INDEX weave_events_seq ON weave_events(seq);
CREATE INDEX weave_events_storyline ON weave_events(storyline, date);
CREATE INDEX weave_events_date ON weave_events(date DESC, seq DESC);
CREATE TABLE weave_storylines (
	id          TEXT PRIMARY KEY,
	title       TEXT NOT NULL DEFAULT '',
	start       TEXT NOT NULL DEFAULT '',
	"end"       TEXT NOT NULL DEFAULT '',
	events      INTEGER NOT NULL DEFAULT 0,
	articles    INTEGER NOT NULL DEFAULT 0,
	actors      TEXT NOT NULL DEFAULT '[]',
	actor_names TEXT NOT NULL DEFAULT '[]',
	seq         INTEGER NOT NULL DEFAULT 0,
	state       BLOB
);
CREATE INDEX weave_storylines_seq ON weave_storylines(seq);
CREATE INDEX weave_storylines_size ON weave_storylines(articles DESC);
CREATE TABLE weave_merges (
	seq     INTEGER NOT NULL,
	kind    TEXT NOT NULL,
	from_id TEXT NOT NULL,
	into_id TEXT NOT NULL,
	score   REAL NOT NULL
);
CREATE INDEX weave_merges_from ON weave_merges(from_id);
`)
	// The split rule's members: the articles of young events (until they
	// pass 16 articles) with the profile a split rebuilds the halves from.
	RegisterMigration("weave-0002-members", `
CREATE TABLE weave_members (
	article_id TEXT PRIMARY KEY,
	event      TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	state      BLOB NOT NULL
);
CREATE INDEX weave_members_event ON weave_members(event);
CREATE INDEX weave_merges_into ON weave_merges(into_id);
`)
}

var _ cluster.StateStore = (*DB)(nil)
var _ store.WeaveStore = (*DB)(nil)

func jsonList(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

func parseList(s string) []string {
	var out []string
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func metaInt(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, key string) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM weave_meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// LoadWeave implements cluster.StateStore.
func (d *DB) LoadWeave(ctx context.Context, maxEvents, maxStorylines, maxRecent int) (*cluster.Snapshot, error) {
	s := &cluster.Snapshot{}
	var err error
	if s.NextEvent, err = metaInt(ctx, d.db, "next_event"); err != nil {
		return nil, err
	}
	if s.NextStory, err = metaInt(ctx, d.db, "next_storyline"); err != nil {
		return nil, err
	}
	if err := d.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM weave_articles`).Scan(&s.Seq); err != nil {
		return nil, err
	}
	err = d.db.QueryRowContext(ctx, `SELECT value FROM weave_meta WHERE key = 'df'`).Scan(&s.DF)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, storyline, seq, state FROM weave_events ORDER BY seq DESC LIMIT ?`, maxEvents)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r cluster.EventRecord
		if err := rows.Scan(&r.ID, &r.Storyline, &r.Seq, &r.State); err != nil {
			rows.Close()
			return nil, err
		}
		s.Events = append(s.Events, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = d.db.QueryContext(ctx, `SELECT id, seq, state FROM weave_storylines ORDER BY seq DESC LIMIT ?`, maxStorylines)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r cluster.StorylineRecord
		if err := rows.Scan(&r.ID, &r.Seq, &r.State); err != nil {
			rows.Close()
			return nil, err
		}
		s.Storylines = append(s.Storylines, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = d.db.QueryContext(ctx, `SELECT article_id, seq, event, duplicate_of, sig FROM weave_articles ORDER BY seq DESC LIMIT ?`, maxRecent)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var r cluster.ArticleRecord
		if err := rows.Scan(&r.ArticleID, &r.Seq, &r.Event, &r.DuplicateOf, &r.Sig); err != nil {
			rows.Close()
			return nil, err
		}
		s.Recent = append(s.Recent, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(s.Events) > 0 {
		rows, err = d.db.QueryContext(ctx, `SELECT m.article_id, m.event, m.seq, m.state FROM weave_members m
			JOIN (SELECT id FROM weave_events ORDER BY seq DESC LIMIT ?) e ON e.id = m.event`, maxEvents)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r cluster.MemberRecord
			if err := rows.Scan(&r.ArticleID, &r.Event, &r.Seq, &r.State); err != nil {
				rows.Close()
				return nil, err
			}
			s.Members = append(s.Members, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for i, j := 0, len(s.Recent)-1; i < j; i, j = i+1, j-1 {
		s.Recent[i], s.Recent[j] = s.Recent[j], s.Recent[i]
	}
	rows, err = d.db.QueryContext(ctx, `SELECT seq, kind, from_id, into_id, score FROM weave_merges ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m cluster.Merge
		if err := rows.Scan(&m.Seq, &m.Kind, &m.From, &m.Into, &m.Score); err != nil {
			return nil, err
		}
		s.Merges = append(s.Merges, m)
	}
	return s, rows.Err()
}

// SaveWeave implements cluster.StateStore: one transaction per article
// (PutArticlesWoven writes a whole group in one).
func (d *DB) SaveWeave(ctx context.Context, dl *cluster.Delta) error {
	d.wmu.Lock()
	defer d.wmu.Unlock()
	t, err := d.begin(ctx)
	if err != nil {
		return err
	}
	defer t.rollback()
	if err := t.saveWeave(ctx, dl); err != nil {
		return err
	}
	return t.commit()
}

// saveWeave writes one article's weave changes in the transaction.
func (t *wtx) saveWeave(_ context.Context, dl *cluster.Delta) error {
	for _, m := range dl.Merges {
		if err := t.exec(`INSERT INTO weave_merges(seq, kind, from_id, into_id, score) VALUES(?,?,?,?,?)`,
			m.Seq, m.Kind, m.From, m.Into, m.Score); err != nil {
			return err
		}
		switch m.Kind {
		case "event":
			for _, q := range []string{
				`UPDATE weave_articles SET event = ? WHERE event = ?`,
				`UPDATE weave_members SET event = ? WHERE event = ?`,
			} {
				if err := t.exec(q, m.Into, m.From); err != nil {
					return err
				}
			}
			if err := t.exec(`DELETE FROM weave_events WHERE id = ?`, m.From); err != nil {
				return err
			}
		case "storyline":
			for _, q := range []string{
				`UPDATE weave_articles SET storyline = ? WHERE storyline = ?`,
				`UPDATE weave_events SET storyline = ? WHERE storyline = ?`,
			} {
				if err := t.exec(q, m.Into, m.From); err != nil {
					return err
				}
			}
			if err := t.exec(`DELETE FROM weave_storylines WHERE id = ?`, m.From); err != nil {
				return err
			}
		}
	}
	if a := dl.Article; a.ArticleID != "" {
		if err := t.exec(`INSERT INTO weave_articles(article_id, seq, day, title, source, event, event_score,
			new_event, storyline, storyline_score, duplicate_of, duplicate_score, agency_of, agency, sig)
			VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			a.ArticleID, a.Seq, a.Day, a.Title, a.Source, a.Event, a.EventScore, a.NewEvent, a.Storyline,
			a.StorylineScore, a.DuplicateOf, a.DuplicateScore, a.AgencyOf, a.Agency, a.Sig); err != nil {
			return fmt.Errorf("weave decision: %w", err)
		}
	}
	for _, m := range dl.Members {
		if err := t.exec(`INSERT INTO weave_members(article_id, event, seq, state) VALUES(?,?,?,?)
			ON CONFLICT(article_id) DO UPDATE SET event=excluded.event, seq=excluded.seq, state=excluded.state`,
			m.ArticleID, m.Event, m.Seq, m.State); err != nil {
			return fmt.Errorf("weave member: %w", err)
		}
	}
	for _, mv := range dl.Moves {
		for _, q := range []string{
			`UPDATE weave_articles SET event = ? WHERE article_id = ?`,
			`UPDATE weave_members SET event = ? WHERE article_id = ?`,
		} {
			if err := t.exec(q, mv.Event, mv.ArticleID); err != nil {
				return fmt.Errorf("weave split: %w", err)
			}
		}
	}
	for _, ev := range dl.DropMembers {
		if err := t.exec(`DELETE FROM weave_members WHERE event = ?`, ev); err != nil {
			return err
		}
	}
	for _, e := range dl.Events {
		if err := t.exec(`INSERT INTO weave_events(id, storyline, title, date, first, last, articles, outlets,
			actors, actor_names, created, seq, state) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET storyline=excluded.storyline, title=excluded.title, date=excluded.date,
			first=excluded.first, last=excluded.last, articles=excluded.articles, outlets=excluded.outlets,
			actors=excluded.actors, actor_names=excluded.actor_names, seq=excluded.seq, state=excluded.state`,
			e.ID, e.Storyline, e.Title, e.Date, e.First, e.Last, e.Articles, jsonList(e.Outlets), jsonList(e.Actors),
			jsonList(e.ActorNames), e.Created, e.Seq, e.State); err != nil {
			return fmt.Errorf("weave event: %w", err)
		}
	}
	for _, s := range dl.Storylines {
		if err := t.exec(`INSERT INTO weave_storylines(id, title, start, "end", events, articles, actors,
			actor_names, seq, state) VALUES(?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(id) DO UPDATE SET title=excluded.title, start=excluded.start, "end"=excluded."end",
			events=excluded.events, articles=excluded.articles, actors=excluded.actors,
			actor_names=excluded.actor_names, seq=excluded.seq, state=excluded.state`,
			s.ID, s.Title, s.Start, s.End, s.Events, s.Articles, jsonList(s.Actors), jsonList(s.ActorNames), s.Seq, s.State); err != nil {
			return fmt.Errorf("weave storyline: %w", err)
		}
	}
	// One statement for the counters (only when they moved) and the
	// document frequencies.
	var keys []string
	var args []any
	if dl.CountersChanged {
		keys = append(keys, "(?, ?)", "(?, ?)")
		args = append(args, "next_event", dl.NextEvent, "next_storyline", dl.NextStory)
	}
	if dl.DF != nil {
		keys = append(keys, "(?, ?)")
		args = append(args, "df", dl.DF)
	}
	if len(keys) > 0 {
		if err := t.exec(`INSERT INTO weave_meta(key, value) VALUES `+strings.Join(keys, ", ")+`
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, args...); err != nil {
			return err
		}
	}
	return nil
}

// WeaveDecision implements cluster.StateStore.
func (d *DB) WeaveDecision(ctx context.Context, id string) (*cluster.ArticleRecord, error) {
	var r cluster.ArticleRecord
	err := d.db.QueryRowContext(ctx, `SELECT article_id, seq, day, title, source, event, event_score, new_event,
		storyline, storyline_score, duplicate_of, duplicate_score, agency_of, agency
		FROM weave_articles WHERE article_id = ?`, id).Scan(&r.ArticleID, &r.Seq, &r.Day, &r.Title, &r.Source,
		&r.Event, &r.EventScore, &r.NewEvent, &r.Storyline, &r.StorylineScore, &r.DuplicateOf, &r.DuplicateScore,
		&r.AgencyOf, &r.Agency)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// WeaveDecisions lists the decisions of an event's articles in arrival
// order (explanations for the CLI and API).
func (d *DB) WeaveDecisions(ctx context.Context, event string) ([]cluster.ArticleRecord, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT article_id, seq, day, title, source, event, event_score, new_event,
		storyline, storyline_score, duplicate_of, duplicate_score, agency_of, agency
		FROM weave_articles WHERE event = ? ORDER BY seq`, event)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cluster.ArticleRecord
	for rows.Next() {
		var r cluster.ArticleRecord
		if err := rows.Scan(&r.ArticleID, &r.Seq, &r.Day, &r.Title, &r.Source, &r.Event, &r.EventScore, &r.NewEvent,
			&r.Storyline, &r.StorylineScore, &r.DuplicateOf, &r.DuplicateScore, &r.AgencyOf, &r.Agency); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// WeaveMerges lists the merges and splits an event or storyline took part
// in (as From or Into), in order.
func (d *DB) WeaveMerges(ctx context.Context, id string) ([]cluster.Merge, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT seq, kind, from_id, into_id, score FROM weave_merges
		WHERE from_id = ? OR into_id = ? ORDER BY rowid`, id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cluster.Merge
	for rows.Next() {
		var m cluster.Merge
		if err := rows.Scan(&m.Seq, &m.Kind, &m.From, &m.Into, &m.Score); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// resolveMerged follows merges from an id that no longer exists.
func (d *DB) resolveMerged(ctx context.Context, kind, id string) (string, error) {
	for i := 0; i < 64; i++ {
		var into string
		err := d.db.QueryRowContext(ctx, `SELECT into_id FROM weave_merges WHERE from_id = ? AND kind = ? ORDER BY rowid DESC LIMIT 1`, id, kind).Scan(&into)
		if errors.Is(err, sql.ErrNoRows) {
			return id, nil
		}
		if err != nil {
			return "", err
		}
		id = into
	}
	return id, nil
}

const eventCols = `id, storyline, title, date, first, last, outlets, actors, actor_names`

func scanEvent(sc interface{ Scan(...any) error }) (newsweave.Cluster, error) {
	var c newsweave.Cluster
	var first, last, outlets, actors, names string
	if err := sc.Scan(&c.ID, &c.StorylineID, &c.Title, &c.Date, &first, &last, &outlets, &actors, &names); err != nil {
		return c, err
	}
	if c.Date == "" {
		c.Date = first
	}
	c.Outlets, c.Actors, c.ActorNames = parseList(outlets), parseList(actors), parseList(names)
	return c, nil
}

// attachArticles fills Articles (arrival order) for the given clusters.
func (d *DB) attachArticles(ctx context.Context, cs []newsweave.Cluster) error {
	if len(cs) == 0 {
		return nil
	}
	idx := make(map[string]int, len(cs))
	for i := range cs {
		idx[cs[i].ID] = i
		cs[i].Articles = []string{}
	}
	const chunk = 500
	ids := make([]any, 0, chunk)
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		rows, err := d.db.QueryContext(ctx, `SELECT event, article_id FROM weave_articles WHERE event IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`) ORDER BY seq`, ids...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ev, a string
			if err := rows.Scan(&ev, &a); err != nil {
				return err
			}
			if i, ok := idx[ev]; ok {
				cs[i].Articles = append(cs[i].Articles, a)
			}
		}
		ids = ids[:0]
		return rows.Err()
	}
	for i := range cs {
		ids = append(ids, cs[i].ID)
		if len(ids) == chunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// Storylines implements store.WeaveStore: largest first.
func (d *DB) Storylines(ctx context.Context) ([]newsweave.Storyline, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, title, start, "end", actors, actor_names FROM weave_storylines ORDER BY articles DESC, events DESC, id`)
	if err != nil {
		return nil, err
	}
	var out []newsweave.Storyline
	idx := map[string]int{}
	for rows.Next() {
		var s newsweave.Storyline
		var actors, names string
		if err := rows.Scan(&s.ID, &s.Title, &s.Start, &s.End, &actors, &names); err != nil {
			rows.Close()
			return nil, err
		}
		s.Actors, s.ActorNames = parseList(actors), parseList(names)
		s.Events = []string{}
		idx[s.ID] = len(out)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = d.db.QueryContext(ctx, `SELECT storyline, id FROM weave_events ORDER BY storyline, CASE WHEN date = '' THEN first ELSE date END, created`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sl, id string
		if err := rows.Scan(&sl, &id); err != nil {
			return nil, err
		}
		if i, ok := idx[sl]; ok {
			out[i].Events = append(out[i].Events, id)
		}
	}
	return out, rows.Err()
}

// Storyline implements store.WeaveStore: the storyline and its events in
// chronological order (undated events last, in creation order). A merged
// id resolves to the storyline it was merged into.
func (d *DB) Storyline(ctx context.Context, id string) (*newsweave.Storyline, []newsweave.Cluster, error) {
	id, err := d.resolveMerged(ctx, "storyline", id)
	if err != nil {
		return nil, nil, err
	}
	var s newsweave.Storyline
	var actors, names string
	err = d.db.QueryRowContext(ctx, `SELECT id, title, start, "end", actors, actor_names FROM weave_storylines WHERE id = ?`, id).
		Scan(&s.ID, &s.Title, &s.Start, &s.End, &actors, &names)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, store.ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	s.Actors, s.ActorNames = parseList(actors), parseList(names)
	rows, err := d.db.QueryContext(ctx, `SELECT `+eventCols+` FROM weave_events WHERE storyline = ?
		ORDER BY CASE WHEN date = '' AND first = '' THEN 1 ELSE 0 END, CASE WHEN date = '' THEN first ELSE date END, created`, id)
	if err != nil {
		return nil, nil, err
	}
	var cs []newsweave.Cluster
	for rows.Next() {
		c, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		cs = append(cs, c)
		s.Events = append(s.Events, c.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if err := d.attachArticles(ctx, cs); err != nil {
		return nil, nil, err
	}
	return &s, cs, nil
}

// Events implements store.WeaveStore: newest first (by event date, then
// last update); limit 0 = all.
func (d *DB) Events(ctx context.Context, limit int) ([]newsweave.Cluster, error) {
	q := `SELECT ` + eventCols + ` FROM weave_events ORDER BY CASE WHEN date = '' THEN last ELSE date END DESC, seq DESC`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var cs []newsweave.Cluster
	for rows.Next() {
		c, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return cs, d.attachArticles(ctx, cs)
}

// Event implements store.WeaveStore. A merged id resolves to the event it
// was merged into.
func (d *DB) Event(ctx context.Context, id string) (*newsweave.Cluster, error) {
	id, err := d.resolveMerged(ctx, "event", id)
	if err != nil {
		return nil, err
	}
	c, err := scanEvent(d.db.QueryRowContext(ctx, `SELECT `+eventCols+` FROM weave_events WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	cs := []newsweave.Cluster{c}
	if err := d.attachArticles(ctx, cs); err != nil {
		return nil, err
	}
	return &cs[0], nil
}

// Duplicates implements store.WeaveStore: near-duplicate copies (kind
// "copy", score = estimated shingle Jaccard) and reports of one agency
// story in the same event (kind "agency", score = event score), in
// arrival order.
func (d *DB) Duplicates(ctx context.Context) ([]store.Duplicate, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT article_id, duplicate_of, duplicate_score, agency_of, event_score, agency
		FROM weave_articles WHERE duplicate_of != '' OR agency_of != '' ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Duplicate
	for rows.Next() {
		var id, dup, agencyOf, agency string
		var ds, es float64
		if err := rows.Scan(&id, &dup, &ds, &agencyOf, &es, &agency); err != nil {
			return nil, err
		}
		if dup != "" {
			out = append(out, store.Duplicate{Article: id, Original: dup, Score: ds, Kind: "copy"})
		} else {
			out = append(out, store.Duplicate{Article: id, Original: agencyOf, Score: es, Kind: "agency", Agency: agency})
		}
	}
	return out, rows.Err()
}
