package extract

import (
	"regexp"
	"strings"
	"time"

	"github.com/newsweave/newsweave"
)

func (e *Extractor) extractText(doc Document, body string) (*newsweave.Article, error) {
	c := CleanText(body)
	a := &newsweave.Article{
		Title:    c.Title,
		URL:      c.URL,
		Source:   c.Source,
		Authors:  c.Authors,
		Agencies: c.Agencies,
		Removed:  c.Removed,
	}
	paras := c.Paragraphs
	if doc.Title != "" {
		t := normTitle(RepairMojibake(doc.Title))
		if c.Title != "" && !similarTitle(c.Title, t) {
			// The container's title wins; the dump's own headline-like line
			// was something else (a kicker or subtitle): keep it as text.
			paras = append([]string{c.Title}, paras...)
		}
		if len(paras) > 0 && similarTitle(paras[0], t) {
			paras = paras[1:]
		}
		a.Title = t
	}
	a.Text = strings.Join(paras, "\n\n")
	url := doc.URL
	if url == "" {
		url = c.URL
	}
	switch {
	case c.Date != "":
		a.Published, a.PublishedConfidence, a.PublishedFrom = c.Date, 1, c.DateFrom
	default:
		if d, ok := dateFromURL(url); ok {
			a.Published, a.PublishedConfidence, a.PublishedFrom = d, 0.9, "url"
		} else if c.Updated != "" {
			a.Published, a.PublishedConfidence, a.PublishedFrom = c.Updated, 0.6, "updated"
		} else if d, ok := relativeDate(a.Text, doc.Fetched); ok {
			a.Published, a.PublishedConfidence, a.PublishedFrom = d, 0.3, "relative"
		} else if m, ok := monthFromURL(url); ok {
			a.Published, a.PublishedConfidence, a.PublishedFrom = m, 0.5, "url"
		} else if doc.Date == "" {
			// No dateline, URL, metadata or crawl time: estimate from the
			// dates the text mentions (low confidence; see contentDate).
			if d, conf, from, ok := contentDate(dateEvidence(a), e.langOf(doc, a)); ok {
				a.Published, a.PublishedConfidence, a.PublishedFrom = d, conf, from
			}
		}
	}
	return a, nil
}

