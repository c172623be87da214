package ner

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

// Gazetteer bits for phrase membership.
const (
	gLOC uint8 = 1 << iota
	gORG
	gFirst   // a given name
	gPER     // a known person (full or partial name)
	gCountry // a country name
)

// Paths of the Debian data packages; variables so tests can point elsewhere.
var (
	NgermanPath  = "/usr/share/dict/ngerman"
	DingPath     = "/usr/share/trans/de-en"
	ISOCodesDir  = "/usr/share/iso-codes/json"
	LocaleDir    = "/usr/share/locale"
	maxPhraseLen = 5
)

// lexicon holds the dictionaries and gazetteers; immutable after load.
type lexicon struct {
	lowerWords *strSet         // lower-case words in wngerman (verbs, adjectives, ...)
	capWords   *strSet         // capitalised words in wngerman (nouns and names)
	nouns      *strSet         // Ding headwords with a gender: common nouns
	nounsLower *strSet         // the same, lower-cased (for compound heads)
	natAdj     map[string]bool // Ding geographic adjectives ("russisch")
	enDemonyms map[string]bool // their English translations, lower-cased ("russian")
	geoLines   []string        // Ding [geogr.] entries, parsed after countries
	gaz        map[string]uint8
	firstWords *strSet // first words of gaz and entities keys
	// entities maps a lower-cased alias to a canonical entity; byKey maps a
	// transliteration key (with type prefix) to one.
	entities map[string]*newsweave.Entity
	byKey    map[string]*newsweave.Entity
	// trusted are curated entities and countries: unambiguous enough to
	// override the tagger when it misses them.
	trusted map[*newsweave.Entity]bool
	// Sources says which Debian data were found (for diagnostics).
	sources []string
}

var (
	lexOnce sync.Once
	lexVal  *lexicon
)

func loadLexicon() *lexicon {
	lexOnce.Do(func() { lexVal = buildLexicon() })
	return lexVal
}

func buildLexicon() *lexicon {
	lx := &lexicon{
		lowerWords: newStrSet(1 << 18),
		capWords:   newStrSet(1 << 17),
		nouns:      newStrSet(1 << 17),
		nounsLower: newStrSet(1 << 17),
		natAdj:     map[string]bool{},
		enDemonyms: map[string]bool{},
		gaz:        map[string]uint8{},
		entities:   map[string]*newsweave.Entity{},
		byKey:      map[string]*newsweave.Entity{},
		trusted:    map[*newsweave.Entity]bool{},
	}
	var wg sync.WaitGroup
	wg.Add(2)
	var okN, okD bool
	go func() { defer wg.Done(); okN = lx.loadNgerman() }()
	go func() { defer wg.Done(); okD = lx.loadDing() }()
	wg.Wait()
	if okN {
		lx.sources = append(lx.sources, "wngerman")
	}
	if okD {
		lx.sources = append(lx.sources, "ding")
	}
	lx.loadCurated()
	lx.loadCountries()
	lx.loadGeonames()
	lx.loadDingGeo()
	lx.loadSubdivisions()
	lx.indexFirstWords()
	return lx
}

// indexFirstWords records the first word of every gazetteer phrase and
// entity alias, so phrase matching can skip the many capitalised words
// (common nouns) that start none.
func (lx *lexicon) indexFirstWords() {
	lx.firstWords = newStrSet(len(lx.gaz) + len(lx.entities))
	add := func(k string) {
		if i := strings.IndexByte(k, ' '); i >= 0 {
			k = k[:i]
		}
		lx.firstWords.add(k)
	}
	for k := range lx.gaz {
		add(k)
	}
	for k := range lx.entities {
		add(k)
	}
}

// maybeFirst reports whether a lower-cased word (or it without a final
// genitive s) can start a gazetteer phrase or entity alias.
func (lx *lexicon) maybeFirst(lw []byte) bool {
	if lx.firstWords == nil {
		return true
	}
	return lx.firstWords.hasHash(hashBytes(lw)) || len(lw) > 2 && lw[len(lw)-1] == 's' && lx.firstWords.hasHash(hashBytes(lw[:len(lw)-1]))
}

