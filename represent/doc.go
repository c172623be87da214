// Package represent turns an analysed article into a prepared, immutable
// representation that later stages compare cheaply and often: the pairwise
// comparison (package compare) and the online event clusterer (package
// cluster) both work on *Doc values and never re-read the text.
//
// API (stable):
//
//	d := represent.Build(a)            // default IDF (committed table)
//	b := represent.NewBuilder(idf)     // pluggable IDF, e.g. a *represent.DF
//	d = b.Build(a)                     // updated online with DF.Add
//	d2 := b.Reweight(d)                // same Doc under another IDF
//	represent.Dot(d1.Terms, d2.Terms)  // cosine of unit vectors
//	represent.SketchCosine(&d1.Grams, &d2.Grams)
//	represent.MinHashJaccard(d1, d2)   // near-duplicate overlap estimate
//	d.TopTerms(k), d.TopEntities(k)    // keys for inverted-index candidate retrieval
//	represent.TermKey("Einladung", "de") // the key of a query word
//
// A Doc holds:
//   - Terms: TF-IDF over Snowball stems (German or English), German
//     compounds also counted by their parts (decompounded with the wngerman
//     word list when /usr/share/dict/ngerman is present), title counted twice;
//   - Head: the same over title + first 200 + last 56 words ("head and tail");
//   - Title: the title's terms; Phrases: word bigrams of title and lead;
//   - Cross: a bilingual term space — German words mapped to up to three
//     weighted English stems with the Ding dictionary
//     (/usr/share/trans/de-en; a word Ding renders only as a phrase, such
//     as "Finanzminister", by the phrase's content words; an unknown
//     compound by the translations of its head and modifier), English
//     stems as they are, names (words the dictionary does not know) folded
//     to ASCII — so German and English articles share one vocabulary;
//   - DeTerms: for English articles, the other direction — English words
//     mapped into German stems with Ding read backwards, so that
//     Dot(german.Terms, english.DeTerms) weighs the shared words by German
//     IDF;
//   - Grams: a 256-dimensional signed-hash sketch of character 4-grams over
//     text folded to lower-case ASCII with non-ASCII letters dropped, which
//     makes it blind to mojibake;
//   - Entities by salience with their types and countries, Countries of
//     places, the event date, publication date, full dates mentioned, years
//     mentioned, numbers, event action codes;
//   - MinHash (64 minima) over word 3-shingles and a 64-bit SimHash for
//     near-duplicate detection.
//
// Term keys are 64-bit hashes of stems in one of several key spaces; the
// IDF tables store only their low 32 bits, never words.
//
// Every exported field of a Doc is read-only once built: Docs are shared
// between goroutines without locks. Build itself is safe for concurrent use.
package represent

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/internal/hashkey"
)

// NoDay marks an unknown date in day fields.
const NoDay = math.MinInt32

// NumHashes is the length of the MinHash signature.
const NumHashes = 64

// Doc is the prepared representation of one article. See the package doc.
type Doc struct {
	ID    string
	Lang  string // ISO 639-1, guessed (de/en) when the article had none
	Title string
	Words int // number of words of title and text

	Terms   Vector // TF-IDF of stems, unit length
	Head    Vector // TF-IDF of title + first 200 + last 56 words
	TitleV  Vector // TF-IDF of the title
	Phrases Vector // TF-IDF of word bigrams of title and lead
	Cross   Vector // TF-IDF in the German→English bilingual space
	// CrossHead and CrossTitle are Head and TitleV in the bilingual space.
	CrossHead, CrossTitle Vector
	Grams                 Sketch // character 4-gram sketch, unit length
	// DeTerms is, for English articles, Terms put into the German stem
	// space (keys as TermKey(…, "de")) with the Ding dictionary read
	// backwards, names as German stems of the folded word; empty for other
	// languages. Dot(german.Terms, english.DeTerms) is the cross-lingual
	// cosine in the other direction, weighted by German IDF.
	DeTerms Vector

	Entities  []EntityWeight // ascending Key; weights sum to 1
	Countries []string       // ISO codes of the places mentioned, sorted

	Published int32   // publication day (days since 1970-01-01) or NoDay
	EventDay  int32   // day of the reported happening or NoDay
	Days      []int32 // distinct full dates mentioned, ascending
	Years     []int16 // distinct years mentioned, ascending
	// DatedYears are the years of explicit dates with at least a month
	// ("9. Mai 2015", "September 2023"), of the publication and of the event
	// date: the years the article reports on, unlike bare background years.
	DatedYears []int16
	YearMode   int16 // most mentioned year (0 if none)
	// MainYear is the year the article is about: the latest year it
	// mentions that is not after its publication, else the publication
	// year (0 if unknown). Earlier years are usually background.
	MainYear int16
	Numbers  []uint64
	Actions  []string // distinct event action codes, sorted

	MinHash  [NumHashes]uint32
	SimHash  uint64
	Shingles int // number of distinct shingles (0: MinHash unusable)

	// Surface forms of the stems and phrases for evidence (key → word).
	Vocab map[uint64]string

	raw [8]Vector // raw counts of Terms, Head, TitleV, Phrases, Cross, CrossHead, CrossTitle, DeTerms
}

