package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave/internal/hashkey"
)

// Feature templates. Features are hashed (template, value hashes) to 32-bit
// keys; the model stores weights only for keys that mattered in training.
const (
	tBias uint64 = iota + 1
	tWord
	tLower
	tLowerM1
	tLowerP1
	tLowerM2
	tLowerP2
	tBiM1
	tBiP1
	tShape
	tShape3
	tPre
	tSuf
	tFlag
	tFlagM1
	tFlagP1
	tGaz
	tGazM1
	tGazP1
	tGazSpan
	tHyphLast
	tHyphFirst
	tFlagShape
	tLowerM1Flag
	tDoc
	tCapNoun
	tClFine
	tClMid
	tClCoarse
	tClM1
	tClP1
	tCapStat
	tTrigStat
	tCapsStat
	tFreq
	tUnkWord
	tTrigM1
	tTrigM2
	tPrepM1
	tOrgHeadP1
	tOrgSuf
	tArtM1
	tDocTrig
)

// Token flags.
const (
	fCap uint32 = 1 << iota
	fAllCaps
	fSentStart
	fLowerInDict // lower-case form is a German word (verb, adjective, ...)
	fCapInDict   // capitalised form is in wngerman (noun or name)
	fNoun        // Ding lists it as a common noun
	fHyphen
	fDigit
	fPunct
	fShort       // ≤ 2 runes
	fLong        // ≥ 10 runes
	fDocLower    // the lower-cased word occurs lower-case elsewhere in the document
	fDocCapMid   // occurs capitalised mid-sentence elsewhere in the document
	fAdjSuffix   // lower-case word ending like a German adjective (-ische, -ischen, ...)
	fNounStem    // with a final "s" removed it is a common noun (genitive)
	fNameStem    // with a final "s" removed it is a gazetteer name
	fQuoteBefore // a quote precedes
	fFirstPart   // compound whose last part is a common noun ("US-Dollar")
	fCompound    // capitalised word ending in a common noun ("Kremlsprecher")
	fNatAdj      // geographic adjective ("russischen")
)

const nFlags = 20

type tokInfo struct {
	hw, hl, hshape, hs3 uint64
	hpre                [3]uint64
	hsuf                [4]uint64
	hHyphLast           uint64
	hHyphFirst          uint64
	flags               uint32
	gaz                 uint8
	gazSpan             uint8 // bit type<<1 | inside (0 = B, 1 = I), 0 = none
	gazSpanType         uint8
	cap                 bool
	capClass            uint64 // 0 lower, 1 capitalised, 2 sentence-initial capitalised, 3 all caps, 4 other
	we                  wordEntry
	hasWE               bool
	orgSuf              uint8 // 1 + index in orgSuffixes
	docTrig             uint8 // docTrig* bits of the word in the document
}

// Hashed trigger sets (see wordstats.go for the word lists).
var (
	perTrigH    = hashSetOf(perTriggers)
	locPrepH    = hashSetOf(locPreps)
	orgHeadH    = hashSetOf(orgHeads)
	articleH    = hashSetOf(articles)
	orgSuffixes = []string{"bank", "ministerium", "partei", "verband", "gesellschaft", "konzern", "werke", "verein",
		"stiftung", "institut", "universität", "behörde", "gericht", "zeitung", "agentur", "kommission", "fraktion",
		"gruppe", "klinik", "akademie", "rat", "amt", "union", "bund", "sender", "post", "bahn"}
)

func hashSetOf(m map[string]bool) *strSet {
	s := newStrSet(len(m))
	for w := range m {
		s.add(w)
	}
	return s
}

const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hashStr(s string) uint64 {
	h := uint64(fnvOff)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func mix(a, b uint64) uint64 { return hashkey.Mix64(a*0x9E3779B97F4A7C15 ^ b) }

func key32(x uint64) uint32 {
	k := uint32(x ^ x>>32)
	if k == 0 {
		k = 1
	}
	return k
}

// shapeOf returns the word shape (Xxxx → "Xx", "USA" → "X", "9." → "d.")
// with runs collapsed, and a 3-symbol short form.
func shapeOf(w string) (uint64, uint64) {
	h := uint64(fnvOff)
	var last rune = -1
	n := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= fnvPrime
		n++
		if n > 6 {
			break
		}
	}
	// short shape: first rune class + length bucket
	r, _ := utf8.DecodeRuneInString(w)
	var s3 uint64
	switch {
	case unicode.IsUpper(r):
		s3 = 1
	case unicode.IsLower(r):
		s3 = 2
	case unicode.IsDigit(r):
		s3 = 3
	default:
		s3 = 4 + uint64(r&0xff)<<8
	}
	return h, s3
}

var adjSuffixes = []string{"ische", "ischen", "ischer", "isches", "ischem", "isch", "ische", "ese", "esen", "aner", "anern"}

