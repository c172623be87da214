package extract

import (
	"strings"
	"testing"
)

func TestWordCount(t *testing.T) {
	for _, s := range []string{"", " ", "eins", " eins  zwei\tdrei\n", "Putin\u00a0lädt\u2003Kim", "a\xffb c", "  \r\n  x"} {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}
