// Package lang detects the language of an article with lingua-go, restricted
// to the languages newsweave supports so that models stay small and
// detection fast.
package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// Supported lists the ISO 639-1 codes the detector can return: German and
// English (the languages newsweave analyses), plus French, Spanish, Italian,
// Dutch, Polish and Russian so that foreign pages are labelled rather than
// mistaken for German or English.
var Supported = []string{"de", "en", "fr", "es", "it", "nl", "pl", "ru"}

var linguaLangs = []lingua.Language{
	lingua.German, lingua.English, lingua.French, lingua.Spanish,
	lingua.Italian, lingua.Dutch, lingua.Polish, lingua.Russian,
}

// MaxSample is how many bytes of text the detector reads: a few paragraphs
// decide the language of a news article, and lingua's cost grows with length.
const MaxSample = 400

// Detector wraps an immutable lingua detector; safe for concurrent use.
type Detector struct {
	d lingua.LanguageDetector
}

var (
	once sync.Once
	def  *Detector
)

// Default returns the process-wide detector, building it (and loading its
// models) on first use.
func Default() *Detector {
	once.Do(func() { def = New() })
	return def
}

// New builds a detector over the supported languages. Low-accuracy mode
// (trigram models only) is used: it is several times faster and needs far
// less memory, and is as accurate as high-accuracy mode on texts of more
// than a sentence, which is what articles are.
func New() *Detector {
	d := lingua.NewLanguageDetectorBuilder().
		FromLanguages(linguaLangs...).
		WithLowAccuracyMode().
		WithPreloadedLanguageModels().
		Build()
	return &Detector{d: d}
}

// Detect returns the ISO 639-1 code of text's language, or "" when the text
// has too few letters to tell or no supported language fits.
//
// Long texts in which one language's function words clearly dominate are
// decided by that count alone (a news article has dozens of them in its
// first paragraph); lingua decides everything else. This keeps detection at
// a few microseconds for the bulk of articles.
func (d *Detector) Detect(text string) string {
	if l := byFunctionWords(text); l != "" {
		return l
	}
	text = sample(text)
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	l, ok := d.d.DetectLanguageOf(text)
	if !ok {
		return ""
	}
	return strings.ToLower(l.IsoCode639_1().String())
}

// sample cuts text to about MaxSample bytes at a rune boundary, preferring a
// word boundary.
func sample(text string) string {
	if len(text) <= MaxSample {
		return text
	}
	cut := MaxSample
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > MaxSample/2 {
		cut = sp
	}
	return text[:cut]
}

// functionWords are frequent, distinctive short words per language; words
// shared by two supported languages are left out.
var functionWords = map[string]string{}

func init() {
	for lang, words := range map[string]string{
		"de": "der die das und ist nicht mit sich dem den auch wurde werden eine für auf wird sind nach bei einer zum zur",
		"en": "the and of was that with are this have from which were has been their would they said",
		"fr": "le les et est une dans pour pas qui sur du au avec sont aux été cette mais",
		"es": "el los las y del por para con como pero más sus fue este esta entre",
		"it": "il che di è per della non sono gli anche delle nel alla questo hanno",
		"nl": "het een van dat niet op voor zijn ook werd naar maar worden bij deze",
		"pl": "nie się że jest oraz jak przez dla już może są był została",
	} {
		for _, w := range strings.Fields(words) {
			functionWords[w] = lang
		}
	}
}

var langIndex = map[string]int{"de": 0, "en": 1, "fr": 2, "es": 3, "it": 4, "nl": 5, "pl": 6}

// byFunctionWords returns a language when its function words dominate the
// first ~1,500 bytes clearly (at least 12 hits and five times the runner-up),
// or "" to defer to lingua.
func byFunctionWords(text string) string {
	if len(text) > 1500 {
		text = text[:1500]
	}
	var counts [8]int
	langs := [8]string{"de", "en", "fr", "es", "it", "nl", "pl", "ru"}
	cyr, latin := 0, 0
	start := -1
	var buf [16]byte
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		if len(w) > len(buf) {
			return
		}
		lw := buf[:0]
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lw = append(lw, c)
		}
		if l, ok := functionWords[string(lw)]; ok {
			counts[langIndex[l]]++
		}
	}
	for i, r := range text {
		if unicode.IsLetter(r) {
			if r >= 0x400 && r <= 0x4FF {
				cyr++
			} else {
				latin++
			}
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	if cyr > 200 && cyr > 10*latin {
		return "ru"
	}
	best, second := 0, 0
	for i := 1; i < len(counts); i++ {
		if counts[i] > counts[best] {
			best = i
		}
	}
	for i := range counts {
		if i != best && counts[i] > second {
			second = counts[i]
		}
	}
	if counts[best] >= 12 && counts[best] >= 5*second {
		return langs[best]
	}
	return ""
}
