package compare

import (
	"os"
	"testing"
)

func TestZZDebugModel(t *testing.T) {
	p := os.Getenv("ZZMODEL")
	if p == "" {
		t.Skip()
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(f)
	if err != nil {
		t.Fatal(err)
	}
	c := &Comparer{m: m}
	docs := seedDocs(t, true)
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			s := c.Score(docs[i], docs[j])
			t.Logf("%03d–%03d Overall %.2f Time %.2f Narrative %.2f Entities %.2f", i, j, s[Overall], s[Time], s[Narrative], s[Entities])
		}
	}
}
