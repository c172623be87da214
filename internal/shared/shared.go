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
