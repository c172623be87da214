package ner

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// English text is tagged by the German model (names look alike and the
// gazetteers are language-independent), then cleaned with what English
// capitalisation tells: capitalised function words, weekdays, months and
// sentence adverbs are not names; nationality adjectives ("German") are O
// under the GermEval convention newsweave follows; titles before a name
// ("Chancellor Olaf Scholz") are not part of it.
var (
	enStop = setOf(`a an the this that these those there here it its he she we they i you his her our their my your
		me him us them who whom whose what which when where why how if then so but and or nor yet as at by for from in into
		of on onto to with without about after before during since until while also just only even still however meanwhile
		later earlier today yesterday tomorrow tonight now already again never always often sometimes perhaps maybe
		yes no not all any some many most more much few several each every both either neither other another such
		one two three four five six seven eight nine ten first second third last next new old
		monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
		september october november december mr mrs ms dr sir madam according despite although because though unless
		is are was were be been being has have had do does did will would shall should can could must might
		said says told asked added`)
	enDeterminers = setOf(`a an the this that these those his her its our their my your of and or to in on at by for with`)
	enOrgHeads    = setOf(`center centre institute university college school academy council association foundation
		company corporation corp inc ltd llc department ministry committee agency hospital clinic society club church
		party bank group commission administration authority board bureau union federation league network airlines`)
	enTitles = setOf(`president chancellor minister secretary senator governor mayor prime foreign defence defense
		interior finance general king queen prince princess pope spokesman spokeswoman spokesperson chief director
		chairman chairwoman ceo leader sen rep gov lt col capt sgt prof judge justice ambassador commissioner
		deputy vice former late mr mrs ms dr sir lord lady saint st`)
)

// isEnglish reports whether a language hint names English.
func isEnglish(lang string) bool {
	return strings.HasPrefix(strings.ToLower(lang), "en")
}

// englishSpan adjusts a tagged span of English text (tags: the sentence's
// tags); ok is false when the span is not a name at all.
func (r *Recognizer) englishSpan(words, tags []string, sp Span, doc *docContext) (Span, bool) {
	// Only determiners and titles are cut from longer spans: "New York",
	// "First Republic" keep their first word.
	for sp.End-sp.Start > 1 {
		lw := strings.ToLower(strings.TrimSuffix(words[sp.Start], "."))
		if !enDeterminers[lw] && !enTitles[lw] {
			break
		}
		sp.Start++
	}
	for sp.End-sp.Start > 1 {
		lw := strings.ToLower(words[sp.End-1])
		if !enDeterminers[lw] {
			break
		}
		sp.End--
	}
	// A capitalised institution word right after the span belongs to it
	// (the German model knows no "Center": "Betty Ford" PER + "Center").
	for sp.End < len(words) && sp.End < len(tags) && tags[sp.End] == "O" && startsUpper(words[sp.End]) &&
		enOrgHeads[strings.ToLower(strings.TrimSuffix(words[sp.End], "."))] {
		sp.End++
	}
	// A multi-word name ending in an institution word is an organisation
	// ("Betty Ford Center", "Duke University"), whatever the German model
	// made of its first words.
	if sp.End-sp.Start > 1 && enOrgHeads[strings.ToLower(strings.TrimSuffix(words[sp.End-1], "."))] {
		sp.Type = "ORG"
	}
	if sp.End-sp.Start == 1 {
		w := words[sp.Start]
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if enStop[lw] || enTitles[lw] || r.lx.enDemonyms[lw] {
			return sp, false
		}
		// "I'm", "I've": a pronoun with a clitic.
		if strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’") {
			return sp, false
		}
		// A sentence-initial capital says nothing in English: an ordinary
		// English word there ("Unfortunately", "Officials", "Updated") is
		// no name unless the document also capitalises it mid-sentence
		// ("Bush", "Brown").
		if (sp.Start == 0 || isOpeningPunct(words[sp.Start-1])) && (doc == nil || !doc.capMidSeen[w]) && englishWords().has(lw) {
			return sp, false
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return sp, false // English names are capitalised
		}
	}
	return sp, true
}

// englishWords returns the lower-case English words of Ding's English side
// ("unfortunately", "officials"): ordinary vocabulary, not names (Ding
// writes names capitalised). Loaded on first use by English text only;
// empty when Ding is not installed.
var englishWords = sync.OnceValue(func() *strSet {
	s := newStrSet(1 << 17)
	forEachDingLine(func(line []byte) {
		_, en, ok := bytes.Cut(line, dingSep)
		if !ok {
			return
		}
		depth := 0
		start := -1
		for i := 0; i <= len(en); i++ {
			var c byte = ' '
			if i < len(en) {
				c = en[i]
			}
			switch {
			case c == '(' || c == '[' || c == '{' || c == '<':
				depth++
			case c == ')' || c == ']' || c == '}' || c == '>':
				if depth > 0 {
					depth--
				}
			}
			if c >= 'a' && c <= 'z' {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				// Whole lower-case words outside annotations only.
				if depth == 0 && (start == 0 || !isASCIILetter(en[start-1])) && i-start >= 2 && !isASCIILetter(c) {
					s.addBytes(en[start:i])
				}
				start = -1
			}
		}
	})
	return s
})

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
