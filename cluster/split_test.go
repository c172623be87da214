package cluster

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/newsweave/newsweave"
)

// TestTrySplit builds an event by hand from two interleaved stories (as a
// wrong early merge would) and checks the split rule separates them, and
// that one coherent story is left alone.
func TestTrySplit(t *testing.T) {
	fired := "The Philadelphia club fired its coach on Saturday after a losing streak; the general manager named an interim coach for the rest of the season and thanked him."
	quake := "A strong earthquake shook the northern province on Monday, collapsing houses and cutting power; rescue teams searched the rubble for survivors overnight."
	variants := []string{"", " Fans reacted angrily.", " Officials spoke to reporters.", " More details followed later.", " The statement was brief.", " Local media reported it first.", " It was widely expected.", " Nobody was surprised."}
	for _, tc := range []struct {
		name  string
		texts []string
		split bool
	}{
		{"two stories", []string{fired, quake, fired, quake, fired, quake, fired, quake}, true},
		{"one story", []string{fired, fired, fired, fired, fired, fired, fired, fired}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := New(context.Background(), NewMemState(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			ev := &eventState{id: "ev0000001", days: map[int32]int{}, first: noDay, last: noDay, outlets: map[string]int{}, names: map[uint64]string{}, labels: map[uint64]string{}}
			w.events[ev.id] = ev
			ev.elem = w.evLRU.PushBack(ev)
			for i, s := range tc.texts {
				a := &newsweave.Article{ID: fmt.Sprint("a", i), Lang: "en", Text: s + variants[i]}
				w.seq++
				av := w.vectorize(a)
				w.addToEvent(ev, av, a)
				w.members[ev.id] = append(w.members[ev.id], newMember(w.seq, av, a).keep())
			}
			ne, sep, moved := w.trySplit(&txn{events: map[string]*eventState{}, stories: map[string]*storyState{}}, ev)
			if (ne != nil) != tc.split {
				t.Fatalf("split = %v (separation %.3f), want %v", ne != nil, sep, tc.split)
			}
			if ne == nil {
				return
			}
			if ev.n != 4 || ne.n != 4 {
				t.Errorf("sizes %d + %d, want 4 + 4", ev.n, ne.n)
			}
			for i := range tc.texts {
				id := fmt.Sprint("a", i)
				if moved := slices.Contains(moved, id); moved != (i%2 == 1) {
					t.Errorf("article %s moved = %v", id, moved)
				}
			}
		})
	}
}

// TestMemberRoundTrip: a kept member decodes to the vectors the split
// rebuild and test read, bit for bit (restarts split as the run would).
func TestMemberRoundTrip(t *testing.T) {
	w, err := New(context.Background(), NewMemState(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Synthetic(40, 3) {
		a := s.Article
		a.Agencies = []string{"dpa"}
		w.seq++
		av := w.vectorize(a)
		km := newMember(w.seq, av, a).keep()
		m, err := decodeMember(km.id, km.seq, km.b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m.av.ex, av.ex) || m.av.year != av.year || m.av.day != av.day {
			t.Fatalf("%s: short profile or dates differ after decoding", a.ID)
		}
		for v := range av.v {
			if !slices.Equal(m.av.v[v].Keys, av.v[v].Keys) || !slices.Equal(m.av.v[v].Weights, av.v[v].Weights) {
				t.Fatalf("%s: view %d differs after decoding", a.ID, v)
			}
		}
		if m.art.Title != displayTitle(a) || m.art.Source != outlet(a) || !slices.Equal(m.art.Agencies, a.Agencies) {
			t.Fatalf("%s: display fields differ: %+v", a.ID, m.art)
		}
	}
	if _, err := decodeMember("x", 1, []byte{1, 200}); err == nil {
		t.Error("garbage decoded without error")
	}
}
