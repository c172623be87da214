package cluster

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/internal/hashkey"
	"github.com/newsweave/newsweave/represent"
)

// Views of an article. Each view is a separate sparse vector; keys of
// different views never collide because the view id is hashed in.
const (
	viewBody = iota // stemmed content words of title and text
	viewLead        // stemmed content words of title and lead
	viewEnt         // canonical entity ids from the NER stage
	viewCap         // capitalised names (English fallback when NER is weak)
	viewNum         // numbers, years and normalised dates
	numViews
	viewAction = numViews // hash space of the action profile (no centroid)
)

// Pruning sizes of event centroids per view: bounded memory per event.
var centroidSize = [numViews]int{128, 32, 32, 32, 16}

// token is one word of the text with its surface properties.
type token struct {
	lower    string
	cap      bool // first rune upper case
	initial  bool // first word of a sentence or line
	hasDigit bool
}

// tokenize splits s into words (letters and digits; hyphens and
// apostrophes split). It marks sentence-initial words so capitalised names
// can be told from sentence starts.
func tokenize(s string, out []token) []token {
	initial := true
	i := 0
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch r {
			case '.', '!', '?', '\n', ':', '"', '„', '“', '«', '»', '|', '•':
				initial = true
			}
			i += sz
			continue
		}
		j := i
		digit := false
		for j < len(s) {
			r2, sz2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
				break
			}
			if unicode.IsDigit(r2) {
				digit = true
			}
			j += sz2
		}
		w := s[i:j]
		out = append(out, token{lower: strings.ToLower(w), cap: unicode.IsUpper(r), initial: initial, hasDigit: digit})
		initial = false
		i = j
	}
	return out
}

// hashKey hashes a term into the key space of one view (FNV-1a, no
// allocation).
func hashKey(view int, term string) uint64 { return hashkey.FNV1a(uint64(view), term) }

var stopDE = set(`aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bereits bin bis bisher bist da dabei dadurch dafür dagegen daher damit dann dar darauf darin darum das dass daß dein deine dem den denen denn der deren des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige einmal er es etwa euch euer für gab gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in indem ins ist ja jedoch jetzt kann kein keine keinem keinen können könnte man mehr mein meine mit muss musste nach nachdem nein nicht nichts noch nun nur ob oder ohne schon sehr sei sein seine seinem seinen seiner seit sich sie sind so sollen soll sollte sondern sowie über um und uns unser unter vom von vor war waren was weil weiter welche welchem welchen welcher wenn wer werde werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen sagte sagt laut heute gestern mehrere zwei drei`)

var stopEN = set(`a about after again against all also am an and any are as at be because been before being between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own said same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours says told new one two three year years last first week day time people according also may`)

func set(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(s) {
		m[w] = struct{}{}
	}
	return m
}

// guessLang decides between German and English by stop-word counts when the
// article carries no language.
func guessLang(toks []token) string {
	de, en := 0, 0
	for i, t := range toks {
		if i > 400 {
			break
		}
		if _, ok := stopDE[t.lower]; ok {
			de++
		}
		if _, ok := stopEN[t.lower]; ok {
			en++
		}
	}
	if en > de {
		return "en"
	}
	return "de"
}

func isStop(w, lang string) bool {
	if lang == "en" {
		_, ok := stopEN[w]
		return ok
	}
	_, ok := stopDE[w]
	if !ok {
		_, ok = stopEN[w] // quotes and names in English inside German text
	}
	return ok
}

// stemmer stems words with Snowball (represent.Stem) and memoises the results. Each Weaver
// owns one (no global mutable state); the cache is bounded.
type stemmer struct {
	cache map[string]string
}

const stemCacheMax = 200000

func (s *stemmer) stem(w, lang string) string {
	key := lang + w
	if v, ok := s.cache[key]; ok {
		return v
	}
	sl := "de" // the weave stems every non-English text as German
	if lang == "en" {
		sl = "en"
	}
	v := represent.Stem(w, sl)
	if s.cache == nil || len(s.cache) >= stemCacheMax {
		s.cache = make(map[string]string, 1024)
	}
	s.cache[key] = v
	return v
}

