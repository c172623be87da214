package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestServeRefusesWithoutToken(t *testing.T) {
	t.Setenv("NEWSWEAVE_TOKEN", "")
	db := filepath.Join(t.TempDir(), "s.db")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, 1, "NEWSWEAVE_TOKEN is not set"},
		{[]string{"serve", "--db", db, "--addr", "0.0.0.0:0", "--insecure-local"}, 2, "needs a loopback address"},
		{[]string{"serve", "--db", db, "--max-body", "lots", "--insecure-local"}, 2, "--max-body"},
		{[]string{"serve", "extra", "--insecure-local"}, 2, "unexpected argument"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, "", tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "127.1.2.3:0": true,
		"0.0.0.0:80": false, ":8080": false, "10.0.0.1:80": false, "example.org:80": false, "garbage": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestServeStartsAndStops runs the command on a free port, checks a
// write needs the token, and stops it through its context (SIGINT path).
func TestServeStartsAndStops(t *testing.T) {
	t.Setenv("NEWSWEAVE_TOKEN", "tok")
	db := filepath.Join(t.TempDir(), "s.db")
	errb := &syncBuffer{}
	env := &cliEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: errb}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, env, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--no-analyze"}) }()
	re := regexp.MustCompile(`serving (http://\S+)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(errb.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("serve did not start: %s", errb.String())
	}
	resp, err := http.Post(base+"/api/articles", "application/json", strings.NewReader(`{"text":"Ein Text."}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("write without token: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", base+"/api/articles", strings.NewReader(`{"title":"Titel","text":"Ein Text über Lindau am Bodensee."}`))
	req.Header.Set("Authorization", "Bearer tok")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("write with token: %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(errb.String(), "newsweave: stopped") {
			t.Errorf("exit %d after shutdown: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}
