package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// inlineTags do not break a line; every other element does.
var inlineTags = map[string]bool{
	"a": true, "span": true, "b": true, "i": true, "em": true, "strong": true, "hi": true,
	"ref": true, "sup": true, "sub": true, "u": true, "small": true, "abbr": true, "font": true,
	"q": true, "mark": true, "time": true, "cite": true, "del": true, "ins": true, "s": true,
	"kbd": true, "var": true, "label": true, "big": true, "tt": true, "code": true,
}

// cellTags separate table cells by a space rather than a line.
var cellTags = map[string]bool{"td": true, "th": true}

// renderLines turns trafilatura's content tree into one line per block
// (paragraph, heading, list item, table row), so that the line filters can
// judge paragraphs one by one.
func renderLines(n *html.Node) []string {
	var b strings.Builder
	var walk func(n *html.Node, level int)
	walk = func(n *html.Node, level int) {
		switch n.Type {
		case html.TextNode:
			// Text is written as it stands: adding spaces at inline tag
			// boundaries (as trafilatura's ContentText does) splits words
			// that pages style letter by letter.
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "br" || n.Data == "lb" {
				b.WriteByte('\n')
				return
			}
		}
		block := n.Type == html.ElementNode && !inlineTags[n.Data]
		sep := byte('\n')
		if cellTags[n.Data] {
			sep = ' '
		}
		if block {
			b.WriteByte(sep)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, level+1)
		}
		if block {
			b.WriteByte(sep)
		}
	}
	walk(n, 0)
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}
