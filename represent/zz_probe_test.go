package represent

import (
	"fmt"
	"testing"
)

func TestZZProbe(t *testing.T) {
	lx := getLexicon()
	text := `Russlands Präsident Wladimir Putin hat den nordkoreanischen Machthaber Kim Jong Un zur Feier des 70. Jahrestages des Sieges über Hitlerdeutschland am 9. Mai 2015 nach Moskau eingeladen. Die Einladung sei angenommen worden, teilte das Außenministerium in Moskau mit. Die Bundesregierung kritisierte die Entscheidung scharf. Nach Angaben der Polizei wurden drei Menschen verletzt, als ein Auto in eine Gruppe von Fußgängern fuhr. Die Regierung in Berlin will die Steuern erhöhen.`
	n, hit := 0, 0
	for _, tk := range tokenize(text, 0, nil) {
		if stopWords[tk.lower] || tk.digit {
			continue
		}
		s := stem(tk.lower, "de")
		en := lx.translate(tk.lower, s)
		n++
		if len(en) > 0 {
			hit++
		}
		fmt.Printf("%-22s %-16s %v %q\n", tk.word, s, en, nameKey(tk.lower))
	}
	fmt.Println(hit, "/", n)
}
