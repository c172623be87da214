package cluster

import (
	"sync"

	"github.com/newsweave/newsweave"
)

// prepCache holds the text evidence of articles prepared ahead of their
// assignment. Extraction (tokenising, stemming, shingling) does not depend
// on the weave state, so ingest workers run it in parallel and the serial
// Assign only weights and scores.
type prepCache struct {
	mu   sync.Mutex
	stem stemmer // its own memo: Assign's stemmer is not shared across goroutines
	m    map[*newsweave.Article]*raw
}

// maxPrepared bounds the prepared articles kept waiting: articles that are
// never assigned (duplicates, failed stores) must not pile up. Ingest has
// far fewer in flight.
const maxPrepared = 1024

// Prepare extracts the article's text evidence now, in the caller's
// goroutine, so that a later Assign of the same *Article skips that work.
// It is safe to call concurrently with Assign and with itself; the article
// must not change in between. Optional: Assign extracts whatever was not
// prepared.
func (w *Weaver) Prepare(a *newsweave.Article) {
	if a == nil {
		return
	}
	p := &w.prep
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.stem.extract(a)
	if p.m == nil || len(p.m) >= maxPrepared {
		p.m = map[*newsweave.Article]*raw{}
	}
	p.m[a] = r
}

// extract returns the article's prepared evidence, or extracts it now.
func (w *Weaver) extract(a *newsweave.Article) *raw {
	p := &w.prep
	p.mu.Lock()
	r := p.m[a]
	delete(p.m, a)
	p.mu.Unlock()
	if r != nil {
		return r
	}
	return w.stem.extract(a)
}
