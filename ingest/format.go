package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/newsweave/newsweave/extract"
)

// Format is the container format of one input.
type Format int

// Input formats.
const (
	FormatUnknown Format = iota
	FormatText           // one plain-text article (a page dump)
	FormatHTML           // one HTML page
	FormatJSONL          // one JSON article per line
	FormatJSON           // one JSON article, or an array of them
	FormatWARC           // WARC 1.0/1.1 archive
)

var formatNames = [...]string{"unknown", "text", "html", "jsonl", "json", "warc"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// sniffLen is how much of an input is looked at to decide its format.
const sniffLen = 8 << 10

// Sniff decides the format of an input from its name (extension, may be
// "" or "-") and its first bytes (decompressed). It returns ErrEmpty or
// ErrBinary for inputs that cannot hold articles.
func Sniff(name string, head []byte) (Format, error) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 {
		return FormatUnknown, ErrEmpty
	}
	if bytes.HasPrefix(trimmed, []byte("WARC/")) {
		return FormatWARC, nil
	}
	if extract.IsBinary(head) {
		return FormatUnknown, ErrBinary
	}
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	switch ext {
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	case ".json":
		if trimmed[0] == '{' && firstLineIsObject(trimmed) {
			return FormatJSONL, nil // one object per line also streams
		}
		return FormatJSON, nil
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML, nil
	case ".txt", ".text":
		return FormatText, nil
	case ".warc":
		return FormatUnknown, errors.New("not a WARC file (no WARC/1.x header)")
	}
	switch {
	case trimmed[0] == '[':
		return FormatJSON, nil
	case trimmed[0] == '{':
		if firstLineIsObject(trimmed) {
			return FormatJSONL, nil
		}
		return FormatJSON, nil
	case looksHTML(trimmed):
		return FormatHTML, nil
	}
	return FormatText, nil
}

// firstLineIsObject reports whether the first line of b is a whole JSON
// object (JSONL) rather than the start of a pretty-printed one.
func firstLineIsObject(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	line = bytes.TrimSpace(line)
	return len(line) > 1 && line[len(line)-1] == '}' && jsonValid(line)
}

var htmlStart = regexp.MustCompile(`(?i)^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|script|link|h[1-6])[\s>/]`)

// looksHTML reports whether b starts like an HTML document.
func looksHTML(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) > 2048 {
		b = b[:2048]
	}
	return htmlStart.Match(b)
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// toUTF8 returns HTML as UTF-8. Valid UTF-8 is returned as is; otherwise
// the charset declared in the HTTP Content-Type or a <meta> tag decodes it
// (and the meta tag is rewritten to utf-8). Invalid UTF-8 without a
// declared charset is an error.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	if utf8.Valid(body) {
		return body, nil
	}
	name := ""
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		name = params["charset"]
	}
	head := body[:min(len(body), 4096)]
	loc := metaCharset.FindSubmatchIndex(head)
	if name == "" && loc != nil {
		name = string(head[loc[2]:loc[3]])
	}
	if name == "" {
		return nil, fmt.Errorf("%w (and no charset declared)", ErrInvalidU8)
	}
	enc, canon := charset.Lookup(name)
	if enc == nil {
		return nil, fmt.Errorf("%w (unknown charset %q)", ErrInvalidU8, clip(name, 20))
	}
	if canon == "utf-8" {
		return nil, fmt.Errorf("%w (declared utf-8)", ErrInvalidU8)
	}
	if loc != nil { // keep the declaration true after decoding
		fixed := make([]byte, 0, len(body)+8)
		fixed = append(fixed, body[:loc[2]]...)
		fixed = append(fixed, "utf-8"...)
		body = append(fixed, body[loc[3]:]...)
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %v", canon, err)
	}
	return out, nil
}

// countingReader adds the bytes read to a counter (progress).
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n != nil {
		c.n.Add(int64(n))
	}
	return n, err
}

// readErrReader maps decompression errors to clear reasons.
type readErrReader struct{ r io.Reader }

func (e readErrReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		err = streamErr(err)
	}
	return n, err
}

// Open sniffs the format of r (transparently decompressing gzip) and
// returns a reader of its documents. name is the input's name for errors
// and document inputs (a path, "-" for stdin); maxSize caps each document
// (<= 0: DefaultMaxSize). Errors are prefixed with name.
func Open(r io.Reader, name string, maxSize int64) (DocReader, Format, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br) // multistream: reads every member
		if err != nil {
			return nil, FormatUnknown, fmt.Errorf("%s: %w", name, streamErr(err))
		}
		br = bufio.NewReaderSize(readErrReader{zr}, 64<<10)
	}
	head, err := br.Peek(sniffLen)
	if err != nil && len(head) == 0 && !errors.Is(err, io.EOF) {
		// With some bytes, sniff them: the reader meets the error later,
		// after the records before it.
		return nil, FormatUnknown, fmt.Errorf("%s: %w", name, streamErr(err))
	}
	f, err := Sniff(name, head)
	if err != nil {
		return nil, f, fmt.Errorf("%s: %w", name, err)
	}
	switch f {
	case FormatWARC:
		return NewWARCReader(br, name, maxSize), f, nil
	case FormatJSONL:
		return NewJSONLReader(br, name, maxSize), f, nil
	case FormatJSON:
		return newJSONReader(br, name, maxSize), f, nil
	}
	return &singleReader{r: br, name: name, max: maxSize, format: f}, f, nil
}

// singleReader yields one text or HTML document: the whole input.
type singleReader struct {
	r      io.Reader
	name   string
	max    int64
	format Format
	done   bool
}

func (s *singleReader) Next() (extract.Document, error) {
	if s.done {
		return extract.Document{}, io.EOF
	}
	s.done = true
	body, err := io.ReadAll(io.LimitReader(s.r, s.max+1))
	if err != nil {
		return extract.Document{}, fmt.Errorf("%s: %w", s.name, streamErr(err))
	}
	if int64(len(body)) > s.max {
		return extract.Document{}, fmt.Errorf("%s: %w", s.name, errTooLarge(s.max))
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(body)) == 0 {
		return extract.Document{}, fmt.Errorf("%s: %w", s.name, ErrEmpty)
	}
	doc := extract.Document{Input: s.name, Body: body, Kind: extract.KindText}
	if s.format == FormatHTML {
		doc.Kind = extract.KindHTML
		if doc.Body, err = toUTF8(body, ""); err != nil {
			return extract.Document{}, fmt.Errorf("%s: %w", s.name, err)
		}
	} else if !utf8.Valid(body) {
		return extract.Document{}, fmt.Errorf("%s: %w at byte %d", s.name, ErrInvalidU8, firstInvalid(body))
	}
	return doc, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
