package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

// Cleaned is the result of cleaning a plain-text news dump.
type Cleaned struct {
	Title      string
	Paragraphs []string // lead first; the title is not repeated
	Removed    []newsweave.Removed
	Dateline   string   // place of the dateline ("Tokio", "MOSKAU/WASHINGTON"), if any
	Agencies   []string // canonical agency names
	Authors    []string
	URL        string // a URL found in the dump (first line of many dumps)
	Source     string // outlet found in the dump's own boilerplate (domain or name)
	Date       string // ISO date from an explicit dateline/date line
	DateFrom   string
	Updated    string // ISO date of an "Aktualisiert am" line (weaker evidence)

	votes        []string // outlet evidence, most frequent wins
	quelleSource string   // outlet named in a "Quelle:" line
	masthead     string   // outlet name heading the page (above menu/consent lines)
	copyright    string   // outlet named in the last "© Name" footer credit
}

// Text joins the paragraphs with blank lines.
func (c *Cleaned) Text() string { return strings.Join(c.Paragraphs, "\n\n") }

type tline struct {
	text   string
	blank  bool // an empty line preceded this one
	reason string
	tail   bool
	cont   bool // continues the previous line of a hard-wrapped block
}

// maxRemovedText caps the text stored per removed block.
const maxRemovedText = 300

