package ner

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

var foldMap = map[rune]string{
	'ä': "a", 'ö': "o", 'ü': "u", 'ß': "ss", 'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'č': "ch", 'ć': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i", 'ñ': "n", 'ń': "n", 'ň': "n", 'ò': "o", 'ó': "o", 'ô': "o",
	'õ': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ǒ': "o", 'ő': "o", 'œ': "oe", 'ř': "r", 'ś': "s", 'š': "sh", 'ş': "s", 'ș': "s",
	'ť': "t", 'ţ': "t", 'ț': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ý': "y", 'ÿ': "y",
	'ź': "z", 'ż': "z", 'ž': "zh", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th",
}

// fold lower-cases s, removes diacritics and turns everything that is not a
// letter or digit into a space.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
			continue
		}
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			continue
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// translit maps German and English romanisations of the same name onto one
// spelling: German "tsch" = English "ch", German "ch" = English "kh" (both
// become X), w = v, j = y, tz/ts = z.
var translit = strings.NewReplacer(
	"tsch", "X", "tch", "X", "sch", "sh", "ch", "X", "kh", "X", "x", "ks", "ck", "k", "ph", "f",
	"w", "v", "j", "y", "tz", "z", "ts", "z", "c", "k", "q", "k", "ou", "u",
)

// TranslitKey is the spelling-independent key of a name: case, diacritics,
// hyphens and spaces folded, German/English transliteration variants
// unified (Wladimir/Vladimir, Sergej/Sergei/Sergey, Lawrow/Lavrov,
// Jong-un/Jong Un/Jung-un, Pjöngjang/Pyongyang) and vowels reduced to three
// classes. Different names can share a key only when they differ by such
// variants.
func TranslitKey(s string) string {
	words := strings.Fields(fold(s))
	for i, w := range words {
		words[i] = keyWord(w)
	}
	return strings.Join(words, " ")
}

func keyWord(w string) string {
	w = translit.Replace(w)
	b := []byte(w)
	out := b[:0]
	for i, c := range b {
		switch c {
		case 'e', 'i':
			c = 'i'
		case 'o', 'u':
			c = 'u'
		case 'y':
			// y is a vowel unless a vowel follows (Sergey = Sergei, but Yuri).
			if i+1 >= len(b) || !strings.ContainsRune("aeiouy", rune(b[i+1])) {
				c = 'i'
			}
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// slug turns a name into an id part: ASCII letters and digits joined by '-'.
func slug(s string) string {
	f := fold(s)
	var b strings.Builder
	for _, w := range strings.Fields(f) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		for _, r := range w {
			if r < utf8.RuneSelf {
				b.WriteRune(r)
			} else {
				b.WriteString(strings.ToLower(string(r)))
			}
		}
	}
	return b.String()
}

// EntityID derives the stable id of a curated or gazetteer entity from its
// canonical name, e.g. ("PER", "Kim Jong Un") → "per:kim-jong-un".
func EntityID(typ, name string) string {
	return strings.ToLower(typ) + ":" + slug(name)
}

// keyID derives the id of an entity known only from the text: its
// transliteration key, so spelling variants across articles share it.
func keyID(typ, name string) string {
	k := strings.ReplaceAll(TranslitKey(name), "X", "kh")
	return strings.ToLower(typ) + ":" + strings.ReplaceAll(k, " ", "-")
}

// trimMention strips punctuation and quotes around a mention.
func trimMention(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '.' && r != '-' && r != '&') || unicode.IsSymbol(r) && r != '+'
	})
}

