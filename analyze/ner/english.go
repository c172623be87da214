package ner

import (
	"strings"
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
	enTitles      = setOf(`president chancellor minister secretary senator governor mayor prime foreign defence defense
		interior finance general king queen prince princess pope spokesman spokeswoman spokesperson chief director
		chairman chairwoman ceo leader sen rep gov lt col capt sgt prof judge justice ambassador commissioner
		deputy vice former late mr mrs ms dr sir lord lady saint st`)
)

// isEnglish reports whether a language hint names English.
func isEnglish(lang string) bool {
	return strings.HasPrefix(strings.ToLower(lang), "en")
}

// englishSpan adjusts a tagged span of English text; ok is false when the
// span is not a name at all.
func (r *Recognizer) englishSpan(words []string, sp Span) (Span, bool) {
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
	if sp.End-sp.Start == 1 {
		w := words[sp.Start]
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if enStop[lw] || enTitles[lw] || r.lx.enDemonyms[lw] {
			return sp, false
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return sp, false // English names are capitalised
		}
	}
	return sp, true
}