// CleanText cleans a plain-text dump of a news page: it repairs mojibake,
// finds the headline (joining kicker and headline as "Kicker: Headline"),
// drops boilerplate lines and trailing sections (reporting each in Removed),
// normalises datelines and reads agencies, date, URL and source. It never
// fails; garbage in gives little or nothing out.
func CleanText(raw string) *Cleaned {
	c := &Cleaned{}
	raw = RepairMojibake(raw)
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "\n")

	var lines []tline
	blank := true
	for _, l := range strings.Split(raw, "\n") {
		l = normLine(l)
		if l == "" {
			blank = true
			continue
		}
		// A percent-scale widget may be glued to real text ("…100%Annäherung").
		if strings.Count(l, "%") >= 5 {
			if loc := widgetRe.FindStringIndex(l); loc != nil {
				c.remove(l[loc[0]:loc[1]], ReasonWidget)
				l = strings.TrimSpace(l[:loc[0]] + " " + l[loc[1]:])
				if l == "" {
					continue
				}
			}
		}
		lines = append(lines, tline{text: l, blank: blank})
		blank = false
	}
	markWrapped(lines)
	for i := range lines {
		lines[i].reason, lines[i].tail = classifyLine(lines[i].text)
	}
	markTeaserLists(lines)
	// Head: metadata lines (URL, date, author, nav) before the headline.
	i := 0
	for ; i < len(lines); i++ {
		l := &lines[i]
		if d, ok := dateOnlyLine(l.text); ok {
			if c.Date == "" {
				c.Date, c.DateFrom = d, "dateline"
			}
			l.reason = ReasonDate
			c.quelle(l.text)
		}
		if a := authorLine(l.text); a != nil && l.reason == "" {
			c.Authors = append(c.Authors, a...)
			l.reason = ReasonAuthor
		}
		if l.reason == "" && isMasthead(lines, i) {
			l.reason = ReasonNav
			if c.masthead == "" {
				c.masthead = mastheadName(l.text)
			}
		}
		if l.reason == "" {
			break
		}
		c.consume(l)
	}
	// Headline: one headline-like line, or kicker + headline.
	if i < len(lines) && headlineLike(lines[i].text) && !lines[i].tail {
		title := lines[i].text
		i++
		// Skip nav debris between kicker and headline.
		j := i
		for j < len(lines) && lines[j].reason != "" && !lines[j].tail && lines[j].reason != ReasonCaption {
			j++
		}
		if j < len(lines) && lines[j].reason == "" && !lines[j].blank && !lines[j].cont && isKicker(title) &&
			headlineLike(lines[j].text) && j+1 < len(lines) && !lines[j+1].cont && !metaLine(lines[j].text) {
			for k := i; k < j; k++ {
				c.consume(&lines[k])
			}
			title = strings.TrimRight(title, " :") + ": " + lines[j].text
			i = j + 1
		}
		c.Title = normTitle(title) // the title is not lost, so not listed in Removed
	}
	// Body until the first trailing section that follows some body text.
	// Paragraphs are kept as their lines and joined once at the end (joining
	// as we go is quadratic on long hard-wrapped dumps).
	var parts [][]string
	lastLine := func() string { p := parts[len(parts)-1]; return p[len(p)-1] }
	bodyChars := 0
	for ; i < len(lines); i++ {
		l := &lines[i]
		if l.tail && bodyChars > 0 {
			break
		}
		if len(parts) < 2 && (l.reason == "" || l.reason == ReasonCaption || l.reason == ReasonNav) {
			if d, ok := dateOnlyLine(l.text); ok {
				if c.Date == "" {
					c.Date, c.DateFrom = d, "dateline"
				}
				l.reason = ReasonDate
				c.quelle(l.text)
			}
		}
		if l.reason == "" {
			if a := authorLine(l.text); a != nil && len(parts) < 3 {
				c.Authors = append(c.Authors, a...)
				l.reason = ReasonAuthor
			}
		}
		if len(parts) == 0 && c.Title != "" && l.reason == "" && !l.cont && similarTitle(l.text, c.Title) {
			l.reason = ReasonTitle // the headline repeated at the top of the body
		}
		if l.reason != "" {
			c.consume(l)
			continue
		}
		// Join hard-wrapped lines: no blank line before, previous line does
		// not end a sentence, this one continues in lower case.
		if len(parts) > 0 && !l.blank && (l.cont || !endsSentence(lastLine()) && startsLower(l.text)) {
			parts[len(parts)-1] = append(parts[len(parts)-1], l.text)
		} else {
			parts = append(parts, []string{l.text})
		}
		bodyChars += len(l.text)
	}
	// Trailing section: everything left is dropped, grouped by the reason
	// of the section header.
	if i < len(lines) {
		reason := lines[i].reason
		for ; i < len(lines); i++ {
			l := &lines[i]
			if l.tail && l.reason != "" {
				reason = l.reason
			}
			if l.reason == ReasonAgency {
				c.consume(l)
				continue
			}
			c.scanSource(l.text)
			c.remove(l.text, reason)
		}
	}
	paras := make([]string, len(parts))
	for k, p := range parts {
		paras[k] = strings.Join(p, " ")
	}
	// A title without body: the dump held one line or only headline-like
	// lines; keep them as text rather than lose them.
	if len(paras) == 0 && c.Title != "" {
		paras = []string{c.Title}
	}
	// A headline run into the lead ("Titel Mit 2,8 Millionen …", as some
	// scrapers join them) is cut off the lead.
	if c.Title != "" && len(paras) > 0 {
		if rest, ok := strings.CutPrefix(paras[0], c.Title+" "); ok && len(rest) >= 40 {
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("„\"“«", r) {
				c.remove(c.Title, ReasonTitle)
				paras[0] = rest
			}
		}
	}
	paras = c.datelines(paras)
	paras = c.trailingAgency(paras)
	c.Paragraphs = paras
	c.Agencies = uniqueSorted(c.Agencies)
	c.Authors = unique(c.Authors)
	if c.Source == "" && c.URL != "" {
		c.Source = domainOf(c.URL)
	}
	if c.Source == "" {
		c.Source = c.quelleSource
	}
	if c.Source == "" {
		c.Source = c.masthead
	}
	if c.Source == "" {
		c.Source = c.bestSource()
	}
	if c.Source == "" {
		c.Source = c.copyright
	}
	return c
}

// markWrapped finds hard-wrapped blocks (lines cut at a fixed width, as in
// mail and terminal dumps): two or more lines, all but the last of similar
// medium length, most not ending a sentence. Their lines are marked as
// continuations so that the body joins them into one paragraph.
func markWrapped(lines []tline) {
	for start := 0; start < len(lines); {
		end := start + 1
		for end < len(lines) && !lines[end].blank {
			end++
		}
		if n := end - start; n >= 2 {
			minL, maxL, open := 1<<30, 0, 0
			for k := start; k < end-1; k++ {
				l := utf8.RuneCountInString(lines[k].text)
				minL, maxL = min(minL, l), max(maxL, l)
				if !endsSentence(lines[k].text) {
					open++
				}
			}
			if minL >= 40 && maxL <= 100 && maxL-minL <= 30 && open*2 >= n-1 &&
				utf8.RuneCountInString(lines[end-1].text) <= maxL+5 {
				for k := start + 1; k < end; k++ {
					lines[k].cont = true
				}
			}
		}
		start = end
	}
}

