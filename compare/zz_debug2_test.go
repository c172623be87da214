package compare

import (
	"fmt"
	"testing"
)

func TestZZDebugFeat(t *testing.T) {
	docs := seedDocs(t, true)
	for _, k := range [][2]int{{0, 1}, {2, 4}, {1, 3}} {
		a, b := docs[k[0]], docs[k[1]]
		f := Featurize(a, b)
		s := ""
		for i, v := range f[8:13] {
			s += fmt.Sprintf("%s=%.3f ", FeatureNames[i+8], v)
		}
		r := Compare(a, b)
		t.Logf("%03d-%03d %s\n shared %v\n onlyA %v\n onlyB %v", k[0], k[1], s, r.Evidence.Entities.Shared, r.Evidence.Entities.OnlyA, r.Evidence.Entities.OnlyB)
	}
}
