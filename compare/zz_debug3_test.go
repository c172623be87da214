package compare

import (
	"slices"
	"testing"

	"github.com/newsweave/newsweave/represent"
)

func TestZZDebugPutin(t *testing.T) {
	docs := seedDocs(t, true)
	for i, d := range docs {
		for _, w := range []string{"Putin", "Wladimir"} {
			_, ok := slices.BinarySearch(d.Terms.Keys, represent.TermKey(w, d.Lang))
			t.Logf("%03d %s %v lang %s", i, w, ok, d.Lang)
		}
		for _, e := range d.Entities {
			if e.Name == "Vladimir Putin" {
				t.Logf("%03d putin entity words %v, in 000: %v", i, e.Words, docs[0].Mentions(&e, d.Lang))
			}
		}
	}
}
