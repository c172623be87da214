package web

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TimelineEvent is one event (cluster) to place on a storyline timeline.
type TimelineEvent struct {
	ID       string
	Title    string
	Date     string // TIMEX value: 2015-05-09, 2014-12, 2014, 2023-W37, …
	Articles int    // coverage: number of articles reporting it
	Outlets  []string
	Actors   []string // display names of key actors
	Href     string
}

// Timeline geometry. The picture is drawn at a fixed viewBox width and
// scales with CSS; heights grow with the number of label rows.
const (
	tlWidth     = 960.0
	tlMargin    = 36.0
	tlBreakW    = 70.0 // width of a broken-axis gap
	tlMinSegW   = 110.0
	tlSegPad    = 26.0
	tlRowH      = 50.0
	tlMaxTitle  = 34
	tlBreakDays = 365 // a gap longer than this breaks the axis
	tlMaxLabels = 10  // events beyond this many (by coverage) get no label
)

// placed is an event with its parsed date and position.
type placed struct {
	TimelineEvent
	n         int // 1-based number in chronological order
	t         time.Time
	grain     string // "year", "month", "day"
	x, r      float64
	row       int
	left      float64 // label extent starts here
	maxTitle  int     // label line length in characters
	anchorEnd bool    // label ends at the event (right edge)
}

// segment is one continuous stretch of the axis drawn on a linear scale.
type segment struct {
	from, to time.Time
	x0, x1   float64
	events   []*placed
}

// ParseTimex reads the calendar date at the start of a TIMEX value
// (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, with an optional time part) and
// returns it with its granularity. Values without a year ("XXXX-05-09"),
// durations and sets are not placeable on an axis.
func ParseTimex(v string) (time.Time, string, bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	if len(v) < 4 {
		return time.Time{}, "", false
	}
	y, err := strconv.Atoi(v[:4])
	if err != nil || y < 1 {
		return time.Time{}, "", false
	}
	rest := v[4:]
	switch {
	case rest == "":
		return time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC), "year", true
	case len(rest) == 4 && rest[:2] == "-W":
		w, err := strconv.Atoi(rest[2:])
		if err != nil || w < 1 || w > 53 {
			return time.Time{}, "", false
		}
		// ISO week w: the Monday of the week containing Jan 4, plus w-1 weeks.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		mon := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		return mon.AddDate(0, 0, 7*(w-1)+3), "week", true
	case len(rest) >= 3 && rest[0] == '-':
		m, err := strconv.Atoi(rest[1:3])
		if err != nil || m < 1 || m > 12 {
			if q := rest[1:]; len(q) == 2 && q[0] == 'Q' && q[1] >= '1' && q[1] <= '4' {
				return time.Date(y, time.Month(3*int(q[1]-'1')+2), 15, 0, 0, 0, 0, time.UTC), "month", true
			}
			return time.Time{}, "", false
		}
		if len(rest) == 3 {
			return time.Date(y, time.Month(m), 15, 0, 0, 0, 0, time.UTC), "month", true
		}
		if len(rest) == 6 && rest[3] == '-' {
			d, err := strconv.Atoi(rest[4:6])
			if err != nil || d < 1 || d > 31 {
				return time.Time{}, "", false
			}
			t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
			if t.Month() != time.Month(m) {
				return time.Time{}, "", false
			}
			return t, "day", true
		}
	}
	return time.Time{}, "", false
}

// SortEvents orders events chronologically (undated last, stable).
func SortEvents(evs []TimelineEvent) {
	sort.SliceStable(evs, func(i, j int) bool {
		ti, _, oki := ParseTimex(evs[i].Date)
		tj, _, okj := ParseTimex(evs[j].Date)
		if oki != okj {
			return oki
		}
		return oki && ti.Before(tj)
	})
}

