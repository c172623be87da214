package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page furniture of crawled dumps that the anchored rules in lines.go cannot
// list word by word: navigation menus and breadcrumbs ("Politik | Wirtschaft
// | Sport", "Startseite › Politik › Ausland"), consent prompts without the
// word "cookie" ("Zustimmen und weiter | Ablehnen") and the masthead (the
// outlet's name above them). They are recognised by their shape.

// menuSeps separate the items of a menu or breadcrumb.
const menuSeps = "|›>•·»"

// crumbSeps are the separators of a breadcrumb trail, which may be as short
// as two items ("Politik › Ausland").
const crumbSeps = "›>»"

// menuLine reports whether line is a navigation menu or breadcrumb, possibly
// after an outlet name and a colon ("Landbote: Stadt | Region | Sport"); the
// name is returned as prefix.
func menuLine(line string) (prefix string, ok bool) {
	if len(line) > 300 {
		return "", false
	}
	if !hasMenuSep(line) {
		return "", spaceMenu(line)
	}
	if isMenu(line) {
		return "", true
	}
	if i := strings.Index(line, ": "); i > 0 && i <= 80 {
		head, rest := strings.TrimSpace(line[:i]), line[i+2:]
		if wordCount(head) <= 8 && isMenu(rest) {
			return head, true
		}
	}
	return "", false
}

// hasMenuSep is strings.ContainsAny(s, menuSeps) on bytes: most lines have
// none, and this runs for every line.
func hasMenuSep(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '|' || c == '>':
			return true
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xBA || s[i+2] == 0xA2): // › •
			return true
		case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xB7 || s[i+1] == 0xBB): // · »
			return true
		}
	}
	return false
}

// isMenu: three or more short items (two for a breadcrumb) separated by
// menu separators, most of them capitalised, none a sentence.
func isMenu(s string) bool {
	crumb := strings.ContainsAny(s, crumbSeps)
	items := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(menuSeps, r) })
	n, upper, lower, maxWords := 0, 0, 0, 0
	for _, it := range items {
		it = strings.Trim(it, " []")
		if it == "" {
			continue
		}
		n++
		w := wordCount(it)
		if w > 3 || len(it) > 32 || strings.ContainsRune(it, ':') {
			return false
		}
		maxWords = max(maxWords, w)
		if r, _ := utf8.DecodeLastRuneInString(it); strings.ContainsRune(".!?,;:", r) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(it)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
			upper++
		case unicode.IsLower(r):
			lower++
		default:
			if !unicode.IsLetter(r) {
				return false // "%", quotes, dashes: not a menu item
			}
		}
	}
	if n < 2 || n == 2 && (!crumb || maxWords > 2) {
		return false
	}
	return upper*3 >= n*2 && lower <= 1
}

// sectionWords are common names of newspaper sections and site menu entries
// (German and English); a line made of them is a menu even without
// separators ("Startseite Politik Wirtschaft Sport Kultur").
var sectionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`home startseite news nachrichten aktuell aktuelles politik wirtschaft finanzen
		geld börse märkte unternehmen karriere jobs energie sport fußball kultur feuilleton wissen wissenschaft
		gesundheit panorama gesellschaft leben reise reisen auto mobilität digital technik tech netzwelt meinung
		kommentare region regionales regional lokales lokal stadt land deutschland ausland inland welt
		international video videos podcast podcasts bilder fotos service wetter abo e-paper epaper shop
		anzeigen immobilien tests ratgeber verbraucher newsletter suche login kontakt archiv themen ressorts
		world business politics economy markets money finance sports culture arts opinion science technology
		climate environment health travel entertainment style food weather local national europe us uk
		lifestyle more menu search subscribe photos media investigations obituaries books music film`) {
		sectionWords[w] = true
	}
}

// spaceMenu recognises a menu flattened to capitalised words ("Home Region
// Politik Wirtschaft Sport Kultur"): four or more capitalised words, no
// punctuation, at least half of them (and two) common section names.
func spaceMenu(line string) bool {
	if len(line) > 160 || len(line) < 15 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(line); !unicode.IsUpper(r) {
		return false
	}
	hits, n := 0, 0
	for w := range strings.FieldsSeq(line) {
		if n++; n > 14 {
			return false
		}
		if w == "&" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-' {
				return false
			}
		}
		if sectionWords[strings.ToLower(w)] {
			hits++
		}
	}
	return n >= 4 && hits >= 2 && hits*2 >= n
}

// consentWords are the buttons of consent prompts.
var consentWords = []string{"akzeptieren", "ablehnen", "zustimmen", "einwilligen", "anpassen",
	"verstanden", "einverstanden", "nur notwendige", "einstellungen", "accept", "reject", "decline",
	"agree", "i agree", "manage settings", "manage preferences", "preferences", "necessary only",
	"got it", "refuse", "accepter", "refuser", "aceptar", "rechazar"}

