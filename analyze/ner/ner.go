// Package ner finds German and English named entities (PER, LOC, ORG, OTH)
// and resolves them to canonical identities.
//
// Tagging is an averaged structured perceptron (hashed features: word,
// affixes, shape, neighbours, sentence position, wngerman/Ding noun-vs-name
// evidence, gazetteers from iso-codes, geonames and curated lists,
// document-level capitalisation evidence, title/preposition/ORG-head
// triggers, and a word table of clusters and capitalisation statistics
// learned from unlabelled news) decoded with BIO-constrained Viterbi, then
// made consistent within the document (DocTypes). The model is trained by
// `newsweave train ner` on gold data plus confidently self-tagged news
// (TrainOptions.Unlabelled) and embedded. English text is
// tagged by the same model and cleaned with English capitalisation evidence.
// Resolution folds transliteration variants, German genitive endings,
// exonyms and partial person names onto one stable id per entity.
package ner

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

//go:embed model/ner.model.gz
var embeddedModel []byte

// MaxTextBytes bounds the text Recognize tags; longer texts are cut at a
// sentence boundary before it (news articles are far shorter).
const MaxTextBytes = 4 << 20

// Recognizer is the default entity recognizer. It holds only immutable
// data and is safe for concurrent use.
type Recognizer struct {
	model    *Model
	lx       *lexicon
	pool     sync.Pool // *workspace
	docTypes DocTypes
}

type workspace struct {
	fz     featurizer
	scores []float32
	back   []int8
	pred   []int
	// document buffers (tagDoc)
	docTags   []int
	docScores []float32
	docHL     []uint64
	docCF     []uint8
	pred2     []int
	units     [][]int
	f2        []uint32
	dl        docLabels
}

var (
	loadOnce sync.Once
	loadRec  *Recognizer
	loadErr  error
)

// Load returns the recognizer with the embedded model and the Debian
// gazetteers (loaded once per process; missing dictionaries only weaken it).
func Load() (*Recognizer, error) {
	loadOnce.Do(func() {
		m, err := ReadModel(bytes.NewReader(embeddedModel))
		if err != nil {
			loadErr = fmt.Errorf("ner: embedded model: %w", err)
			return
		}
		loadRec = New(m)
	})
	return loadRec, loadErr
}

