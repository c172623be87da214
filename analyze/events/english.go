package events

import (
	"strings"

	"github.com/newsweave/newsweave"
)

// English news is SVO: the subject stands right before the verb, so roles
// are read outward from the trigger — the nearest participant to its left
// in the same clause acts, the first one to its right is the target. This
// differs from German, where the verb often closes the clause ("Putin hat
// Kim … eingeladen") and the first participant of the clause acts.

// reporting verbs open reported speech: the speaker is a source, and the
// subject of what is reported follows.
var reporting = map[string]bool{"said": true, "says": true, "told": true, "tells": true, "stated": true,
	"added": true, "according": true, "reported": true, "confirmed": true, "noted": true, "explained": true,
	"claimed": true, "wrote": true}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true, "it": true,
	"you": true}

// subordinators open a clause whose subject follows them.
var subordinators = map[string]bool{"if": true, "whether": true, "because": true, "when": true,
	"while": true, "although": true, "though": true, "after": true, "before": true, "since": true,
	"until": true, "unless": true}

var relatives = map[string]bool{"who": true, "which": true, "that": true, "whom": true}

// adjectival words before a participle make it an adjective ("most threatened", "fellow fired coaches").
var adjectival = map[string]bool{"most": true, "more": true, "very": true, "less": true, "least": true,
	"so": true, "fellow": true, "newly": true, "as": true}

// enPreps mark a noun phrase that is not a subject ("in a letter to Kim").
var enPreps = map[string]bool{"in": true, "on": true, "to": true, "with": true, "at": true, "for": true,
	"from": true, "by": true, "against": true, "after": true, "before": true, "about": true,
	"over": true, "into": true, "during": true, "under": true, "than": true, "between": true, "of": true,
	"near": true, "outside": true, "inside": true, "across": true}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"being": true, "get": true, "gets": true, "got": true, "gotten": true}

// adverbs and particles that may stand between auxiliary and verb.
var enFillers = map[string]bool{"not": true, "never": true, "also": true, "reportedly": true, "already": true,
	"formally": true, "officially": true, "later": true, "then": true, "n": true, "'": true, "’": true,
	"t": true, "just": true, "recently": true, "allegedly": true, "still": true, "first": true}

var plannedEN = map[string]bool{"will": true, "would": true, "ll": true, "shall": true, "may": true,
	"might": true, "could": true, "plans": true, "plan": true, "planned": true, "planning": true,
	"expected": true, "scheduled": true, "due": true, "intends": true, "intend": true, "hopes": true,
	"wants": true, "aims": true, "upcoming": true, "proposed": true, "possible": true, "potential": true,
	"future": true, "prepared": true, "ready": true, "threatened": true, "vowed": true, "promised": true}

var plannedDE = map[string]bool{"wird": true, "werden": true, "würde": true, "würden": true, "soll": true,
	"sollen": true, "sollte": true, "will": true, "wollen": true, "plant": true, "planen": true,
	"geplant": true, "geplante": true, "geplanten": true, "bevorstehende": true, "bevorstehenden": true,
	"künftig": true, "kommende": true, "zu": true, "beabsichtigt": true, "beabsichtigen": true,
	"plante": true, "planten": true, "wollte": true, "wollten": true, "werde": true}

var negEN = map[string]bool{"not": true, "never": true, "no": true, "refused": true, "declined": true,
	"failed": true, "denied": true, "without": true}

// english guesses the language of an article without a language tag.
func english(a *newsweave.Article, ws []word) bool {
	if a.Lang != "" {
		return strings.HasPrefix(strings.ToLower(a.Lang), "en")
	}
	en, de := 0, 0
	for k, w := range ws {
		if k > 300 {
			break
		}
		switch w.l {
		case "the", "and", "of", "was", "is", "to":
			en++
		case "der", "die", "und", "das", "ist", "nicht", "mit":
			de++
		}
	}
	return en > de
}

