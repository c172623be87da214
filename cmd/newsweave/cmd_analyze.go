package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/extract"
)

func init() {
	register(&command{
		name:    "analyze",
		args:    "FILE|-",
		summary: "extract and analyse one article: entities, dates, events as JSON",
		run:     runAnalyze,
	})
}

// maxAnalyzeBytes bounds one input document.
const maxAnalyzeBytes = 32 << 20

func runAnalyze(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "analyze", "FILE|-")
	lang := fs.String("lang", "", "language hint (de, en) when the extractor cannot tell")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: exactly one FILE (or - for stdin) is required", errUsage)
	}
	rc, err := openIn(env, pos[0])
	if err != nil {
		return err
	}
	body, err := io.ReadAll(io.LimitReader(rc, maxAnalyzeBytes+1))
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if len(body) > maxAnalyzeBytes {
		return fmt.Errorf("%s: larger than %d MiB", pos[0], maxAnalyzeBytes>>20)
	}
	a, err := extract.New().Extract(extract.Document{Input: pos[0], Body: body, Lang: *lang})
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	an, err := analyze.Default()
	if err != nil {
		return err
	}
	an.Analyze(a)
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(a)
}
