package analyze

import (
	"encoding/json"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/demo"
)

// TestNoStateBetweenArticles checks the promise that lets analysis run in
// worker processes: an article's analysis depends on the article alone, not
// on what the same Analyzer analysed before or is analysing concurrently.
func TestNoStateBetweenArticles(t *testing.T) {
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := demo.Expected()
	if err != nil {
		t.Fatal(err)
	}
	var arts []newsweave.Article
	for _, e := range entries {
		if e.Line != 0 || !strings.HasSuffix(e.Path, ".txt") {
			continue
		}
		b, err := fs.ReadFile(demo.FS(), e.Path)
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, newsweave.Article{Text: string(b), Lang: e.Lang, Published: e.Date})
	}
	if len(arts) < 10 {
		t.Fatalf("only %d demo articles", len(arts))
	}
	analyse := func(i int) string {
		a := arts[i]
		an.Analyze(&a)
		b, err := json.Marshal(struct{ E, T, V, D any }{a.Entities, a.Times, a.Events, a.EventDate})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := make([]string, len(arts))
	for i := range arts {
		want[i] = analyse(i)
	}
	for i := len(arts) - 1; i >= 0; i-- { // reverse order
		if got := analyse(i); got != want[i] {
			t.Errorf("article %d: second analysis (reverse order) differs:\n%s\n%s", i, want[i], got)
		}
	}
	var wg sync.WaitGroup
	got := make([][]string, 4)
	for w := range got {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := range arts {
				i := (k*7 + w*13) % len(arts)
				got[w] = append(got[w], analyse(i))
			}
		}(w)
	}
	wg.Wait()
	for w := range got {
		for k, g := range got[w] {
			if i := (k*7 + w*13) % len(arts); g != want[i] {
				t.Errorf("article %d: concurrent analysis differs", i)
			}
		}
	}
}
