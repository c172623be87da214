package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// drain reads every document of dr, checking the reader's invariants: it
// terminates, documents are non-empty and capped, and errors are one line.
func drain(t *testing.T, dr DocReader, limit int64, inputLen int) {
	t.Helper()
	for i := 0; ; i++ {
		if i > inputLen+10 {
			t.Fatalf("reader yields more items (%d) than input bytes (%d)", i, inputLen)
		}
		d, err := dr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			if bytes.ContainsAny([]byte(err.Error()), "\n") {
				t.Fatalf("multi-line error: %q", err)
			}
			var re *RecordError
			if errors.As(err, &re) {
				continue
			}
			// A fatal error is sticky.
			if _, err2 := dr.Next(); err2 == nil {
				t.Fatalf("reader goes on after fatal error %v", err)
			}
			return
		}
		if len(d.Body) == 0 {
			t.Fatalf("%s: empty body", d.Input)
		}
		if int64(len(d.Body)) > limit*4 { // decoding may grow a page (latin-1 → UTF-8)
			t.Fatalf("%s: body of %d bytes exceeds the cap %d", d.Input, len(d.Body), limit)
		}
		if d.Kind == 2 /* HTML */ && !utf8.Valid(d.Body) {
			t.Fatalf("%s: HTML body not UTF-8", d.Input)
		}
	}
}

func seed(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzWARCReader(f *testing.F) {
	seed(f, "crawl.warc", "truncated.warc", "crawl.warc.gz", "truncated.warc.gz")
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n\r\n<p>x\r\n\r\n"))
	f.Add([]byte("WARC/1.0\nWARC-Type: response\nContent-Type: application/http\nContent-Length: 40\n\nHTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n5\r\nhello\r\n0\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nContent-Length: -1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 1 << 16
		drain(t, NewWARCReader(bytes.NewReader(data), "f.warc", limit), limit, len(data))
		// The same bytes through the sniffing opener (gzip, format detection).
		if dr, _, err := Open(bytes.NewReader(data), "f.warc.gz", limit); err == nil {
			drain(t, dr, limit, len(data)+1<<20)
		}
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(data)
		zw.Close()
		if dr, _, err := Open(&gz, "-", limit); err == nil {
			drain(t, dr, limit, len(data)+10)
		}
	})
}

func FuzzJSONLReader(f *testing.F) {
	seed(f, "articles.jsonl", "articles.json")
	f.Add([]byte(`{"title":"a","text":"b","date":null}` + "\n\n" + `{"html":"<p>x</p>","lang":"de"}`))
	f.Add([]byte(`{"title":{"x":1},"text":"b"}`))
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"\xff\"}\n[1,2]\n\"s\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 1 << 12
		drain(t, NewJSONLReader(bytes.NewReader(data), "f.jsonl", limit), limit, len(data))
		if dr, _, err := Open(bytes.NewReader(data), "f.json", limit); err == nil {
			drain(t, dr, limit, len(data))
		}
	})
}
