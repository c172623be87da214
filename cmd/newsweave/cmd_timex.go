package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze/timex"
)

func init() {
	register(&command{
		name:    "timex",
		args:    "[--date YYYY-MM-DD] [--lang de|en] [--narrative] < text",
		summary: "tag temporal expressions in stdin, one JSON object per expression",
		run:     runTimex,
	})
	register(&command{
		name:    "eval timex",
		args:    "--data DIR [--split tune|test|tune1|test1|all] [--files GLOB] [--mode narrative|news] [--without RULE,…] [--errors]",
		summary: "score the temporal tagger on inline-TIMEX2 files (WikiWarsDE)",
		run:     runEvalTimex,
	})
}

func runTimex(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "timex", "[--date YYYY-MM-DD] [--lang de|en] [--narrative] < text")
	date := fs.String("date", "", "anchor (publication) date `YYYY-MM-DD`; without it the date is unknown and relative expressions get X values (XXXX-11)")
	lang := fs.String("lang", "de", "language: de or en")
	narrative := fs.Bool("narrative", false, "anchor relative expressions at the last mentioned date instead of --date")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q (text is read from stdin)", errUsage, pos[0])
	}
	if *lang != "de" && *lang != "en" {
		return fmt.Errorf("%w: --lang must be de or en, not %q", errUsage, *lang)
	}
	var anchor time.Time // zero: unknown, relative expressions stay underspecified (XXXX-11)
	if *date != "" {
		anchor, err = time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("%w: --date %q is not a date of the form YYYY-MM-DD", errUsage, *date)
		}
	}
	data, err := io.ReadAll(env.stdin)
	if err != nil {
		return fmt.Errorf("reading stdin: %w", err)
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	tg := timex.New()
	if *narrative {
		tg = timex.NewNarrative()
	}
	w := bufio.NewWriter(env.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, x := range tg.Tag(text, anchor, *lang) {
		if err := enc.Encode(x); err != nil {
			return err
		}
	}
	return w.Flush()
}

func runEvalTimex(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "eval timex", "--data DIR [--split tune|test|tune1|test1|all] [--files GLOB] [--mode narrative|news] [--without RULE,…] [--errors]")
	data := fs.String("data", "", "`DIR` with inline-TIMEX2 files (or its keyinline/ sub-directory)")
	split := fs.String("split", "all", "which files, by position in name order: tune or test (round-4 split: test is the 2nd, 6th, 10th, … file, tune the rest), tune1 or test1 (rounds 1–3: odd and even positions) or all")
	glob := fs.String("files", "", "only files whose base name matches this `GLOB`")
	mode := fs.String("mode", "narrative", "anchoring: narrative (last mentioned date) or news (document date)")
	showErr := fs.Bool("errors", false, "print every disagreement")
	without := fs.String("without", "", "switch off these comma-separated `RULES` (ablation; \"list\" prints them)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *data == "" && len(pos) == 1 {
		*data = pos[0]
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *data == "" {
		return fmt.Errorf("%w: --data DIR is required", errUsage)
	}
	inSplit, ok := timexSplits[*split]
	if !ok {
		return fmt.Errorf("%w: --split must be tune, test, tune1, test1 or all, not %q", errUsage, *split)
	}
	heldOut := *split == "test" || *split == "test1"
	if heldOut && *showErr {
		return fmt.Errorf("%w: --errors is refused on the held-out split %s (its errors are never shown; use a tune split)", errUsage, *split)
	}
	var tg *timex.Tagger
	switch *mode {
	case "narrative":
		tg = timex.NewNarrative()
	case "news":
		tg = timex.New()
	default:
		return fmt.Errorf("%w: --mode must be narrative or news", errUsage)
	}
	if *without == "list" {
		sw := timex.Switches()
		names := make([]string, 0, len(sw))
		for k := range sw {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			fmt.Fprintf(env.stdout, "%-12s %s\n", k, sw[k])
		}
		return nil
	}
	if *without != "" {
		if tg, err = tg.Without(strings.Split(*without, ",")...); err != nil {
			return fmt.Errorf("%w: --without: %v", errUsage, err)
		}
	}
	dir := *data
	if fi, err := os.Stat(filepath.Join(dir, "keyinline")); err == nil && fi.IsDir() {
		dir = filepath.Join(dir, "keyinline")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var files []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		files = append(files, e.Name())
	}
	sort.Strings(files)
	var chosen []string
	for k, f := range files {
		if !inSplit(k) {
			continue
		}
		if *glob != "" {
			if ok, err := filepath.Match(*glob, f); err != nil {
				return fmt.Errorf("%w: --files: %v", errUsage, err)
			} else if !ok {
				continue
			}
		}
		chosen = append(chosen, f)
	}
	if len(chosen) == 0 {
		return fmt.Errorf("no files selected in %s", dir)
	}
	var total timex.Scores
	failed := 0
	fmt.Fprintf(env.stdout, "%-34s %5s %5s %5s %8s %8s %8s %8s\n", "file", "gold", "sys", "exact", "strictF1", "overlF1", "valAcc", "valF1")
	for _, f := range chosen {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			fmt.Fprintf(env.stderr, "newsweave eval timex: %s: %v\n", f, err)
			failed++
			continue
		}
		doc, err := timex.ParseTIMEX2(string(raw))
		if err != nil {
			fmt.Fprintf(env.stderr, "newsweave eval timex: %s: %v\n", f, err)
			failed++
			continue
		}
		sys := tg.Tag(doc.Text, doc.Anchor, "de")
		s := timex.Score(doc.Gold, sys)
		total.Add(s)
		_, _, sf := s.StrictF1()
		_, _, of := s.OverlapF1()
		_, _, vf := s.ValueF1()
		if !heldOut { // held-out files are scored in aggregate only
			fmt.Fprintf(env.stdout, "%-34s %5d %5d %5d %8.3f %8.3f %8.3f %8.3f\n", f, s.Gold, s.Sys, s.ExactGold, sf, of, s.ValueAccuracy(), vf)
		}
		if *showErr {
			printTimexErrors(env.stdout, doc.Gold, sys)
		}
	}
	sp, sr, sf := total.StrictF1()
	op, or, of := total.OverlapF1()
	vp, vr, vf := total.ValueF1()
	fmt.Fprintf(env.stdout, "%-34s %5d %5d %5d %8.3f %8.3f %8.3f %8.3f\n", "TOTAL ("+*split+")", total.Gold, total.Sys, total.ExactGold, sf, of, total.ValueAccuracy(), vf)
	fmt.Fprintf(env.stdout, "strict  P %.3f R %.3f F1 %.3f\noverlap P %.3f R %.3f F1 %.3f\nvalue accuracy %.3f (%d/%d overlapped gold)\nvalue-exact P %.3f R %.3f F1 %.3f\n",
		sp, sr, sf, op, or, of, total.ValueAccuracy(), total.ValueCorrect, total.ValueMatched, vp, vr, vf)
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d files could not be read", errPartial, failed, len(chosen))
	}
	return nil
}

