package extract

import (
	"bytes"
	"io"
	nurl "net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"github.com/newsweave/newsweave"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// decodeHTML converts body to UTF-8 following its BOM, <meta charset> or,
// failing both, a content sniff (Latin-1 pages are common in crawls).
func decodeHTML(body []byte) []byte {
	enc, name, _ := charset.DetermineEncoding(body, "text/html")
	if name == "utf-8" || enc == nil {
		return body
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(body)))
	if err != nil {
		return body
	}
	return out
}

func parseURL(s string) *nurl.URL {
	if s == "" {
		return nil
	}
	u, err := nurl.ParseRequestURI(s)
	if err != nil || u.Host == "" {
		return nil
	}
	return u
}

func (e *Extractor) trafilaturaOptions(u *nurl.URL) trafilatura.Options {
	o := trafilatura.Options{
		OriginalURL:     u,
		ExcludeComments: true,
		EnableFallback:  !e.opts.NoFallback,
		// Dates are found separately (see htmlDate), so trafilatura only
		// reads metadata and does not run its own document-wide search.
		HtmlDateMode: trafilatura.Disabled,
	}
	switch e.opts.HTMLFocus {
	case FavorRecall:
		o.Focus = trafilatura.FavorRecall
	case FavorPrecision:
		o.Focus = trafilatura.FavorPrecision
	}
	return o
}

func (e *Extractor) extractHTML(doc Document, body []byte) (*newsweave.Article, error) {
	body = decodeHTML(body)
	body = []byte(RepairMojibake(string(body)))
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	u := parseURL(doc.URL)
	res, err := trafilatura.ExtractDocument(root, e.trafilaturaOptions(u))
	if err != nil {
		return nil, errNoTextf(err)
	}
	a := &newsweave.Article{URL: doc.URL}
	if a.URL == "" && res.Metadata.URL != "" {
		a.URL = res.Metadata.URL
	}
	a.Title = pickTitle(cleanTitle(res.Metadata.Title, res.Metadata.Sitename), headlines(root))
	if doc.Title != "" {
		a.Title = doc.Title
	}
	var lines []string
	if res.ContentNode != nil {
		lines = renderLines(res.ContentNode)
	} else {
		lines = strings.Split(res.ContentText, "\n")
	}
	text, removed := filterHTMLText(lines, a.Title)
	a.Text = text
	a.Removed = removed
	a.Authors = splitAuthors(res.Metadata.Author)
	a.Source = res.Metadata.Sitename
	if a.Source == "" {
		a.Source = res.Metadata.Hostname
	}
	a.Agencies = agenciesInText(a.Text)
	if d, conf, from := htmlDate(root, a.URL, res.Metadata.Date); d != "" {
		a.Published, a.PublishedConfidence, a.PublishedFrom = d, conf, from
	}
	if res.Metadata.Language != "" {
		a.Lang = strings.ToLower(res.Metadata.Language)
	}
	return a, nil
}

func errNoTextf(err error) error {
	return &wrapErr{ErrNoText, err}
}

type wrapErr struct{ kind, cause error }

func (w *wrapErr) Error() string { return w.kind.Error() + ": " + w.cause.Error() }
func (w *wrapErr) Unwrap() error { return w.kind }

// htmlDate finds the publication date: go-htmldate in extensive mode,
// preferring the original over the last-modified date (it weighs JSON-LD,
// meta tags, bylines and the URL), then explicit publication metadata
// (JSON-LD datePublished, article:published_time and kin), then
// trafilatura's metadata date, then the URL. It returns an ISO date, a
// confidence and the evidence name.
func htmlDate(root *html.Node, pageURL string, metaDate time.Time) (string, float64, string) {
	opts := htmldate.Options{UseOriginalDate: true, URL: pageURL, MaxDate: time.Now().AddDate(0, 0, 2)}
	if r, err := htmldate.FromDocument(root, opts); err == nil && !r.IsZero() {
		return r.DateTime.Format("2006-01-02"), 0.9, "htmldate"
	}
	if d := publishedMeta(root); d != "" {
		return d, 0.9, "meta"
	}
	if !metaDate.IsZero() {
		return metaDate.Format("2006-01-02"), 0.8, "meta"
	}
	if d, ok := dateFromURL(pageURL); ok {
		return d, 0.7, "url"
	}
	return "", 0, ""
}

// headlines returns the texts of the page's <h1> elements (at most four).
func headlines(root *html.Node) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if len(out) >= 4 {
			return
		}
		if n.Type == html.ElementNode && n.Data == "h1" {
			if t := normTitle(textOf(n)); t != "" {
				out = append(out, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// pickTitle prefers the page's own headline (<h1>) when the metadata title
// contains it — that drops kickers and site names ("Olympia - Getränke per
// Schiff | Site" → "Getränke per Schiff") — and otherwise keeps the
// metadata title.
func pickTitle(meta string, h1s []string) string {
	km := titleKey(meta)
	for _, h := range h1s {
		kh := titleKey(h)
		if len(kh) >= 8 && kh != km && strings.Contains(km, kh) {
			return h
		}
	}
	// A one- or two-word metadata title ("Pressemitteilungen", "Aktuelle")
	// names a site section, not the article: the single page headline is
	// better.
	if wordCount(meta) <= 2 && len(h1s) == 1 && wordCount(h1s[0]) >= 3 && len(h1s[0]) <= 200 {
		return h1s[0]
	}
	return meta
}
