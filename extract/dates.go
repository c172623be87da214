package extract

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

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
