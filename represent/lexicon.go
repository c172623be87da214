package represent

import (
	"bufio"
	"os"
	"strings"
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
)

// Paths of the Debian data files the lexicon reads when present
// (packages wngerman and trans-de-en). Variables so tests can point them
// elsewhere before the first Build.
var (
	GermanWordsPath = "/usr/share/dict/ngerman"
	DingPath        = "/usr/share/trans/de-en"
)

// lexicon holds the immutable word resources, loaded once per process.
type lexicon struct {
	words map[string]struct{} // lower-cased German words (decompounding)
	// German → English stems for the bilingual space: "="+word for exact
	// headwords, the stem otherwise.
	de2en map[string][]string
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func getLexicon() *lexicon {
	lexOnce.Do(func() {
		lex = &lexicon{words: loadWords(GermanWordsPath), de2en: loadDing(DingPath)}
	})
	return lex
}

// translate returns the English stems for a lower-cased German word.
func (l *lexicon) translate(lower, stem string) []string {
	if en, ok := l.de2en["="+lower]; ok {
		return en
	}
	return l.de2en[stem]
}

// stem reduces a lower-cased word with the Snowball stemmer of its language;
// other languages keep the word.
func stem(lower, lang string) string {
	switch lang {
	case "de":
		env := snowballstem.NewEnv(lower)
		german.Stem(env)
		return env.Current()
	case "en":
		env := snowballstem.NewEnv(lower)
		english.Stem(env)
		return env.Current()
	}
	return lower
}

func loadWords(path string) map[string]struct{} {
	f, err := os.Open(path)
	if err != nil {
		return nil // absent: no decompounding
	}
	defer f.Close()
	m := make(map[string]struct{}, 360000)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.ToLower(strings.TrimSpace(sc.Text()))
		if len(w) >= 3 {
			m[w] = struct{}{}
		}
	}
	return m
}

// linking elements (Fugen) German compounds put between their parts.
var fugen = []string{"", "s", "es", "n", "en", "er", "e"}

// decompound splits a German compound into modifier and head using the word
// list ("staatsbesuch" → "staat", "besuch"). It returns nil when the word is
// not a compound of two known words of at least four letters each.
func (l *lexicon) decompound(w string) []string {
	if l == nil || len(l.words) == 0 || len(w) < 8 {
		return nil
	}
	// Prefer the longest head (the last part carries the meaning).
	for i := 4; i <= len(w)-4; i++ {
		if w[i]&0xC0 == 0x80 { // not a rune boundary
			continue
		}
		head := w[i:]
		if _, ok := l.words[head]; !ok {
			continue
		}
		left := w[:i]
		for _, f := range fugen {
			if !strings.HasSuffix(left, f) {
				continue
			}
			m := left[:len(left)-len(f)]
			if len(m) < 4 {
				continue
			}
			if _, ok := l.words[m]; ok {
				return []string{m, head}
			}
		}
	}
	return nil
}

// loadDing reads the Ding German–English dictionary into a map from German
// stems to the stems of their first single-word English translations.
func loadDing(path string) map[string][]string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	m := make(map[string][]string, 150000)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		de, en, ok := strings.Cut(line, " :: ")
		if !ok {
			continue
		}
		ds, es := strings.Split(de, " | "), strings.Split(en, " | ")
		for k := 0; k < len(ds) && k < len(es); k++ {
			var targets []string
			for _, e := range strings.Split(es[k], "; ") {
				e = strings.TrimPrefix(cleanDing(e), "to ")
				if e == "" || strings.ContainsAny(e, " .'/") {
					continue
				}
				targets = append(targets, stem(strings.ToLower(e), "en"))
				if len(targets) == 2 {
					break
				}
			}
			if len(targets) == 0 {
				continue
			}
			for _, d := range strings.Split(ds[k], "; ") {
				d = cleanDing(d)
				if d == "" || strings.ContainsAny(d, " .'/") {
					continue
				}
				lw := strings.ToLower(d)
				// Exact headwords win over stems of inflected or derived
				// forms ("Moskau" → Moscow, not "Moskauer" → Muscovite).
				if _, seen := m["="+lw]; !seen {
					m["="+lw] = targets
				}
				if s := stem(lw, "de"); s != lw {
					if _, seen := m[s]; !seen {
						m[s] = targets
					}
				}
			}
		}
	}
	return m
}

// cleanDing removes Ding annotations ({m}, [pol.], (…), <…>) and trims.
func cleanDing(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '{', '[', '(', '<':
			depth++
		case '}', ']', ')', '>':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return strings.TrimSpace(b.String())
}
