package ner

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WordStats are distributional facts about German words learned from
// unlabelled news by BuildWordStats: a three-level cluster hierarchy over
// neighbour-word contexts (k-means over PPMI vectors) and capitalisation
// and trigger statistics (how often a word is capitalised mid-sentence
// rather than lower-case, follows an article, a title such as "Herr" or
// "Präsident", a place preposition, or precedes "sagte"). Keys are
// lower-cased words; the table is part of the model file.
type WordStats struct {
	entries u64Map // hashStr(lower-case word) → packed wordEntry
	words   []string
	packed  []uint64
}

// wordEntry packing (low to high bits): fine cluster+1 (9 bits), mid
// cluster+1 (7), coarse cluster+1 (5), then 4-bit buckets: capitalised
// ratio, article ratio, person-trigger ratio, place-preposition ratio,
// all-caps ratio, frequency.
const (
	wsFine   = 256
	wsMid    = 64
	wsCoarse = 16
)

type wordEntry struct {
	fine, mid, coarse                     uint16 // 0 = no cluster
	capB, detB, trigB, prepB, capsB, freq uint8
}

func (e wordEntry) pack() uint64 {
	return uint64(e.fine) | uint64(e.mid)<<9 | uint64(e.coarse)<<16 |
		uint64(e.capB)<<21 | uint64(e.detB)<<25 | uint64(e.trigB)<<29 |
		uint64(e.prepB)<<33 | uint64(e.capsB)<<37 | uint64(e.freq)<<41
}

func unpackWord(x uint64) wordEntry {
	return wordEntry{
		fine: uint16(x & 511), mid: uint16(x >> 9 & 127), coarse: uint16(x >> 16 & 31),
		capB: uint8(x >> 21 & 15), detB: uint8(x >> 25 & 15), trigB: uint8(x >> 29 & 15),
		prepB: uint8(x >> 33 & 15), capsB: uint8(x >> 37 & 15), freq: uint8(x >> 41 & 15),
	}
}

// lookupHash returns the entry of the lower-cased word with hash h.
func (ws *WordStats) lookupHash(h uint64) (wordEntry, bool) {
	if ws == nil {
		return wordEntry{}, false
	}
	x, ok := ws.entries.get(h)
	if !ok {
		return wordEntry{}, false
	}
	return unpackWord(x), true
}

// Len is the number of words in the table.
func (ws *WordStats) Len() int {
	if ws == nil {
		return 0
	}
	return len(ws.words)
}

// Cluster returns the fine, mid and coarse cluster of a word (1-based; 0
// when the word is unknown or too rare to cluster).
func (ws *WordStats) Cluster(word string) (fine, mid, coarse int) {
	e, _ := ws.lookupHash(hashStr(strings.ToLower(word)))
	return int(e.fine), int(e.mid), int(e.coarse)
}

// u64Map is an open-addressing hash map from non-zero uint64 keys.
type u64Map struct {
	keys, vals []uint64
}

func newU64Map(n int) u64Map {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return u64Map{keys: make([]uint64, size), vals: make([]uint64, size)}
}

func (m *u64Map) put(k, v uint64) {
	k = fixHash(k)
	mask := uint64(len(m.keys) - 1)
	i := (k ^ k>>29) & mask
	for m.keys[i] != 0 && m.keys[i] != k {
		i = (i + 1) & mask
	}
	m.keys[i], m.vals[i] = k, v
}

func (m *u64Map) get(k uint64) (uint64, bool) {
	if len(m.keys) == 0 {
		return 0, false
	}
	k = fixHash(k)
	mask := uint64(len(m.keys) - 1)
	i := (k ^ k>>29) & mask
	for {
		switch m.keys[i] {
		case k:
			return m.vals[i], true
		case 0:
			return 0, false
		}
		i = (i + 1) & mask
	}
}

