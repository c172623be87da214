package web

import (
	"sort"
	"strings"

	"github.com/newsweave/newsweave"
)

// Span is a piece of an article paragraph: plain text, an entity mention
// or a temporal expression.
type Span struct {
	Text string
	Kind string // "", "entity" or "time"
	// For entities: type (PER, ORG, LOC, OTH), canonical id and name.
	Type, EntityID, Canonical string
	// For times: the TIMEX type and value.
	Value string
}

// Paragraph is one paragraph of highlighted text.
type Paragraph []Span

type mark struct {
	start, end int
	span       Span
}

// Highlight splits text into paragraphs (separated by blank lines) and
// marks entity mentions and temporal expressions. Offsets are Unicode code
// points, as in the domain model. Spans that are out of range, empty or
// overlap an earlier span are skipped (entities win over times when both
// start at the same place), so garbage offsets never break the page.
func Highlight(text string, ments []newsweave.Mention, times []newsweave.TimeExpr) []Paragraph {
	runes := []rune(text)
	n := len(runes)
	var marks []mark
	for _, m := range ments {
		if m.Start < 0 || m.End > n || m.Start >= m.End {
			continue
		}
		marks = append(marks, mark{m.Start, m.End, Span{Kind: "entity", Type: m.Type, EntityID: m.EntityID, Canonical: m.Canonical}})
	}
	for _, t := range times {
		if t.Start < 0 || t.End > n || t.Start >= t.End {
			continue
		}
		marks = append(marks, mark{t.Start, t.End, Span{Kind: "time", Type: t.Type, Value: t.Value}})
	}
	sort.SliceStable(marks, func(i, j int) bool {
		if marks[i].start != marks[j].start {
			return marks[i].start < marks[j].start
		}
		return marks[i].end-marks[i].start > marks[j].end-marks[j].start
	})

	var paras []Paragraph
	var cur Paragraph
	// plain appends unmarked text, starting a new paragraph at blank lines.
	plain := func(s string) {
		for {
			i := strings.Index(s, "\n\n")
			if i < 0 {
				break
			}
			if head := s[:i]; head != "" {
				cur = append(cur, Span{Text: head})
			}
			if len(cur) > 0 {
				paras = append(paras, cur)
			}
			cur = nil
			s = strings.TrimLeft(s[i:], "\n")
		}
		if s != "" {
			cur = append(cur, Span{Text: s})
		}
	}
	pos := 0
	for _, m := range marks {
		if m.start < pos {
			continue // overlaps the previous mark
		}
		plain(string(runes[pos:m.start]))
		sp := m.span
		sp.Text = string(runes[m.start:m.end])
		cur = append(cur, sp)
		pos = m.end
	}
	plain(string(runes[pos:]))
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	return paras
}
