package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Sentence is one tokenised sentence with optional gold BIO tags.
type Sentence struct {
	Tokens []string
	Tags   []string // BIO over PER/LOC/ORG/OTH; nil when the input had none
	// Doc numbers the document the sentence belongs to (CoNLL -DOCSTART-);
	// sentences of one document share document-level features.
	Doc int
}

// eachDocument calls fn for every run of consecutive sentences with the
// same Doc number: sents[lo:hi] and their token lists, the unit the
// document-level features are built from.
func eachDocument(sents []Sentence, fn func(lo, hi int, words [][]string)) {
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		words := make([][]string, 0, j-i)
		for _, s := range sents[i:j] {
			words = append(words, s.Tokens)
		}
		fn(i, j, words)
		i = j
	}
}

// Format names the column layout of a CoNLL-style file.
type Format int

// Column layouts understood by ReadCoNLL.
const (
	FormatAuto     Format = iota
	FormatTokens          // token only (first column), no tags
	FormatGermEval        // idx TAB token TAB outer TAB inner
	FormatCoNLL           // token lemma POS chunk NER (IOB1; also plain "LOC" IO tags)
)

// MaxLineBytes bounds one input line; longer lines are an error, not a crash.
const MaxLineBytes = 1 << 20

// ReadCoNLL reads sentences from a CoNLL-like file: one token per line, a
// blank line between sentences, '#' comment lines, "-DOCSTART-" document
// separators. With withTags the gold tag column is read and normalised to
// BIO over PER/LOC/ORG/OTH (IOB1→BIO, MISC→OTH, *deriv/*part→O).
func ReadCoNLL(r io.Reader, withTags bool) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLineBytes)
	var out []Sentence
	var cur Sentence
	var raw []string
	doc := 0
	format := FormatAuto
	flush := func() {
		if len(cur.Tokens) > 0 {
			if withTags {
				cur.Tags = toBIO(raw)
			}
			cur.Doc = doc
			out = append(out, cur)
		}
		cur = Sentence{}
		raw = nil
	}
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if !utf8.ValidString(line) {
			line = strings.ToValidUTF8(line, "\uFFFD")
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") && (format == FormatGermEval || format == FormatAuto) && (strings.HasPrefix(line, "#\t") || strings.HasPrefix(line, "# ") || line == "#") {
			// GermEval: one comment per sentence, each from another page.
			flush()
			doc++
			continue
		}
		if strings.HasPrefix(line, "-DOCSTART-") {
			flush()
			doc++
			continue
		}
		var cols []string
		if strings.Contains(line, "\t") {
			cols = strings.Split(line, "\t")
		} else {
			cols = strings.Fields(line)
		}
		if format == FormatAuto {
			format = detectFormat(cols)
		}
		tok, tag := "", "O"
		switch {
		case format == FormatGermEval && len(cols) >= 2 && isInt(cols[0]):
			tok = cols[1]
			if len(cols) >= 3 {
				tag = cols[2]
			}
		case format == FormatCoNLL && len(cols) >= 2:
			tok = cols[0]
			tag = cols[len(cols)-1]
		default:
			tok = cols[0]
			if len(cols) >= 2 && isInt(cols[0]) {
				tok = cols[1]
			}
			if len(cols) >= 2 {
				tag = cols[len(cols)-1]
			}
		}
		if tok == "" {
			return out, fmt.Errorf("line %d: empty token", lineNo)
		}
		cur.Tokens = append(cur.Tokens, tok)
		raw = append(raw, tag)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("line %d: %w", lineNo+1, err)
	}
	flush()
	return out, nil
}

func detectFormat(cols []string) Format {
	if len(cols) >= 3 && isInt(cols[0]) {
		return FormatGermEval
	}
	if len(cols) >= 2 && !isInt(cols[0]) {
		return FormatCoNLL
	}
	if len(cols) == 2 && isInt(cols[0]) {
		return FormatGermEval
	}
	return FormatTokens
}

func isInt(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normType maps corpus entity types to ours; "" for none.
func normType(t string) string {
	switch strings.ToUpper(t) {
	case "PER", "PERSON":
		return "PER"
	case "LOC", "LOCATION", "GPE":
		return "LOC"
	case "ORG", "ORGANIZATION", "ORGANISATION":
		return "ORG"
	case "OTH", "MISC":
		return "OTH"
	}
	return ""
}

// toBIO converts IOB1, IO or BIO tags to BIO over our four types; unknown
// tags and GermEval *deriv/*part variants become O.
func toBIO(raw []string) []string {
	out := make([]string, len(raw))
	prevType := ""
	for i, t := range raw {
		prefix, typ := "", t
		if len(t) > 2 && (t[1] == '-') && (t[0] == 'B' || t[0] == 'I' || t[0] == 'E' || t[0] == 'S') {
			prefix, typ = t[:1], t[2:]
		}
		nt := normType(typ)
		if nt == "" {
			out[i] = "O"
			prevType = ""
			continue
		}
		begin := prefix == "B" || prefix == "S" || prevType != nt
		if begin {
			out[i] = "B-" + nt
		} else {
			out[i] = "I-" + nt
		}
		prevType = nt
		if prefix == "E" || prefix == "S" {
			prevType = ""
		}
	}
	return out
}

// Span is an entity span over token indices [Start, End).
type Span struct {
	Start, End int
	Type       string
}

// Spans reads entity spans from BIO tags; a stray I- starts a new span.
func Spans(tags []string) []Span {
	var out []Span
	cur := -1
	curType := ""
	for i, t := range tags {
		typ := ""
		if len(t) > 2 {
			typ = t[2:]
		}
		cont := strings.HasPrefix(t, "I-") && cur >= 0 && curType == typ
		if cont {
			continue
		}
		if cur >= 0 {
			out = append(out, Span{cur, i, curType})
			cur = -1
		}
		if typ != "" && (t[0] == 'B' || t[0] == 'I') {
			cur, curType = i, typ
		}
	}
	if cur >= 0 {
		out = append(out, Span{cur, len(tags), curType})
	}
	return out
}
