package represent

import (
	"bufio"
	"math"
	"os"
	"sort"
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
	// words, the stem otherwise.
	de2en map[string][]sense
	// english holds every English stem de2en translates to: capitalised
	// English words that are not among them are names.
	english map[string]bool
	// en2de maps English stems to weighted German stems (the reverse
	// direction, voted like de2en), so English articles can also be put
	// into the German term space, whose IDF comes from a German corpus.
	en2de map[string][]sense
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func getLexicon() *lexicon {
	lexOnce.Do(func() {
		lex = &lexicon{words: loadWords(GermanWordsPath)}
		lex.de2en, lex.english, lex.en2de = loadDing(DingPath)
	})
	return lex
}

// translate returns the English senses of a lower-cased German word.
func (l *lexicon) translate(lower, stem string) []sense {
	if en, ok := l.de2en["="+lower]; ok {
		return en
	}
	return l.de2en[stem]
}

// Stem reduces a lower-cased word with the Snowball stemmer of its language
// ("de" or "en"); other languages keep the word. Safe for concurrent use.
func Stem(lower, lang string) string {
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

// sense is one English translation of a German word with its weight; the
// weights of a word's senses sum to 1.
type sense struct {
	stem string
	w    float32
}

// maxSenses bounds the translations kept per German word.
const maxSenses = 3

// loadDing reads the Ding German–English dictionary into a map from German
// words ("="+lower-cased word) and stems to weighted English stems, and the
// set of all English stems it translates to. A word appears on many lines
// (as headword, synonym, inflected form); each line votes for its English
// alternatives by 1/((1+i)(1+j)) where i is the word's place among the German
// synonyms and j the translation's place among the English ones, so "Gruppe"
// is "group" (its own headword) rather than "array" (listed after
// "Anordnung"); votes are scaled by the log of the number of lines the
// English stem translates on, a proxy of its frequency.
func loadDing(path string) (de2en map[string][]sense, english map[string]bool, en2de map[string][]sense) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil
	}
	defer f.Close()
	votes := make(map[string]map[string]float32, 300000)
	vote := func(key, en string, v float32) {
		m := votes[key]
		if m == nil {
			m = map[string]float32{}
			votes[key] = m
		}
		m[en] += v
	}
	englishN := map[string]int{} // stem → lines it translates on
	germanN := map[string]int{}  // German stem → lines it is on
	back := make(map[string]map[string]float32, 100000)
	voteBack := func(en, de string, v float32) {
		m := back[en]
		if m == nil {
			m = map[string]float32{}
			back[en] = m
		}
		m[de] += v
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	type target struct {
		stem  string
		share float32 // 1, or 1/k for each content word of a k-word phrase
	}
	var targets []target
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		de, en, ok := strings.Cut(dropAbbrev(line), " :: ")
		if !ok {
			continue
		}
		ds, es := strings.Split(de, " | "), strings.Split(en, " | ")
		for k := 0; k < len(ds) && k < len(es); k++ {
			targets = targets[:0]
			var phrase []string // content words of the first phrase
			for _, e := range strings.Split(es[k], "; ") {
				e = strings.TrimPrefix(cleanDing(e), "to ")
				if e == "" || strings.ContainsAny(e, ".'/") {
					continue
				}
				if strings.Contains(e, " ") {
					if phrase == nil {
						for _, w := range strings.Fields(strings.ToLower(e)) {
							if !stopWords[w] && len(w) > 1 {
								phrase = append(phrase, Stem(w, "en"))
							}
						}
						if len(phrase) > 3 {
							phrase = []string{}
						}
					}
					continue
				}
				targets = append(targets, target{Stem(strings.ToLower(e), "en"), 1})
				if len(targets) == 4 {
					break
				}
			}
			if len(targets) == 0 && len(phrase) > 0 {
				// Only a phrase translates the word ("Finanzminister":
				// "finance minister"): its content words share the vote.
				for _, w := range phrase {
					targets = append(targets, target{w, 1 / float32(len(phrase))})
				}
			}
			if len(targets) == 0 {
				continue
			}
			for _, t := range targets {
				if t.share == 1 {
					englishN[t.stem]++
				}
			}
			for i, d := range strings.Split(ds[k], "; ") {
				d = cleanDing(d)
				if d == "" || strings.ContainsAny(d, " .'/") {
					continue
				}
				lw := strings.ToLower(d)
				s := Stem(lw, "de")
				germanN[s]++
				for j, t := range targets {
					if t.share < 1 {
						vote("="+lw, t.stem, t.share/float32(1+i))
						vote(s, t.stem, t.share/float32(1+i))
						continue
					}
					v := 1 / float32((1+i)*(1+j))
					vote("="+lw, t.stem, v)
					vote(s, t.stem, v)
					voteBack(t.stem, s, v)
				}
			}
		}
	}
	// Common words are the likelier sense in news text: Regierung is
	// "government" rather than "regimen".
	de2en = senses(votes, englishN)
	en2de = senses(back, germanN)
	english = make(map[string]bool, len(englishN))
	for t := range englishN {
		english[t] = true
	}
	return de2en, english, en2de
}

// senses turns votes (word → translation → votes) into the kept senses of
// every word, each vote scaled by the log of the translation's frequency
// in the dictionary.
func senses(votes map[string]map[string]float32, freq map[string]int) map[string][]sense {
	m := make(map[string][]sense, len(votes))
	for key, vs := range votes {
		ss := make([]sense, 0, len(vs))
		for t, v := range vs {
			ss = append(ss, sense{t, v * float32(math.Log(1+float64(max(1, freq[t]))))})
		}
		sort.Slice(ss, func(a, b int) bool {
			if ss[a].w != ss[b].w {
				return ss[a].w > ss[b].w
			}
			return ss[a].stem < ss[b].stem
		})
		// keep the senses with at least a third of the best one's votes
		n := 1
		for n < len(ss) && n < maxSenses && ss[n].w*3 >= ss[0].w {
			n++
		}
		ss = ss[:n:n]
		var sum float32
		for _, x := range ss {
			sum += x.w
		}
		for i := range ss {
			ss[i].w /= sum
		}
		m[key] = ss
	}
	return m
}

// dropAbbrev removes Ding's abbreviation notes (" /Gov.; Govt./"), which
// would otherwise split and spoil the translation they follow.
func dropAbbrev(line string) string {
	for {
		i := strings.Index(line, " /")
		if i < 0 {
			return line
		}
		j := strings.IndexByte(line[i+2:], '/')
		if j < 0 {
			return line
		}
		line = line[:i] + line[i+2+j+1:]
	}
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
