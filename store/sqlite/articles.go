package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/store"
)

var (
	_ store.Store       = (*DB)(nil)
	_ store.EntityStore = (*DB)(nil)
)

// Search limits.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
	// maxAliases caps the merged alias list of one entity.
	maxAliases = 64
)

// PutArticle stores a keyed by a.ID with its mentions and merges its
// entities, in one transaction that is committed before it returns. An
// article whose ID is already stored is left unchanged (inserted=false).
func (d *DB) PutArticle(ctx context.Context, a *newsweave.Article) (bool, error) {
	ins, err := d.PutArticles(ctx, []*newsweave.Article{a})
	if err != nil {
		return false, err
	}
	return ins[0], nil
}

// PutArticles stores several articles in one transaction (group commit:
// one commit instead of one per article); inserted[i] reports as
// PutArticle. Either all are committed or none.
func (d *DB) PutArticles(ctx context.Context, as []*newsweave.Article) (inserted []bool, err error) {
	encs, err := encodeArticles(as)
	if err != nil {
		return nil, err
	}
	d.wmu.Lock()
	defer d.wmu.Unlock()
	t, err := d.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	defer t.rollback()
	if inserted, err = t.putArticles(encs); err != nil {
		return nil, err
	}
	if err := t.indexFTS(); err != nil {
		return nil, err
	}
	if err := t.commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put: commit: %w", err)
	}
	return inserted, nil
}

// encArticle is an article ready to insert (encoded outside the writer lock).
type encArticle struct {
	a    *newsweave.Article
	ing  time.Time
	body []byte
}

func encodeArticles(as []*newsweave.Article) ([]encArticle, error) {
	encs := make([]encArticle, len(as))
	for i, a := range as {
		if a == nil || a.ID == "" {
			return nil, errors.New("sqlite: article without id")
		}
		ing := a.IngestedAt
		if ing.IsZero() {
			ing = time.Now().UTC()
		}
		// Title and text have their own columns (full-text index,
		// display); the JSON holds the rest, so they are stored once.
		slim := *a
		slim.Title, slim.Text = "", ""
		body, err := json.Marshal(&slim)
		if err != nil {
			return nil, fmt.Errorf("sqlite: encode article %s: %w", a.ID, err)
		}
		encs[i] = encArticle{a, ing, body}
	}
	return encs, nil
}