// EntityWeight is one entity of a Doc with its salience.
type EntityWeight struct {
	Key     uint64 // hash of ID
	ID      string // canonical id (or lower-cased name when unresolved)
	Name    string
	Type    string
	Country string
	Weight  float32 // salience: mentions, more in the lead; sums to 1
}

// Key spaces of the hashed keys.
const (
	spaceTerm   = 't'
	spaceCross  = 'x'
	spacePhrase = 'p'
	spaceEntity = 'e'
	spaceNumber = 'n'
	spaceShing  = 's'
	spaceGram   = 'g'
	spaceWord   = 'w'
)

// hashKey is FNV-1a 64 over space+s followed by a SplitMix64 finaliser.
func hashKey(space byte, s string) uint64 {
	return hashkey.Mix64(hashkey.FNV1a(uint64(space), s))
}

// TermKey returns the Terms key of a word in language lang ("de", "en").
func TermKey(word, lang string) uint64 {
	return hashKey(spaceTerm, Stem(strings.ToLower(word), lang))
}

// EntityKey returns the key of a canonical entity id.
func EntityKey(id string) uint64 { return hashKey(spaceEntity, id) }

// Builder builds Docs with a given IDF. Safe for concurrent use.
type Builder struct {
	idf IDF
}

// NewBuilder returns a Builder weighting terms with idf (nil: DefaultIDF).
func NewBuilder(idf IDF) *Builder {
	if idf == nil {
		idf = DefaultIDF()
	}
	return &Builder{idf: idf}
}

var (
	defaultBuilderOnce sync.Once
	defaultBuilder     *Builder
)

// Build prepares a with the default IDF. It never fails: empty articles
// give empty Docs.
func Build(a *newsweave.Article) *Doc {
	defaultBuilderOnce.Do(func() { defaultBuilder = NewBuilder(nil) })
	return defaultBuilder.Build(a)
}

// Reweight returns a copy of d whose vectors use b's IDF.
func (b *Builder) Reweight(d *Doc) *Doc {
	c := *d
	c.Terms = reweight(d.raw[0], b.idf)
	c.Head = reweight(d.raw[1], b.idf)
	c.TitleV = reweight(d.raw[2], b.idf)
	c.Phrases = reweight(d.raw[3], b.idf)
	c.Cross = reweight(d.raw[4], b.idf)
	c.CrossHead = reweight(d.raw[5], b.idf)
	c.CrossTitle = reweight(d.raw[6], b.idf)
	c.DeTerms = reweight(d.raw[7], b.idf)
	return &c
}