// stripGenitive returns the name without a German genitive ending
// ("Putins" → "Putin", "Kim Jong-uns" → "Kim Jong-un", "Bush'" → "Bush"),
// when known says the base is a name we know; otherwise the name itself.
func stripGenitive(name string, known func(string) bool) string {
	for _, suf := range []string{"’s", "'s", "s", "’", "'"} {
		if !strings.HasSuffix(name, suf) {
			continue
		}
		base := name[:len(name)-len(suf)]
		if utf8.RuneCountInString(base) < 2 {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(base)
		if !unicode.IsLetter(last) || (suf == "s" && unicode.IsUpper(last) && !isAllUpper(base)) {
			continue
		}
		if known(base) {
			return base
		}
	}
	return name
}

func isAllUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// lookup finds a known entity for a name, by alias then by transliteration
// key (the given type first, then any type).
func (lx *lexicon) lookup(name, typ string) *newsweave.Entity {
	if lx == nil || name == "" {
		return nil
	}
	if e := lx.entities[strings.ToLower(name)]; e != nil {
		return e
	}
	k := TranslitKey(name)
	if k == "" {
		return nil
	}
	if typ != "" {
		if e := lx.byKey[strings.ToLower(typ)+":"+k]; e != nil {
			return e
		}
	}
	for _, t := range []string{"per", "loc", "org", "oth"} {
		if e := lx.byKey[t+":"+k]; e != nil {
			return e
		}
	}
	return nil
}

// rawMention is a tagged span before resolution.
type rawMention struct {
	text       string
	typ        string
	start, end int // code points
}

// resolve gives every mention of one document a canonical identity:
// genitive endings stripped, partial person names linked to a full name in
// the same document, known entities (aliases, exonyms, transliteration
// variants) mapped to their canonical record, the rest keyed by
// transliteration so variants share an id across articles.
func (lx *lexicon) resolve(raw []rawMention) []newsweave.Mention {
	// Mentions repeat within an article: memoise the costly key functions.
	type lk struct{ name, typ string }
	memo := map[lk]*newsweave.Entity{}
	lookup := func(name, typ string) *newsweave.Entity {
		k := lk{name, typ}
		if e, ok := memo[k]; ok {
			return e
		}
		e := lx.lookup(name, typ)
		memo[k] = e
		return e
	}
	kwMemo := map[string]string{}
	keyWord := func(w string) string {
		if k, ok := kwMemo[w]; ok {
			return k
		}
		k := keyWord(w)
		kwMemo[w] = k
		return k
	}
	// Word keys of every multi-word mention, for genitive and partial checks.
	docWords := map[string]bool{}
	for _, m := range raw {
		for _, w := range strings.Fields(fold(m.text)) {
			docWords[keyWord(w)] = true
		}
	}
	known := func(base string) bool {
		if lookup(base, "") != nil {
			return true
		}
		f := strings.Fields(fold(base))
		return len(f) > 0 && docWords[keyWord(f[len(f)-1])] && !strings.HasSuffix(f[len(f)-1], "s")
	}
	type cand struct {
		base  string
		words []string // key words
		typ   string
		ent   *newsweave.Entity
	}
	cands := make([]cand, len(raw))
	for i, m := range raw {
		t := trimMention(m.text)
		base := t
		if lookup(t, m.typ) == nil {
			base = stripGenitive(t, known)
		}
		// A name whose genitive "s" makes it unknown keeps the s unless the
		// base occurs bare in the document (handled in known).
		c := cand{base: base, typ: m.typ}
		for _, w := range strings.Fields(fold(base)) {
			c.words = append(c.words, keyWord(w))
		}
		cands[i] = c
	}
	// Full person names of the document, with frequency.
	type full struct {
		idx   int
		count int
	}
	fullByKey := map[string]*full{}
	var fullKeys []string
	for i, c := range cands {
		if c.typ != newsweave.PER || len(c.words) < 2 {
			continue
		}
		k := strings.Join(c.words, " ")
		if f := fullByKey[k]; f != nil {
			f.count++
			continue
		}
		fullByKey[k] = &full{idx: i, count: 1}
		fullKeys = append(fullKeys, k)
	}
	// Partial names → the most frequent full name that starts or ends with them.
	link := make([]int, len(cands))
	for i := range link {
		link[i] = -1
	}
	for i, c := range cands {
		if c.typ != newsweave.PER || len(c.words) == 0 {
			continue
		}
		best, bestCount := -1, 0
		for _, k := range fullKeys {
			f := fullByKey[k]
			fw := cands[f.idx].words
			if len(fw) <= len(c.words) || !(hasPrefixWords(fw, c.words) || hasSuffixWords(fw, c.words)) {
				continue
			}
			if f.count > bestCount || (f.count == bestCount && f.idx < best) {
				best, bestCount = f.idx, f.count
			}
		}
		if best >= 0 {
			link[i] = best
		}
	}
	out := make([]newsweave.Mention, 0, len(raw))
	entOf := func(i int) *newsweave.Entity {
		c := cands[i]
		if e := lookup(c.base, c.typ); e != nil {
			return e
		}
		return nil
	}
	for i, m := range raw {
		c := cands[i]
		src := i
		if link[i] >= 0 {
			src = link[i]
		}
		mm := newsweave.Mention{Text: m.text, Type: c.typ, Start: m.start, End: m.end}
		if e := entOf(src); e != nil {
			mm.Type, mm.Canonical, mm.EntityID, mm.Country = e.Type, e.Name, e.ID, e.Country
		} else {
			name := displayName(cands[src].base)
			mm.Canonical, mm.EntityID = name, keyID(cands[src].typ, name)
			mm.Type = cands[src].typ
		}
		if mm.EntityID == "" || strings.HasSuffix(mm.EntityID, ":") {
			continue
		}
		out = append(out, mm)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// displayName normalises the surface form used as canonical name of an
// unknown entity: whitespace collapsed, ALL-CAPS words of more than four
// letters title-cased (datelines: "MOSKAU").
func displayName(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		if utf8.RuneCountInString(w) > 4 && isAllUpper(w) {
			r := []rune(strings.ToLower(w))
			r[0] = unicode.ToUpper(r[0])
			f[i] = string(r)
		}
	}
	return strings.Join(f, " ")
}

func hasPrefixWords(full, part []string) bool {
	for i := range part {
		if full[i] != part[i] {
			return false
		}
	}
	return true
}

func hasSuffixWords(full, part []string) bool {
	off := len(full) - len(part)
	for i := range part {
		if full[off+i] != part[i] {
			return false
		}
	}
	return true
}

// EntityOf returns the canonical entity record of a resolved mention, with
// the known aliases and the mention's own spelling, so a store can keep one
// record per identity.
func EntityOf(m newsweave.Mention) newsweave.Entity {
	lx := loadLexicon()
	e := newsweave.Entity{ID: m.EntityID, Name: m.Canonical, Type: m.Type, Country: m.Country}
	if k := lx.lookup(m.Canonical, m.Type); k != nil && k.ID == m.EntityID {
		e.Aliases = append(e.Aliases, k.Aliases...)
	}
	if t := trimMention(m.Text); t != "" && t != e.Name && !containsStr(e.Aliases, t) {
		e.Aliases = append(e.Aliases, t)
	}
	return e
}