func (lx *lexicon) loadNgerman() bool {
	b, err := os.ReadFile(NgermanPath)
	if err != nil {
		return false
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		var line []byte
		if i < 0 {
			line, b = b, nil
		} else {
			line, b = b[:i], b[i+1:]
		}
		if len(line) == 0 {
			continue
		}
		if c := line[0]; c >= 'A' && c <= 'Z' || c >= 0x80 && startsUpperBytes(line) {
			lx.capWords.addBytes(line)
		} else {
			lx.lowerWords.addBytes(line)
		}
	}
	return true
}

func startsUpperBytes(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return unicode.IsUpper(r)
}

var (
	geogrTag = []byte("[geogr.]")
	dingSep  = []byte(" :: ")
)

// loadDing collects German headwords marked with a grammatical gender:
// common nouns. Names are rarely in Ding with a gender, which is the point.
// A byte scanner over the whole 25 MB file: no per-line allocation.
func (lx *lexicon) loadDing() bool {
	var low []byte
	return forEachDingLine(func(line []byte) {
		if len(line) == 0 || line[0] == '#' {
			return
		}
		i := bytes.Index(line, dingSep)
		de := line
		if i >= 0 {
			de = line[:i]
		}
		if bytes.Contains(line, geogrTag) {
			// Place names are not common nouns even when Ding gives a gender.
			lx.geoLines = append(lx.geoLines, string(line))
			return
		}
		// Alternatives are separated by " | " (inflections) and "; " (synonyms).
		for len(de) > 0 {
			k := bytes.IndexAny(de, "|;")
			var part []byte
			if k < 0 {
				part, de = de, nil
			} else {
				part, de = de[:k], de[k+1:]
			}
			for len(part) > 0 && part[0] == ' ' {
				part = part[1:]
			}
			j := bytes.Index(part, []byte(" {"))
			if j <= 0 || j+4 > len(part) {
				continue
			}
			g := part[j+2]
			if (g != 'm' && g != 'f' && g != 'n' && g != 'p') || bytes.IndexByte(part[:j], ' ') >= 0 {
				continue
			}
			w := part[:j]
			if c := w[0]; c >= 'A' && c <= 'Z' || c >= 0x80 && startsUpperBytes(w) {
				lx.nouns.addBytes(w)
				low = appendLower(low[:0], string(w))
				lx.nounsLower.addBytes(low)
			}
		}
	})
}

// forEachDingLine calls fn with every line of the Ding dictionary (without
// the newline; fn must not keep it) and reports whether Ding is installed.
// One byte scanner for every table built from Ding: no per-line allocation.
func forEachDingLine(fn func(line []byte)) bool {
	data, err := os.ReadFile(DingPath)
	if err != nil {
		return false
	}
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		fn(line)
	}
	return true
}

// isCompoundNoun reports whether a capitalised word ends in a known common
// noun ("Fotowettbewerb" → "wettbewerb"), i.e. is a German compound noun.
func (lx *lexicon) isCompoundNoun(lw string) bool {
	n := 0
	for i := range lw {
		// Heads longer than 48 bytes do not occur; the bound keeps garbage
		// tokens (100 kB without a space) linear.
		if n >= 3 && len(lw)-i >= 4 && len(lw)-i <= 48 && lx.nounsLower.has(lw[i:]) {
			return true
		}
		n++
	}
	return false
}

// natAdjective reports whether a lower-case word is an inflected
// geographic adjective ("nordkoreanischen" → "nordkoreanisch").
func (lx *lexicon) natAdjective(lw string) bool {
	for _, suf := range []string{"", "e", "en", "er", "es", "em"} {
		if strings.HasSuffix(lw, suf) && lx.natAdj[lw[:len(lw)-len(suf)]] {
			return true
		}
	}
	return false
}

// isCommonNoun reports whether w is a known common noun (not a name).
func (lx *lexicon) isCommonNoun(w string) bool { return lx.nouns.has(w) }

func (lx *lexicon) addGaz(phrase string, bit uint8) {
	k := strings.ToLower(strings.Join(strings.Fields(phrase), " "))
	if k == "" {
		return
	}
	lx.gaz[k] |= bit
}

