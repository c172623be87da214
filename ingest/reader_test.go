package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsweave/newsweave/extract"
)

// readAll drains a DocReader: documents, record errors and the final error.
func readAll(t testing.TB, dr DocReader) (docs []extract.Document, recErrs []string, final error) {
	t.Helper()
	for i := 0; i < 100000; i++ {
		d, err := dr.Next()
		if errors.Is(err, io.EOF) {
			return docs, recErrs, nil
		}
		var re *RecordError
		if errors.As(err, &re) {
			recErrs = append(recErrs, err.Error())
			continue
		}
		if err != nil {
			return docs, recErrs, err
		}
		docs = append(docs, d)
	}
	t.Fatal("reader does not terminate")
	return
}

func openTestdata(t *testing.T, name string, max int64) (DocReader, Format, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return Open(f, name, max)
}

func TestReaders(t *testing.T) {
	type want struct {
		format  Format
		inputs  []string // document inputs in order
		titles  []string // titles from container metadata
		recErrs []string // substrings, in order
		openErr string   // substring of the Open error
		final   string   // substring of the error that ends the input
	}
	tests := []struct {
		file string
		max  int64
		want want
	}{
		{"article.txt", 0, want{format: FormatText, inputs: []string{"article.txt"}, titles: []string{""}}},
		{"article.txt.gz", 0, want{format: FormatText, inputs: []string{"article.txt.gz"}, titles: []string{""}}},
		{"article.html", 0, want{format: FormatHTML, inputs: []string{"article.html"}, titles: []string{""}}},
		{"latin1.html", 0, want{format: FormatHTML, inputs: []string{"latin1.html"}, titles: []string{""}}},
		{"articles.jsonl", 0, want{format: FormatJSONL,
			inputs: []string{"articles.jsonl:1", "articles.jsonl:4", "articles.jsonl:7"},
			titles: []string{"Hafen bekommt neues Terminal", "Only html", "Hafen bekommt neues Terminal"},
			recErrs: []string{"articles.jsonl:3: invalid JSON", `articles.jsonl:5: field "title" must be a string`,
				"articles.jsonl:6: no text or html field"}}},
		{"articles.json", 0, want{format: FormatJSON, inputs: []string{"articles.json#1", "articles.json#2"},
			titles: []string{"Erstes Stück", "Zweites Stück"}}},
		{"crawl.warc", 0, want{format: FormatWARC, inputs: []string{"crawl.warc#3", "crawl.warc#6"}, titles: []string{"", ""},
			recErrs: []string{"crawl.warc#8: bad HTTP response"}}},
		{"crawl.warc.gz", 0, want{format: FormatWARC, inputs: []string{"crawl.warc.gz#3", "crawl.warc.gz#6"}, titles: []string{"", ""},
			recErrs: []string{"crawl.warc.gz#8: bad HTTP response"}}},
		{"truncated.warc", 0, want{format: FormatWARC, inputs: []string{"truncated.warc#3"}, titles: []string{""},
			final: "truncated.warc: record 4: truncated: record header cut off"}},
		{"truncated.warc.gz", 0, want{format: FormatWARC, inputs: []string{"truncated.warc.gz#3"}, titles: []string{""},
			final: "truncated: compressed stream cut off"}},
		{"binary.bin", 0, want{openErr: "binary.bin: binary data"}},
		{"empty.txt", 0, want{openErr: "empty.txt: empty"}},
		{"blank.html", 0, want{openErr: "blank.html: empty"}},
		{"invalid-utf8.txt", 0, want{format: FormatText, final: "invalid-utf8.txt: invalid UTF-8 at byte 31"}},
		{"article.txt", 100, want{format: FormatText, final: "article.txt: larger than the size limit of 100 B"}},
		{"crawl.warc", 200, want{format: FormatWARC, recErrs: []string{"crawl.warc#3: larger than", "crawl.warc#6: larger than", "crawl.warc#8: bad HTTP response"}}},
		{"articles.jsonl", 130, want{format: FormatJSONL, inputs: []string{"articles.jsonl:4"}, titles: []string{"Only html"},
			recErrs: []string{"articles.jsonl:1: larger than", "articles.jsonl:3: invalid JSON", `articles.jsonl:5: field "title"`,
				"articles.jsonl:6: no text", "articles.jsonl:7: larger than"}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/max=%d", tt.file, tt.max), func(t *testing.T) {
			dr, f, err := openTestdata(t, tt.file, tt.max)
			if tt.want.openErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want.openErr) {
					t.Fatalf("Open error = %v, want %q", err, tt.want.openErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if f != tt.want.format {
				t.Errorf("format = %v, want %v", f, tt.want.format)
			}
			docs, recErrs, final := readAll(t, dr)
			var inputs, titles []string
			for _, d := range docs {
				inputs = append(inputs, d.Input)
				titles = append(titles, d.Title)
				if len(d.Body) == 0 {
					t.Errorf("%s: empty body", d.Input)
				}
			}
			if !reflect.DeepEqual(inputs, tt.want.inputs) {
				t.Errorf("inputs = %q, want %q", inputs, tt.want.inputs)
			}
			if !reflect.DeepEqual(titles, tt.want.titles) {
				t.Errorf("titles = %q, want %q", titles, tt.want.titles)
			}
			if len(recErrs) != len(tt.want.recErrs) {
				t.Errorf("record errors = %q, want %q", recErrs, tt.want.recErrs)
			} else {
				for i := range recErrs {
					if !strings.Contains(recErrs[i], tt.want.recErrs[i]) {
						t.Errorf("record error %d = %q, want %q", i, recErrs[i], tt.want.recErrs[i])
					}
				}
			}
			if (final == nil) != (tt.want.final == "") || final != nil && !strings.Contains(final.Error(), tt.want.final) {
				t.Errorf("final error = %v, want %q", final, tt.want.final)
			}
		})
	}
}

func TestWARCDocuments(t *testing.T) {
	dr, _, err := openTestdata(t, "crawl.warc.gz", 0)
	if err != nil {
		t.Fatal(err)
	}
	docs, _, final := readAll(t, dr)
	if final != nil || len(docs) != 2 {
		t.Fatalf("docs = %d, final = %v", len(docs), final)
	}
	if docs[0].URL != "https://news.example/faehre" || docs[0].Kind != extract.KindHTML ||
		!bytes.Contains(docs[0].Body, []byte("Fähre nach Gotland")) {
		t.Errorf("doc 0 = %+v", docs[0])
	}
	if want := time.Date(2024, 6, 18, 10, 0, 0, 0, time.UTC); !docs[0].Fetched.Equal(want) {
		t.Errorf("Fetched = %v, want WARC-Date %v", docs[0].Fetched, want)
	}
	// The second payload is Content-Encoding: gzip and must arrive decoded.
	if !bytes.Contains(docs[1].Body, []byte("Rekordernte bei Äpfeln")) {
		t.Errorf("gzip payload not decoded: %q", docs[1].Body[:min(60, len(docs[1].Body))])
	}
	if wr := dr.(*WARCReader); wr.Skipped() != 5 {
		t.Errorf("skipped = %d, want 5 (warcinfo, request, 404, image, metadata)", wr.Skipped())
	}
}

func TestWARCHTTPVariants(t *testing.T) {
	rec := func(http string) string {
		return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: <https://example.org/x>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(http), http)
	}
	page := "<html><body><p>Artikel</p></body></html>"
	stream := rec("HTTP/2 200\r\ncontent-type: text/html\r\n\r\n"+page) +
		rec("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"+fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(page), page)) +
		rec("HTTP/1.1 200 OK\r\n\r\n"+page) + // no Content-Type: sniffed
		rec("HTTP/1.1 200 OK\r\n\r\n%PDF-1.4 binary") + // no Content-Type, not HTML: skipped
		rec("HTTP/1.1 301 Moved\r\nLocation: /y\r\n\r\n")
	dr := NewWARCReader(strings.NewReader(stream), "v.warc", 0)
	docs, recErrs, final := readAll(t, dr)
	if final != nil || len(recErrs) > 0 || len(docs) != 3 {
		t.Fatalf("docs %d, record errors %q, final %v", len(docs), recErrs, final)
	}
	for _, d := range docs {
		if string(d.Body) != page || d.URL != "https://example.org/x" {
			t.Errorf("%s: body %q url %q", d.Input, d.Body, d.URL)
		}
	}
	if dr.Skipped() != 2 {
		t.Errorf("skipped %d, want 2", dr.Skipped())
	}
}