// consentLine recognises a consent prompt that does not name cookies
// ("Zustimmen und weiter | Ablehnen", "Datenschutz-Einstellungen: Akzeptieren
// | Anpassen"): at least two different button words, each standing like a
// button, next to a "|", inside "[…]" or at the start or end of the line (so
// that a quoted "[…] akzeptieren oder ablehnen" stays text).
func consentLine(line string) bool {
	if len(line) > 400 || !strings.ContainsAny(line, "|[") {
		return false
	}
	lower := strings.ToLower(line)
	n := 0
	for _, w := range consentWords {
		if i := strings.Index(lower, w); i >= 0 && wordAt(lower, i, len(w)) && buttonAt(lower, i, len(w)) {
			n++
		}
	}
	return n >= 2
}

// buttonAt reports whether s[i:i+n] borders a button separator or the line's
// ends (spaces aside).
func buttonAt(s string, i, n int) bool {
	left := strings.TrimRight(s[:i], " ")
	right := strings.TrimLeft(s[i+n:], " ")
	return left == "" || right == "" || strings.HasSuffix(left, "|") || strings.HasSuffix(left, "[") ||
		strings.HasPrefix(right, "|") || strings.HasPrefix(right, "]")
}

// wordAt reports whether s[i:i+n] starts and ends at word boundaries on the
// left and is followed by a non-letter (so "accept" does not match inside
// "unacceptable", but "zustimmen" matches "Zustimmen und weiter").
func wordAt(s string, i, n int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsLetter(r) {
			return false
		}
	}
	if i+n < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i+n:])
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// mastheadName returns the outlet name of a masthead line: the part before a
// tagline or section separator ("Vorstadt-Bote – Nachrichten aus …",
// "WESTERN COURIER | Politics").
func mastheadName(line string) string {
	name := line
	for _, sep := range []string{" | ", " – ", " — ", " - ", ": ", " · ", " • "} {
		if i := strings.Index(name, sep); i > 0 {
			name = name[:i]
		}
	}
	name = strings.TrimSpace(name)
	if wordCount(name) > 5 || len(name) < 3 {
		return ""
	}
	return name
}

// isMasthead reports whether lines[i], a headline-like line at the top of
// the dump, is the outlet's name: the next line of the same block is a
// consent prompt or a menu, and the next content line further down is
// headline-like.
func isMasthead(lines []tline, i int) bool {
	l := lines[i]
	if l.reason != "" || wordCount(l.text) > 10 || !headlineLike(l.text) || i+1 >= len(lines) || lines[i+1].blank {
		return false
	}
	next := lines[i+1]
	if next.reason != ReasonCookie && !(next.reason == ReasonNav && isMenuText(next.text)) {
		return false
	}
	// The first line of content further down must be a headline, not prose
	// (else lines[i] was the headline itself).
	for k := i + 2; k < len(lines) && k < i+20; k++ {
		if t := lines[k].text; lines[k].reason == "" && !metaLine(t) {
			return headlineLike(t)
		}
	}
	return false
}

func isMenuText(s string) bool { _, ok := menuLine(s); return ok }

// copyrightName reads the outlet from a footer credit ("© Vorstadt-Bote
// 2024", "(c) 2022 Western Courier", "© Vorstadt-Bote – Alle Rechte
// vorbehalten"); agencies are not outlets.
func copyrightName(line string) string {
	if len(line) > 120 {
		return ""
	}
	rest := ""
	for _, mark := range []string{"©", "(c)", "(C)", "Copyright"} {
		if i := strings.Index(line, mark); i >= 0 {
			rest = line[i+len(mark):]
			break
		}
	}
	if rest == "" {
		return ""
	}
	words := strings.Fields(rest)
	var name []string
	for _, w := range words {
		if isYear(w) {
			if len(name) > 0 {
				break
			}
			continue
		}
		if strings.ContainsAny(w, "|·•–—-") && len([]rune(w)) == 1 {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			break
		}
		name = append(name, strings.TrimRight(w, ".,;"))
		if len(name) == 5 {
			break
		}
	}
	s := strings.Join(name, " ")
	if len(s) < 3 || len(agenciesIn(s)) > 0 || containsAny(strings.ToLower(s), []string{"image", "photo", "foto", "bild", "picture", "getty"}) {
		return ""
	}
	return s
}

func isYear(w string) bool {
	w = strings.Trim(w, ".,;")
	if len(w) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// markTeaserLists marks the links listed under a teaser header that stands
// alone ("Lesen Sie auch:", "Related:"): the headline-like lines of the same
// block below it are teasers too.
func markTeaserLists(lines []tline) {
	for i := 0; i < len(lines); i++ {
		if lines[i].reason != ReasonTeaser || lines[i].tail || !strings.HasSuffix(lines[i].text, ":") {
			continue
		}
		for k := i + 1; k < len(lines) && k <= i+8 && !lines[k].blank && lines[k].reason == "" && headlineLike(lines[k].text); k++ {
			lines[k].reason = ReasonTeaser
		}
	}
}

// metaLine: a date or byline, which is never the headline under a kicker.
func metaLine(s string) bool {
	if _, ok := dateOnlyLine(s); ok {
		return true
	}
	return authorLine(s) != nil
}
