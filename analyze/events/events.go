// Package events reads actor–action–target events from analysed articles,
// GDELT-style: per sentence, action triggers (German and English verb forms,
// separable verbs such as "lädt … ein", English phrasal verbs such as
// "called on", nominalisations such as "Einladung", "talks", "sanctions")
// are found by lexicon; actor and target are picked from the sentence's
// entity mentions by position — German: the first participant acts, "von X"
// in passives, coordinated names give several events, an agentless passive
// or a nameless subject an event without actor (rolesDE); English (english.go): the nearest name left of the trigger
// in its clause acts, the first one right of it is the target, "by X" in
// passives, coordination gives several events — and mentions in source
// position ("sagte KCNA", "according to Reuters", "Peskov said") are not
// actors. The place is a location after "in/nach/im/at", the time the
// nearest concrete temporal expression in the sentence, else the article's
// anchor date. Negated and planned events are flagged. Actions map to CAMEO
// codes (see lexicon.go).
package events

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

// Extractor is the rule-based event extractor. It holds no mutable state.
type Extractor struct{}

// New returns an Extractor.
func New() *Extractor { return &Extractor{} }

type word struct {
	l      string // lower case
	rs, re int    // code-point offsets
	punct  bool
	up     bool // starts with an upper-case letter
}

type span struct{ s, e int } // code-point offsets of a sentence

func tokenize(text string) ([]word, []span) {
	var ws []word
	var sents []span
	rpos, sentStart := 0, 0
	lastEnd := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if r == '\n' && rpos > sentStart && len(ws) > 0 {
				sents = append(sents, span{sentStart, lastEnd})
				sentStart = rpos + 1
			}
			i += size
			rpos++
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			start, rstart := i, rpos
			for i < len(text) {
				r, size = utf8.DecodeRuneInString(text[i:])
				if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' && i+size < len(text) && isAlnumAt(text, i+size)) {
					break
				}
				i += size
				rpos++
			}
			first, _ := utf8.DecodeRuneInString(text[start:])
			ws = append(ws, word{l: strings.ToLower(text[start:i]), rs: rstart, re: rpos, up: unicode.IsUpper(first)})
			lastEnd = rpos
			continue
		}
		ws = append(ws, word{l: string(r), rs: rpos, re: rpos + 1, punct: true})
		i += size
		rpos++
		lastEnd = rpos
		if r == '.' || r == '!' || r == '?' {
			// end of sentence unless a number or a one-letter abbreviation precedes
			if len(ws) >= 2 {
				p := ws[len(ws)-2]
				if !p.punct && (isDigits(p.l) || utf8.RuneCountInString(p.l) == 1) {
					continue
				}
			}
			if i < len(text) {
				nr, _ := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsSpace(nr) && nr != '"' && nr != '“' && nr != '„' {
					continue
				}
			}
			sents = append(sents, span{sentStart, rpos})
			sentStart = rpos
		}
	}
	if lastEnd > sentStart {
		sents = append(sents, span{sentStart, lastEnd})
	}
	return ws, sents
}

func isAlnumAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isPunctWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// cand is an entity mention usable as actor, target or place.
type cand struct {
	m      newsweave.Mention
	wi     int // index of the first word
	we     int // index of the last word
	place  bool
	source bool
	charge bool // after "für"/"wegen": the thing someone is blamed for
	after  bool // after "gegen"/"against"
}

// Extract returns the events of a and its event date.
func (x *Extractor) Extract(a *newsweave.Article) ([]newsweave.Event, string) {
	if a == nil || a.Text == "" {
		return nil, ""
	}
	anchor := ""
	if len(a.Published) >= 10 {
		anchor = a.Published[:10]
	}
	ws, sents := tokenize(a.Text)
	en := english(a, ws)
	var evs []newsweave.Event
	var acts []sentActs
	wi := 0
	var prevSentMentions []newsweave.Mention
	for _, sp := range sents {
		w0 := wi
		for wi < len(ws) && ws[wi].rs < sp.e {
			wi++
		}
		sw := ws[w0:wi]
		if len(sw) == 0 {
			continue
		}
		ments := withoutDateline(sw, mentionsIn(a.Entities, sp))
		hits := findTriggers(sw)
		if len(hits) > 0 {
			sa := sentActs{sp: sp}
			for _, h := range hits {
				if !negatedIn(sw, h.wi, en) {
					sa.acts = append(sa.acts, h.action)
				}
			}
			acts = append(acts, sa)
		}
		evs = append(evs, sentenceEvents(sw, hits, sp, ments, prevSentMentions, a.Times, anchor, en)...)
		prevSentMentions = ments
	}
	return evs, eventDate(a, evs, acts, anchor)
}