// timexSplits select files by their position k in name order. Rounds 1–3
// tuned rules on the odd positions (tune1) and held out the even ones
// (test1); after test1 had been scored seven times, round 4 tunes on
// everything except every fourth file from the second on (test: 03, 11, 19
// of WikiWarsDE), which no rule was written from.
var timexSplits = map[string]func(k int) bool{
	"all":   func(int) bool { return true },
	"tune1": func(k int) bool { return k%2 == 0 },
	"test1": func(k int) bool { return k%2 == 1 },
	"tune":  func(k int) bool { return k%4 != 1 },
	"test":  func(k int) bool { return k%4 == 1 },
}

func printTimexErrors(w io.Writer, gold, sys []newsweave.TimeExpr) {
	used := make([]bool, len(sys))
	for _, g := range gold {
		hit := -1
		for k, x := range sys {
			if x.Start < g.End && g.Start < x.End {
				hit = k
				break
			}
		}
		switch {
		case hit < 0:
			fmt.Fprintf(w, "  MISS  %-40q %s\n", g.Text, g.Value)
		default:
			used[hit] = true
			x := sys[hit]
			if x.Value != g.Value || x.Start != g.Start || x.End != g.End {
				fmt.Fprintf(w, "  DIFF  %-40q %-14s sys %q %s\n", g.Text, g.Value, x.Text, x.Value)
			}
		}
	}
	for k, x := range sys {
		if !used[k] {
			over := false
			for _, g := range gold {
				if x.Start < g.End && g.Start < x.End {
					over = true
				}
			}
			if !over {
				fmt.Fprintf(w, "  FALSE %-40q %s\n", x.Text, x.Value)
			}
		}
	}
}
