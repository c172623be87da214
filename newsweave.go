// Package newsweave holds the domain model that every pipeline stage passes
// along: an Article with its extracted metadata, entity mentions, temporal
// expressions and events, and the clusters (news events) and storylines the
// weave stage builds from many articles.
//
// The stages live in sub-packages (ingest, extract, analyze/..., represent,
// compare, cluster, store, api, web); they communicate only through these
// types so that any stage can later run in a separate worker process.
package newsweave

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"
	"time"
)

// Entity types (outer named-entity classes, GermEval/CoNLL style).
const (
	PER = "PER" // person
	ORG = "ORG" // organisation, including news agencies and outlets
	LOC = "LOC" // location: country, city, region, site
	OTH = "OTH" // other names: events, products, nationalities used as names
)

// Article is one news article as it travels through the pipeline.
// Offsets in Mentions, Times and Events are Unicode code points into Text.
type Article struct {
	ID    string `json:"id"`              // content hash (see ContentID)
	Input string `json:"input,omitempty"` // where it came from: path, URL, "-"
	URL   string `json:"url,omitempty"`
	Title string `json:"title"`
	// Text is the clean article body: lead and paragraphs, boilerplate removed,
	// paragraphs separated by blank lines. The title is not repeated here.
	Text string `json:"text"`
	// Published is the publication date (ISO 8601 date or date-time) or "".
	Published string `json:"published,omitempty"`
	// PublishedConfidence is 1 for explicit datelines/metadata and lower for
	// dates inferred from relative cues ("am Freitag").
	PublishedConfidence float64 `json:"published_confidence,omitempty"`
	// PublishedFrom says which evidence gave Published (meta, dateline, url, relative, …).
	PublishedFrom string   `json:"published_from,omitempty"`
	Source        string   `json:"source,omitempty"` // outlet name or domain
	Authors       []string `json:"authors,omitempty"`
	Agencies      []string `json:"agency,omitempty"` // e.g. ["dpa","Reuters"]
	Lang          string   `json:"lang,omitempty"`   // ISO 639-1
	// Removed lists the boilerplate the extractor dropped, so users can see why.
	Removed []Removed `json:"removed,omitempty"`

	// Filled by the analysis stages.
	Entities []Mention  `json:"entities,omitempty"`
	Times    []TimeExpr `json:"times,omitempty"`
	Events   []Event    `json:"events,omitempty"`
	// EventDate is when the reported happening took place (TIMEX value), which
	// is not always the publication date.
	EventDate string `json:"event_date,omitempty"`

	IngestedAt time.Time `json:"ingested_at,omitzero"`
}

// Removed is one boilerplate line or block dropped by extraction.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"` // e.g. "comments", "paywall", "newsletter", "teaser", "share"
}

// Entity is a canonical identity: one person, organisation or place however
// it is spelled. IDs are stable across articles and runs.
type Entity struct {
	ID      string   `json:"id"`   // e.g. "per:kim-jong-un", "loc:pyongyang"
	Name    string   `json:"name"` // canonical display name
	Type    string   `json:"type"` // PER, ORG, LOC, OTH
	Country string   `json:"country,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
}

// Mention is one occurrence of an entity in an article's Text.
type Mention struct {
	Text      string `json:"text"`
	Type      string `json:"type"`
	Canonical string `json:"canonical"` // canonical name
	EntityID  string `json:"id"`        // canonical id
	Country   string `json:"country,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Temporal expression types (TIMEX2/TIMEX3).
const (
	DATE     = "DATE"
	TIME     = "TIME"
	DURATION = "DURATION"
	SET      = "SET"
)

// TimeExpr is a normalised temporal expression.
type TimeExpr struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"` // TIMEX value: 2015-05-09, 2014-11, 2023-W37, P3Y, XXXX-05-09
	// Mod is the TIMEX2 modifier when the expression names part of the value:
	// START ("Anfang Jänner"), MID, END, APPROX, LESS_THAN, MORE_THAN.
	Mod string `json:"mod,omitempty"`
}

// EntityRef names an entity taking part in an event.
type EntityRef struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
}

// Event is one actor–action–target record read from a sentence (GDELT-like).
type Event struct {
	Actor     EntityRef  `json:"actor"`
	Action    string     `json:"action"` // newsweave action code, e.g. "invite"
	CAMEO     string     `json:"cameo"`  // CAMEO code, e.g. "036"
	Target    *EntityRef `json:"target,omitempty"`
	Place     *EntityRef `json:"place,omitempty"`
	Time      string     `json:"time,omitempty"` // TIMEX value
	Negated   bool       `json:"negated,omitempty"`
	SentStart int        `json:"sentence_start"`
	SentEnd   int        `json:"sentence_end"`
	// Planned marks an announced, intended or expected event ("will visit",
	// "plans to sign", "soll unterzeichnen") rather than a reported one.
	Planned bool `json:"planned,omitempty"`
}

// Cluster is a news event: the articles that report the same happening.
type Cluster struct {
	ID          string    `json:"id"`
	StorylineID string    `json:"storyline,omitempty"`
	Title       string    `json:"title"`
	Date        string    `json:"date,omitempty"` // event date (TIMEX value)
	Articles    []string  `json:"articles"`
	Outlets     []string  `json:"outlets,omitempty"`
	Actors      []string  `json:"actors,omitempty"` // key entity ids by salience
	Created     time.Time `json:"created,omitzero"`
	// ActorNames are display names aligned with Actors.
	ActorNames []string `json:"actor_names,omitempty"`
}

// Storyline chains events about one ongoing story over months or years.
type Storyline struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Events []string `json:"events"` // cluster ids, chronological
	Actors []string `json:"actors,omitempty"`
	// ActorNames are display names aligned with Actors.
	ActorNames []string `json:"actor_names,omitempty"`
	Start      string   `json:"start,omitempty"`
	End        string   `json:"end,omitempty"`
}

// ContentID is the idempotency key of an article: a hash of its normalised
// title and text, so the same article ingested twice (or from two dumps with
// different whitespace) is stored once.
func ContentID(title, text string) string {
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	writeFields(h, buf, title)
	h.Write([]byte{0})
	writeFields(h, buf, text)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// writeFields hashes s's whitespace-separated fields joined by single spaces,
// as strings.Join(strings.Fields(s), " ") would, streaming through buf so
// that long texts are not copied twice.
func writeFields(h hash.Hash, buf []byte, s string) {
	buf = buf[:0]
	first := true
	for f := range strings.FieldsSeq(s) {
		if !first {
			buf = append(buf, ' ')
		}
		first = false
		if len(buf)+len(f) > cap(buf) { // a huge field just grows buf
			h.Write(buf)
			buf = buf[:0]
		}
		buf = append(buf, f...)
	}
	h.Write(buf)
}