// sentActs are the (non-negated) actions a sentence names, with or without
// recognisable participants ("Ja, eine solche Einladung wurde verschickt").
type sentActs struct {
	sp   span
	acts []string
}

func mentionsIn(ms []newsweave.Mention, sp span) []newsweave.Mention {
	var out []newsweave.Mention
	for _, m := range ms {
		if m.Start >= sp.s && m.End <= sp.e {
			out = append(out, m)
		}
	}
	return out
}

// agencyCodes are news agency codes as written in datelines ("Berlin dpa –").
var agencyCodes = map[string]bool{"dpa": true, "rtr": true, "reuters": true, "afp": true, "ap": true,
	"kna": true, "epd": true, "apa": true, "sda": true, "ddp": true, "dts": true, "ansa": true, "efe": true}

// withoutDateline drops the places of a dateline at the start of a sentence
// ("Moskau – Putin hat …", "MOSKAU/WASHINGTON (Reuters) -", "Berlin dpa |"):
// they say where the report was filed, not who took part in what it
// reports. The places must be followed by an agency code, a parenthesis or
// a dash, so that "Moskau lädt Kim ein" keeps its actor.
func withoutDateline(sw []word, ments []newsweave.Mention) []newsweave.Mention {
	if len(sw) < 3 || len(ments) == 0 {
		return ments
	}
	mentionAt := func(rs int) int {
		for k, m := range ments {
			if m.Start == rs && m.Type == newsweave.LOC {
				return k
			}
		}
		return -1
	}
	var places []int
	i := 0
	for i < len(sw) {
		k := mentionAt(sw[i].rs)
		if k < 0 {
			break
		}
		places = append(places, k)
		for i < len(sw) && sw[i].rs < ments[k].End {
			i++
		}
		if i < len(sw) && (sw[i].l == "/" || sw[i].l == ",") {
			i++
			continue
		}
		break
	}
	if len(places) == 0 || i >= len(sw) {
		return ments
	}
	dateline := false
	if agencyCodes[sw[i].l] {
		dateline = true
	} else if sw[i].l == "(" {
		for j := i + 1; j < len(sw) && j <= i+6; j++ {
			if sw[j].l == ")" {
				dateline = true
				break
			}
		}
	} else {
		switch sw[i].l {
		case "–", "—", "-", "|":
			dateline = true
		}
	}
	if !dateline {
		return ments
	}
	out := make([]newsweave.Mention, 0, len(ments)-len(places))
	for k, m := range ments {
		if !slices.Contains(places, k) {
			out = append(out, m)
		}
	}
	return out
}

type hit struct {
	action string
	wi     int // word index in sentence
	noun   bool
}

func hasStem(sw []word, stems []string) bool {
	for _, w := range sw {
		for _, s := range stems {
			if strings.Contains(w.l, s) {
				return true
			}
		}
	}
	return false
}

// clauseHas reports whether word p occurs after index k in the clause.
func clauseHas(sw []word, k int, p string) bool {
	for j := k + 1; j < len(sw); j++ {
		if sw[j].l == "," || sw[j].l == ";" {
			return false
		}
		if sw[j].l == p {
			return true
		}
	}
	return false
}

// phraseHas reports whether particle p follows word k within gap words
// ("turned the offer down", "called on"); "called on Sunday" is no phrase.
func phraseHas(sw []word, k int, p string, gap int) bool {
	for j := k + 1; j <= k+gap && j < len(sw); j++ {
		if sw[j].punct {
			return false
		}
		if sw[j].l == p {
			return j+1 >= len(sw) || !timeWords[sw[j+1].l]
		}
	}
	return false
}

func findTriggers(sw []word) []hit {
	var hits []hit
	seen := map[string]bool{}
	for k, w := range sw {
		for _, t := range triggers[w.l] {
			if seen[t.action] {
				continue
			}
			if t.particle != "" && t.gap == 0 && !clauseHas(sw, k, t.particle) {
				continue
			}
			if t.gap > 0 && !phraseHas(sw, k, t.particle, t.gap) {
				continue
			}
			if len(t.need) > 0 && t.near == 0 && !hasStem(sw, t.need) {
				continue
			}
			if t.near > 0 && (k+1 < len(sw) && sw[k+1].l == "to" || !hasStem(sw[k+1:min(len(sw), k+1+t.near)], t.need)) {
				continue // "declined to comment" is no rejection
			}
			if len(t.avoid) > 0 && hasStem(sw, t.avoid) {
				continue
			}
			hits = append(hits, hit{action: t.action, wi: k, noun: t.noun})
			seen[t.action] = true
		}
	}
	// an accepted invitation is not a new invitation; a warning of sanctions
	// is a threat, not an imposition; "Waffenlieferungen" in a signing
	// sentence names the agreement.
	if seen["accept"] || seen["reject"] {
		hits = drop(hits, "invite")
	}
	if seen["reject"] {
		hits = drop(hits, "meet") // talks turned down did not take place
	}
	if seen["threaten"] {
		hits = drop(hits, "sanction")
	}
	return hits
}

