package ner

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Annotation convention. The gold corpora disagree on words that are not
// names but derive from or contain one: GermEval tags "deutschen",
// "Palästinenser", "Frankfurter" as *deriv and "US-Botschafter",
// "SPD-Fraktion" as *part (both O for outer entities), CoNLL-2003 and
// Europarl tag them MISC. newsweave follows GermEval's outer-entity
// convention (an analyst wants "USA" and "SPD", not "US-Botschafter"), so
// Harmonize maps such MISC/OTH spans to O in every corpus alike; training
// data then no longer contradict each other.

// HarmonizeOptions select the convention mappings Harmonize applies.
type HarmonizeOptions struct {
	// Derivations maps one-word OTH spans that are derivations of names
	// (capitalised demonyms and place adjectives "Deutsche", "Russen",
	// "Palästinensern", "Frankfurter"; hyphen compounds headed by a common
	// noun, "US-Botschafter", "CDU-Mann") to O, as GermEval's *deriv/*part.
	Derivations bool
	// Currencies maps one-word OTH currency units ("Euro", "Dollar", "€")
	// to O (GermEval tags them OTH, CoNLL-2003 does not).
	Currencies bool
}

// DefaultHarmonize is the convention newsweave trains and scores with.
var DefaultHarmonize = HarmonizeOptions{Derivations: true}

// groupNouns returns the lower-cased forms of Ding nouns that name members
// of a people, place or faith ("Russe/Russen", "Christ/Christen"): German
// nouns whose English gloss is one capitalised word ("Russian", "Jew").
var groupNouns = sync.OnceValue(func() *strSet {
	s := newStrSet(1 << 12)
	forEachDingLine(func(line []byte) {
		de, en, ok := bytes.Cut(line, dingSep)
		if !ok || len(de) == 0 || !startsUpperBytes(de) {
			return
		}
		// English: first alternative of the first group, one capitalised
		// word, not an acronym.
		e := en
		if i := bytes.IndexAny(e, ";|"); i >= 0 {
			e = e[:i]
		}
		e = bytes.TrimSpace(e)
		if !isGroupGloss(e) {
			return
		}
		// German: a person noun, masculine and feminine forms in the first
		// group ("Russe {m}; Russin {f}"; not "Islam {m}"), then every
		// alternative and inflection in the entry.
		first := de
		if i := bytes.IndexByte(first, '|'); i >= 0 {
			first = first[:i]
		}
		if !bytes.Contains(first, []byte(" {m}")) || !bytes.Contains(first, []byte(" {f}")) {
			return
		}
		for _, part := range bytes.FieldsFunc(de, func(r rune) bool { return r == ';' || r == '|' }) {
			part = bytes.TrimSpace(part)
			part = bytes.TrimPrefix(part, []byte("die "))
			if j := bytes.Index(part, []byte(" {")); j > 0 {
				part = part[:j]
			}
			if len(part) < 3 || bytes.ContainsAny(part, " ()[]<>/") || !startsUpperBytes(part) {
				continue
			}
			s.add(strings.ToLower(string(part)))
		}
	})
	return s
})

// isGroupGloss reports whether an English gloss is one capitalised word
// such as "Russian", "Palestinian", "Jew" (not "USA", not "the French").
func isGroupGloss(e []byte) bool {
	if len(e) < 3 || !startsUpperBytes(e) || bytes.ContainsAny(e, " ()[]<>/.-0123456789") {
		return false
	}
	lower := 0
	for _, r := range string(e) {
		if unicode.IsLower(r) {
			lower++
		}
	}
	return lower >= 2
}

