package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  = 'w'
	kDigit = 'd'
	kPunct = 'p'
)

// tok is one token: a run of letters, a run of digits or one other rune.
type tok struct {
	s, l   string // original and lower-cased text
	rs, re int    // code-point offsets into the text
	bs, be int    // byte offsets into the text
	kind   byte
	n      int  // value of a digit token (capped at 9 digits)
	nd     int  // number of digits
	sp     bool // whitespace (or start of text) before the token
	nl     bool // a line break before the token
	upper  bool // first rune is upper case
	sent   int  // sentence index
}

// tokenize splits text into tokens with code-point offsets and assigns
// sentence indexes (sentence ends: . ! ? before an upper-case or line-initial
// token, unless the dot follows a number or a short abbreviation; line breaks).
func tokenize(text string) []tok {
	toks := make([]tok, 0, len(text)/5+4)
	rpos := 0
	sp, nl := true, false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			sp = true
			if r == '\n' {
				nl = true
			}
			i += size
			rpos++
			continue
		}
		start, rstart := i, rpos
		var kind byte
		switch {
		case unicode.IsLetter(r):
			kind = kWord
			for i < len(text) {
				r, size = utf8.DecodeRuneInString(text[i:])
				if !unicode.IsLetter(r) && r != '\u00AD' {
					break
				}
				i += size
				rpos++
			}
		case r >= '0' && r <= '9':
			kind = kDigit
			for i < len(text) && text[i] >= '0' && text[i] <= '9' {
				i++
				rpos++
			}
		default:
			kind = kPunct
			i += size
			rpos++
		}
		s := text[start:i]
		t := tok{s: s, l: s, rs: rstart, re: rpos, bs: start, be: i, kind: kind, sp: sp, nl: nl}
		if kind == kWord {
			t.l = strings.ToLower(s)
			fr, _ := utf8.DecodeRuneInString(s)
			t.upper = unicode.IsUpper(fr)
		} else if kind == kDigit {
			t.nd = len(s)
			for j := 0; j < len(s) && j < 9; j++ {
				t.n = t.n*10 + int(s[j]-'0')
			}
		}
		toks = append(toks, t)
		sp, nl = false, false
	}
	sent := 0
	for k := range toks {
		if k > 0 && toks[k].nl {
			sent++
		}
		toks[k].sent = sent
		t := toks[k]
		if t.kind == kPunct && (t.s == "." || t.s == "!" || t.s == "?") && k+1 < len(toks) {
			next := toks[k+1]
			if !next.sp || !(next.upper || next.kind == kPunct) {
				continue
			}
			if t.s == "." && k > 0 && (toks[k-1].kind == kDigit || abbrev[toks[k-1].l] || len([]rune(toks[k-1].s)) == 1) {
				continue
			}
			sent++
		}
	}
	return toks
}

// abbrev lists short words that end with a dot without ending a sentence.
var abbrev = map[string]bool{
	"chr": true, "jh": true, "jhd": true, "nr": true, "dr": true, "st": true, "bzw": true,
	"ca": true, "vgl": true, "mr": true, "mrs": true, "ms": true, "jan": true, "feb": true,
	"apr": true, "aug": true, "sep": true, "sept": true, "okt": true, "oct": true, "nov": true,
	"dez": true, "dec": true, "prof": true, "usw": true, "etc": true, "gen": true, "u": true,
}