// quelle reads "Quelle: ZEIT ONLINE, dpa, rav" in a metadata line: agency
// codes become agencies, the first other name is the outlet.
func (c *Cleaned) quelle(line string) {
	i := strings.Index(strings.ToLower(line), "quelle:")
	if i < 0 {
		return
	}
	for _, part := range strings.Split(line[i+len("quelle:"):], ",") {
		part = strings.TrimSpace(part)
		if ag := agenciesIn(part); len(ag) > 0 {
			c.Agencies = append(c.Agencies, ag...)
			continue
		}
		if c.quelleSource == "" && len(part) >= 3 && !startsLower(part) {
			c.quelleSource = part
		}
	}
}

// consume records a classified line as removed and harvests its evidence.
func (c *Cleaned) consume(l *tline) {
	switch l.reason {
	case ReasonURL:
		u := strings.TrimRight(l.text, ".,;")
		if !strings.HasPrefix(u, "http") {
			u = "https://" + u
		}
		if c.URL == "" {
			c.URL = u
		}
	case ReasonAgency:
		c.Agencies = append(c.Agencies, agenciesIn(l.text)...)
	case ReasonNav:
		if prefix, ok := menuLine(l.text); ok && prefix != "" && c.masthead == "" {
			c.masthead = mastheadName(prefix)
		}
		if d, ok := parseDateString(l.text); ok && strings.Contains(strings.ToLower(l.text), "aktualisiert") && c.Updated == "" {
			c.Updated = d
		}
	}
	c.scanSource(l.text)
	c.remove(l.text, l.reason)
}

