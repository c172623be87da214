package cluster

import "github.com/newsweave/newsweave/represent"

// vec is a sparse vector with ascending distinct keys: the weave uses the
// vectors and operations of package represent (Dot, Prune, Sum,
// FromWeights, Top).
type vec = represent.Vector

// addPrune returns c + a, keeping the max largest entries (ties broken by
// key so the result is deterministic).
func addPrune(c, a vec, max int) vec { return represent.Prune(represent.Sum(c, a), max) }