func drop(hs []hit, action string) []hit {
	out := hs[:0]
	for _, h := range hs {
		if h.action != action {
			out = append(out, h)
		}
	}
	return out
}

func sentenceEvents(sw []word, hits []hit, sp span, ments, prev []newsweave.Mention, times []newsweave.TimeExpr, anchor string, en bool) []newsweave.Event {
	if len(hits) == 0 {
		return nil
	}
	wordAt := func(rs int) int {
		if k := sort.Search(len(sw), func(k int) bool { return sw[k].re > rs }); k < len(sw) {
			return k
		}
		return len(sw) - 1
	}
	var cands []cand
	for _, m := range ments {
		k := wordAt(m.Start)
		c := cand{m: m, wi: k}
		before := func(d int) string {
			if k-d >= 0 {
				return sw[k-d].l
			}
			return ""
		}
		end := wordAt(m.End - 1)
		c.we = end
		afterW := ""
		if end+1 < len(sw) {
			afterW = sw[end+1].l
		}
		if m.Type == newsweave.LOC && placePreps[before(1)] && !(en && before(1) == "to") {
			c.place = true
		}
		if m.Type == newsweave.LOC && placePreps[before(2)] && !sw[max(k-1, 0)].punct && before(1) != "und" && !(en && before(2) == "to") {
			c.place = true // "im ostrussischen Wostotschny"
		}
		if sourceBefore[before(1)] || sourceBefore[before(2)] && before(1) != "," || sourceAfter[afterW] ||
			(before(1) == "der" || before(1) == "die") && sourceBefore[before(2)] {
			c.source = true
		}
		// German "Der Kreml sagte, Russland werde …": the speaker is a source,
		// unless a pronoun continues ("Putin sagte, er werde …")
		if !en && speechVerbs[afterW] && end+3 < len(sw) && sw[end+2].l == "," && !pronounsDE[sw[end+3].l] {
			c.source = true
		}
		// English "said Russia had invited …" opens the reported clause with its
		// subject; only "…, said Peskov." and "told Reuters." name a source
		if en && c.source && !sourceAfter[afterW] && before(2) != "according" && before(1) != "agency" &&
			(reporting[before(1)] || reporting[before(2)]) && afterW != "" && !isPunctWord(afterW) {
			c.source = false
		}
		for d := 1; d <= 4; d++ {
			b := before(d)
			if b == "für" || b == "wegen" || b == "for" || b == "auf" && d == 1 {
				c.charge = true
			}
			if b == "gegen" || b == "against" || b == "on" {
				c.after = true
			}
			if b == "," || b == "und" {
				break
			}
		}
		cands = append(cands, c)
	}
	var info []enInfo
	if en {
		info = enInfos(sw, cands, wordAt)
	}
	var out []newsweave.Event
	for _, h := range hits {
		ev := newsweave.Event{Action: h.action, CAMEO: cameoFor(sw, h), SentStart: sp.s, SentEnd: sp.e,
			Negated: negatedIn(sw, h.wi, en), Planned: plannedAt(sw, h.wi, en),
			Time: timeFor(sw[h.wi].rs, sp, times, anchor)}
		if en {
			pairs, place := rolesEN(sw, h, cands, info)
			for _, p := range pairs {
				e := ev
				if p.actor != nil {
					e.Actor = ref(p.actor.m)
				}
				if p.target != nil {
					t := ref(p.target.m)
					e.Target = &t
				} else if place != nil && (h.action == "visit" || h.action == "invite" || h.action == "attack") && p.actor != nil {
					t := ref(place.m)
					e.Target = &t
				}
				if place != nil {
					pl := ref(place.m)
					e.Place = &pl
				}
				out = append(out, e)
			}
			continue
		}
		actors, targets, place := rolesDE(sw, h, cands)
		if selfActions[h.action] {
			targets = nil // "X trat zurück", "X starb": no one else takes part
		}
		if len(actors) == 0 && len(targets) == 0 {
			continue
		}
		if len(actors) == 0 {
			actors = []*cand{nil} // agentless passive or unnamed agent
		}
		if len(targets) == 0 {
			targets = []*cand{nil}
		}
		for _, actor := range actors {
			for _, target := range targets {
				if needsPerson[h.action] && (target == nil || target.m.Type != newsweave.PER) {
					continue
				}
				e := ev
				if actor != nil {
					e.Actor = ref(actor.m)
				}
				if target != nil {
					t := ref(target.m)
					e.Target = &t
				} else if r := demonymTarget(sw, h, prev); r != nil && r.Name != e.Actor.Name {
					e.Target = r
				} else if place != nil && (h.action == "visit" || h.action == "invite") {
					t := ref(place.m)
					e.Target = &t
				}
				if actor == nil && e.Target == nil {
					continue // an event needs a named participant
				}
				if place != nil {
					p := ref(place.m)
					e.Place = &p
				}
				out = append(out, e)
			}
		}
	}
	return out
}

