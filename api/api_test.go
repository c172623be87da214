package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/newsweave/newsweave"
)

func do(t testing.TB, method, url, token, body string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

// wantJSONError checks the error body format.
func wantJSONError(t *testing.T, status int, body []byte, h http.Header) {
	t.Helper()
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error content type %q, want JSON", ct)
	}
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" || e.Status != status {
		t.Errorf("error body %s: want {error, status:%d}", body, status)
	}
}

func TestAuthOnWrites(t *testing.T) {
	f := newFixture(t, Config{Token: "s3cret"})
	art := `{"title":"Neu","text":"Ein neuer Text."}`
	tests := []struct {
		name, token string
		want        int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "guess", http.StatusUnauthorized},
		{"prefix of token", "s3cre", http.StatusUnauthorized},
		{"right token", "s3cret", http.StatusCreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, body, h := do(t, "POST", f.url+"/api/articles", tt.token, art)
			if st != tt.want {
				t.Fatalf("status %d, want %d: %s", st, tt.want, body)
			}
			if st == http.StatusUnauthorized {
				wantJSONError(t, st, body, h)
				if h.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			}
		})
	}
	// Reads need no token.
	if st, body, _ := do(t, "GET", f.url+"/api/articles/"+f.ids["invite"], "", ""); st != 200 {
		t.Fatalf("read without token: %d %s", st, body)
	}
	n, _ := f.db.Count(context.Background())
	if n != 4 {
		t.Errorf("count %d, want 4 (3 seeded + 1 authorised write)", n)
	}
}

func TestPostErrors(t *testing.T) {
	f := newFixture(t, Config{MaxBody: 2048})
	big := `{"title":"x","text":"` + strings.Repeat("a", 4096) + `"}`
	tests := []struct {
		name, body string
		want       int
	}{
		{"oversized", big, http.StatusRequestEntityTooLarge},
		{"empty", "", http.StatusBadRequest},
		{"truncated object", `{"title":"x","text":"y"`, http.StatusBadRequest},
		{"wrong type", `{"title":"x","text":5}`, http.StatusBadRequest},
		{"not an object", `42`, http.StatusBadRequest},
		{"bad array", `[{"text":"a"},`, http.StatusBadRequest},
		{"bad jsonl line", "{\"text\":\"a\"}\n{oops}\n", http.StatusBadRequest},
		{"no text", `{"title":"only a title"}`, http.StatusUnprocessableEntity},
		{"blank text", `{"title":"t","text":"  \n "}`, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, body, h := do(t, "POST", f.url+"/api/articles", "", tt.body)
			if st != tt.want {
				t.Fatalf("status %d, want %d: %s", st, tt.want, body)
			}
			wantJSONError(t, st, body, h)
		})
	}
	// Nothing from a rejected batch was stored.
	if n, _ := f.db.Count(context.Background()); n != 3 {
		t.Errorf("count %d after rejected posts, want 3", n)
	}
}

// TestOversizedChunked sends a body without Content-Length, so only the
// streaming limit can catch it.
func TestOversizedChunked(t *testing.T) {
	f := newFixture(t, Config{MaxBody: 1024})
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(`{"text":"`))
		for range 64 {
			pw.Write(bytes.Repeat([]byte("b"), 100))
		}
		pw.Write([]byte(`"}`))
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", f.url+"/api/articles", pr)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
}

func TestPostBatchFormats(t *testing.T) {
	f := newFixture(t, Config{})
	jsonl := `{"title":"A","text":"Erster Text."}
{"title":"B","text":"Zweiter Text.","lang":"de"}

{"title":"A","text":"Erster   Text."}
{"title":"C"}
`
	st, body, _ := do(t, "POST", f.url+"/api/articles", "", jsonl)
	if st != 200 {
		t.Fatalf("status %d: %s", st, body)
	}
	var br BatchResult
	if err := json.Unmarshal(body, &br); err != nil {
		t.Fatal(err)
	}
	if br.Received != 4 || br.Inserted != 2 || br.Duplicates != 1 || br.Failed != 1 {
		t.Fatalf("batch result %+v", br)
	}
	if br.Results[3].Error == "" || br.Results[3].Line != 4 {
		t.Errorf("item 4 should fail with its line: %+v", br.Results[3])
	}
	arr := `[{"title":"D","text":"Vierter Text."},{"title":"E","text":"Fünfter Text."}]`
	st, body, _ = do(t, "POST", f.url+"/api/articles", "", arr)
	if err := json.Unmarshal(body, &br); err != nil || st != 200 || br.Inserted != 2 {
		t.Fatalf("array: %d %s", st, body)
	}
	// Single duplicate answers 200 with inserted=false and a Location.
	st, body, h := do(t, "POST", f.url+"/api/articles", "", `{"title":"D","text":"Vierter Text."}`)
	var one IngestResult
	json.Unmarshal(body, &one)
	if st != 200 || one.Inserted || one.ID == "" || h.Get("Location") != "/api/articles/"+one.ID {
		t.Fatalf("duplicate single: %d %s %v", st, body, h)
	}
}

