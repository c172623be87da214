package cluster

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/internal/shared"
)

// TestECBDev runs the held-out ECB+ protocol of `newsweave eval cluster
// --heldout topic` in seconds on a cache of analysed articles; a
// development aid for feature work, skipped unless NW_ECB_CACHE names the
// cache file (written on first use, outside the repository). Options:
// NW_SPLIT2=1 uses a second topic partition (a less noisy comparison with
// both), NW_SEED=n a random topic halving (seeded: compare the mean over
// several, single halvings differ by ±0.02), NW_REVISE=1 turns on the
// split rule, NW_RANK=1 learns with the ranking objective, NW_OFF=14,15
// zeroes features (ablation), NW_ECB_TOPIC=1 prints gold × predicted counts, NW_ECB_ERR=5 lists the decisions for topic 5 of
// the tune half (topics 1, 5, 9, …; look at errors there only),
// NW_SPLIT=0.2,0.05,3 sets the split rule (between, margin, min group
// size) and NW_SPLIT_TRACE=1 logs every split test with the gold labels of
// both groups.
func TestECBDev(t *testing.T) {
	cache := os.Getenv("NW_ECB_CACHE")
	if cache == "" {
		t.Skip("NW_ECB_CACHE not set")
	}
	type item struct {
		A     *newsweave.Article
		Gold  string
		Topic string
	}
	var items []item
	if b, err := os.ReadFile(cache); err == nil {
		if err := json.Unmarshal(b, &items); err != nil {
			t.Fatal(err)
		}
	} else {
		f, err := os.Open(shared.Path(t, "data", "clustering", "ecbplus", "docs.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		an, err := analyze.Default()
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var d Doc
			var m map[string]any
			json.Unmarshal(sc.Bytes(), &d)
			json.Unmarshal(sc.Bytes(), &m)
			a := d.Article()
			an.Analyze(a)
			items = append(items, item{a, fmt.Sprint(m["event"]), fmt.Sprint(m["topic"])})
		}
		b, _ := json.Marshal(items)
		os.WriteFile(cache, b, 0o644)
	}
	arts := make([]*newsweave.Article, len(items))
	gold := make([]string, len(items))
	groups := make([]string, len(items))
	for i, it := range items {
		arts[i], gold[i], groups[i] = it.A, it.Gold, it.Topic
	}
	ctx := context.Background()
	var off []int
	for _, f := range strings.Split(os.Getenv("NW_OFF"), ",") {
		if n, err := strconv.Atoi(f); err == nil {
			off = append(off, n)
		}
	}
	opts := Options{off: off, rank: os.Getenv("NW_RANK") != ""}
	opts.NoRevise = os.Getenv("NW_NOREVISE") != ""
	if sp := strings.Split(os.Getenv("NW_SPLIT"), ","); len(sp) == 3 { // split experiment: between,margin,min
		opts.SplitBetween, _ = strconv.ParseFloat(sp[0], 64)
		opts.SplitMargin, _ = strconv.ParseFloat(sp[1], 64)
		opts.SplitMin, _ = strconv.Atoi(sp[2])
	}
	goldOf := map[string]string{}
	for i := range arts {
		goldOf[arts[i].ID] = gold[i]
	}
	if os.Getenv("NW_SPLIT_TRACE") != "" {
		opts.splitTrace = func(ev string, ms []member, g []int, win, bet float64) {
			var s [2][]string
			for i, m := range ms {
				s[g[i]] = append(s[g[i]], goldOf[m.id])
			}
			t.Logf("split? %s win %.3f bet %.3f %v | %v", ev, win, bet, s[0], s[1])
		}
	}
	a, b := SplitHalves(groups)
	if os.Getenv("NW_SPLIT2") != "" { // a second partition: topics i%4 in {0,3} vs {1,2}
		a, b = nil, nil
		keys := map[string]int{}
		for _, g := range groups {
			if _, ok := keys[g]; !ok {
				keys[g] = len(keys)
			}
		}
		for i, g := range groups {
			if k := keys[g] % 4; k == 0 || k == 3 {
				a = append(a, i)
			} else {
				b = append(b, i)
			}
		}
	}
	if sd, err := strconv.Atoi(os.Getenv("NW_SEED")); err == nil { // a random topic halving
		var keys []string
		seen := map[string]bool{}
		for _, g := range groups {
			if !seen[g] {
				seen[g] = true
				keys = append(keys, g)
			}
		}
		rand.New(rand.NewSource(int64(sd))).Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		half := map[string]bool{}
		for _, k := range keys[:len(keys)/2] {
			half[k] = true
		}
		a, b = nil, nil
		for i, g := range groups {
			if half[g] {
				a = append(a, i)
			} else {
				b = append(b, i)
			}
		}
	}
	pick := func(idx []int) ([]*newsweave.Article, []string) {
		x := make([]*newsweave.Article, len(idx))
		g := make([]string, len(idx))
		for i, j := range idx {
			c := *arts[j]
			x[i], g[i] = &c, gold[j]
		}
		return x, g
	}
	var allP, allG []string
	for k, pair := range [][2][]int{{a, b}, {b, a}} {
		trA, trG := pick(pair[0])
		teA, teG := pick(pair[1])
		m, err := Learn(ctx, trA, trG, opts)
		if err != nil {
			t.Fatal(err)
		}
		ro := opts
		ro.Model = m
		recs, _, _ := Run(ctx, trA, ro)
		p0, r0, f0 := BCubed(Events(recs), trG)
		recs, _, _ = Run(ctx, teA, ro)
		p, r, f := BCubed(Events(recs), teG)
		t.Logf("half %d: train P %.3f R %.3f F %.3f | test P %.3f R %.3f F1 %.3f clusters %d gold %d | %s", k+1, p0, r0, f0, p, r, f,
			ClusterCount(Events(recs)), ClusterCount(teG), m.Describe())
		if tp := os.Getenv("NW_ECB_ERR"); tp != "" && k == 1 { // run 2 tests on half a, the tune half
			for i, r := range recs {
				if strings.HasPrefix(teA[i].ID, tp+"_") {
					t.Logf("%s gold=%s pred=%s new=%v score=%.2f dup=%s %q", teA[i].ID, teG[i], r.Event, r.NewEvent, r.EventScore, r.DuplicateOf, teA[i].Text[:min(80, len(teA[i].Text))])
				}
			}
		}
		if os.Getenv("NW_ECB_TOPIC") != "" {
			ct := map[string]map[string]int{}
			for i, e := range Events(recs) {
				if ct[teG[i]] == nil {
					ct[teG[i]] = map[string]int{}
				}
				ct[teG[i]][e]++
			}
			for g, m := range ct {
				t.Logf("  %s: %v", g, m)
			}
		}
		for i, e := range Events(recs) {
			allP = append(allP, fmt.Sprint(k, e))
			allG = append(allG, teG[i])
		}
	}
	p, r, f := BCubed(allP, allG)
	t.Logf("held-out both: P %.3f R %.3f F1 %.3f", p, r, f)
}
