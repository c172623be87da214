package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
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
		args:    "[--data DIR] [--out FILE] [--exclude NAME,...] [--epochs N] [--seed N] [--dropout F] [--ensemble N] [--convention NAME] [--no-words] [--tune-o] [--stack] [--self-train=false] [--augment N]",
		summary: "train the entity tagger on ../shared/data/ner, with word clusters from unlabelled news (deterministic)",
		run:     runTrainNER,
	})
	register(&command{
		name:    "eval ner",
		args:    "--conll FILE [--model FILE] [--raw] | --cv K | --cross [--data DIR] [--epochs N] [--seed N] [--dropout F] [--ensemble N] [--convention NAME] [--self-train=false] [--augment N] [--doc-types LIST]",
		summary: "exact-span precision/recall/F1 of the entity tagger on a gold file, or held-out by k-fold/cross-corpus training",
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
	fs := newFlagSet(env, "train ner", "[--data DIR] [--out FILE] [--exclude NAME,...] [--epochs N] [--seed N] [--dropout F] [--ensemble N] [--convention NAME] [--no-words] [--tune-o] [--stack] [--self-train=false] [--augment N]")
	noWords := fs.Bool("no-words", false, "do not learn the word table (clusters, capitalisation statistics) from unlabelled news")
	stack := fs.Bool("stack", false, "also train the stacked document label-consistency stage (measured worse in cross-validation; experimental)")
	tune := fs.Bool("tune-o", false, "tune an O-tag penalty on jackknifed training data (measured neutral in cross-validation)")
	data := fs.String("data", "", "directory of training files (*.tsv, *.txt; default ../shared/data/ner)")
	out := fs.String("out", filepath.Join("analyze", "ner", "model", "ner.model.gz"), "model file to write")
	exclude := fs.String("exclude", "", "comma-separated file-name prefixes to leave out (held-out evaluation)")
	epochs := fs.Int("epochs", 10, "training epochs")
	seed := fs.Uint64("seed", 20240913, "shuffling seed")
	convention := fs.String("convention", "deriv", "annotation convention applied to the gold corpora: "+ner.Conventions)
	dropout := fs.Float64("dropout", ner.DefaultDropout, "share of features hidden in each training step (0: none)")
	ensemble := fs.Int("ensemble", ner.DefaultEnsemble, "perceptrons (shuffling seeds) whose weights are averaged")
	self := selfTrainFlags(fs)
	aug := augmentFlags(fs)
	err := parseFlagsOnly(fs, args)
	if err != nil {
		return err
	}
	if err := self.check(); err != nil {
		return err
	}
	if err := checkAugment(aug); err != nil {
		return err
	}
	if *data, err = nerDataDir(*data); err != nil {
		return err
	}
	conv, err := ner.ParseConvention(*convention)
	if err != nil {
		return fmt.Errorf("%w: --convention: %v", errUsage, err)
	}
	corpora, err := readCorpora(env, *data, *exclude, conv)
	if err != nil {
		return err
	}
	var sents []ner.Sentence
	for _, c := range corpora {
		sents = append(sents, c.Sents...)
	}
	if len(sents) == 0 {
		return errors.New("no training sentences found")
	}
	start := time.Now()
	var words *ner.WordStats
	var unlabelled []ner.Sentence
	if !*noWords || self.on {
		texts, err := readUnlabelled(env)
		if err != nil {
			return err
		}
		if !*noWords {
			words = ner.BuildWordStats(texts, ner.BuildOptions{Progress: func(msg string) {
				fmt.Fprintf(env.stderr, "train ner: %s (%.1fs)\n", msg, time.Since(start).Seconds())
			}})
		}
		if self.on {
			unlabelled = ner.UnlabelledSentences(texts)
			fmt.Fprintf(env.stderr, "train ner: self-training on %d unlabelled sentences\n", len(unlabelled))
		}
	}
	m := ner.Train(sents, ner.TrainOptions{Epochs: *epochs, Seed: *seed, Words: words, Stack: *stack, TuneBias: *tune, Dropout: dropoutOpt(*dropout), Ensemble: *ensemble, Unlabelled: unlabelled, SelfTrain: self.opts(), Augment: augmentOpt(*aug), Progress: func(ep, miss, n int) {
		if ep < 0 {
			fmt.Fprintf(env.stderr, "train ner: jackknife block %d trained on %d sentences (%.1fs)\n", -ep, n, time.Since(start).Seconds())
			return
		}
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
	fmt.Fprintf(env.stdout, "wrote %s: %d features, O penalty %.2f, %d bytes, trained on %d sentences in %.1fs\n", *out, m.NumFeatures(), m.OPenalty(), st.Size(), len(sents), time.Since(start).Seconds())
	return nil
}

func runEvalNER(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "eval ner", "--conll FILE [--model FILE] [--raw] | --cv K | --cross [--data DIR] [--epochs N] [--seed N] [--dropout F] [--ensemble N] [--convention NAME] [--self-train=false] [--augment N] [--doc-types LIST]")
	in := fs.String("conll", "", "gold file: GermEval TSV, CoNLL-2003 German or Europarl columns")
	cv := fs.Int("cv", 0, "k-fold cross-validation over the gold files in --data: fold f of every corpus held out, training on the rest (k trainings), scores per corpus")
	cross := fs.Bool("cross", false, "cross-corpus: train on all gold files but one, test on that one, for each")
	data := fs.String("data", "", "directory of gold files for --cv/--cross (default ../shared/data/ner)")
	epochs := fs.Int("epochs", 10, "training epochs for --cv/--cross")
	seed := fs.Uint64("seed", 20240913, "shuffling seed for --cv/--cross")
	noWords := fs.Bool("no-words", false, "--cv/--cross: train without the word table (otherwise the one in --model or the embedded model is used)")
	stack := fs.Bool("stack", false, "--cv/--cross: also train the stacked document stage")
	tune := fs.Bool("tune-o", false, "--cv/--cross: tune the O-tag penalty")
	model := fs.String("model", "", "model file (default: the embedded model); with --cv/--cross only its word table is used")
	raw := fs.Bool("raw", false, "score the gold tags as read (same as --convention raw): no mapping of MISC derivations (\"deutschen\", \"US-Botschafter\") to GermEval's O")
	convention := fs.String("convention", "deriv", "annotation convention applied to every gold corpus: "+ner.Conventions)
	dropout := fs.Float64("dropout", ner.DefaultDropout, "--cv/--cross: share of features hidden in each training step (0: none)")
	ensemble := fs.Int("ensemble", ner.DefaultEnsemble, "--cv/--cross: perceptrons (shuffling seeds) whose weights are averaged")
	self := selfTrainFlags(fs)
	aug := augmentFlags(fs)
	docTypes := fs.String("doc-types", "default", "document type-consistency rules after tagging: default, none, or a comma list of "+ner.DocTypeNames)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *in == "" && len(pos) == 1 {
		*in = pos[0]
	} else if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *raw {
		*convention = "raw"
	}
	conv, err := ner.ParseConvention(*convention)
	if err != nil {
		return fmt.Errorf("%w: --convention: %v", errUsage, err)
	}
	dt, err := ner.ParseDocTypes(*docTypes)
	if err != nil {
		return fmt.Errorf("%w: --doc-types: %v", errUsage, err)
	}
	if err := self.check(); err != nil {
		return err
	}
	if err := checkAugment(aug); err != nil {
		return err
	}
	infer := ner.RecognizerOptions{DocTypes: dt}
	if *cv != 0 || *cross {
		if *in != "" {
			return fmt.Errorf("%w: --cv/--cross train their own models on --data; drop --conll", errUsage)
		}
		if *cv < 0 || *cv == 1 || *cv > 20 {
			return fmt.Errorf("%w: --cv must be between 2 and 20", errUsage)
		}
		opt := ner.TrainOptions{Epochs: *epochs, Seed: *seed, Stack: *stack, TuneBias: *tune, Dropout: dropoutOpt(*dropout), Ensemble: *ensemble, Infer: infer, Augment: augmentOpt(*aug)}
		if !*noWords {
			// Unlabelled-text statistics carry no gold labels: reuse the
			// model's table rather than rebuilding it per fold.
			rec, err := loadRecognizer(*model)
			if err != nil {
				return err
			}
			opt.Words = rec.Model().Words()
		}
		if self.on {
			texts, err := readUnlabelled(env)
			if err != nil {
				return err
			}
			opt.Unlabelled, opt.SelfTrain = ner.UnlabelledSentences(texts), self.opts()
		}
		return runHeldOutNER(env, *data, *cv, *cross, conv, opt)
	}
	if *in == "" {
		return fmt.Errorf("%w: --conll FILE is required (or --cv K / --cross)", errUsage)
	}
	gold, err := readGold(*in)
	if err != nil {
		return err
	}
	if conv != nil {
		ner.HarmonizeWith(gold, *conv)
	}
	rec, err := loadRecognizer(*model)
	if err != nil {
		return err
	}
	rec = ner.NewWith(rec.Model(), infer)
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

// selfTrain holds the self-training flags shared by train and eval ner.
type selfTrain struct {
	on           bool
	keep, weight float64
	all          bool
	rounds       int
}

func selfTrainFlags(fs *flag.FlagSet) *selfTrain {
	st := &selfTrain{}
	fs.BoolVar(&st.on, "self-train", true, "self-train: tag the unlabelled news with a first model and add its most confident sentences to the training data (--self-train=false: gold only)")
	fs.Float64Var(&st.keep, "self-keep", 0.3, "--self-train: share of the candidate sentences kept, most confident first")
	fs.Float64Var(&st.weight, "self-weight", 0.5, "--self-train: update weight of the self-tagged sentences")
	fs.BoolVar(&st.all, "self-all", false, "--self-train: also keep sentences without entities")
	fs.IntVar(&st.rounds, "self-rounds", 1, "--self-train: tag-and-retrain rounds")
	return st
}

// check reports flag values out of range.
func (st *selfTrain) check() error {
	switch {
	case st.keep <= 0 || st.keep > 1:
		return fmt.Errorf("%w: --self-keep must be in (0, 1], got %g", errUsage, st.keep)
	case st.weight <= 0:
		return fmt.Errorf("%w: --self-weight must be positive, got %g", errUsage, st.weight)
	case st.rounds < 1 || st.rounds > 5:
		return fmt.Errorf("%w: --self-rounds must be between 1 and 5, got %d", errUsage, st.rounds)
	}
	return nil
}

// augmentFlags registers the mention-replacement augmentation flags shared
// by train and eval ner.
func augmentFlags(fs *flag.FlagSet) *ner.AugmentOptions {
	a := &ner.AugmentOptions{}
	fs.IntVar(&a.Copies, "augment", ner.DefaultAugment, "mention-replaced copies of every gold document added to the training data: each entity mention replaced by another of its type from the training data (0: none)")
	fs.Float64Var(&a.Prob, "augment-prob", 1, "--augment: probability that a distinct mention of a copy is replaced")
	fs.Float64Var(&a.Weight, "augment-weight", 1, "--augment: update weight of the augmented sentences")
	fs.BoolVar(&a.FirstStage, "augment-first", false, "--augment: also augment the self-training first stage")
	return a
}

// augmentOpt maps the --augment flags to TrainOptions.Augment (0 copies
// there means the default, so "none" is negative).
func augmentOpt(a ner.AugmentOptions) ner.AugmentOptions {
	if a.Copies == 0 {
		a.Copies = -1
	}
	return a
}

// checkAugment reports augmentation flag values out of range.
func checkAugment(a *ner.AugmentOptions) error {
	switch {
	case a.Copies < 0 || a.Copies > 5:
		return fmt.Errorf("%w: --augment must be between 0 and 5, got %d", errUsage, a.Copies)
	case a.Prob <= 0 || a.Prob > 1:
		return fmt.Errorf("%w: --augment-prob must be in (0, 1], got %g", errUsage, a.Prob)
	case a.Weight <= 0:
		return fmt.Errorf("%w: --augment-weight must be positive, got %g", errUsage, a.Weight)
	}
	return nil
}

func (st *selfTrain) opts() ner.SelfTrainOptions {
	return ner.SelfTrainOptions{Keep: st.keep, Weight: st.weight, All: st.all, Rounds: st.rounds}
}

// dropoutOpt maps the --dropout flag to TrainOptions.Dropout (0 there
// means the default, so "none" is negative).
func dropoutOpt(f float64) float64 {
	if f <= 0 {
		return -1
	}
	return f
}

// nerDataDir returns dir or the default ../shared/data/ner.
func nerDataDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	d := shared.Dir()
	if d == "" {
		return "", fmt.Errorf("%w: no ../shared directory; pass --data DIR", errUsage)
	}
	return filepath.Join(d, "data", "ner"), nil
}

// readCorpora reads every *.tsv/*.txt gold file in dir (minus the
// comma-separated name prefixes in exclude) as one corpus each, with
// document numbers kept distinct across files. conv, when not nil, is the
// annotation convention applied to every corpus (see ner.HarmonizeWith).
func readCorpora(env *cliEnv, dir, exclude string, conv *ner.HarmonizeOptions) ([]ner.Corpus, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []ner.Corpus
	docBase := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".tsv") || strings.HasSuffix(name, ".txt")) {
			continue
		}
		skip := false
		for _, x := range strings.Split(exclude, ",") {
			if x != "" && strings.HasPrefix(name, x) {
				skip = true
			}
		}
		if skip {
			fmt.Fprintf(env.stderr, "ner: leaving out %s\n", name)
			continue
		}
		s, err := readGold(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		maxDoc := 0
		for i := range s {
			if s[i].Doc > maxDoc {
				maxDoc = s[i].Doc
			}
			s[i].Doc += docBase
		}
		docBase += maxDoc + 1
		if conv != nil {
			ner.HarmonizeWith(s, *conv)
		}
		fmt.Fprintf(env.stderr, "ner: %s: %d sentences\n", name, len(s))
		out = append(out, ner.Corpus{Name: strings.TrimSuffix(strings.TrimSuffix(name, ".tsv"), ".txt"), Sents: s})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no gold files (*.tsv, *.txt) in %s", dir)
	}
	return out, nil
}

// runHeldOutNER prints k-fold and/or cross-corpus held-out scores.
func runHeldOutNER(env *cliEnv, dir string, k int, cross bool, conv *ner.HarmonizeOptions, opt ner.TrainOptions) error {
	dir, err := nerDataDir(dir)
	if err != nil {
		return err
	}
	corpora, err := readCorpora(env, dir, "", conv)
	if err != nil {
		return err
	}
	start := time.Now()
	progress := func(msg string) {
		fmt.Fprintf(env.stderr, "eval ner: %s (%.0fs)\n", msg, time.Since(start).Seconds())
	}
	report := func(title string, res []ner.CVResult) {
		fmt.Fprintf(env.stdout, "%s (outer entities, exact spans)\n", title)
		for _, r := range res {
			fmt.Fprintf(env.stdout, "\n== %s\n", r.Name)
			ner.WriteScores(env.stdout, r.Scores)
		}
		fmt.Fprintln(env.stdout)
	}
	if k > 0 {
		res, err := ner.CrossValidate(corpora, k, opt, progress)
		if err != nil {
			return err
		}
		report(fmt.Sprintf("%d-fold cross-validation, document blocks, all corpora's other folds in training", k), res)
	}
	if cross {
		report("cross-corpus: each corpus held out, trained on the others", ner.CrossCorpus(corpora, opt, progress))
	}
	return nil
}

// readUnlabelled returns the German article texts of ../shared/data/corpus
// (10kGNAD, one "label;'text'" per line) and ../shared/data/semeval2022
// (CSV; the sides whose language is de).
func readUnlabelled(env *cliEnv) ([]string, error) {
	d := shared.Dir()
	if d == "" {
		return nil, fmt.Errorf("%w: no ../shared directory for the unlabelled corpus; pass --no-words --self-train=false", errUsage)
	}
	var texts []string
	if b, err := os.ReadFile(filepath.Join(d, "data", "corpus", "10kgnad-test.csv")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			_, t, ok := strings.Cut(line, ";")
			if !ok {
				continue
			}
			t = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(t), "'"), "'")
			texts = append(texts, strings.ReplaceAll(t, "''", "'"))
		}
	}
	files, _ := filepath.Glob(filepath.Join(d, "data", "semeval2022", "*.csv"))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		r := csv.NewReader(fh)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if len(recs) == 0 {
			continue
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		get := func(rec []string, name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		for _, rec := range recs[1:] {
			for _, side := range []string{"1", "2"} {
				if get(rec, "lang"+side) == "de" {
					texts = append(texts, strings.TrimSpace(get(rec, "title"+side)+"\n"+get(rec, "text"+side)))
				}
			}
		}
	}
	if len(texts) == 0 {
		return nil, errors.New("no unlabelled German texts found under ../shared/data (corpus, semeval2022); pass --no-words --self-train=false")
	}
	fmt.Fprintf(env.stderr, "train ner: %d unlabelled German texts\n", len(texts))
	return texts, nil
}