// derivation reports whether a single capitalised word derives from a name
// without being one: a demonym or follower ("Russen", "Armeniern",
// "Christen"), a geographic adjective ("Deutsche", "Schweizer"), a place
// adjective in -er ("Frankfurter", "Kölner"), or a hyphen compound headed
// by a common noun ("US-Botschafter", "SPD-Fraktion").
func (lx *lexicon) derivation(w string) bool {
	lw := strings.ToLower(w)
	if currencies[lw] {
		return false
	}
	// A bare capitalised geographic adjective is a language ("Englisch"):
	// OTH in every corpus.
	if lx.natAdjective(lw) && !lx.natAdj[lw] {
		return true
	}
	gn := groupNouns()
	if gn.has(lw) || strings.HasSuffix(lw, "n") && gn.has(lw[:len(lw)-1]) {
		return true
	}
	for _, suf := range []string{"er", "ern", "ers"} {
		if stem, ok := strings.CutSuffix(lw, suf); ok && utf8.RuneCountInString(stem) >= 3 {
			if lx.gaz[stem]&(gLOC|gCountry) != 0 || lx.gaz[stem+"e"]&(gLOC|gCountry) != 0 {
				return true // "Frankfurter", "Wetterauer", "Kölner"
			}
			if strings.HasSuffix(stem, "n") && lx.gaz[strings.TrimSuffix(stem, "n")+"en"]&(gLOC|gCountry) != 0 {
				return true // "Münchner" (München), "Bremer" handled above
			}
		}
	}
	if j := strings.LastIndexByte(w, '-'); j > 0 && j < len(w)-1 {
		head := w[j+1:]
		if startsUpper(head) && !currencies[strings.ToLower(head)] && (lx.nouns.has(head) || lx.isCompoundNoun(strings.ToLower(head))) {
			return true
		}
	}
	return false
}

var currencies = map[string]bool{
	"euro": true, "eur": true, "€": true, "dollar": true, "usd": true, "$": true, "cent": true,
	"pfund": true, "franc": true, "yen": true, "yuan": true, "renminbi": true, "rubel": true, "franken": true,
	"chf": true, "mark": true, "dm": true, "krone": true, "kronen": true, "rupie": true, "lira": true,
	"peso": true, "zloty": true, "forint": true, "schilling": true, "gbp": true, "jpy": true,
}

// Harmonize applies newsweave's annotation convention to gold sentences:
// OTH spans made only of lower-case words become O (CoNLL-2003 and
// Europarl tag adjectives such as "deutschen" as MISC; GermEval, whose
// outer-entity convention newsweave follows, tags them as derivations), and
// with DefaultHarmonize also one-word OTH derivations (see
// HarmonizeOptions). The same mapping is applied to every corpus.
func Harmonize(sents []Sentence) { HarmonizeWith(sents, DefaultHarmonize) }

// HarmonizeWith is Harmonize with explicit options.
func HarmonizeWith(sents []Sentence, opt HarmonizeOptions) {
	var lx *lexicon
	if opt.Derivations {
		lx = loadLexicon()
	}
	for _, s := range sents {
		for _, sp := range Spans(s.Tags) {
			if sp.Type != "OTH" {
				continue
			}
			lower := true
			for _, w := range s.Tokens[sp.Start:sp.End] {
				r, _ := utf8.DecodeRuneInString(w)
				if !unicode.IsLower(r) {
					lower = false
				}
			}
			drop := lower
			if sp.End-sp.Start == 1 {
				w := s.Tokens[sp.Start]
				drop = drop || opt.Derivations && lx.derivation(w) || opt.Currencies && currencies[strings.ToLower(w)]
			}
			if drop {
				for k := sp.Start; k < sp.End; k++ {
					s.Tags[k] = "O"
				}
			}
		}
	}
}

// Conventions names the annotation conventions ParseConvention accepts.
const Conventions = "raw, lower, deriv (default), deriv+currency"

// ParseConvention returns the Harmonize options for a convention name:
// "raw" (nil: gold tags as read), "lower" (only lower-case OTH spans to
// O), "deriv" (DefaultHarmonize) or "deriv+currency".
func ParseConvention(name string) (*HarmonizeOptions, error) {
	switch name {
	case "raw":
		return nil, nil
	case "lower":
		return &HarmonizeOptions{}, nil
	case "", "deriv":
		o := DefaultHarmonize
		return &o, nil
	case "deriv+currency":
		return &HarmonizeOptions{Derivations: true, Currencies: true}, nil
	}
	return nil, fmt.Errorf("unknown convention %q (want %s)", name, Conventions)
}
