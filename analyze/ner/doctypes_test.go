package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestDocTypes(t *testing.T) {
	r := &Recognizer{lx: loadLexicon()}
	tests := []struct {
		name string
		mask DocTypes
		in   []string // one sentence per entry: "word/TAG" tokens
		want []string
	}{
		{"surname takes the full name's type", DocTypeSurname,
			[]string{"George/B-PER W./I-PER Bush/I-PER kam", "Bush/B-LOC sagte"},
			[]string{"George/B-PER W./I-PER Bush/I-PER kam", "Bush/B-PER sagte"}},
		{"first names are not surnames", DocTypeSurname,
			[]string{"George/B-PER Bush/I-PER kam", "George/B-LOC sagte"},
			[]string{"George/B-PER Bush/I-PER kam", "George/B-LOC sagte"}},
		{"majority of the multi-word spans decides", DocTypeSurname,
			[]string{"Eintracht/B-ORG Frankfurt/I-ORG siegt", "Peter/B-PER Frankfurt/I-PER", "Stadt/B-ORG Frankfurt/I-ORG", "in Frankfurt/B-LOC"},
			[]string{"Eintracht/B-ORG Frankfurt/I-ORG siegt", "Peter/B-PER Frankfurt/I-PER", "Stadt/B-ORG Frankfurt/I-ORG", "in Frankfurt/B-LOC"}},
		{"off", NoDocTypes,
			[]string{"George/B-PER W./I-PER Bush/I-PER kam", "Bush/B-LOC sagte"},
			[]string{"George/B-PER W./I-PER Bush/I-PER kam", "Bush/B-LOC sagte"}},
		{"majority of a repeated name", DocTypeMajority,
			[]string{"Bochum/B-ORG siegt", "gegen Bochum/B-ORG", "in Bochum/B-LOC"},
			[]string{"Bochum/B-ORG siegt", "gegen Bochum/B-ORG", "in Bochum/B-ORG"}},
		{"a tie is left alone", DocTypeMajority,
			[]string{"Bochum/B-ORG siegt", "in Bochum/B-LOC"},
			[]string{"Bochum/B-ORG siegt", "in Bochum/B-LOC"}},
		{"org head", DocTypeOrgHead,
			[]string{"Eintracht/B-ORG Frankfurt/I-ORG siegt", "Eintracht/B-LOC verliert"},
			[]string{"Eintracht/B-ORG Frankfurt/I-ORG siegt", "Eintracht/B-ORG verliert"}},
		{"untagged surname, not a common noun", DocTypeSurnameO,
			[]string{"Jan/B-PER Kowalczyk/I-PER kam", "Kowalczyk sagte", "Haus Kowalczyk"},
			[]string{"Jan/B-PER Kowalczyk/I-PER kam", "Kowalczyk/B-PER sagte", "Haus Kowalczyk/B-PER"}},
		{"org and place", DocTypeOrgPlace,
			[]string{"der VfB/B-ORG Stuttgart/B-LOC siegt", "Air/B-ORG New/B-LOC York/I-LOC", "in Stuttgart/B-LOC VfB/B-ORG"},
			[]string{"der VfB/B-ORG Stuttgart/I-ORG siegt", "Air/B-ORG New/I-ORG York/I-ORG", "in Stuttgart/B-LOC VfB/B-ORG"}},
		{"untagged common noun stays", DocTypeSurnameO,
			[]string{"Peter/B-PER Haus/I-PER kam", "Haus sagte"},
			[]string{"Peter/B-PER Haus/I-PER kam", "Haus sagte"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			units, tags := parseTagged(tc.in)
			r.applyDocTypes(units, tags, tc.mask)
			var got []string
			for u := range units {
				var b []string
				for i, w := range units[u] {
					if tags[u][i] == 0 {
						b = append(b, w)
					} else {
						b = append(b, w+"/"+Tags[tags[u][i]])
					}
				}
				got = append(got, strings.Join(b, " "))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func parseTagged(in []string) ([][]string, [][]int) {
	var units [][]string
	var tags [][]int
	for _, s := range in {
		var u []string
		var tg []int
		for _, f := range strings.Fields(s) {
			w, tag, _ := strings.Cut(f, "/")
			if tag == "" || !strings.Contains(tag, "-") {
				w, tag = f, "O"
			}
			u = append(u, w)
			tg = append(tg, tagIndex(tag))
		}
		units, tags = append(units, u), append(tags, tg)
	}
	return units, tags
}

func TestParseDocTypes(t *testing.T) {
	tests := []struct {
		in   string
		want DocTypes
		ok   bool
	}{
		{"default", DefaultDocTypes, true},
		{"", DefaultDocTypes, true},
		{"none", NoDocTypes, true},
		{"surname,orghead", DocTypeSurname | DocTypeOrgHead, true},
		{"surname, bogus", 0, false},
	}
	for _, tc := range tests {
		got, err := ParseDocTypes(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseDocTypes(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestRecognizeDocTypes runs the default rules end to end on invented
// text: a later lone surname takes the full name's type, and a club named
// after its town is one ORG (not ORG + LOC, nor trimmed to the town).
func TestRecognizeDocTypes(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.lx.sources) < 2 {
		t.Skip("Debian dictionaries not installed")
	}
	tests := []struct {
		lang, text string
		want       map[string]string
	}{
		// Without the rules "Bush" is LOC after "to" and untagged after "by".
		{"en", "President George W. Bush arrived in Texas. Aides to Bush said the talks had gone well.",
			map[string]string{"George W. Bush": "PER", "Bush": "PER", "Texas": "LOC"}},
		{"en", "President George W. Bush met the prime minister in Washington on Monday. The plan was backed by Bush and his aides.",
			map[string]string{"George W. Bush": "PER", "Bush": "PER", "Washington": "LOC"}},
		{"de", "Der VfB Stuttgart gewann am Samstag gegen Werder Bremen. Trainer Christoph Daum lobte die Mannschaft.",
			map[string]string{"VfB Stuttgart": "ORG", "Werder Bremen": "ORG", "Christoph Daum": "PER"}},
	}
	for _, tc := range tests {
		got := map[string]string{}
		for _, m := range r.Recognize(tc.text, tc.lang) {
			got[m.Text] = m.Type
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.lang, got, tc.want)
		}
	}
}
