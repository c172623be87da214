package compare

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestZZDebugSeeds(t *testing.T) {
	docs := seedDocs(t, true)
	c, _ := New(nil)
	for _, k := range [][2]int{{0, 1}, {2, 4}, {1, 3}, {0, 3}, {1, 2}} {
		a, b := docs[k[0]], docs[k[1]]
		f := Featurize(a, b)
		s := ""
		for i, v := range f {
			s += fmt.Sprintf("%s=%.3f ", FeatureNames[i], v)
		}
		r := c.Compare(a, b)
		ev, _ := json.Marshal(r.Evidence)
		t.Logf("%03d-%03d %v\n%s\n%s", k[0], k[1], r.Scores, s, ev)
	}
	for i, d := range docs {
		t.Logf("%03d words %d title %q ents %d years %v dated %v main %d actions %v", i, d.Words, d.Title, len(d.Entities), d.Years, d.DatedYears, d.MainYear, d.Actions)
	}
}
