package cluster

import (
	"fmt"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/represent"
)

// member is an article of an event kept for split decisions: only what
// addToEvent and memberSims read (the views, lead actions for the short
// profile, dates and names; title, outlet and agencies). It is persisted (MemberRecord) bit-exact, so an
// event rebuilt after a restart is the one rebuilt in memory.
type member struct {
	id  string
	seq int64
	av  *artVec
	art *newsweave.Article
}

// keptMember is a member as held between split tests: its encoding (the
// bytes the store keeps), about half the heap of the decoded vectors;
// decoded only when its event reaches a split size.
type keptMember struct {
	id  string
	seq int64
	b   []byte
}

func (m member) keep() keptMember {
	b := m.encode()
	return keptMember{id: m.id, seq: m.seq, b: b[:len(b):len(b)]}
}

// newMember keeps the parts of an article that a split rebuild needs.
func newMember(seq int64, av *artVec, a *newsweave.Article) member {
	return member{id: a.ID, seq: seq,
		av:  &artVec{v: av.v, act: represent.Prune(av.act, exemplarActions), ex: av.ex, year: av.year, day: av.day, lang: av.lang, names: av.names, labels: av.labels},
		art: &newsweave.Article{ID: a.ID, Title: displayTitle(a), Source: outlet(a), Agencies: a.Agencies}}
}

// splitSize tells the event sizes at which an event is re-clustered.
func splitSize(n int) bool { return n == 4 || n == 8 || n == maxSplitSize }

// maxSplitSize is the last size tested; members are not kept beyond it.
const maxSplitSize = 16

// trySplit re-clusters an event's members into two groups (2-medoid
// seeding on the farthest pair, then average-link reassignment) and splits
// when the groups are well separated. It returns the new event (or nil),
// the separation and the articles moved to the new event.
func (w *Weaver) trySplit(t *txn, ev *eventState) (*eventState, float64, []string) {
	kms := w.members[ev.id]
	n := len(kms)
	if n < 4 || n != ev.n { // the rebuild below needs every member
		return nil, 0, nil
	}
	ms := make([]member, n)
	for i, km := range kms {
		m, err := decodeMember(km.id, km.seq, km.b)
		if err != nil {
			return nil, 0, nil // a corrupt stored member: no split
		}
		ms[i] = m
	}
	sim := memberSims(ms)
	si, sj, lo := 0, 1, 2.0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if sim[i][j] < lo {
				si, sj, lo = i, j, sim[i][j]
			}
		}
	}
	g := make([]int, n)
	for k := range g {
		g[k] = -1
	}
	g[si], g[sj] = 0, 1
	avg := func(k, grp int) float64 {
		s, c := 0.0, 0
		for j := range ms {
			if j != k && g[j] == grp {
				s += sim[k][j]
				c++
			}
		}
		if c == 0 {
			return 0
		}
		return s / float64(c)
	}
	for it := 0; it < 6; it++ {
		ng := make([]int, n)
		for k := range ms {
			if avg(k, 0) >= avg(k, 1) {
				ng[k] = 0
			} else {
				ng[k] = 1
			}
		}
		ng[si], ng[sj] = 0, 1
		g = ng
	}
	var win, bet float64
	var nw, nb int
	cnt := [2]int{}
	for i := range ms {
		cnt[g[i]]++
		for j := i + 1; j < n; j++ {
			if g[i] == g[j] {
				win += sim[i][j]
				nw++
			} else {
				bet += sim[i][j]
				nb++
			}
		}
	}
	if nw > 0 {
		win /= float64(nw)
	}
	bet /= float64(nb)
	if w.opt.splitTrace != nil {
		w.opt.splitTrace(ev.id, ms, g, win, bet)
	}
	if cnt[0] < w.opt.SplitMin || cnt[1] < w.opt.SplitMin || bet > w.opt.SplitBetween || win-bet < w.opt.SplitMargin {
		return nil, 0, nil
	}
	// The group holding the first member keeps the event's id.
	keep := g[0]
	w.nextEvent++
	ne := &eventState{id: fmt.Sprintf("ev%07d", w.nextEvent), storyline: ev.storyline, days: map[int32]int{}, first: noDay, last: noDay,
		created: w.seq, outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{}}
	w.events[ne.id] = ne
	ne.elem = w.evLRU.PushBack(ne)
	old := *ev
	*ev = eventState{id: old.id, storyline: old.storyline, days: map[int32]int{}, first: noDay, last: noDay,
		created: old.created, outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{},
		keys: old.keys, elem: old.elem}
	var a, b []member
	var ka, kb []keptMember
	for i, m := range ms {
		if g[i] == keep {
			a, ka = append(a, m), append(ka, kms[i])
		} else {
			b, kb = append(b, m), append(kb, kms[i])
		}
	}
	for _, m := range a {
		w.addToEvent(ev, m.av, m.art)
	}
	moved := make([]string, 0, len(b))
	for _, m := range b {
		w.addToEvent(ne, m.av, m.art)
		moved = append(moved, m.id)
	}
	w.members[ev.id], w.members[ne.id] = ka, kb
	if s := w.stories[ev.storyline]; s != nil {
		s.events++
		t.stories[s.id] = s
	}
	t.events[ne.id] = ne
	return ne, win - bet, moved
}

// memberSims compares an event's members by the cosine of their short
// profiles (top terms, names and lead actions). An event-local IDF on
// these keys, or the full term, name, number and action vectors, separated
// sister events no better on ECB+ (tune half).
func memberSims(ms []member) [][]float64 {
	n := len(ms)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		for j := range sim[i] {
			sim[i][j] = represent.Dot(ms[i].av.ex, ms[j].av.ex)
		}
	}
	return sim
}