// remove appends to Removed, merging with the previous block of the same
// reason.
func (c *Cleaned) remove(text, reason string) {
	if n := len(c.Removed); n > 0 && c.Removed[n-1].Reason == reason && reason != ReasonTitle {
		r := &c.Removed[n-1]
		if len(r.Text) < maxRemovedText {
			r.Text = truncate(r.Text+"\n"+text, maxRemovedText)
		}
		return
	}
	c.Removed = append(c.Removed, newsweave.Removed{Text: truncate(text, maxRemovedText), Reason: reason})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// isKicker: a kicker (Dachzeile) is a short label above the headline,
// without a colon of its own.
func isKicker(s string) bool {
	return wordCount(s) <= 6 && !strings.ContainsAny(s, ":?!") && !strings.HasSuffix(s, "…")
}

var spaceColonRe = regexp.MustCompile(`\s+([:;,])\s*`)

// normTitle tidies a headline: "Kicker : Headline" → "Kicker: Headline".
func normTitle(s string) string {
	s = spaceColonRe.ReplaceAllString(s, "$1 ")
	return strings.TrimSpace(strings.Join(strings.Fields(s), " "))
}

var (
	// Date-only lines: "Sep 15, 2023 11:52 Europe/Berlin", "15.09.2023, 11:52 Uhr",
	// "Veröffentlicht am 15. September 2023", "Stand: 15.09.2023".
	dateWordsRe = regexp.MustCompile(`(?i)\b(veröffentlicht|erschienen|publiziert|stand|datum|published|posted|updated|aktualisiert|zuletzt|am|on|um|at|uhr|h|mez|mesz|cet|cest|utc|gmt|[a-z]+/[a-z_]+|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\b\.?`)
	timeRe      = regexp.MustCompile(`\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm)?\b|[+-]\d{2}:?\d{2}\b`)
)

// dateOnlyLine reports whether line states a date and (almost) nothing
// else, returning the ISO date.
func dateOnlyLine(line string) (string, bool) {
	if len(line) > 80 {
		return "", false
	}
	d, ok := parseDateString(line)
	if !ok {
		return "", false
	}
	rest := isoDateRe.ReplaceAllString(line, " ")
	rest = dotDateRe.ReplaceAllString(rest, " ")
	rest = dmyRe.ReplaceAllString(rest, " ")
	rest = mdyRe.ReplaceAllString(rest, " ")
	rest = timeRe.ReplaceAllString(rest, " ")
	rest = dateWordsRe.ReplaceAllString(rest, " ")
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	if letters <= 3 {
		return d, true
	}
	// A short metadata line around a date: "15. September 2023, 11:52 Uhr
	// Quelle: ZEIT ONLINE, dpa" — no sentence, few words.
	return d, len(line) <= 100 && !strings.HasSuffix(strings.TrimSpace(line), ".") && wordCount(strings.Trim(rest, " ,;|-–")) <= 6 &&
		(strings.Contains(rest, "|") || strings.Contains(strings.ToLower(rest), "quelle") || strings.Contains(strings.ToLower(rest), "von "))
}

var authorRe = regexp.MustCompile(`^(?i:von|by|text:|autor:|autorin:|autoren:|author:)\s+(\p{Lu}[\p{L}.'\-]+(?:\s+(?:\p{Lu}[\p{L}.'\-]+|von|van|de|der|zu))*(?:\s*(?:,|und|and|&)\s*\p{Lu}[\p{L}.'\-]+(?:\s+(?:\p{Lu}[\p{L}.'\-]+|von|van|de|der|zu))*)*)(?:\s*[,|]\s*[\p{L} ]{0,40}|\s+in\s+\p{Lu}[\p{L}\-]+)?$`)

// authorLine reads a byline ("Von Anna Schmidt und Jan Berg").
func authorLine(line string) []string {
	if len(line) > 120 {
		return nil
	}
	m := authorRe.FindStringSubmatch(line)
	if m == nil {
		return nil
	}
	return splitAuthors(m[1])
}

var authorSplitRe = regexp.MustCompile(`\s*(?:;|,|\||\bund\b|\band\b|&)\s*`)

// splitAuthors splits an author string into names.
func splitAuthors(s string) []string {
	var out []string
	for _, p := range authorSplitRe.Split(s, -1) {
		p = strings.TrimSpace(p)
		if p == "" || len(p) > 60 || strings.Contains(p, "@") || strings.HasPrefix(p, "http") {
			continue
		}
		out = append(out, p)
	}
	return unique(out)
}

func unique(xs []string) []string {
	if len(xs) < 2 {
		return xs
	}
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		k := strings.ToLower(x)
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

func uniqueSorted(xs []string) []string {
	xs = unique(xs)
	sort.Strings(xs)
	return xs
}

var (
	domainRe = regexp.MustCompile(`(?i)\b((?:[a-z0-9-]+\.)*[a-z0-9-]{2,}\.(?:de|at|ch|com|net|org|eu|info|fr|it|es|nl|uk|be|lu|li|news|online|tv|fm))\b`)
	onlineRe = regexp.MustCompile(`\b(\p{Lu}[\p{L}]{2,})-Online\b`)
)

// scanSource notes outlet evidence in boilerplate: domains ("Fehler auf
// taz.de entdeckt?", "FAZ.NET-Newsletter") and "Handelsblatt-Online".
func (c *Cleaned) scanSource(s string) {
	if strings.HasPrefix(s, "©") || strings.HasPrefix(s, "(c)") || strings.HasPrefix(s, "(C)") || strings.HasPrefix(s, "Copyright") {
		if name := copyrightName(s); name != "" {
			c.copyright = name
		}
	}
	if strings.Contains(s, "-Online") {
		for _, m := range onlineRe.FindAllStringSubmatch(s, 2) {
			c.sourceVotes(m[1])
		}
	}
	if !mayHaveDomain(s) {
		return
	}
	for _, m := range domainRe.FindAllString(s, 3) {
		c.sourceVotes(strings.TrimPrefix(strings.ToLower(m), "www."))
	}
}

// mayHaveDomain is a cheap test for a letter-dot-letter sequence, which
// every domain name has; it spares the regexp on most lines.
func mayHaveDomain(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && isASCIILetter(s[i-1]) && isASCIILetter(s[i+1]) {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func (c *Cleaned) sourceVotes(s string) {
	c.votes = append(c.votes, s)
}

func (c *Cleaned) bestSource() string {
	best, n := "", 0
	count := map[string]int{}
	for _, v := range c.votes {
		count[v]++
		if count[v] > n {
			best, n = v, count[v]
		}
	}
	return best
}

func domainOf(u string) string {
	pu := parseURL(u)
	if pu == nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www.")
}