func newWordStats(words []string, packed []uint64) *WordStats {
	ws := &WordStats{entries: newU64Map(len(words)), words: words, packed: packed}
	for i, w := range words {
		ws.entries.put(hashStr(w), packed[i])
	}
	return ws
}

// Context words that signal a name (or a common noun) before or after a
// word, for the statistics and as tagger features.
var (
	articles = setOf(`der die das den dem des ein eine einer einem einen eines kein keine keinen keiner keinem
		diese dieser diesen diesem dieses jene jener jenen alle allen beim im am vom zum zur ins
		sein seine seinen seiner seinem ihr ihre ihren ihrer ihrem unser unsere unseren jeder jede jedes jeden`)
	perTriggers = setOf(`herr herrn frau dr. prof. präsident präsidentin präsidenten staatspräsident staatschef
		minister ministerin ministers außenminister außenministerin innenminister innenministerin finanzminister finanzministerin
		verteidigungsminister verteidigungsministerin wirtschaftsminister wirtschaftsministerin justizminister justizministerin
		gesundheitsminister gesundheitsministerin kanzler kanzlerin bundeskanzler bundeskanzlerin ministerpräsident ministerpräsidentin
		premierminister premierministerin regierungschef regierungschefin bürgermeister bürgermeisterin oberbürgermeister
		sprecher sprecherin regierungssprecher kremlsprecher chef chefin vorsitzende vorsitzender parteichef parteichefin
		trainer trainerin kapitän abgeordnete abgeordneter senator senatorin gouverneur gouverneurin diktator machthaber
		könig königin prinz prinzessin papst kardinal bischof general generalsekretär botschafter botschafterin
		sänger sängerin schauspieler schauspielerin regisseur regisseurin autor autorin direktor direktorin geschäftsführer
		vorstandschef konzernchef anwalt anwältin richter richterin kommissar kommissarin kollege kollegin
		mr. mrs. ms. president minister senator governor mayor secretary chancellor
		sagte sagt erklärte betonte meinte forderte kritisierte warnte schrieb teilte sagten`)
	locPreps = setOf(`in nach aus bei von gen über durch`)
	orgHeads = setOf(`ag gmbh e.v. se kg co. inc. ltd. corp. partei verband verein bank ministerium
		gewerkschaft konzern stiftung institut universität gruppe group holding club fc`)
)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ratioBucket maps k of n to a 1..7 bucket (0: too few observations).
func ratioBucket(k, n int) uint8 {
	if n < 2 {
		return 0
	}
	r := float64(k) / float64(n)
	switch {
	case r == 0:
		return 1
	case r < 0.05:
		return 2
	case r < 0.2:
		return 3
	case r < 0.5:
		return 4
	case r < 0.8:
		return 5
	case r < 0.97:
		return 6
	}
	return 7
}

// BuildOptions control BuildWordStats.
type BuildOptions struct {
	MinCount  int    // words seen fewer times are left out (default 2)
	MaxWords  int    // table size cap (default 60000)
	MaxLabels int    // words clustered, most frequent first (default 30000)
	Contexts  int    // context words per side (default 1000)
	Iter      int    // k-means iterations (default 12)
	Seed      uint64 // k-means initialisation seed
	Progress  func(msg string)
}

type wcount struct {
	n, low, capMid, caps, det, trig, prep, nonInit int
}

