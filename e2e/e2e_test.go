// Package e2e holds the end-to-end test of `newsweave serve`: it builds the
// binary, starts it on a loopback port, ingests the demo corpus (and the
// seed articles when ../shared is present) through the HTTP API, and drives
// headless Chromium through the storyline list, a storyline timeline, an
// article and a comparison, saving screenshots to artifacts/e2e/.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsweave/newsweave/demo"
	"github.com/newsweave/newsweave/internal/shared"
)

// server is a running `newsweave serve` process.
type server struct {
	url   string
	token string
	log   *bytes.Buffer
}

var client = &http.Client{Timeout: 2 * time.Minute}

// startServe builds the binary and starts it on 127.0.0.1:0.
func startServe(t *testing.T) *server {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsweave")
	build := exec.Command("go", "build", "-o", bin, "../cmd/newsweave")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tok := make([]byte, 16)
	rand.Read(tok)
	s := &server{token: hex.EncodeToString(tok), log: &bytes.Buffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "e2e.db"))
	cmd.Env = append(os.Environ(), "NEWSWEAVE_TOKEN="+s.token)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) } // graceful shutdown
	cmd.WaitDelay = 15 * time.Second
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urlc := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)`)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.log.WriteString(line + "\n")
			if m := re.FindStringSubmatch(line); m != nil {
				urlc <- m[1]
			}
		}
		close(urlc)
	}()
	t.Cleanup(func() {
		cancel()
		err := cmd.Wait()
		if t.Failed() {
			t.Logf("server log (tail):\n%s", tail(s.log.String(), 40))
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("serve exited: %v", err)
		}
		if !strings.Contains(s.log.String(), "newsweave: stopped") {
			t.Errorf("serve did not shut down gracefully")
		}
	})
	select {
	case u, ok := <-urlc:
		if !ok {
			t.Fatalf("serve exited before listening:\n%s", s.log.String())
		}
		s.url = u
	case <-time.After(2 * time.Minute):
		t.Fatalf("serve did not start:\n%s", s.log.String())
	}
	return s
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func (s *server) post(t *testing.T, body []byte, token string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.url+"/api/articles", bytes.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (s *server) getJSON(t *testing.T, p string, v any) {
	t.Helper()
	resp, err := client.Get(s.url + p)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", p, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", p, err)
	}
}

type ingestResult struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Inserted bool   `json:"inserted"`
	Error    string `json:"error"`
}

// articleJSON wraps a raw file as a POST body: HTML pages as html, text
// dumps as text (extraction finds title, date and source).
func articleJSON(name string, raw []byte) []byte {
	in := map[string]string{}
	if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm") {
		in["html"] = string(raw)
	} else {
		in["text"] = string(raw)
	}
	b, _ := json.Marshal(in)
	return b
}

// ingestFS posts every file of fsys in path order: .jsonl files as one
// JSONL batch, others as single articles. It returns ids by file name.
func (s *server) ingestFS(t *testing.T, fsys fs.FS) map[string]string {
	t.Helper()
	var files []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	sort.Strings(files)
	ids := map[string]string{}
	for _, f := range files {
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			t.Fatal(err)
		}
		if path.Ext(f) == ".jsonl" {
			st, body := s.post(t, raw, s.token)
			var br struct {
				Received, Inserted, Failed int
				Results                    []ingestResult
			}
			if err := json.Unmarshal(body, &br); st != 200 || err != nil || br.Failed > 0 {
				t.Fatalf("%s: %d %s", f, st, body)
			}
			for i, r := range br.Results {
				ids[fmt.Sprintf("%s#%d", f, i+1)] = r.ID
			}
			continue
		}
		st, body := s.post(t, articleJSON(f, raw), s.token)
		var r ingestResult
		if err := json.Unmarshal(body, &r); (st != 201 && st != 200) || err != nil || r.ID == "" {
			t.Fatalf("%s: %d %s", f, st, body)
		}
		ids[f] = r.ID
	}
	return ids
}

// ingestSeeds posts the seed dumps as text with their crawl dates; it
// returns ids by file name.
func (s *server) ingestSeeds(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in %s: %v", dir, err)
	}
	sort.Strings(files)
	ids := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		body, _ := json.Marshal(map[string]string{"text": string(raw), "date": shared.SeedCrawlDates[name[:3]]})
		st, resp := s.post(t, body, s.token)
		var r ingestResult
		if err := json.Unmarshal(resp, &r); (st != 201 && st != 200) || err != nil || r.ID == "" {
			t.Fatalf("%s: %d %s", name, st, resp)
		}
		ids[name] = r.ID
	}
	return ids
}

type cluster struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Date     string   `json:"date"`
	Articles []string `json:"articles"`
}

type storyline struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Events []string `json:"events"`
}

func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	s := startServe(t)

	// Writes need the token; bad input is refused with JSON errors.
	if st, body := s.post(t, []byte(`{"text":"x"}`), ""); st != http.StatusUnauthorized {
		t.Fatalf("write without token: %d %s", st, body)
	}
	if st, body := s.post(t, []byte(`{"text":`), s.token); st != http.StatusBadRequest {
		t.Fatalf("bad JSON: %d %s", st, body)
	}
	if st, body := s.post(t, bytes.Repeat([]byte("x"), 9<<20), s.token); st != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized: %d %.200s", st, body)
	}

	start := time.Now()
	ids := s.ingestFS(t, demo.FS())
	n := len(ids)
	// The seed articles (Russia–North Korea, 2014–2024) when ../shared is present.
	seedIDs := map[string]string{}
	if d := shared.Dir(); d != "" {
		if _, err := os.Stat(filepath.Join(d, "seeds")); err == nil {
			seedIDs = s.ingestSeeds(t, filepath.Join(d, "seeds"))
		}
	}
	t.Logf("ingested %d demo + %d seed articles through the API in %s", n, len(seedIDs), time.Since(start).Round(time.Millisecond))

	var health struct{ Articles int }
	s.getJSON(t, "/healthz", &health)
	if health.Articles < n {
		t.Fatalf("healthz counts %d articles, ingested %d", health.Articles, n)
	}
	concurrentIngest(t, s, health.Articles)

	var sls struct{ Storylines []storyline }
	s.getJSON(t, "/api/storylines", &sls)
	if len(sls.Storylines) == 0 {
		t.Fatal("no storylines after ingesting the corpus")
	}
	// The storyline to inspect: the one holding most seed articles (the
	// Russia–North Korea story), else (no ../shared) the demo storyline
	// with most events — not the largest, which is the concurrent-ingest
	// burst of one event.
	want := map[string]bool{}
	for _, id := range seedIDs {
		want[id] = true
	}
	best, bestN := sls.Storylines[0], -1
	timelines := map[string][]cluster{}
	for _, sl := range sls.Storylines {
		var res struct{ Timeline []cluster }
		s.getJSON(t, "/api/storylines/"+sl.ID, &res)
		timelines[sl.ID] = res.Timeline
		k := 0
		for _, c := range res.Timeline {
			for _, a := range c.Articles {
				if want[a] {
					k++
				}
			}
		}
		if len(seedIDs) == 0 {
			k = len(res.Timeline)
		}
		if k > bestN {
			best, bestN = sl, k
		}
	}
	tl := timelines[best.ID]
	if len(seedIDs) > 0 && bestN < 3 {
		t.Errorf("no storyline gathers the seed articles (best %q has %d of %d)", best.Title, bestN, len(seedIDs))
	}
	if len(tl) < 2 {
		var dates []string
		for _, c := range tl {
			dates = append(dates, fmt.Sprintf("%s (%d articles)", c.Date, len(c.Articles)))
		}
		t.Errorf("storyline %q has %d event(s) %v: the weave should separate its events (the seeds report 2014/15, 2023 and 2024 happenings)", best.Title, len(tl), dates)
		// Browse the largest multi-event storyline instead, so the UI is
		// still exercised and the screenshots show a timeline.
		for _, sl := range sls.Storylines {
			if len(timelines[sl.ID]) > len(tl) {
				best, tl = sl, timelines[sl.ID]
			}
		}
	}
	if len(seedIDs) == len(shared.SeedCrawlDates) {
		checkSeedTimeline(t, tl, seedIDs)
	}
	var apiDates []string
	for _, c := range tl {
		apiDates = append(apiDates, c.Date)
	}
	t.Logf("browsing storyline %q: %d events %v", best.Title, len(tl), apiDates)
	if len(tl) == 0 {
		t.Fatal("no storyline with events")
	}

	// Two articles to open and compare: the earliest and latest of the story.
	first, last := tl[0].Articles[0], tl[len(tl)-1].Articles[0]

	// Reading works without JavaScript: the pages are complete HTML.
	for _, p := range []string{"/", "/storylines/" + best.ID, "/articles/" + first, "/compare?a=" + first + "&b=" + last, "/search?q=Putin"} {
		resp, err := client.Get(s.url + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(b, []byte("</html>")) || bytes.Contains(b, []byte("<script")) {
			t.Errorf("GET %s: %d, %d bytes (want a complete page without scripts)", p, resp.StatusCode, len(b))
		}
	}

	t.Run("browser", func(t *testing.T) { browse(t, s, best, tl, first, last) })
}

// concurrentIngest posts 8×25 new articles from 8 clients at once through
// the real pipeline (extract, analyse, store, weave) and checks that every
// one is stored.
func concurrentIngest(t *testing.T, s *server, before int) {
	const clients, per = 8, 25
	var wg sync.WaitGroup
	errs := make(chan string, clients*per)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				b, _ := json.Marshal(map[string]string{
					"title":  fmt.Sprintf("Stadtrat Lindau beschließt Haushalt %d-%d", c, i),
					"text":   fmt.Sprintf("Lindau (dpa) – Der Stadtrat von Lindau hat am Dienstag den Haushalt Nummer %d-%d beschlossen. Bürgermeisterin Anna Vogt sprach von einem guten Tag.", c, i),
					"date":   "2024-03-05",
					"source": "Seeblatt",
				})
				if st, body := s.post(t, b, s.token); st != http.StatusCreated {
					errs <- fmt.Sprintf("client %d article %d: %d %s", c, i, st, body)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	var health struct{ Articles int }
	s.getJSON(t, "/healthz", &health)
	if health.Articles != before+clients*per {
		t.Errorf("after concurrent ingest: %d articles, want %d", health.Articles, before+clients*per)
	}
}

// checkSeedTimeline asserts the seed story's chronology: 003 (Nov 2014) →
// 000/001 (one event, Dec 2014) → 004 (Sep 2023) → 002 (Jan 2024); 004 and
// 002 may share an event (both report Putin accepting the invitation).
func checkSeedTimeline(t *testing.T, tl []cluster, seedIDs map[string]string) {
	t.Helper()
	pos := map[string]int{} // seed prefix → timeline index
	for name, id := range seedIDs {
		pos[name[:3]] = -1
		for i, c := range tl {
			for _, a := range c.Articles {
				if a == id {
					pos[name[:3]] = i
				}
			}
		}
	}
	for p, i := range pos {
		if i < 0 {
			t.Errorf("seed %s is not on the storyline's timeline", p)
		}
	}
	if pos["000"] != pos["001"] {
		t.Errorf("seeds 000 and 001 (one invitation, two outlets) are in different events: %v", pos)
	}
	if !(pos["003"] < pos["000"] && pos["000"] < pos["004"] && pos["004"] <= pos["002"]) {
		t.Errorf("seed timeline order %v, want 003 → 000/001 → 004 → 002", pos)
	}
}