// raw is the unweighted evidence extracted from one article.
type raw struct {
	tf    [numViews]map[uint64]float32
	names map[uint64]string // entity/cap key → display id or name
	label map[uint64]string // entity key → canonical name
	shing []uint64          // word 4-shingle hashes for near-duplicates
	year  int               // latest plausible year mentioned (0: none)
	// act: stems of the lead's content words (title and first two
	// sentences, names and numbers left out), weighted by position. What
	// the lead says happened ("fired", "hired", "arrested") is what tells
	// sister events of one topic apart.
	act map[uint64]float32
}

// leadTokens is how many content words after the title count as the lead.
const leadTokens = 40

// extract builds the per-view term frequencies of an article.
func (s *stemmer) extract(a *newsweave.Article) *raw {
	r := &raw{names: map[uint64]string{}, label: map[uint64]string{}}
	for v := range r.tf {
		r.tf[v] = map[uint64]float32{}
	}
	title := tokenize(a.Title, nil)
	body := tokenize(a.Text, make([]token, 0, len(a.Text)/6))
	lang := a.Lang
	if lang != "de" && lang != "en" {
		lang = guessLang(body)
	}
	names := map[string]bool{}
	content := func(toks []token, lead int) int {
		for _, t := range toks {
			if t.hasDigit {
				if len(t.lower) == 4 && (strings.HasPrefix(t.lower, "19") || strings.HasPrefix(t.lower, "20")) {
					if y, err := strconv.Atoi(t.lower); err == nil && y > r.year {
						r.year = y
					}
				}
				if len([]rune(t.lower)) <= 8 {
					r.tf[viewNum][hashKey(viewNum, t.lower)]++
				}
				continue
			}
			if utf8.RuneCountInString(t.lower) < 2 || isStop(t.lower, lang) {
				continue
			}
			st := s.stem(t.lower, lang)
			k := hashKey(viewBody, st)
			r.tf[viewBody][k]++
			if lead > 0 {
				r.tf[viewLead][hashKey(viewLead, st)]++
				lead--
			}
			// German capitalises every noun: capitalised words are names
			// only in English text.
			if lang == "en" && t.cap && (!t.initial || names[t.lower]) {
				ck := hashKey(viewCap, t.lower)
				r.tf[viewCap][ck]++
				r.names[ck] = t.lower
			}
		}
		return lead
	}
	if lang == "en" {
		for _, toks := range [][]token{title, body} {
			for _, t := range toks {
				if t.cap && !t.initial && !t.hasDigit {
					names[t.lower] = true
				}
			}
		}
	}
	content(title, 1<<30)
	content(body, leadTokens)
	for _, m := range a.Entities {
		id := m.EntityID
		if id == "" {
			id = strings.ToLower(m.Type + ":" + m.Canonical)
		}
		if id == ":" {
			continue
		}
		k := hashKey(viewEnt, id)
		r.tf[viewEnt][k]++
		// Outside English the words of recognised names feed the names
		// view (German capitalises all nouns, so the capitalisation
		// heuristic below is English-only); spelling variants still share
		// words ("Kim Jong Un" / "Kim Jong-un").
		for _, t := range tokenize(m.Text, nil) {
			if lang != "en" && !t.hasDigit && utf8.RuneCountInString(t.lower) >= 2 && !isStop(t.lower, lang) {
				ck := hashKey(viewCap, t.lower)
				r.tf[viewCap][ck]++
				if _, ok := r.names[ck]; !ok {
					r.names[ck] = t.lower
				}
			}
		}
		r.names[k] = id
		if m.Canonical != "" {
			r.label[k] = m.Canonical
		} else {
			r.label[k] = m.Text
		}
	}
	for _, t := range a.Times {
		if absoluteDate(t, a) {
			r.tf[viewNum][hashKey(viewNum, "t:"+t.Value)]++
		}
	}
	r.act = s.action(a.Title, a.Text, lang)
	// Shingles over all words (stop words included: copies keep them).
	r.shing = shingles(body)
	return r
}

// actTag marks action keys (top byte) so they can be told apart from the
// other keys inside an exemplar profile.
const actTag = uint64(0xAC) << 56

func actKey(stem string) uint64 { return hashKey(viewAction, stem)&^(uint64(0xFF)<<56) | actTag }

func isActKey(k uint64) bool { return k>>56 == 0xAC }

