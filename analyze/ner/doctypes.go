package ner

import (
	"fmt"
	"strings"
)

// Document type consistency: a name keeps one type within a document. The
// tagger decides each mention from its own sentence, so "George W. Bush"
// is PER while a later lone "Bush" may come out LOC; the full mention is
// the better evidence.

// DocTypes selects the document type-consistency rules applied after
// tagging (bits; see RecognizerOptions).
type DocTypes uint8

const (
	// DocTypeSurname: a one-word span equal to the last word of a
	// multi-word PER span in the same document is PER.
	DocTypeSurname DocTypes = 1 << iota
	// DocTypeMajority: a span text tagged with several types in one
	// document takes its majority type (ties unchanged).
	DocTypeMajority
	// DocTypeOrgHead: a one-word span equal to the first word of a
	// multi-word ORG span is ORG ("Eintracht Frankfurt" … "Eintracht").
	DocTypeOrgHead
	// DocTypeSurnameO: a capitalised, untagged word that is not a common
	// noun and equals the last word of a multi-word PER span is PER.
	DocTypeSurnameO
	// DocTypeOrgPlace: an ORG span directly followed by a LOC span is one
	// ORG ("VfB Stuttgart", "Universität Göttingen", "Air Mauritius"):
	// the tagger splits them because the place name is a strong LOC.
	DocTypeOrgPlace
)

// DefaultDocTypes are the rules Recognizers apply unless told otherwise:
// each beat the held-out protocol's noise (README). DocTypeMajority
// (hurts Europarl, one long debate) and DocTypeOrgHead (no change) are off.
const DefaultDocTypes = DocTypeSurname | DocTypeOrgPlace | DocTypeSurnameO

// RecognizerOptions tune inference.
type RecognizerOptions struct {
	// DocTypes are the document type-consistency rules (DefaultDocTypes
	// when zero; NoDocTypes for none).
	DocTypes DocTypes
}

// NoDocTypes turns all document type-consistency rules off.
const NoDocTypes DocTypes = 1 << 7

type docSpan struct {
	unit, start, end, typ int
}

// applyDocTypes relabels spans of one document (tags per unit, BIO-valid, as
// from Viterbi) by the rules in mask.
func (r *Recognizer) applyDocTypes(units [][]string, tags [][]int, mask DocTypes) {
	if mask&^NoDocTypes == 0 {
		return
	}
	if mask&DocTypeOrgPlace != 0 {
		const bOrg, iOrg, bLoc, iLoc = 5, 6, 3, 4
		for _, t := range tags {
			for i := 1; i < len(t); i++ {
				if t[i] == bLoc && (t[i-1] == bOrg || t[i-1] == iOrg) {
					for t[i] = iOrg; i+1 < len(t) && t[i+1] == iLoc; i++ {
						t[i+1] = iOrg
					}
				}
			}
		}
	}
	var spans []docSpan
	for u, t := range tags {
		for i := 0; i < len(t); {
			if t[i] == 0 {
				i++
				continue
			}
			j := i + 1
			if t[i]%2 == 0 { // stray I- (not from Viterbi): leave alone
				for j < len(t) && t[j] == t[i] {
					j++
				}
				i = j
				continue
			}
			for j < len(t) && t[j] == t[i]+1 {
				j++
			}
			spans = append(spans, docSpan{u, i, j, typeOf(t[i])})
			i = j
		}
	}
	if len(spans) == 0 || len(spans) == 1 && mask&DocTypeSurnameO == 0 {
		return
	}
	// Evidence from multi-word spans: last words of persons, first words
	// of organisations.
	var last, first map[string][5]uint16
	for _, s := range spans {
		if s.end-s.start < 2 {
			continue
		}
		w := units[s.unit]
		if mask&(DocTypeSurname|DocTypeSurnameO) != 0 {
			if last == nil {
				last = map[string][5]uint16{}
			}
			c := last[w[s.end-1]]
			c[s.typ]++
			last[w[s.end-1]] = c
		}
		if mask&DocTypeOrgHead != 0 {
			if first == nil {
				first = map[string][5]uint16{}
			}
			c := first[w[s.start]]
			c[s.typ]++
			first[w[s.start]] = c
		}
	}
	relabel := func(s *docSpan, typ int) {
		t := tags[s.unit]
		t[s.start] = 2*typ - 1
		for k := s.start + 1; k < s.end; k++ {
			t[k] = 2 * typ
		}
		s.typ = typ
	}
	const per, org = 1, 3
	for i := range spans {
		s := &spans[i]
		if s.end-s.start != 1 {
			continue
		}
		w := units[s.unit][s.start]
		if mask&DocTypeSurname != 0 && s.typ != per {
			if c, ok := last[w]; ok && majority(c) == per {
				relabel(s, per)
				continue
			}
		}
		if mask&DocTypeOrgHead != 0 && s.typ != org {
			if c, ok := first[w]; ok && majority(c) == org {
				relabel(s, org)
			}
		}
	}
	if mask&DocTypeSurnameO != 0 && len(last) > 0 {
		for u, t := range tags {
			w := units[u]
			for i := range t {
				if t[i] != 0 || !startsUpper(w[i]) || r.lx.nouns.has(w[i]) {
					continue
				}
				if c, ok := last[w[i]]; ok && majority(c) == per {
					t[i] = 2*per - 1
				}
			}
		}
	}
	if mask&DocTypeMajority != 0 {
		counts := map[string][5]uint16{}
		key := func(s docSpan) string { return strings.Join(units[s.unit][s.start:s.end], " ") }
		for _, s := range spans {
			k := key(s)
			c := counts[k]
			c[s.typ]++
			counts[k] = c
		}
		for i := range spans {
			s := &spans[i]
			if m := majority(counts[key(*s)]); m > 0 && m != s.typ {
				relabel(s, m)
			}
		}
	}
}

// majority returns the type with the most votes, 0 when none or tied.
func majority(c [5]uint16) int {
	best, bt, tie := uint16(0), 0, false
	for t := 1; t < 5; t++ {
		switch {
		case c[t] > best:
			best, bt, tie = c[t], t, false
		case c[t] == best && best > 0:
			tie = true
		}
	}
	if tie {
		return 0
	}
	return bt
}

// DocTypeNames lists the rule names ParseDocTypes accepts.
const DocTypeNames = "surname, majority, orghead, surname-o, orgplace"

// ParseDocTypes reads "default", "none" or a comma list of DocTypeNames.
func ParseDocTypes(s string) (DocTypes, error) {
	switch s {
	case "", "default":
		return DefaultDocTypes, nil
	case "none":
		return NoDocTypes, nil
	}
	var m DocTypes
	for _, f := range strings.Split(s, ",") {
		switch strings.TrimSpace(f) {
		case "surname":
			m |= DocTypeSurname
		case "majority":
			m |= DocTypeMajority
		case "orghead":
			m |= DocTypeOrgHead
		case "surname-o":
			m |= DocTypeSurnameO
		case "orgplace":
			m |= DocTypeOrgPlace
		default:
			return 0, fmt.Errorf("unknown rule %q (want default, none or %s)", f, DocTypeNames)
		}
	}
	return m, nil
}
