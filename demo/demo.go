// Package demo ships the synthetic demo corpus that `make demo` ingests and
// the web end-to-end test uses, together with its ground truth.
//
// Every article is invented (outlets, quotes and most people are fiction;
// real public figures appear in fictional events). The corpus mixes the
// formats of a real crawl: plain-text page dumps with boilerplate, small HTML
// pages and one JSONL feed. The ground truth (manifest.tsv, events.tsv) lives
// outside the corpus directory so that walking Corpus yields articles only.
package demo

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

// Corpus holds the article files under the directory "corpus/":
// corpus/<storyline>/*.txt|*.html and corpus/feed/demo-feed.jsonl.
//
//go:embed corpus
var Corpus embed.FS

//go:embed manifest.tsv
var manifestTSV []byte

//go:embed events.tsv
var eventsTSV []byte

// FS returns the corpus with the "corpus/" prefix removed, so that paths
// match Entry.Path (e.g. "vogtland-flood/2024-10-01_....txt").
func FS() fs.FS {
	sub, err := fs.Sub(Corpus, "corpus")
	if err != nil { // cannot happen: "corpus" is a valid, embedded path
		return Corpus
	}
	return sub
}

// Entry is the ground truth for one article of the corpus.
type Entry struct {
	// File is the manifest key: a path relative to the corpus root, with
	// "#N" appended for line N (1-based) of a JSONL file.
	File string
	// Path is File without the "#N" suffix; Line is N, or 0 for whole files.
	Path string
	Line int
	// Storyline and Event are slugs; Event is unique across storylines.
	Storyline string
	Event     string
	Lang      string // ISO 639-1: "de" or "en"
	Outlet    string // invented outlet name
	Date      string // publication date, YYYY-MM-DD
	// DuplicateOf names the File this article is a near-verbatim agency copy
	// of (same dpa/Reuters text in another outlet's frame), or "".
	DuplicateOf string
	Title       string // headline as published
}

// Event is one expected news event of a storyline.
type Event struct {
	Storyline string
	Event     string
	Date      string // when it happened, YYYY-MM-DD
	Place     string
	Summary   string // one English sentence
}

var (
	parseOnce sync.Once
	entries   []Entry
	events    []Event
	parseErr  error
)

func parse() {
	rows, err := readTSV(manifestTSV, 8)
	if err != nil {
		parseErr = fmt.Errorf("demo manifest.tsv: %w", err)
		return
	}
	for _, r := range rows {
		e := Entry{File: r[0], Path: r[0], Storyline: r[1], Event: r[2], Lang: r[3],
			Outlet: r[4], Date: r[5], DuplicateOf: r[6], Title: r[7]}
		if p, n, ok := strings.Cut(r[0], "#"); ok {
			line, err := strconv.Atoi(n)
			if err != nil || line < 1 {
				parseErr = fmt.Errorf("demo manifest.tsv: bad line number in %q", r[0])
				return
			}
			e.Path, e.Line = p, line
		}
		entries = append(entries, e)
	}
	rows, err = readTSV(eventsTSV, 5)
	if err != nil {
		parseErr = fmt.Errorf("demo events.tsv: %w", err)
		return
	}
	for _, r := range rows {
		events = append(events, Event{Storyline: r[0], Event: r[1], Date: r[2], Place: r[3], Summary: r[4]})
	}
}

// readTSV returns the data rows of a tab-separated table with a header row,
// skipping blank lines and "#" comments.
func readTSV(data []byte, cols int) ([][]string, error) {
	var rows [][]string
	sc := bufio.NewScanner(bytes.NewReader(data))
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != cols {
			return nil, fmt.Errorf("line %d: %d columns, want %d", n, len(f), cols)
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, f)
	}
	return rows, sc.Err()
}

// Expected returns the ground truth for every article in the corpus, in
// manifest order (by storyline and event). The slice is a fresh copy.
func Expected() ([]Entry, error) {
	parseOnce.Do(parse)
	if parseErr != nil {
		return nil, parseErr
	}
	return append([]Entry(nil), entries...), nil
}

// Events returns the expected news events, in chronological order within
// each storyline.
func Events() ([]Event, error) {
	parseOnce.Do(parse)
	if parseErr != nil {
		return nil, parseErr
	}
	return append([]Event(nil), events...), nil
}

// Raw returns the article's raw bytes as shipped: the whole file, or the
// single JSON line for JSONL entries.
func (e Entry) Raw() ([]byte, error) {
	data, err := fs.ReadFile(FS(), e.Path)
	if err != nil {
		return nil, err
	}
	if e.Line == 0 {
		return data, nil
	}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if i+1 == e.Line {
			return line, nil
		}
	}
	return nil, fmt.Errorf("demo: %s has no line %d", e.Path, e.Line)
}