// Build prepares one article.
func (b *Builder) Build(a *newsweave.Article) *Doc {
	lx := getLexicon()
	title := RepairMojibake(a.Title)
	text := RepairMojibake(a.Text)
	d := &Doc{ID: a.ID, Lang: strings.ToLower(a.Lang), Title: title, Published: NoDay, EventDay: NoDay, Vocab: map[uint64]string{}}
	ttoks := tokenize(title, 0, nil)
	btoks := tokenize(text, 0, nil)
	if d.Lang == "" {
		d.Lang = guessLang(append(ttoks[:len(ttoks):len(ttoks)], btoks...))
	}
	lang := d.Lang
	d.Words = len(ttoks) + len(btoks)

	terms := map[uint64]float32{}
	head := map[uint64]float32{}
	tvec := map[uint64]float32{}
	phr := map[uint64]float32{}
	cross := map[uint64]float32{}
	crossHead := map[uint64]float32{}
	crossTitle := map[uint64]float32{}
	deTerms := map[uint64]float32{}
	words := map[string]int{}

	// addWord counts one word in the term spaces selected by w (title weight,
	// whether it is in the head).
	addWord := func(t token, inTitle, inHead bool) {
		if stopWords[t.lower] || len(t.lower) < 2 || (t.digit && !hasLetter(t.lower)) {
			return
		}
		s := Stem(t.lower, lang)
		k := hashKey(spaceTerm, s)
		if _, ok := d.Vocab[k]; !ok || words[t.word] > words[d.Vocab[k]] {
			d.Vocab[k] = t.word
		}
		words[t.word]++
		wt := float32(1)
		if inTitle {
			wt = 2
			tvec[k]++
		}
		terms[k] += wt
		if inHead {
			head[k]++
		}
		var parts []string
		if lang == "de" {
			parts = lx.decompound(t.lower)
			for _, p := range parts {
				pk := hashKey(spaceTerm, Stem(p, lang))
				terms[pk] += 0.5 * wt
				if inHead {
					head[pk] += 0.5
				}
			}
		}
		// Bilingual space: English stems for German words (via Ding, or via
		// the compound's head), the word itself for names and English.
		addCross := func(key string, w float32) {
			k := hashKey(spaceCross, key)
			cross[k] += w
			if inHead {
				crossHead[k] += w
			}
			if inTitle {
				crossTitle[k] += w
			}
		}
		switch lang {
		case "de":
			if en := lx.translate(t.lower, s); len(en) > 0 {
				for _, e := range en {
					addCross(e.stem, e.w)
				}
			} else if len(parts) == 2 && len(lx.translate(parts[1], Stem(parts[1], "de"))) > 0 {
				// an unknown compound is about its head ("Wildtiermarkt": market)
				for _, e := range lx.translate(parts[1], Stem(parts[1], "de")) {
					addCross(e.stem, 0.5*e.w)
				}
				// and, as much, about its modifier ("Wildtiermarkt": animal)
				for _, e := range lx.translate(parts[0], Stem(parts[0], "de")) {
					addCross(e.stem, 0.5*e.w)
				}
			} else {
				addCross(fold(t.lower), 1)
			}
		case "en":
			// The German stem space: the word's German senses (Ding read
			// backwards), and names and words Ding lacks as the German
			// stem of the folded word ("Müller"/"Muller" → "mull").
			addDe := func(key string, w float32) {
				deTerms[hashKey(spaceTerm, key)] += w * wt
			}
			addDeWord := func(w float32) {
				if de := lx.en2de[s]; len(de) > 0 {
					for _, g := range de {
						addDe(g.stem, w*g.w)
					}
				} else {
					addDe(Stem(fold(t.lower), "de"), w)
				}
			}
			switch f := fold(t.lower); {
			case !t.caps || f == s:
				addCross(s, 1)
				addDeWord(1)
			case lx.english[s]:
				// A capitalised dictionary word ("Germany", "Police"):
				// the stem matches German translations, the folded word
				// the names of other languages.
				addCross(s, 0.5)
				addCross(f, 0.5)
				addDeWord(0.5)
				addDe(Stem(f, "de"), 0.5)
			default:
				// a name: spelled as in the other languages
				addCross(f, 1)
				addDe(Stem(f, "de"), 1)
			}
		default:
			addCross(fold(t.lower), 1)
		}
	}
	for _, t := range ttoks {
		addWord(t, true, true)
	}
	for i, t := range btoks {
		addWord(t, false, i < 200 || i >= len(btoks)-56)
	}

	// Phrases: content-word bigrams of the title and the first 100 words.
	lead := append(ttoks[:len(ttoks):len(ttoks)], btoks[:min(100, len(btoks))]...)
	for i := 0; i+1 < len(lead); i++ {
		x, y := lead[i], lead[i+1]
		if stopWords[x.lower] || stopWords[y.lower] || x.digit || y.digit || len(x.lower) < 2 || len(y.lower) < 2 {
			continue
		}
		if i+1 == len(ttoks) { // do not join title and body
			continue
		}
		k := hashKey(spacePhrase, Stem(x.lower, lang)+" "+Stem(y.lower, lang))
		phr[k]++
		if _, ok := d.Vocab[k]; !ok {
			d.Vocab[k] = x.word + " " + y.word
		}
	}

	d.raw = [8]Vector{rawOf(terms), rawOf(head), rawOf(tvec), rawOf(phr), rawOf(cross), rawOf(crossHead), rawOf(crossTitle), rawOf(deTerms)}
	d.Terms = vectorOf(terms, b.idf)
	d.Head = vectorOf(head, b.idf)
	d.TitleV = vectorOf(tvec, b.idf)
	d.Phrases = vectorOf(phr, b.idf)
	d.Cross = vectorOf(cross, b.idf)
	d.CrossHead = vectorOf(crossHead, b.idf)
	d.CrossTitle = vectorOf(crossTitle, b.idf)
	d.DeTerms = vectorOf(deTerms, b.idf)

	all := append(ttoks, btoks...)
	folded := foldText(title + "\n" + text)
	d.Grams = sketchOf(folded)
	d.MinHash, d.SimHash, d.Shingles = signatures(folded)

	d.entities(a)
	d.dates(a, all)
	d.Numbers = numbersOf(all)
	acts := map[string]bool{}
	for _, e := range a.Events {
		if e.Action != "" && !e.Negated {
			acts[e.Action] = true
		}
	}
	for k := range acts {
		d.Actions = append(d.Actions, k)
	}
	sort.Strings(d.Actions)
	return d
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return true
		}
	}
	return false
}