// docContext holds document-level evidence shared by all its sentences.
type docContext struct {
	lowerSeen  map[string]bool // words seen lower-case
	capMidSeen map[string]bool // words seen capitalised not sentence-initially
	// trig holds, per capitalised word, which name contexts it has
	// somewhere in the document (docTrig* bits): "Said Nadscharow" there
	// makes a lone "Nadscharow" here a person.
	trig map[string]uint8
}

// Document context bits of a capitalised word.
const (
	docTrigPer  uint8 = 1 << iota // after a first name or a title (Herr, Präsident)
	docTrigPrep                   // after a place preposition
	docTrigOrg                    // before an ORG head (AG, GmbH, Partei)
	docTrigSaid                   // before "sagte"/"sagt"
	docTrigPer2                   // after a title and a capitalised word ("Präsident Boris Jelzin")
)

func newDocContext(sents [][]string) *docContext {
	d := &docContext{lowerSeen: map[string]bool{}, capMidSeen: map[string]bool{}, trig: map[string]uint8{}}
	lx := loadLexicon()
	for _, s := range sents {
		for i, w := range s {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsLower(r) {
				d.lowerSeen[w] = true
			} else if unicode.IsUpper(r) && i > 0 && !isOpeningPunct(s[i-1]) {
				d.capMidSeen[w] = true
			}
			// Only for words that may be names: German common nouns are
			// capitalised too and follow prepositions all the time.
			if !unicode.IsUpper(r) || lx.nouns.has(w) {
				continue
			}
			var b uint8
			if i > 0 {
				p := strings.ToLower(s[i-1])
				if perTriggers[p] || startsUpper(s[i-1]) && lx.gaz[p]&gFirst != 0 {
					b |= docTrigPer
				}
				if locPreps[p] {
					b |= docTrigPrep
				}
				if i > 1 && startsUpper(s[i-1]) && perTriggers[strings.ToLower(s[i-2])] {
					b |= docTrigPer2
				}
			}
			if i+1 < len(s) {
				nx := strings.ToLower(s[i+1])
				if orgHeads[nx] {
					b |= docTrigOrg
				}
				if nx == "sagte" || nx == "sagt" {
					b |= docTrigSaid
				}
			}
			if b != 0 {
				d.trig[w] |= b
			}
		}
	}
	return d
}

func isOpeningPunct(s string) bool {
	switch s {
	case ".", ":", "!", "?", "\"", "„", "“", "»", "«", "(", "-", "–":
		return true
	}
	return false
}

// featurizer computes token features for one sentence; it reuses buffers.
type featurizer struct {
	lx    *lexicon
	ws    *WordStats
	infos []tokInfo
	buf   []byte
	feats []uint32 // flat, nFeatPerTok per token
	offs  []int
}

