package represent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// token is one word of an article with the facts the builders need.
type token struct {
	word  string // as written
	lower string // lower-cased
	pos   int    // index among the article's tokens
	caps  bool   // starts with an upper-case letter
	digit bool   // contains a digit
}

// tokenize splits s into words (runs of letters and digits). It keeps no
// punctuation; hyphenated compounds become separate words.
func tokenize(s string, start int, out []token) []token {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += w
			continue
		}
		j := i
		digit := false
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) && !unicode.Is(unicode.Mn, r2) {
				break
			}
			if unicode.IsDigit(r2) {
				digit = true
			}
			j += w2
		}
		word := s[i:j]
		out = append(out, token{word: word, lower: strings.ToLower(word), pos: start + len(out), caps: unicode.IsUpper(r), digit: digit})
		i = j
	}
	return out
}

// mojibakeMarks are the lead characters UTF-8 text shows when it was decoded
// as Latin-1/Windows-1252 ("fÃ¼r" for "für").
const mojibakeMarks = "ÃÂâ"

// RepairMojibake undoes the commonest mojibake: UTF-8 bytes that were decoded
// as Windows-1252 and re-encoded. Each whitespace-separated word is repaired
// on its own, so mixed text (part clean, part broken) is handled; words that
// do not round-trip to valid UTF-8 are left as they are.
func RepairMojibake(s string) string {
	if !strings.ContainsAny(s, mojibakeMarks) {
		return s
	}
	enc := charmap.Windows1252.NewEncoder()
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		i := strings.IndexAny(s, " \n\t")
		var word, sep string
		if i < 0 {
			word, s = s, ""
		} else {
			word, sep, s = s[:i], s[i:i+1], s[i+1:]
		}
		if strings.ContainsAny(word, mojibakeMarks) {
			if raw, err := enc.String(word); err == nil && utf8.ValidString(raw) && raw != word {
				word = raw
			}
		}
		b.WriteString(word)
		b.WriteString(sep)
	}
	return b.String()
}

// fold maps text to a mojibake-proof key space for character n-grams and
// shingles: lower-case ASCII letters and digits only. Non-ASCII letters are
// dropped rather than transliterated, so "für" and its mojibake "fÃ¼r" both
// fold to "fr".
func fold(word string) string {
	var b []byte
	for i := 0; i < len(word); i++ {
		if f := foldByte(word[i]); f != 0 {
			b = append(b, f)
		}
	}
	return string(b)
}

// foldByte returns an ASCII letter lower-cased or a digit as it is, and 0
// for every other byte.
func foldByte(c byte) byte {
	switch {
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return c
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	}
	return 0
}

// foldText splits text into folded words: runs of ASCII letters and
// digits, lower-cased, with every non-ASCII byte dropped (not a separator),
// so "für", its mojibake "fÃ¼r" and "f\u00fcr" all give "fr".
func foldText(s string) []string {
	var out []string
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch f := foldByte(c); {
		case f != 0:
			b = append(b, f)
		case c >= 0x80:
			// dropped: part of a non-ASCII letter or of mojibake
		default:
			if len(b) > 0 {
				out = append(out, string(b))
				b = b[:0]
			}
		}
	}
	if len(b) > 0 {
		out = append(out, string(b))
	}
	return out
}

// stop words: function words of German and English that carry no topic.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin bis bist da
dabei dadurch daher damit dann darauf darum das dass daß dein deine dem den denn der deren des dessen deshalb die dies diese
diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwa euch euer für gegen gewesen hab habe
haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist ja jede jedem jeden jeder
jedes jetzt kann kein keine keinem keinen können könnte machen man manche mehr mein meine mit muss musste nach nicht nichts noch
nun nur ob oder ohne sehr sein seine seinem seinen seiner seit sich sie sind so solche soll sollte sondern sonst sowie über um
und uns unser unter vom von vor war waren warum was weil weiter welche welchem welchen welcher wenn wer werde werden wie wieder
will wir wird wo wollen worden wurde wurden zu zum zur zwar zwischen beim laut sagte sagt heißt gibt bereits schon immer
a about after again against all also am an and any are as at be because been before being between both but by can could did do
does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our out over own said same she should so some such than that
the their them then there these they this those through to too under until up very was we were what when where which while who
whom why will with would you your says told also new one two
`) {
		m[w] = true
	}
	return m
}()

// germanMarkers and englishMarkers guess the language of untagged text.
var (
	germanMarkers  = map[string]bool{"der": true, "die": true, "und": true, "das": true, "ist": true, "nicht": true, "mit": true, "sich": true, "auf": true, "für": true, "ein": true, "eine": true, "den": true, "dem": true, "wurde": true}
	englishMarkers = map[string]bool{"the": true, "and": true, "of": true, "to": true, "is": true, "that": true, "for": true, "with": true, "was": true, "on": true, "are": true, "by": true, "this": true, "from": true, "has": true}
)

// guessLang tells German from English by function words; "" when neither
// dominates (other languages, too little text).
func guessLang(toks []token) string {
	de, en := 0, 0
	for _, t := range toks {
		if germanMarkers[t.lower] {
			de++
		}
		if englishMarkers[t.lower] {
			en++
		}
	}
	n := len(toks)
	switch {
	case de > en && de*20 >= n:
		return "de"
	case en > de && en*20 >= n:
		return "en"
	}
	return ""
}
