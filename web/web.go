// Package web holds newsweave's browser UI: html/template pages, the CSS
// (embedded, no CDN, no JavaScript needed for reading), the server-rendered
// SVG storyline timeline and the entity/date highlighting of article text.
// Package api fills the pages with data and serves them.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Pages are the page template names.
var Pages = []string{"storylines", "storyline", "event", "article", "entity", "compare", "search", "error"}

// UI renders the pages. It is immutable after New and safe for concurrent use.
type UI struct {
	pages map[string]*template.Template
}

// Page is the frame every page shares.
type Page struct {
	Title string // <title> and <h1>
	Nav   string // active nav item: "storylines", "search", "compare"
	Query string // search box value
	Data  any    // page-specific data
}

// assetVersion changes whenever an embedded asset changes, so asset URLs
// can be cached for long without serving stale CSS after an upgrade.
var assetVersion = func() string {
	h := sha256.New()
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := staticFS.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10]
}()

var funcs = template.FuncMap{
	// asset is the versioned URL of an embedded static file.
	"asset": func(name string) string { return "/static/" + name + "?v=" + assetVersion },
	"date":  DisplayDate,
	"join":  strings.Join,
	"query": url.QueryEscape,
	"typeName": func(t string) string {
		switch t {
		case "PER":
			return "person"
		case "ORG":
			return "organisation"
		case "LOC":
			return "place"
		case "OTH":
			return "other"
		}
		return strings.ToLower(t)
	},
	"pct": func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"f2":  func(f float64) string { return fmt.Sprintf("%.2f", f) },
	// bar is a 0–100 width for a 0–1 similarity.
	"bar": func(f float64) string { return fmt.Sprintf("%.0f", 100*min(max(f, 0), 1)) },
	"inc": func(i int) int { return i + 1 },
	"short": func(s string, n int) string {
		return trunc(s, n)
	},
	// isoDate is a valid datetime attribute value or "".
	"isoDate": func(v string) string {
		if t, g, ok := ParseTimex(v); ok && g == "day" {
			return t.Format("2006-01-02")
		}
		return ""
	},
}

// New parses the embedded templates.
func New() (*UI, error) {
	u := &UI{pages: map[string]*template.Template{}}
	for _, p := range Pages {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", p, err)
		}
		u.pages[p] = t
	}
	return u, nil
}

// Render writes page p with the given status. It renders into a buffer
// first so a template error yields a clean 500 instead of half a page.
func (u *UI) Render(w http.ResponseWriter, status int, p string, page *Page) error {
	t := u.pages[p]
	if t == nil {
		return fmt.Errorf("web: no page %q", p)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", page); err != nil {
		http.Error(w, "internal error rendering page", http.StatusInternalServerError)
		return fmt.Errorf("web: render %s: %w", p, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// Static serves the embedded CSS and script under the prefix it is mounted
// at (strip "/static/" before calling).
func Static() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // embedded path is fixed at compile time
	}
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("v") == assetVersion {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=300")
		}
		fsrv.ServeHTTP(w, r)
	})
}
