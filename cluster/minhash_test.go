package cluster

import (
	"math/rand/v2"
	"testing"
)

// TestDupIndexEviction: every entry in the window is found by its own
// signature, evicted ones never are, and chains stay consistent across
// many wrap-arounds (shared band keys included).
func TestDupIndexEviction(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const window = 50
	d := newDupIndex(window)
	var sigs []signature
	for i := range 400 {
		var s signature
		if i > 0 && r.IntN(3) == 0 {
			s = sigs[r.IntN(len(sigs))] // same bands as an earlier entry
			s[0] = r.Uint32()
		} else {
			for j := range s {
				s[j] = r.Uint32()
			}
		}
		sigs = append(sigs, s)
		d.add(dupEntry{Seq: int64(i), Sig: s})
		for j := max(0, i-window+1); j <= i; j++ {
			keys := bandKeys(&sigs[j])
			found := false
			for _, slot := range d.candidates(&keys) {
				if d.ring[slot].Seq < int64(i-window+1) {
					t.Fatalf("after %d adds: evicted entry %d returned", i+1, d.ring[slot].Seq)
				}
				found = found || d.ring[slot].Seq == int64(j)
			}
			if !found {
				t.Fatalf("after %d adds: entry %d not found", i+1, j)
			}
		}
	}
	if len(d.ring) != window || len(d.next) != window*lshBands {
		t.Fatalf("ring %d next %d", len(d.ring), len(d.next))
	}
	// Every chain link points into the ring.
	for _, s := range d.next {
		if s < -1 || int(s) >= window {
			t.Fatalf("bad link %d", s)
		}
	}
}