func TestLatin1Decoded(t *testing.T) {
	dr, _, err := openTestdata(t, "latin1.html", 0)
	if err != nil {
		t.Fatal(err)
	}
	docs, _, final := readAll(t, dr)
	if final != nil || len(docs) != 1 {
		t.Fatalf("docs = %d, final = %v", len(docs), final)
	}
	body := string(docs[0].Body)
	if !strings.Contains(body, "Grüße aus Köln") || !strings.Contains(body, "charset=utf-8") {
		t.Errorf("latin-1 page not converted: %q", body)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
		err        error
	}{
		{"-", "WARC/1.1\r\n", FormatWARC, nil},
		{"-", `{"title":"a","text":"b"}` + "\n", FormatJSONL, nil},
		{"-", "{\n  \"title\": \"a\"\n}", FormatJSON, nil},
		{"-", `[{"title":"a"}]`, FormatJSON, nil},
		{"-", "<!DOCTYPE html><html>", FormatHTML, nil},
		{"-", "\ufeff  <html lang=de>", FormatHTML, nil},
		{"-", "Titel\n\nText", FormatText, nil},
		{"page.html", "kein tag", FormatHTML, nil},
		{"x.json", `{"a":1}` + "\n" + `{"a":2}`, FormatJSONL, nil},
		{"x.warc", "hello", FormatUnknown, errors.New("not a WARC file")},
		{"-", " \n\t", FormatUnknown, ErrEmpty},
		{"-", "a\x00b", FormatUnknown, ErrBinary},
		{"-", strings.Repeat("\x01\x02\x03 text", 10), FormatUnknown, ErrBinary},
	}
	for _, tt := range tests {
		got, err := Sniff(tt.name, []byte(tt.head))
		if got != tt.want || (err == nil) != (tt.err == nil) || err != nil && !strings.Contains(err.Error(), tt.err.Error()) {
			t.Errorf("Sniff(%q, %q) = %v, %v; want %v, %v", tt.name, tt.head, got, err, tt.want, tt.err)
		}
	}
}