// rolesDE reads German roles: pickRoles' actor and target, widened to the
// names coordinated with them ("Die EU und Großbritannien verhängten …",
// "die USA, Kanada und Japan"); an agentless passive ("Assange wurde
// festgenommen") or a subject that is no name ("Die Polizei nahm X fest")
// gives no actor and the participant as target. Verbs only: a noun
// ("Festnahme") without its agent stays without event.
func rolesDE(sw []word, h hit, cands []cand) (actors, targets []*cand, place *cand) {
	var parts []*cand
	for k := range cands {
		c := &cands[k]
		if !c.source && !c.place && !(h.action == "accuse" && c.charge) {
			parts = append(parts, c)
		}
	}
	actor, target, place := pickRoles(sw, h, cands)
	if actor == nil {
		return nil, nil, place
	}
	passive := !h.noun && passiveDE(sw, h.wi)
	byAgent := afterVon(sw, actor.wi) && passive
	_, hi := clauseBounds(sw, h.wi)
	switch {
	case passive && !byAgent:
		// agentless passive, or an agent without name ("von chinesischen
		// Behörden"): the subject is the target
		return nil, coordinated(sw, parts, actor), place
	case !h.noun && !passive && actor.wi < hi && unnamedSubject(sw, h.wi, actor.wi):
		return nil, coordinated(sw, parts, actor), place
	case (h.action == "arms" || h.action == "appeal") && afterAn(sw, actor.wi):
		// "Waffen an die Ukraine und Moldau zu liefern": recipients, not actors
		targets = coordinated(sw, parts, actor)
		for _, c := range parts {
			if !inGroup(targets, c) && c.wi < h.wi {
				return []*cand{c}, targets, place
			}
		}
		return nil, targets, place
	}
	actors = coordinated(sw, parts, actor)
	if byAgent { // the subject of a passive stands anywhere outside the agent phrase
		target = nil
		for _, c := range parts {
			if !inGroup(actors, c) && !sameEntity(c.m, actor.m) {
				target = c
				break
			}
		}
	}
	if target != nil && inGroup(actors, target) {
		target = nil
	}
	if target == nil && len(actors) > 1 && symmetric[h.action] {
		return actors[:1], actors[1:2], place // "Putin und Lukaschenko trafen sich"
	}
	if target == nil {
		for _, c := range parts { // a target after the coordinated actors
			if !inGroup(actors, c) && c.wi > actors[len(actors)-1].wi && !sameEntity(c.m, actor.m) && len(actors) > 1 {
				target = c
				break
			}
		}
	}
	if target != nil {
		targets = coordinated(sw, parts, target)
	}
	return actors, targets, place
}

func inGroup(g []*cand, c *cand) bool {
	for _, x := range g {
		if x == c {
			return true
		}
	}
	return false
}

// coordinated returns c and the participants joined to it by "und",
// "sowie" or list commas, with only articles in between; commas count only
// in a list closed by "und/sowie" ("A, B und C"), not in appositions.
func coordinated(sw []word, parts []*cand, c *cand) []*cand {
	g := []*cand{c}
	if k := c.wi; k > 0 && sw[k-1].l == "zwischen" || k > 1 && sw[k-2].l == "zwischen" {
		return g // "zwischen Moskau und Pjöngjang" pairs the two, it lists no joint agents
	}
	commaEnd := -1 // group length at the first comma link
	closed := false
	for k := 0; k < len(parts) && len(g) < 6; k++ {
		last := g[len(g)-1]
		if parts[k].wi <= last.we {
			continue
		}
		link := ""
		ok := parts[k].wi > last.we+1
		for j := last.we + 1; j < parts[k].wi && ok; j++ {
			switch sw[j].l {
			case "und", "sowie":
				if link == "" {
					link = "und"
				} else {
					ok = false
				}
			case ",":
				if link == "" {
					link = ","
				} else {
					ok = false
				}
			case "der", "die", "das", "den", "dem", "des":
			default:
				ok = false
			}
		}
		if !ok || link == "" {
			break
		}
		if link == "," && commaEnd < 0 {
			commaEnd = len(g)
		}
		g = append(g, parts[k])
		if link == "und" {
			closed = true
			break
		}
	}
	if !closed && commaEnd >= 0 {
		g = g[:commaEnd]
	}
	return g
}