// entities turns mentions into salience-weighted entities.
func (d *Doc) entities(a *newsweave.Article) {
	type acc struct {
		ew EntityWeight
		w  float64
	}
	m := map[string]*acc{}
	countries := map[string]bool{}
	for _, mt := range a.Entities {
		id := mt.EntityID
		if id == "" {
			id = strings.ToLower(strings.TrimSpace(mt.Canonical))
		}
		if id == "" {
			id = strings.ToLower(strings.TrimSpace(mt.Text))
		}
		if id == "" {
			continue
		}
		e := m[id]
		if e == nil {
			name := mt.Canonical
			if name == "" {
				name = mt.Text
			}
			e = &acc{ew: EntityWeight{Key: EntityKey(id), ID: id, Name: name, Type: mt.Type, Country: mt.Country}}
			m[id] = e
		}
		w := 1.0
		if mt.Start < 400 { // lead mentions carry the story
			w = 2
		}
		e.w += w
		if mt.Country != "" {
			countries[strings.ToUpper(mt.Country)] = true
		}
	}
	// Title mentions are not tagged (NER runs on Text): boost entities whose
	// name appears in the title.
	lt := strings.ToLower(d.Title)
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids) // a fixed order of the float sum
	var total float64
	for _, id := range ids {
		e := m[id]
		if n := strings.ToLower(e.ew.Name); n != "" && strings.Contains(lt, n) {
			e.w += 2
		}
		total += e.w
	}
	for _, e := range m {
		e.ew.Weight = float32(e.w / total)
		d.Entities = append(d.Entities, e.ew)
	}
	sort.Slice(d.Entities, func(i, j int) bool { return d.Entities[i].Key < d.Entities[j].Key })
	for c := range countries {
		d.Countries = append(d.Countries, c)
	}
	sort.Strings(d.Countries)
}

// dayOf parses the date part of an ISO date or date-time.
func dayOf(s string) int32 {
	if len(s) < 10 {
		return NoDay
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return NoDay
	}
	return int32(t.Unix() / 86400)
}

