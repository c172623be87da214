// Package ingest reads raw news inputs — text dumps, HTML pages, JSONL
// exports, WARC(.gz) archives, directories, stdin — and runs them through
// extraction, analysis, the store and the weave hook.
//
// Readers stream: a WARC or JSONL input of any size is read record by record
// with each record capped (MaxSize), so memory stays constant. One bad record
// or file never stops a batch; it becomes a failed Result with a one-line
// reason and the batch goes on.
package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/newsweave/newsweave/extract"
)

// DefaultMaxSize caps one document (a text or HTML file, a JSONL line, a
// WARC record): 50 MB.
const DefaultMaxSize = 50 << 20

// DocReader yields the raw documents of one input.
type DocReader interface {
	// Next returns the next document, or io.EOF after the last one. A
	// *RecordError means that one record was bad and Next may be called
	// again; any other error ends the input.
	Next() (extract.Document, error)
}

// RecordError is a failure of one record inside a container (a JSONL line,
// a WARC record); reading goes on with the next record.
type RecordError struct {
	Input string // "dump.jsonl:12", "dump.warc.gz#17"
	Err   error
}

func (e *RecordError) Error() string { return e.Input + ": " + e.Err.Error() }
func (e *RecordError) Unwrap() error { return e.Err }

// Errors with which inputs are rejected; wrapped with detail.
var (
	ErrEmpty     = errors.New("empty (no content)")
	ErrBinary    = errors.New("binary data (not text, HTML, JSONL or WARC)")
	ErrTooLarge  = errors.New("larger than the size limit")
	ErrInvalidU8 = errors.New("invalid UTF-8")
	ErrTruncated = errors.New("truncated")
)

// errTooLarge formats the size-limit error with the limit in use.
func errTooLarge(max int64) error {
	return fmt.Errorf("%w of %s (--max-size)", ErrTooLarge, FormatBytes(max))
}

// FormatBytes renders n as a short human-readable size ("50 MB").
func FormatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v >= 100 || v == float64(int64(v)) {
		return fmt.Sprintf("%.0f %cB", v, "KMGTP"[exp])
	}
	return fmt.Sprintf("%.1f %cB", v, "KMGTP"[exp])
}

// errNoEOL marks a last line that ended at EOF without a newline: fine for
// JSONL, a sign of truncation inside a WARC header.
var errNoEOL = errors.New("line without newline at end of input")

// readLine reads one line (without the trailing newline) of at most max
// bytes. A longer line is consumed and reported with tooLong=true. It
// returns io.EOF only when no byte was left, and errNoEOL (with the line)
// for a last line without newline.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(buf)+len(frag)) > max+1 { // +1: the newline itself
				tooLong, buf = true, nil
			} else {
				buf = append(buf, frag...)
			}
		}
		switch {
		case err == nil:
			return trimEOL(buf), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			return trimEOL(buf), tooLong, errNoEOL
		default:
			return nil, false, err
		}
	}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}
