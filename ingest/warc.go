package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/newsweave/newsweave/extract"
)

// maxWARCHeader caps the header block of one WARC record (and of the HTTP
// response inside it); real headers are a few hundred bytes.
const maxWARCHeader = 1 << 20

// WARCReader reads HTML documents from a WARC 1.0/1.1 stream (already
// decompressed: wrap multi-member .warc.gz in gzip.NewReader, which reads
// all members). Only "response" records with an HTTP 2xx HTML or text
// payload and "resource" records with such a content type become
// documents; the other records (warcinfo, request, metadata, redirects,
// images, …) are skipped and counted. Each record's block is capped at the
// reader's size limit; larger records are skipped with a RecordError.
type WARCReader struct {
	br      *bufio.Reader
	input   string
	max     int64
	n       int // records read
	skipped int
	err     error // sticky fatal error
}

// NewWARCReader returns a reader over the decompressed WARC stream r; input
// names the file in errors and document inputs ("dump.warc.gz#17").
// maxRecord <= 0 selects DefaultMaxSize.
func NewWARCReader(r io.Reader, input string, maxRecord int64) *WARCReader {
	if maxRecord <= 0 {
		maxRecord = DefaultMaxSize
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &WARCReader{br: br, input: input, max: maxRecord}
}

// Skipped returns the number of records skipped so far because they hold
// no article (non-HTML, non-2xx, request/metadata records).
func (w *WARCReader) Skipped() int { return w.skipped }

// Next returns the next HTML document.
func (w *WARCReader) Next() (extract.Document, error) {
	for {
		if w.err != nil {
			return extract.Document{}, w.err
		}
		doc, ok, err := w.record()
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				w.err = err
			}
			return extract.Document{}, err
		}
		if ok {
			return doc, nil
		}
		w.skipped++
	}
}

func (w *WARCReader) fatal(format string, args ...any) error {
	return fmt.Errorf("%s: record %d: %w", w.input, w.n, fmt.Errorf(format, args...))
}

// record reads one record; ok=false means it holds no document.
func (w *WARCReader) record() (doc extract.Document, ok bool, err error) {
	// Skip the blank lines that end the previous record.
	var version []byte
	for {
		line, tooLong, err := readLine(w.br, 64)
		if errors.Is(err, io.EOF) {
			return doc, false, io.EOF
		}
		if errors.Is(err, errNoEOL) {
			if len(bytes.TrimSpace(line)) == 0 {
				return doc, false, io.EOF // trailing blanks
			}
			w.n++
			return doc, false, w.fatal("%w: record header cut off", ErrTruncated)
		}
		if err != nil {
			return doc, false, w.readErr(err)
		}
		if tooLong {
			return doc, false, fmt.Errorf("%s: after record %d: not a WARC record header", w.input, w.n)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			version = line
			break
		}
	}
	w.n++
	if !bytes.HasPrefix(version, []byte("WARC/")) {
		return doc, false, w.fatal("not a WARC record (starts with %q)", clip(string(version), 20))
	}
	hdr, err := w.headers()
	if err != nil {
		return doc, false, err
	}
	clStr := hdr.Get("Content-Length")
	cl, perr := strconv.ParseInt(strings.TrimSpace(clStr), 10, 64)
	if perr != nil || cl < 0 {
		return doc, false, w.fatal("bad Content-Length %q", clip(clStr, 20))
	}
	typ := strings.ToLower(hdr.Get("WARC-Type"))
	ct := hdr.Get("Content-Type")
	input := fmt.Sprintf("%s#%d", w.input, w.n)
	wanted := typ == "response" && strings.HasPrefix(strings.ToLower(ct), "application/http") ||
		typ == "resource" && isTextual(ct)
	if !wanted || cl > w.max {
		if n, err := io.CopyN(io.Discard, w.br, cl); err != nil {
			return doc, false, w.truncated(n, cl, err)
		}
		if wanted {
			return doc, false, &RecordError{Input: input, Err: errTooLarge(w.max)}
		}
		return doc, false, nil
	}
	block := make([]byte, cl)
	if n, err := io.ReadFull(w.br, block); err != nil {
		return doc, false, w.truncated(int64(n), cl, err)
	}
	doc = extract.Document{Input: input, URL: strings.TrimSpace(strings.Trim(hdr.Get("WARC-Target-URI"), "<>"))}
	// The crawl time anchors relative date cues ("am Freitag") when the page
	// itself carries no publication date.
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(hdr.Get("WARC-Date"))); err == nil {
		doc.Fetched = t
	}
	if typ == "resource" {
		doc.Body = block
		doc.Kind = kindOf(ct)
		return doc, true, nil
	}
	body, ctype, ok, err := httpPayload(block, w.max)
	if err != nil {
		return doc, false, &RecordError{Input: input, Err: err}
	}
	if !ok {
		return doc, false, nil
	}
	doc.Body, doc.Kind = body, kindOf(ctype)
	return doc, true, nil
}