// TestConcurrentIngest: 8 clients post 1,000 articles each, as single
// objects and JSONL batches at once; every article must be stored.
func TestConcurrentIngest(t *testing.T) {
	f := newFixture(t, Config{Token: "tok"})
	const clients, per = 8, 1000
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			art := func(i int) string {
				b, _ := json.Marshal(ArticleInput{Title: fmt.Sprintf("Client %d Nr. %d", c, i),
					Text: fmt.Sprintf("Artikel %d von Client %d über Lindau.", i, c), Lang: "de", Date: "2024-01-02"})
				return string(b)
			}
			i := 0
			for i < per {
				if i%250 < 200 { // 200 singles, then a batch of 50
					st, body, _ := do(t, "POST", f.url+"/api/articles", "tok", art(i))
					if st != http.StatusCreated {
						errs <- fmt.Errorf("client %d article %d: %d %s", c, i, st, body)
						return
					}
					i++
					continue
				}
				var b strings.Builder
				for j := 0; j < 50; j++ {
					b.WriteString(art(i + j))
					b.WriteByte('\n')
				}
				st, body, _ := do(t, "POST", f.url+"/api/articles", "tok", b.String())
				var br BatchResult
				if err := json.Unmarshal(body, &br); st != 200 || err != nil || br.Inserted != 50 {
					errs <- fmt.Errorf("client %d batch at %d: %d %s", c, i, st, body)
					return
				}
				i += 50
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	n, err := f.db.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != 3+clients*per {
		t.Fatalf("stored %d articles, want %d", n, 3+clients*per)
	}
	for c := range clients {
		id := newsweave.ContentID(fmt.Sprintf("Client %d Nr. %d", c, per-1), fmt.Sprintf("Artikel %d von Client %d über Lindau.", per-1, c))
		if st, body, _ := do(t, "GET", f.url+"/api/articles/"+id, "", ""); st != 200 {
			t.Errorf("last article of client %d: %d %s", c, st, body)
		}
	}
}

func TestReadEndpoints(t *testing.T) {
	f := newFixture(t, Config{})
	tests := []struct {
		path   string
		status int
		want   []string // substrings of the body
	}{
		{"/healthz", 200, []string{`"status":"ok"`, `"articles":3`}},
		{"/api/openapi.json", 200, []string{`"openapi": "3.0.3"`, `/api/storylines/{id}`}},
		{"/api/articles/" + f.ids["invite"], 200, []string{`"title":"Weber lädt Kühn ein"`, `"id":"per:anton-weber"`, `"value":"2015-05-09"`, `"reason":"newsletter"`}},
		{"/api/articles/nope", 404, nil},
		{"/api/search?q=Lindau", 200, []string{f.ids["invite"], f.ids["visit"]}},
		{"/api/search?entity=per:maria-kuehn&from=2023-01-01", 200, []string{f.ids["visit"]}},
		{"/api/search?from=2015-13-01", 400, nil},
		{"/api/search?from=2024-01-01&to=2023-01-01", 400, nil},
		{"/api/search?limit=-1", 400, nil},
		{"/api/search?lang=deutsch", 400, nil},
		{"/api/compare?a=" + f.ids["invite"] + "&b=" + f.ids["visit"], 200, []string{`"name":"Overall"`, `"score":1`}},
		{"/api/compare?a=" + f.ids["invite"], 400, nil},
		{"/api/compare?a=" + f.ids["invite"] + "&b=missing", 404, []string{"b=missing"}},
		{"/api/storylines", 200, []string{`"id":"s1"`}},
		{"/api/storylines/s1", 200, []string{`"timeline"`, `"e1"`}},
		{"/api/storylines/zzz", 404, nil},
		{"/api/events/e2", 200, []string{`"Besuch in Lindau"`, f.ids["visit"]}},
		{"/api/events/zzz", 404, nil},
		{"/api/entities/per:maria-kuehn", 200, []string{`"co_occurring"`, "per:anton-weber"}},
		{"/api/entities/per:nobody", 404, nil},
		{"/api/nothing-here", 404, nil},
		{"/api/articles", 405, []string{"allowed: POST"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			st, body, h := do(t, "GET", f.url+tt.path, "", "")
			if st != tt.status {
				t.Fatalf("status %d, want %d: %s", st, tt.status, body)
			}
			if st >= 400 {
				wantJSONError(t, st, body, h)
			}
			for _, w := range tt.want {
				if !bytes.Contains(body, []byte(w)) {
					t.Errorf("body lacks %q: %.300s", w, body)
				}
			}
		})
	}
	// The timeline is chronological even though the store listed e2 first.
	_, body, _ := do(t, "GET", f.url+"/api/storylines/s1", "", "")
	var sr StorylineResult
	if err := json.Unmarshal(body, &sr); err != nil || len(sr.Timeline) != 2 || sr.Timeline[0].ID != "e1" {
		t.Fatalf("timeline order: %s", body)
	}
	// The search excluding by date finds only the 2023 articles.
	_, body, _ = do(t, "GET", f.url+"/api/search?q=Lindau&from=2023-01-01", "", "")
	if bytes.Contains(body, []byte(f.ids["invite"])) {
		t.Errorf("from filter leaked the 2014 article: %s", body)
	}
}

func TestUnconfiguredParts(t *testing.T) {
	f := newFixture(t, Config{})
	srv, err := New(Config{Store: f.db})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/storylines", "/api/events/e1", "/api/entities/x", "/api/compare?a=1&b=2"} {
		req, _ := http.NewRequest("GET", path, nil)
		rec := newRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.status != http.StatusServiceUnavailable {
			t.Errorf("%s: %d, want 503", path, rec.status)
		}
	}
	if _, err := New(Config{}); err == nil {
		t.Error("New without a store should fail")
	}
}