// DayString formats a day number as YYYY-MM-DD ("" for NoDay).
func DayString(day int32) string {
	if day == NoDay {
		return ""
	}
	return time.Unix(int64(day)*86400, 0).UTC().Format("2006-01-02")
}

func (d *Doc) dates(a *newsweave.Article, toks []token) {
	d.Published = dayOf(a.Published)
	years := map[int16]int{}
	for _, t := range toks {
		if len(t.lower) == 4 && t.digit && !hasLetter(t.lower) {
			if y, _ := strconv.Atoi(t.lower); y >= 1900 && y <= 2100 {
				years[int16(y)]++
			}
		}
	}
	// Relative expressions ("am Sonntag") are resolved against the
	// publication date, or against the ingest time when that is unknown:
	// then only values whose year is written out are evidence.
	anchored := d.Published != NoDay
	explicit := func(value, text string) bool {
		return anchored || (len(value) >= 4 && strings.Contains(text, value[:4]))
	}
	if day := dayOf(a.EventDate); day != NoDay {
		if y, err := strconv.Atoi(a.EventDate[:4]); err == nil && (anchored || years[int16(y)] > 0) {
			d.EventDay = day
		}
	}
	days := map[int32]bool{}
	dated := map[int16]bool{}
	for _, day := range []int32{d.Published, d.EventDay} {
		if day != NoDay {
			dated[int16(time.Unix(int64(day)*86400, 0).UTC().Year())] = true
		}
	}
	for _, t := range a.Times {
		if (t.Type != newsweave.DATE && t.Type != "") || !explicit(t.Value, t.Text) {
			continue
		}
		if day := dayOf(t.Value); day != NoDay {
			days[day] = true
		}
		// A year with a month or day written out dates a happening; a bare
		// year ("seit 1994") is mostly background.
		if len(t.Value) >= 7 && t.Value[4] == '-' && strings.Contains(t.Text, t.Value[:4]) {
			if y, err := strconv.Atoi(t.Value[:4]); err == nil {
				dated[int16(y)] = true
			}
		}
		if len(t.Value) >= 4 {
			if y, err := strconv.Atoi(t.Value[:4]); err == nil && y >= 1800 && y <= 2200 {
				years[int16(y)]++
			}
		}
	}
	for day := range days {
		d.Days = append(d.Days, day)
	}
	slices.Sort(d.Days)
	for y := range dated {
		d.DatedYears = append(d.DatedYears, y)
	}
	slices.Sort(d.DatedYears)
	limit := int16(math.MaxInt16)
	if d.Published != NoDay {
		limit = int16(time.Unix(int64(d.Published)*86400, 0).UTC().Year())
	}
	best := 0
	for y, n := range years {
		d.Years = append(d.Years, y)
		if n > best || (n == best && y > d.YearMode) {
			best, d.YearMode = n, y
		}
		if y <= limit && y > d.MainYear {
			d.MainYear = y
		}
	}
	if d.MainYear == 0 && d.Published != NoDay {
		d.MainYear = limit
	}
	slices.Sort(d.Years)
}

