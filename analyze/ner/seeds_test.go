package ner

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsweave/newsweave/internal/shared"
)

// seedEntities are the people, organisations and places an analyst lists
// for the seed articles, each with the spellings used there.
var seedEntities = []struct {
	typ   string
	forms []string
}{
	{"PER", []string{"Putin", "Wladimir Putin", "Putins"}},
	{"PER", []string{"Kim Jong Un", "Kim Jong-un", "Kim Jung-un", "Kim Jong-uns"}},
	{"PER", []string{"Kim Jong Il", "Kim Jong-il"}},
	{"PER", []string{"Kim Il-sung"}},
	{"PER", []string{"Kim Hyun-joon"}},
	{"PER", []string{"Dmitri Peskow"}},
	{"PER", []string{"Sergej Lawrow"}},
	{"PER", []string{"Choe Ryong-hae", "Choes"}},
	{"PER", []string{"Choe Son-hui"}},
	{"PER", []string{"John Kirby"}},
	{"PER", []string{"Matthew Miller"}},
	{"PER", []string{"James Clapper"}},
	{"PER", []string{"Donald Trump"}},
	{"ORG", []string{"FBI"}},
	{"ORG", []string{"KCNA"}},
	{"ORG", []string{"Tass"}},
	{"ORG", []string{"Asahi Shimbun"}},
	{"ORG", []string{"Daily NK"}},
	{"LOC", []string{"Moskau", "MOSKAU"}},
	{"LOC", []string{"Pjöngjang", "Pjöngjangs"}},
	{"LOC", []string{"Wostotschny"}},
	{"LOC", []string{"Chabarowsk"}},
	{"LOC", []string{"Wladiwostok"}},
	{"LOC", []string{"Russland", "Russlands"}},
	{"LOC", []string{"Nordkorea", "Nordkoreas"}},
	{"LOC", []string{"Südkorea"}},
	{"LOC", []string{"Washington", "WASHINGTON"}},
	{"LOC", []string{"Ukraine"}},
	{"LOC", []string{"China"}},
}

func TestSeeds(t *testing.T) {
	dir := shared.Path(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed articles")
	}
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if r.lx.lookup("Pjöngjang", "LOC") == nil {
		t.Skip("Debian gazetteers (iso-codes, libgeonames-common) not installed")
	}
	maxLen := make([]int, len(seedEntities))
	for i, e := range seedEntities {
		for _, f := range e.forms {
			maxLen[i] = max(maxLen[i], len([]rune(f)))
		}
	}
	ids := make([]map[string]int, len(seedEntities))
	for i := range ids {
		ids[i] = map[string]int{}
	}
	found := make([]int, len(seedEntities))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		runes := []rune(text)
		ms := r.Recognize(text, "de")
		for i, e := range seedEntities {
			for _, form := range e.forms {
				re := regexp.MustCompile(`(^|[^\pL\pN-])` + regexp.QuoteMeta(form) + `($|[^\pL\pN-])`)
				for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
					start := len([]rune(text[:loc[3]]))
					end := start + len([]rune(form))
					hit := false
					for _, m := range ms {
						if m.Start <= start && m.End >= end && m.End-m.Start <= maxLen[i]+1 {
							hit = true
							found[i]++
							ids[i][m.EntityID]++
							if m.Type != e.typ {
								t.Errorf("%s: %q typed %s, want %s", filepath.Base(f), form, m.Type, e.typ)
							}
							if e.typ == "LOC" && m.Country == "" {
								t.Errorf("%s: place %q has no country", filepath.Base(f), form)
							}
						}
					}
					if !hit {
						ctx := string(runes[max(0, start-30):min(len(runes), end+30)])
						t.Errorf("%s: %q not found in …%s…", filepath.Base(f), form, strings.ReplaceAll(ctx, "\n", " "))
					}
				}
			}
		}
	}
	all := map[string]int{}
	for i, e := range seedEntities {
		if found[i] == 0 {
			t.Errorf("%s %v never found", e.typ, e.forms)
		}
		if len(ids[i]) > 1 {
			t.Errorf("%s %v has %d identities: %v", e.typ, e.forms, len(ids[i]), ids[i])
		}
		for id := range ids[i] {
			if j, dup := all[id]; dup {
				t.Errorf("%v and %v share id %s", seedEntities[j].forms, e.forms, id)
			}
			all[id] = i
		}
	}
}
