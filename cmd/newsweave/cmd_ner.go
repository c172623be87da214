package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsweave/newsweave/analyze/ner"
	"github.com/newsweave/newsweave/internal/shared"
)

func init() {
	register(&command{
		name:    "ner",
		args:    "--conll IN [--out OUT] [--model FILE]",
		summary: "tag a CoNLL-style token file with BIO entity tags (PER/LOC/ORG/OTH)",
		run:     runNER,
	})
	register(&command{
		name:    "train ner",
		args:    "[--data DIR] [--out FILE] [--exclude NAME,...] [--epochs N] [--seed N]",
		summary: "train the entity tagger on ../shared/data/ner (deterministic)",
		run:     runTrainNER,
	})
	register(&command{
		name:    "eval ner",
		args:    "--conll FILE [--model FILE] [--raw]",
		summary: "exact-span precision/recall/F1 of the entity tagger on a gold file",
		run:     runEvalNER,
	})
}

// openIn opens a path or "-"/"" for stdin.
func openIn(env *cliEnv, path string) (io.ReadCloser, error) {
	if path == "" || path == "-" {
		return io.NopCloser(env.stdin), nil
	}
	return os.Open(path)
}

func loadRecognizer(model string) (*ner.Recognizer, error) {
	if model != "" {
		return ner.LoadFile(model)
	}
	return ner.Load()
}

func runNER(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "ner", "--conll IN [--out OUT] [--model FILE]")
	in := fs.String("conll", "", "input: one token per line (first column, or second after an integer index), blank line between sentences, # comments; - = stdin")
	out := fs.String("out", "-", "output file (token<TAB>tag per line); - = stdout")
	model := fs.String("model", "", "model file (default: the embedded model)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *in == "" && len(pos) == 1 {
		*in = pos[0]
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *in == "" {
		return fmt.Errorf("%w: --conll IN is required (- for stdin)", errUsage)
	}
	rc, err := openIn(env, *in)
	if err != nil {
		return err
	}
	sents, err := ner.ReadCoNLL(rc, false)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *in, err)
	}
	rec, err := loadRecognizer(*model)
	if err != nil {
		return err
	}
	tags := rec.TagDocuments(sents)
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = s.Tokens
	}
	w := env.stdout
	var f *os.File
	if *out != "" && *out != "-" {
		f, err = os.Create(*out)
		if err != nil {
			return err
		}
		w = f
	}
	err = ner.WriteCoNLL(w, words, tags)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

func readGold(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ner.ReadCoNLL(f, true)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func runTrainNER(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "train ner", "[--data DIR] [--out FILE] [--exclude NAME,...] [--epochs N] [--seed N]")
	data := fs.String("data", "", "directory of training files (*.tsv, *.txt; default ../shared/data/ner)")
	out := fs.String("out", filepath.Join("analyze", "ner", "model", "ner.model.gz"), "model file to write")
	exclude := fs.String("exclude", "", "comma-separated file-name prefixes to leave out (held-out evaluation)")
	epochs := fs.Int("epochs", 10, "training epochs")
	seed := fs.Uint64("seed", 20240913, "shuffling seed")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *data == "" {
		d := shared.Dir()
		if d == "" {
			return fmt.Errorf("%w: no ../shared directory; pass --data DIR", errUsage)
		}
		*data = filepath.Join(d, "data", "ner")
	}
	entries, err := os.ReadDir(*data)
	if err != nil {
		return err
	}
	var sents []ner.Sentence
	docBase := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".tsv") || strings.HasSuffix(name, ".txt")) {
			continue
		}
		skip := false
		for _, x := range strings.Split(*exclude, ",") {
			if x != "" && strings.HasPrefix(name, x) {
				skip = true
			}
		}
		if skip {
			fmt.Fprintf(env.stderr, "train ner: leaving out %s\n", name)
			continue
		}
		s, err := readGold(filepath.Join(*data, name))
		if err != nil {
			return err
		}
		// Keep document numbers distinct across files.
		maxDoc := 0
		for i := range s {
			if s[i].Doc > maxDoc {
				maxDoc = s[i].Doc
			}
			s[i].Doc += docBase
		}
		docBase += maxDoc + 1
		ner.Harmonize(s)
		fmt.Fprintf(env.stderr, "train ner: %s: %d sentences\n", name, len(s))
		sents = append(sents, s...)
	}
	if len(sents) == 0 {
		return errors.New("no training sentences found")
	}
	start := time.Now()
	m := ner.Train(sents, ner.TrainOptions{Epochs: *epochs, Seed: *seed, Progress: func(ep, miss, n int) {
		fmt.Fprintf(env.stderr, "train ner: epoch %d/%d: %d of %d sentences mis-tagged (%.1fs)\n", ep, *epochs, miss, n, time.Since(start).Seconds())
	}})
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := m.Write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(env.stdout, "wrote %s: %d features, %d bytes, trained on %d sentences in %.1fs\n", *out, m.NumFeatures(), st.Size(), len(sents), time.Since(start).Seconds())
	return nil
}

func runEvalNER(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "eval ner", "--conll FILE [--model FILE] [--raw]")
	in := fs.String("conll", "", "gold file: GermEval TSV, CoNLL-2003 German or Europarl columns")
	model := fs.String("model", "", "model file (default: the embedded model)")
	raw := fs.Bool("raw", false, "score lower-case MISC spans (adjectives such as \"deutschen\") as entities instead of harmonising them to GermEval's O")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *in == "" && len(pos) == 1 {
		*in = pos[0]
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *in == "" {
		return fmt.Errorf("%w: --conll FILE is required", errUsage)
	}
	gold, err := readGold(*in)
	if err != nil {
		return err
	}
	if !*raw {
		ner.Harmonize(gold)
	}
	rec, err := loadRecognizer(*model)
	if err != nil {
		return err
	}
	start := time.Now()
	pred := rec.TagDocuments(gold)
	el := time.Since(start)
	g := make([][]string, len(gold))
	ntok := 0
	for i, s := range gold {
		g[i] = s.Tags
		ntok += len(s.Tokens)
	}
	fmt.Fprintf(env.stdout, "%s: %d sentences, %d tokens, tagged in %s (outer entities, exact spans)\n", *in, len(gold), ntok, el.Round(time.Millisecond))
	ner.WriteScores(env.stdout, ner.Evaluate(g, pred))
	return nil
}