// putArticles inserts the articles whose id is not stored yet. Their
// full-text rows are queued in t.fts; indexFTS writes them. Which ids
// exist is asked once per group, and the arrival number and the sort keys
// are read once per transaction (and day) and then counted up: the caller
// holds the write lock, so nobody else inserts meanwhile.
func (t *wtx) putArticles(encs []encArticle) ([]bool, error) {
	inserted := make([]bool, len(encs))
	exists, err := t.storedIDs(encs)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	var seq int64
	lastRid := map[int64]int64{} // day number → last sort key used
	for i, e := range encs {
		a := e.a
		if exists[a.ID] {
			continue
		}
		day := articleDay(a, e.ing)
		dn := dayNumber(day)
		rid, ok := lastRid[dn]
		if !ok {
			lo := dn << dayShift
			if err := t.queryRow(`SELECT COALESCE(MAX(rid), ?) FROM articles WHERE rid >= ? AND rid < ?`,
				lo, lo, lo+1<<dayShift).Scan(&rid); err != nil {
				return nil, fmt.Errorf("sqlite: put %s: %w", a.ID, err)
			}
		}
		rid++
		lastRid[dn] = rid
		if seq == 0 {
			if err := t.queryRow(`SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&seq); err != nil {
				return nil, fmt.Errorf("sqlite: put %s: %w", a.ID, err)
			}
		}
		seq++
		if err := t.exec(`INSERT INTO articles
			(rid, seq, id, input, url, title, text, published, event_date, source, lang, ingested_at, day, event_day, json)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			rid, seq, a.ID, a.Input, a.URL, a.Title, a.Text, a.Published, a.EventDate, a.Source, a.Lang,
			e.ing.UTC().Format(time.RFC3339Nano), day, fullDay(a.EventDate), e.body); err != nil {
			return nil, fmt.Errorf("sqlite: put %s: %w", a.ID, err)
		}
		if err := t.putEntities(a, rid); err != nil {
			return nil, fmt.Errorf("sqlite: put %s: %w", a.ID, err)
		}
		t.fts = append(t.fts, ftsRow{rid, a.Title, a.Text})
		exists[a.ID] = true // a second copy in the same group is a duplicate
		inserted[i] = true
	}
	if err := t.flushEntities(); err != nil {
		return nil, fmt.Errorf("sqlite: put: entities: %w", err)
	}
	return inserted, nil
}

// storedIDs returns which of the articles' ids are stored already, asking
// for idChunk ids at a time.
func (t *wtx) storedIDs(encs []encArticle) (map[string]bool, error) {
	const idChunk = 32
	exists := make(map[string]bool, len(encs))
	for i := 0; i < len(encs); i += idChunk {
		part := encs[i:min(i+idChunk, len(encs))]
		args := make([]any, idChunk)
		for k := range args {
			args[k] = part[min(k, len(part)-1)].a.ID // padded: one prepared statement
		}
		if err := t.query(`SELECT id FROM articles WHERE id IN (`+strings.TrimSuffix(strings.Repeat("?,", idChunk), ",")+`)`,
			args, func(scan func(...any) error) error {
				var id string
				if err := scan(&id); err != nil {
					return err
				}
				exists[id] = true
				return nil
			}); err != nil {
			return nil, err
		}
	}
	return exists, nil
}

// entityAgg collects one article's mentions of one entity.
type entityAgg struct {
	m       newsweave.Mention
	count   int
	aliases []string
}

// groupEntity collects a write transaction's changes to one entity; they
// are written once per transaction (flushEntities), not once per article.
type groupEntity struct {
	name, typ, country string
	articles           int
	aliases            []string
}

// putEntities adds the article's entities to article_entities and queues
// their merge into entities (flushEntities). Mentions themselves (text,
// offsets) are kept in the article's JSON only.
func (t *wtx) putEntities(a *newsweave.Article, rid int64) error {
	if len(a.Entities) == 0 {
		return nil
	}
	byID := map[string]*entityAgg{}
	var order []string
	for _, m := range a.Entities {
		if m.EntityID == "" {
			continue
		}
		g := byID[m.EntityID]
		if g == nil {
			g = &entityAgg{m: m}
			byID[m.EntityID] = g
			order = append(order, m.EntityID)
		}
		g.count++
		g.aliases = append(g.aliases, m.Text)
		if g.m.Canonical == "" {
			g.m.Canonical = m.Canonical
		}
		if g.m.Country == "" {
			g.m.Country = m.Country
		}
	}
	rows := make([]any, 0, 3*len(order))
	for _, id := range order {
		g := byID[id]
		rows = append(rows, id, rid, g.count)
		name := g.m.Canonical
		if name == "" {
			name = g.m.Text
		}
		e := t.ents[id]
		if e == nil {
			if t.ents == nil {
				t.ents = map[string]*groupEntity{}
			}
			e = &groupEntity{name: name}
			t.ents[id] = e
			t.entOrder = append(t.entOrder, id)
		}
		e.articles++
		e.aliases = append(e.aliases, g.aliases...)
		if e.typ == "" {
			e.typ = g.m.Type
		}
		if e.country == "" {
			e.country = g.m.Country
		}
	}
	return t.insertRows(`INSERT INTO article_entities(entity_id, article_rid, mentions) VALUES `, "", 3, rows)
}

// entityChunk is how many entities one look-up or upsert of
// flushEntities carries.
const entityChunk = 32

// flushEntities merges the transaction's entity changes into entities:
// the same result as merging article by article (aliases keep their first
// occurrence, the first non-empty type and country win, the name of a
// stored entity stays). Entities are read with one IN query and written
// with one multi-row upsert per entityChunk entities, not two statements
// each.
func (t *wtx) flushEntities() error {
	type stored struct{ name, aliases string }
	for len(t.entOrder) > 0 {
		ids := t.entOrder[:min(len(t.entOrder), entityChunk)]
		t.entOrder = t.entOrder[len(ids):]
		// Pad the id list to a fixed length (repeating an id changes
		// nothing) so one prepared statement serves every chunk.
		args := make([]any, entityChunk)
		for i := range args {
			args[i] = ids[min(i, len(ids)-1)]
		}
		old := make(map[string]stored, len(ids))
		if err := t.query(`SELECT id, name, aliases FROM entities WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", entityChunk), ",")+`)`, args, func(sc func(...any) error) error {
			var id string
			var s stored
			if err := sc(&id, &s.name, &s.aliases); err != nil {
				return err
			}
			old[id] = s
			return nil
		}); err != nil {
			return err
		}
		rows := make([]any, 0, 6*len(ids))
		for _, id := range ids {
			e := t.ents[id]
			var al []byte
			if s, ok := old[id]; ok {
				var prev []string
				_ = json.Unmarshal([]byte(s.aliases), &prev) // a damaged list is rebuilt
				al, _ = json.Marshal(mergeAliases(prev, e.aliases, s.name))
			} else {
				al, _ = json.Marshal(mergeAliases(nil, e.aliases, e.name))
			}
			rows = append(rows, id, e.name, e.typ, e.country, string(al), e.articles)
		}
		if err := t.insertRows(`INSERT INTO entities(id, name, type, country, aliases, articles) VALUES `,
			` ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases, articles = articles + excluded.articles,
			type = CASE WHEN type = '' THEN excluded.type ELSE type END,
			country = CASE WHEN country = '' THEN excluded.country ELSE country END`, 6, rows); err != nil {
			return err
		}
	}
	t.ents, t.entOrder = nil, nil
	return nil
}

// rowsPerInsert is how many rows one multi-row INSERT carries: one
// statement instead of one per mention.
const rowsPerInsert = 16

// insertRows runs prefix + "(?,…),(?,…)…" + suffix over args (cols
// values a row) in chunks of rowsPerInsert rows; the statements stay
// prepared.
func (t *wtx) insertRows(prefix, suffix string, cols int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/cols, rowsPerInsert)
		if err := t.exec(prefix+valuesList(n, cols)+suffix, args[:n*cols]...); err != nil {
			return err
		}
		args = args[n*cols:]
	}
	return nil
}

func valuesList(rows, cols int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	return strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

// mergeAliases adds the new surface forms to old, without the canonical
// name itself and without duplicates, keeping at most maxAliases.
func mergeAliases(old, add []string, name string) []string {
	seen := map[string]bool{name: true}
	out := make([]string, 0, len(old)+len(add))
	for _, s := range append(append([]string(nil), old...), add...) {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" || seen[s] || len(out) >= maxAliases {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	if len(out) == 0 {
		return []string{}
	}
	return out
}

// fullDay returns the YYYY-MM-DD prefix of an ISO date or date-time when
// it is a real calendar day, or "".
func fullDay(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// articleDay is the sort and filter date: publication, else event, else ingest day.
func articleDay(a *newsweave.Article, ing time.Time) string {
	if d := fullDay(a.Published); d != "" {
		return d
	}
	if d := fullDay(a.EventDate); d != "" {
		return d
	}
	return ing.UTC().Format("2006-01-02")
}

// dayShift leaves room for 2^20 articles per day in the sort key.
const dayShift = 20

var epoch1900 = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// dayNumber is the number of days since 1900-01-01 of a valid YYYY-MM-DD
// (as SQLite's julianday(day) - 2415020.5 in migration 0002).
func dayNumber(day string) int64 {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return 0
	}
	secs := t.Unix() - epoch1900.Unix()
	n := secs / 86400
	if secs < 0 && secs%86400 != 0 {
		n--
	}
	return n
}

// dayRange turns From/To (YYYY, YYYY-MM or YYYY-MM-DD; "" = open) into an
// inclusive range of sort keys.
func dayRange(from, to string) (lo, hi int64, err error) {
	lo, hi = math.MinInt64, math.MaxInt64
	if from != "" {
		t, err := parsePeriod(from)
		if err != nil {
			return 0, 0, fmt.Errorf("bad from date %q (want YYYY-MM-DD)", from)
		}
		lo = dayNumber(t.start.Format("2006-01-02")) << dayShift
	}
	if to != "" {
		t, err := parsePeriod(to)
		if err != nil {
			return 0, 0, fmt.Errorf("bad to date %q (want YYYY-MM-DD)", to)
		}
		hi = (dayNumber(t.end.Format("2006-01-02"))+1)<<dayShift - 1
	}
	return lo, hi, nil
}

type period struct{ start, end time.Time }

// parsePeriod reads YYYY, YYYY-MM or YYYY-MM-DD (a date-time uses its day).
func parsePeriod(s string) (period, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 {
		s = s[:10]
	}
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return period{t, f.next(t)}, nil
		}
	}
	return period{}, errors.New("bad date")
}

// Article returns one stored article with its analysis.
func (d *DB) Article(ctx context.Context, id string) (*newsweave.Article, error) {
	var title, text, body string
	err := d.db.QueryRowContext(ctx, `SELECT title, text, json FROM articles WHERE id = ?`, id).Scan(&title, &text, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	return decodeArticle(title, text, body)
}

// decodeArticle rebuilds an article from its title and text columns and
// its JSON (which holds them too in rows written before they were left
// out of it; the columns have the same values).
func decodeArticle(title, text, body string) (*newsweave.Article, error) {
	a := new(newsweave.Article)
	if err := json.Unmarshal([]byte(body), a); err != nil {
		return nil, fmt.Errorf("sqlite: decode article: %w", err)
	}
	a.Title, a.Text = title, text
	return a, nil
}

// Count returns the number of stored articles.
func (d *DB) Count(ctx context.Context) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n)
	return n, err
}

// Search lists articles matching q, newest first (by publication day, else
// event day, else ingest day; within a day the latest arrival first).
//
// q.Text is a full-text query over title and text: words must all occur
// (diacritics and case ignored); "quoted words" match as a phrase, word*
// as a prefix and -word excludes. q.From/q.To (YYYY-MM-DD, YYYY-MM or
// YYYY; inclusive) bound the article's day.
//
// Every plan walks an index in sort-key order and stops after
// offset+limit rows, so the cost follows the page, not the number of
// matches.
func (d *DB) Search(ctx context.Context, q store.Query) ([]*newsweave.Article, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := max(q.Offset, 0)
	lo, hi, err := dayRange(q.From, q.To)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	fq := ""
	if strings.TrimSpace(q.Text) != "" {
		if fq = FTSQuery(q.Text); fq == "" {
			return nil, nil // only punctuation: nothing can match
		}
	}

	var sb strings.Builder
	var args []any
	key := "a.rid" // the sort key column of the driving index
	switch {
	case fq != "" && (q.Entity == "" || !d.rareEntity(ctx, q.Entity)):
		// Drive from the FTS index in rowid (= sort key) order.
		key = "f.rowid"
		sb.WriteString(`SELECT a.title, a.text, a.json FROM articles_fts f JOIN articles a ON a.rid = f.rowid WHERE articles_fts MATCH ?`)
		args = append(args, fq)
		if q.Entity != "" {
			sb.WriteString(` AND EXISTS (SELECT 1 FROM article_entities ae WHERE ae.entity_id = ? AND ae.article_rid = f.rowid)`)
			args = append(args, q.Entity)
		}
	case q.Entity != "":
		// Drive from the entity's articles (primary key order).
		key = "ae.article_rid"
		sb.WriteString(`SELECT a.title, a.text, a.json FROM article_entities ae JOIN articles a ON a.rid = ae.article_rid WHERE ae.entity_id = ?`)
		args = append(args, q.Entity)
		if fq != "" {
			sb.WriteString(` AND EXISTS (SELECT 1 FROM articles_fts f WHERE articles_fts MATCH ? AND f.rowid = ae.article_rid)`)
			args = append(args, fq)
		}
	default:
		sb.WriteString(`SELECT a.title, a.text, a.json FROM articles a WHERE 1`)
	}
	if q.Lang != "" {
		sb.WriteString(` AND a.lang = ?`)
		args = append(args, q.Lang)
	}
	if q.From != "" {
		sb.WriteString(` AND ` + key + ` >= ?`)
		args = append(args, lo)
	}
	if q.To != "" {
		sb.WriteString(` AND ` + key + ` <= ?`)
		args = append(args, hi)
	}
	sb.WriteString(` ORDER BY ` + key + ` DESC LIMIT ? OFFSET ?`)
	args = append(args, limit, offset)

	rows, err := d.db.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	var out []*newsweave.Article
	for rows.Next() {
		var title, text, body string
		if err := rows.Scan(&title, &text, &body); err != nil {
			return nil, fmt.Errorf("sqlite: search: %w", err)
		}
		a, err := decodeArticle(title, text, body)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search: %w", err)
	}
	return out, nil
}

// forcePlan lets tests take either text+entity plan: 1 entity-driven,
// 2 full-text-driven, 0 decide by cost.
var forcePlan int

// rareEntity decides the plan of a combined text+entity search. Driving
// from the entity costs one full-text probe per article of the entity
// (n of them); driving from the full-text matches costs about
// limit·N/n cheap key look-ups until a page is found (N articles). The
// first wins while n² < 3N (about 550 at 100k articles).
func (d *DB) rareEntity(ctx context.Context, id string) bool {
	if forcePlan != 0 {
		return forcePlan == 1
	}
	var n, total int64
	if err := d.db.QueryRowContext(ctx, `SELECT articles FROM entities WHERE id = ?`, id).Scan(&n); err != nil {
		return true // unknown entity: its (empty) list is the cheap side
	}
	// MAX(seq) is the article count (nothing is deleted) without a scan.
	if err := d.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM articles`).Scan(&total); err != nil {
		return true
	}
	return n*n < 3*max(total, 1000)
}

// FTSQuery turns a user query into a safe FTS5 expression: every word is
// quoted (so FTS5 syntax in user input cannot cause errors), words are
// ANDed, "a b" stays a phrase, a trailing * makes a prefix query and a
// leading - excludes. It returns "" when q holds no word.
func FTSQuery(q string) string {
	type term struct {
		words  []string
		prefix bool
		neg    bool
	}
	var terms []term
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			neg = true
			i++
		}
		var raw string
		if rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			raw = string(rs[i+1 : min(j, len(rs))])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				j++
			}
			raw = string(rs[i:j])
			i = j
		}
		t := term{neg: neg, prefix: strings.HasSuffix(raw, "*")}
		t.words = strings.FieldsFunc(raw, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		if len(t.words) > 0 {
			terms = append(terms, t)
		}
	}
	var pos, neg []string
	for _, t := range terms {
		s := `"` + strings.Join(t.words, " ") + `"`
		if t.prefix {
			s += "*"
		}
		if t.neg {
			neg = append(neg, s)
		} else {
			pos = append(pos, s)
		}
	}
	if len(pos) == 0 {
		return ""
	}
	out := strings.Join(pos, " AND ")
	for _, n := range neg {
		out = "(" + out + ") NOT " + n
	}
	return out
}

