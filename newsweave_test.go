package newsweave

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// contentIDRef is the plain definition ContentID must keep matching: stored
// articles are keyed by it, so a change would duplicate every re-ingested one.
func contentIDRef(title, text string) string {
	h := sha256.New()
	h.Write([]byte(strings.Join(strings.Fields(title), " ")))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func TestContentID(t *testing.T) {
	long := strings.Repeat("Putin lädt Kim\u00a0Jong Un ein.\n\n", 400)
	word := strings.Repeat("x", 5000)
	tests := []struct{ title, text string }{
		{"", ""},
		{"Titel", "Text"},
		{"  Titel  mit\tLeerraum ", "\n Zeile eins\r\nZeile\u2003zwei  "},
		{"", long},
		{"T", word + " " + word + " kurz"},
		{"T", strings.Repeat("a ", 3000)},
		{"T", "ungültig \xff\xfe Bytes"},
	}
	for _, tt := range tests {
		if got, want := ContentID(tt.title, tt.text), contentIDRef(tt.title, tt.text); got != want {
			t.Errorf("ContentID(%.20q, %.20q) = %s, want %s", tt.title, tt.text, got, want)
		}
	}
	if ContentID("a", "b c") != ContentID(" a ", "b\n\nc") {
		t.Error("whitespace differences must not change the id")
	}
	if ContentID("a", "b c") == ContentID("a b", "c") {
		t.Error("title and text must stay apart")
	}
}

func FuzzContentID(f *testing.F) {
	f.Add("Titel", "Text mit  Leerraum")
	f.Fuzz(func(t *testing.T, title, text string) {
		if got, want := ContentID(title, text), contentIDRef(title, text); got != want {
			t.Fatalf("ContentID(%q, %q) = %s, want %s", title, text, got, want)
		}
	})
}

func BenchmarkContentID(b *testing.B) {
	text := strings.Repeat("Kremlsprecher Dmitri Peskow bestätigte die Einladung am Freitag. ", 64)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ContentID("Putin lädt Kim nach Moskau ein", text)
	}
}