// Timeline draws events on a time axis as an SVG picture. Each stretch of
// time without a gap longer than a year is drawn on its own linear scale;
// longer gaps break the axis with a zig-zag and a label saying how long the
// gap is, so 2014 and 2023 never look adjacent. Circle area grows with
// coverage; labels carry the title, date, outlets and key actors. Events
// without a placeable date are listed in the returned undated slice.
func Timeline(evs []TimelineEvent) (svg template.HTML, undated []TimelineEvent) {
	var ps []*placed
	for _, e := range evs {
		t, g, ok := ParseTimex(e.Date)
		if !ok {
			undated = append(undated, e)
			continue
		}
		ps = append(ps, &placed{TimelineEvent: e, t: t, grain: g})
	}
	if len(ps) == 0 {
		return "", undated
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].t.Before(ps[j].t) })
	// Few events leave room for longer labels.
	maxTitle := tlMaxTitle
	if len(ps) <= 4 {
		maxTitle = tlMaxTitle + 14
	}
	for i, p := range ps {
		p.n = i + 1
		p.r = radius(p.Articles)
		p.maxTitle = maxTitle
	}

	// Split into segments at long gaps.
	var segs []*segment
	for _, p := range ps {
		if len(segs) == 0 || p.t.Sub(segs[len(segs)-1].to) > tlBreakDays*24*time.Hour {
			segs = append(segs, &segment{from: p.t, to: p.t})
		}
		s := segs[len(segs)-1]
		s.to = p.t
		s.events = append(s.events, p)
	}
	// Share the width among segments by their span, with a floor so that a
	// single-day segment is still legible.
	avail := tlWidth - 2*tlMargin - float64(len(segs)-1)*tlBreakW
	widths := make([]float64, len(segs))
	var totalDays float64
	for _, s := range segs {
		totalDays += s.to.Sub(s.from).Hours() / 24
	}
	minW := math.Min(tlMinSegW, avail/float64(len(segs)))
	free := avail - minW*float64(len(segs))
	for i, s := range segs {
		widths[i] = minW
		if totalDays > 0 {
			widths[i] += free * (s.to.Sub(s.from).Hours() / 24) / totalDays
		} else {
			widths[i] += free / float64(len(segs))
		}
	}
	x := tlMargin
	for i, s := range segs {
		s.x0, s.x1 = x, x+widths[i]
		x = s.x1 + tlBreakW
		span := s.to.Sub(s.from).Seconds()
		for _, p := range s.events {
			if span == 0 {
				p.x = (s.x0 + s.x1) / 2
			} else {
				p.x = s.x0 + tlSegPad + (s.x1-s.x0-2*tlSegPad)*p.t.Sub(s.from).Seconds()/span
			}
		}
	}

	// Labels start at their event and run right; near the right edge they
	// end at their event instead. Rows are assigned greedily: a label goes
	// in the lowest row where it overlaps no other label.
	// With many events only the most covered carry a label; the others
	// keep their number, tooltip and link (the list below has them all).
	labelled := map[*placed]bool{}
	byCoverage := append([]*placed(nil), ps...)
	sort.SliceStable(byCoverage, func(i, j int) bool { return byCoverage[i].Articles > byCoverage[j].Articles })
	for i, p := range byCoverage {
		if i < tlMaxLabels {
			labelled[p] = true
		}
	}
	var rowSpans [][][2]float64
	for _, p := range ps {
		if !labelled[p] {
			continue
		}
		w := labelWidth(p)
		p.left = p.x - 6
		if p.left+w > tlWidth-8 {
			p.left, p.anchorEnd = max(p.x+6-w, 4), true
		}
		right := p.left + w
		row := -1
		for i, spans := range rowSpans {
			free := true
			for _, sp := range spans {
				if p.left < sp[1]+10 && right > sp[0]-10 {
					free = false
					break
				}
			}
			if free {
				row = i
				break
			}
		}
		if row < 0 {
			rowSpans = append(rowSpans, nil)
			row = len(rowSpans) - 1
		}
		rowSpans[row] = append(rowSpans[row], [2]float64{p.left, right})
		p.row = row
	}
	rows := len(rowSpans)

	axisY := 30 + float64(rows)*tlRowH + 30
	height := axisY + 84
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="100%%" role="group" aria-labelledby="tl-title" aria-describedby="tl-desc" data-events="%d" data-segments="%d">`,
		tlWidth, height, len(ps), len(segs))
	fmt.Fprintf(&b, `<title id="tl-title">Timeline of %d events</title>`, len(ps))
	fmt.Fprintf(&b, `<desc id="tl-desc">%s</desc>`, template.HTMLEscapeString(describe(ps, segs)))

	// Axis segments, ticks and breaks.
	for i, s := range segs {
		fmt.Fprintf(&b, `<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, s.x0, axisY, s.x1, axisY)
		for _, tk := range ticks(s) {
			fmt.Fprintf(&b, `<line class="tick" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, tk.x, axisY, tk.x, axisY+27)
			fmt.Fprintf(&b, `<text class="tick-label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, tk.x, axisY+40, template.HTMLEscapeString(tk.label))
		}
		if i+1 < len(segs) {
			next := segs[i+1]
			gx := s.x1 + tlBreakW/2
			fmt.Fprintf(&b, `<g class="axis-break" data-gap="%s">`, gapText(s.to, next.from))
			fmt.Fprintf(&b, `<line class="axis gap" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, s.x1, axisY, next.x0, axisY)
			for _, dx := range []float64{-5, 5} {
				fmt.Fprintf(&b, `<path class="break-mark" d="M%.1f %.1f l6 -12"/>`, gx+dx-3, axisY+6)
			}
			fmt.Fprintf(&b, `<text class="gap-label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, gx, axisY+58, template.HTMLEscapeString(gapText(s.to, next.from)))
			fmt.Fprintf(&b, `<text class="gap-label" x="%.1f" y="%.1f" text-anchor="middle">gap</text>`, gx, axisY+72)
			b.WriteString(`</g>`)
		}
	}

	// Events: leader line, circle with its number, label.
	for _, p := range ps {
		ly := 30 + float64(rows-1-p.row)*tlRowH
		open := ""
		if p.Href != "" {
			open = fmt.Sprintf(`<a href="%s">`, template.HTMLEscapeString(p.Href))
		}
		fmt.Fprintf(&b, `<g class="event" data-id="%s" data-date="%s" data-n="%d" data-x="%.1f">%s`,
			template.HTMLEscapeString(p.ID), template.HTMLEscapeString(p.Date), p.n, p.x, open)
		fmt.Fprintf(&b, `<title>%s</title>`, template.HTMLEscapeString(fmt.Sprintf("%d. %s — %s, %d article(s)", p.n, p.Title, p.Date, p.Articles)))
		if !labelled[p] {
			fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="%.1f"/>`, p.x, axisY, p.r)
			fmt.Fprintf(&b, `<text class="dot-n" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, p.x, axisY+4, p.n)
			if open != "" {
				b.WriteString(`</a>`)
			}
			b.WriteString(`</g>`)
			continue
		}
		fmt.Fprintf(&b, `<line class="leader" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, p.x, ly+34, p.x, axisY-p.r)
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="%.1f"/>`, p.x, axisY, p.r)
		fmt.Fprintf(&b, `<text class="dot-n" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, p.x, axisY+4, p.n)
		tx, anchor := p.x-6, "start"
		if p.anchorEnd {
			tx, anchor = p.x+6, "end"
		}
		fmt.Fprintf(&b, `<text class="ev-title" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, tx, ly, anchor, template.HTMLEscapeString(trunc(fmt.Sprintf("%d. %s", p.n, p.Title), p.maxTitle)))
		fmt.Fprintf(&b, `<text class="ev-meta" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, tx, ly+14, anchor, template.HTMLEscapeString(trunc(metaLine(p), p.maxTitle+6)))
		if len(p.Actors) > 0 {
			fmt.Fprintf(&b, `<text class="ev-actors" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, tx, ly+28, anchor, template.HTMLEscapeString(trunc(strings.Join(p.Actors, ", "), p.maxTitle+6)))
		}
		if open != "" {
			b.WriteString(`</a>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), undated
}

func radius(articles int) float64 {
	if articles < 1 {
		articles = 1
	}
	return math.Min(9+3.2*math.Sqrt(float64(articles-1)), 24)
}

// labelWidth estimates a label's width: ~7.8 px per character of the
// 13 px bold title, ~6.3 px for the 11 px lines below it.
func labelWidth(p *placed) float64 {
	w := 7.8 * float64(len([]rune(trunc(fmt.Sprintf("%d. %s", p.n, p.Title), p.maxTitle))))
	w = max(w, 6.3*float64(len([]rune(trunc(metaLine(p), p.maxTitle+6)))))
	if len(p.Actors) > 0 {
		w = max(w, 6.3*float64(len([]rune(trunc(strings.Join(p.Actors, ", "), p.maxTitle+6)))))
	}
	return w
}

func metaLine(p *placed) string {
	s := DisplayDate(p.Date)
	if p.Articles == 1 {
		s += " · 1 article"
	} else {
		s += fmt.Sprintf(" · %d articles", p.Articles)
	}
	if len(p.Outlets) > 0 {
		s += " · " + strings.Join(p.Outlets, ", ")
	}
	return s
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// DisplayDate renders a TIMEX value for humans ("9 May 2015", "Dec 2014").
func DisplayDate(v string) string {
	t, g, ok := ParseTimex(v)
	if !ok {
		if v == "" {
			return "undated"
		}
		return v
	}
	switch g {
	case "day":
		return t.Format("2 Jan 2006")
	case "week":
		return "week " + v[6:8] + " " + v[:4]
	case "month":
		if strings.Contains(v, "Q") {
			return v[5:] + " " + v[:4]
		}
		return t.Format("Jan 2006")
	default:
		return t.Format("2006")
	}
}

// gapText says how long a break in the axis is.
func gapText(a, b time.Time) string {
	months := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		months--
	}
	y, m := months/12, months%12
	switch {
	case y == 0:
		return plural(m, "month")
	case m == 0:
		return plural(y, "year")
	default:
		return plural(y, "year") + " " + plural(m, "month")
	}
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

type tick struct {
	x     float64
	label string
}

// ticks chooses year, month or day ticks for a segment so that labels stay
// at least ~64 px apart.
func ticks(s *segment) []tick {
	inner0, inner1 := s.x0+tlSegPad, s.x1-tlSegPad
	span := s.to.Sub(s.from).Seconds()
	if span == 0 {
		p := s.events[0]
		return []tick{{x: p.x, label: DisplayDate(p.Date)}}
	}
	pos := func(t time.Time) float64 { return inner0 + (inner1-inner0)*t.Sub(s.from).Seconds()/span }
	type gran struct {
		start func(time.Time) time.Time
		next  func(time.Time) time.Time
		fmt   string
		steps []int
	}
	grans := []gran{
		{func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) },
			func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, "2 Jan", []int{1, 7, 14}},
		{func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) },
			func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }, "Jan 2006", []int{1, 2, 3, 6}},
		{func(t time.Time) time.Time { return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC) },
			func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }, "2006", []int{1, 2, 5}},
	}
	for _, g := range grans {
		var all []tick
		for t := g.next(g.start(s.from)); !t.After(s.to) && len(all) < 2000; t = g.next(t) {
			all = append(all, tick{x: pos(t), label: t.Format(g.fmt)})
		}
		if len(all) == 0 {
			continue
		}
		for _, step := range g.steps {
			var th []tick
			for i := 0; i < len(all); i += step {
				th = append(th, all[i])
			}
			if spacing(th) >= 64 {
				return th
			}
		}
	}
	// Very long spans: decade ticks.
	var out []tick
	for y := (s.from.Year()/10 + 1) * 10; y <= s.to.Year(); y += 10 {
		out = append(out, tick{x: pos(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)), label: strconv.Itoa(y)})
	}
	if len(out) == 0 {
		first, last := s.events[0], s.events[len(s.events)-1]
		out = []tick{{x: first.x, label: DisplayDate(first.Date)}, {x: last.x, label: DisplayDate(last.Date)}}
	}
	return out
}

func spacing(ts []tick) float64 {
	if len(ts) < 2 {
		return math.Inf(1)
	}
	m := math.Inf(1)
	for i := 1; i < len(ts); i++ {
		m = math.Min(m, ts[i].x-ts[i-1].x)
	}
	return m
}

// describe is the text alternative of the picture.
func describe(ps []*placed, segs []*segment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d events from %s to %s", len(ps), DisplayDate(ps[0].Date), DisplayDate(ps[len(ps)-1].Date))
	for i := 1; i < len(segs); i++ {
		fmt.Fprintf(&b, "; a gap of %s between %s and %s", gapText(segs[i-1].to, segs[i].from),
			segs[i-1].to.Format("Jan 2006"), segs[i].from.Format("Jan 2006"))
	}
	b.WriteString(".")
	return b.String()
}