// passiveAt reports an English passive: a form of "be/get" right before
// the participle, adverbs allowed in between ("was formally invited").
func passiveAt(sw []word, k int) bool {
	if strings.HasSuffix(sw[k].l, "ing") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		if beForms[sw[j].l] {
			return true
		}
		// "was promoted and fired"
		coord := sw[j].l == "and" || j+1 < len(sw) && sw[j+1].l == "and" && !sw[j].punct // "was shot and killed"
		if !enFillers[sw[j].l] && !strings.HasSuffix(sw[j].l, "ly") && !coord {
			return false
		}
	}
	return false
}

// reducedRelative: a participle right after a common noun and before a
// preposition is a passive without "be" ("species threatened with
// extinction", "a girl killed by a stray bullet").
func reducedRelative(sw []word, k int, parts []int, info []enInfo) bool {
	if k < 1 || k+1 >= len(sw) || !strings.HasSuffix(sw[k].l, "ed") {
		return false
	}
	p := sw[k-1]
	if p.punct || beForms[p.l] || enFillers[p.l] || strings.HasSuffix(p.l, "ly") || determiners[p.l] ||
		pronouns[p.l] || relatives[p.l] || p.l == "and" || p.l == "had" || p.l == "has" || p.l == "have" || p.l == "having" {
		return false
	}
	for _, q := range parts {
		if info[q].end == k-1 {
			return false // "Obama visited", "Nichols murdered"
		}
	}
	n := sw[k+1].l
	return n == "by" || n == "with" || n == "in" || n == "on" || n == "at" || n == "for" || n == "," || n == "."
}

// targetPrep: the prepositions that may introduce an action's target; a
// direct object (no preposition) always may.
func targetPrep(action, prep string) bool {
	switch prep {
	case "":
		return true
	case "to":
		return action == "visit" || action == "invite" || action == "arms" || action == "appeal" || action == "support"
	case "with":
		return action == "meet" || action == "sign" || action == "reject"
	case "on", "against", "at":
		return action == "appeal" && prep == "on" || action == "sanction" || action == "threaten" || action == "criticize" || action == "attack" || action == "accuse"
	case "from":
		return action == "reject" || action == "accept"
	case "of":
		return action == "resign"
	case "between":
		return action == "meet"
	}
	return false
}

// attributive words before a participle make it an adjective ("all supported versions").
var attributive = map[string]bool{"the": true, "a": true, "an": true, "all": true, "its": true, "their": true,
	"his": true, "her": true, "our": true, "any": true}

// plannedAt: a modal, a plan word or an infinitive "to" shortly before the
// trigger (English), or a future/modal auxiliary in the clause (German).
func plannedAt(sw []word, k int, en bool) bool {
	if en {
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			w := sw[j].l
			if w == "," || w == ";" || w == "." {
				return false
			}
			if w == "to" && j == k-1 && j > 0 && negEN[sw[j-1].l] {
				return false // "refused to sign" did not happen: negated, not planned
			}
			if plannedEN[w] || w == "to" && j == k-1 && !sw[k].punct || w == "going" && j+1 < len(sw) && sw[j+1].l == "to" {
				return true
			}
		}
		return false
	}
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		w := sw[j].l
		if w == "," || w == ";" {
			break
		}
		if (w == "wird" || w == "werden" || w == "werde" || w == "würde" || w == "würden") && participle(sw[k].l) {
			continue // "wird festgenommen": a present passive, not a plan
		}
		if plannedDE[w] && (w != "zu" || j == k-1) {
			return true
		}
	}
	return false
}

// negatedEN looks back from the trigger within its clause: "did not sign",
// "never visited", "refused to meet", "no sanctions", "didn't".
func negatedEN(sw []word, k int) bool {
	// "denied that Putin had met Prigozhin"
	for j := k - 1; j >= 1 && j >= k-8; j-- {
		if w := sw[j].l; w == ";" || w == "," || w == "." {
			break
		}
		if sw[j].l == "that" && (sw[j-1].l == "denied" || sw[j-1].l == "denies" || sw[j-1].l == "deny") {
			return true
		}
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		w := sw[j].l
		if w == "," || w == ";" || w == "." || w == ":" {
			return false
		}
		if negEN[w] || w == "t" && j > 0 && (sw[j-1].l == "'" || sw[j-1].l == "’") {
			return true
		}
	}
	return false
}

