// Package extract turns one raw document (HTML page or plain-text dump) into
// a clean newsweave.Article: boilerplate removed, mojibake repaired, title,
// publication date, source, authors, agencies and language found.
package extract

import (
	"errors"

	"github.com/newsweave/newsweave"
)

// Kind is the format of a raw document.
type Kind int

// Document kinds.
const (
	KindAuto Kind = iota // sniff from content
	KindText
	KindHTML
)

// Document is one raw input as handed over by ingest.
type Document struct {
	Input string // path as given, "-" for stdin, "dump.warc.gz#17" for a WARC record
	URL   string
	Body  []byte
	Kind  Kind
	// Metadata supplied by the container (JSONL fields, WARC headers);
	// empty means unknown and is then extracted from Body.
	Title, Date, Source, Lang string
}

// Extractor holds loaded, immutable resources (language models, lists);
// safe for concurrent use.
type Extractor struct{}

// New returns an Extractor.
func New() *Extractor { return &Extractor{} }

// Extract cleans one document. PLACEHOLDER until the extraction stage lands.
func (e *Extractor) Extract(doc Document) (*newsweave.Article, error) {
	if len(doc.Body) == 0 {
		return nil, errors.New("empty document")
	}
	a := &newsweave.Article{Input: doc.Input, URL: doc.URL, Title: doc.Title, Text: string(doc.Body), Published: doc.Date, Source: doc.Source, Lang: doc.Lang}
	a.ID = newsweave.ContentID(a.Title, a.Text)
	return a, nil
}