type recorder struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) WriteHeader(s int)           { r.status = s }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func TestParseArticles(t *testing.T) {
	tests := []struct {
		body  string
		n     int
		batch bool
		bad   bool
	}{
		{`{"text":"a"}`, 1, false, false},
		{"{\n  \"text\": \"pretty\"\n}\n", 1, false, false},
		{"{\"text\":\"a\"}\n{\"text\":\"b\"}", 2, true, false},
		{"{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", 2, true, false},
		{`[{"text":"a"},{"text":"b"},{"text":"c"}]`, 3, true, false},
		{`{"text":"a"} x`, 0, false, true},
		{`null`, 1, false, false},
		{"\n\n", 0, false, true},
	}
	for _, tt := range tests {
		items, batch, err := parseArticles([]byte(tt.body))
		if (err != nil) != tt.bad || len(items) != tt.n || (err == nil && batch != tt.batch) {
			t.Errorf("parseArticles(%q) = %d items, batch %v, err %v", tt.body, len(items), batch, err)
		}
	}
}

func FuzzParseArticles(f *testing.F) {
	f.Add([]byte(`{"text":"a"}`))
	f.Add([]byte("{\"text\":\"a\"}\n{\"title\":\"b\"}"))
	f.Add([]byte(`[{"text":"a"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		items, _, err := parseArticles(b)
		if err == nil && len(items) == 0 {
			t.Fatalf("no error and no items for %q", b)
		}
	})
}

func TestWrongMethod(t *testing.T) {
	f := newFixture(t, Config{})
	for _, c := range []struct{ method, path, allow string }{
		{"DELETE", "/api/storylines/s1", "GET, HEAD"},
		{"PUT", "/api/articles", "POST"},
		{"POST", "/api/search", "GET, HEAD"},
	} {
		st, body, h := do(t, c.method, f.url+c.path, "", "{}")
		if st != http.StatusMethodNotAllowed || h.Get("Allow") != c.allow {
			t.Errorf("%s %s: %d Allow=%q %s", c.method, c.path, st, h.Get("Allow"), body)
		}
		wantJSONError(t, st, body, h)
	}
}

// panicIngester panics on articles titled "boom".
type panicIngester struct{ storeIngester }

func (p panicIngester) IngestOne(ctx context.Context, in ArticleInput) (*newsweave.Article, bool, error) {
	if in.Title == "boom" {
		panic("boom")
	}
	return p.storeIngester.IngestOne(ctx, in)
}

func TestIngestPanicIsContained(t *testing.T) {
	f := newFixture(t, Config{})
	f2 := newFixture(t, Config{Ingester: panicIngester{storeIngester{f.db}}})
	st, body, _ := do(t, "POST", f2.url+"/api/articles", "", "{\"title\":\"boom\",\"text\":\"x\"}\n{\"title\":\"ok\",\"text\":\"fine\"}\n")
	var br BatchResult
	if err := json.Unmarshal(body, &br); err != nil || st != 200 || br.Failed != 1 || br.Inserted != 1 {
		t.Fatalf("batch with a panicking item: %d %s", st, body)
	}
	if st, body, _ := do(t, "POST", f2.url+"/api/articles", "", `{"title":"boom","text":"x"}`); st != 500 {
		t.Fatalf("single panicking item: %d %s", st, body)
	}
	if st, _, _ := do(t, "GET", f2.url+"/healthz", "", ""); st != 200 {
		t.Fatal("server died after a panic")
	}
}
