package ner

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

func TestTokenizeOffsets(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Putin lädt Kim Jong-un ein.", []string{"Putin", "lädt", "Kim", "Jong-un", "ein", "."}},
		{"„Ja“, sagte Peskow (Kreml).", []string{"„", "Ja", "“", ",", "sagte", "Peskow", "(", "Kreml", ")", "."}},
		{"Am 9. Mai 2015 in MOSKAU/WASHINGTON", []string{"Am", "9.", "Mai", "2015", "in", "MOSKAU", "/", "WASHINGTON"}},
		{"Nord- und Südkorea, z.B. Dr. Kim.", []string{"Nord-", "und", "Südkorea", ",", "z.B.", "Dr.", "Kim", "."}},
		{"", nil},
		{"   \n\t ", nil},
	}
	for _, tc := range tests {
		toks := Tokenize(tc.in)
		var got []string
		for _, tk := range toks {
			got = append(got, tk.Text)
			if tc.in[tk.BStart:tk.BEnd] != tk.Text {
				t.Errorf("%q: byte offsets of %q wrong", tc.in, tk.Text)
			}
			if r := []rune(tc.in); string(r[tk.Start:tk.End]) != tk.Text {
				t.Errorf("%q: rune offsets of %q wrong", tc.in, tk.Text)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	toks := Tokenize("Putin kam. Kim auch!\nTitel ohne Punkt\nDann der Text.")
	got := len(Sentences(toks))
	if got != 4 {
		t.Errorf("got %d sentences, want 4", got)
	}
}

func TestTranslitKey(t *testing.T) {
	same := [][]string{
		{"Wladimir Putin", "Vladimir Putin"},
		{"Sergej Lawrow", "Sergei Lavrov", "Sergey Lavrov"},
		{"Dmitri Peskow", "Dmitry Peskov"},
		{"Kim Jong Un", "Kim Jong-un", "Kim Jung-un", "KIM JONG UN"},
		{"Pjöngjang", "Pyongyang"},
		{"Wostotschny", "Vostochny"},
		{"Chabarowsk", "Khabarovsk"},
		{"Wladiwostok", "Vladivostok"},
		{"Jelzin", "Yeltsin"},
	}
	for _, grp := range same {
		k := TranslitKey(grp[0])
		for _, v := range grp[1:] {
			if TranslitKey(v) != k {
				t.Errorf("TranslitKey(%q)=%q != TranslitKey(%q)=%q", v, TranslitKey(v), grp[0], k)
			}
		}
	}
	diff := [][2]string{
		{"Kim Jong Un", "Kim Jong Il"}, {"Kim Jong Un", "Kim Hyun-joon"}, {"Kim Il-sung", "Kim Jong-il"},
		{"Choe Ryong-hae", "Choe Son-hui"}, {"Miller", "Müller"},
	}
	for _, d := range diff {
		if TranslitKey(d[0]) == TranslitKey(d[1]) {
			t.Errorf("%q and %q share key %q", d[0], d[1], TranslitKey(d[0]))
		}
	}
}

func TestResolve(t *testing.T) {
	lx := loadLexicon()
	raw := []rawMention{
		{text: "Kim Jong-un", typ: "PER"},
		{text: "Kim Hyun-joon", typ: "PER"},
		{text: "Kim", typ: "PER"},
		{text: "Kim Jong Il", typ: "PER"},
		{text: "Kim Jong-uns", typ: "PER"},
		{text: "Kims", typ: "PER"},
		{text: "Choe Ryong-hae", typ: "PER"},
		{text: "Choes", typ: "PER"},
		{text: "Choe Son-hui", typ: "PER"},
		{text: "Putins", typ: "PER"},
		{text: "Wladimir Putin", typ: "PER"},
		{text: "Russlands", typ: "LOC"},
		{text: "Pjöngjang", typ: "LOC"},
		{text: "Moskau", typ: "LOC"},
		{text: "Moscow", typ: "LOC"},
		{text: "Sergei Lavrov", typ: "PER"},
		{text: "Lawrow", typ: "PER"},
	}
	for i := range raw {
		raw[i].start, raw[i].end = i*20, i*20+len(raw[i].text)
	}
	ms := lx.resolve(raw)
	if len(ms) != len(raw) {
		t.Fatalf("got %d mentions, want %d", len(ms), len(raw))
	}
	id := func(i int) string { return ms[i].EntityID }
	eq := [][]int{{0, 2, 4, 5}, {6, 7}, {9, 10}, {13, 14}, {15, 16}}
	for _, g := range eq {
		for _, i := range g[1:] {
			if id(i) != id(g[0]) {
				t.Errorf("%q → %s, %q → %s: want one identity", raw[i].text, id(i), raw[g[0]].text, id(g[0]))
			}
		}
	}
	ne := [][2]int{{0, 1}, {0, 3}, {6, 8}}
	for _, p := range ne {
		if id(p[0]) == id(p[1]) {
			t.Errorf("%q and %q must be different people (both %s)", raw[p[0]].text, raw[p[1]].text, id(p[0]))
		}
	}
	if lx.lookup("Pjöngjang", "LOC") != nil { // with iso-codes/geonames installed
		for i, want := range map[int]string{11: "RU", 12: "KP", 13: "RU"} {
			if ms[i].Country != want {
				t.Errorf("%q country %q, want %q", raw[i].text, ms[i].Country, want)
			}
		}
		if id(12) != "loc:pyongyang" {
			t.Errorf("Pjöngjang id %s", id(12))
		}
	}
	// Stable across documents: the same person alone in another article.
	again := lx.resolve([]rawMention{{text: "Kim Jung-un", typ: "PER"}})
	if again[0].EntityID != id(0) {
		t.Errorf("cross-article id %s != %s", again[0].EntityID, id(0))
	}
	// Unknown people get key-derived ids shared by spelling variants.
	a := lx.resolve([]rawMention{{text: "Choe Ryong Hae", typ: "PER"}})
	if a[0].EntityID != id(6) {
		t.Errorf("variant id %s != %s", a[0].EntityID, id(6))
	}
	e := EntityOf(ms[13])
	if e.ID != ms[13].EntityID || e.Type != "LOC" {
		t.Errorf("EntityOf = %+v", e)
	}
}

func TestReadCoNLLFormats(t *testing.T) {
	tests := []struct {
		file  string
		toks  []string
		tags  []string
		sents int
	}{
		{"germeval.tsv", []string{"Angela", "Merkel", "besucht", "Paris", "."}, []string{"B-PER", "I-PER", "O", "B-LOC", "O"}, 2},
		{"conll.txt", []string{"Angela", "Merkel", "besucht", "Paris", "und", "Berlin", "Berlin", "."}, []string{"B-PER", "I-PER", "O", "B-LOC", "O", "B-LOC", "B-LOC", "O"}, 2},
		{"europarl.tsv", []string{"Sitzung", "des", "Europäischen", "Parlaments", "in", "Straßburg"}, []string{"O", "O", "B-ORG", "I-ORG", "O", "B-LOC"}, 1},
	}
	for _, tc := range tests {
		f, err := os.Open("testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ReadCoNLL(f, true)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if len(s) != tc.sents {
			t.Fatalf("%s: %d sentences, want %d", tc.file, len(s), tc.sents)
		}
		if !reflect.DeepEqual(s[0].Tokens, tc.toks) || !reflect.DeepEqual(s[0].Tags, tc.tags) {
			t.Errorf("%s: got %q %q", tc.file, s[0].Tokens, s[0].Tags)
		}
	}
	// GermEval deriv → O; CoNLL lower-case MISC harmonised to O.
	f, _ := os.Open("testdata/germeval.tsv")
	s, _ := ReadCoNLL(f, true)
	f.Close()
	if got := s[1].Tags; !reflect.DeepEqual(got, []string{"O", "O", "B-ORG", "O"}) {
		t.Errorf("deriv: %q", got)
	}
	f, _ = os.Open("testdata/conll.txt")
	s, _ = ReadCoNLL(f, true)
	f.Close()
	Harmonize(s)
	if got := s[1].Tags; !reflect.DeepEqual(got, []string{"O", "O", "B-ORG"}) {
		t.Errorf("harmonize: %q", got)
	}
	if _, err := ReadCoNLL(strings.NewReader(strings.Repeat("x", MaxLineBytes+10)), false); err == nil {
		t.Error("overlong line: want error")
	}
}

func TestEvaluate(t *testing.T) {
	gold := [][]string{{"B-PER", "I-PER", "O", "B-LOC"}}
	pred := [][]string{{"B-PER", "O", "O", "B-LOC"}}
	sc := Evaluate(gold, pred)
	all := sc[len(sc)-1]
	if all.TP != 1 || all.FP != 1 || all.FN != 1 || all.F1 != 0.5 {
		t.Errorf("ALL = %+v", all)
	}
}

func TestModelRoundTrip(t *testing.T) {
	sents := []Sentence{
		{Tokens: strings.Fields("Angela Merkel besucht Paris ."), Tags: []string{"B-PER", "I-PER", "O", "B-LOC", "O"}},
		{Tokens: strings.Fields("Die Bank in Berlin wächst ."), Tags: []string{"O", "O", "O", "B-LOC", "O", "O"}, Doc: 1},
	}
	m := Train(sents, TrainOptions{Epochs: 5})
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m2.NumFeatures() != m.NumFeatures() {
		t.Errorf("features %d != %d", m2.NumFeatures(), m.NumFeatures())
	}
	r := New(m2)
	got := r.TagSentences([][]string{sents[0].Tokens})[0]
	if !reflect.DeepEqual(got, sents[0].Tags) {
		t.Errorf("tags after round trip %q", got)
	}
	// Deterministic training.
	var buf2 bytes.Buffer
	Train(sents, TrainOptions{Epochs: 5}).Write(&buf2)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("training is not deterministic")
	}
	for _, bad := range [][]byte{nil, []byte("garbage"), buf.Bytes()[:buf.Len()/2]} {
		if _, err := ReadModel(bytes.NewReader(bad)); err == nil {
			t.Errorf("corrupt model of %d bytes: want error", len(bad))
		}
	}
}

func TestRecognizeArticle(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/article_de.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	ms := r.Recognize(text, "de")
	ids := map[string]string{}
	for _, m := range ms {
		if got := string([]rune(text)[m.Start:m.End]); got != m.Text {
			t.Errorf("offsets of %q give %q", m.Text, got)
		}
		ids[m.EntityID] = m.Type
	}
	for id, typ := range map[string]string{"per:angela-merkel": "PER", "per:sergey-lavrov": "PER", "per:vladimir-putin": "PER", "per:dmitry-peskov": "PER", "org:deutsche-bank": "ORG"} {
		if ids[id] != typ {
			t.Errorf("missing %s (%s); got %v", id, typ, ids)
		}
	}
	if r.lx.lookup("Wladiwostok", "LOC") != nil {
		for _, id := range []string{"loc:berlin", "loc:moscow", "loc:vladivostok"} {
			if ids[id] != "LOC" {
				t.Errorf("missing %s; got %v", id, ids)
			}
		}
	}
}

func TestRecognizeGarbage(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "\x00\xff\xfe", strings.Repeat("A", 100000), strings.Repeat("Kim ", 5000), "„“„“((((", "\u200b\ufeff"} {
		for _, m := range r.Recognize(s, "") {
			if m.Start < 0 || m.End > utf8.RuneCountInString(s) || m.Start >= m.End {
				t.Errorf("bad offsets %+v", m)
			}
		}
	}
	huge := strings.Repeat("Putin trifft Kim in Moskau. ", MaxTextBytes/28+10)
	ms, err := r.RecognizeText(huge, "de")
	if err == nil || len(ms) == 0 {
		t.Errorf("huge input: err=%v, %d mentions", err, len(ms))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Putin lädt Kim Jong-un ein.", "„Ja“, sagte er.", "a/b (c) 9. z.B.", "\xff\xfe-", "- -- ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		prev := 0
		for _, tk := range toks {
			if tk.BStart < prev || tk.BEnd <= tk.BStart || tk.BEnd > len(s) || s[tk.BStart:tk.BEnd] != tk.Text || tk.End <= tk.Start {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prev = tk.BEnd
		}
	})
}