type pair struct{ actor, target *cand }

// enInfo is per-candidate syntax for the English role rules.
type enInfo struct {
	end     int    // word index of the last word of the mention
	prep    string // preposition right before the mention (after an article)
	speaker bool   // followed by a reporting verb: "Peskow said", "Russia's ministry said"
	poss    bool   // followed by "'s"
}

func enInfos(sw []word, cands []cand, wordAt func(int) int) []enInfo {
	out := make([]enInfo, len(cands))
	for k := range cands {
		c := &cands[k]
		in := &out[k]
		in.end = wordAt(c.m.End - 1)
		j := c.wi - 1
		for j >= 0 && (sw[j].l == "the" || sw[j].l == "a" || sw[j].l == "an") {
			j--
		}
		if j >= 0 && enPreps[sw[j].l] {
			in.prep = sw[j].l
		}
		e := in.end
		if e+1 < len(sw) && (sw[e+1].l == "'" || sw[e+1].l == "’") &&
			(e+2 < len(sw) && sw[e+2].l == "s" || strings.HasSuffix(sw[e].l, "s")) {
			in.poss = true // "Putin's", "Cheeks' "
		}
		// up to four words ("'s spokesman", "foreign ministry") to a reporting verb
		for j := e + 1; j < len(sw) && j <= e+5; j++ {
			if reporting[sw[j].l] && sw[j].l != "according" {
				in.speaker = true
				break
			}
			if sw[j].punct && sw[j].l != "'" && sw[j].l != "’" {
				break
			}
			if startsCand(cands, j) {
				break
			}
		}
		if c.source {
			in.speaker = true
		}
	}
	return out
}

func startsCand(cands []cand, wi int) bool {
	for k := range cands {
		if cands[k].wi == wi {
			return true
		}
	}
	return false
}