// passiveDE reports a werden-passive in the trigger's clause: "wurde …
// festgenommen", "ist … verhaftet worden", "wird sanktioniert" (but not
// the future "wird … treffen").
func passiveDE(sw []word, k int) bool {
	lo, hi := clauseBounds(sw, k)
	for j := lo; j < hi; j++ {
		switch sw[j].l {
		case "wurde", "wurden", "worden":
			return true
		case "wird", "werden", "werde":
			if participle(sw[k].l) {
				return true
			}
		}
	}
	return false
}

func clauseBounds(sw []word, k int) (lo, hi int) {
	lo, hi = k, k+1
	for lo > 0 && sw[lo-1].l != "," && sw[lo-1].l != ";" {
		lo--
	}
	for hi < len(sw) && sw[hi].l != "," && sw[hi].l != ";" {
		hi++
	}
	return lo, hi
}

func sameClauseHas(sw []word, k int, w string) bool {
	lo, hi := clauseBounds(sw, k)
	for j := lo; j < hi; j++ {
		if sw[j].l == w {
			return true
		}
	}
	return false
}

// participle tells a past participle from an infinitive: "ge-" forms
// ("getroffen", "festgenommen") and "-t" forms ("sanktioniert", "verhaftet").
func participle(w string) bool {
	if strings.HasSuffix(w, "t") {
		return true
	}
	for _, p := range []string{"", "ein", "an", "fest", "frei", "ab", "auf", "vor", "zurück", "aus"} {
		if strings.HasPrefix(w, p+"ge") && len(w) > len(p)+4 {
			return true
		}
	}
	return false
}

// unnamedSubject reports a main clause whose subject before the finite
// verb (the trigger k or an auxiliary) is a common noun phrase ("Die
// Polizei nahm …", "Die Polizei in Minsk hat … festgenommen"): the first
// name a, after that verb, is an object, not the subject ("Am Montag traf
// Putin …" starts with an adverbial instead).
func unnamedSubject(sw []word, k, a int) bool {
	lo, _ := clauseBounds(sw, k)
	if lo != 0 || k < 2 {
		return false
	}
	switch sw[0].l {
	case "der", "die", "das", "ein", "eine", "unbekannte", "zwei", "drei", "mehrere":
	default:
		return false
	}
	for j := 1; j <= k && j <= 7; j++ {
		if sw[j].punct || sw[j].l == "laut" {
			return false
		}
		if j == k || finiteAux[sw[j].l] {
			return a > j
		}
	}
	return false
}

var finiteAux = map[string]bool{"hat": true, "haben": true, "hatte": true, "hatten": true, "ist": true,
	"sind": true, "war": true, "waren": true}

// afterAn reports a name after "an" or "an die/den/das" (a recipient).
func afterAn(sw []word, k int) bool {
	if k > 0 && sw[k-1].l == "an" {
		return true
	}
	return k > 1 && sw[k-2].l == "an" && (sw[k-1].l == "die" || sw[k-1].l == "den" || sw[k-1].l == "das" || sw[k-1].l == "dem")
}

func ref(m newsweave.Mention) newsweave.EntityRef {
	name := m.Canonical
	if name == "" {
		name = m.Text
	}
	return newsweave.EntityRef{ID: m.EntityID, Name: name}
}

func sameEntity(a, b newsweave.Mention) bool {
	if a.EntityID != "" && b.EntityID != "" {
		return a.EntityID == b.EntityID
	}
	return a.Canonical == b.Canonical && a.Text == b.Text
}