func FuzzRecognize(f *testing.F) {
	r, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"Putin lädt Kim Jong-un nach Moskau ein.", "Kims Reise", "\xff", "MOSKAU/WASHINGTON dpa/rtr |"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		lang := "de"
		if len(s)%2 == 1 {
			lang = "en" // the English clean-up path
		}
		for _, m := range r.Recognize(s, lang) {
			if m.Start < 0 || m.End > n || m.Start >= m.End || m.EntityID == "" {
				t.Fatalf("bad mention %+v in %q", m, s)
			}
		}
	})
}

func BenchmarkRecognize4KB(b *testing.B) {
	r, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	data, _ := os.ReadFile("testdata/article_de.txt")
	text := string(data)
	for len(text) < 4096 {
		text += "\n\n" + string(data)
	}
	text = text[:4096]
	for !utf8.ValidString(text) {
		text = text[:len(text)-1]
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		r.Recognize(text, "de")
	}
	reportCPU(b, cpu0)
}

// reportCPU adds the process CPU time per op: on a loaded machine wall
// time (ns/op) overstates the cost.
func reportCPU(b *testing.B, cpu0 int64) {
	if cpu0 > 0 {
		b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkLoad measures what a process pays before its first article:
// dictionaries, gazetteers and the embedded model.
func BenchmarkLoad(b *testing.B) {
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		m, err := ReadModel(bytes.NewReader(embeddedModel))
		if err != nil {
			b.Fatal(err)
		}
		lx := buildLexicon()
		_ = &Recognizer{model: m, lx: lx}
	}
	reportCPU(b, cpu0)
}

func BenchmarkLoadLexicon(b *testing.B) {
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		buildLexicon()
	}
	reportCPU(b, cpu0)
}

