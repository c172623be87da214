package ner

// strSet is a set of strings stored as 64-bit FNV-1a hashes in an
// open-addressing table: no per-word allocation when loading the 350k-word
// dictionaries, and a lookup costs one hash and usually one probe. False
// positives need a 64-bit collision (≈1e-9 for our sizes).
type strSet struct {
	slots []uint64 // 0 = empty
	n     int
}

func newStrSet(sizeHint int) *strSet {
	size := 16
	for size < 2*sizeHint {
		size <<= 1
	}
	return &strSet{slots: make([]uint64, size)}
}

func fixHash(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// addHash inserts a hash (from hashStr or hashBytes).
func (s *strSet) addHash(h uint64) {
	h = fixHash(h)
	if 2*(s.n+1) > len(s.slots) {
		old := s.slots
		s.slots = make([]uint64, 2*len(old))
		s.n = 0
		for _, x := range old {
			if x != 0 {
				s.insert(x)
			}
		}
	}
	s.insert(h)
}

func (s *strSet) insert(h uint64) {
	mask := uint64(len(s.slots) - 1)
	i := (h ^ h>>29) & mask
	for {
		switch s.slots[i] {
		case 0:
			s.slots[i] = h
			s.n++
			return
		case h:
			return
		}
		i = (i + 1) & mask
	}
}

func (s *strSet) add(w string)      { s.addHash(hashStr(w)) }
func (s *strSet) addBytes(w []byte) { s.addHash(hashBytes(w)) }

// hasHash reports whether the string with hash h is in the set.
func (s *strSet) hasHash(h uint64) bool {
	if s == nil || s.n == 0 {
		return false
	}
	h = fixHash(h)
	mask := uint64(len(s.slots) - 1)
	i := (h ^ h>>29) & mask
	for {
		switch s.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
		i = (i + 1) & mask
	}
}

func (s *strSet) has(w string) bool { return s.hasHash(hashStr(w)) }

// len is the number of distinct members.
func (s *strSet) len() int {
	if s == nil {
		return 0
	}
	return s.n
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOff)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}
