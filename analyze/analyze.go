// Package analyze runs the per-article analysis stages — named entities,
// temporal expressions, events — over an extracted article. An Analyzer holds
// only immutable, loaded models, so one value may serve many goroutines (or
// worker processes fed from a queue) without shared mutable state.
package analyze

import (
	"time"

	"github.com/newsweave/newsweave"
)

// EntityRecognizer finds named-entity mentions with canonical identities.
// The default is analyze/ner; a user-supplied model (e.g. ONNX) can plug in
// by implementing this interface.
type EntityRecognizer interface {
	Recognize(text, lang string) []newsweave.Mention
}

// TimeTagger finds and normalises temporal expressions, anchored at the
// article's publication date.
type TimeTagger interface {
	Tag(text string, anchor time.Time, lang string) []newsweave.TimeExpr
}

// EventExtractor reads actor–action–target events from an article whose
// Entities and Times are already filled; it also returns the article's
// event date (TIMEX value) or "".
type EventExtractor interface {
	Extract(a *newsweave.Article) (events []newsweave.Event, eventDate string)
}

// Analyzer chains the stages. Nil stages are skipped.
type Analyzer struct {
	Entities EntityRecognizer
	Times    TimeTagger
	Events   EventExtractor
}

// Analyze fills a.Entities, a.Times, a.Events and a.EventDate.
func (an *Analyzer) Analyze(a *newsweave.Article) {
	text := a.Text
	if an.Entities != nil {
		a.Entities = an.Entities.Recognize(text, a.Lang)
	}
	if an.Times != nil {
		a.Times = an.Times.Tag(text, Anchor(a), a.Lang)
	}
	if an.Events != nil {
		a.Events, a.EventDate = an.Events.Extract(a)
	}
}

// Anchor is the reference date for relative expressions: the publication
// date (possibly inferred by extract from the crawl time or the content,
// see PublishedFrom), or the zero time when it is unknown. It never falls
// back to the ingest time or now: a 2014 story ingested in 2026 must not
// have its "am Freitag" resolved to 2026; with a zero anchor the tagger
// leaves such expressions underspecified (XXXX-WXX-5).
func Anchor(a *newsweave.Article) time.Time {
	if len(a.Published) >= 10 {
		if t, err := time.Parse("2006-01-02", a.Published[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}
