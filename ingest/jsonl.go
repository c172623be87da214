package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/newsweave/newsweave/extract"
)

// jsonFields maps the accepted JSON keys of an article to document
// fields; later keys of a group are aliases used when earlier ones are empty.
var jsonFields = []struct {
	keys []string
	set  func(d *extract.Document, v string)
}{
	{[]string{"url"}, func(d *extract.Document, v string) { d.URL = v }},
	{[]string{"title"}, func(d *extract.Document, v string) { d.Title = v }},
	{[]string{"date", "published"}, func(d *extract.Document, v string) { d.Date = v }},
	{[]string{"source"}, func(d *extract.Document, v string) { d.Source = v }},
	{[]string{"lang"}, func(d *extract.Document, v string) { d.Lang = v }},
}

// DocumentFromJSON turns one JSON article object — fields url, title, text,
// html, date, source, lang ("published" for date, "content"/"body" for text
// are accepted too; other fields are ignored) — into a document. text
// (already clean) wins over html (a raw page to extract). input names it.
func DocumentFromJSON(data []byte, input string) (extract.Document, error) {
	data = bytes.TrimSpace(data)
	if !utf8.Valid(data) {
		return extract.Document{}, fmt.Errorf("%w at byte %d", ErrInvalidU8, firstInvalid(data))
	}
	if len(data) == 0 || data[0] != '{' {
		return extract.Document{}, errors.New("not a JSON object")
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return extract.Document{}, fmt.Errorf("invalid JSON: %v", strings.TrimPrefix(err.Error(), "json: "))
	}
	str := func(key string) (string, error) {
		raw, ok := m[key]
		if !ok || string(raw) == "null" {
			return "", nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("field %q must be a string", key)
		}
		return s, nil
	}
	first := func(keys ...string) (string, string, error) {
		for _, k := range keys {
			v, err := str(k)
			if err != nil {
				return "", "", err
			}
			if strings.TrimSpace(v) != "" {
				return v, k, nil
			}
		}
		return "", "", nil
	}
	doc := extract.Document{Input: input}
	for _, f := range jsonFields {
		v, _, err := first(f.keys...)
		if err != nil {
			return extract.Document{}, err
		}
		f.set(&doc, strings.TrimSpace(v))
	}
	text, _, err := first("text", "content", "body")
	if err != nil {
		return extract.Document{}, err
	}
	html, _, err := first("html")
	if err != nil {
		return extract.Document{}, err
	}
	switch {
	case text != "":
		doc.Body, doc.Kind = []byte(text), extract.KindText
	case html != "":
		doc.Body, doc.Kind = []byte(html), extract.KindHTML
	default:
		return extract.Document{}, errors.New("no text or html field")
	}
	return doc, nil
}

func jsonValid(b []byte) bool { return json.Valid(b) }

// JSONLReader reads one JSON article per line (see DocumentFromJSON). Blank
// lines are skipped; a bad or over-long line is a RecordError naming the
// line ("dump.jsonl:12") and reading goes on.
type JSONLReader struct {
	br    *bufio.Reader
	input string
	max   int64
	line  int
}

// NewJSONLReader returns a reader over r; each line is capped at maxLine
// bytes (<= 0: DefaultMaxSize).
func NewJSONLReader(r io.Reader, input string, maxLine int64) *JSONLReader {
	if maxLine <= 0 {
		maxLine = DefaultMaxSize
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &JSONLReader{br: br, input: input, max: maxLine}
}

// Next returns the document of the next non-blank line.
func (j *JSONLReader) Next() (extract.Document, error) {
	for {
		line, tooLong, err := readLine(j.br, j.max)
		if errors.Is(err, errNoEOL) {
			err = nil
		}
		if errors.Is(err, io.EOF) {
			return extract.Document{}, io.EOF
		}
		if err != nil {
			return extract.Document{}, fmt.Errorf("%s:%d: %w", j.input, j.line+1, streamErr(err))
		}
		j.line++
		input := fmt.Sprintf("%s:%d", j.input, j.line)
		if tooLong {
			return extract.Document{}, &RecordError{Input: input, Err: errTooLarge(j.max)}
		}
		if j.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		doc, err := DocumentFromJSON(line, input)
		if err != nil {
			return extract.Document{}, &RecordError{Input: input, Err: err}
		}
		return doc, nil
	}
}

// jsonReader reads a whole JSON document (capped at max): one article
// object, an array of them, or a sequence of (pretty-printed) objects.
type jsonReader struct {
	dec    *json.Decoder
	input  string
	n      int
	array  bool // top level is an array of articles
	opened bool // its [ was consumed
	err    error
}

func newJSONReader(r *bufio.Reader, input string, max int64) *jsonReader {
	if b, _ := r.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		r.Discard(3) // a BOM would make the decoder fail
	}
	head, _ := r.Peek(sniffLen)
	head = bytes.TrimLeft(head, " \t\r\n")
	lr := &limitErrReader{r: r, n: max}
	return &jsonReader{dec: json.NewDecoder(lr), input: input, array: len(head) > 0 && head[0] == '['}
}

// limitErrReader fails (instead of a silent EOF) once more than n bytes
// are read, so a cut-off document is never mistaken for a complete one.
type limitErrReader struct {
	r io.Reader
	n int64
}

func (l *limitErrReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, ErrTooLarge
	}
	return n, err
}

func (j *jsonReader) Next() (extract.Document, error) {
	if j.err != nil {
		return extract.Document{}, j.err
	}
	doc, err := j.next()
	if err != nil {
		var re *RecordError
		if !errors.As(err, &re) {
			j.err = err
		}
	}
	return doc, err
}

func (j *jsonReader) next() (extract.Document, error) {
	if j.array && !j.opened {
		if _, err := j.dec.Token(); err != nil { // opening [
			return extract.Document{}, j.fail(err)
		}
		j.opened = true
	}
	if j.array && !j.dec.More() {
		if _, err := j.dec.Token(); err != nil { // closing ]
			return extract.Document{}, j.fail(err)
		}
		return extract.Document{}, io.EOF
	}
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) && !j.array && j.n > 0 {
			return extract.Document{}, io.EOF
		}
		return extract.Document{}, j.fail(err)
	}
	j.n++
	input := fmt.Sprintf("%s#%d", j.input, j.n)
	doc, err := DocumentFromJSON(raw, input)
	if err != nil {
		return extract.Document{}, &RecordError{Input: input, Err: err}
	}
	return doc, nil
}

func (j *jsonReader) fail(err error) error {
	switch {
	case errors.Is(err, ErrTooLarge):
		return fmt.Errorf("%s: %w (--max-size)", j.input, ErrTooLarge)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: %w: JSON cut off", j.input, ErrTruncated)
	}
	return fmt.Errorf("%s: invalid JSON: %v", j.input, streamErr(err))
}