// rolesEN pairs actors and targets for one trigger of an English sentence.
func rolesEN(sw []word, h hit, cands []cand, info []enInfo) (pairs []pair, place *cand) {
	var parts []int
	for k := range cands {
		c := &cands[k]
		if c.place {
			if place == nil || (c.wi > h.wi && (place.wi < h.wi || c.wi < place.wi)) {
				place = c
			}
			continue
		}
		if c.source || h.action == "accuse" && c.charge {
			continue
		}
		parts = append(parts, k)
	}
	// "Russia's President Vladimir Putin", "U.S. Secretary of State John Kerry": the person acts
	var kept []int
	for i, k := range parts {
		c := &cands[k]
		if c.m.Type != newsweave.PER && i+1 < len(parts) {
			nx := &cands[parts[i+1]]
			if nx.m.Type == newsweave.PER && nx.wi-info[k].end <= 5 && titleOnly(sw, info[k].end+1, nx.wi) &&
				(nx.wi < h.wi) == (c.wi < h.wi) {
				continue
			}
		}
		kept = append(kept, k)
	}
	parts = kept

	endAt := make(map[int]int, len(parts))
	for _, k := range parts {
		if _, ok := endAt[info[k].end]; !ok {
			endAt[info[k].end] = k
		}
	}
	// subject: walk left from the trigger
	subject := func() int {
		allowSpeaker := false
		candAt := func(j int) int {
			if k, ok := endAt[j]; ok {
				return k
			}
			return -1
		}
		for j := h.wi - 1; j >= 0 && (allowSpeaker || j >= h.wi-12); j-- {
			w := sw[j].l
			if w == ")" { // skip an aside: "Klitschko (52-3, 46 KOs) won"
				for j > 0 && sw[j].l != "(" {
					j--
				}
				continue
			}
			if w == ";" || w == ":" || subordinators[w] {
				return -1
			}
			if pronouns[w] {
				// "Obama said (that) he would visit China": the speaker is the subject;
				// any other pronoun subject is unresolved
				r := j - 1
				if r >= 0 && sw[r].l == "that" {
					r--
				}
				if r >= 0 && reporting[sw[r].l] {
					allowSpeaker = true
					j = r
					continue
				}
				return -1
			}
			if reporting[w] {
				return -1
			}
			if relatives[w] {
				// "Reid, who launched …": the antecedent acts; "a team that had signed …" has none
				a := j - 1
				if a >= 0 && sw[a].l == "," {
					a--
				}
				if a >= 0 {
					if k := candAt(a); k >= 0 && !info[k].speaker {
						return k
					}
				}
				return -1
			}
			k := candAt(j)
			if k < 0 {
				continue
			}
			if info[k].speaker && !allowSpeaker {
				return -1
			}
			if info[k].prep != "" {
				continue // in a prepositional phrase
			}
			if info[k].poss && !h.noun && cands[k].m.Type == newsweave.PER {
				return -1 // "Lopez's brother threatened": someone else acts
			}
			return k // "Russia's army attacked": the country acts through its organ
		}
		return -1
	}
	// coordination: "Germany, France and Italy signed"
	coordLeft := func(k int) []int { // in text order
		out := []int{k}
		for {
			cur := out[len(out)-1]
			prev := -1
			for _, p := range parts {
				if info[p].end < cands[cur].wi {
					prev = p
				}
			}
			if prev < 0 || !onlyCoord(sw, info[prev].end+1, cands[cur].wi) || info[prev].speaker || len(out) >= maxCoord {
				out = listOnly(sw, out, info, cands)
				reverse(out)
				return out
			}
			out = append(out, prev)
		}
	}
	coordRight := func(k int) []int {
		out := []int{k}
		for {
			cur := out[len(out)-1]
			next := -1
			for _, p := range parts {
				if cands[p].wi > info[cur].end {
					next = p
					break
				}
			}
			if next < 0 || !onlyCoord(sw, info[cur].end+1, cands[next].wi) || info[next].speaker || len(out) >= maxCoord {
				return listOnly(sw, out, info, cands)
			}
			out = append(out, next)
		}
	}
	var passive bool
	// object: the first participant right of the trigger in its clause
	object := func(skip func(int) bool) int {
		var pref = -1
		first := -1
		stop := h.wi + 1 // the clause ends at punctuation, speech or a subordinate clause
		for stop < len(sw) && stop <= h.wi+30 {
			if w := sw[stop].l; w == ";" || w == "," || reporting[w] || subordinators[w] {
				break
			}
			stop++
		}
		for _, k := range parts {
			j := cands[k].wi
			if j <= h.wi || j >= stop || skip(k) || !targetPrep(h.action, info[k].prep) && !(passive && info[k].prep == "by") ||
				info[k].poss && j-h.wi > 3 {
				continue
			}
			if first < 0 || j < cands[first].wi {
				first = k
			}
			if cands[k].after && (pref < 0 || j < cands[pref].wi) {
				pref = k
			}
		}
		if pref >= 0 && (h.action == "sanction" || h.action == "threaten" || h.action == "criticize" || h.action == "attack") {
			return pref
		}
		return first
	}

	var actors, targets []int
	if bareForm(sw, h) {
		return nil, place
	}
	if h.wi > 0 && (adjectival[sw[h.wi-1].l] || sw[h.wi-1].l == "-" ||
		strings.HasSuffix(sw[h.wi].l, "ed") && attributive[sw[h.wi-1].l]) ||
		h.wi+1 < len(sw) && sw[h.wi+1].l == "off" {
		// "most threatened", "in-the-wild attacks", "all supported versions", "signed off on"
		return nil, place
	}
	if !h.noun && nounContext(sw, h.wi) {
		h.noun = true // "Putin's visit", "the attack", "signs of"
	}
	if w := sw[h.wi].l; !h.noun && h.wi > 0 && len(triggers[w+"s"]) > 0 && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing") {
		// a base form after a plain word is a noun ("the Israeli attack", "a previous arrest");
		// as a verb it follows an auxiliary, "to", a pronoun or its subject's name
		p := sw[h.wi-1].l
		if _, subj := endAt[h.wi-1]; !subj && !auxBefore[p] && !pronouns[p] && p != "and" && p != "or" && !sw[h.wi-1].punct &&
			!enFillers[p] && !strings.HasSuffix(p, "ly") && p != "they" {
			h.noun = true
		}
	}
	reduced := !h.noun && !passiveAt(sw, h.wi) && reducedRelative(sw, h.wi, parts, info)
	passive = !h.noun && (passiveAt(sw, h.wi) || reduced)
	if !passive && !h.noun && strings.HasSuffix(sw[h.wi].l, "ed") && h.wi > 0 && sw[h.wi-1].l == "," {
		// reduced passive: "Alvarez and Brandt, signed in the spring by Leeds"
		for j := h.wi + 1; j < len(sw) && j <= h.wi+8 && sw[j].l != "," && sw[j].l != ";"; j++ {
			if sw[j].l == "by" {
				passive = true
			}
		}
	}
	// "…, killing four people", "…, having signed": the participle's subject is the main clause's, too far to tell
	participle := !h.noun && h.wi > 0 && (strings.HasSuffix(sw[h.wi].l, "ing") && sw[h.wi-1].l == "," ||
		sw[h.wi-1].l == "having" && h.wi > 1 && sw[h.wi-2].l == ",")
	switch {
	case passive && !selfActions[h.action] && h.action != "win":
		// the noun a reduced relative modifies is not a name ("species threatened with …")
		if s := subject(); s >= 0 && !reduced {
			targets = coordLeft(s)
		}
		if a := object(func(k int) bool { return info[k].prep != "by" }); a >= 0 {
			actors = coordRight(a)
		}
	case h.noun:
		// "Putin's visit", "a visit by Putin", "an invitation from Kim", "talks between X and Y"
		a := -1
		for _, k := range parts {
			if info[k].poss && info[k].end < h.wi && h.wi-info[k].end <= 5 && !between(sw, info[k].end, h.wi, ",", ";") {
				a = k
			}
		}
		agent := func(k int) bool {
			return cands[k].wi > h.wi && (info[k].prep == "by" || info[k].prep == "from" ||
				info[k].prep == "of" && cands[k].wi-h.wi <= 3 && agentOf[h.action])
		}
		if a < 0 {
			for _, k := range parts {
				if agent(k) && cands[k].wi-h.wi <= 6 {
					a = k
					break
				}
			}
		}
		if a < 0 {
			for _, k := range parts {
				if info[k].prep == "between" && cands[k].wi > h.wi && cands[k].wi-h.wi <= 3 {
					a = k
					break
				}
			}
		}
		if a < 0 {
			a = nounSubject(sw, h, parts, cands, info, subject)
		}
		if a >= 0 {
			actors = coordLeft(a)
		}
		if t := object(func(k int) bool { return k == a || agent(k) || sameEntity(cands[k].m, cands[max(a, 0)].m) && a >= 0 }); t >= 0 {
			targets = coordRight(t)
		}
	default:
		if s := subject(); s >= 0 && !participle {
			actors = coordLeft(s)
		}
		// what is signed is a document: the partner is "with X"
		if t := object(func(k int) bool {
			return h.action == "sign" && info[k].prep != "with"
		}); t >= 0 {
			targets = coordRight(t)
		}
	}
	// "Putin and Kim met": one partner acts, the other is the target
	if len(targets) == 0 && symmetric[h.action] && len(actors) > 1 {
		actors, targets = actors[:1], actors[1:]
	}
	// without an actor only an agentless passive ("Assange was arrested")
	// or an action centred on its victim ("a gunman killed X") is kept
	if len(targets) == 0 && len(actors) == 0 || len(actors) == 0 && (h.noun || !passive && !needsPerson[h.action] && h.action != "kill") {
		return nil, place
	}
	// "welcomed" hosts a person ("welcomed Xi"), otherwise it welcomes a decision
	if (sw[h.wi].l == "welcomed" || sw[h.wi].l == "welcomes") && (len(targets) == 0 || cands[targets[0]].m.Type != newsweave.PER) {
		return nil, place
	}
	// a host receives people or delegations of countries, not shows or events
	if h.action == "host" && len(targets) > 0 && cands[targets[0]].m.Type != newsweave.PER && cands[targets[0]].m.Type != newsweave.LOC {
		return nil, place
	}
	if h.action == "win" {
		targets = nil // what is won is a title or a game
	}
	if len(actors) == 0 && !passive && len(targets) > 0 && cands[targets[0]].wi-h.wi > 5 {
		return nil, place // an unnamed agent ("police arrested X"): the victim follows the verb closely
	}
	if needsPerson[h.action] || h.action == "kill" && len(targets) > 0 {
		var ts []int
		for _, t := range targets {
			if cands[t].m.Type == newsweave.PER {
				ts = append(ts, t)
			}
		}
		switch {
		case len(ts) > 0:
			targets = ts
		case len(actors) > 0 && !passive && h.action != "kill" && personNounAfter(sw, h.wi):
			targets = nil // "Hamas released four hostages"
		default:
			return nil, place
		}
	}
	ac := func(k int) *cand {
		if k < 0 {
			return nil
		}
		return &cands[k]
	}
	if len(actors) == 0 {
		actors = []int{-1}
	}
	if len(targets) == 0 {
		targets = []int{-1}
	}
	for _, a := range actors {
		for _, t := range targets {
			if a >= 0 && t >= 0 && sameEntity(cands[a].m, cands[t].m) {
				continue
			}
			if len(pairs) < 6 {
				pairs = append(pairs, pair{ac(a), ac(t)})
			}
		}
	}
	return pairs, place
}

