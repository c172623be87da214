package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// agencyNames maps lower-case agency codes and names to canonical names.
var agencyNames = map[string]string{
	"dpa": "dpa", "rtr": "Reuters", "reuters": "Reuters", "afp": "AFP", "ap": "AP",
	"kna": "KNA", "epd": "epd", "apa": "APA", "sda": "SDA", "dts": "dts", "ddp": "ddp",
	"dapd": "dapd", "afx": "dpa-AFX", "dpa-afx": "dpa-AFX", "awp": "AWP", "ots": "ots",
	"bloomberg": "Bloomberg", "ansa": "ANSA", "efe": "EFE", "upi": "UPI", "idea": "idea",
	"sid": "SID", "ssi": "",
}

// agencyToken matches one agency code as written in datelines and credits.
const agencyToken = `(?:dpa-afx|dpa|rtr|reuters|afp|ap|kna|epd|apa|sda|dts|ddp|dapd|afx|awp|bloomberg|ansa|efe|upi|sid)`

var (
	agencyTokRe = regexp.MustCompile(`(?i)\b` + agencyToken + `\b`)
	// A line made of agency credits only: "dpa/AFP", "(dpa)", "Reuters",
	// "Agentur: Reuters", "Quelle: dpa, AFP", "mit Material von dpa".
	agencyLineRe = regexp.MustCompile(`(?i)^(?:agentur(?:en)?|quelle|quellen|source|sources|mit material (?:von|der|aus)|material:?|nachrichtenagentur)?\s*:?\s*\(?(?:[a-z]{1,4}\s*/\s*)?` + agencyToken + `(?:\s*(?:/|,|und|and|&|\s)\s*(?:` + agencyToken + `|[a-z]{1,4}))*\)?\.?$`)
	// Dateline at a paragraph start: "MOSKAU/WASHINGTON dpa/rtr | ", "Berlin (dpa) - ",
	// "Moskau - ", "WASHINGTON, 15. Sept (Reuters) –".
	datelineRe = regexp.MustCompile(`^((?:\p{Lu}[\p{L}.'\-]*)(?:(?:\s|/|\s/\s)(?:\p{Lu}[\p{L}.'\-]*)){0,3})` +
		`(?:,\s*\d{1,2}\.?\s*\p{L}{3,9}\.?)?` +
		`(?:\s*\(?((?i:` + agencyToken + `)(?:\s*/\s*(?i:` + agencyToken + `|[a-z]{1,4}))*)\)?)?` +
		`\s*([-–—|:]|\)\s*[.-–—]?)\s+`)
)

// isAgencyLine recognises agency credits and the agency footer block
// ("Agentur", "Thomson Reuters Deutschland GmbH / Nachrichtenagentur").
func isAgencyLine(line string) bool {
	if len(line) > 240 {
		return false
	}
	if len(line) > 90 {
		l := strings.ToLower(line)
		return strings.HasPrefix(l, "reporting by") || strings.HasPrefix(l, "(reporting by")
	}
	l := strings.ToLower(strings.TrimSpace(line))
	if l == "agentur" || l == "agenturen" || l == "quelle" || l == "quelle:" {
		return true
	}
	if strings.Contains(l, "dpa-infocom") || strings.HasPrefix(l, "reporting by") || strings.HasPrefix(l, "(reporting by") {
		return true
	}
	if strings.Contains(l, "nachrichtenagentur") && (strings.Contains(l, "gmbh") || strings.Contains(l, "/") || wordCount(l) <= 4) {
		return true
	}
	return agencyLineRe.MatchString(line)
}

// agenciesIn returns the canonical agency names mentioned in s.
func agenciesIn(s string) []string {
	var out []string
	if l := strings.ToLower(s); strings.Contains(l, "reporting by") || strings.Contains(l, "editing by") {
		out = append(out, "Reuters") // the Reuters story footer
	}
	for _, m := range agencyTokRe.FindAllString(s, -1) {
		if n := agencyNames[strings.ToLower(m)]; n != "" {
			out = append(out, n)
		}
	}
	return out
}

// gluedRe finds a dateline glued to the first word ("TokioRussland hat …"):
// a capitalised place name running straight into a capitalised word.
var gluedRe = regexp.MustCompile(`^(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})(\s)`)

// datelines normalises the dateline of the first body paragraphs to
// "Place – text", records agencies from it and drops agency codes from the
// text. A dateline glued to the first word is split.
func (c *Cleaned) datelines(paras []string) []string {
	for k := 0; k < len(paras) && k < 3; k++ {
		p := paras[k]
		if m := datelineRe.FindStringSubmatchIndex(p); m != nil {
			place := p[m[2]:m[3]]
			agency := ""
			if m[4] >= 0 {
				agency = p[m[4]:m[5]]
			}
			sep := strings.TrimSpace(p[m[6]:m[7]])
			rest := p[m[1]:]
			if !plausibleDateline(place, agency, sep, rest) {
				continue
			}
			c.Dateline = place
			c.Agencies = append(c.Agencies, agenciesIn(agency)...)
			norm := place + " – " + rest
			if norm != p {
				c.remove(p[:m[1]], ReasonDateline)
			}
			paras[k] = norm
			return paras
		}
		if m := gluedRe.FindStringSubmatch(p); m != nil && k > 0 {
			c.Dateline = m[1]
			c.remove(m[1]+m[2], ReasonDateline)
			paras[k] = m[1] + " – " + p[len(m[1]):]
			return paras
		}
	}
	return paras
}

// plausibleDateline checks a dateline candidate: an agency code, an
// upper-case place, or a dash right after a one- or two-word place,
// followed by a sentence.
func plausibleDateline(place, agency, sep, rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune("„\"“", r) {
		return false
	}
	if wordCount(rest) < 4 {
		return false
	}
	if agency != "" {
		return true
	}
	if sep == ":" || sep == "" {
		return false // "Fazit: Das …" is a label, not a dateline
	}
	words := wordCount(strings.ReplaceAll(place, "/", " "))
	if isUpperWord(place) {
		return words <= 3
	}
	return words <= 2 && sep != "|"
}

func isUpperWord(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

var trailingAgencyRe = regexp.MustCompile(`(?i)\(\s*((?:[a-z]{1,4}\s*/\s*)?` + agencyToken + `(?:\s*(?:/|,)\s*(?:` + agencyToken + `|[a-z]{1,4}))*)\s*\)\s*$`)

// trailingAgency reads agency credits at the end of the last paragraphs
// ("… sagte er. (dpa)").
func (c *Cleaned) trailingAgency(paras []string) []string {
	for k := len(paras) - 1; k >= 0 && k >= len(paras)-2; k-- {
		if m := trailingAgencyRe.FindStringSubmatch(paras[k]); m != nil {
			c.Agencies = append(c.Agencies, agenciesIn(m[1])...)
		}
	}
	return paras
}

// agenciesInText finds agency credits in extracted HTML text: a dateline
// in the first paragraphs or a trailing credit.
func agenciesInText(text string) []string {
	c := &Cleaned{}
	paras := strings.Split(text, "\n\n")
	if len(paras) > 3 {
		paras = append(paras[:3:3], paras[len(paras)-2:]...)
	}
	for k, p := range paras {
		if k < 3 {
			if m := datelineRe.FindStringSubmatchIndex(p); m != nil && m[4] >= 0 {
				c.Agencies = append(c.Agencies, agenciesIn(p[m[4]:m[5]])...)
			}
		}
		if isAgencyLine(p) {
			c.Agencies = append(c.Agencies, agenciesIn(p)...)
		}
	}
	c.trailingAgency(paras)
	return uniqueSorted(c.Agencies)
}