// addEntity registers aliases of an entity; earlier registrations win.
func (lx *lexicon) addEntity(e *newsweave.Entity, aliases ...string) {
	for _, a := range append([]string{e.Name}, aliases...) {
		a = strings.Join(strings.Fields(a), " ")
		if a == "" {
			continue
		}
		la := strings.ToLower(a)
		if _, ok := lx.entities[la]; !ok {
			lx.entities[la] = e
		}
		k := strings.ToLower(e.Type) + ":" + TranslitKey(a)
		if _, ok := lx.byKey[k]; !ok {
			lx.byKey[k] = e
		}
		if !containsStr(e.Aliases, a) && a != e.Name {
			e.Aliases = append(e.Aliases, a)
		}
		switch e.Type {
		case newsweave.LOC:
			lx.addGaz(a, gLOC)
		case newsweave.ORG:
			lx.addGaz(a, gORG)
		case newsweave.PER:
			lx.addGaz(a, gPER)
			// Surnames of known people are gazetteer hits on their own.
			if f := strings.Fields(a); len(f) > 1 {
				lx.addGaz(f[len(f)-1], gPER)
			}
		}
	}
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func newEntity(name, typ, country string) *newsweave.Entity {
	return &newsweave.Entity{ID: EntityID(typ, name), Name: name, Type: typ, Country: country}
}

func (lx *lexicon) loadCurated() {
	for _, n := range firstNames {
		lx.addGaz(n, gFirst)
	}
	for _, k := range knownEntities {
		e := newEntity(k.Name, k.Type, k.Country)
		lx.addEntity(e, k.Aliases...)
		lx.trusted[e] = true
	}
	for _, o := range orgNames {
		e := newEntity(o[0], newsweave.ORG, "")
		lx.addEntity(e, o[1:]...)
		lx.trusted[e] = true
	}
}

type isoCountry struct {
	Alpha2       string `json:"alpha_2"`
	Name         string `json:"name"`
	CommonName   string `json:"common_name"`
	OfficialName string `json:"official_name"`
}

func (lx *lexicon) loadCountries() {
	b, err := os.ReadFile(filepath.Join(ISOCodesDir, "iso_3166-1.json"))
	if err != nil {
		return
	}
	var doc map[string][]isoCountry
	if json.Unmarshal(b, &doc) != nil {
		return
	}
	lx.sources = append(lx.sources, "iso-codes")
	de, _ := readMO(filepath.Join(LocaleDir, "de", "LC_MESSAGES", "iso_3166-1.mo"))
	for _, c := range doc["3166-1"] {
		name := c.Name
		if c.CommonName != "" {
			name = c.CommonName
		}
		// Reuse a curated entity (Russia, United States, ...) when one exists.
		e := lx.entities[strings.ToLower(name)]
		if e == nil {
			e = newEntity(name, newsweave.LOC, c.Alpha2)
		}
		var aliases []string
		for _, n := range []string{c.Name, c.CommonName, c.OfficialName} {
			if n == "" {
				continue
			}
			aliases = append(aliases, n)
			if t := de[n]; t != "" {
				aliases = append(aliases, t)
			}
		}
		lx.addEntity(e, aliases...)
		lx.trusted[e] = true
		for _, a := range append(aliases, name) {
			lx.addGaz(a, gCountry)
		}
	}
}

type isoSubdivision struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Type string `json:"type"`
}

func (lx *lexicon) loadSubdivisions() {
	b, err := os.ReadFile(filepath.Join(ISOCodesDir, "iso_3166-2.json"))
	if err != nil {
		return
	}
	var doc map[string][]isoSubdivision
	if json.Unmarshal(b, &doc) != nil {
		return
	}
	de, _ := readMO(filepath.Join(LocaleDir, "de", "LC_MESSAGES", "iso_3166-2.mo"))
	for _, s := range doc["3166-2"] {
		if len(s.Code) < 2 || utf8.RuneCountInString(s.Name) < 4 {
			continue
		}
		cc := s.Code[:2]
		name := s.Name
		if lx.ambiguous(name) {
			continue
		}
		e := lx.entities[strings.ToLower(name)]
		if e == nil {
			e = newEntity(name, newsweave.LOC, cc)
		} else if e.Type != newsweave.LOC {
			continue
		} else if e.Country == "" {
			e.Country = cc
		}
		aliases := []string{}
		if t := de[name]; t != "" && !lx.ambiguous(t) {
			aliases = append(aliases, t)
		}
		lx.addEntity(e, aliases...)
	}
}