func TestExpand(t *testing.T) {
	srcs := Expand([]string{"testdata/dir", "testdata/nope.txt", "-"}, strings.NewReader(""))
	var names []string
	for _, s := range srcs {
		n := filepath.ToSlash(s.Name)
		if s.Err != nil {
			n += " ERR " + s.Err.Error()
		}
		names = append(names, n)
	}
	want := []string{"testdata/dir/a.txt", "testdata/dir/sub/b.html", "testdata/nope.txt ERR no such file or directory", "-"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Expand = %q, want %q", names, want)
	}
}

func TestParseReadLine(t *testing.T) {
	// A line longer than the cap is consumed whole and flagged; the next
	// line is intact.
	r := NewJSONLReader(strings.NewReader(strings.Repeat("x", 5000)+"\n"+`{"text":"ok"}`), "s", 100)
	_, err := r.Next()
	var re *RecordError
	if !errors.As(err, &re) || !errors.Is(err, ErrTooLarge) || re.Input != "s:1" {
		t.Fatalf("long line: %v", err)
	}
	d, err := r.Next()
	if err != nil || string(d.Body) != "ok" || d.Input != "s:2" {
		t.Fatalf("next line: %+v, %v", d, err)
	}
}

// synthWARC streams n synthetic response records of about size bytes
// each, gzip-compressed per record when gz, without holding them all.
func synthWARC(n, size int, gz bool) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		body := []byte("<html><head><title>T</title></head><body><p>" + strings.Repeat("Wort ", size/5) + "</p></body></html>")
		for i := 0; i < n; i++ {
			http := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", len(body))
			hdr := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/%d\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n",
				i, len(http)+len(body))
			var w io.Writer = pw
			var zw *gzip.Writer
			if gz {
				zw = gzip.NewWriter(pw)
				w = zw
			}
			if _, err := io.WriteString(w, hdr+http); err != nil {
				return
			}
			w.Write(body)
			io.WriteString(w, "\r\n\r\n")
			if zw != nil {
				zw.Close()
			}
		}
		pw.Close()
	}()
	return pr
}

// TestWARCConstantMemory streams 150 MB of records and checks the heap
// never grows with the input.
func TestWARCConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const n, size = 3000, 50 << 10
	dr, _, err := Open(synthWARC(n, size, true), "big.warc.gz", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc // packages' own data (models, tables)
	count := 0
	for {
		_, err := dr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		count++
		if count%500 == 0 {
			runtime.GC() // live heap, not garbage awaiting collection
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if count != n {
		t.Errorf("read %d records, want %d", count, n)
	}
	if peak-base > 16<<20 {
		t.Errorf("heap grew by %s while streaming %s", FormatBytes(int64(peak-base)), FormatBytes(int64(n*size)))
	}
}

func BenchmarkWARCReader(b *testing.B) {
	for _, gz := range []bool{false, true} {
		b.Run(fmt.Sprintf("gzip=%v", gz), func(b *testing.B) {
			var buf bytes.Buffer
			io.Copy(&buf, synthWARC(200, 20<<10, gz))
			data := buf.Bytes()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				dr, _, err := Open(bytes.NewReader(data), "b.warc", 0)
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := dr.Next(); err != nil {
						if !errors.Is(err, io.EOF) {
							b.Fatal(err)
						}
						break
					}
				}
			}
		})
	}
}

func BenchmarkJSONLReader(b *testing.B) {
	var buf bytes.Buffer
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&buf, `{"url":"https://example.org/%d","title":"Titel %d","text":"%s","date":"2024-01-01","lang":"de"}`+"\n",
			i, i, strings.Repeat("Ein Satz über die Nachrichten des Tages. ", 50))
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewJSONLReader(bytes.NewReader(data), "b.jsonl", 0)
		for {
			if _, err := r.Next(); err != nil {
				if !errors.Is(err, io.EOF) {
					b.Fatal(err)
				}
				break
			}
		}
	}
}
