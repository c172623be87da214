// Package timex finds temporal expressions in German and English text and
// normalises them to TIMEX2/TIMEX3 values, HeidelTime-style: a hand-written
// rule engine over tokens (patterns plus normalisation functions), anchored
// at the document date.
//
// Two anchoring modes exist. News (the default, New) resolves relative and
// underspecified expressions against the publication date with a simple tense
// cue: "am Freitag" is the latest Friday on or before the publication date,
// "im November" the nearest November not after it, unless a future marker
// ("wird", "soll", "nächsten", "will") stands in the clause. Narrative
// (NewNarrative, for histories such as WikiWarsDE) resolves them against the
// reference time: the last date mentioned that belongs to the story line
// (see movesRef).
package timex

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/newsweave/newsweave"
)

// Mode says what underspecified expressions are anchored to.
type Mode int

const (
	// News anchors at the document (publication) date.
	News Mode = iota
	// Narrative anchors at the last date mentioned before the expression.
	Narrative
)

// Tagger is the rule-based temporal tagger. It holds no mutable state and is
// safe for concurrent use.
type Tagger struct {
	mode Mode
	off  map[string]bool // switched-off rules (ablation), never written after Without
}

// switches names the reference-time and normalisation rules that Without can
// switch off, for ablation studies ("newsweave eval timex --without …").
var switches = map[string]string{
	"parens":      "dates inside parentheses never move the reference",
	"coarser":     "a coarser mention of the reference period keeps the finer reference",
	"pastperfect": "a date stepping back in a past-perfect clause does not move the reference",
	"interval":    "a date stepping back after seit/ab does not move the reference",
	"heading":     "the first date of a section heading sets the reference; later ones in it do not move it",
	"rollover":    "a year-less month up to three months ahead of the reference month is next year's",
	"following":   "im folgenden/nächsten Januar (Frühjahr) before the reference month is next year's",
	"seasonlist":  "a season list takes the year at its end (Spätsommer und Herbst 1940)",
	"turnofyear":  "zum Jahreswechsel is 1 January after the reference year",
	"bareday":     "am 24. / Nacht vom 8. without a month is that day of the reference month",
	"dayrange":    "the first day of a range takes month and year from the second",
	"slashyear":   "Winter 1918/19 tags 19 as 1919",
	"bcnarrative": "years and decades below 1000 in a narrative before Christ are BC",
	"unitafter":   "im Jahr darauf, am Tag danach, im Monat zuvor",
	"ofyear":      "März des folgenden Jahres, Juni desselben Jahres",
	"lookahead":   "enumerations take the year at their end (Mai/Juni 1940, 1. und 2. Mai 1945)",
}

// Switches returns the names of the rules Without accepts with a
// one-line description each.
func Switches() map[string]string {
	out := make(map[string]string, len(switches))
	for k, v := range switches {
		out[k] = v
	}
	return out
}

// Without returns a copy of t with the named rules switched off (see
// Switches); it is meant for ablation studies, not for production use.
func (t *Tagger) Without(names ...string) (*Tagger, error) {
	c := &Tagger{mode: t.mode, off: map[string]bool{}}
	for k := range t.off {
		c.off[k] = true
	}
	for _, n := range names {
		if _, ok := switches[n]; !ok {
			return nil, fmt.Errorf("timex: unknown rule %q", n)
		}
		c.off[n] = true
	}
	return c, nil
}

// New returns a Tagger for news text (anchor = publication date).
func New() *Tagger { return &Tagger{mode: News} }

// NewNarrative returns a Tagger for narratives (anchor = last mentioned date).
func NewNarrative() *Tagger { return &Tagger{mode: Narrative} }

// maxText bounds the input a single call looks at (16 MiB); longer input is
// truncated rather than risking unbounded work.
const maxText = 16 << 20

// Tag returns the temporal expressions in text, anchored at anchor. lang is
// an ISO 639-1 code; "en" selects the English rules, anything else German.
//
// A zero anchor means the document date is unknown: expressions the text
// fully specifies keep their values ("9. Mai 2015", "März 2013", "2011"),
// those that need the anchor get underspecified values with X for the
// parts the anchor would supply ("im November" XXXX-11, "am Freitag"
// XXXX-WXX-5, "vergangene Woche" XXXX-WXX, "heute" PRESENT_REF). The tagger
// never substitutes the current time.
func (t *Tagger) Tag(text string, anchor time.Time, lang string) []newsweave.TimeExpr {
	if len(text) > maxText {
		text = text[:maxText]
	}
	st, ms := t.tag(text, anchor, lang)
	out := make([]newsweave.TimeExpr, 0, len(ms))
	for _, m := range ms {
		if !st.known && m.anch && !underspecified(m.val) {
			continue // a rule guessed a concrete value from nothing: never emit it
		}
		a, b := st.toks[m.s], st.toks[m.e-1]
		out = append(out, newsweave.TimeExpr{
			Start: a.rs, End: b.re, Text: text[a.bs:b.be], Type: m.typ, Value: m.val, Mod: m.mod,
		})
	}
	return out
}