// ambiguous reports gazetteer names that are also common German words.
func (lx *lexicon) ambiguous(name string) bool {
	if strings.Contains(name, " ") {
		return false
	}
	return lx.nouns.has(name) || lx.lowerWords.has(strings.ToLower(name))
}

// loadDingGeo reads Ding's geographic entries: German exonyms with their
// English names and, from "(Hauptstadt von X)"/"(city in X)", countries;
// "{adj}" entries give nationality adjectives.
func (lx *lexicon) loadDingGeo() {
	countryByName := map[string]string{}
	for _, e := range lx.entities {
		if e.Type == newsweave.LOC && e.Country != "" && lx.gaz[strings.ToLower(e.Name)]&gCountry != 0 {
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				countryByName[strings.ToLower(a)] = e.Country
			}
		}
	}
	for _, line := range lx.geoLines {
		deSide, enSide, ok := strings.Cut(line, " :: ")
		if !ok {
			continue
		}
		de, _, _ := strings.Cut(deSide, " | ")
		en, _, _ := strings.Cut(enSide, " | ")
		if strings.Contains(de, "{adj}") {
			for _, a := range strings.Split(de[:strings.Index(de, "{adj}")], ";") {
				a = strings.TrimSpace(a)
				if a != "" && !strings.ContainsAny(a, " …") {
					lx.natAdj[strings.ToLower(a)] = true
				}
			}
			for _, a := range dingNames(en) {
				if !strings.Contains(a, " ") {
					lx.enDemonyms[strings.ToLower(a)] = true
				}
			}
			continue
		}
		if strings.Contains(de, "{") && !strings.Contains(de, "/") {
			continue // a common noun with a geography label
		}
		deNames := dingNames(de)
		enNames := dingNames(en)
		if len(deNames) == 0 || len(enNames) == 0 {
			continue
		}
		cc := ""
		if i := strings.Index(en, "("); i >= 0 {
			paren := en[i+1:]
			if j := strings.Index(paren, ")"); j >= 0 {
				paren = paren[:j]
			}
			for _, pre := range []string{"capital of ", "city in ", "town in ", "port in ", "in "} {
				if k := strings.Index(paren, pre); k >= 0 {
					c := paren[k+len(pre):]
					if k := strings.LastIndex(c, ","); k >= 0 {
						c = c[k+1:]
					}
					c = strings.TrimPrefix(strings.TrimSpace(c), "the ")
					cc = countryByName[strings.ToLower(c)]
					break
				}
			}
		}
		if m := regionCode(de); cc == "" && m != "" && countryByName[strings.ToLower(enNames[0])] == m {
			cc = m
		}
		name := enNames[0]
		e := lx.entities[strings.ToLower(name)]
		if e == nil {
			for _, d := range deNames {
				if e = lx.entities[strings.ToLower(d)]; e != nil {
					break
				}
			}
		}
		if e == nil {
			if cc == "" {
				cc = cityCountry[name]
			}
			e = newEntity(name, newsweave.LOC, cc)
		} else if e.Type != newsweave.LOC {
			continue
		} else if e.Country == "" {
			e.Country = cc
		}
		var aliases []string
		for _, d := range append(deNames, enNames...) {
			if !lx.ambiguous(d) {
				aliases = append(aliases, d)
			}
		}
		lx.addEntity(e, aliases...)
	}
	lx.geoLines = nil
}

// regionCode returns a "/RU/"-style code from a Ding entry, or "".
func regionCode(s string) string {
	i := strings.Index(s, "/")
	if i < 0 || i+3 >= len(s) || s[i+3] != '/' {
		return ""
	}
	return s[i+1 : i+3]
}