// numbersOf collects the numbers of the text that are not years, joined
// across thousands separators ("1.000" → 1000).
func numbersOf(toks []token) []uint64 {
	set := map[uint64]bool{}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.digit || hasLetter(t.lower) {
			continue
		}
		s := t.lower
		for i+1 < len(toks) && len(toks[i+1].lower) == 3 && toks[i+1].digit && !hasLetter(toks[i+1].lower) && toks[i+1].pos == t.pos+1 && len(s) <= 3 {
			// possible "1.000" split by the tokenizer; accept only 3-digit groups
			s += toks[i+1].lower
			i++
		}
		if len(s) == 4 && (s[:2] == "19" || s[:2] == "20") {
			continue // a year
		}
		if len(s) < 2 {
			continue
		}
		set[hashKey(spaceNumber, strings.TrimLeft(s, "0"))] = true
	}
	out := make([]uint64, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sketchOf projects the character 4-grams of the folded words into a
// signed-hash sketch with sublinear counts.
func sketchOf(words []string) Sketch {
	counts := map[uint64]float32{}
	for _, f := range words {
		w := " " + f + " "
		for i := 0; i+4 <= len(w); i++ {
			counts[hashKey(spaceGram, w[i:i+4])]++
		}
		if len(w) < 4 {
			counts[hashKey(spaceGram, w)]++
		}
	}
	// Summed in key order: map order would make the float sums, and so
	// the trained model, differ from run to run.
	keys := make([]uint64, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var s Sketch
	for _, k := range keys {
		v := float32(1 + math.Log(float64(counts[k])))
		if k>>63 == 1 {
			v = -v
		}
		s[k%SketchDim] += v
	}
	var n float64
	for _, v := range s {
		n += float64(v) * float64(v)
	}
	if n > 0 {
		inv := float32(1 / math.Sqrt(n))
		for i := range s {
			s[i] *= inv
		}
	}
	return s
}

// minhash seeds: fixed odd multipliers derived from a SplitMix64 sequence.
var mhSeeds = func() (s [NumHashes]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = hashkey.Mix64(x) | 1
	}
	return
}()

// signatures computes the MinHash over folded word 3-shingles and the
// SimHash over folded content words.
func signatures(ws []string) (mh [NumHashes]uint32, sim uint64, n int) {
	for i := range mh {
		mh[i] = math.MaxUint32
	}
	seen := map[uint64]bool{}
	for i := 0; i+3 <= len(ws); i++ {
		h := hashKey(spaceShing, ws[i]+" "+ws[i+1]+" "+ws[i+2])
		if seen[h] {
			continue
		}
		seen[h] = true
		for j := range mh {
			if v := uint32((h * mhSeeds[j]) >> 32); v < mh[j] {
				mh[j] = v
			}
		}
	}
	n = len(seen)
	var acc [64]int
	for _, w := range ws {
		if stopWords[w] || len(w) < 3 {
			continue
		}
		h := hashKey(spaceWord, w)
		for b := 0; b < 64; b++ {
			if h>>b&1 == 1 {
				acc[b]++
			} else {
				acc[b]--
			}
		}
	}
	for b := 0; b < 64; b++ {
		if acc[b] > 0 {
			sim |= 1 << b
		}
	}
	return mh, sim, n
}

// MinHashJaccard estimates the Jaccard overlap of the two articles' word
// 3-shingles (0 when either has none).
func MinHashJaccard(a, b *Doc) float64 {
	if a.Shingles == 0 || b.Shingles == 0 {
		return 0
	}
	n := 0
	for i := range a.MinHash {
		if a.MinHash[i] == b.MinHash[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}

// SimHashDistance returns the Hamming distance of the SimHashes (0–64).
func SimHashDistance(a, b *Doc) int {
	x := a.SimHash ^ b.SimHash
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

// TopTerms returns the k heaviest Terms keys (for inverted-index retrieval).
func (d *Doc) TopTerms(k int) []uint64 { return d.Terms.Top(k) }

// TopEntities returns the ids of the k most salient entities.
func (d *Doc) TopEntities(k int) []string {
	es := slices.Clone(d.Entities)
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Weight != es[j].Weight {
			return es[i].Weight > es[j].Weight
		}
		return es[i].ID < es[j].ID
	})
	if k <= 0 || k > len(es) {
		k = len(es)
	}
	out := make([]string, k)
	for i := range out {
		out[i] = es[i].ID
	}
	return out
}

// EntityKeys returns the keys of d's entities, ascending.
func (d *Doc) EntityKeys() []uint64 {
	out := make([]uint64, len(d.Entities))
	for i, e := range d.Entities {
		out[i] = e.Key
	}
	return out
}

// Word returns the surface form behind a Terms or Phrases key ("" if unknown).
func (d *Doc) Word(key uint64) string { return d.Vocab[key] }

// dfKeys lists the distinct keys DF counts for d.
func (d *Doc) dfKeys() []uint64 {
	keys := slices.Clone(d.raw[0].Keys)
	keys = append(keys, d.raw[3].Keys...)
	keys = append(keys, d.raw[4].Keys...)
	return keys
}
