package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word or punctuation mark of a text. Start and End are
// Unicode code-point offsets into the text (End exclusive); byte offsets are
// kept too so callers can slice the original string cheaply.
type Token struct {
	Text       string
	Start, End int // code points
	BStart     int // byte offset of the first byte
	BEnd       int // byte offset after the last byte
	// SentStart is true for the first token of a sentence.
	SentStart bool
}

// abbreviations that keep their trailing period (lower-case, without it).
var abbreviations = map[string]bool{
	"dr": true, "prof": true, "st": true, "nr": true, "bzw": true, "ca": true, "vgl": true,
	"z.b": true, "u.a": true, "d.h": true, "usw": true, "etc": true, "mio": true, "mrd": true,
	"jan": true, "feb": true, "mr": true, "mrs": true, "ms": true, "jr": true, "gen": true,
	"abs": true, "art": true, "inc": true, "ltd": true, "co": true, "str": true, "hr": true,
	"u.s": true, "u.s.a": true, "f.a.z": true, "evtl": true, "ggf": true, "sog": true,
}

func isQuoteOrBracket(r rune) bool {
	switch r {
	case '"', '\'', '„', '“', '”', '‚', '‘', '’', '»', '«', '›', '‹', '(', ')', '[', ']', '{', '}', '<', '>':
		return true
	}
	return false
}

// isSplitPunct reports punctuation split from word edges.
func isSplitPunct(r rune) bool {
	if isQuoteOrBracket(r) {
		return true
	}
	switch r {
	case ',', ';', ':', '!', '?', '.', '…', '*', '•', '|', '–', '—', '/':
		return true
	}
	return unicode.IsPunct(r) && r != '-' && r != '&' && r != '@' && r != '%' && r != '#' && r != '_'
}

// Tokenize splits text into tokens and marks sentence starts. It never fails:
// invalid UTF-8 bytes become part of tokens as they are (offsets count each
// invalid byte as one code point, like a range loop over the string does).
func Tokenize(text string) []Token {
	// About one token per 5 bytes of news text: one allocation, not a
	// dozen doublings.
	toks := make([]Token, 0, min(len(text)/5+8, 1<<20))
	// Walk whitespace-separated chunks, tracking rune offsets.
	runePos := 0
	i := 0
	newline := true // a newline (or text start) precedes the next token
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				newline = true
			}
			i += size
			runePos++
			continue
		}
		// chunk [i, j)
		j := i
		rj := runePos
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r2) || r2 == '\u00a0' || r2 == '\u200b' || r2 == '\ufeff' {
				break
			}
			j += s2
			rj++
		}
		n0 := len(toks)
		toks = splitChunk(toks, text, i, j, runePos)
		if newline && len(toks) > n0 {
			toks[n0].SentStart = true
		}
		newline = false
		i = j
		runePos = rj
	}
	markSentences(toks)
	return toks
}

// splitChunk splits one whitespace-free chunk into tokens: leading and
// trailing punctuation become their own tokens; internal hyphens, periods
// (abbreviations, numbers) and apostrophes stay.
func splitChunk(toks []Token, text string, b0, b1, r0 int) []Token {
	chunk := text[b0:b1]
	// Leading punctuation.
	for len(chunk) > 0 {
		r, s := utf8.DecodeRuneInString(chunk)
		if !isSplitPunct(r) && r != '-' || (r == '-' && len(chunk) > s && isWordRune(chunk[s:])) {
			break
		}
		toks = append(toks, Token{Text: chunk[:s], Start: r0, End: r0 + 1, BStart: b0, BEnd: b0 + s})
		chunk = chunk[s:]
		b0 += s
		r0++
	}
	if chunk == "" {
		return toks
	}
	// Trailing punctuation, collected in reverse.
	var tail []Token
	bEnd := b1
	rEnd := r0 + utf8.RuneCountInString(chunk)
	for len(chunk) > 0 {
		r, s := utf8.DecodeLastRuneInString(chunk)
		if !isSplitPunct(r) && r != '-' {
			break
		}
		if r == '.' && keepPeriod(chunk) {
			break
		}
		if r == '-' && len(chunk) > s {
			// "Nord-" in "Nord- und Südkorea" keeps its hyphen.
			break
		}
		tail = append(tail, Token{Text: chunk[len(chunk)-s:], Start: rEnd - 1, End: rEnd, BStart: bEnd - s, BEnd: bEnd})
		chunk = chunk[:len(chunk)-s]
		bEnd -= s
		rEnd--
	}
	if chunk != "" {
		// Split internal slashes between words ("MOSKAU/WASHINGTON") and
		// glued sentence ends ("taz.de.Treffen" stays: no space rule here).
		toks = splitInternal(toks, chunk, b0, r0)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		toks = append(toks, tail[k])
	}
	return toks
}

