package lang

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	d := Default()
	tests := []struct{ text, want string }{
		{"Russland hat den nordkoreanischen Machthaber zur Feier nach Moskau eingeladen. Es wäre die erste Auslandsreise seit der Machtübernahme.", "de"},
		{"Russia has invited the North Korean leader to the celebrations in Moscow. It would be his first trip abroad since he took power.", "en"},
		{"La Russie a invité le dirigeant nord-coréen aux célébrations à Moscou. Ce serait son premier voyage à l'étranger.", "fr"},
		{"Rusia ha invitado al líder norcoreano a las celebraciones en Moscú. Sería su primer viaje al extranjero.", "es"},
		{"Россия пригласила северокорейского лидера на празднование в Москву.", "ru"},
		{"", ""},
		{"12345 !!! ...", ""},
	}
	for _, tt := range tests {
		if got := d.Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFunctionWordsAgreeWithLingua(t *testing.T) {
	d := New()
	texts := []string{
		strings.Repeat("Die Regierung hat sich auf einen Haushalt geeinigt, der auch mehr Geld für die Schulen vorsieht und nicht nur für Straßen. ", 4),
		strings.Repeat("The government said that the budget would be agreed with the opposition, which has been critical of the plans from the start. ", 4),
		strings.Repeat("Le gouvernement a présenté le budget dans une conférence de presse et les syndicats sont pas contents avec cette décision. ", 4),
		strings.Repeat("Het kabinet heeft een nieuwe begroting gepresenteerd die voor de scholen ook meer geld bevat dan werd verwacht. ", 4),
	}
	for _, text := range texts {
		fast := byFunctionWords(text)
		if fast == "" {
			t.Errorf("no fast decision for %.40q", text)
			continue
		}
		l, _ := d.d.DetectLanguageOf(sample(text))
		if slow := strings.ToLower(l.IsoCode639_1().String()); fast != slow {
			t.Errorf("fast %q, lingua %q for %.40q", fast, slow, text)
		}
	}
	// Short or mixed texts are left to lingua.
	if got := byFunctionWords("Die Regierung und the government"); got != "" {
		t.Errorf("short text decided as %q", got)
	}
}

func TestSampleCutsAtBoundary(t *testing.T) {
	long := strings.Repeat("Grüße aus München ", 200)
	s := sample(long)
	if len(s) > MaxSample || len(s) < MaxSample/2 {
		t.Fatalf("sample length %d", len(s))
	}
	if !strings.HasSuffix(s, "München") && !strings.HasSuffix(s, "aus") && !strings.HasSuffix(s, "Grüße") {
		t.Fatalf("sample not cut at a word boundary: %q", s[len(s)-20:])
	}
}

func BenchmarkDetectLingua(b *testing.B) {
	d := Default()
	text := "Kim Jong Un, Putin, Moskau, Pjöngjang: Gipfel, Raketen, Sanktionen, Waffen, Technologie. "
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Detect(text)
	}
}

func BenchmarkDetect(b *testing.B) {
	d := Default()
	text := strings.Repeat("Russland hat den nordkoreanischen Machthaber Kim Jong Un zur Feier des 70. Jahrestages eingeladen. ", 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Detect(text)
	}
}