func BenchmarkReadModel(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ReadModel(bytes.NewReader(embeddedModel)); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = newsweave.PER

func TestRecognizeEnglish(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/article_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range r.Recognize(string(b), "en") {
		got[m.Text] = m.Type
	}
	for text, typ := range map[string]string{"Joe Biden": "PER", "Olaf Scholz": "PER", "Ukraine": "LOC", "Brussels": "LOC", "Microsoft": "ORG", "Annalena Baerbock": "PER", "New York": "LOC"} {
		if got[text] != typ {
			t.Errorf("%q: got type %q, want %s (all: %v)", text, got[text], typ, got)
		}
	}
	// Capitalised function words, weekdays and nationality adjectives.
	for _, text := range []string{"The", "We", "Later", "Friday", "German"} {
		if typ, ok := got[text]; ok {
			t.Errorf("%q tagged %s in English text", text, typ)
		}
	}
}

func TestRecognizeEnglishNames(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.lx.sources) < 2 {
		t.Skip("Debian dictionaries not installed")
	}
	b, err := os.ReadFile("testdata/article_en2.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range r.Recognize(string(b), "en") {
		got[m.Text] = m.Type
	}
	for text, typ := range map[string]string{"Tara Reid": "PER", "Betty Ford Center": "ORG", "Lindsay Lohan": "PER", "Duke University": "ORG"} {
		if got[text] != typ {
			t.Errorf("%q: got type %q, want %s (all: %v)", text, got[text], typ, got)
		}
	}
	// Ordinary English words capitalised at the start of a sentence.
	for _, text := range []string{"Unfortunately", "Officials", "I'm"} {
		if typ, ok := got[text]; ok {
			t.Errorf("%q tagged %s in English text", text, typ)
		}
	}
}

