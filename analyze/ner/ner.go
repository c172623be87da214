// Package ner finds German and English named entities (PER, LOC, ORG, OTH)
// and resolves them to canonical identities.
//
// Tagging is an averaged structured perceptron (hashed features: word,
// affixes, shape, neighbours, sentence position, wngerman/Ding noun-vs-name
// evidence, gazetteers from iso-codes, geonames and curated lists,
// document-level capitalisation evidence) decoded with BIO-constrained
// Viterbi. The model is trained by `newsweave train ner` and embedded.
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
	model *Model
	lx    *lexicon
	pool  sync.Pool // *workspace
}

type workspace struct {
	fz     featurizer
	scores []float32
	back   []int8
	pred   []int
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
func New(m *Model) *Recognizer {
	r := &Recognizer{model: m, lx: loadLexicon()}
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
	out := make([][]string, len(sents))
	for i, s := range sents {
		idx := r.tag(ws, s, nil, doc)
		tags := make([]string, len(s))
		for k, t := range idx {
			tags[k] = Tags[t]
		}
		out[i] = tags
	}
	return out
}

func (r *Recognizer) tag(ws *workspace, words []string, sentStart []bool, doc *docContext) []int {
	n := len(words)
	if n == 0 {
		return nil
	}
	ws.fz.prepare(words, sentStart, doc)
	if cap(ws.scores) < n*nTags {
		ws.scores = make([]float32, n*nTags)
		ws.back = make([]int8, n*nTags)
		ws.pred = make([]int, n)
	}
	r.model.emissions(&ws.fz, n, ws.scores)
	viterbi(&r.model.trans, ws.scores, n, ws.back, ws.pred[:n])
	// Known unambiguous names the model missed (all O), or swallowed at the
	// end of a longer span ("Choe Son-hui Russland"), are forced to their
	// gazetteer type and the sentence is decoded again around them.
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
		// or a name glued to a following lower-case word ("WASHINGTON dpa").
		head := sp.End < n && ws.pred[sp.End] != 0 && ws.pred[sp.End]%2 == 0 && !startsUpper(words[sp.End])
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
		viterbi(&r.model.trans, ws.scores, n, ws.back, ws.pred[:n])
	}
	return ws.pred[:n]
}

// ErrTooLarge is returned by RecognizeText for texts over MaxTextBytes.
var ErrTooLarge = errors.New("ner: text too large")

// Recognize returns the entity mentions in text with canonical identities;
// offsets are code points. lang is a hint ("de", "en" or ""); the model is
// trained on German and used for both. Texts over MaxTextBytes are tagged
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
	ws := r.pool.Get().(*workspace)
	defer r.pool.Put(ws)
	var raw []rawMention
	for si, s := range sents {
		// Long "sentences" (lists without punctuation) are tagged in chunks
		// so work stays linear and buffers bounded.
		for c0 := 0; c0 < len(words[si]); c0 += 200 {
			c1 := min(len(words[si]), c0+200)
			idx := r.tag(ws, words[si][c0:c1], nil, doc)
			tags := make([]string, len(idx))
			for k, t := range idx {
				tags[k] = Tags[t]
			}
			for _, sp := range Spans(tags) {
				sp = r.trimSpan(words[si][c0:c1], sp)
				a := toks[s[0]+c0+sp.Start]
				b := toks[s[0]+c0+sp.End-1]
				raw = append(raw, rawMention{text: text[a.BStart:b.BEnd], typ: sp.Type, start: a.Start, end: b.End})
			}
		}
	}
	return r.lx.resolve(cleanSpans(raw)), err
}

// trimSpan drops leading common nouns that the tagger swept into a name
// ("Kremlsprecher Dmitri Peskow", "Staatsagentur Tass").
func (r *Recognizer) trimSpan(words []string, sp Span) Span {
	for sp.End-sp.Start > 1 {
		w, next := words[sp.Start], words[sp.Start+1]
		if !startsUpper(next) || !startsUpper(w) {
			break
		}
		lw := strings.ToLower(w)
		if r.lx.gaz[lw] != 0 || !(r.lx.nouns.has(w) || r.lx.isCompoundNoun(lw)) {
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
