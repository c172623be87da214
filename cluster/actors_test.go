package cluster

import (
	"slices"
	"testing"

	"github.com/newsweave/newsweave/represent"
)

func TestActors(t *testing.T) {
	type key struct {
		id, label string
		w         float64
	}
	tests := []struct {
		name string
		ent  []key
		capv []key
		want []string
	}{
		{"entities before names, name that is a word of a listed actor dropped",
			[]key{{"habeck", "Habeck", 0.9}, {"per:robert-habeck", "Robert Habeck", 0.5}, {"loc:lithuania", "Lithuania", 0.4}, {"kreivys", "Kreivys", 0.3}},
			nil, []string{"Robert Habeck", "Lithuania", "Kreivys"}},
		{"one entry per display name",
			[]key{{"loc:belem", "Belém", 0.9}, {"belém", "Belém", 0.8}, {"loc:brazil", "Brazil", 0.7}},
			nil, []string{"Belém", "Brazil"}},
		{"distinct entities sharing a word both stay",
			[]key{{"org:fc-auenwald-leipzig", "FC Auenwald Leipzig", 0.9}, {"loc:leipzig", "Leipzig", 0.8}, {"leipzig", "Leipzig", 0.7}},
			nil, []string{"FC Auenwald Leipzig", "Leipzig"}},
		{"no entities: capitalised names, most salient first, at most six",
			nil,
			[]key{{"a", "Anna", 0.1}, {"b", "Berta", 0.2}, {"c", "Carl", 0.3}, {"d", "Dora", 0.4}, {"e", "Emil", 0.5}, {"f", "Frida", 0.6}, {"g", "Gustav", 0.7}},
			[]string{"Gustav", "Frida", "Emil", "Dora", "Carl", "Berta"}},
		{"label missing: title-cased id",
			[]key{{"per:kim-jong-un", "", 1}}, nil, []string{"Kim jong un"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			names, labels := map[uint64]string{}, map[uint64]string{}
			next := uint64(0)
			mk := func(ks []key) vec {
				m := map[uint64]float64{}
				for _, k := range ks {
					next++
					h := next << 32
					m[h] = k.w
					names[h], labels[h] = k.id, k.label
				}
				return represent.FromWeights(m)
			}
			var ent, capv vec
			if tc.ent != nil {
				ent = mk(tc.ent)
			}
			if tc.capv != nil {
				capv = mk(tc.capv)
			}
			ids, got := actors(ent, capv, names, labels)
			if !slices.Equal(got, tc.want) || len(ids) != len(got) {
				t.Errorf("actors = %q (ids %q), want %q", got, ids, tc.want)
			}
		})
	}
}
