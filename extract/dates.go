package extract

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze/timex"
	"golang.org/x/net/html"
)

// normaliseISODate reads a date at the start of s (2006-01-02, with or
// without a time part, or RFC 1123 as in HTTP/WARC headers) and returns it
// as an ISO date.
func normaliseISODate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil && validYear(t.Year()) {
			return t.Format("2006-01-02"), true
		}
	}
	for _, layout := range []string{time.RFC1123, time.RFC1123Z, time.RFC850, time.ANSIC} {
		if t, err := time.Parse(layout, s); err == nil && validYear(t.Year()) {
			return t.Format("2006-01-02"), true
		}
	}
	if t, ok := parseDateString(s); ok {
		return t, true
	}
	return "", false
}

func validYear(y int) bool { return y >= 1990 && y <= time.Now().Year()+1 }

var (
	urlDateRe  = regexp.MustCompile(`/((?:19|20)\d{2})[/\-_.]?(0[1-9]|1[0-2])[/\-_.]?(0[1-9]|[12]\d|3[01])(?:[/\-_.]|$)`)
	urlMonthRe = regexp.MustCompile(`/((?:19|20)\d{2})/(0[1-9]|1[0-2])/`)
)

// dateFromURL reads a date like /2014/11/18/ or /2014-11-18- from a URL.
func dateFromURL(u string) (string, bool) {
	if u == "" {
		return "", false
	}
	if m := urlDateRe.FindStringSubmatch(u); m != nil {
		d := m[1] + "-" + m[2] + "-" + m[3]
		if t, err := time.Parse("2006-01-02", d); err == nil && validYear(t.Year()) {
			return d, true
		}
	}
	return "", false
}

// monthFromURL reads a year and month like /2014/11/ from a URL.
func monthFromURL(u string) (string, bool) {
	if m := urlMonthRe.FindStringSubmatch(u); m != nil {
		y, _ := strconv.Atoi(m[1])
		if validYear(y) {
			return m[1] + "-" + m[2], true
		}
	}
	return "", false
}

// months maps German and English month names and abbreviations to numbers.
var months = map[string]int{
	"januar": 1, "jänner": 1, "jaenner": 1, "january": 1, "jan": 1,
	"februar": 2, "feber": 2, "february": 2, "feb": 2,
	"märz": 3, "maerz": 3, "march": 3, "mär": 3, "mar": 3, "mrz": 3,
	"april": 4, "apr": 4,
	"mai": 5, "may": 5,
	"juni": 6, "june": 6, "jun": 6,
	"juli": 7, "july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9,
	"oktober": 10, "october": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11,
	"dezember": 12, "december": 12, "dez": 12, "dec": 12,
}