// Entity returns a canonical entity with its merged aliases, the ids of the
// articles mentioning it (newest first, at most MaxEntityArticles) and the
// entities it co-occurs with most (at most 50, counted over its latest
// coOccurWindow articles so a very common entity stays fast).
func (d *DB) Entity(ctx context.Context, id string) (*store.EntityInfo, error) {
	info := &store.EntityInfo{Articles: []string{}, CoOccurring: []store.EntityCount{}}
	var aliases string
	err := d.db.QueryRowContext(ctx, `SELECT id, name, type, country, aliases FROM entities WHERE id = ?`, id).
		Scan(&info.ID, &info.Name, &info.Type, &info.Country, &aliases)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("entity %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	_ = json.Unmarshal([]byte(aliases), &info.Aliases)

	rows, err := d.db.QueryContext(ctx, `SELECT a.id FROM article_entities ae JOIN articles a ON a.rid = ae.article_rid
		WHERE ae.entity_id = ? ORDER BY ae.article_rid DESC LIMIT ?`, id, MaxEntityArticles)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		info.Articles = append(info.Articles, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = d.db.QueryContext(ctx, `WITH recent AS (SELECT article_rid FROM article_entities
			WHERE entity_id = ? ORDER BY article_rid DESC LIMIT ?)
		SELECT o.entity_id, COALESCE(e.name, o.entity_id), COALESCE(e.type, ''), count(*) AS c
		FROM recent JOIN article_entities o ON o.article_rid = recent.article_rid AND o.entity_id != ?
		LEFT JOIN entities e ON e.id = o.entity_id
		GROUP BY o.entity_id ORDER BY c DESC, o.entity_id LIMIT 50`, id, coOccurWindow, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c store.EntityCount
		if err := rows.Scan(&c.ID, &c.Name, &c.Type, &c.Count); err != nil {
			return nil, err
		}
		info.CoOccurring = append(info.CoOccurring, c)
	}
	return info, rows.Err()
}

// MaxEntityArticles caps the article ids returned by Entity.
const MaxEntityArticles = 10000

const coOccurWindow = 5000

// EntitySummary is an entity with the number of articles mentioning it.
type EntitySummary struct {
	newsweave.Entity
	Articles int `json:"articles"`
}

// Entities lists entities by the number of articles mentioning them (most
// first), optionally of one type; limit 0 = DefaultLimit.
func (d *DB) Entities(ctx context.Context, typ string, limit, offset int) ([]EntitySummary, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, type, country, aliases, articles FROM entities
		WHERE (? = '' OR type = ?) ORDER BY articles DESC, id LIMIT ? OFFSET ?`, typ, typ, limit, max(offset, 0))
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	defer rows.Close()
	var out []EntitySummary
	for rows.Next() {
		var e EntitySummary
		var aliases string
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &e.Country, &aliases, &e.Articles); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(aliases), &e.Aliases)
		out = append(out, e)
	}
	return out, rows.Err()
}

// EachArticle calls fn for every stored article in arrival order (the order
// the weave stage saw them), stopping at the first error. after > 0 resumes
// behind the article with that arrival number; fn gets each article's
// arrival number so callers can checkpoint.
func (d *DB) EachArticle(ctx context.Context, after int64, fn func(seq int64, a *newsweave.Article) error) error {
	const page = 500
	for {
		rows, err := d.db.QueryContext(ctx, `SELECT seq, title, text, json FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`, after, page)
		if err != nil {
			return fmt.Errorf("sqlite: articles: %w", err)
		}
		type rec struct {
			seq               int64
			title, text, body string
		}
		var batch []rec
		for rows.Next() {
			var r rec
			if err := rows.Scan(&r.seq, &r.title, &r.text, &r.body); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range batch {
			a, err := decodeArticle(r.title, r.text, r.body)
			if err != nil {
				return err
			}
			if err := fn(r.seq, a); err != nil {
				return err
			}
			after = r.seq
		}
		if len(batch) < page {
			return nil
		}
	}
}