func (w *WARCReader) headers() (textproto.MIMEHeader, error) {
	hdr := textproto.MIMEHeader{}
	total := 0
	var last string
	for {
		line, tooLong, err := readLine(w.br, maxWARCHeader)
		if errors.Is(err, io.EOF) || errors.Is(err, errNoEOL) {
			return nil, w.fatal("%w: record header cut off", ErrTruncated)
		}
		if err != nil {
			return nil, w.readErr(err)
		}
		total += len(line)
		if tooLong || total > maxWARCHeader {
			return nil, w.fatal("header larger than %s", FormatBytes(maxWARCHeader))
		}
		if len(line) == 0 {
			return hdr, nil
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" { // folded continuation
			vs := hdr[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(string(line))
			continue
		}
		k, v, found := strings.Cut(string(line), ":")
		if !found {
			return nil, w.fatal("malformed header line %q", clip(string(line), 40))
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		hdr.Add(last, strings.TrimSpace(v))
	}
}

func (w *WARCReader) truncated(got, want int64, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return w.fatal("%w: block has %d of %d bytes", ErrTruncated, got, want)
	}
	return w.readErr(err)
}

// readErr names decompression failures of .gz inputs clearly.
func (w *WARCReader) readErr(err error) error {
	return fmt.Errorf("%s: record %d: %w", w.input, w.n, streamErr(err))
}

// streamErr turns low-level read errors into one clear reason.
func streamErr(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: compressed stream cut off", ErrTruncated)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return fmt.Errorf("corrupt gzip data: %v", err)
	}
	var ce flate.CorruptInputError
	if errors.As(err, &ce) {
		return fmt.Errorf("corrupt gzip data: %v", err)
	}
	return err
}

// httpPayload parses the HTTP response in a WARC response block. ok=false
// means the response holds no article (status not 2xx, not HTML or text).
func httpPayload(block []byte, max int64) (body []byte, ctype string, ok bool, err error) {
	// Crawlers record HTTP/2 and HTTP/3 fetches as "HTTP/2 200", which
	// net/http's HTTP/1 parser rejects; the headers are the same.
	for _, v := range []string{"HTTP/2 ", "HTTP/3 ", "HTTP/2.0 ", "HTTP/3.0 "} {
		if bytes.HasPrefix(block, []byte(v)) {
			block = append([]byte("HTTP/1.1 "), block[len(v):]...)
			break
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, "", false, fmt.Errorf("bad HTTP response: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", false, nil
	}
	ctype = resp.Header.Get("Content-Type")
	if ctype != "" && !isTextual(ctype) {
		return nil, "", false, nil
	}
	var r io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, "", false, fmt.Errorf("payload: %v", streamErr(err))
		}
		defer zr.Close()
		r = zr
	case "deflate":
		fr := flate.NewReader(r)
		defer fr.Close()
		r = fr
	default:
		return nil, "", false, fmt.Errorf("payload: unsupported Content-Encoding %q", clip(enc, 20))
	}
	body, err = io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, "", false, fmt.Errorf("payload: %v", streamErr(err))
	}
	if int64(len(body)) > max {
		return nil, "", false, errTooLarge(max)
	}
	if ctype == "" && !looksHTML(body) {
		return nil, "", false, nil
	}
	body, err = toUTF8(body, ctype)
	if err != nil {
		return nil, "", false, err
	}
	return body, ctype, true, nil
}

// isTextual reports whether a MIME type can hold an article.
func isTextual(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}

func kindOf(ct string) extract.Kind {
	if strings.Contains(strings.ToLower(ct), "text/plain") {
		return extract.KindText
	}
	return extract.KindHTML
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