// dingNames splits "Tarabulus; Tripolis (Hauptstadt ...) [geogr.]" into
// names, dropping annotations.
func dingNames(s string) []string {
	var out []string
	depth := 0
	var b strings.Builder
	flush := func() {
		n := strings.Join(strings.Fields(b.String()), " ")
		b.Reset()
		if n == "" {
			return
		}
		r, _ := utf8.DecodeRuneInString(n)
		if unicode.IsUpper(r) && !strings.ContainsAny(n, "…<>=") && utf8.RuneCountInString(n) >= 2 {
			out = append(out, n)
		}
	}
	skipSlash := false
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '{' || r == '<':
			depth++
		case r == ')' || r == ']' || r == '}' || r == '>':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case r == '/':
			skipSlash = !skipSlash
		case skipSlash:
		case r == ';':
			flush()
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

func (lx *lexicon) loadGeonames() {
	en, err := readMO(filepath.Join(LocaleDir, "en", "LC_MESSAGES", "geonames.mo"))
	if err != nil {
		return
	}
	de, _ := readMO(filepath.Join(LocaleDir, "de", "LC_MESSAGES", "geonames.mo"))
	lx.sources = append(lx.sources, "geonames")
	ids := make([]string, 0, len(en))
	for id := range en {
		ids = append(ids, id)
	}
	sort.Strings(ids) // deterministic: earlier registrations win
	for _, id := range ids {
		name := en[id]
		if name == "" || name == id {
			continue
		}
		deName := de[id]
		if lx.ambiguous(name) && (deName == "" || lx.ambiguous(deName)) {
			continue
		}
		e := lx.entities[strings.ToLower(name)]
		if e == nil {
			e = newEntity(name, newsweave.LOC, cityCountry[name])
		} else if e.Type != newsweave.LOC {
			continue
		}
		if e.Country == "" {
			e.Country = cityCountry[name]
		}
		if cityCountry[name] != "" {
			lx.trusted[e] = true // a major city from our curated list
		}
		if deName != "" && deName != name && !lx.ambiguous(deName) {
			lx.addEntity(e, deName)
		} else {
			lx.addEntity(e)
		}
	}
}

// lookupPhrase returns the gazetteer bits of a lower-cased phrase.
func (lx *lexicon) lookupPhrase(lower []byte) uint8 { return lx.gaz[string(lower)] }

// knownName reports whether words, joined, are a known entity's name or
// alias, also with a genitive "s" ("Weißen Hauses").
func (lx *lexicon) knownName(words []string) bool {
	if len(words) < 2 {
		return false
	}
	p := strings.ToLower(strings.Join(words, " "))
	if lx.entities[p] != nil {
		return true
	}
	return strings.HasSuffix(p, "s") && lx.entities[p[:len(p)-1]] != nil
}

// knownSpans finds unambiguous known entity names in a sentence: longest
// matches of gazetteer entities (also with a genitive "s"), starting at a
// capitalised word that is neither a common noun nor a lower-case word.
func (lx *lexicon) knownSpans(words []string, trustedOnly bool) []Span {
	var out []Span
	var buf []byte
	for i := 0; i < len(words); {
		w := words[i]
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			i++
			continue
		}
		buf = appendLower(buf[:0], w)
		if !lx.maybeFirst(buf) {
			i++
			continue
		}
		matched := 0
		var ent *newsweave.Entity
		for l := min(maxPhraseLen, len(words)-i); l >= 1 && matched == 0; l-- {
			buf = buf[:0]
			for k := i; k < i+l; k++ {
				if k > i {
					buf = append(buf, ' ')
				}
				buf = appendLower(buf, words[k])
			}
			e := lx.entities[string(buf)]
			if !trustedOnly || lx.trusted[e] {
			} else {
				e = nil
			}
			if e == nil && len(buf) > 3 && buf[len(buf)-1] == 's' && !lx.nouns.has(words[i+l-1]) {
				e = lx.entities[string(buf[:len(buf)-1])]
				if trustedOnly && !lx.trusted[e] {
					e = nil
				}
			}
			if e == nil {
				continue
			}
			if l == 1 && (lx.nouns.has(w) || lx.lowerWords.hasHash(hashBytes(buf)) || !lx.trusted[e] && lx.isCompoundNoun(string(buf))) {
				continue
			}
			matched, ent = l, e
		}
		if matched == 0 {
			i++
			continue
		}
		out = append(out, Span{Start: i, End: i + matched, Type: ent.Type})
		i += matched
	}
	return out
}