var (
	// 2023-09-15, 15.09.2023, 15.9.23, 15/09/2023
	isoDateRe = regexp.MustCompile(`\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b`)
	dotDateRe = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)?\d{2})\b`)
	// 15. September 2023, 15 Sep 2023
	dmyRe = regexp.MustCompile(`(?i)\b(\d{1,2})\.?\s+(\p{L}{3,9})\.?,?\s+((?:19|20)\d{2})\b`)
	// Sep 15, 2023 / September 15 2023
	mdyRe = regexp.MustCompile(`(?i)\b(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`)
)

// parseDateString finds the first complete calendar date (day, month, year)
// in s in a common German or English notation.
func parseDateString(s string) (string, bool) {
	type cand struct {
		pos     int
		y, m, d int
	}
	best := cand{pos: -1}
	consider := func(pos, y, m, d int) {
		if y < 100 {
			y += 2000
		}
		if m < 1 || m > 12 || d < 1 || d > 31 || !validYear(y) {
			return
		}
		if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); t.Day() != d {
			return
		}
		if best.pos < 0 || pos < best.pos {
			best = cand{pos, y, m, d}
		}
	}
	for _, m := range isoDateRe.FindAllStringSubmatchIndex(s, 2) {
		consider(m[0], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	for _, m := range dotDateRe.FindAllStringSubmatchIndex(s, 2) {
		consider(m[0], atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]]))
	}
	for _, m := range dmyRe.FindAllStringSubmatchIndex(s, 2) {
		if mon, ok := months[strings.ToLower(s[m[4]:m[5]])]; ok {
			consider(m[0], atoi(s[m[6]:m[7]]), mon, atoi(s[m[2]:m[3]]))
		}
	}
	for _, m := range mdyRe.FindAllStringSubmatchIndex(s, 2) {
		if mon, ok := months[strings.ToLower(s[m[2]:m[3]])]; ok {
			consider(m[0], atoi(s[m[6]:m[7]]), mon, atoi(s[m[4]:m[5]]))
		}
	}
	if best.pos < 0 {
		return "", false
	}
	return time.Date(best.y, time.Month(best.m), best.d, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// publishedMetaNames are <meta> names/properties that state the original
// publication date (not the modification date).
var publishedMetaNames = map[string]bool{
	"article:published_time": true, "og:published_time": true, "og:article:published_time": true,
	"datepublished": true, "date": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"publish_date": true, "published_time": true, "sailthru.date": true, "dc.date": true,
	"dc.date.issued": true, "dcterms.date": true, "dcterms.issued": true, "dc.date.created": true,
	"parsely-pub-date": true, "cxenseparse:recs:publishtime": true, "article.published": true,
	"date_published": true, "originalpublicationdate": true, "citation_publication_date": true,
}

// publishedMeta returns the publication date stated by JSON-LD
// (datePublished) or publication <meta> tags, or "".
func publishedMeta(root *html.Node) string {
	var meta, ld string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				if meta == "" {
					var key, content string
					for _, at := range n.Attr {
						switch strings.ToLower(at.Key) {
						case "name", "property", "itemprop", "http-equiv":
							if key == "" || publishedMetaNames[strings.ToLower(at.Val)] {
								key = strings.ToLower(at.Val)
							}
						case "content":
							content = at.Val
						}
					}
					if publishedMetaNames[key] {
						if d, ok := normaliseISODate(content); ok {
							meta = d
						}
					}
				}
			case "script":
				if ld == "" && attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
					ld = jsonLDPublished(n.FirstChild.Data)
				}
			case "body":
				// Publication metadata lives in <head>; JSON-LD may sit in
				// the body, so keep walking but only for scripts.
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return ld != ""
	}
	walk(root)
	if ld != "" {
		return ld
	}
	return meta
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(strings.ToLower(a.Val))
		}
	}
	return ""
}

// jsonLDPublished returns the first datePublished in a JSON-LD block that
// describes an article-like object.
func jsonLDPublished(src string) string {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 6 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				if d, ok := normaliseISODate(s); ok {
					return d
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"} {
				if d := find(x[k], depth+1); d != "" {
					return d
				}
			}
		case []any:
			for _, e := range x {
				if d := find(e, depth+1); d != "" {
					return d
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

// contentTagger finds the dates a text mentions; it is immutable.
var contentTagger = timex.New()

// A mention is an explicit date of the text: the period it covers, its
// granularity (1 year, 2 month, 3 day) and the tense of its clause.
type mention struct {
	from, to time.Time
	g        int
	tense    tense
	value    string
}

// A cue is a date the text gives without a year ("im November", "Anfang
// Jänner", "am Freitag"): a month (1–12) or a weekday (1 Monday … 7 Sunday).
type cue struct {
	month, weekday int
	tense          tense
	value          string
}

type tense int

const (
	neutral tense = iota
	past
	future
)

// contentDate estimates the publication date of a text that states none,
// from the dates it mentions (found by the temporal tagger with an unknown
// anchor). Explicit dates bound it: those in past or neutral clauses from
// below (the latest one), those in future clauses from above ("am 9. Mai
// 2015 … eingeladen", "soll im Mai … teilnehmen": the earliest). Dates
// without a year ("im November", "Anfang Jänner") then place it inside that
// window: news names months of the last year without the year, so the
// publication month is the one that puts the past cues shortest before it
// and the future cues shortest after it — the latest such month when the
// window is closed above, else the earliest. The result is the last day of
// that month (every past cue then lies before the anchor derived from it).
// A window open on one side needs a bound at least to the month, since a
// bare year ("seit 2011") is mostly background. Without an explicit year
// there is no estimate. It returns the ISO date, a confidence and the
// evidence.
func contentDate(text, lang string) (string, float64, string, bool) {
	if len(text) > 1<<20 {
		text = text[:1<<20]
	}
	runes := []rune(text)
	var ms []mention
	var cues []cue
	for _, x := range contentTagger.Tag(text, time.Time{}, lang) {
		if x.Type != newsweave.DATE && x.Type != newsweave.TIME {
			continue
		}
		v, _, _ := strings.Cut(x.Value, "T")
		if m, ok := explicitPeriod(v); ok {
			m.tense = clauseTense(runes, x.Start, x.End, lang == "en")
			ms = append(ms, m)
		} else if c, ok := yearlessCue(v); ok {
			c.tense = clauseTense(runes, x.Start, x.End, lang == "en")
			cues = append(cues, c)
		}
	}
	lo, hi, ok := window(ms)
	if !ok {
		return "", 0, "", false
	}
	var months, weekdays []cue
	for _, c := range cues {
		if c.month > 0 {
			months = append(months, c)
		} else if c.tense != future {
			weekdays = append(weekdays, c)
		}
	}
	ev := []string{}
	if lo.g > 0 {
		ev = append(ev, "after "+lo.value)
	}
	if hi.g > 0 {
		ev = append(ev, "before "+hi.value)
	}
	var est time.Time
	conf := 0.2
	switch {
	case len(months) > 0 && (lo.g >= 2 || hi.g >= 2):
		est = placeMonth(lo, hi, months)
		conf = 0.3
		if lo.g > 0 && hi.g > 0 {
			conf = 0.4
		}
		for _, c := range months {
			ev = append(ev, c.value)
		}
	case len(weekdays) > 0 && lo.g == 3:
		// "Am 3. März 2014 begann der Streik. Am Freitag …": the latest
		// named weekday on or after the explicit day.
		for _, c := range weekdays {
			d := lo.from.AddDate(0, 0, (c.weekday-isoWeekday(lo.from)+7)%7)
			if d.After(est) {
				est = d
			}
		}
		if hi.g > 0 && est.After(hi.to) {
			est = lo.from
		}
		conf = 0.3
		for _, c := range weekdays {
			ev = append(ev, c.value)
		}
	case lo.g > 0 && hi.g > 0 && hi.to.Sub(lo.from) <= 92*24*time.Hour:
		est = lo.from.Add(hi.to.Sub(lo.from) / 2)
	case hi.g == 0 && lo.g >= 2:
		est = lo.to // a recent event, told with month or day
	default:
		return "", 0, "", false
	}
	if !validYear(est.Year()) {
		return "", 0, "", false
	}
	return est.Format("2006-01-02"), conf, "content: " + strings.Join(ev, ", "), true
}

func isoWeekday(t time.Time) int {
	if w := int(t.Weekday()); w != 0 {
		return w
	}
	return 7
}

// window returns the lower bound (the latest explicit date not in a future
// clause) and the upper bound (the earliest one in a future clause); a zero
// g means no bound. Neutral mentions after the upper bound are dropped; if
// past ones still lie after it, the upper bound is dropped (future readings
// such as a reportative "soll … haben" are the less reliable ones).
func window(ms []mention) (lo, hi mention, ok bool) {
	for _, m := range ms {
		if m.tense == future && (hi.g == 0 || m.to.Before(hi.to)) {
			hi = m
		}
	}
	for _, m := range ms {
		if m.tense == future || hi.g > 0 && m.tense == neutral && m.from.After(hi.to) {
			continue
		}
		if lo.g == 0 || m.from.After(lo.from) || m.from.Equal(lo.from) && m.g > lo.g {
			lo = m
		}
	}
	if lo.g > 0 && hi.g > 0 && lo.from.After(hi.to) {
		hi = mention{}
	}
	return lo, hi, lo.g > 0 || hi.g > 0
}

// placeMonth picks the publication month between lo and hi (either may be
// unset) that puts past month cues shortest before it and future ones
// shortest after it, and returns its last day clamped to the window.
func placeMonth(lo, hi mention, cues []cue) time.Time {
	idx := func(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
	var a, b int
	switch {
	case lo.g > 0 && hi.g > 0:
		a, b = idx(lo.from), idx(hi.to)
	case lo.g > 0:
		a, b = idx(lo.from), idx(lo.from)+23
	default:
		a, b = idx(hi.to)-23, idx(hi.to)
	}
	if b-a > 1200 {
		a = b - 1200
	}
	best, bestCost := a, -1
	for m := a; m <= b; m++ {
		// A window open on one side: the bound that closes it names a recent
		// event, so months far from it cost too.
		cost := 0
		if hi.g == 0 {
			cost = m - a
		} else if lo.g == 0 {
			cost = b - m
		}
		for _, c := range cues {
			if c.tense == future {
				cost += ((c.month - 1) - m%12 + 24) % 12
			} else {
				cost += (m%12 - (c.month - 1) + 24) % 12
			}
		}
		// ties: the latest month when closed above (future dates are near),
		// else the earliest
		if bestCost < 0 || cost < bestCost || cost == bestCost && hi.g > 0 {
			best, bestCost = m, cost
		}
	}
	end := time.Date(best/12, time.Month(best%12+1), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1)
	if hi.g > 0 && end.After(hi.to) {
		end = hi.to
	}
	if lo.g > 0 && end.Before(lo.from) {
		end = lo.from
	}
	return end
}

// explicitPeriod reads a TIMEX date the text states in full: YYYY, YYYY-MM
// or YYYY-MM-DD (1900–2199).
func explicitPeriod(v string) (mention, bool) {
	if len(v) < 4 || strings.ContainsAny(v, "XW") {
		return mention{}, false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil || y < 1900 || y > 2199 {
		return mention{}, false
	}
	day := func(m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch len(v) {
	case 4:
		return mention{from: day(1, 1), to: day(12, 31), g: 1, value: v}, true
	case 7:
		if t, err := time.Parse("2006-01", v); err == nil {
			return mention{from: t, to: t.AddDate(0, 1, -1), g: 2, value: v}, true
		}
	case 10:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return mention{from: t, to: t, g: 3, value: v}, true
		}
	}
	return mention{}, false
}

// yearlessCue reads the tagger's values for dates without a year:
// XXXX-MM, XXXX-MM-DD (a month) and XXXX-WXX-D (a weekday).
func yearlessCue(v string) (cue, bool) {
	if !strings.HasPrefix(v, "XXXX-") {
		return cue{}, false
	}
	r := v[5:]
	if strings.HasPrefix(r, "WXX-") && len(r) == 5 && r[4] >= '1' && r[4] <= '7' {
		return cue{weekday: int(r[4] - '0'), value: v}, true
	}
	if len(r) >= 2 && (len(r) == 2 || r[2] == '-') {
		if m, err := strconv.Atoi(r[:2]); err == nil && m >= 1 && m <= 12 {
			return cue{month: m, value: v}, true
		}
	}
	return cue{}, false
}

// Tense cues. Future: auxiliaries and modals of plans and reported intent
// (not adjectives such as "nächste Ausgabe", which leave the clause's tense
// open); past: auxiliaries of past and passive forms and adverbs that look
// back.
var (
	futureWords = map[string]bool{
		"wird": true, "werden": true, "werde": true, "wirst": true, "werdet": true, "soll": true,
		"sollen": true, "solle": true, "will": true, "wollen": true, "wolle": true, "plant": true,
		"planen": true, "plane": true, "geplant": true, "geplante": true, "geplanten": true,
		"könne": true, "könnte": true, "könnten": true, "künftig": true, "voraussichtlich": true,
		"vorgesehen": true,
	}
	futureWordsEN = map[string]bool{
		"will": true, "shall": true, "plans": true, "planned": true, "scheduled": true,
	}
	// reportative modals ("soll … eingesetzt haben") speak of the past
	reportative  = map[string]bool{"soll": true, "sollen": true, "solle": true, "will": true, "wollen": true, "wolle": true}
	perfectInfin = map[string]bool{"haben": true, "worden": true, "gewesen": true}
	pastWords    = map[string]bool{
		"hatte": true, "hatten": true, "war": true, "waren": true, "wurde": true, "wurden": true,
		"worden": true, "gewesen": true, "damals": true, "zuletzt": true, "einst": true, "seit": true,
	}
	pastWordsEN = map[string]bool{"had": true, "was": true, "were": true, "ago": true, "since": true, "last": true, "did": true}
	// an invitation "zur Feier am 9. Mai" is to a coming event
	inviteStems = []string{"einlad", "eingeladen", "invit"}
	inviteWords = map[string]bool{"lädt": true, "lud": true, "luden": true, "einlädt": true}
	forWords    = map[string]bool{"zu": true, "zur": true, "zum": true, "für": true, "to": true, "for": true}
)

// clauseTense reads the tense of the clause around runes [s, e): the words
// between the nearest sentence end or comma on either side.
func clauseTense(rs []rune, s, e int, en bool) tense {
	if s < 0 || e > len(rs) || s >= e {
		return neutral
	}
	a := s
	for n := 0; a > 0 && n < 300 && !clauseEnd(rs, a-1); a, n = a-1, n+1 {
	}
	b := e
	for n := 0; b < len(rs) && n < 300 && !clauseEnd(rs, b); b, n = b+1, n+1 {
	}
	type w struct {
		l      string
		before bool
	}
	var ws []w
	for i := a; i < b; {
		if !unicode.IsLetter(rs[i]) {
			i++
			continue
		}
		j := i
		for j < b && unicode.IsLetter(rs[j]) {
			j++
		}
		ws = append(ws, w{strings.ToLower(string(rs[i:j])), j <= s})
		i = j
	}
	fw, pw := futureWords, pastWords
	if en {
		fw, pw = futureWordsEN, pastWordsEN
	}
	perfect := false
	for _, x := range ws {
		perfect = perfect || perfectInfin[x.l]
	}
	invite := false
	for _, x := range ws {
		invite = invite || inviteWords[x.l]
		for _, st := range inviteStems {
			invite = invite || strings.HasPrefix(x.l, st)
		}
	}
	isPast := false
	for k, x := range ws {
		if fw[x.l] {
			if !reportative[x.l] || !perfect || en {
				return future
			}
			isPast = true // "soll … eingesetzt haben": reported past
		}
		if invite && forWords[x.l] && x.before {
			// "zur Feier … am 9. Mai 2015": the preposition within the
			// twelve words before the date
			after := 0
			for _, y := range ws[k+1:] {
				if y.before {
					after++
				}
			}
			if after <= 12 {
				return future
			}
		}
		isPast = isPast || pw[x.l]
	}
	if isPast {
		return past
	}
	return neutral
}

// clauseEnd reports whether rune i ends a clause: a comma, semicolon,
// line break, ! or ?, or a full stop that is not part of a number ("9.")
// or a one-letter abbreviation.
func clauseEnd(rs []rune, i int) bool {
	switch rs[i] {
	case ',', ';', '\n', '!', '?':
		return true
	case '.':
		if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			return false
		}
		if i > 0 && unicode.IsDigit(rs[i-1]) {
			return false
		}
		if i > 1 && unicode.IsLetter(rs[i-1]) && !unicode.IsLetter(rs[i-2]) {
			return false
		}
		return true
	}
	return false
}
