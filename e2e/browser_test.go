package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// artifacts is where screenshots go (git-ignored).
const artifacts = "../artifacts/e2e"

// findChromium returns the browser binary or "".
func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" { // a chosen browser, or "none"
		p, _ = exec.LookPath(p)
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browse drives headless Chromium through the UI.
func browse(t *testing.T, s *server, sl storyline, tl []cluster, first, last string) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no chromium binary found (apt-get install chromium): browser part skipped")
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first call starts the browser; it must not carry a timeout, which
	// would stop the browser with it.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 3*time.Minute)
	defer cancel()

	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg) // 100 = PNG
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(artifacts, name), buf, 0o644)
		})
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// 1. Storyline list; keyboard: the first Tab lands on the skip link.
	do("storyline list", chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(css(`ol.cards`)), chromedp.KeyEvent(kb.Tab), shot("01-storylines.png"))
	if focused := eval[string](t, ctx, `document.activeElement.className`); focused != "skip-link" {
		t.Errorf("first Tab focused %q, want the skip link", focused)
	}
	if eval[int](t, ctx, `document.querySelectorAll('ol.cards > li').length`) == 0 {
		t.Error("storyline list is empty in the browser")
	}

	// 2. Open the storyline by clicking its card; the timeline shows the
	// events in chronological order, left to right.
	type ev struct {
		Date string  `json:"date"`
		N    int     `json:"n"`
		X    float64 `json:"x"`
	}
	do("storyline page", chromedp.Click(css(`ol.cards a[href="/storylines/`+sl.ID+`"]`)), chromedp.WaitVisible(css(`svg.timeline`)), shot("02-storyline-timeline.png"))
	drawn := eval[[]ev](t, ctx, `[...document.querySelectorAll('svg.timeline g.event')].map(g => ({date: g.dataset.date, n: +g.dataset.n, x: g.querySelector('circle').cx.baseVal.value}))`)
	listDates := eval[[]string](t, ctx, `[...document.querySelectorAll('ol.event-list > li')].map(li => li.dataset.date)`)
	if len(drawn) != len(tl) {
		t.Errorf("timeline draws %d events, the API lists %d", len(drawn), len(tl))
	}
	sort.Slice(drawn, func(i, j int) bool { return drawn[i].X < drawn[j].X })
	for i := 1; i < len(drawn); i++ {
		if drawn[i].Date < drawn[i-1].Date || drawn[i].N != drawn[i-1].N+1 {
			t.Errorf("timeline out of order at %d: %+v then %+v", i, drawn[i-1], drawn[i])
		}
	}
	if !sort.StringsAreSorted(listDates) {
		t.Errorf("event list not chronological: %v", listDates)
	}
	var apiDates []string
	for _, c := range tl {
		if c.Date != "" {
			apiDates = append(apiDates, c.Date)
		}
	}
	if strings.Join(listDates, ",") != strings.Join(apiDates, ",") {
		t.Errorf("page lists %v, API timeline %v", listDates, apiDates)
	}

	// 3. An article: entities and dates highlighted, boilerplate collapsed
	// until the reader opens it.
	do("article page", chromedp.Navigate(s.url+"/articles/"+first), chromedp.WaitVisible(css(`.article .text`)), shot("03-article.png"))
	ents := eval[int](t, ctx, `document.querySelectorAll('.text a.ent').length`)
	times := eval[int](t, ctx, `document.querySelectorAll('.text time.timex').length`)
	if ents == 0 {
		t.Error("article shows no highlighted entities")
	}
	t.Logf("article %s: %d entity and %d date highlights", first, ents, times)
	if eval[bool](t, ctx, `!!document.querySelector('details.removed')`) {
		openBefore := eval[bool](t, ctx, `document.querySelector('details.removed').open`)
		do("boilerplate", chromedp.Click(css(`details.removed summary`)))
		openAfter := eval[bool](t, ctx, `document.querySelector('details.removed').open`)
		do("boilerplate shot", chromedp.ScrollIntoView(css(`details.removed`)), shot("04-article-boilerplate.png"))
		if openBefore || !openAfter {
			t.Errorf("removed boilerplate: open before click %v, after %v (want collapsed, then open)", openBefore, openAfter)
		}
	}

	// 4. A comparison of the story's first and last article: seven
	// dimensions with evidence.
	do("compare page", chromedp.Navigate(s.url+"/compare?a="+first+"&b="+last), chromedp.WaitVisible(css(`table.dims`)), shot("05-compare.png"))
	if dims := eval[[]string](t, ctx, `[...document.querySelectorAll('tr.dim')].map(tr => tr.dataset.dim)`); len(dims) != 7 {
		t.Errorf("compare shows dimensions %v, want seven", dims)
	}

	// 5. Search, submitted from the form by keyboard, for the longest word
	// of the storyline title.
	word := ""
	for _, w := range strings.FieldsFunc(sl.Title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) > len([]rune(word)) {
			word = w
		}
	}
	do("search page", chromedp.Navigate(s.url+"/search"), chromedp.WaitVisible(css(`#q`)),
		chromedp.SendKeys(css(`#q`), word+kb.Enter), chromedp.WaitVisible(css(`p[role=status]`)), shot("06-search.png"))
	results := eval[int](t, ctx, `document.querySelectorAll('.results > li').length`)
	if results == 0 {
		t.Errorf("search for %q (from the storyline title) found nothing", word)
	}
	t.Logf("search %q: %d results", word, results)
}

// eval runs a script in the page and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}