func (fz *featurizer) prepare(words []string, sentStart []bool, doc *docContext) {
	n := len(words)
	if cap(fz.infos) < n {
		fz.infos = make([]tokInfo, n)
	}
	fz.infos = fz.infos[:n]
	lx := fz.lx
	for i, w := range words {
		in := &fz.infos[i]
		*in = tokInfo{}
		lw := strings.ToLower(w)
		in.hw = hashStr(w)
		in.hl = hashStr(lw)
		in.hshape, in.hs3 = shapeOf(w)
		// prefixes/suffixes by runes
		rs := 0
		for bi := range lw {
			if rs >= 1 && rs <= 3 {
				in.hpre[rs-1] = hashStr(lw[:bi])
			}
			rs++
		}
		if rs <= 3 && rs >= 1 {
			in.hpre[rs-1] = in.hl
		}
		cnt := 0
		for bi := len(lw); bi > 0 && cnt < 4; {
			_, sz := utf8.DecodeLastRuneInString(lw[:bi])
			bi -= sz
			in.hsuf[cnt] = hashStr(lw[bi:])
			cnt++
		}
		r, _ := utf8.DecodeRuneInString(w)
		var f uint32
		if unicode.IsUpper(r) {
			f |= fCap
			in.cap = true
		}
		upper, letters := 0, 0
		for _, c := range w {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			}
			if unicode.IsDigit(c) {
				f |= fDigit
			}
		}
		if letters > 1 && upper == letters {
			f |= fAllCaps
		}
		if letters == 0 && !(f&fDigit != 0) {
			f |= fPunct
		}
		if sentStart != nil && sentStart[i] || i == 0 {
			f |= fSentStart
		}
		if rs <= 2 {
			f |= fShort
		}
		if rs >= 10 {
			f |= fLong
		}
		if i > 0 && isQuote(words[i-1]) {
			f |= fQuoteBefore
		}
		if lx != nil {
			if lx.lowerWords.has(lw) {
				f |= fLowerInDict
			}
			if lx.capWords.has(w) {
				f |= fCapInDict
			}
			if lx.nouns.has(w) {
				f |= fNoun
			}
			if strings.HasSuffix(w, "s") && len(w) > 3 {
				b := w[:len(w)-1]
				if lx.nouns.has(b) {
					f |= fNounStem
				}
				if lx.gaz[strings.ToLower(b)] != 0 {
					f |= fNameStem
				}
			}
			in.gaz = lx.gaz[lw]
			if in.cap && f&fNoun == 0 && lx.isCompoundNoun(lw) {
				f |= fCompound
			}
			if !in.cap && lx.natAdjective(lw) {
				f |= fNatAdj
			}
		}
		if j := strings.LastIndexByte(w, '-'); j > 0 && j < len(w)-1 {
			f |= fHyphen
			last := w[j+1:]
			in.hHyphLast = hashStr(strings.ToLower(last))
			in.hHyphFirst = hashStr(strings.ToLower(w[:strings.IndexByte(w, '-')]))
			if lx != nil && lx.nouns.has(last) {
				f |= fFirstPart
			}
		}
		if !in.cap {
			for _, s := range adjSuffixes {
				if strings.HasSuffix(lw, s) {
					f |= fAdjSuffix
					break
				}
			}
		}
		switch {
		case f&fAllCaps != 0:
			in.capClass = 3
		case in.cap && f&fSentStart != 0:
			in.capClass = 2
		case in.cap:
			in.capClass = 1
		case f&(fDigit|fPunct) != 0:
			in.capClass = 4
		}
		if fz.ws != nil {
			in.we, in.hasWE = fz.ws.lookupHash(in.hl)
		}
		if in.cap && rs > 5 {
			for k, suf := range orgSuffixes {
				if len(lw) > len(suf)+2 && strings.HasSuffix(lw, suf) {
					in.orgSuf = uint8(k + 1)
					break
				}
			}
		}
		if doc != nil && in.cap {
			in.docTrig = doc.trig[w]
			if doc.lowerSeen[lw] {
				f |= fDocLower
			}
			if doc.capMidSeen[w] {
				f |= fDocCapMid
			}
		}
		in.flags = f
	}
	// Longest gazetteer phrase matches starting at capitalised tokens.
	if lx != nil {
		for i := 0; i < n; {
			if !fz.infos[i].cap || !lx.firstWords.hasHash(fz.infos[i].hl) {
				i++
				continue
			}
			matched := 0
			var bits uint8
			for l := min(maxPhraseLen, n-i); l >= 1; l-- {
				fz.buf = fz.buf[:0]
				for k := i; k < i+l; k++ {
					if k > i {
						fz.buf = append(fz.buf, ' ')
					}
					fz.buf = appendLower(fz.buf, words[k])
				}
				if b := lx.gaz[string(fz.buf)]; b != 0 {
					matched, bits = l, b
					break
				}
			}
			if matched == 0 {
				i++
				continue
			}
			for k := i; k < i+matched; k++ {
				fz.infos[k].gazSpanType = bits
				if k == i {
					fz.infos[k].gazSpan = 1
				} else {
					fz.infos[k].gazSpan = 2
				}
			}
			i += matched
		}
	}
	fz.compute(n)
}

func appendLower(b []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return b
}

func isQuote(s string) bool {
	switch s {
	case "\"", "„", "“", "”", "»", "«", "'", "‚", "‘":
		return true
	}
	return false
}

var padHash = hashStr("<pad>")

