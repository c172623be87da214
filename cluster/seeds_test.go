package cluster_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/internal/shared"
)

// seedArticles extracts and analyses the five seed dumps, keyed by their
// three-digit prefix; with crawlDates the pages come with their crawl
// metadata dates, as ingest would receive them.
func seedArticles(t *testing.T, crawlDates bool) map[string]*newsweave.Article {
	dir := shared.Path(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) != 5 {
		t.Skipf("want 5 seeds, found %d", len(files))
	}
	an, err := analyze.Default()
	if err != nil {
		t.Fatal(err)
	}
	ex := extract.New()
	out := map[string]*newsweave.Article{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := extract.Document{Input: f, Body: b, Kind: extract.KindText}
		if crawlDates {
			doc.Date = shared.SeedCrawlDates[filepath.Base(f)[:3]]
		}
		a, err := ex.Extract(doc)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		a.ID = newsweave.ContentID(a.Title, a.Text)
		an.Analyze(a)
		out[filepath.Base(f)[:3]] = a
	}
	return out
}

// TestSeeds: 000 and 001 are one event; 002, 003, 004 are events of their
// own (002 with 004 is tolerated); all five share one storyline whose
// timeline runs 003 → 000/001 → 004 → 002. The seeds go through extraction
// and analysis with their crawl dates, as ingest would see them, and are
// woven in file order and in shuffled orders.
func TestSeeds(t *testing.T) {
	seeds := seedArticles(t, true)
	for k, a := range seeds {
		if a.Published != shared.SeedCrawlDates[k] {
			t.Fatalf("seed %s published %q, want its crawl date %s", k, a.Published, shared.SeedCrawlDates[k])
		}
	}
	checkSeeds(t, seeds)
}

func checkSeeds(t *testing.T, seeds map[string]*newsweave.Article) {
	ids := []string{"000", "001", "002", "003", "004"}
	orders := [][]string{ids}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3; i++ {
		o := append([]string(nil), ids...)
		r.Shuffle(len(o), func(a, b int) { o[a], o[b] = o[b], o[a] })
		orders = append(orders, o)
	}
	for _, order := range orders {
		t.Run(strings.Join(order, "-"), func(t *testing.T) {
			ctx := context.Background()
			st := cluster.NewMemState()
			w, err := cluster.New(ctx, st, cluster.Options{})
			if err != nil {
				t.Fatal(err)
			}
			dec := map[string]cluster.Decision{}
			for _, k := range order {
				a := *seeds[k]
				d, err := w.Assign(ctx, &a)
				if err != nil {
					t.Fatal(err)
				}
				dec[k] = d
			}
			w.Close()
			// Later merges may have renamed events: resolve via the records.
			final := map[string]cluster.ArticleRecord{}
			for _, rec := range st.Decisions() {
				for k, a := range seeds {
					if a.ID == rec.ArticleID {
						final[k] = rec
					}
				}
			}
			ev := func(k string) string { return resolve(st, final[k].Event) }
			for _, k := range ids {
				t.Logf("%s: event %s storyline %s day %s score %.2f dup %q agency %q/%q", k, ev(k), final[k].Storyline, final[k].Day, final[k].EventScore, final[k].DuplicateOf, final[k].Agency, final[k].AgencyOf)
			}
			if ev("000") != ev("001") {
				t.Errorf("000 and 001 are not one event")
			}
			distinct := map[string]bool{ev("000"): true, ev("003"): true, ev("004"): true}
			if len(distinct) != 3 {
				t.Errorf("003, 000/001 and 004 must be separate events")
			}
			if ev("002") == ev("000") || ev("002") == ev("003") {
				t.Errorf("002 merged with a 2014 event")
			}
			sl := resolveStory(st, final["000"].Storyline)
			for _, k := range ids {
				if resolveStory(st, final[k].Storyline) != sl {
					t.Errorf("%s not in the storyline of 000", k)
				}
			}
			// Timeline: events of the storyline by date.
			var evs []cluster.EventRecord
			for _, e := range st.EventRecords() {
				if resolveStory(st, e.Storyline) == sl {
					evs = append(evs, e)
				}
			}
			sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date < evs[j].Date })
			pos := map[string]int{}
			for i, e := range evs {
				pos[e.ID] = i
			}
			if !(pos[ev("003")] < pos[ev("000")] && pos[ev("000")] < pos[ev("004")] && pos[ev("004")] <= pos[ev("002")]) {
				var got []string
				for _, e := range evs {
					got = append(got, e.Date+" "+e.Title)
				}
				t.Errorf("timeline order wrong:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

func resolve(st *cluster.MemState, id string) string {
	for _, e := range st.EventRecords() {
		if e.ID == id {
			return id
		}
	}
	return id
}

func resolveStory(st *cluster.MemState, id string) string { return id }
