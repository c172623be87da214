package cluster

import (
	"math/bits"
	"slices"

	"github.com/newsweave/newsweave/internal/hashkey"
)

// MinHash parameters: 64 permutations in 16 LSH bands of 4 rows. A pair
// with shingle Jaccard J shares a band with probability 1-(1-J^4)^16:
// 0.96 at J=0.5, 0.22 at J=0.25, so copies are found and unrelated
// articles rarely become candidates.
const (
	sigSize  = 64
	lshBands = 16
	lshRows  = sigSize / lshBands
)

type signature [sigSize]uint32

var sigSeeds = func() (s [sigSize]uint64) {
	for i := range s {
		s[i] = hashkey.Mix64(uint64(i+1) * 0x9e3779b97f4a7c15)
	}
	return
}()

// minhash computes a one-permutation MinHash signature (Li, Owen & Zhang
// 2012): each shingle is hashed once and lands in one of sigSize bins, the
// bin keeps its minimum; empty bins borrow from the next non-empty bin
// (rotation densification) so short texts still compare. One hash per
// shingle instead of sigSize keeps it cheap.
func minhash(sh []uint64) signature {
	var sig signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	var filled [sigSize]bool
	for _, x := range sh {
		h := hashkey.Mix64(x ^ sigSeeds[0])
		b := h >> 58 // top 6 bits: bin
		if v := uint32(h); !filled[b] || v < sig[b] {
			sig[b], filled[b] = v, true
		}
	}
	if len(sh) == 0 {
		return sig
	}
	for i := range sig {
		if filled[i] {
			continue
		}
		for k := 1; k < sigSize; k++ {
			j := (i + k) % sigSize
			if filled[j] {
				// Offset by the distance so borrowed values differ per bin.
				sig[i] = uint32(hashkey.Mix64(uint64(sig[j]) + uint64(k)))
				break
			}
		}
	}
	return sig
}

// jaccard estimates shingle-set Jaccard similarity from two signatures.
func jaccard(a, b *signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / sigSize
}

// bandKeys returns the LSH bucket keys of a signature.
func bandKeys(sig *signature) [lshBands]uint64 {
	var out [lshBands]uint64
	for b := 0; b < lshBands; b++ {
		h := uint64(b) * 0x9e3779b97f4a7c15
		for r := 0; r < lshRows; r++ {
			h = hashkey.Mix64(h ^ uint64(sig[b*lshRows+r]))
		}
		out[b] = h
	}
	return out
}

// simhash is the 64-bit Charikar fingerprint of a content-defined quarter
// sample of the shingles (the same shingles are sampled in a copy); copies
// differ in few bits. Stored for explanation and cheap comparison.
func simhash(sh []uint64) uint64 {
	var acc [64]int32
	for _, x := range sh {
		h := hashkey.Mix64(x)
		if h&3 != 0 && len(sh) > 64 {
			continue
		}
		for i := 0; i < 64; i++ {
			acc[i] += int32(h>>uint(i)&1)*2 - 1
		}
	}
	var out uint64
	for i, c := range acc {
		if c > 0 {
			out |= 1 << uint(i)
		}
	}
	return out
}

func hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// dupEntry is one recent article in the near-duplicate index.
type dupEntry struct {
	ID      string
	Seq     int64
	Sig     signature
	Shing   int    // number of shingles
	Simhash uint64 // fingerprint
	Orig    string // the original it copies ("" when it is one)
	Event   string // its event when it was assigned
}

// dupIndex is a bounded LSH index over the most recent articles. Buckets
// are chains through the ring: head maps a band key to the newest slot in
// that bucket and next[slot*lshBands+band] links to the next older one
// (-1 ends the chain). That costs about 16 map entries of 8 bytes plus 64
// bytes of links per article instead of 16 slices; the band keys are
// folded to 32 bits tagged with the band (a collision only adds a
// candidate that the Jaccard check then rejects).
type dupIndex struct {
	max   int
	ring  []dupEntry
	next  []int32
	head  map[uint64]int32
	pos   int
	added int
}

func newDupIndex(max int) *dupIndex {
	if max < 16 {
		max = 16
	}
	return &dupIndex{max: max, head: map[uint64]int32{}}
}

// bucketKey folds a band key to 32 bits and tags it with the band, so a
// chain never mixes bands.
func bucketKey(k uint64, band int) uint64 {
	return uint64(uint32(k)^uint32(k>>32))<<4 | uint64(band)
}

// candidates returns ring slots sharing at least one band with sig.
func (d *dupIndex) candidates(keys *[lshBands]uint64) []int32 {
	var out []int32
	var seen map[int32]bool // once out is long: Contains would be quadratic (many near-identical articles)
	for b, k := range keys {
		s, ok := d.head[bucketKey(k, b)]
		for ok && s >= 0 {
			switch {
			case seen != nil:
				if !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			case !slices.Contains(out, s):
				out = append(out, s)
				if len(out) > 64 {
					seen = make(map[int32]bool, 4*len(out))
					for _, x := range out {
						seen[x] = true
					}
				}
			}
			s = d.next[int(s)*lshBands+b]
		}
	}
	return out
}

// add inserts e, evicting the oldest entry (and its bucket links) when full.
func (d *dupIndex) add(e dupEntry) {
	keys := bandKeys(&e.Sig)
	var slot int32
	if len(d.ring) < d.max {
		d.ring = append(d.ring, e)
		slot = int32(len(d.ring) - 1)
		for range lshBands {
			d.next = append(d.next, -1)
		}
	} else {
		slot = int32(d.pos)
		old := bandKeys(&d.ring[slot].Sig)
		for b, k := range old {
			d.unlink(bucketKey(k, b), b, slot)
		}
		d.ring[slot] = e
		d.pos = (d.pos + 1) % d.max
	}
	for b, k := range keys {
		fk := bucketKey(k, b)
		if h, ok := d.head[fk]; ok {
			d.next[int(slot)*lshBands+b] = h
		} else {
			d.next[int(slot)*lshBands+b] = -1
		}
		d.head[fk] = slot
	}
	d.added++
}

// unlink removes slot from the chain of key k in band b. The evicted slot
// is the oldest, so it is normally the chain's tail.
func (d *dupIndex) unlink(k uint64, b int, slot int32) {
	h, ok := d.head[k]
	if !ok {
		return
	}
	nx := func(s int32) *int32 { return &d.next[int(s)*lshBands+b] }
	if h == slot {
		if n := *nx(slot); n >= 0 {
			d.head[k] = n
		} else {
			delete(d.head, k)
		}
		return
	}
	for s := h; s >= 0; s = *nx(s) {
		if *nx(s) == slot {
			*nx(s) = *nx(slot)
			return
		}
	}
}

// moveEvent re-files recent articles under another event (a split moved
// them), as a store reload would see them.
func (d *dupIndex) moveEvent(ids []string, ev string) {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	for i := range d.ring {
		if set[d.ring[i].ID] {
			d.ring[i].Event = ev
		}
	}
}
