package timex_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsweave/newsweave/analyze/timex"
)

func TestZZCtx(t *testing.T) {
	if os.Getenv("TIMEX_CTX") == "" {
		t.Skip()
	}
	dir := "/work/shared/data/timex/wikiwarsde/keyinline"
	ents, _ := os.ReadDir(dir)
	var files []string
	for _, e := range ents {
		files = append(files, e.Name())
	}
	sort.Strings(files)
	tg := timex.NewNarrative()
	for k, f := range files {
		if k%2 != 0 {
			continue // tune only
		}
		raw, _ := os.ReadFile(filepath.Join(dir, f))
		doc, err := timex.ParseTIMEX2(string(raw))
		if err != nil {
			t.Fatal(err)
		}
		r := []rune(doc.Text)
		sys := tg.Tag(doc.Text, doc.Anchor, "de")
		for _, g := range doc.Gold {
			var hit *int
			for i, x := range sys {
				if x.Start < g.End && g.Start < x.End {
					i := i
					hit = &i
					break
				}
			}
			sv := "-"
			if hit != nil {
				sv = sys[*hit].Value
			}
			if sv == g.Value {
				continue
			}
			a := max(0, g.Start-250)
			ctx := strings.ReplaceAll(string(r[a:g.Start]), "\n", " / ")
			fmt.Printf("%s | gold %s sys %s | ...%s[[%s]]%s\n\n", f, g.Value, sv, ctx, g.Text, strings.ReplaceAll(string(r[g.End:min(len(r), g.End+60)]), "\n", " / "))
		}
	}
}
