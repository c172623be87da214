// Package shared locates the development data that lives beside the
// checkout in ../shared (seeds, data sets). It is never copied into the
// repository; tests that need it skip when it is absent.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data directory: $NEWSWEAVE_SHARED if set, else the
// first "shared" directory found beside the module root or one of its
// parents. It returns "" when there is none.
func Dir() string {
	if d := os.Getenv("NEWSWEAVE_SHARED"); d != "" {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			cand := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				return cand
			}
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns filepath.Join(Dir(), elem...) or skips the test when the
// shared directory or the named file is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skip("../shared not present")
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s not present", p)
	}
	return p
}

// SeedCrawlDates are the publication dates of the five seed pages (keyed by
// their file-name prefix) as a crawler records them next to the page. Most
// seed dumps carry no date in their text, so tests that need the story's
// chronology pass these in as crawl metadata, the way ingest receives a
// JSONL "date" field, a WARC-Date or an API POST "date".
var SeedCrawlDates = map[string]string{
	"000": "2014-12-19", // taz: Peskow and the FBI "am Freitag"
	"001": "2014-12-17", // Handelsblatt: the Asahi Shimbun report "am Mittwoch"
	"002": "2024-01-22", // Putin accepted the invitation "am Sonntag", 21 Jan 2024
	"003": "2014-11-17", // FAZ: Choe Ryong-hae's trip, Daily NK "am Montag"
	"004": "2023-09-15", // dateline
}
