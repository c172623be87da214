package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRunDispatch covers the CLI front door: help, groups, unknown commands
// and usage errors map to the documented exit codes and messages.
func TestRunDispatch(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{nil, 0, "commands:", ""},
		{[]string{"--help"}, 0, "eval semeval", ""},
		{[]string{"help", "ingest"}, 0, "usage: newsweave ingest", ""},
		{[]string{"version"}, 0, "newsweave " + version, ""},
		{[]string{"eval"}, 2, "", "name one of: eval cluster, eval extract"},
		{[]string{"train", "nothing"}, 2, "", "name one of: train cluster, train compare, train ner"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"ingest"}, 2, "", "no input"},
		{[]string{"timeline"}, 2, "", "need exactly one STORYLINE_ID"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, "_"), func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &cliEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
			code := run(context.Background(), env, tc.args)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errb.String())
			}
			if !strings.Contains(out.String(), tc.out) {
				t.Errorf("stdout %q lacks %q", out.String(), tc.out)
			}
			if !strings.Contains(errb.String(), tc.err) {
				t.Errorf("stderr %q lacks %q", errb.String(), tc.err)
			}
		})
	}
}

func TestOnSignals(t *testing.T) {
	sig := make(chan os.Signal, 2)
	var stderr syncBuffer
	exited := make(chan int, 1)
	ctx := onSignals(context.Background(), sig, &stderr, func(code int) { exited <- code })
	if ctx.Err() != nil {
		t.Fatal("context cancelled before any signal")
	}
	sig <- os.Interrupt
	<-ctx.Done()
	select {
	case code := <-exited:
		t.Fatalf("first signal exited with %d; want a graceful stop", code)
	case <-time.After(50 * time.Millisecond):
	}
	sig <- syscall.SIGTERM
	select {
	case code := <-exited:
		if code != 130 {
			t.Errorf("exit code %d, want 130", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second signal did not exit")
	}
	if out := stderr.String(); !strings.Contains(out, "again to quit") || !strings.Contains(out, "quitting") {
		t.Errorf("stderr = %q", out)
	}
}
