package timex

import (
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsweave/newsweave"
)

// GoldDoc is one document with inline TIMEX2 annotations (ACE/WikiWars SGML).
type GoldDoc struct {
	ID     string
	Anchor time.Time // document creation time from <DATETIME>
	Text   string    // the <TEXT> body without tags
	Gold   []newsweave.TimeExpr
}

var (
	reDocID    = regexp.MustCompile(`<DOCID>\s*([^<]*?)\s*</DOCID>`)
	reDateTime = regexp.MustCompile(`(?s)<DATETIME>.*?val="(\d{4}-\d{2}-\d{2})`)
	reDateText = regexp.MustCompile(`(?s)<DATETIME>\s*(\d{4}-\d{2}-\d{2})`)
	reAttr     = regexp.MustCompile(`(\w+)="([^"]*)"`)
)

// ParseTIMEX2 reads a document with inline <TIMEX2 val="…">…</TIMEX2>
// annotations inside <TEXT>. Offsets of the gold expressions are code points
// into the returned Text. Nested annotations are all kept.
func ParseTIMEX2(data string) (*GoldDoc, error) {
	d := &GoldDoc{}
	if m := reDocID.FindStringSubmatch(data); m != nil {
		d.ID = m[1]
	}
	m := reDateTime.FindStringSubmatch(data)
	if m == nil {
		m = reDateText.FindStringSubmatch(data)
	}
	if m == nil {
		return nil, errors.New("no <DATETIME> document date")
	}
	t, err := time.Parse("2006-01-02", m[1])
	if err != nil {
		return nil, fmt.Errorf("bad document date %q: %v", m[1], err)
	}
	d.Anchor = t
	body := data
	if a := strings.Index(data, "<TEXT>"); a >= 0 {
		body = data[a+len("<TEXT>"):]
		if b := strings.Index(body, "</TEXT>"); b >= 0 {
			body = body[:b]
		}
	} else {
		return nil, errors.New("no <TEXT> element")
	}
	var sb strings.Builder
	type open struct {
		start      int
		value, mod string
	}
	var stack []open
	pos := 0 // code points written
	for len(body) > 0 {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			lt = len(body)
		}
		seg := html.UnescapeString(body[:lt])
		sb.WriteString(seg)
		pos += utf8.RuneCountInString(seg)
		body = body[lt:]
		if body == "" {
			break
		}
		gt := strings.IndexByte(body, '>')
		if gt < 0 {
			return nil, errors.New("unterminated tag")
		}
		tag := body[1:gt]
		body = body[gt+1:]
		switch {
		case strings.HasPrefix(tag, "TIMEX2"):
			o := open{start: pos}
			for _, a := range reAttr.FindAllStringSubmatch(tag, -1) {
				switch a[1] {
				case "val":
					o.value = a[2]
				case "mod":
					o.mod = a[2]
				}
			}
			if strings.HasSuffix(tag, "/") { // empty element: no extent
				continue
			}
			stack = append(stack, o)
		case tag == "/TIMEX2":
			if len(stack) == 0 {
				return nil, errors.New("unbalanced </TIMEX2>")
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			d.Gold = append(d.Gold, newsweave.TimeExpr{Start: o.start, End: pos, Value: o.value, Mod: o.mod})
		}
	}
	if len(stack) > 0 {
		return nil, errors.New("unclosed <TIMEX2>")
	}
	d.Text = sb.String()
	runes := []rune(d.Text)
	for k := range d.Gold {
		g := &d.Gold[k]
		g.Text = string(runes[g.Start:g.End])
		// trailing blanks inside a tag are not part of the extent
		for g.End > g.Start && (runes[g.End-1] == ' ' || runes[g.End-1] == '\n') {
			g.End--
		}
		g.Text = strings.TrimSpace(g.Text)
	}
	return d, nil
}

// Scores counts agreement between system and gold expressions.
type Scores struct {
	Gold, Sys           int
	StrictSys           int // system spans identical to a gold span
	OverlapSys          int // system spans overlapping a gold span
	OverlapGold         int // gold spans overlapped by a system span
	ValueMatched        int // gold spans with an overlapping system span (value accuracy base)
	ValueCorrect        int // … whose best-overlapping system value equals the gold value
	ExactSys, ExactGold int // overlapping pairs with equal values (value-exact F1)
}

// Add accumulates o into s.
func (s *Scores) Add(o Scores) {
	s.Gold += o.Gold
	s.Sys += o.Sys
	s.StrictSys += o.StrictSys
	s.OverlapSys += o.OverlapSys
	s.OverlapGold += o.OverlapGold
	s.ValueMatched += o.ValueMatched
	s.ValueCorrect += o.ValueCorrect
	s.ExactSys += o.ExactSys
	s.ExactGold += o.ExactGold
}

func overlap(a, b newsweave.TimeExpr) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	return hi - lo
}

// Score compares system expressions with gold ones of one document.
func Score(gold, sys []newsweave.TimeExpr) Scores {
	s := Scores{Gold: len(gold), Sys: len(sys)}
	for _, x := range sys {
		strict, ov, exact := false, false, false
		for _, g := range gold {
			if g.Start == x.Start && g.End == x.End {
				strict = true
			}
			if overlap(g, x) > 0 {
				ov = true
				if g.Value != "" && g.Value == x.Value {
					exact = true
				}
			}
		}
		if strict {
			s.StrictSys++
		}
		if ov {
			s.OverlapSys++
		}
		if exact {
			s.ExactSys++
		}
	}
	for _, g := range gold {
		bestOv, bestVal, exact := 0, "", false
		for _, x := range sys {
			o := overlap(g, x)
			if o <= 0 {
				continue
			}
			if o > bestOv {
				bestOv, bestVal = o, x.Value
			}
			if g.Value != "" && g.Value == x.Value {
				exact = true
			}
		}
		if bestOv > 0 {
			s.OverlapGold++
			s.ValueMatched++
			if bestVal == g.Value {
				s.ValueCorrect++
			}
		}
		if exact {
			s.ExactGold++
		}
	}
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// StrictF1 is the F1 of exactly matching spans.
func (s Scores) StrictF1() (p, r, f float64) {
	p, r = ratio(s.StrictSys, s.Sys), ratio(s.StrictSys, s.Gold)
	return p, r, f1(p, r)
}

// OverlapF1 is the F1 of overlapping spans.
func (s Scores) OverlapF1() (p, r, f float64) {
	p, r = ratio(s.OverlapSys, s.Sys), ratio(s.OverlapGold, s.Gold)
	return p, r, f1(p, r)
}

// ValueAccuracy is the share of overlapped gold expressions whose value is right.
func (s Scores) ValueAccuracy() float64 { return ratio(s.ValueCorrect, s.ValueMatched) }

// ValueF1 is the value-exact F1: a system expression counts when it overlaps
// a gold one with exactly the same value.
func (s Scores) ValueF1() (p, r, f float64) {
	p, r = ratio(s.ExactSys, s.Sys), ratio(s.ExactGold, s.Gold)
	return p, r, f1(p, r)
}