// lightVerbs carry a noun trigger whose actor is their subject ("held
// talks", "imposed sanctions", "extended an invitation", "paid a visit").
var lightVerbs = map[string]bool{"held": true, "hold": true, "holds": true, "holding": true, "had": true,
	"has": true, "have": true, "extended": true, "extends": true, "extend": true, "issued": true,
	"issues": true, "sent": true, "sends": true, "made": true, "makes": true, "make": true, "launched": true,
	"launches": true, "launch": true, "imposed": true, "imposes": true, "impose": true, "announced": true,
	"announces": true, "began": true, "begins": true, "started": true, "conducted": true, "carried": true,
	"staged": true, "attended": true, "attends": true, "attend": true, "joined": true, "joins": true,
	"paid": true, "pays": true, "pay": true, "opened": true, "resumed": true, "agreed": true}

var determiners = map[string]bool{"a": true, "an": true, "the": true, "new": true, "further": true,
	"fresh": true, "first": true, "state": true, "official": true, "formal": true, "its": true,
	"their": true, "his": true, "her": true, "tough": true, "more": true, "economic": true, "direct": true,
	"high-level": true, "bilateral": true, "two-day": true, "three-day": true, "planned": true, "upcoming": true}

// nounSubject finds the actor of a nominal trigger standing before it: a
// name used attributively ("U.S. sanctions") or the subject of a light
// verb ("the EU imposed new sanctions"). A trigger in a prepositional
// phrase ("invited Trump to the summit") or the object of another verb
// ("condemned the attack") has no actor to its left.
func nounSubject(sw []word, h hit, parts []int, cands []cand, info []enInfo, subject func() int) int {
	for j := h.wi - 1; j >= 0 && j >= h.wi-5; j-- {
		for _, k := range parts {
			if info[k].end == j && (info[k].prep == "" || info[k].prep == "of") && !info[k].speaker {
				return k
			}
		}
		w := sw[j].l
		if lightVerbs[w] {
			if needsPerson[h.action] || h.action == "kill" {
				return -1 // "X had a previous arrest": the subject underwent it
			}
			return subject()
		}
		if !determiners[w] {
			return -1
		}
	}
	return -1
}