// pickRoles chooses actor, target and place among the mentions.
func pickRoles(sw []word, h hit, cands []cand) (actor, target, place *cand) {
	var parts []*cand
	for k := range cands {
		c := &cands[k]
		if c.source {
			continue
		}
		if c.place {
			// the place nearest after the trigger, else the nearest before
			if place == nil || (c.wi > h.wi && (place.wi < h.wi || c.wi < place.wi)) {
				place = c
			}
			continue
		}
		if h.action == "accuse" && c.charge {
			continue
		}
		parts = append(parts, c)
	}
	// a country or organisation before a person's title modifies it
	// ("Russlands Präsident Wladimir Putin", "Der Präsident der USA, Joe
	// Biden,"): the person acts; before a verb it acts itself ("Russland
	// lädt Kim Jong Un ein")
	var kept []*cand
	for k, c := range parts {
		if c.m.Type != newsweave.PER && k+1 < len(parts) && parts[k+1].m.Type == newsweave.PER && titleOf(sw, c, parts[k+1], h) {
			continue
		}
		kept = append(kept, c)
	}
	parts = kept
	// passive: "von X eingeladen" / "by X" names the actor
	for _, c := range parts {
		if c.wi > 0 && (afterVon(sw, c.wi) || sw[c.wi-1].l == "by") && isPassive(sw) && !h.noun {
			actor = c
			break
		}
	}
	// a noun's agent follows it: "den Besuch von Wladimir Putin", "die
	// Sanktionen von der EU"; names before the noun phrase are no target
	nounAgent := false
	if actor == nil && h.noun {
		for _, c := range parts {
			if c.wi > h.wi && c.wi-h.wi <= 3 && afterVon(sw, c.wi) {
				actor, nounAgent = c, true
				break
			}
		}
	}
	if actor == nil {
		// subject: the first participant before the trigger — in a
		// subordinate clause its own ("…, dass Russland Kim eingeladen hat")
		lo, _ := clauseBounds(sw, h.wi)
		if lo > 0 && subordinatorsDE[sw[lo].l] {
			for _, c := range parts {
				if c.wi > lo && c.wi < h.wi {
					actor = c
					break
				}
			}
		}
	}
	if actor == nil {
		for _, c := range parts { // subject: the first participant before the trigger
			if c.wi < h.wi {
				actor = c
				break
			}
		}
	}
	if actor == nil && len(parts) > 0 {
		actor = parts[0]
	}
	if actor == nil {
		return nil, nil, place
	}
	// target: a "gegen X" participant first, else the first other participant after the actor
	for _, c := range parts {
		if c != actor && c.after && !sameEntity(c.m, actor.m) && (h.action == "sanction" || h.action == "threaten" || h.action == "criticize") {
			return actor, c, place
		}
	}
	for _, c := range parts {
		if c != actor && !sameEntity(c.m, actor.m) && (c.wi > actor.wi || actor.wi > h.wi && !nounAgent) {
			return actor, c, place
		}
	}
	return actor, nil, place
}

// subordinatorsDE open a German subordinate clause, which has its own subject.
var subordinatorsDE = map[string]bool{"dass": true, "daß": true, "weil": true, "nachdem": true, "obwohl": true,
	"da": true, "als": true, "wenn": true, "ob": true, "während": true, "bevor": true}

// titleOf reports whether the non-person c only qualifies the person p
// after it: a genitive before a title ("Russlands Präsident", "Frankreichs
// neuer Präsident", "Nordkoreas Kim Jong Un"), or a genitive attribute
// with the name in apposition ("Der Präsident der USA, Joe Biden", "Der
// Außenminister Frankreichs, Jean-Noël Barrot"). A verb
// between them — the trigger, an auxiliary, a word ending in -t — makes c
// a participant of its own ("Russland lädt Kim Jong Un ein").
func titleOf(sw []word, c, p *cand, h hit) bool {
	if p.wi-c.wi > 4 {
		return false
	}
	if c.we+2 == p.wi && sw[c.we+1].l == "," && c.wi >= 2 && (sw[c.wi-1].up && strings.HasSuffix(sw[c.we].l, "s") ||
		(sw[c.wi-1].l == "der" || sw[c.wi-1].l == "des") && sw[c.wi-2].up) {
		return true // "Der Präsident der USA, Joe Biden,", "Der Außenminister Frankreichs, Jean-Noël Barrot,"
	}
	if between(sw, c.we, p.wi, ",", "und", "and",
		"hat", "haben", "hatte", "hatten", "ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden",
		"den", "dem", "einen", "einem", "werde", "würde", "soll", "will", "kann", "muss") { // "Belarus den Oppositionellen X": an object, no title
		return false
	}
	if c.wi < h.wi && h.wi < p.wi {
		return false
	}
	if c.we+1 == p.wi { // adjacent: only a genitive ("Nordkoreas Kim Jong Un")
		return strings.HasSuffix(sw[c.we].l, "s")
	}
	for k := c.we + 1; k < p.wi; k++ {
		if !sw[k].up && (strings.HasSuffix(sw[k].l, "t") || k == p.wi-1) {
			return false // a verb, or no title noun before the name
		}
	}
	return true
}