// splitInternal splits a word on internal '/' and on quotes or brackets glued
// inside it; other characters stay.
func splitInternal(toks []Token, w string, b0, r0 int) []Token {
	start := 0
	rs := r0
	rp := r0
	for k, r := range w {
		if r == '/' || r == '(' || r == ')' || r == '"' || r == '„' || r == '“' || r == '”' || r == '»' || r == '«' {
			if k > start {
				toks = append(toks, Token{Text: w[start:k], Start: rs, End: rp, BStart: b0 + start, BEnd: b0 + k})
			}
			s := utf8.RuneLen(r)
			if s < 0 {
				s = 1
			}
			toks = append(toks, Token{Text: w[k : k+s], Start: rp, End: rp + 1, BStart: b0 + k, BEnd: b0 + k + s})
			start = k + s
			rs = rp + 1
		}
		rp++
	}
	if start < len(w) {
		toks = append(toks, Token{Text: w[start:], Start: rs, End: rp, BStart: b0 + start, BEnd: b0 + len(w)})
	}
	return toks
}

func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// keepPeriod reports whether the final period of w belongs to it: ordinal
// numbers ("9.", "70."), initials ("J."), abbreviations ("Dr.", "U.S.").
func keepPeriod(w string) bool {
	body := w[:len(w)-1]
	if body == "" {
		return false
	}
	allDigits := true
	for _, r := range body {
		if !unicode.IsDigit(r) {
			allDigits = false
			break
		}
	}
	if allDigits {
		return len(body) <= 4
	}
	if utf8.RuneCountInString(body) == 1 {
		r, _ := utf8.DecodeRuneInString(body)
		return unicode.IsUpper(r)
	}
	if abbreviations[strings.ToLower(body)] {
		return true
	}
	// Dotted abbreviations: "F.A.Z", "z.B".
	if strings.Count(body, ".") >= 1 && utf8.RuneCountInString(body) <= 8 {
		parts := strings.Split(body, ".")
		short := true
		for _, p := range parts {
			if utf8.RuneCountInString(p) > 2 {
				short = false
			}
		}
		return short
	}
	return false
}

// markSentences sets SentStart after sentence-final punctuation followed by
// a capitalised word, a quote or a digit.
func markSentences(toks []Token) {
	if len(toks) > 0 {
		toks[0].SentStart = true
	}
	for k := 0; k+1 < len(toks); k++ {
		t := toks[k].Text
		if t != "." && t != "!" && t != "?" && t != "…" && !(len(t) > 1 && strings.HasSuffix(t, ".") && keepPeriod(t) && endsNumberSentence(toks, k)) {
			continue
		}
		n := k + 1
		// skip closing quotes
		for n < len(toks) && len(toks[n].Text) <= 3 && isClosing(toks[n].Text) {
			n++
		}
		if n < len(toks) {
			r, _ := utf8.DecodeRuneInString(toks[n].Text)
			if unicode.IsUpper(r) || unicode.IsDigit(r) || isQuoteOrBracket(r) {
				toks[n].SentStart = true
			}
		}
	}
}

// endsNumberSentence: "... im Jahr 2011." is tokenised "2011." only when a
// capitalised word and a newline follow; we keep it conservative: never.
func endsNumberSentence([]Token, int) bool { return false }

func isClosing(s string) bool {
	switch s {
	case "\"", "“", "”", "«", "»", "'", "’", ")":
		return true
	}
	return false
}

// Sentences groups token indices into sentences: [start, end) pairs.
func Sentences(toks []Token) [][2]int {
	var out [][2]int
	s := 0
	for k := 1; k < len(toks); k++ {
		if toks[k].SentStart {
			out = append(out, [2]int{s, k})
			s = k
		}
	}
	if len(toks) > 0 {
		out = append(out, [2]int{s, len(toks)})
	}
	return out
}