// bareForm rejects base forms that are nouns or titles unless an auxiliary
// makes them verbs ("MTV host Carson Daly" vs "will host Putin"), and
// "elected to stop" / "two wins shy".
func bareForm(sw []word, h hit) bool {
	w := sw[h.wi].l
	prev := ""
	if h.wi > 0 {
		prev = sw[h.wi-1].l
	}
	if w == "host" {
		return !auxBefore[prev]
	}
	if h.action == "win" {
		return h.wi+1 < len(sw) && sw[h.wi+1].l == "to" || isDigits(prev) || numberWords[prev]
	}
	return false
}

var auxBefore = map[string]bool{"to": true, "will": true, "would": true, "can": true, "could": true, "may": true,
	"might": true, "shall": true, "did": true, "does": true, "do": true, "not": true, "t": true, "ll": true,
	"must": true, "should": true}

var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true, "consecutive": true, "straight": true}

// nounContext: a verb form used as a noun after a determiner or a
// possessive ("the attack", "Putin's visit", "a planned visit").
func nounContext(sw []word, k int) bool {
	if k == 0 {
		return false
	}
	if k+1 < len(sw) && sw[k+1].l == "of" && !strings.HasSuffix(sw[k].l, "ed") {
		return true
	}
	if enPreps[sw[k-1].l] && sw[k-1].l != "to" {
		return true // after a preposition: "in signing", "after meeting", "with wins from"
	}
	switch p := sw[k-1].l; p {
	case "a", "an", "the", "his", "her", "its", "their", "this", "that", "planned", "upcoming", "first", "state":
		return true
	case "s":
		return k >= 2 && (sw[k-2].l == "'" || sw[k-2].l == "’")
	}
	return false
}