// afterVon reports a name after "von" or "von der/dem/den" (a passive agent).
func afterVon(sw []word, k int) bool {
	if k > 0 && sw[k-1].l == "von" {
		return true
	}
	return k > 1 && sw[k-2].l == "von" && (sw[k-1].l == "der" || sw[k-1].l == "dem" || sw[k-1].l == "den")
}

func between(sw []word, a, b int, words ...string) bool {
	for k := a + 1; k < b && k < len(sw); k++ {
		for _, w := range words {
			if sw[k].l == w {
				return true
			}
		}
	}
	return false
}

func isPassive(sw []word) bool {
	for _, w := range sw {
		switch w.l {
		case "wurde", "wurden", "worden", "wird", "werden", "was", "were", "been":
			return true
		}
	}
	return false
}

// demonymTarget reads "die nordkoreanische Regierung" or "dessen Regierung"
// (the country of the previous sentence) as a target.
func demonymTarget(sw []word, h hit, prev []newsweave.Mention) *newsweave.EntityRef {
	for k := 0; k+1 < len(sw); k++ {
		if !govNouns[sw[k+1].l] {
			continue
		}
		w := sw[k].l
		for stem, country := range demonyms {
			if strings.HasPrefix(w, stem) {
				return &newsweave.EntityRef{Name: country}
			}
		}
		if r := govRef(sw[k:], h, prev); r != nil {
			return r
		}
	}
	return nil
}

// govRef resolves "dessen/deren Regierung" to the last country of the previous sentence.
func govRef(sw []word, h hit, prev []newsweave.Mention) *newsweave.EntityRef {
	if len(sw) < 2 || !(sw[0].l == "dessen" || sw[0].l == "deren" || sw[0].l == "its" || sw[0].l == "their") || !govNouns[sw[1].l] {
		return nil
	}
	for k := len(prev) - 1; k >= 0; k-- {
		if prev[k].Type == newsweave.LOC {
			r := ref(prev[k])
			return &r
		}
	}
	for k := len(prev) - 1; k >= 0; k-- {
		if prev[k].Country != "" {
			return &newsweave.EntityRef{Name: prev[k].Country}
		}
	}
	return nil
}

// cameoFor refines an action's code by what the sentence names.
func cameoFor(sw []word, h hit) string {
	switch h.action {
	case "threaten":
		switch {
		case hasStem(sw, sanctionStems):
			return "1312"
		case hasStem(sw, []string{"militär", "military", "angriff", "attack", "krieg", "war", "atom", "nuclear"}):
			return "138"
		}
	case "reject":
		if hasStem(sw, []string{"einladung", "invitation", "talks", "gespräch", "verhandlung", "negotiat", "meet", "treffen"}) {
			return "125"
		}
	case "meet":
		if hasStem(sw, []string{"talks", "negotiat", "verhandlung"}) {
			return "046"
		}
	case "attack":
		if hasStem(sw, militaryStems) {
			return "190"
		}
	case "kill":
		if hasStem(sw, []string{"assassinat", "ermordet", "attentat"}) {
			return "186"
		}
	}
	return cameo[h.action]
}

func negatedIn(sw []word, k int, en bool) bool {
	if en {
		return negatedEN(sw, k)
	}
	return negated(sw, k)
}

func negated(sw []word, k int) bool {
	for j := max(0, k-6); j < min(len(sw), k+6); j++ {
		if sw[j].l == "," && j > k {
			break
		}
		if negations[sw[j].l] {
			return true
		}
	}
	return false
}

// explicit reports whether a TIMEX value names a concrete date: not a
// vague reference (PAST_REF) and without open parts (XXXX-11, XXXX-WXX-5),
// which is what the tagger gives anchor-dependent expressions of an undated
// article.
func explicit(v string) bool {
	return v != "" && !strings.HasSuffix(v, "_REF") && !strings.Contains(v, "X")
}