// dateEvidence is the text whose dates bound the publication date: the
// title, the body and the photo captions (removed from the body, but written
// by the same newsroom at the same time).
func dateEvidence(a *newsweave.Article) string {
	parts := []string{a.Title, a.Text}
	for _, r := range a.Removed {
		if r.Reason == ReasonCaption {
			parts = append(parts, r.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

// langOf is the language for the date rules: the container's, else the
// detected one (only "en" vs the rest matters).
func (e *Extractor) langOf(doc Document, a *newsweave.Article) string {
	if doc.Lang != "" {
		return strings.ToLower(doc.Lang)
	}
	if e.lang != nil {
		return e.lang.Detect(a.Title + "\n" + a.Text)
	}
	return "de"
}

// similarTitle compares titles ignoring case, spacing and punctuation, and
// accepts one being the headline part of the other ("Kicker: Headline").
func similarTitle(a, b string) bool {
	na, nb := titleKey(a), titleKey(b)
	if na == "" || nb == "" {
		return false
	}
	return na == nb || (len(nb) > 12 && strings.HasSuffix(na, nb)) || (len(na) > 12 && strings.HasSuffix(nb, na))
}

func titleKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && r != '\u00a0' && !strings.ContainsRune("„“”«»‚‘’–—…", r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var weekdayRe = regexp.MustCompile(`(?i)\b(?:(?:am|vom|seit|bis|on|last)\s+)(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|sonnabend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(heute|today|gestern|yesterday)\b`)

var weekdays = map[string]time.Weekday{
	"montag": time.Monday, "dienstag": time.Tuesday, "mittwoch": time.Wednesday,
	"donnerstag": time.Thursday, "freitag": time.Friday, "samstag": time.Saturday,
	"sonnabend": time.Saturday, "sonntag": time.Sunday, "monday": time.Monday,
	"tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// relativeDate infers a publication date from relative day cues ("am
// Freitag", "gestern") anchored at the crawl time: news refers to days of
// the past week, so the article appeared on or after the latest day it
// names. Without an anchor there is no date.
func relativeDate(text string, anchor time.Time) (string, bool) {
	if anchor.IsZero() {
		return "", false
	}
	anchor = time.Date(anchor.Year(), anchor.Month(), anchor.Day(), 0, 0, 0, 0, time.UTC)
	var latest time.Time
	for _, m := range weekdayRe.FindAllStringSubmatch(text, 50) {
		var d time.Time
		switch w := strings.ToLower(m[1] + m[2]); w {
		case "heute", "today":
			d = anchor
		case "gestern", "yesterday":
			d = anchor.AddDate(0, 0, -1)
		default:
			back := (int(anchor.Weekday()) - int(weekdays[w]) + 7) % 7
			d = anchor.AddDate(0, 0, -back)
		}
		if d.After(latest) {
			latest = d
		}
	}
	if latest.IsZero() {
		return "", false
	}
	return latest.Format("2006-01-02"), true
}

// cleanTitle removes a site-name suffix or prefix ("Title | ZEIT ONLINE").
func cleanTitle(title, site string) string {
	title = normTitle(title)
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := title[:i], title[i+len(sep):]
		if (site != "" && strings.EqualFold(strings.TrimSpace(tail), strings.TrimSpace(site))) ||
			(wordCount(tail) <= 3 && wordCount(head) >= 3) {
			return strings.TrimSpace(head)
		}
		j := strings.Index(title, sep)
		head, tail = title[:j], title[j+len(sep):]
		if site != "" && strings.EqualFold(strings.TrimSpace(head), strings.TrimSpace(site)) ||
			wordCount(head) == 1 && isUpperWord(head) && len(head) >= 3 && wordCount(tail) >= 3 {
			// "Site | Title" or an acronym prefix ("BMAS - Änderung …").
			return strings.TrimSpace(tail)
		}
	}
	return title
}

// filterHTMLText applies the line classifier to trafilatura's output: it
// drops boilerplate lines that slipped through and trailing comment/teaser
// sections, and repeats of the title. Paragraphs are separated by blank
// lines.
func filterHTMLText(lines []string, title string) (string, []newsweave.Removed) {
	c := &Cleaned{}
	var out []string
	body := 0
	skipping := "" // reason of the boilerplate block being skipped
	for i := 0; i < len(lines); i++ {
		l := normLine(lines[i])
		if l == "" {
			continue
		}
		if strings.Count(l, "%") >= 5 {
			if loc := widgetRe.FindStringIndex(l); loc != nil {
				c.remove(l[loc[0]:loc[1]], ReasonWidget)
				l = strings.TrimSpace(l[:loc[0]] + " " + l[loc[1]:])
				if l == "" {
					continue
				}
			}
		}
		if len(out) == 0 && title != "" && similarTitle(l, title) {
			continue
		}
		reason, tail := classifyLine(l)
		if skipping != "" {
			// A teaser/newsletter/nav block inside the page ends where
			// article prose resumes.
			if reason == "" && len(l) >= 200 && endsSentence(l) {
				skipping = ""
			} else {
				c.remove(l, skipping)
				continue
			}
		}
		if tail && body >= 200 {
			if reason == ReasonComments || reason == ReasonErrorReport || reason == ReasonPaywall {
				for ; i < len(lines); i++ {
					if t := normLine(lines[i]); t != "" {
						c.remove(t, reason)
					}
				}
				break
			}
			skipping = reason
			c.remove(l, reason)
			continue
		}
		switch reason {
		case "", ReasonCaption, ReasonAgency, ReasonURL, ReasonNav, ReasonTags, ReasonDate, ReasonAuthor:
			// Inside extracted HTML these are usually real text (lists,
			// captions the page shows inside the article): keep them.
			out = append(out, l)
			body += len(l)
			continue
		}
		c.remove(l, reason)
	}
	return strings.Join(out, "\n\n"), c.Removed
}