// agentOf actions name their actor in "the visit of X"; for others "of X"
// is the one acted on ("the arrest of X").
var agentOf = map[string]bool{"visit": true, "meet": true, "resign": true, "die": true, "win": true, "host": true}

// personNouns stand for people who are no named entity.
var personNouns = map[string]bool{"hostage": true, "hostages": true, "prisoner": true, "prisoners": true,
	"detainee": true, "detainees": true, "captive": true, "captives": true, "suspect": true, "suspects": true}

func personNounAfter(sw []word, k int) bool {
	for j := k + 1; j < len(sw) && j <= k+5; j++ {
		if personNouns[sw[j].l] {
			return true
		}
	}
	return false
}

// titleOnly: the words between a country and a person only make a title
// ("Russia's President", "Turkey's foreign minister"), no verb or clause.
func titleOnly(sw []word, a, b int) bool {
	for j := a; j < b && j < len(sw); j++ {
		w := sw[j].l
		if w == "," || w == "and" || reporting[w] || w != "of" && enPreps[w] || beForms[w] ||
			strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") && w != "designated" {
			return false
		}
	}
	return true
}

// maxCoord bounds a coordinated list ("A, B, C and D"): longer ones are
// enumerations, not parties to one event, and would cost quadratic time.
const maxCoord = 6

// needsPerson actions take a person as target: "released a statement" or
// "dismissed the claims" are not events of these kinds.
var needsPerson = map[string]bool{"release": true, "fire": true, "appoint": true, "arrest": true}

func reverse(xs []int) {
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// listOnly keeps a chain of mentions joined by commas only when an "and"
// joins it somewhere: "Israel, Benjamin Netanyahu, rejected" is an
// apposition, "Germany, France and Italy" a list.
func listOnly(sw []word, chain []int, info []enInfo, cands []cand) []int {
	if len(chain) < 2 {
		return chain
	}
	for i := 1; i < len(chain); i++ {
		a, b := chain[i-1], chain[i]
		if cands[b].wi < cands[a].wi {
			a, b = b, a
		}
		if between(sw, info[a].end, cands[b].wi, "and", "&") {
			return chain
		}
	}
	return chain[:1]
}

// onlyCoord: the words between two mentions only join them ("and", ",",
// "as well as", "the").
func onlyCoord(sw []word, a, b int) bool {
	join := false
	for j := a; j < b && j < len(sw); j++ {
		switch sw[j].l {
		case "and", ",", "&":
			join = true
		case "the", "as", "well", "both":
		default:
			return false
		}
	}
	return join
}
