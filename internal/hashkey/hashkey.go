// Package hashkey holds the 64-bit hashes that packages represent and
// cluster use for sparse-vector keys, shingles and sketches. The values are
// part of stored data (IDF tables, weave states, trained models): changing
// either function changes every key.
package hashkey

// FNV1a returns the 64-bit FNV-1a hash of the byte space followed by the
// bytes of s. The space separates key spaces (views) so equal strings in
// different spaces get different keys. It does not allocate.
func FNV1a(space uint64, s string) uint64 {
	h := uint64(14695981039346656037)
	h ^= space
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Mix64 is the SplitMix64 finaliser: a bijection of uint64 whose output
// bits each depend on all input bits.
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