// tag runs the rules left to right and returns the matches.
func (t *Tagger) tag(text string, anchor time.Time, lang string) (*state, []match) {
	toks := tokenize(text)
	st := &state{toks: toks, lx: lexFor(lang), en: lang == "en", mode: t.mode, off: t.off, refAnchor: true}
	if !anchor.IsZero() {
		st.known = true
		st.anchor = ymd{y: anchor.Year(), m: int(anchor.Month()), d: anchor.Day(), g: 3}
	}
	st.ref = st.anchor
	var head []int
	if st.mode == Narrative && st.on("heading") {
		head = headingLines(toks)
	}
	var out []match
	usedHead := 0
	for i := 0; i < len(toks); {
		m, ok := st.best(i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		if head != nil && head[m.s] > 0 {
			// A section heading ("1862 – Der Krieg im Westen", "Der Krieg im
			// Pazifik, Dezember 1941 bis August 1945") opens a new episode at
			// the start of the period it names, even when that steps back or
			// is coarser.
			if head[m.s] != usedHead && m.typ == newsweave.DATE && m.ref.g > 0 && m.ref.y != xYear {
				st.ref, st.refAnchor = m.ref, m.anch
				usedHead = head[m.s]
			}
			i = m.e
			continue
		}
		if st.movesRef(m) {
			st.ref = m.ref
			st.refAnchor = m.anch
		}
		i = m.e
	}
	return st, out
}

// headingLines numbers the heading lines of a text (from 1; 0 for tokens
// outside one): a line of at most 20 tokens that does not end like a
// sentence, as the section titles of an encyclopedia article.
func headingLines(toks []tok) []int {
	head := make([]int, len(toks))
	n := 0
	for a := 0; a < len(toks); {
		b := a + 1
		for b < len(toks) && !toks[b].nl {
			b++
		}
		last := toks[b-1]
		end := last.kind == kPunct && strings.ContainsAny(last.s, ".!?:;,\"“”»«")
		if b-a <= 20 && !end && (toks[a].upper || toks[a].kind == kDigit) {
			n++
			for k := a; k < b; k++ {
				head[k] = n
			}
		}
		a = b
	}
	return head
}

// underspecified reports whether a value leaves parts open (X) or is a
// vague reference (PRESENT_REF …): what an unknown anchor may yield.
func underspecified(v string) bool {
	return strings.Contains(v, "X") || strings.HasSuffix(v, "_REF")
}

// movesRef decides whether a resolved date becomes the reference time for
// the expressions after it. Dates in parentheses (life spans, asides) never
// do. In narratives the reference follows the story line: a date that steps
// back in time moves it only when it opens a new episode, not when it is
// background — a clause in the past perfect ("der Putsch im Juli 1917
// hatte …") or the start of an interval ("seit 1939", "auf ab 1941
// ausgearbeiteten Plänen"; by its meaning the story's current time lies
// after such a date).
func (st *state) movesRef(m match) bool {
	if m.typ != newsweave.DATE || m.ref.g == 0 || m.ref.y == xYear || st.on("parens") && st.inParens(m.s) {
		return false
	}
	if st.on("coarser") && m.ref.g < st.ref.g && within(st.ref, m.ref) {
		return false // "im selben Jahr", "1944" again: keep the finer reference
	}
	if st.mode != Narrative || !earlier(m.ref, st.ref) {
		return true
	}
	if st.on("pastperfect") && st.pastPerfect(m.s) {
		return false
	}
	return !st.on("interval") || !st.is(m.s-1, "seit", "ab", "since")
}

// within reports whether a lies inside the coarser date b.
func within(a, b ymd) bool {
	return a.y == b.y && (b.g < 2 || a.m == b.m) && (b.g < 3 || a.d == b.d)
}

// earlier reports whether a lies before b at the coarser of their granularities.
func earlier(a, b ymd) bool {
	g := min(a.g, b.g)
	if a.y != b.y || g < 2 {
		return a.y < b.y
	}
	if a.m != b.m || g < 3 {
		return a.m < b.m
	}
	return a.d < b.d
}

// pastPerfect reports whether the clause around token i is in the past
// perfect ("hatte … gespielt", "had …"): it tells of something before the
// story's current time.
func (st *state) pastPerfect(i int) bool {
	sent := st.tk(i).sent
	for dir := -1; dir <= 1; dir += 2 {
		for k, n := i+dir, 0; n < 15; k, n = k+dir, n+1 {
			t := st.tk(k)
			if t == none || t.sent != sent || (t.kind == kPunct && (t.s == "," || t.s == ";" || t.s == ":")) {
				break
			}
			if st.lx.pastPerf[t.l] {
				return true
			}
		}
	}
	return false
}

// inParens reports whether token i stands inside parentheses; dates there
// (life spans, asides) do not move the narrative reference time.
func (st *state) inParens(i int) bool {
	sent := st.toks[i].sent
	for k := i - 1; k >= 0 && k > i-12 && st.toks[k].sent == sent; k-- {
		switch st.toks[k].s {
		case ")":
			return false
		case "(":
			return true
		}
	}
	return false
}

// ymd is a calendar date of granularity g (1 year, 2 month, 3 day).
// Years before Christ are negative (-490 is 490 BC); xYear is an unknown
// year (XXXX). g == 0 is an unknown date (the anchor of an undated text).
type ymd struct{ y, m, d, g int }

// xYear marks a year the text leaves open and no anchor supplies.
const xYear = math.MinInt32

func (p ymd) time() time.Time {
	m, d := p.m, p.d
	if m < 1 {
		m = 1
	}
	if d < 1 {
		d = 1
	}
	return time.Date(p.y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
}

func fromTime(t time.Time, g int) ymd {
	p := ymd{y: t.Year(), m: int(t.Month()), d: t.Day(), g: g}
	if g < 3 {
		p.d = 0
	}
	if g < 2 {
		p.m = 0
	}
	return p
}

func fmtYear(y int) string {
	if y == xYear {
		return "XXXX"
	}
	if y < 0 {
		return fmt.Sprintf("BC%04d", -y)
	}
	return fmt.Sprintf("%04d", y)
}

func (p ymd) String() string {
	switch {
	case p.g >= 3:
		return fmt.Sprintf("%s-%02d-%02d", fmtYear(p.y), p.m, p.d)
	case p.g == 2:
		return fmt.Sprintf("%s-%02d", fmtYear(p.y), p.m)
	default:
		return fmtYear(p.y)
	}
}

func weekValue(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// add moves p by n units (D, W, M, Y, DE, CE), keeping granularity g.
func add(p ymd, n int, unit string, g int) ymd {
	if p.y == xYear || p.g == 0 {
		return p
	}
	if p.y <= 0 { // no calendar arithmetic before Christ beyond years
		if unit == "Y" {
			return ymd{y: p.y + n, g: 1}
		}
		return p
	}
	t := p.time()
	switch unit {
	case "D":
		t = t.AddDate(0, 0, n)
	case "W":
		t = t.AddDate(0, 0, 7*n)
	case "M":
		t = time.Date(t.Year(), t.Month(), 1, 12, 0, 0, 0, time.UTC).AddDate(0, n, 0)
		if p.g >= 3 {
			t = t.AddDate(0, 0, p.d-1)
		}
	case "Y":
		t = t.AddDate(n, 0, 0)
	case "DE":
		t = t.AddDate(10*n, 0, 0)
	case "CE":
		t = t.AddDate(100*n, 0, 0)
	}
	if g > p.g {
		g = p.g
	}
	if g < 1 {
		g = 1
	}
	return fromTime(t, g)
}

// match is one recognised expression over tokens [s, e).
type match struct {
	s, e          int
	typ, val, mod string
	ref           ymd  // resolved date (g > 0) for narrative anchoring
	anch          bool // the value depends on the document anchor
}

type state struct {
	toks   []tok
	lx     *lexicon
	en     bool
	mode   Mode
	off    map[string]bool
	anchor ymd // g == 0: unknown
	known  bool
	ref    ymd
	// refAnchor: the reference time still is (or derives from) the anchor.
	refAnchor bool
	// consulted counts reads of the anchor (directly or through a reference
	// time derived from it); best() turns it into match.anch.
	consulted int
}

// anc reads the document anchor and records that the match depends on it.
func (st *state) anc() ymd {
	st.consulted++
	return st.anchor
}

// refd reads the reference time, recording an anchor dependence when the
// reference still derives from the anchor.
func (st *state) refd() ymd {
	if st.refAnchor {
		st.consulted++
	}
	return st.ref
}

var none = &tok{}

// on reports whether the named rule is switched on (see Switches).
func (st *state) on(rule string) bool { return !st.off[rule] }

// tk returns token i or an empty sentinel.
func (st *state) tk(i int) *tok {
	if i < 0 || i >= len(st.toks) {
		return none
	}
	return &st.toks[i]
}

func (st *state) is(i int, words ...string) bool {
	l := st.tk(i).l
	for _, w := range words {
		if l == w {
			return true
		}
	}
	return false
}

func (st *state) punct(i int, p string) bool {
	t := st.tk(i)
	return t.kind == kPunct && t.s == p
}

// hasPrefix reports whether token i starts with one of the prefixes.
func (st *state) hasPrefix(i int, pre ...string) bool {
	l := st.tk(i).l
	for _, p := range pre {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// rules are tried at every token; the longest match wins (earlier rule on ties).
var rules []func(*state, int) (match, bool)

func init() {
	rules = []func(*state, int) (match, bool){
		(*state).ruleNumericDate,
		(*state).ruleDayMonth,
		(*state).ruleMonth,
		(*state).ruleYear,
		(*state).ruleDecade,
		(*state).ruleCentury,
		(*state).ruleSeason,
		(*state).ruleMod,
		(*state).ruleTime,
		(*state).rulePartOfDay,
		(*state).ruleWeekday,
		(*state).ruleDayWord,
		(*state).ruleRelative,
		(*state).ruleUnitAfter,
		(*state).ruleAgo,
		(*state).ruleLater,
		(*state).ruleDuration,
		(*state).ruleSet,
		(*state).ruleRef,
		(*state).ruleHoliday,
	}
}

func (st *state) best(i int) (match, bool) {
	if !mayStart(st.tk(i)) {
		return match{}, false
	}
	var best match
	found := false
	c0 := st.consulted
	for _, r := range rules {
		c := st.consulted
		m, ok := r(st, i)
		if ok && m.e > m.s && (!found || m.e > best.e || (m.e == best.e && m.s < best.s)) {
			best, found = m, true
			best.anch = st.consulted > c
		}
	}
	// Only the winner's dependence counts for an enclosing rule.
	st.consulted = c0
	if found && best.anch {
		st.consulted++
	}
	return best, found
}

// future reports whether the clause around token i carries a future marker.
func (st *state) future(i int) bool {
	sent := st.tk(i).sent
	for dir := -1; dir <= 1; dir += 2 {
		for k, n := i+dir, 0; n < 10; k, n = k+dir, n+1 {
			t := st.tk(k)
			if t == none || t.sent != sent || (t.kind == kPunct && (t.s == "," || t.s == ";" || t.s == ":")) {
				break
			}
			if st.lx.future[t.l] {
				return true
			}
		}
	}
	return false
}

// yearless resolves a month (and day, 0 = none) without a year.
func (st *state) yearless(i, m, d int) int {
	if st.mode == Narrative && st.ref.g >= 1 {
		st.refd()
		// The year of the reference time (HeidelTime's narrative strategy);
		// a story moves forward, so a month before the reference month
		// belongs to the next year when it is introduced as "im folgenden
		// März" or lies at most three months ahead across the turn of the
		// year ("13. Dezember 1919 … bis Anfang Januar" is January 1920; "im
		// Mai" after September stays) — unless the clause looks back (past
		// perfect).
		r := st.ref
		if r.g >= 2 && m < r.m && !(st.on("pastperfect") && st.pastPerfect(i)) &&
			(st.on("following") && st.hasPrefix(i-1, "folgend", "darauffolgend", "nächst", "kommend", "following", "next") ||
				st.on("rollover") && m+12-r.m <= 3) {
			return r.y + 1
		}
		return r.y
	}
	a := st.anc()
	if a.g == 0 {
		return xYear
	}
	y := a.y
	after := m > a.m || (m == a.m && d > a.d)
	before := m < a.m || (m == a.m && d > 0 && d < a.d)
	if st.future(i) {
		if before {
			y++
		}
	} else if after {
		y--
	}
	return y
}

// base is the date relative expressions count from.
func (st *state) base() ymd {
	if st.mode == Narrative {
		return st.refd()
	}
	return st.anc()
}

// baseYear is the base year moved by n, or xYear when it is unknown.
func (st *state) baseYear(n int) int {
	if b := st.base(); b.g > 0 {
		return b.y + n
	}
	return xYear
}

// number reads a count at i: digits or a number word; vague words give -1.
// It returns the count and the number of tokens used.
func (st *state) number(i int) (int, int) {
	t := st.tk(i)
	if t.kind == kDigit && t.nd <= 4 {
		// "1.500" or "2,5" are not counts of calendar units here
		if st.punct(i+1, ",") && st.tk(i+2).kind == kDigit && !st.tk(i+2).sp {
			return 0, 0
		}
		return t.n, 1
	}
	if t.kind != kWord {
		return 0, 0
	}
	if st.en && t.l == "a" && st.is(i+1, "few", "couple") {
		if t2 := st.tk(i + 2); t2.l == "of" {
			return -1, 3
		}
		if st.is(i+1, "couple") {
			return 2, 2
		}
		return -1, 2
	}
	if n, ok := st.lx.nums[t.l]; ok {
		return n, 1
	}
	return 0, 0
}

// weakCtx are year contexts that also precede counts ("und 1370 Boote").
var weakCtx = map[string]bool{"und": true, "oder": true, "bzw": true, "–": true, "-": true, "/": true, "(": true, "and": true, "or": true, ",": true}

// yearAt reads a year at i: four digits (1000–2199) or any 1–4 digit
// number followed by a BC/AD marker. It returns the year and tokens used.
func (st *state) yearAt(i int) (int, int) {
	t := st.tk(i)
	if t.kind != kDigit || t.nd > 4 {
		return 0, 0
	}
	if st.punct(i+1, ".") && st.tk(i+2).kind == kDigit && !st.tk(i+2).sp {
		return 0, 0
	}
	if n := st.bcAt(i + 1); n > 0 {
		return -t.n, 1 + n
	}
	// "449/448 v. Chr.": the era marker after the second year covers both
	if st.punct(i+1, "/") && st.tk(i+2).kind == kDigit && st.tk(i+2).nd <= 4 && st.bcAt(i+3) > 0 {
		return -t.n, 1
	}
	if n := st.adAt(i + 1); n > 0 {
		return t.n, 1 + n
	}
	if t.nd == 4 && t.n >= 1000 && t.n <= 2199 {
		return t.n, 1
	}
	return 0, 0
}

// bcAt returns the length of a "v. Chr." / "BC" marker at i.
func (st *state) bcAt(i int) int {
	for _, seq := range st.lx.bc {
		ok := true
		for k, w := range seq {
			if st.tk(i+k).l != w {
				ok = false
				break
			}
		}
		if ok {
			return len(seq)
		}
	}
	return 0
}

func (st *state) adAt(i int) int {
	if st.en {
		if st.is(i, "ad", "ce") {
			return 1
		}
		return 0
	}
	if st.is(i, "n") && st.punct(i+1, ".") && st.is(i+2, "chr") {
		if st.punct(i+3, ".") {
			return 4
		}
		return 3
	}
	return 0
}

// monthAt reads a month name at i (abbreviations only when allowAbbr),
// returning the month and tokens used (an abbreviation may take its dot).
func (st *state) monthAt(i int, allowAbbr bool) (int, int) {
	t := st.tk(i)
	if t.kind != kWord {
		return 0, 0
	}
	if m, ok := st.lx.months[t.l]; ok {
		if st.en && t.l == "may" && !t.upper {
			return 0, 0
		}
		if st.en && t.l == "march" && !t.upper {
			return 0, 0
		}
		return m, 1
	}
	if allowAbbr {
		if m, ok := st.lx.monAbbr[t.l]; ok {
			if st.punct(i+1, ".") {
				return m, 2
			}
			return m, 1
		}
	}
	return 0, 0
}

// dayAt reads a day of month at i: "9." in German, "9", "9th" in English.
func (st *state) dayAt(i int) (int, int) {
	t := st.tk(i)
	if t.kind != kDigit || t.nd > 2 || t.n < 1 || t.n > 31 {
		return 0, 0
	}
	if st.en {
		if st.is(i+1, "st", "nd", "rd", "th") && !st.tk(i+1).sp {
			if st.is(i+2, "of") {
				return t.n, 3
			}
			return t.n, 2
		}
		return t.n, 1
	}
	if st.punct(i+1, ".") {
		return t.n, 2
	}
	return 0, 0
}

// yearAfter reads an optional year after a month: "Mai 1945", "May 9, 2015",
// "April des Jahres 1971", "Mai des Jahres" (the reference year).
func (st *state) yearAfter(i int) (y, n int, ok bool) {
	j := i
	if st.en && st.punct(j, ",") {
		j++
	}
	if yy, k := st.yearAt(j); k > 0 {
		return yy, j + k - i, true
	}
	if !st.en && st.on("ofyear") {
		// "März des folgenden Jahres", "Mai desselben Jahres", "Juni des Folgejahres"
		k, dir := j, 0
		switch {
		case st.is(k, "desselben", "jenes", "dieses"):
			k++
		case st.is(k, "des") && st.is(k+1, "selben", "gleichen", "darauffolgenden", "folgenden", "nächsten", "vorangegangenen", "vorigen", "vergangenen"):
			dir, _ = st.relDir(k + 1)
			k += 2
		case st.is(k, "des") && st.is(k+1, "folgejahres", "vorjahres", "vorjahrs"):
			dir = compoundRel[st.tk(k+1).l].n
			return st.baseYear(dir), k + 2 - i, true
		}
		if k > j && st.is(k, "jahres", "jahrs") {
			return st.baseYear(dir), k + 1 - i, true
		}
	}
	if !st.en && st.is(j, "des") && st.is(j+1, "jahres") {
		if yy, k := st.yearAt(j + 2); k > 0 {
			return yy, j + 2 + k - i, true
		}
		return st.baseYear(0), j + 2 - i, true
	}
	if st.en && st.is(j, "of") && st.is(j+1, "that", "the", "this") && st.is(j+2, "year") {
		return st.baseYear(0), j + 3 - i, true
	}
	return 0, 0, false
}

// lookaheadYear finds the year of an enumeration "Mai/Juni 1940",
// "1. und 2. Mai 1945" that starts at i.
func (st *state) lookaheadYear(i int) (int, bool) {
	if !st.on("lookahead") {
		return 0, false
	}
	for k := i; k < i+8; k++ {
		t := st.tk(k)
		if t == none {
			return 0, false
		}
		if _, n := st.monthAt(k, true); n > 0 {
			if y, n2 := st.yearAt(k + n); n2 > 0 {
				return y, true
			}
			continue
		}
		if t.kind == kDigit && t.nd <= 2 || t.l == "." || t.l == "/" || t.l == "–" || t.l == "-" ||
			t.l == "und" || t.l == "bis" || t.l == "and" || t.l == "to" || t.l == "," || t.l == "oder" || t.l == "or" {
			continue
		}
		return 0, false
	}
	return 0, false
}

func dateMatch(s, e int, p ymd) match {
	m := match{s: s, e: e, typ: newsweave.DATE, val: p.String(), ref: p}
	if p.y == xYear {
		m.ref = ymd{}
	}
	return m
}

// ruleNumericDate: 1.9.39, 01.09.1939, 2015-05-09, 9.5.2015.
func (st *state) ruleNumericDate(i int) (match, bool) {
	t := st.tk(i)
	if t.kind != kDigit {
		return match{}, false
	}
	// ISO 8601
	if t.nd == 4 && st.punct(i+1, "-") && st.tk(i+2).nd == 2 && st.punct(i+3, "-") && st.tk(i+4).nd == 2 &&
		!st.tk(i+1).sp && !st.tk(i+3).sp {
		m, d := st.tk(i+2).n, st.tk(i+4).n
		if validDate(t.n, m, d) {
			return dateMatch(i, i+5, ymd{t.n, m, d, 3}), true
		}
	}
	if st.en || t.nd > 2 || !st.punct(i+1, ".") || st.tk(i+2).kind != kDigit || st.tk(i+2).nd > 2 ||
		!st.punct(i+3, ".") || st.tk(i+4).kind != kDigit || st.tk(i+1).sp || st.tk(i+3).sp {
		return match{}, false
	}
	d, m, yt := t.n, st.tk(i+2).n, st.tk(i+4)
	y := yt.n
	switch yt.nd {
	case 4:
	case 2:
		b := st.base()
		if b.g == 0 {
			// century unknown without an anchor
			if !validDate(2000+y, m, d) {
				return match{}, false
			}
			return match{s: i, e: i + 5, typ: newsweave.DATE, val: fmt.Sprintf("XX%02d-%02d-%02d", y, m, d)}, true
		}
		y += b.y / 100 * 100
		if y > b.y+20 {
			y -= 100
		}
	default:
		return match{}, false
	}
	if !validDate(y, m, d) {
		return match{}, false
	}
	return dateMatch(i, i+5, ymd{y, m, d, 3}), true
}

func validDate(y, m, d int) bool {
	if y == xYear {
		y = 2000 // a leap year: 29 February may be meant
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// ruleDayMonth: "9. Mai 2015", "am 9. Mai", "9 May 2015", "May 9, 2015", "9th of May".
func (st *state) ruleDayMonth(i int) (match, bool) {
	var d, m, n, j int
	if d, n = st.dayAt(i); n > 0 {
		j = i + n
		if m, n = st.monthAt(j, true); n == 0 {
			if st.en {
				return match{}, false
			}
			// "zwischen dem 15. und 21. Mai", "vom 1. bis zum 3. Juli 1863", "in der
			// Nacht vom 5. zum 6. Januar": the month (and year) come with the second
			// day; TIMEX2 tags each end of the range on its own.
			if k := st.rangeLink(j); k > j && st.on("dayrange") {
				if _, n2 := st.dayAt(k); n2 > 0 {
					if m2, n3 := st.monthAt(k+n2, true); n3 > 0 {
						p := ymd{m: m2, d: d, g: 3}
						if y, _, ok := st.yearAfter(k + n2 + n3); ok {
							p.y = y
						} else {
							p.y = st.yearless(i, m2, d)
						}
						if validDate(p.y, m2, d) {
							return dateMatch(i, j, p), true
						}
					}
					return match{}, false
				}
			}
			return st.bareDay(i, d, j)
		}
		j += n
	} else if st.en {
		if m, n = st.monthAt(i, true); n == 0 {
			return match{}, false
		}
		j = i + n
		if d, n = st.dayAt(j); n == 0 || (st.punct(j+n, ":")) {
			return match{}, false
		}
		j += n
	} else {
		return match{}, false
	}
	p := ymd{m: m, d: d, g: 3}
	if y, k, ok := st.yearAfter(j); ok {
		p.y = y
		j += k
	} else if y, ok := st.lookaheadYear(j); ok {
		p.y = y
	} else {
		p.y = st.yearless(i, m, d)
	}
	if (p.y > 0 || p.y == xYear) && !validDate(p.y, m, d) {
		return match{}, false
	}
	return dateMatch(i, j, p), true
}

// rangeLink skips the link between the two days of a German range at j
// ("und", "bis zum", "– ", "auf den", "zum") and returns where the second
// day starts, or j when there is no link.
func (st *state) rangeLink(j int) int {
	k := j
	switch {
	case st.is(k, "und", "bis", "oder", "zum", "auf"), st.punct(k, "–"), st.punct(k, "-"), st.punct(k, "/"):
		k++
	default:
		return j
	}
	if st.is(k, "zum", "den", "dem") {
		k++
	}
	return k
}

// bareDay: "am 24." without a month in a narrative is that day of the
// reference month ("am 23. August …, am 24. die rumänische Armee …").
// The day must be introduced by "am" and not be an ordinal of a noun
// ("am 2. Weihnachtstag", "am 3. Tag").
func (st *state) bareDay(i, d, e int) (match, bool) {
	if st.mode != Narrative || !st.on("bareday") || !st.is(i-1, "am") || st.ref.g < 2 || st.ref.y <= 0 {
		return match{}, false
	}
	next := st.tk(e)
	if next == none || next.sent != st.tk(i).sent || next.kind == kDigit || (next.kind == kWord && next.upper) {
		return match{}, false
	}
	r := st.refd()
	if d == r.d && r.g >= 3 || !validDate(r.y, r.m, d) {
		return match{}, false
	}
	return dateMatch(i, e, ymd{r.y, r.m, d, 3}), true
}

// ruleMonth: "Mai 1945", "im November", "March 2013", "Jänner".
func (st *state) ruleMonth(i int) (match, bool) {
	m, n := st.monthAt(i, true)
	if n == 0 {
		return match{}, false
	}
	t := st.tk(i)
	_, full := st.lx.months[t.l]
	j := i + n
	p := ymd{m: m, g: 2}
	if y, k, ok := st.yearAfter(j); ok {
		p.y = y
		j += k
	} else {
		if !full || !t.upper {
			return match{}, false
		}
		if st.en && t.l == "may" && !st.is(i-1, "in", "since", "until", "by", "early", "mid", "late", "of", "during", "last", "next", "this", "-") {
			return match{}, false
		}
		if y, ok := st.lookaheadYear(j); ok {
			p.y = y
		} else {
			p.y = st.yearless(i, m, 0)
		}
	}
	return dateMatch(i, j, p), true
}

// ruleYear: "1939", "Jahr 1939", "490 v. Chr.", "2011 n. Chr.", "the year 2011".
func (st *state) ruleYear(i int) (match, bool) {
	s := i
	j := i
	if (!st.en && st.is(i, "jahr", "jahre", "jahres")) || (st.en && st.is(i, "year")) {
		j++
	}
	y, n := st.yearAt(j)
	if n == 0 && j > i && st.tk(j).kind == kDigit && st.tk(j).nd <= 4 && !st.punct(j+1, ".") {
		y, n = st.tk(j).n, 1
	}
	if n == 0 {
		// "Winter 1918/19": two digits right after "YYYY/" are the next year
		if t := st.tk(i); st.on("slashyear") && j == i && t.kind == kDigit && t.nd == 2 && !t.sp && st.punct(i-1, "/") &&
			!st.tk(i-1).sp && st.tk(i-2).kind == kDigit && st.tk(i-2).nd == 4 && !st.punct(i+1, ".") {
			prev := st.tk(i - 2).n
			y := prev/100*100 + t.n
			if y <= prev {
				y += 100
			}
			if y-prev <= 10 {
				return dateMatch(i, i+1, ymd{y: y, g: 1}), true
			}
		}
		return match{}, false
	}
	t := st.tk(j)
	next := st.tk(j + n)
	if next.l == "er" && !next.sp || next.l == "s" && !next.sp { // decades
		return match{}, false
	}
	if n == 1 && j == i {
		prev := st.tk(i - 1)
		if st.punct(i-1, ".") && !t.sp || st.punct(i-1, ",") && !t.sp {
			return match{}, false
		}
		if quantityNext[next.l] || st.lx.yearNeg[prev.l] {
			return match{}, false
		}
		if next.kind == kPunct && (next.s == "%" || next.s == "€" || next.s == "$") {
			return match{}, false
		}
		_, prevMonth := st.lx.months[prev.l]
		if !st.lx.yearCtx[prev.l] && !prevMonth && next.kind == kWord && next.upper && next.sent == t.sent && !st.en {
			return match{}, false
		}
		if weakCtx[prev.l] && next.kind == kWord && next.upper && next.sent == t.sent {
			return match{}, false // "und 1370 Landungsboote"
		}
	}
	if y > 0 && y < 1000 && st.mode == Narrative && st.on("bcnarrative") && st.ref.y < 0 && st.adAt(j+1) == 0 {
		y = -y // "Jahr 478" in a narrative before Christ
	}
	return dateMatch(s, j+n, ymd{y: y, g: 1}), true
}

var decadeWords = map[string]int{
	"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7,
	"achtziger": 8, "neunziger": 9, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
	"sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}

// ruleDecade: "1990er Jahre", "den 1930er-Jahren", "zwanziger Jahren", "the 1990s", "460er Jahre v. Chr.".
func (st *state) ruleDecade(i int) (match, bool) {
	s := i
	if st.is(i, "den", "die", "der", "the") {
		i++
	}
	t := st.tk(i)
	var dec string
	j := i
	if t.kind == kDigit && (t.nd == 4 || t.nd == 3 || t.nd == 2) && t.n%10 == 0 && (st.is(i+1, "er", "s") && !st.tk(i+1).sp) {
		v := t.n
		if t.nd == 2 {
			if a := st.anc(); a.g > 0 {
				v = a.y/100*100 + t.n
			} else {
				v = -1 // century unknown
			}
		}
		j = i + 2
		if st.punct(j, "-") && st.is(j+1, "jahre", "jahren", "jahr") {
			j += 2
		} else if st.is(j, "jahre", "jahren", "jahr", "jahrs") {
			j++
		}
		if n := st.bcAt(j); n > 0 || (st.mode == Narrative && st.on("bcnarrative") && st.ref.g > 0 && st.ref.y < 0 && t.nd <= 3 && st.adAt(j) == 0) {
			j += n // "Anfang der 460er Jahre" in a narrative before Christ, as for years
			dec = "BC" + fmt.Sprintf("%03d", v/10)
		} else if v < 0 {
			dec = fmt.Sprintf("XX%d", t.n/10)
		} else {
			dec = fmt.Sprintf("%03d", v/10)
		}
	} else if d, ok := decadeWords[t.l]; ok {
		j = i + 1
		if !st.en {
			if !st.is(j, "jahre", "jahren") {
				return match{}, false
			}
			j++
		}
		c := st.base()
		if st.mode == Narrative && c.y <= 0 {
			c = st.anc()
		}
		if c.g > 0 {
			dec = fmt.Sprintf("%02d%d", c.y/100, d)
		} else {
			dec = fmt.Sprintf("XX%d", d)
		}
	} else {
		return match{}, false
	}
	if s < i && st.en {
		s = i
	}
	return match{s: s, e: j, typ: newsweave.DATE, val: dec}, true
}

// ruleCentury: "20. Jahrhunderts", "4. Jh. v. Chr.", "the 20th century".
func (st *state) ruleCentury(i int) (match, bool) {
	t := st.tk(i)
	if t.kind != kDigit || t.nd > 2 || t.n < 1 {
		return match{}, false
	}
	j := i + 1
	if st.en {
		if !st.is(j, "st", "nd", "rd", "th") {
			return match{}, false
		}
		j++
		if !st.is(j, "century") {
			return match{}, false
		}
		j++
	} else {
		if !st.punct(j, ".") {
			return match{}, false
		}
		j++
		switch {
		case st.hasPrefix(j, "jahrhundert") && st.lx.units[st.tk(j).l] == "CE":
			j++
		case st.is(j, "jh", "jhd", "jhdt"):
			j++
			if st.punct(j, ".") {
				j++
			}
		default:
			return match{}, false
		}
	}
	val := fmt.Sprintf("%02d", t.n-1)
	if n := st.bcAt(j); n > 0 {
		j += n
		val = "BC" + val
	}
	return match{s: i, e: j, typ: newsweave.DATE, val: val}, true
}

var seasonMonth = map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}

// seasonWord reads a season at i, with a modifier for "Spätsommer" etc.
func (st *state) seasonWord(i int) (season, mod string) {
	l := st.tk(i).l
	if s, ok := st.lx.seasons[l]; ok {
		return s, ""
	}
	if !strings.HasPrefix(l, "spät") && !strings.HasPrefix(l, "früh") && !strings.HasPrefix(l, "hoch") {
		return "", ""
	}
	for pre, mod := range map[string]string{"spät": "END", "früh": "START", "hoch": "MID"} {
		if strings.HasPrefix(l, pre) {
			if s, ok := st.lx.seasons[l[len(pre):]]; ok && l != "frühjahr" && l != "frühjahrs" && l != "frühling" && l != "frühlings" {
				return s, mod
			}
		}
	}
	return "", ""
}

// seasonListYear reads the year of an enumeration of seasons that continues
// at i: "(Spätsommer) und Herbst 1940", "(Frühjahr) bis Sommer 1862".
func (st *state) seasonListYear(i int) (int, bool) {
	if !st.is(i, "und", "bis", "oder", "and", "to", "or") && !st.punct(i, "/") && !st.punct(i, "-") && !st.punct(i, "–") {
		return 0, false
	}
	if se, _ := st.seasonWord(i + 1); se == "" {
		return 0, false
	}
	if y, n := st.yearAt(i + 2); n > 0 {
		return y, true
	}
	return 0, false
}

// ruleSeason: "Sommer 1971", "Frühjahr", "Herbst des Jahres 1972", "summer of 2015".
func (st *state) ruleSeason(i int) (match, bool) {
	se, mod := st.seasonWord(i)
	if se == "" {
		return match{}, false
	}
	if st.en && !st.tk(i).upper && !st.is(i-1, "in", "the", "this", "last", "next", "early", "late", "mid", "of", "during") {
		return match{}, false
	}
	j := i + 1
	var y int
	if st.en && st.is(j, "of") {
		if yy, n := st.yearAt(j + 1); n > 0 {
			y, j = yy, j+1+n
		}
	}
	if y == 0 {
		if yy, n, ok := st.yearAfter(j); ok {
			y, j = yy, j+n
		} else if !st.en && st.is(j, "des") && st.hasPrefix(j+1, "nächst", "folgend") && st.is(j+2, "jahres") {
			y, j = st.baseYear(1), j+3
		} else if yy, ok := st.seasonListYear(j); ok && st.on("seasonlist") {
			y = yy // "im Spätsommer und Herbst 1940"
		} else if st.mode == Narrative {
			y = st.baseYear(0)
			// as for months: "im folgenden Frühjahr" after "Herbst 1861" is
			// the next year's
			r := st.ref
			if y != xYear && st.on("following") && !(st.on("pastperfect") && st.pastPerfect(i)) && st.hasPrefix(i-1, "folgend", "darauffolgend", "nächst", "kommend") &&
				(r.g < 2 || seasonMonth[se] <= r.m) {
				y++
			}
		} else if a := st.anc(); a.g == 0 {
			y = xYear
		} else {
			y = a.y
			sm := seasonMonth[se]
			if st.future(i) {
				if sm+2 < a.m {
					y++
				}
			} else if sm > a.m {
				y--
			}
		}
	}
	p := ymd{y: y, g: 1}
	if y == xYear {
		p = ymd{}
	}
	return match{s: i, e: j, typ: newsweave.DATE, val: fmtYear(y) + "-" + se, mod: mod, ref: p}, true
}

// ruleMod: "Anfang Jänner", "Mitte März 1865", "Ende des Jahres", "gegen Ende 1967",
// "Jahresende", "early January", "mid-2014", "late 2014", "the end of the year".
func (st *state) ruleMod(i int) (match, bool) {
	s, j := i, i
	var mod string
	if st.en {
		if st.is(j, "the") && st.is(j+1, "end", "beginning", "start", "middle") && st.is(j+2, "of") {
			mod = map[string]string{"end": "END", "beginning": "START", "start": "START", "middle": "MID"}[st.tk(j+1).l]
			j += 3
			if st.is(j, "the", "this") && st.is(j+1, "year", "month", "week") {
				return st.modUnit(s, j+2, st.tk(j+1).l, mod)
			}
		} else if m, ok := st.lx.mods[st.tk(j).l]; ok && (m == "START" || m == "MID" || m == "END") {
			mod = m
			j++
			if st.punct(j, "-") {
				j++
			}
		} else {
			return match{}, false
		}
	} else {
		l := st.tk(j).l
		switch l {
		case "jahreswechsel", "jahreswende":
			if !st.on("turnofyear") {
				return match{}, false
			}
			return st.turnOfYear(s, j)
		case "jahresende", "jahresanfang", "jahresbeginn", "jahresmitte", "monatsende", "monatsanfang", "monatsbeginn", "monatsmitte":
			mod = map[string]string{"ende": "END", "anfang": "START", "beginn": "START", "mitte": "MID"}[strings.TrimPrefix(strings.TrimPrefix(l, "jahres"), "monats")]
			unit := "jahr"
			if strings.HasPrefix(l, "monats") {
				unit = "monat"
			}
			if y, n := st.yearAt(j + 1); n > 0 && unit == "jahr" {
				return match{s: s, e: j + 1 + n, typ: newsweave.DATE, val: fmtYear(y), mod: mod, ref: ymd{y: y, g: 1}}, true
			}
			return st.modUnit(s, j+1, unit, mod)
		}
		if st.is(j, "um", "etwa", "gegen", "circa", "ca") && !st.is(j+1, "anfang", "beginn", "mitte", "ende") {
			k := j + 1
			if st.punct(k, ".") {
				k++
			}
			if st.is(k, "das") && st.is(k+1, "jahr") {
				k++
			}
			if m, ok := st.best(k); ok && m.s == k && (m.typ == newsweave.DATE || m.typ == newsweave.TIME && !strings.Contains(m.val, ":")) && !strings.HasSuffix(m.val, "_REF") {
				m.s = s
				if m.mod == "" {
					m.mod = "APPROX"
				}
				return m, true
			}
			return match{}, false
		}
		if st.is(j, "laufe") && st.is(j+1, "des", "der") {
			if m, ok := st.best(j + 2); ok && m.s == j+2 && m.typ == newsweave.DATE {
				m.s = s
				return m, true
			}
			if st.is(j+2, "jahres", "tages", "monats") {
				unit := map[string]string{"jahres": "jahr", "monats": "monat", "tages": "tag"}[st.tk(j+2).l]
				return st.modUnit(s, j+3, unit, "")
			}
			return match{}, false
		}
		if st.is(j, "gegen", "zu") && st.is(j+1, "anfang", "beginn", "mitte", "ende") {
			if st.is(j, "zu") {
				s++
			}
			j++
		}
		m, ok := st.lx.mods[st.tk(j).l]
		if !ok || (m != "START" && m != "MID" && m != "END") {
			return match{}, false
		}
		mod = m
		j++
		if st.is(j, "des", "der") {
			if st.is(j+1, "jahres", "monats", "woche") {
				unit := map[string]string{"jahres": "jahr", "monats": "monat", "woche": "woche"}[st.tk(j+1).l]
				if y, n := st.yearAt(j + 2); n > 0 && unit == "jahr" {
					return match{s: s, e: j + 2 + n, typ: newsweave.DATE, val: fmtYear(y), mod: mod, ref: ymd{y: y, g: 1}}, true
				}
				return st.modUnit(s, j+2, unit, mod)
			}
			j++
		}
	}
	// the modified expression: month, year, season, decade, century, relative unit
	if m, ok := st.best(j); ok && m.s == j && m.typ == newsweave.DATE {
		if m.mod == "" {
			m.mod = mod
		}
		m.s = s
		return m, true
	}
	return match{}, false
}

// turnOfYear: "zum Jahreswechsel" is 1 January of the year after the
// reference year ("Jahreswechsel 1918" of the year after 1918); the nearer
// turn wins, so a reference early in a year (January–March) means the turn
// just passed.
func (st *state) turnOfYear(s, j int) (match, bool) {
	e := j + 1
	var y int
	if yy, n := st.yearAt(e); n > 0 && yy > 0 {
		y, e = yy+1, e+n
		if st.punct(e, "/") && st.tk(e+1).kind == kDigit && !st.tk(e).sp && !st.tk(e+1).sp {
			return match{}, false // let the years be tagged on their own
		}
	} else {
		b := st.base()
		if b.g == 0 {
			return match{s: s, e: e, typ: newsweave.DATE, val: "XXXX-01-01"}, true
		}
		if b.y <= 0 {
			return match{}, false
		}
		y = b.y + 1
		if b.g >= 2 && b.m <= 3 {
			y = b.y
		}
	}
	return dateMatch(s, e, ymd{y, 1, 1, 3}), true
}

// modUnit resolves "Ende des Jahres" / "the end of the month" against the base date.
func (st *state) modUnit(s, e int, unit, mod string) (match, bool) {
	b := st.base()
	if b.g == 0 {
		v := map[string]string{"jahr": "XXXX", "year": "XXXX", "monat": "XXXX-XX", "month": "XXXX-XX", "tag": "XXXX-XX-XX", "day": "XXXX-XX-XX"}[unit]
		if v == "" {
			v = "XXXX-WXX"
		}
		return match{s: s, e: e, typ: newsweave.DATE, val: v, mod: mod}, true
	}
	switch unit {
	case "jahr", "year":
		p := ymd{y: b.y, g: 1}
		return match{s: s, e: e, typ: newsweave.DATE, val: p.String(), mod: mod, ref: p}, true
	case "monat", "month":
		if b.g < 2 {
			return match{}, false
		}
		p := ymd{y: b.y, m: b.m, g: 2}
		return match{s: s, e: e, typ: newsweave.DATE, val: p.String(), mod: mod, ref: p}, true
	case "tag", "day":
		if b.g < 3 {
			return match{}, false
		}
		return match{s: s, e: e, typ: newsweave.DATE, val: b.String(), mod: mod, ref: b}, true
	default:
		if b.g < 3 {
			return match{}, false
		}
		return match{s: s, e: e, typ: newsweave.DATE, val: weekValue(b.time()), mod: mod}, true
	}
}

// clock reads "4:45", "4 Uhr 45", "23:01 Uhr", "7 Uhr", "10 a.m." at i.
func (st *state) clock(i int) (h, min, n int) {
	t := st.tk(i)
	if t.kind != kDigit || t.nd > 2 || t.n > 24 {
		return 0, 0, 0
	}
	h, j := t.n, i+1
	hasMin := false
	if (st.punct(j, ":") || (!st.en && st.punct(j, ".") && st.is(j+2, "uhr"))) && st.tk(j+1).nd == 2 && !st.tk(j).sp && !st.tk(j+1).sp && st.tk(j+1).n < 60 {
		min, j, hasMin = st.tk(j+1).n, j+2, true
	}
	if !st.en {
		if st.is(j, "uhr") {
			j++
			if !hasMin && st.tk(j).kind == kDigit && st.tk(j).nd == 2 && st.tk(j).n < 60 {
				min, j = st.tk(j).n, j+1
			}
			return h, min, j - i
		}
		if hasMin && st.tk(i-1).l != "," && !st.punct(j, ":") {
			return h, min, j - i
		}
		return 0, 0, 0
	}
	// English: 10 a.m., 10am, 10:30 pm, 10:30
	switch {
	case st.is(j, "am", "pm"):
		if st.tk(j).l == "pm" && h < 12 {
			h += 12
		}
		return h, min, j + 1 - i
	case st.is(j, "a", "p") && st.punct(j+1, ".") && st.is(j+2, "m"):
		if st.tk(j).l == "p" && h < 12 {
			h += 12
		}
		k := j + 3
		if st.punct(k, ".") {
			k++
		}
		return h, min, k - i
	case hasMin && !st.punct(j, ":"):
		return h, min, j - i
	}
	return 0, 0, 0
}

// ruleTime: clock times anchored to the reference day; "Mitternacht", "midnight".
func (st *state) ruleTime(i int) (match, bool) {
	mid := st.is(i, "mitternacht", "midnight")
	h, mi, n := 24, 0, 1
	if !mid {
		if h, mi, n = st.clock(i); n == 0 {
			return match{}, false
		}
	}
	b := st.refd()
	if b.g < 3 {
		b = st.anc()
	}
	day := b.String()
	if b.g == 0 {
		day = "XXXX-XX-XX"
	}
	return match{s: i, e: i + n, typ: newsweave.TIME, val: fmt.Sprintf("%sT%02d:%02d", day, h, mi)}, true
}

var partOfDay = map[string]string{
	"morgen": "MO", "morgens": "MO", "morgenstunden": "MO", "vormittag": "MO", "vormittags": "MO",
	"mittag": "MI", "mittags": "MI", "nachmittag": "AF", "nachmittags": "AF", "abend": "EV",
	"abends": "EV", "nacht": "NI", "nachts": "NI", "morning": "MO", "afternoon": "AF",
	"evening": "EV", "night": "NI", "noon": "MI",
}

func hasDaySuffix(l string) bool {
	for _, s := range []string{"morgen", "mittag", "abend", "nacht"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

// rulePartOfDay: "Morgen des 7. Mai", "Nacht vom 8. Mai", "Freitagabend", "Friday night", "heute Morgen".
func (st *state) rulePartOfDay(i int) (match, bool) {
	l := st.tk(i).l
	// compounds Freitagabend, Sonntagmorgen
	if !st.en && len(l) > 8 && hasDaySuffix(l) {
		for wd := range st.lx.weekdays {
			if strings.HasPrefix(l, wd) && len(l) > len(wd) {
				if pd, ok := partOfDay[l[len(wd):]]; ok {
					p, v := st.weekdayDate(i, st.lx.weekdays[wd])
					return match{s: i, e: i + 1, typ: newsweave.TIME, val: v + "T" + pd, ref: p}, true
				}
			}
		}
	}
	if st.is(i, "heute", "today", "gestern", "yesterday") && st.tk(i+1).l != "" {
		if pd, ok := partOfDay[st.tk(i+1).l]; ok {
			p := st.anc()
			if p.g == 0 {
				return match{s: i, e: i + 2, typ: newsweave.TIME, val: "XXXX-XX-XXT" + pd}, true
			}
			if st.is(i, "gestern", "yesterday") {
				p = add(p, -1, "D", 3)
			}
			return match{s: i, e: i + 2, typ: newsweave.TIME, val: p.String() + "T" + pd, ref: p}, true
		}
	}
	if st.en {
		if wd, ok := st.lx.weekdays[l]; ok && st.tk(i).upper {
			if pd, ok := partOfDay[st.tk(i+1).l]; ok {
				p, v := st.weekdayDate(i, wd)
				return match{s: i, e: i + 2, typ: newsweave.TIME, val: v + "T" + pd, ref: p}, true
			}
		}
		return match{}, false
	}
	s := i
	if st.hasPrefix(i, "früh", "spät") && st.is(i+1, "morgen", "abend", "nachmittag", "vormittag", "morgenstunden") {
		i++
	}
	pd, ok := partOfDay[st.tk(i).l]
	if !ok || !st.tk(i).upper || !st.is(i+1, "des", "vom", "zum", "am") {
		return match{}, false
	}
	m, ok := st.ruleDayMonth(i + 2)
	if !ok {
		// "Nacht vom 8." without a month: day of the reference month
		if d, n := st.dayAt(i + 2); n > 0 && st.on("bareday") && st.ref.g >= 2 && validDate(st.ref.y, st.ref.m, d) {
			st.refd()
			p := ymd{st.ref.y, st.ref.m, d, 3}
			return match{s: s, e: i + 2 + n, typ: newsweave.TIME, val: p.String() + "T" + pd, ref: p}, true
		}
		return match{}, false
	}
	return match{s: s, e: m.e, typ: newsweave.TIME, val: m.val + "T" + pd, ref: m.ref}, true
}

// weekdayDate resolves a weekday: the latest such day on or before the base
// date, or the next one after it when the clause speaks of the future. It
// returns the date and its value (XXXX-WXX-5 when there is no anchor).
func (st *state) weekdayDate(i, wd int) (ymd, string) {
	p := st.weekdayDay(i, wd)
	if p.g == 0 {
		return p, fmt.Sprintf("XXXX-WXX-%d", wd)
	}
	return p, p.String()
}

func (st *state) weekdayDay(i, wd int) ymd {
	b := st.base()
	if b.g < 3 {
		b = st.anc()
	}
	if b.g == 0 {
		return b
	}
	t := b.time()
	cur := int(t.Weekday())
	if cur == 0 {
		cur = 7
	}
	// An explicit "last"/"next" wins over tense cues elsewhere in the clause
	// ("said last Tuesday that talks would resume").
	last := st.is(i-1, "vergangenen", "letzten", "vorigen", "last")
	if !last && (st.future(i) || st.is(i-1, "nächsten", "kommenden", "next", "coming")) {
		diff := (wd - cur + 7) % 7
		if diff == 0 {
			diff = 7
		}
		return fromTime(t.AddDate(0, 0, diff), 3)
	}
	diff := (cur - wd + 7) % 7
	if last && diff == 0 {
		diff = 7
	}
	return fromTime(t.AddDate(0, 0, -diff), 3)
}

// ruleWeekday: "am Freitag", "Freitag, 9. Mai 2015", "on Friday", "last Friday".
func (st *state) ruleWeekday(i int) (match, bool) {
	t := st.tk(i)
	wd, ok := st.lx.weekdays[t.l]
	if !ok || !t.upper {
		return match{}, false
	}
	// "Freitag, 9. Mai 2015" / "Friday, May 9, 2015": the date decides
	j := i + 1
	if st.punct(j, ",") {
		j++
	}
	if st.is(j, "den", "the") {
		j++
	}
	if m, ok := st.ruleDayMonth(j); ok {
		m.s = i
		return m, true
	}
	if m, ok := st.ruleNumericDate(j); ok {
		m.s = i
		return m, true
	}
	s := i
	if st.is(i-1, "last", "next", "this", "coming") {
		s = i - 1
	}
	p, v := st.weekdayDate(i, wd)
	return match{s: s, e: i + 1, typ: newsweave.DATE, val: v, ref: p}, true
}

// ruleDayWord: heute, gestern, morgen, vorgestern, übermorgen, today, yesterday, tomorrow.
func (st *state) ruleDayWord(i int) (match, bool) {
	t := st.tk(i)
	var off int
	switch t.l {
	case "heute", "today", "heutigen", "tonight":
		if t.l == "heutigen" && !st.is(i+1, "tag", "tages") {
			return match{}, false
		}
		e := i + 1
		if t.l == "heutigen" {
			e++
		}
		if st.mode == Narrative {
			return match{s: i, e: e, typ: newsweave.DATE, val: "PRESENT_REF"}, true
		}
		a := st.anc()
		if t.l == "tonight" {
			v := "XXXX-XX-XX"
			if a.g > 0 {
				v = a.String()
			}
			return match{s: i, e: e, typ: newsweave.TIME, val: v + "TNI"}, true
		}
		if a.g == 0 {
			return match{s: i, e: e, typ: newsweave.DATE, val: "PRESENT_REF"}, true
		}
		return dateMatch(i, e, a), true
	case "gestern", "yesterday":
		off = -1
	case "vorgestern":
		off = -2
	case "übermorgen":
		off = 2
	case "morgen":
		if t.upper || st.is(i-1, "am", "des", "den", "vom", "jeden", "heute", "gestern", "frühen", "zum") {
			return match{}, false
		}
		off = 1
	case "tomorrow":
		off = 1
	default:
		return match{}, false
	}
	if a := st.anc(); a.g > 0 {
		return dateMatch(i, i+1, add(a, off, "D", 3)), true
	}
	return match{s: i, e: i + 1, typ: newsweave.DATE, val: "XXXX-XX-XX"}, true
}

// relDir classifies the adjective of a relative expression: -1 past, 0 this, +1 next.
func (st *state) relDir(i int) (int, bool) {
	l := st.tk(i).l
	if st.en {
		switch l {
		case "last", "previous", "past":
			return -1, true
		case "next", "following", "coming":
			return 1, true
		case "this", "same", "that", "current":
			return 0, true
		}
		return 0, false
	}
	switch {
	case strings.HasPrefix(l, "vergangen"), strings.HasPrefix(l, "letzt"), strings.HasPrefix(l, "vorig"), strings.HasPrefix(l, "vorangegangen"):
		return -1, true
	case strings.HasPrefix(l, "nächst"), strings.HasPrefix(l, "kommend"), strings.HasPrefix(l, "folgend"),
		strings.HasPrefix(l, "darauffolgend"), strings.HasPrefix(l, "anschließend"):
		return 1, true
	case l == "diese" || l == "dieser" || l == "diesem" || l == "dieses" || l == "diesen" ||
		strings.HasPrefix(l, "laufend") || strings.HasPrefix(l, "selb") || strings.HasPrefix(l, "gleich") || l == "jenem" || l == "jenes":
		return 0, true
	}
	return 0, false
}

var relUnits = map[string]string{
	"woche": "W", "monat": "M", "monats": "M", "jahr": "Y", "jahres": "Y", "tag": "D", "tages": "D",
	"kriegsjahr": "Y", "kriegsjahres": "Y",
	"wochenende": "WE", "wochenendes": "WE", "jahrzehnt": "DE", "jahrzehnts": "DE", "quartal": "Q", "quartals": "Q",
	"week": "W", "month": "M", "year": "Y", "day": "D", "weekend": "WE", "decade": "DE", "quarter": "Q",
}

// unknownValue is the underspecified value of a date one unit wide.
var unknownValue = map[string]string{
	"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Y": "XXXX",
	"DE": "XXX", "CE": "XX", "Q": "XXXX-QX",
}

var compoundRel = map[string]struct {
	n    int
	unit string
}{
	"vorjahr": {-1, "Y"}, "vorjahres": {-1, "Y"}, "vorjahrs": {-1, "Y"}, "vorwoche": {-1, "W"}, "vormonat": {-1, "M"},
	"vormonats": {-1, "M"}, "vortag": {-1, "D"}, "vortages": {-1, "D"}, "folgejahr": {1, "Y"}, "folgejahres": {1, "Y"},
	"folgetag": {1, "D"}, "folgetages": {1, "D"}, "folgemonat": {1, "M"}, "folgewoche": {1, "W"},
}

// relValue renders base+n units at the unit's granularity.
func (st *state) relValue(b ymd, n int, unit string) (string, ymd) {
	if b.g == 0 { // no anchor: the unit's shape with X for the open parts
		return unknownValue[unit], ymd{}
	}
	switch unit {
	case "D":
		if b.g < 3 {
			return "", ymd{}
		}
		p := add(b, n, "D", 3)
		return p.String(), p
	case "W":
		if b.g < 3 {
			return "", ymd{}
		}
		return weekValue(add(b, n, "W", 3).time()), ymd{}
	case "WE":
		if b.g < 3 {
			return "", ymd{}
		}
		return weekValue(add(b, n, "W", 3).time()) + "-WE", ymd{}
	case "M":
		if b.g < 2 {
			return "", ymd{}
		}
		p := add(ymd{b.y, b.m, 1, 3}, n, "M", 2)
		return p.String(), p
	case "Y":
		p := ymd{y: b.y + n, g: 1}
		return p.String(), p
	case "DE":
		return fmt.Sprintf("%03d", (b.y+10*n)/10), ymd{}
	case "Q":
		if b.g < 2 {
			return "", ymd{}
		}
		q := (b.m-1)/3 + n
		y := b.y + floorDiv(q, 4)
		q = q - floorDiv(q, 4)*4
		return fmt.Sprintf("%04d-Q%d", y, q+1), ymd{}
	}
	return "", ymd{}
}

func floorDiv(a, b int) int {
	if a < 0 {
		return -((-a + b - 1) / b)
	}
	return a / b
}

// ruleRelative: "vergangene Woche", "im vergangenen Jahr", "nächsten Monat", "dieses Jahres",
// "am folgenden Tag", "im selben Monat", "Vorjahr", "last week", "next month", "this year".
func (st *state) ruleRelative(i int) (match, bool) {
	s := i
	if c, ok := compoundRel[st.tk(i).l]; ok && !st.en {
		var b ymd
		if st.mode == News && c.unit != "D" && c.unit != "W" {
			b = st.refd()
		} else {
			b = st.base()
		}
		v, p := st.relValue(b, c.n, c.unit)
		if v == "" {
			return match{}, false
		}
		return match{s: s, e: i + 1, typ: newsweave.DATE, val: v, ref: p}, true
	}
	if st.is(i, "im", "am", "an", "the") || (!st.en && st.is(i, "des", "dem", "den", "das", "der")) {
		i++
	}
	if st.is(i, "ganze", "ganzen", "gesamte", "gesamten", "whole", "entire") {
		i++
	}
	dir, ok := st.relDir(i)
	if !ok && !st.en && st.is(i, "neuen") && st.is(i+1, "jahres") {
		dir, ok = 1, true
	}
	if !ok {
		return match{}, false
	}
	j := i + 1
	unit, ok := relUnits[st.tk(j).l]
	if !ok {
		return match{}, false
	}
	// TIMEX2 extents: "am selben Tag", "an diesem Tag", "das kommende Jahr",
	// but "im vergangenen Jahr" without the preposition.
	if !st.en && dir != 0 && st.is(s, "im", "am", "an") {
		s++
	}
	if st.en && st.is(s, "the") && dir != 0 && (unit == "W" || unit == "M" || unit == "Y") && st.tk(i).l == "past" {
		return match{}, false // "the past year" is a duration
	}
	var b ymd
	switch {
	case st.mode == News && dir == 0 && unit != "D":
		b = st.anc()
	case dir == 0 || unit == "D":
		b = st.refd() // "am selben Tag", "the following day": the last date mentioned
	default:
		b = st.base()
	}
	v, p := st.relValue(b, dir, unit)
	if v == "" {
		return match{}, false
	}
	return match{s: s, e: j + 1, typ: newsweave.DATE, val: v, ref: p}, true
}

// ruleUnitAfter: "im Jahr darauf", "am Tag danach", "im Monat zuvor",
// "the day after", "the year before": one unit from the reference time.
func (st *state) ruleUnitAfter(i int) (match, bool) {
	s, j := i, i
	if st.is(j, "im", "am", "the") {
		j++
	} else if st.is(j, "in") && st.is(j+1, "der") {
		j += 2
	}
	unit, ok := relUnits[st.tk(j).l]
	if !ok || !st.on("unitafter") || unit == "DE" || unit == "Q" || unit == "WE" || isPlural(st.tk(j).l) {
		return match{}, false
	}
	dir := 0
	switch {
	case st.is(j+1, "darauf", "danach", "after"):
		dir = 1
	case st.is(j+1, "zuvor", "davor", "vorher", "before"):
		dir = -1
	default:
		return match{}, false
	}
	if !st.en && st.is(s, "im", "am") {
		s++ // TIMEX2 extent: "Tag darauf" without the preposition
	}
	v, p := st.relValue(st.refd(), dir, unit)
	if v == "" {
		return match{}, false
	}
	return match{s: s, e: j + 2, typ: newsweave.DATE, val: v, ref: p}, true
}

// ruleAgo: "vor zwei Jahren", "vor drei Tagen", "two years ago".
func (st *state) ruleAgo(i int) (match, bool) {
	s, j := i, i
	if !st.en {
		if !st.is(i, "vor") {
			return match{}, false
		}
		j++
		if st.is(j, "knapp", "fast", "etwa", "rund", "gut", "über") {
			j++
		} else if st.is(j, "mehr", "weniger") && st.is(j+1, "als") {
			j += 2
		}
		if st.is(j, "kurzem") {
			return match{s: s, e: j + 1, typ: newsweave.DATE, val: "PAST_REF"}, true
		}
	}
	n, k := st.number(j)
	if k == 0 {
		return match{}, false
	}
	j += k
	unit := st.lx.units[st.tk(j).l]
	if unit == "" {
		return match{}, false
	}
	j++
	if st.en {
		if !st.is(j, "ago") {
			return match{}, false
		}
		j++
	}
	if n < 0 {
		return match{s: s, e: j, typ: newsweave.DATE, val: "PAST_REF"}, true
	}
	b := st.base()
	if b.g == 0 {
		v := map[string]string{"Y": "XXXX", "DE": "XXXX", "CE": "XXXX", "M": "XXXX-XX", "W": "XXXX-XX-XX", "D": "XXXX-XX-XX"}[unit]
		if v == "" {
			return match{}, false
		}
		return match{s: s, e: j, typ: newsweave.DATE, val: v}, true
	}
	var v string
	var p ymd
	switch unit {
	case "Y", "DE", "CE":
		p = add(b, -n, unit, 1)
		v = p.String()
	case "M":
		p = add(b, -n, "M", 2)
		v = p.String()
	case "W", "D":
		if b.g < 3 {
			return match{}, false
		}
		p = add(b, -n, unit, 3)
		v = p.String()
	default:
		return match{}, false
	}
	return match{s: s, e: j, typ: newsweave.DATE, val: v, ref: p}, true
}

// ruleLater: "zwei Tage später", "einen Monat später", "drei Tage zuvor", "nach zwei Tagen",
// "am Tag darauf", "kurz darauf", "two days later", "a week earlier".
func (st *state) ruleLater(i int) (match, bool) {
	s, j := i, i
	prep := false
	if (!st.en && st.is(j, "nach")) || (st.en && st.is(j, "after")) {
		prep = true
		j++
	}
	if st.is(j, "etwa", "rund", "knapp", "about", "around") {
		j++
	}
	half := false
	n, k := st.number(j)
	if k == 0 {
		return match{}, false
	}
	j += k
	if st.is(j, "halbes", "halben", "half") {
		half = true
		j++
	}
	unit := st.lx.units[st.tk(j).l]
	if unit == "" || unit == "H" || unit == "MIN" || unit == "S" || unit == "Q" {
		return match{}, false
	}
	j++
	dir := 0
	switch {
	case prep:
		if unit != "D" {
			return match{}, false
		}
		dir = 1
	case st.is(j, "später", "danach", "darauf", "later", "after", "afterwards"):
		dir = 1
	case st.is(j, "zuvor", "vorher", "früher", "earlier", "before"):
		dir = -1
	default:
		return match{}, false
	}
	if !prep {
		j++
	}
	if n < 0 {
		v := "FUTURE_REF"
		if dir < 0 {
			v = "PAST_REF"
		}
		return match{s: s, e: j, typ: newsweave.DATE, val: v}, true
	}
	g := map[string]int{"D": 3, "W": 3, "M": 3, "Y": 1, "DE": 1, "CE": 1}[unit]
	if half && unit == "Y" {
		n, unit, g = 6*n, "M", 2
	}
	mod := ""
	if st.is(s, "etwa", "rund", "knapp", "about", "around") || st.is(s+1, "etwa", "rund", "knapp", "about", "around") {
		mod = "APPROX"
	}
	b := st.refd()
	if b.g == 0 {
		v := map[int]string{1: "XXXX", 2: "XXXX-XX", 3: "XXXX-XX-XX"}[g]
		return match{s: s, e: j, typ: newsweave.DATE, val: v, mod: mod}, true
	}
	if unit == "D" || unit == "W" {
		if b.g < 3 {
			return match{}, false
		}
	}
	p := add(b, dir*n, unit, g)
	return match{s: s, e: j, typ: newsweave.DATE, val: p.String(), mod: mod, ref: p}, true
}

var durSuffix = map[string]string{
	"tägig": "D", "tägige": "D", "tägigen": "D", "tägiger": "D", "tägiges": "D",
	"monatig": "M", "monatige": "M", "monatigen": "M", "monatiger": "M",
	"jährig": "Y", "jährige": "Y", "jährigen": "Y", "jähriger": "Y",
	"wöchig": "W", "wöchige": "W", "wöchigen": "W", "wöchiger": "W",
	"stündig": "H", "stündige": "H", "stündigen": "H", "stündiger": "H",
}

var longWords = map[string]string{
	"jahrelang": "PXY", "jahrelange": "PXY", "jahrelangen": "PXY", "jahrelanger": "PXY",
	"monatelang": "PXM", "monatelange": "PXM", "monatelangen": "PXM", "wochenlang": "PXW",
	"wochenlange": "PXW", "wochenlangen": "PXW", "tagelang": "PXD", "tagelange": "PXD",
	"tagelangen": "PXD", "jahrzehntelang": "PXDE", "jahrzehntelange": "PXDE",
	"jahrzehntelangen": "PXDE", "stundenlang": "PTXH", "stundenlange": "PTXH",
	"stundenlangen": "PTXH", "ganzjährig": "P1Y", "folgejahren": "PXY", "folgejahre": "PXY",
}

func durValue(n int, unit string) string {
	num := "X"
	if n >= 0 {
		num = strconv.Itoa(n)
	}
	switch unit {
	case "H":
		return "PT" + num + "H"
	case "MIN":
		return "PT" + num + "M"
	case "S":
		return "PT" + num + "S"
	case "CE":
		if n >= 0 {
			return "P" + strconv.Itoa(n*100) + "Y"
		}
		return "PXCE"
	case "Q":
		if n >= 0 {
			return "P" + strconv.Itoa(n*3) + "M"
		}
		return "PXM"
	}
	return "P" + num + unit
}

// ruleDuration: "vier Jahre", "mehrere Tage", "fast drei Jahren", "die nächsten 100 Jahre",
// "anderthalb Jahre", "154-tägiger", "vierstündigen", "jahrelang", "four years", "a few days".
func (st *state) ruleDuration(i int) (match, bool) {
	s, j := i, i
	t := st.tk(i)
	if v, ok := longWords[t.l]; ok && !st.en {
		return match{s: i, e: i + 1, typ: newsweave.DURATION, val: v}, true
	}
	// number word + suffix in one token: vierstündigen, neunmonatigen, einmonatigen
	if !st.en && t.kind == kWord && strings.Contains(t.l, "ig") {
		for suf, unit := range durSuffix {
			if strings.HasSuffix(t.l, suf) && len(t.l) > len(suf) {
				pre := strings.TrimPrefix(t.l[:len(t.l)-len(suf)], "fast")
				if pre == "ein" || pre == "einem" {
					pre = "ein"
				}
				if n, ok := st.lx.nums[pre]; ok && n > 0 {
					return match{s: i, e: i + 1, typ: newsweave.DURATION, val: durValue(n, unit)}, true
				}
			}
		}
	}
	mod := ""
	switch {
	case st.is(j, "etwa", "rund", "ungefähr", "circa", "ca", "about", "around", "roughly", "nearly", "almost", "fast", "knapp"):
		mod = "APPROX"
		j++
		if st.punct(j, ".") {
			j++
		}
	case st.is(j, "über", "mindestens", "over"):
		mod = "MORE_THAN"
		j++
	case (st.is(j, "mehr", "weniger") && st.is(j+1, "als")) || (st.is(j, "more", "less") && st.is(j+1, "than")):
		mod = "MORE_THAN"
		if st.is(j, "weniger", "less") {
			mod = "LESS_THAN"
		}
		j += 2
	case st.is(j, "ersten", "letzten", "nächsten", "kommenden", "folgenden", "vergangenen", "first", "last", "next", "past", "coming", "following"):
		j++
	case st.is(j, "den", "die", "the") && st.is(j+1, "folgenden", "nächsten", "kommenden", "vergangenen", "letzten", "following", "next", "past", "last"):
		j += 2
	}
	// "154-tägiger", "Sieben-Tage", "90-Tage", "two-year"
	if n, k := st.number(j); k > 0 && n > 0 && st.punct(j+k, "-") && !st.tk(j+k).sp {
		w := st.tk(j + k + 1).l
		if u, ok := durSuffix[w]; ok {
			return match{s: s, e: j + k + 2, typ: newsweave.DURATION, val: durValue(n, u), mod: mod}, true
		}
		if u, ok := st.lx.units[w]; ok {
			return match{s: s, e: j + k + 2, typ: newsweave.DURATION, val: durValue(n, u), mod: mod}, true
		}
	}
	n, k := st.number(j)
	if k == 0 {
		// "anderthalb Jahre", "ein halbes Jahr", "folgenden Tage" (vague)
		if st.is(j, "anderthalb", "eineinhalb") && st.lx.units[st.tk(j+1).l] == "Y" {
			return match{s: s, e: j + 2, typ: newsweave.DURATION, val: "P1Y6M", mod: mod}, true
		}
		if j > s {
			if u, ok := st.lx.units[st.tk(j).l]; ok && isPlural(st.tk(j).l) &&
				st.is(j-1, "folgenden", "nächsten", "kommenden", "vergangenen", "letzten", "following", "past", "coming") {
				return match{s: s, e: j + 1, typ: newsweave.DURATION, val: durValue(-1, u), mod: mod}, true
			}
		}
		return match{}, false
	}
	if st.tk(j).kind == kDigit && st.tk(j).nd == 4 && k == 1 {
		return match{}, false // a year, not a count
	}
	j += k
	if st.is(j, "halbes", "halbe", "halben", "half") {
		u := st.lx.units[st.tk(j+1).l]
		switch u {
		case "Y":
			return match{s: s, e: j + 2, typ: newsweave.DURATION, val: "P6M", mod: mod}, true
		case "H":
			return match{s: s, e: j + 2, typ: newsweave.DURATION, val: "PT30M", mod: mod}, true
		case "D":
			return match{s: s, e: j + 2, typ: newsweave.DURATION, val: "PT12H", mod: mod}, true
		}
		return match{}, false
	}
	if st.is(j, "ganzen", "ganze", "ganzes", "whole", "full", "aufeinanderfolgenden", "consecutive") {
		j++
	}
	unit, ok := st.lx.units[st.tk(j).l]
	if !ok {
		return match{}, false
	}
	if n == 1 && !st.en && (st.tk(j).l == "tages" || st.is(j-1, "eines")) {
		return match{}, false // "eines Tages" is a vague date
	}
	if n > 1 && !isPlural(st.tk(j).l) && !st.en {
		return match{}, false
	}
	j++
	return match{s: s, e: j, typ: newsweave.DURATION, val: durValue(n, unit), mod: mod}, true
}

func isPlural(w string) bool {
	return strings.HasSuffix(w, "e") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "s") && w != "tages" && w != "monats" && w != "jahres"
}

// ruleSet: "jährlich", "täglich", "montags", "jeden Freitag", "jedes Jahr", "every year", "annually".
func (st *state) ruleSet(i int) (match, bool) {
	t := st.tk(i)
	if v, ok := st.lx.sets[t.l]; ok {
		return match{s: i, e: i + 1, typ: newsweave.SET, val: v}, true
	}
	if wd, ok := st.lx.wdSet[t.l]; ok {
		return match{s: i, e: i + 1, typ: newsweave.SET, val: fmt.Sprintf("XXXX-WXX-%d", wd)}, true
	}
	if !st.is(i, "jeden", "jede", "jedes", "every", "each") {
		return match{}, false
	}
	next := st.tk(i + 1)
	if wd, ok := st.lx.weekdays[next.l]; ok {
		return match{s: i, e: i + 2, typ: newsweave.SET, val: fmt.Sprintf("XXXX-WXX-%d", wd)}, true
	}
	if u, ok := st.lx.units[next.l]; ok && !isPlural(next.l) || next.l == "jahr" || next.l == "tag" {
		return match{s: i, e: i + 2, typ: newsweave.SET, val: durValue(1, u)}, true
	}
	return match{}, false
}

var multiRefs = [][]string{
	{"kurz", "zuvor"}, {"kurz", "vorher"}, {"kurz", "darauf"}, {"kurz", "danach"}, {"wenig", "später"},
	{"kurze", "zeit", "später"}, {"in", "der", "folge"}, {"in", "zukunft"}, {"bis", "heute"},
	{"der", "folgezeit"}, {"in", "der", "folgezeit"}, {"shortly", "after"},
	{"soon", "after"}, {"in", "the", "future"}, {"at", "the", "moment"},
}

// ruleRef: "jetzt", "bald", "kürzlich", "kurz darauf", "wenig später", "in der Folge".
func (st *state) ruleRef(i int) (match, bool) {
	for _, seq := range multiRefs {
		ok := true
		for k, w := range seq {
			if st.tk(i+k).l != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		v := "FUTURE_REF"
		switch seq[len(seq)-1] {
		case "zuvor", "vorher":
			v = "PAST_REF"
		case "heute", "zeit", "moment":
			v = "PRESENT_REF"
		}
		s := i
		if seq[0] == "bis" {
			s = i + 1
		}
		return match{s: s, e: i + len(seq), typ: newsweave.DATE, val: v}, true
	}
	if v, ok := st.lx.refs[st.tk(i).l]; ok {
		if st.tk(i).l == "später" && st.is(i-1, "jahre", "tage", "monate", "wochen", "zeit") {
			return match{}, false
		}
		return match{s: i, e: i + 1, typ: newsweave.DATE, val: v}, true
	}
	return match{}, false
}

var holidays = map[string][2]int{
	"weihnachten": {12, 25}, "heiligabend": {12, 24}, "silvester": {12, 31}, "neujahr": {1, 1},
	"neujahrstag": {1, 1}, "christmas": {12, 25}, "valentinstag": {2, 14},
}

// ruleHoliday: fixed-date holidays with an optional year: "Weihnachten 1914", "Silvester".
func (st *state) ruleHoliday(i int) (match, bool) {
	hd, ok := holidays[st.tk(i).l]
	if !ok || !st.tk(i).upper {
		return match{}, false
	}
	j := i + 1
	p := ymd{m: hd[0], d: hd[1], g: 3}
	if y, n := st.yearAt(j); n > 0 {
		p.y, j = y, j+n
	} else {
		p.y = st.yearless(i, hd[0], hd[1])
	}
	return dateMatch(i, j, p), true
}