func (fz *featurizer) compute(n int) {
	fz.feats = fz.feats[:0]
	if cap(fz.offs) < n+1 {
		fz.offs = make([]int, n+1)
	}
	fz.offs = fz.offs[:n+1]
	in := fz.infos
	lw := func(i int) uint64 {
		if i < 0 || i >= n {
			return padHash
		}
		return in[i].hl
	}
	s3 := func(i int) uint64 {
		if i < 0 || i >= n {
			return 0
		}
		return in[i].hs3
	}
	add := func(x uint64) { fz.feats = append(fz.feats, key32(x)) }
	for i := 0; i < n; i++ {
		fz.offs[i] = len(fz.feats)
		t := &in[i]
		add(tBias)
		add(mix(tWord, t.hw))
		add(mix(tLower, t.hl))
		add(mix(tLowerM1, lw(i-1)))
		add(mix(tLowerP1, lw(i+1)))
		add(mix(tLowerM2, lw(i-2)))
		add(mix(tLowerP2, lw(i+2)))
		add(mix(mix(tBiM1, lw(i-1)), t.hl))
		add(mix(mix(tBiP1, t.hl), lw(i+1)))
		add(mix(tShape, t.hshape))
		add(mix(mix(mix(tShape3, s3(i-1)), t.hs3), s3(i+1)))
		for k := 0; k < 3; k++ {
			if t.hpre[k] != 0 {
				add(mix(tPre+uint64(k)<<8, t.hpre[k]))
			}
		}
		for k := 0; k < 4; k++ {
			if t.hsuf[k] != 0 {
				add(mix(tSuf+uint64(k)<<8, t.hsuf[k]))
			}
		}
		for b := 0; b < nFlags; b++ {
			if t.flags&(1<<b) != 0 {
				add(mix(tFlag, uint64(b)))
				add(mix(mix(tFlagShape, uint64(b)), t.hs3))
			}
		}
		// Capitalised, not a known common noun, not a lower-case word: name-like.
		capNoun := uint64(0)
		if t.cap {
			capNoun = 1
			if t.flags&fNoun != 0 {
				capNoun = 2
			}
			if t.flags&fLowerInDict != 0 {
				capNoun += 4
			}
			if t.flags&fSentStart != 0 {
				capNoun += 8
			}
			if t.flags&fCapInDict != 0 {
				capNoun += 16
			}
			if t.flags&fCompound != 0 {
				capNoun += 32
			}
			if t.gaz != 0 {
				capNoun += 64
			}
		}
		add(mix(tCapNoun, capNoun))
		if i > 0 {
			p := in[i-1].flags
			add(mix(tFlagM1, uint64(p&(fCap|fPunct|fAllCaps|fNoun))))
			add(mix(mix(tLowerM1Flag, in[i-1].hl), capNoun))
		}
		if i+1 < n {
			add(mix(tFlagP1, uint64(in[i+1].flags&(fCap|fPunct|fAllCaps|fNoun))))
		}
		for b := 0; b < 5; b++ {
			if t.gaz&(1<<b) != 0 {
				add(mix(tGaz, uint64(b)))
			}
			if i > 0 && in[i-1].gaz&(1<<b) != 0 {
				add(mix(tGazM1, uint64(b)))
			}
			if i+1 < n && in[i+1].gaz&(1<<b) != 0 {
				add(mix(tGazP1, uint64(b)))
			}
		}
		if t.gazSpan != 0 {
			add(mix(mix(tGazSpan, uint64(t.gazSpan)), uint64(t.gazSpanType)))
		}
		if t.hHyphLast != 0 {
			add(mix(tHyphLast, t.hHyphLast))
			add(mix(tHyphFirst, t.hHyphFirst))
		}
		if t.flags&(fDocLower|fDocCapMid) != 0 {
			add(mix(tDoc, uint64(t.flags&(fDocLower|fDocCapMid|fSentStart))))
		}
		cf := t.capClass
		if fz.ws != nil {
			if t.hasWE {
				e := t.we
				add(mix(mix(tClFine, uint64(e.fine)), cf))
				add(mix(mix(tClMid, uint64(e.mid)), cf))
				add(mix(mix(tClCoarse, uint64(e.coarse)), cf))
				add(mix(mix(tCapStat, uint64(e.capB)<<4|uint64(e.detB)), cf))
				add(mix(mix(tTrigStat, uint64(e.trigB)<<4|uint64(e.prepB)), cf))
				add(mix(mix(tCapsStat, uint64(e.capsB)), cf))
				add(mix(mix(tFreq, uint64(e.freq)), cf))
			} else {
				add(mix(tUnkWord, cf))
			}
			if i > 0 {
				add(mix(mix(tClM1, uint64(in[i-1].we.mid)), cf))
			}
			if i+1 < n {
				add(mix(mix(tClP1, uint64(in[i+1].we.mid)), cf))
			}
		}
		if i > 0 {
			p := in[i-1].hl
			if perTrigH.hasHash(p) {
				add(mix(tTrigM1, cf))
			}
			if locPrepH.hasHash(p) {
				add(mix(tPrepM1, cf))
			}
			if articleH.hasHash(p) {
				add(mix(tArtM1, cf))
			}
			if i > 1 && in[i-1].cap && perTrigH.hasHash(in[i-2].hl) {
				add(mix(tTrigM2, cf))
			}
		}
		if i+1 < n && orgHeadH.hasHash(in[i+1].hl) {
			add(mix(tOrgHeadP1, cf))
		}
		if t.docTrig != 0 {
			for b := 0; b < 5; b++ {
				if t.docTrig&(1<<b) != 0 {
					add(mix(mix(tDocTrig, uint64(b)), cf))
				}
			}
		}
		if t.orgSuf != 0 {
			add(mix(mix(tOrgSuf, uint64(t.orgSuf)), cf))
		}
	}
	fz.offs[n] = len(fz.feats)
}

// tokFeats returns the feature keys of token i after prepare.
func (fz *featurizer) tokFeats(i int) []uint32 { return fz.feats[fz.offs[i]:fz.offs[i+1]] }