// leadSentences is how many sentences of the text (after the title) form
// the lead for the action profile.
const leadSentences = 2

// action builds the position-weighted action profile of the lead: content
// words of the title and the first sentences, lines with URLs skipped,
// capitalised words inside a sentence (names) and numbers left out.
func (s *stemmer) action(title, text, lang string) map[uint64]float32 {
	out := map[uint64]float32{}
	pos := 0
	add := func(seg string) int {
		n := 0
		for _, t := range tokenize(seg, nil) {
			if t.hasDigit || utf8.RuneCountInString(t.lower) < 3 || isStop(t.lower, lang) {
				continue
			}
			if lang == "en" && t.cap && !t.initial {
				continue
			}
			k := actKey(s.stem(t.lower, lang))
			out[k] += float32(1 / (1 + float64(pos)/12))
			pos++
			n++
		}
		return n
	}
	add(title)
	// A segment counts as a sentence when it holds a few content words
	// (a dateline or a byline does not).
	sentences := 0
	for _, line := range strings.Split(text, "\n") {
		if sentences >= leadSentences {
			break
		}
		if strings.Contains(line, "http") || strings.Contains(line, "www") {
			continue
		}
		start := 0
		for i := 0; i <= len(line) && sentences < leadSentences; i++ {
			if i == len(line) || (line[i] == '.' || line[i] == '!' || line[i] == '?') && (i+1 == len(line) || line[i+1] == ' ') {
				if add(line[start:i]) >= 3 {
					sentences++
				}
				start = i + 1
			}
		}
	}
	return out
}

// shingles hashes every run of four consecutive words.
func shingles(toks []token) []uint64 {
	if len(toks) == 0 {
		return nil
	}
	th := make([]uint64, len(toks))
	for i, t := range toks {
		th[i] = hashKey(255, t.lower)
	}
	if len(toks) < 4 {
		h := uint64(0)
		for _, x := range th {
			h = hashkey.Mix64(h ^ x)
		}
		return []uint64{h}
	}
	out := make([]uint64, 0, len(toks)-3)
	for i := 0; i+4 <= len(toks); i++ {
		out = append(out, hashkey.Mix64(th[i]^hashkey.Mix64(th[i+1]^hashkey.Mix64(th[i+2]^hashkey.Mix64(th[i+3])))))
	}
	return out
}

// noDay marks an unknown date.
const noDay = int32(-1 << 30)

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// parseDay reads the leading YYYY-MM-DD of s as days since 1970.
func parseDay(s string) int32 {
	if len(s) < 10 {
		return noDay
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return noDay
	}
	return int32(t.Sub(epoch).Hours() / 24)
}

// formatDay is the inverse of parseDay ("" for noDay).
func formatDay(d int32) string {
	if d == noDay {
		return ""
	}
	return epoch.AddDate(0, 0, int(d)).Format("2006-01-02")
}

// articleDay is the date used for time features: the publication date,
// else a dateline near the top of the text. Other dates in the text are
// not used: the first date a text mentions is often a past or future
// reference ("am 9. Mai 2015"), and relative dates anchored on the ingest
// time are invented. Mentioned dates still count as evidence in the
// numbers view.
func articleDay(a *newsweave.Article) int32 {
	if d := parseDay(a.Published); d != noDay {
		return d
	}
	// A dateline: a full date with its year spelled out near the top.
	for _, t := range a.Times {
		if t.Start > datelineChars {
			break
		}
		if absoluteDate(t, a) {
			if d := parseDay(t.Value); d != noDay {
				return d
			}
		}
	}
	return noDay
}

// datelineChars is how far into the text a date still counts as the
// article's dateline when no publication date is known.
const datelineChars = 300

// absoluteDate tells whether a date expression can be trusted: either the
// article has a publication date (relative expressions were anchored on
// it) or the expression spells out its year ("May 3, 2013"). Relative
// expressions anchored on the ingest time would invent dates.
func absoluteDate(t newsweave.TimeExpr, a *newsweave.Article) bool {
	if t.Type != newsweave.DATE || len(t.Value) < 7 || t.Value[0] < '0' || t.Value[0] > '9' {
		return false
	}
	return parseDay(a.Published) != noDay || strings.Contains(t.Text, t.Value[:4])
}
