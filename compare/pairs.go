package compare

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsweave/newsweave"
)

// Pair is one row of a pairs CSV (SemEval-2022 Task 8 layout).
type Pair struct {
	ID     string
	Line   int // line of the record's start in the file
	A, B   newsweave.Article
	Labels Scores // valid when Labeled
	// Labeled is true when all seven dimension columns hold numbers.
	Labeled bool
	Err     error // why the row cannot be compared (missing text, bad CSV)
}

// ReadPairs reads a CSV whose header has at least pair_id, text1 and text2,
// optionally lang1, lang2, title1, title2, date1, date2, url1, url2 and the
// seven dimension columns; other columns are ignored. A malformed row does
// not stop the reading: it comes back with Err set. The error is non-nil
// only when the header is unusable or the input cannot be read.
func ReadPairs(r io.Reader) ([]Pair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	for _, need := range []string{"pair_id", "text1", "text2"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("header lacks column %q (need pair_id,text1,text2)", need)
		}
	}
	var out []Pair
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		p := Pair{}
		if err == nil {
			p.Line, _ = cr.FieldPos(0)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p.Line = pe.StartLine
				p.Err = fmt.Errorf("malformed CSV: %v", pe.Err)
				out = append(out, p)
				continue
			}
			return out, err
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		p.ID = get("pair_id")
		p.A = newsweave.Article{Title: get("title1"), Text: get("text1"), Lang: strings.ToLower(get("lang1")), Published: get("date1"), URL: get("url1")}
		p.B = newsweave.Article{Title: get("title2"), Text: get("text2"), Lang: strings.ToLower(get("lang2")), Published: get("date2"), URL: get("url2")}
		switch {
		case len(rec) < len(head):
			p.Err = fmt.Errorf("row has %d fields, header has %d", len(rec), len(head))
		case p.ID == "":
			p.Err = errors.New("empty pair_id")
		case p.A.Text == "" && p.A.Title == "":
			p.Err = errors.New("text1 is empty")
		case p.B.Text == "" && p.B.Title == "":
			p.Err = errors.New("text2 is empty")
		}
		p.Labeled = true
		for d, name := range Dimensions {
			v, err := strconv.ParseFloat(get(name), 64)
			if err != nil {
				p.Labeled = false
				break
			}
			p.Labels[d] = v
		}
		out = append(out, p)
	}
	return out, nil
}

// GroupID is the pair id with language suffixes removed
// ("1484039360it_1484180228it" → "1484039360_1484180228"): translated
// variants of one pair share it, so folds never split them.
func GroupID(pairID string) string {
	var b strings.Builder
	for _, r := range pairID {
		if (r >= '0' && r <= '9') || r == '_' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return pairID
	}
	return b.String()
}

// ArticleGroups returns one group per pair id such that pairs sharing an
// article (a number of the id, language suffixes removed) share a group:
// the connected components of the article graph. Cross-validation folds
// keyed by these groups never show an article in training that a held-out
// pair contains.
func ArticleGroups(pairIDs []string) []string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			parent[x] = x
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	arts := make([][]string, len(pairIDs))
	for i, id := range pairIDs {
		g := GroupID(id)
		for _, a := range strings.Split(g, "_") {
			if a != "" {
				arts[i] = append(arts[i], a)
			}
		}
		if len(arts[i]) == 0 {
			arts[i] = []string{"\x00" + id}
		}
		for _, a := range arts[i][1:] {
			ra, rb := find(arts[i][0]), find(a)
			if ra != rb {
				if rb < ra {
					ra, rb = rb, ra
				}
				parent[rb] = ra
			}
		}
	}
	out := make([]string, len(pairIDs))
	for i := range pairIDs {
		out[i] = find(arts[i][0])
	}
	return out
}
