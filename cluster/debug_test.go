package cluster

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/newsweave/newsweave"
)

func loadECB(t testing.TB) ([]*newsweave.Article, []string, []string) {
	f, err := os.Open("/work/shared/data/clustering/ecbplus/docs.jsonl")
	if err != nil {
		t.Skip()
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var arts []*newsweave.Article
	var gold, topic []string
	var an *bufio.Scanner
	if os.Getenv("DEBUG_AN") != "" {
		g, _ := os.Open("/tmp/ecb_analyzed.jsonl")
		an = bufio.NewScanner(g)
		an.Buffer(nil, 1<<24)
	}
	for sc.Scan() {
		var m map[string]any
		json.Unmarshal(sc.Bytes(), &m)
		d := Doc{ID: m["id"].(string), Text: m["text"].(string), Lang: "en"}
		a := d.Article()
		if an != nil {
			an.Scan()
			a = &newsweave.Article{}
			json.Unmarshal(an.Bytes(), a)
		}
		arts = append(arts, a)
		gold = append(gold, m["event"].(string))
		topic = append(topic, fmt.Sprint(m["topic"]))
	}
	return arts, gold, topic
}

func TestDebugECB(t *testing.T) {
	if os.Getenv("DEBUG_ECB") == "" {
		t.Skip()
	}
	arts, gold, _ := loadECB(t)
	w, _ := New(context.Background(), NewMemState(), Options{})
	byGold := map[string]*eventState{}
	goldOf := map[string]string{}
	miss, have, days := 0, 0, 0
	for i, a := range arts {
		w.seq++
		av := w.vectorize(a)
		if av.day != noDay {
			days++
		}
		cs := w.candidates(av)
		want := byGold[gold[i]]
		if want != nil {
			have++
			found := false
			for _, c := range cs {
				if c.ev == want {
					found = true
				}
			}
			if !found {
				miss++
				_, x := w.score(av, want)
				if miss < 10 {
					t.Logf("miss %s: %d cands x=%v", a.ID, len(cs), x)
				}
			}
		} else {
			w.nextEvent++
			want = &eventState{id: fmt.Sprintf("ev%07d", w.nextEvent), days: map[int32]int{}, first: noDay, last: noDay,
				outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{}}
			want.elem = w.evLRU.PushBack(want)
			w.events[want.id] = want
			byGold[gold[i]] = want
			goldOf[want.id] = gold[i]
		}
		w.addToEvent(want, av, a)
	}
	t.Logf("have %d miss %d days %d", have, miss, days)
}

func TestDebugFeat(t *testing.T) {
	if os.Getenv("DEBUG_ECB") == "" {
		t.Skip()
	}
	arts, gold, _ := loadECB(t)
	w, _ := New(context.Background(), NewMemState(), Options{})
	byGold := map[string]*eventState{}
	goldOf := map[string]string{}
	var pos, neg [numFeat]float64
	np, nn := 0, 0
	hard := 0
	for i, a := range arts {
		w.seq++
		av := w.vectorize(a)
		cs := w.candidates(av)
		want := byGold[gold[i]]
		bestNeg := 0.0
		posB := -1.0
		for _, c := range cs {
			if goldOf[c.ev.id] == gold[i] {
				for k := range pos {
					pos[k] += c.x[k]
				}
				np++
				posB = c.x[fBody]
			} else {
				for k := range neg {
					neg[k] += c.x[k]
				}
				nn++
				if c.x[fBody] > bestNeg {
					bestNeg = c.x[fBody]
				}
			}
		}
		if posB >= 0 && bestNeg > posB {
			hard++
		}
		if want == nil {
			w.nextEvent++
			want = &eventState{id: fmt.Sprintf("ev%07d", w.nextEvent), days: map[int32]int{}, first: noDay, last: noDay,
				outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{}}
			want.elem = w.evLRU.PushBack(want)
			w.events[want.id] = want
			byGold[gold[i]] = want
			goldOf[want.id] = gold[i]
		}
		w.addToEvent(want, av, a)
	}
	for k := range pos {
		t.Logf("%-14s pos %.3f neg %.3f", featNames[k], pos[k]/float64(np), neg[k]/float64(nn))
	}
	t.Logf("np %d nn %d hard(body neg>pos) %d", np, nn, hard)
}

func TestDebugLearn(t *testing.T) {
	if os.Getenv("DEBUG_ECB") == "" {
		t.Skip()
	}
	arts, gold, topic := loadECB(t)
	ctx := context.Background()
	m, _ := Learn(ctx, arts, gold, Options{})
	t.Logf("%s %s", m.Describe(), m.Note)
	recs, _, _ := Run(ctx, arts, Options{Model: m})
	p, r, f := BCubed(Events(recs), gold)
	t.Logf("in-sample P %.3f R %.3f F %.3f", p, r, f)
	split := map[string]map[string]int{}
	for i, rc := range recs {
		if split[gold[i]] == nil {
			split[gold[i]] = map[string]int{}
		}
		split[gold[i]][rc.Event]++
	}
	for g, m := range split {
		if len(m) > 1 {
			t.Logf("%s -> %v", g, m)
		}
	}
	a, b := SplitHalves(topic)
	var ap, ag []string
	for k, pr := range [][2][]int{{a, b}, {b, a}} {
		var tra, tea []*newsweave.Article
		var trg, teg []string
		for _, i := range pr[0] {
			c := *arts[i]
			tra = append(tra, &c)
			trg = append(trg, gold[i])
		}
		for _, i := range pr[1] {
			c := *arts[i]
			tea = append(tea, &c)
			teg = append(teg, gold[i])
		}
		m, _ := Learn(ctx, tra, trg, Options{})
		recs, _, _ := Run(ctx, tea, Options{Model: m})
		p, r, f := BCubed(Events(recs), teg)
		t.Logf("heldout %d P %.3f R %.3f F %.3f  (%s)", k, p, r, f, m.Describe())
		mix := map[string]map[string]int{}
		for i, rc := range recs {
			if mix[rc.Event] == nil { mix[rc.Event] = map[string]int{} }
			mix[rc.Event][teg[i]]++
		}
		for e, m := range mix {
			if len(m) > 1 { t.Logf("  impure %s: %v", e, m) }
		}
		for _, e := range Events(recs) {
			ap = append(ap, fmt.Sprint(k, e))
		}
		ag = append(ag, teg...)
	}
	p, r, f = BCubed(ap, ag)
	t.Logf("heldout both P %.3f R %.3f F %.3f", p, r, f)
}