// LoadFile returns a recognizer with the model in path.
func LoadFile(path string) (*Recognizer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ReadModel(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return New(m), nil
}

// New wraps a model with the process-wide lexicon.
func New(m *Model) *Recognizer { return NewWith(m, RecognizerOptions{}) }

// NewWith is New with inference options.
func NewWith(m *Model, o RecognizerOptions) *Recognizer {
	if o.DocTypes == 0 {
		o.DocTypes = DefaultDocTypes
	}
	r := &Recognizer{model: m, lx: loadLexicon(), docTypes: o.DocTypes}
	r.pool.New = func() any { return &workspace{fz: featurizer{lx: r.lx, ws: m.words}} }
	return r
}

// Model returns the recognizer's model.
func (r *Recognizer) Model() *Model { return r.model }

// Sources lists the Debian data sets that were found and used.
func (r *Recognizer) Sources() []string { return append([]string(nil), r.lx.sources...) }

// TagSentences tags tokenised sentences (one document: they share
// document-level features) and returns BIO tags per token.
func (r *Recognizer) TagSentences(sents [][]string) [][]string {
	doc := newDocContext(sents)
	ws := r.pool.Get().(*workspace)
	defer r.pool.Put(ws)
	idx := r.tagDoc(ws, sents, doc)
	out := make([][]string, len(sents))
	for i, s := range sents {
		tags := make([]string, len(s))
		for k, t := range idx[i] {
			tags[k] = Tags[t]
		}
		out[i] = tags
	}
	return out
}

// tagDoc tags the units (sentences or chunks) of one document: the first
// stage per unit, then, when the model has one, the document stage over
// the first stage's tags of the whole document. The result aliases ws.
func (r *Recognizer) tagDoc(ws *workspace, units [][]string, doc *docContext) [][]int {
	total := 0
	for _, u := range units {
		total += len(u)
	}
	if cap(ws.docTags) < total {
		ws.docTags = make([]int, total)
		ws.docScores = make([]float32, total*nTags)
		ws.docHL = make([]uint64, total)
		ws.docCF = make([]uint8, total)
		ws.pred2 = make([]int, total)
	}
	ws.docTags = ws.docTags[:total]
	out := ws.units[:0]
	st2 := r.model.stage2
	off := 0
	for _, u := range units {
		n := len(u)
		if n == 0 {
			out = append(out, nil)
			continue
		}
		ws.grow(n)
		ws.fz.prepare(u, nil, doc)
		sc := ws.docScores[off*nTags : (off+n)*nTags]
		r.model.emissions(&ws.fz, n, sc)
		tags := ws.docTags[off : off+n]
		if st2 == nil {
			copy(ws.scores, sc)
			copy(tags, r.decode(ws, u, &r.model.trans))
		} else {
			viterbi(&r.model.trans, sc, n, ws.back, tags)
			for k := range u {
				ws.docHL[off+k] = ws.fz.infos[k].hl
				ws.docCF[off+k] = uint8(ws.fz.infos[k].capClass)
			}
		}
		out = append(out, tags)
		off += n
	}
	ws.units = out
	if st2 == nil {
		r.applyDocTypes(units, out, r.docTypes)
		return out
	}
	ws.dl.reset()
	ws.dl.add(ws.docHL[:total], ws.docTags[:total])
	off = 0
	for i, u := range units {
		n := len(u)
		if n == 0 {
			continue
		}
		ws.grow(n)
		hl, cf, t1 := ws.docHL[off:off+n], ws.docCF[off:off+n], ws.docTags[off:off+n]
		copy(ws.scores, ws.docScores[off*nTags:(off+n)*nTags])
		for k := 0; k < n; k++ {
			ws.f2 = ws.dl.features(ws.f2[:0], hl, cf, t1, k)
			st2.addEmission(ws.f2, ws.scores[k*nTags:k*nTags+nTags])
		}
		out[i] = ws.pred2[off : off+n]
		copy(out[i], r.decode(ws, u, &st2.trans))
		off += n
	}
	r.applyDocTypes(units, out, r.docTypes)
	return out
}

// grow sizes the per-unit buffers for n tokens.
func (ws *workspace) grow(n int) {
	if cap(ws.scores) < n*nTags {
		ws.scores = make([]float32, n*nTags)
		ws.back = make([]int8, n*nTags)
		ws.pred = make([]int, n)
	}
	ws.scores = ws.scores[:n*nTags]
}

// decode runs Viterbi over ws.scores, then forces known unambiguous names
// the model missed (all O) or swallowed at the end of a longer span
// ("Choe Son-hui Russland") to their gazetteer type and decodes again.
func (r *Recognizer) decode(ws *workspace, words []string, trans *[nTags + 1][nTags]float32) []int {
	n := len(words)
	viterbi(trans, ws.scores, n, ws.back, ws.pred[:n])
	forced := false
	for _, sp := range r.lx.knownSpans(words, true) {
		allO := true
		for i := sp.Start; i < sp.End; i++ {
			if ws.pred[i] != 0 {
				allO = false
			}
		}
		p := ws.pred[sp.Start]
		tail := p != 0 && p%2 == 0 && sp.End-1 < n && (sp.End == n || ws.pred[sp.End] != p)
		// or a name glued to a following lower-case word ("WASHINGTON dpa")
		// or common noun ("Nordkorea Land").
		head := sp.End < n && ws.pred[sp.End] != 0 && ws.pred[sp.End]%2 == 0 && (!startsUpper(words[sp.End]) || r.lx.nouns.has(words[sp.End]))
		if !allO && !tail && !head {
			continue
		}
		forced = true
		if sp.End < n {
			// The name ends here: the next word may not continue it.
			ws.scores[sp.End*nTags+tagIndex("I-"+sp.Type)] = -1e9
		}
		for i := sp.Start; i < sp.End; i++ {
			want := tagIndex("I-" + sp.Type)
			if i == sp.Start {
				want = tagIndex("B-" + sp.Type)
			}
			sc := ws.scores[i*nTags : i*nTags+nTags]
			for t := range sc {
				if t != want {
					sc[t] = -1e9
				}
			}
		}
	}
	if forced {
		viterbi(trans, ws.scores, n, ws.back, ws.pred[:n])
	}
	return ws.pred[:n]
}

// ErrTooLarge is returned by RecognizeText for texts over MaxTextBytes.
var ErrTooLarge = errors.New("ner: text too large")

// Recognize returns the entity mentions in text with canonical identities;
// offsets are code points. lang is a hint ("de", "en" or ""); the model is
// trained on German and used for both, English spans are then cleaned
// with English capitalisation and function-word evidence. Texts over MaxTextBytes are tagged
// up to that size only.
func (r *Recognizer) Recognize(text, lang string) []newsweave.Mention {
	ms, _ := r.RecognizeText(text, lang)
	return ms
}

// RecognizeText is Recognize with an error for input it cannot tag fully
// (too large: the first MaxTextBytes are still tagged).
func (r *Recognizer) RecognizeText(text, lang string) ([]newsweave.Mention, error) {
	var err error
	if len(text) > MaxTextBytes {
		cut := MaxTextBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		err = fmt.Errorf("%w: %d bytes, tagged the first %d", ErrTooLarge, len(text), cut)
		text = text[:cut]
	}
	toks := Tokenize(text)
	if len(toks) == 0 {
		return nil, err
	}
	sents := Sentences(toks)
	words := make([][]string, len(sents))
	for i, s := range sents {
		w := make([]string, 0, s[1]-s[0])
		for _, t := range toks[s[0]:s[1]] {
			w = append(w, t.Text)
		}
		words[i] = w
	}
	doc := newDocContext(words)
	// Long "sentences" (lists without punctuation) are tagged in chunks
	// so work stays linear and buffers bounded.
	type unit struct{ sent, c0 int }
	var units []unit
	var unitWords [][]string
	for si := range sents {
		for c0 := 0; c0 < len(words[si]); c0 += 200 {
			c1 := min(len(words[si]), c0+200)
			units = append(units, unit{si, c0})
			unitWords = append(unitWords, words[si][c0:c1])
		}
	}
	ws := r.pool.Get().(*workspace)
	defer r.pool.Put(ws)
	var raw []rawMention
	var tags []string
	for ui, idx := range r.tagDoc(ws, unitWords, doc) {
		u := units[ui]
		tags = tags[:0]
		for _, t := range idx {
			tags = append(tags, Tags[t])
		}
		for _, sp := range Spans(tags) {
			sp = r.trimSpan(unitWords[ui], sp)
			if isEnglish(lang) {
				var ok bool
				if sp, ok = r.englishSpan(unitWords[ui], tags, sp, doc); !ok {
					continue
				}
			}
			a := toks[sents[u.sent][0]+u.c0+sp.Start]
			b := toks[sents[u.sent][0]+u.c0+sp.End-1]
			raw = append(raw, rawMention{text: text[a.BStart:b.BEnd], typ: sp.Type, start: a.Start, end: b.End})
		}
	}
	return r.lx.resolve(cleanSpans(raw)), err
}

// trimSpan drops leading common nouns that the tagger swept into a name
// ("Kremlsprecher Dmitri Peskow", "Staatsagentur Tass"). A span that is a
// known name as a whole stays whole ("Weißen Hauses": Ding lists "Weiße"
// as a noun).
func (r *Recognizer) trimSpan(words []string, sp Span) Span {
	if r.lx.knownName(words[sp.Start:sp.End]) {
		return sp
	}
	for sp.End-sp.Start > 1 {
		w, next := words[sp.Start], words[sp.Start+1]
		if !startsUpper(next) || !startsUpper(w) {
			break
		}
		lw := strings.ToLower(w)
		// Inflected nationality adjectives are nouns too in Ding
		// ("Deutsche"), but lead names ("Deutsche Bank").
		if r.lx.gaz[lw] != 0 || r.lx.natAdjective(lw) || !(r.lx.nouns.has(w) || r.lx.isCompoundNoun(lw)) {
			break
		}
		// An organisation named after its place keeps its first word
		// ("Werder Bremen", "Stahl Linz"; but "Staatsagentur Tass" → "Tass").
		if sp.Type == "ORG" && sp.End-sp.Start == 2 && r.lx.gaz[strings.ToLower(next)]&(gLOC|gCountry) != 0 && r.lx.gaz[strings.ToLower(next)]&gORG == 0 {
			break
		}
		sp.Start++
	}
	return sp
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// cleanSpans drops mentions that are only punctuation or digits.
func cleanSpans(raw []rawMention) []rawMention {
	out := raw[:0]
	for _, m := range raw {
		if trimMention(m.text) == "" || !hasLetter(m.text) {
			continue
		}
		out = append(out, m)
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 && r != utf8.RuneError {
			return true
		}
	}
	return false
}

// WriteCoNLL writes sentences with predicted tags as token<TAB>tag lines,
// a blank line after each sentence.
func WriteCoNLL(w io.Writer, sents [][]string, tags [][]string) error {
	var buf bytes.Buffer
	for i, s := range sents {
		for k, t := range s {
			buf.WriteString(t)
			buf.WriteByte('\t')
			buf.WriteString(tags[i][k])
			buf.WriteByte('\n')
		}
		buf.WriteByte('\n')
		if buf.Len() > 64<<10 {
			if _, err := w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}