func TestDocContextTriggers(t *testing.T) {
	if len(loadLexicon().sources) < 2 {
		t.Skip("Debian dictionaries not installed")
	}
	d := newDocContext([][]string{
		{"Herr", "Nadscharow", "kam", "aus", "Eriwan", "."},
		{"Die", "Kelkheimer", "Werke", "AG", "und", "Präsident", "Boris", "Jelzin", "."},
		{"Nadscharow", "sagte", "in", "Zukunft", "mehr", "."},
	})
	for w, want := range map[string]uint8{
		"Nadscharow": docTrigPer | docTrigSaid,
		"Eriwan":     docTrigPrep,
		"Werke":      0,                        // a common noun: no name evidence
		"Jelzin":     docTrigPer | docTrigPer2, // after a first name, too
		"Zukunft":    0,
	} {
		if got := d.trig[w]; got != want {
			t.Errorf("%s: bits %b, want %b", w, got, want)
		}
	}
}

func TestHarmonize(t *testing.T) {
	if len(loadLexicon().sources) < 2 {
		t.Skip("Debian dictionaries not installed")
	}
	tests := []struct {
		toks []string
		tags []string
		conv HarmonizeOptions
		want []string
	}{
		// Lower-case MISC (adjectives) → O under every convention.
		{[]string{"die", "deutschen", "Firmen"}, []string{"O", "B-OTH", "O"}, HarmonizeOptions{}, []string{"O", "O", "O"}},
		// Demonyms, place adjectives and Name-noun compounds → O (GermEval *deriv/*part).
		{[]string{"Palästinensern", "und", "Frankfurter", "Bürgern"}, []string{"B-OTH", "O", "B-OTH", "O"}, DefaultHarmonize, []string{"O", "O", "O", "O"}},
		{[]string{"der", "US-Botschafter", "und", "die", "Russen"}, []string{"O", "B-OTH", "O", "O", "B-OTH"}, DefaultHarmonize, []string{"O", "O", "O", "O", "O"}},
		// ... but not without the option, not languages, not names, not multi-word OTH.
		{[]string{"Palästinensern"}, []string{"B-OTH"}, HarmonizeOptions{}, []string{"B-OTH"}},
		{[]string{"auf", "Englisch"}, []string{"O", "B-OTH"}, DefaultHarmonize, []string{"O", "B-OTH"}},
		{[]string{"Deutsche", "Bank"}, []string{"B-ORG", "I-ORG"}, DefaultHarmonize, []string{"B-ORG", "I-ORG"}},
		{[]string{"Tour", "de", "France"}, []string{"B-OTH", "I-OTH", "I-OTH"}, DefaultHarmonize, []string{"B-OTH", "I-OTH", "I-OTH"}},
		{[]string{"in", "Euro"}, []string{"O", "B-OTH"}, DefaultHarmonize, []string{"O", "B-OTH"}},
		{[]string{"in", "Euro"}, []string{"O", "B-OTH"}, HarmonizeOptions{Derivations: true, Currencies: true}, []string{"O", "O"}},
	}
	for _, tc := range tests {
		s := []Sentence{{Tokens: tc.toks, Tags: append([]string(nil), tc.tags...)}}
		HarmonizeWith(s, tc.conv)
		if !reflect.DeepEqual(s[0].Tags, tc.want) {
			t.Errorf("%q %q %+v: got %q, want %q", tc.toks, tc.tags, tc.conv, s[0].Tags, tc.want)
		}
	}
	for _, name := range []string{"raw", "lower", "deriv", "deriv+currency"} {
		if _, err := ParseConvention(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ParseConvention("bogus"); err == nil {
		t.Error("bogus convention: want error")
	}
}

func TestRecognizeConcurrent(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{}
	for _, f := range []string{"testdata/article_de.txt", "testdata/article_en.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	langs := []string{"de", "en"}
	want := make([][]newsweave.Mention, len(texts))
	for i, s := range texts {
		want[i] = r.Recognize(s, langs[i])
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				if got := r.Recognize(texts[i], langs[i]); !reflect.DeepEqual(got, want[i]) {
					done <- fmt.Errorf("goroutine %d: text %d differs", g, i)
					return
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestTrimSpan: leading common nouns leave a name, but a span that is a
// known name as a whole stays whole.
func TestTrimSpan(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, want, id string
	}{
		{"Ein Sprecher des Weißen Hauses sagte, man prüfe den Vorgang.", "Weißen Hauses", "org:white-house"},
		{"Das erklärte Kremlsprecher Dmitri Peskow am Montag in Moskau.", "Dmitri Peskow", "per:dmitry-peskov"},
	}
	for _, tc := range tests {
		var got []string
		found := false
		for _, m := range r.Recognize(tc.text, "de") {
			got = append(got, m.Text+"="+m.EntityID)
			if m.Text == tc.want && m.EntityID == tc.id {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %q (%s), got %v", tc.text, tc.want, tc.id, got)
		}
	}
}
