// Package extract turns one raw document (HTML page or plain-text dump) into
// a clean newsweave.Article: boilerplate removed, mojibake repaired, title,
// publication date, source, authors, agencies and language found.
//
// HTML goes through go-trafilatura (main content) and go-htmldate plus
// JSON-LD/meta dates, followed by news-specific line filters. Plain-text
// dumps go through CleanText, a line classifier for the debris that crawlers
// leave around news articles (comment sections, paywall prompts, newsletter
// boxes, teaser lists, share bars, captions, widgets).
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze/lang"
	"golang.org/x/text/unicode/norm"
)

// Kind is the format of a raw document.
type Kind int

// Document kinds.
const (
	KindAuto Kind = iota // sniff from content
	KindText
	KindHTML
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindHTML:
		return "html"
	}
	return "auto"
}

// Document is one raw input as handed over by ingest.
type Document struct {
	Input string // path as given, "-" for stdin, "dump.warc.gz#17" for a WARC record
	URL   string
	Body  []byte
	Kind  Kind
	// Metadata supplied by the container (JSONL fields, WARC headers);
	// empty means unknown and is then extracted from Body.
	Title, Date, Source, Lang string
	// Fetched is when the document was crawled (WARC-Date), if known. It is
	// only used as the anchor for dates inferred from relative cues
	// ("am Freitag"); zero means unknown, and then no such date is guessed.
	Fetched time.Time
}

// Errors returned for inputs that are not articles. Extract wraps them with
// details; test with errors.Is.
var (
	ErrEmpty   = errors.New("empty document")
	ErrBinary  = errors.New("binary data, not a text or HTML document")
	ErrNotUTF8 = errors.New("invalid UTF-8 in text document")
	ErrNoText  = errors.New("no article text found")
)

// MaxBody is the largest document Extract accepts (bigger inputs are not
// news articles and would only cost time).
const MaxBody = 16 << 20

// Options tune an Extractor.
type Options struct {
	// HTMLFocus trades recall against precision in go-trafilatura.
	HTMLFocus Focus
	// NoLang skips language detection (Lang stays as given by the document).
	NoLang bool
	// NoFallback disables go-trafilatura's readability/dom-distiller
	// fallback (faster, slightly lower recall).
	NoFallback bool
}

// Focus selects go-trafilatura's extraction focus.
type Focus int

// Focus values.
const (
	Balanced Focus = iota
	FavorRecall
	FavorPrecision
)

// Extractor holds loaded, immutable resources (language models, lists);
// safe for concurrent use.
type Extractor struct {
	opts Options
	lang *lang.Detector
}

// New returns an Extractor with default options.
func New() *Extractor { return NewWithOptions(Options{}) }

// NewWithOptions returns an Extractor with the given options.
func NewWithOptions(o Options) *Extractor {
	e := &Extractor{opts: o}
	if !o.NoLang {
		e.lang = lang.Default()
	}
	return e
}

// Extract cleans one document. It returns an error (wrapping ErrEmpty,
// ErrBinary, ErrNotUTF8 or ErrNoText) for inputs that hold no article.
func (e *Extractor) Extract(doc Document) (a *newsweave.Article, err error) {
	// The HTML libraries are third-party code fed with untrusted pages: a
	// panic there must cost one document, not the ingest run.
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("extraction failed: internal error: %v", r)
		}
	}()
	body := doc.Body
	if len(body) > MaxBody {
		return nil, fmt.Errorf("document too large (%d bytes, limit %d)", len(body), MaxBody)
	}
	body = bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")) // UTF-8 BOM
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, ErrEmpty
	}
	if IsBinary(body) {
		return nil, ErrBinary
	}
	kind := doc.Kind
	if kind == KindAuto {
		kind = Sniff(body)
	}
	if kind == KindHTML {
		a, err = e.extractHTML(doc, body)
	} else {
		if !utf8.Valid(body) {
			off := invalidOffset(body)
			return nil, fmt.Errorf("%w at byte %d (convert the file to UTF-8, e.g. with iconv)", ErrNotUTF8, off)
		}
		a, err = e.extractText(doc, string(body))
	}
	if err != nil {
		return nil, err
	}
	e.finish(doc, a)
	if strings.TrimSpace(a.Text) == "" {
		return nil, ErrNoText
	}
	return a, nil
}

// finish applies container metadata, language detection and the content ID.
func (e *Extractor) finish(doc Document, a *newsweave.Article) {
	a.Input = doc.Input
	if doc.URL != "" {
		a.URL = doc.URL
	}
	if doc.Date != "" {
		if d, ok := normaliseISODate(doc.Date); ok {
			a.Published, a.PublishedConfidence, a.PublishedFrom = d, 1, "container"
		}
	}
	if doc.Source != "" {
		a.Source = doc.Source
	}
	if a.Source == "" && a.URL != "" {
		a.Source = domainOf(a.URL)
	}
	if doc.Lang != "" {
		a.Lang = strings.ToLower(doc.Lang)
	} else if e.lang != nil {
		if l := e.lang.Detect(a.Title + "\n" + a.Text); l != "" {
			a.Lang = l
		}
	}
	// NFC: combining sequences (Mac exports, some scripts) compare and
	// search like their composed forms.
	a.Title = norm.NFC.String(a.Title)
	a.Text = norm.NFC.String(a.Text)
	a.ID = newsweave.ContentID(a.Title, a.Text)
}

// Sniff guesses whether body is HTML or plain text.
func Sniff(body []byte) Kind {
	head := body
	if len(head) > 2048 {
		head = head[:2048]
	}
	h := bytes.ToLower(bytes.TrimSpace(head))
	if !bytes.HasPrefix(h, []byte("<")) {
		return KindText
	}
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p", "<article", "<?xml", "<!--"} {
		if bytes.Contains(h, []byte(tag)) {
			return KindHTML
		}
	}
	return KindText
}

// IsBinary reports NUL bytes or a high share of control characters in the
// first 8 KiB: images, PDFs, archives, UTF-16 files. Ingest uses it to sniff
// inputs before extraction sees them.
func IsBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	return ctrl*20 > len(b) // more than 5 %
}

func invalidOffset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