// timeFor picks the concrete date or time in the sentence nearest to the
// trigger, else the anchor (the publication date, possibly inferred; "" when
// unknown).
func timeFor(pos int, sp span, times []newsweave.TimeExpr, anchor string) string {
	best, bestD := "", 1<<30
	for _, t := range times {
		if t.Start < sp.s || t.End > sp.e || (t.Type != newsweave.DATE && t.Type != newsweave.TIME) {
			continue
		}
		if !explicit(t.Value) {
			continue
		}
		d := pos - t.End
		if t.Start > pos {
			d = t.Start - pos
		}
		if d < 0 {
			d = -d
		}
		if d < bestD {
			best, bestD = t.Value, d
		}
	}
	if best == "" {
		return anchor
	}
	return best
}

// eventDate is when the main reported happening took place. The main event
// is the first one whose action the title also names, else the first event
// of the text. Its date is the latest date, not after the anchor (the
// publication date), that stands in its sentence or in another sentence
// naming the same action ("…, sagte Peskow am Freitag"): dates after the
// anchor are what the event is about — the celebration an invitation is
// for — not when it happened. Without such a date it is the anchor. With no
// anchor, the main event's own time is used, which is only ever an explicit
// date of the text (never one counted from the current time).
func eventDate(a *newsweave.Article, evs []newsweave.Event, acts []sentActs, anchor string) string {
	main := -1
	if a.Title != "" && len(evs) > 0 {
		tw, _ := tokenize(a.Title)
		tacts := map[string]bool{}
		for _, h := range findTriggers(tw) {
			tacts[h.action] = true
		}
		for k, e := range evs {
			if tacts[e.Action] && !e.Negated {
				main = k
				break
			}
		}
	}
	if main < 0 {
		for k, e := range evs {
			if !e.Negated {
				main = k
				break
			}
		}
	}
	if main < 0 {
		return anchor
	}
	ev := evs[main]
	limit, ok := timexStart(anchor)
	if !ok {
		return ev.Time
	}
	spans := []span{{ev.SentStart, ev.SentEnd}}
	for _, sa := range acts {
		for _, act := range sa.acts {
			if act == ev.Action && sa.sp.s != ev.SentStart {
				spans = append(spans, sa.sp)
				break
			}
		}
	}
	best, bestT := "", time.Time{}
	for _, t := range a.Times {
		if t.Type != newsweave.DATE && t.Type != newsweave.TIME {
			continue
		}
		in := false
		for _, sp := range spans {
			if t.Start >= sp.s && t.End <= sp.e {
				in = true
				break
			}
		}
		if !in {
			continue
		}
		st, ok := timexStart(t.Value)
		if !ok || st.After(limit) {
			continue
		}
		if best == "" || st.After(bestT) {
			best, bestT = t.Value, st
		}
	}
	if best == "" {
		return anchor
	}
	if d, _, ok := strings.Cut(best, "T"); ok {
		best = d // the day of a clock time or part of day
	}
	return best
}

// timexStart is the first day a TIMEX date value covers: YYYY, YYYY-MM,
// YYYY-MM-DD (with any time part), YYYY-Www, YYYY-Qn and seasons YYYY-SP.
// Other values (durations, _REF, BC, decades) report false.
func timexStart(v string) (time.Time, bool) {
	if len(v) < 4 {
		return time.Time{}, false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil {
		return time.Time{}, false
	}
	rest := v[4:]
	if d, _, ok := strings.Cut(rest, "T"); ok {
		rest = d
	}
	day := func(m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch {
	case rest == "":
		return day(1, 1), true
	case len(rest) == 3 && rest[0] == '-' && isDigits(rest[1:]):
		m, _ := strconv.Atoi(rest[1:])
		return day(m, 1), m >= 1 && m <= 12
	case len(rest) >= 6 && rest[0] == '-' && rest[3] == '-' && isDigits(rest[1:3]) && isDigits(rest[4:6]):
		m, _ := strconv.Atoi(rest[1:3])
		d, _ := strconv.Atoi(rest[4:6])
		return day(m, d), m >= 1 && m <= 12 && d >= 1 && d <= 31
	case strings.HasPrefix(rest, "-W") && len(rest) >= 4 && isDigits(rest[2:4]):
		w, _ := strconv.Atoi(rest[2:4])
		jan4 := day(1, 4) // ISO week 1 holds 4 January
		wd := int(jan4.Weekday()+6) % 7
		return jan4.AddDate(0, 0, -wd+7*(w-1)), w >= 1 && w <= 53
	case strings.HasPrefix(rest, "-Q") && len(rest) == 3 && rest[2] >= '1' && rest[2] <= '4':
		return day(int(rest[2]-'1')*3+1, 1), true
	}
	if m, ok := map[string]int{"-SP": 3, "-SU": 6, "-FA": 9, "-WI": 12}[rest]; ok {
		return day(m, 1), true
	}
	return time.Time{}, false
}