// BuildWordStats learns the word table from unlabelled German texts. It is
// deterministic for given texts and options.
func BuildWordStats(texts []string, opt BuildOptions) *WordStats {
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	if opt.MaxWords <= 0 {
		opt.MaxWords = 60000
	}
	if opt.MaxLabels <= 0 {
		opt.MaxLabels = 30000
	}
	if opt.Contexts <= 0 {
		opt.Contexts = 1000
	}
	if opt.Iter <= 0 {
		opt.Iter = 12
	}
	if opt.Seed == 0 {
		opt.Seed = 20240913
	}
	progress := func(format string, a ...any) {
		if opt.Progress != nil {
			opt.Progress(fmt.Sprintf(format, a...))
		}
	}
	first := map[string]bool{}
	for _, n := range firstNames {
		first[n] = true
	}
	counts := map[string]*wcount{}
	var sents [][]string // lower-cased
	ntok := 0
	for _, text := range texts {
		toks := Tokenize(text)
		for _, sp := range Sentences(toks) {
			s := toks[sp[0]:sp[1]]
			low := make([]string, len(s))
			for i, t := range s {
				low[i] = strings.ToLower(t.Text)
			}
			for i, t := range s {
				w := t.Text
				c := counts[low[i]]
				if c == nil {
					c = &wcount{}
					counts[low[i]] = c
				}
				c.n++
				ntok++
				init := i == 0 || isOpeningPunct(s[i-1].Text)
				if init {
					continue
				}
				c.nonInit++
				r, _ := utf8.DecodeRuneInString(w)
				switch {
				case unicode.IsLower(r):
					c.low++
				case unicode.IsUpper(r):
					c.capMid++
					if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) == w {
						c.caps++
					}
				}
				p := low[i-1]
				if articles[p] {
					c.det++
				}
				if perTriggers[p] || first[s[i-1].Text] || i+1 < len(s) && perTriggers[low[i+1]] && strings.HasPrefix(low[i+1], "sagt") {
					c.trig++
				}
				if locPreps[p] {
					c.prep++
				}
			}
			sents = append(sents, low)
		}
	}
	progress("word stats: %d sentences, %d tokens, %d word types", len(sents), ntok, len(counts))
	// Vocabulary: words with letters, by frequency then alphabetically.
	vocab := make([]string, 0, len(counts))
	for w, c := range counts {
		if c.n >= opt.MinCount && hasLetter(w) {
			vocab = append(vocab, w)
		}
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if d := counts[b].n - counts[a].n; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	if len(vocab) > opt.MaxWords {
		vocab = vocab[:opt.MaxWords]
	}
	// Context vocabulary: the most frequent tokens of any kind.
	all := make([]string, 0, len(counts))
	for w := range counts {
		all = append(all, w)
	}
	slices.SortFunc(all, func(a, b string) int {
		if d := counts[b].n - counts[a].n; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	if len(all) > opt.Contexts {
		all = all[:opt.Contexts]
	}
	ctxIdx := map[string]int{"<s>": 0, "</s>": 1}
	for _, w := range all {
		if _, ok := ctxIdx[w]; !ok {
			ctxIdx[w] = len(ctxIdx)
		}
	}
	nctx := len(ctxIdx)
	dim := 2*nctx + 3
	labelled := min(len(vocab), opt.MaxLabels)
	wIdx := make(map[string]int, labelled)
	for i, w := range vocab[:labelled] {
		wIdx[w] = i
	}
	co := make([]map[int32]float32, labelled)
	for i := range co {
		co[i] = map[int32]float32{}
	}
	for _, s := range sents {
		for i, w := range s {
			wi, ok := wIdx[w]
			if !ok {
				continue
			}
			l, r := 0, 1
			if i > 0 {
				if c, ok := ctxIdx[s[i-1]]; ok {
					l = c
				} else {
					l = -1
				}
			}
			if i+1 < len(s) {
				if c, ok := ctxIdx[s[i+1]]; ok {
					r = c
				} else {
					r = -1
				}
			}
			if l >= 0 {
				co[wi][int32(l)]++
			}
			if r >= 0 {
				co[wi][int32(nctx+r)]++
			}
		}
	}
	// PPMI vectors, L2-normalised, plus the word's own capitalisation.
	colSum := make([]float64, 2*nctx)
	total := 0.0
	for _, m := range co {
		for c, v := range m {
			colSum[c] += float64(v)
			total += float64(v)
		}
	}
	type sparse struct {
		idx []int32
		val []float32
	}
	vecs := make([]sparse, labelled)
	for i, m := range co {
		rowSum := 0.0
		for _, v := range m {
			rowSum += float64(v)
		}
		var sv sparse
		cs := make([]int32, 0, len(m))
		for c := range m {
			cs = append(cs, c)
		}
		slices.Sort(cs)
		norm := 0.0
		for _, c := range cs {
			pmi := math.Log(float64(m[c]) * total / (rowSum * math.Pow(colSum[c], 0.75) * math.Pow(total, 0.25)))
			if pmi <= 0 {
				continue
			}
			sv.idx = append(sv.idx, c)
			sv.val = append(sv.val, float32(pmi))
			norm += pmi * pmi
		}
		wc := counts[vocab[i]]
		if wc.nonInit > 0 {
			for k, v := range []int{wc.low, wc.capMid, wc.caps} {
				x := float64(v) / float64(wc.nonInit)
				sv.idx = append(sv.idx, int32(2*nctx+k))
				sv.val = append(sv.val, float32(x))
				norm += x * x
			}
		}
		if norm > 0 {
			inv := float32(1 / math.Sqrt(norm))
			for k := range sv.val {
				sv.val[k] *= inv
			}
		}
		vecs[i] = sv
	}
	co = nil
	progress("word stats: clustering %d words (%d dims)", labelled, dim)
	// Spherical k-means for the fine level (sparse points, dense centroids).
	dot := func(i int, c []float32) float32 {
		var s float32
		v := vecs[i]
		for k, d := range v.idx {
			s += v.val[k] * c[d]
		}
		return s
	}
	addSparse := func(i int, acc []float32) {
		for k, c := range vecs[i].idx {
			acc[c] += vecs[i].val[k]
		}
	}
	// Small vocabularies (tests, tiny corpora) get proportionally fewer
	// clusters.
	kFine := min(wsFine, max(2, labelled/8))
	kMid := min(wsMid, max(2, kFine/4))
	kCoarse := min(wsCoarse, max(2, kMid/4))
	fine := make([]int, labelled)
	if labelled >= 4 {
		fine = sphericalKMeans(labelled, kFine, dim, opt.Iter, opt.Seed, addSparse, dot, func(m string) { progress("word stats: %s", m) })
	}
	// Mid and coarse levels: k-means over the fine clusters' centroids.
	cent := centroids(labelled, kFine, dim, fine, addSparse)
	addDense := func(vs [][]float32) func(i int, acc []float32) {
		return func(i int, acc []float32) {
			for k, v := range vs[i] {
				acc[k] += v
			}
		}
	}
	denseDot := func(vs [][]float32) func(i int, c []float32) float32 {
		return func(i int, c []float32) float32 {
			var s float32
			for k, v := range vs[i] {
				s += v * c[k]
			}
			return s
		}
	}
	mid := sphericalKMeans(kFine, kMid, dim, opt.Iter*2, opt.Seed+1, addDense(cent), denseDot(cent), nil)
	midCent := centroids(kFine, kMid, dim, mid, addDense(cent))
	coarse := sphericalKMeans(kMid, kCoarse, dim, opt.Iter*2, opt.Seed+2, addDense(midCent), denseDot(midCent), nil)
	packed := make([]uint64, len(vocab))
	for i, w := range vocab {
		c := counts[w]
		e := wordEntry{
			capB:  ratioBucket(c.capMid, c.capMid+c.low),
			detB:  ratioBucket(c.det, c.nonInit),
			trigB: ratioBucket(c.trig, c.nonInit),
			prepB: ratioBucket(c.prep, c.nonInit),
			capsB: ratioBucket(c.caps, c.capMid),
			freq:  uint8(min(15, bitsLen(c.n))),
		}
		if i < labelled && labelled >= 4 {
			e.fine = uint16(fine[i] + 1)
			e.mid = uint16(mid[fine[i]] + 1)
			e.coarse = uint16(coarse[mid[fine[i]]] + 1)
		}
		packed[i] = e.pack()
	}
	return newWordStats(vocab, packed)
}

func bitsLen(n int) int {
	b := 0
	for n > 0 {
		b++
		n >>= 1
	}
	return b
}

// centroids sums the members of each cluster (via add) and normalises.
func centroids(n, k, dim int, assign []int, add func(i int, acc []float32)) [][]float32 {
	out := make([][]float32, k)
	for c := range out {
		out[c] = make([]float32, dim)
	}
	for i := 0; i < n; i++ {
		add(i, out[assign[i]])
	}
	for _, c := range out {
		normalize(c)
	}
	return out
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// sphericalKMeans clusters n unit vectors into k groups by cosine; add
// adds point i to an accumulator, dot is its similarity to a centroid.
// Empty clusters are re-seeded with the worst-fitting point.
func sphericalKMeans(n, k, dim, iters int, seed uint64, add func(i int, acc []float32), dot func(i int, c []float32) float32, progress func(string)) []int {
	assign := make([]int, n)
	if n <= k {
		for i := range assign {
			assign[i] = i
		}
		return assign
	}
	rng := rand.New(rand.NewPCG(seed, seed^0xc1a5))
	perm := rng.Perm(n)
	cent := make([][]float32, k)
	for c := range cent {
		cent[c] = make([]float32, dim)
		add(perm[c], cent[c])
	}
	sims := make([]float32, n)
	for it := 0; it < iters; it++ {
		changed := 0
		for i := 0; i < n; i++ {
			best, bc := float32(-2), 0
			for c := range cent {
				if s := dot(i, cent[c]); s > best {
					best, bc = s, c
				}
			}
			if it == 0 || assign[i] != bc {
				changed++
			}
			assign[i], sims[i] = bc, best
		}
		sizes := make([]int, k)
		for c := range cent {
			clear(cent[c])
		}
		for i := 0; i < n; i++ {
			sizes[assign[i]]++
			add(i, cent[assign[i]])
		}
		for c := range cent {
			if sizes[c] == 0 {
				worst := 0
				for i := 1; i < n; i++ {
					if sims[i] < sims[worst] {
						worst = i
					}
				}
				sims[worst] = 2
				add(worst, cent[c])
			}
			normalize(cent[c])
		}
		if progress != nil {
			progress(fmt.Sprintf("k-means iteration %d/%d: %d reassigned", it+1, iters, changed))
		}
		if changed == 0 {
			break
		}
	}
	return assign
}

const wordStatsMagic = "NWWS1\n"

// write appends the table: magic, count, then per word its length,
// bytes and packed entry (the caller compresses).
func (ws *WordStats) write(w *bufio.Writer) error {
	w.WriteString(wordStatsMagic)
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], uint64(len(ws.words)))])
	for i, word := range ws.words {
		w.Write(b[:binary.PutUvarint(b[:], uint64(len(word)))])
		w.WriteString(word)
		w.Write(b[:binary.PutUvarint(b[:], ws.packed[i])])
	}
	return nil
}

func readWordStats(r *bufio.Reader) (*WordStats, error) {
	magic := make([]byte, len(wordStatsMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != wordStatsMagic {
		return nil, errors.New("word table: bad header")
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<22 {
		return nil, errors.New("word table: bad count")
	}
	words := make([]string, 0, n)
	packed := make([]uint64, 0, n)
	buf := make([]byte, 256)
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(r)
		if err != nil || l > 255 {
			return nil, fmt.Errorf("word table: truncated at word %d", i)
		}
		if _, err := io.ReadFull(r, buf[:l]); err != nil {
			return nil, fmt.Errorf("word table: truncated at word %d", i)
		}
		x, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("word table: truncated at word %d", i)
		}
		words = append(words, string(buf[:l]))
		packed = append(packed, x)
	}
	return newWordStats(words, packed), nil
}
