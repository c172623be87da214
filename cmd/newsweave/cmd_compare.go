package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/analyze/lang"
	"github.com/newsweave/newsweave/compare"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/internal/shared"
	"github.com/newsweave/newsweave/represent"
)

func init() {
	register(&command{
		name:    "compare",
		args:    "A B [--db FILE] | --pairs IN.csv --out OUT.csv [--with-errors]",
		summary: "are two articles the same story? seven SemEval scores (1 = same … 4 = unrelated) with evidence",
		run:     runCompare,
	})
	register(&command{
		name:    "eval semeval",
		args:    "--pairs FILE.csv [--cv K] [--model FILE]",
		summary: "Pearson/Spearman of compare per dimension and language pair on labelled pairs",
		run:     runEvalSemeval,
	})
	register(&command{
		name:    "train compare",
		args:    "[--data DIR] [--model OUT.json] [--df OUT.bin] [--cv K [--cv-seeds 1,2,3]]",
		summary: "rebuild the compare model and IDF table from ../shared/data/semeval2022",
		run:     runTrainCompare,
	})
}

// maxCompareBytes bounds one input article file.
const maxCompareBytes = 32 << 20

// preparer turns raw articles into represent.Docs: mojibake repair,
// language detection when missing, analysis, representation.
type preparer struct {
	an      *analyze.Analyzer
	builder *represent.Builder
}

func newPreparer(idf represent.IDF) (*preparer, error) {
	an, err := analyze.Default()
	if err != nil {
		return nil, fmt.Errorf("loading analysis models: %w", err)
	}
	return &preparer{an: an, builder: represent.NewBuilder(idf)}, nil
}

func (p *preparer) prepare(a *newsweave.Article) *represent.Doc {
	a.Title = extract.RepairMojibake(a.Title)
	a.Text = extract.RepairMojibake(a.Text)
	if a.Lang == "" {
		a.Lang = lang.Default().Detect(a.Title + "\n" + a.Text)
	}
	if a.ID == "" {
		a.ID = newsweave.ContentID(a.Title, a.Text)
	}
	p.an.Analyze(a)
	return p.builder.Build(a)
}

func runCompare(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "compare", "A B [--db FILE] | --pairs IN.csv --out OUT.csv")
	db := dbFlag(fs)
	pairs := fs.String("pairs", "", "batch mode: CSV with header pair_id,text1,text2 (+ lang1,lang2,title1,title2,date1,date2,url1,url2)")
	out := fs.String("out", "-", "batch mode: output CSV (- = stdout)")
	withErr := fs.Bool("with-errors", false, "batch mode: add a trailing error column (empty when the row was scored)")
	langHint := fs.String("lang", "", "language of A and B when it cannot be detected (de, en)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *pairs != "" {
		if len(pos) > 0 {
			return fmt.Errorf("%w: give either A B or --pairs, not both", errUsage)
		}
		return comparePairs(ctx, env, *pairs, *out, *withErr)
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: need two articles (files, or ids of stored articles)", errUsage)
	}
	p, err := newPreparer(nil)
	if err != nil {
		return err
	}
	var docs [2]*represent.Doc
	var arts [2]*newsweave.Article
	for i, ref := range pos {
		a, err := loadArticle(ctx, env, ref, *db, *langHint)
		if err != nil {
			return err
		}
		arts[i] = a
		if len(a.Entities) == 0 && len(a.Times) == 0 {
			docs[i] = p.prepare(a)
		} else { // stored and analysed already
			docs[i] = p.builder.Build(a)
		}
	}
	c, err := compare.New(nil)
	if err != nil {
		return err
	}
	res := c.Compare(docs[0], docs[1])
	type side struct {
		ID        string `json:"id"`
		Input     string `json:"input,omitempty"`
		Title     string `json:"title"`
		Lang      string `json:"lang"`
		Published string `json:"published,omitempty"`
	}
	outDoc := struct {
		A, B side
		compare.Result
	}{
		A:      side{ID: arts[0].ID, Input: pos[0], Title: arts[0].Title, Lang: docs[0].Lang, Published: arts[0].Published},
		B:      side{ID: arts[1].ID, Input: pos[1], Title: arts[1].Title, Lang: docs[1].Lang, Published: arts[1].Published},
		Result: res,
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(outDoc)
}

// loadArticle reads ref as a file (extracted like ingest does), else as the
// id of a stored article.
func loadArticle(ctx context.Context, env *cliEnv, ref, dbPath, langHint string) (*newsweave.Article, error) {
	if ref == "-" || fileExists(ref) {
		rc, err := openIn(env, ref)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(io.LimitReader(rc, maxCompareBytes+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ref, err)
		}
		if len(body) > maxCompareBytes {
			return nil, fmt.Errorf("%s: larger than %d MiB", ref, maxCompareBytes>>20)
		}
		a, err := extract.New().Extract(extract.Document{Input: ref, Body: body, Lang: langHint})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ref, err)
		}
		return a, nil
	}
	if !fileExists(dbPath) {
		return nil, fmt.Errorf("%s: no such file, and no store %s to look the id up in", ref, dbPath)
	}
	db, err := openStore(dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	a, err := db.Article(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("%s: not a file, and not an article id in %s: %w", ref, dbPath, err)
	}
	return a, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// preparedPair is a pair's two Docs, or why it could not be prepared.
type preparedPair struct {
	a, b *represent.Doc
	err  error
}

// preparePairs prepares all pairs on all cores, reporting progress.
func preparePairs(ctx context.Context, env *cliEnv, p *preparer, pairs []compare.Pair, what string) []preparedPair {
	out := make([]preparedPair, len(pairs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	start := time.Now()
	last := start
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = preparePair(p, &pairs[i])
				mu.Lock()
				done++
				if time.Since(last) > 5*time.Second {
					last = time.Now()
					fmt.Fprintf(env.stderr, "%s: prepared %d/%d pairs (%.0fs)\n", what, done, len(pairs), time.Since(start).Seconds())
				}
				mu.Unlock()
			}
		}()
	}
	for i := range pairs {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i := range out {
		if out[i].err == nil && (out[i].a == nil || out[i].b == nil) {
			out[i].err = errors.New("interrupted")
		}
	}
	return out
}

func preparePair(p *preparer, pr *compare.Pair) (res preparedPair) {
	if pr.Err != nil {
		return preparedPair{err: pr.Err}
	}
	defer func() { // never lose the batch to one bad row
		if r := recover(); r != nil {
			res = preparedPair{err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	a, b := pr.A, pr.B
	return preparedPair{a: p.prepare(&a), b: p.prepare(&b)}
}

func readPairsFile(env *cliEnv, path string) ([]compare.Pair, error) {
	rc, err := openIn(env, path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	pairs, err := compare.ReadPairs(bufio.NewReaderSize(rc, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pairs, nil
}

func comparePairs(ctx context.Context, env *cliEnv, in, out string, withErr bool) error {
	pairs, err := readPairsFile(env, in)
	if err != nil {
		return err
	}
	c, err := compare.New(nil)
	if err != nil {
		return err
	}
	p, err := newPreparer(nil)
	if err != nil {
		return err
	}
	var w io.Writer = env.stdout
	if out != "-" && out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	head := []string{"pair_id", "Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"}
	if withErr {
		head = append(head, "error")
	}
	cw.Write(head)
	prepared := preparePairs(ctx, env, p, pairs, "compare")
	failed := 0
	for i, pr := range prepared {
		s := compare.Neutral
		msg := ""
		if pr.err != nil {
			failed++
			msg = pr.err.Error()
			fmt.Fprintf(env.stderr, "%s:%d: pair %q: %v (neutral scores written)\n", in, pairs[i].Line, pairs[i].ID, pr.err)
		} else {
			s = c.Score(pr.a, pr.b)
		}
		// Pinned column order: the required header, not Dimensions order.
		row := []string{pairs[i].ID}
		for _, d := range []int{compare.Geography, compare.Entities, compare.Time, compare.Narrative, compare.Overall, compare.Style, compare.Tone} {
			row = append(row, strconv.FormatFloat(s[d], 'f', 4, 64))
		}
		if withErr {
			row = append(row, msg)
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d pairs could not be compared", errPartial, failed, len(pairs))
	}
	return nil
}

// ---- training and evaluation ----

// trainSource is one labelled file of the training set and its weight.
type trainSource struct {
	file   string
	weight func(p *compare.Pair) float64
}

// trainSources: the original German pairs weigh most; German pairs of the
// machine-translated set more than the other languages.
var trainSources = []trainSource{
	{"train-mt.csv", func(p *compare.Pair) float64 {
		switch {
		case p.A.Lang == "de" && p.B.Lang == "de":
			return 1.5
		case (p.A.Lang == "de" || p.B.Lang == "de") && (p.A.Lang == "en" || p.B.Lang == "en"):
			return 1.5
		}
		return 1
	}},
	{"de-original.csv", func(*compare.Pair) float64 { return 3 }},
}

// labelled is a prepared labelled pair.
type labelled struct {
	pair   compare.Pair
	source string
	a, b   *represent.Doc
	weight float64
}

func loadLabelled(ctx context.Context, env *cliEnv, p *preparer, path string, weight func(*compare.Pair) float64) ([]labelled, error) {
	pairs, err := readPairsFile(env, path)
	if err != nil {
		return nil, err
	}
	prep := preparePairs(ctx, env, p, pairs, filepath.Base(path))
	var out []labelled
	skipped := 0
	for i, pr := range prep {
		if pr.err != nil || !pairs[i].Labeled {
			skipped++
			continue
		}
		out = append(out, labelled{pair: pairs[i], source: path, a: pr.a, b: pr.b, weight: weight(&pairs[i])})
	}
	if skipped > 0 {
		fmt.Fprintf(env.stderr, "%s: skipped %d unlabelled or broken rows\n", path, skipped)
	}
	return out, ctx.Err()
}

func semevalDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	s := shared.Dir()
	if s == "" {
		return "", fmt.Errorf("%w: no ../shared directory; give --data DIR", errUsage)
	}
	return filepath.Join(s, "data", "semeval2022"), nil
}

// loadTraining prepares the training set. All docs are built with a
// uniform IDF and reweighted by the caller.
func loadTraining(ctx context.Context, env *cliEnv, p *preparer, dir string) ([]labelled, error) {
	var all []labelled
	for _, s := range trainSources {
		path := filepath.Join(dir, s.file)
		if !fileExists(path) {
			fmt.Fprintf(env.stderr, "train: %s missing, skipped\n", path)
			continue
		}
		ls, err := loadLabelled(ctx, env, p, path, s.weight)
		if err != nil {
			return nil, err
		}
		all = append(all, ls...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no labelled pairs in %s", dir)
	}
	return all, nil
}

func examples(ls []labelled) []compare.Example {
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.pair.ID
	}
	// Grouped by article, not just by pair: an article in two pairs never
	// sits in training while a pair containing it is held out.
	groups := compare.ArticleGroups(ids)
	ex := make([]compare.Example, len(ls))
	for i, l := range ls {
		ex[i] = compare.Example{Group: groups[i], X: compare.Featurize(l.a, l.b), Y: l.pair.Labels, Weight: l.weight}
	}
	return ex
}

// countDF builds the document-frequency table from the German news corpus
// and the given docs (terms only; no analysis needed).
func countDF(env *cliEnv, corpus string, docs []*represent.Doc) (*represent.DF, error) {
	df := represent.NewDF()
	seen := map[string]bool{}
	for _, d := range docs {
		if !seen[d.ID] {
			seen[d.ID] = true
			df.Add(d)
		}
	}
	if corpus == "" || !fileExists(corpus) {
		fmt.Fprintf(env.stderr, "train: corpus %s missing; IDF from the pairs only\n", corpus)
		return df, nil
	}
	f, err := os.Open(corpus)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := represent.NewBuilder(represent.Uniform{})
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		_, text, ok := strings.Cut(sc.Text(), ";")
		if !ok {
			continue
		}
		text = strings.Trim(text, "'")
		df.Add(b.Build(&newsweave.Article{Text: text, Lang: "de"}))
		n++
	}
	fmt.Fprintf(env.stderr, "train: IDF over %d corpus articles + %d pair articles\n", n, len(seen))
	return df, sc.Err()
}

func runTrainCompare(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "train compare", "[--data DIR] [--model OUT.json] [--df OUT.bin] [--cv K [--cv-seeds 1,2,3]]")
	data := fs.String("data", "", "SemEval-2022 directory with train-mt.csv and de-original.csv (default ../shared/data/semeval2022)")
	corpus := fs.String("corpus", "", "unlabelled German news for IDF (default ../shared/data/corpus/10kgnad-test.csv)")
	modelOut := fs.String("model", "compare/model.json", "where to write the model")
	dfOut := fs.String("df", "represent/df.bin", "where to write the IDF table")
	cv := fs.Int("cv", 0, "also report K-fold cross-validated Pearson (0 = no)")
	cvSeeds := fs.String("cv-seeds", "", "with --cv: repeat the cross-validation for these fold seeds (e.g. 1,2,3) and report mean and spread of Pearson")
	params := paramFlags(fs)
	dump := fs.String("dump-features", "", "also write the training features and labels to this CSV (for analysis)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	seeds, err := parseSeeds(*cvSeeds)
	if err != nil {
		return err
	}
	dir, err := semevalDir(*data)
	if err != nil {
		return err
	}
	if *corpus == "" {
		*corpus = filepath.Join(filepath.Dir(dir), "corpus", "10kgnad-test.csv")
	}
	start := time.Now()
	p, err := newPreparer(represent.Uniform{})
	if err != nil {
		return err
	}
	ls, err := loadTraining(ctx, env, p, dir)
	if err != nil {
		return err
	}
	var docs []*represent.Doc
	for _, l := range ls {
		docs = append(docs, l.a, l.b)
	}
	df, err := countDF(env, *corpus, docs)
	if err != nil {
		return err
	}
	// Train on the table exactly as it will be embedded (rare terms dropped).
	var buf bytes.Buffer
	if err := df.Write(&buf, 2); err != nil {
		return err
	}
	tableBytes := buf.Bytes()
	if df, err = represent.ReadDF(bytes.NewReader(tableBytes)); err != nil {
		return err
	}
	rw := represent.NewBuilder(df.Frozen())
	for i := range ls {
		ls[i].a, ls[i].b = rw.Reweight(ls[i].a), rw.Reweight(ls[i].b)
	}
	ex := examples(ls)
	if *dump != "" {
		if err := dumpFeatures(*dump, ls, ex); err != nil {
			return err
		}
	}
	if err := params.check(); err != nil {
		return err
	}
	tp := params.params()
	info := fmt.Sprintf("GBT %d trees depth %d rate %g ridge %g seed %d bags %d", tp.Trees, tp.Depth, tp.Rate, tp.Ridge, tp.Seed, max(1, tp.Bags))
	if c := tp.Cross; c != nil {
		info += fmt.Sprintf("; cross-lingual: %d trees depth %d rate %g ridge %g", c.Trees, c.Depth, c.Rate, c.Ridge)
	}
	if tp.Blend {
		info += "; cross-lingual Overall blended with a line on the bilingual cosines"
	}
	info += fmt.Sprintf("; %d pairs from %s (de-original weight 3, German pairs of train-mt 1.5)", len(ex), strings.Join(sourceNames(), " + "))
	m := compare.Train(ex, tp, info)
	if err := writeFileAtomic(*dfOut, func(w io.Writer) error { _, err := w.Write(tableBytes); return err }); err != nil {
		return err
	}
	if err := writeFileAtomic(*modelOut, m.Write); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "trained on %d pairs in %.1fs: wrote %s and %s (rebuild the binary to embed them)\n", len(ex), time.Since(start).Seconds(), *modelOut, *dfOut)
	if *cv > 1 && len(seeds) > 0 {
		var preds [][]compare.Scores
		for _, s := range seeds {
			q := tp
			q.Seed = s
			preds = append(preds, compare.CrossValidate(ex, *cv, q))
			fmt.Fprintf(env.stderr, "train: cross-validation seed %d done\n", s)
		}
		reportSeeds(env.stdout, ls, preds, seeds, *cv)
	} else if *cv > 1 {
		pred := compare.CrossValidate(ex, *cv, tp)
		report(env.stdout, ls, pred, fmt.Sprintf("%d-fold cross-validation, all training pairs", *cv))
	}
	return nil
}

func parseSeeds(s string) ([]uint64, error) {
	var out []uint64
	if s == "" {
		return nil, nil
	}
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: --cv-seeds wants numbers separated by commas, got %q", errUsage, f)
		}
		out = append(out, v)
	}
	return out, nil
}

// reportSeeds prints, per language pair and source, the Pearson of every
// dimension averaged over the CV seeds, and Overall per seed with its mean
// and spread (max − min): with 54 German–English pairs one seed's folds
// move Overall by several hundredths.
func reportSeeds(w io.Writer, ls []labelled, preds [][]compare.Scores, seeds []uint64, k int) {
	fmt.Fprintf(w, "# %d-fold cross-validation grouped by article, fold seeds %v: Pearson, mean over seeds\n", k, seeds)
	groups := map[string][]int{}
	var order []string
	add := func(k string, i int) {
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for i, l := range ls {
		lp := langOf(l.a.Lang) + "-" + langOf(l.b.Lang)
		if l.b.Lang < l.a.Lang && l.a.Lang != "" && l.b.Lang != "" {
			lp = l.b.Lang + "-" + l.a.Lang
		}
		add("all", i)
		if lp == "de-de" || lp == "de-en" {
			add(lp, i)
			add(lp+"/"+strings.TrimSuffix(filepath.Base(l.source), ".csv"), i)
		}
	}
	sort.Strings(order)
	fmt.Fprintf(w, "%-20s %5s", "pair", "n")
	for _, d := range compare.Dimensions {
		fmt.Fprintf(w, " %9s", d)
	}
	fmt.Fprintf(w, "  %-30s %s\n", "Overall per seed (mean ± spread)", "base")
	for _, key := range order {
		idx := groups[key]
		fmt.Fprintf(w, "%-20s %5d", key, len(idx))
		var y [compare.NumDims][]float64
		var base []float64
		for _, i := range idx {
			for d := range y {
				y[d] = append(y[d], ls[i].pair.Labels[d])
			}
			base = append(base, 4-3*represent.Dot(ls[i].a.Terms, ls[i].b.Terms))
		}
		var overall []float64
		for d := range compare.Dimensions {
			var sum float64
			for _, pred := range preds {
				var x []float64
				for _, i := range idx {
					x = append(x, pred[i][d])
				}
				r := compare.Pearson(x, y[d])
				sum += r
				if d == compare.Overall {
					overall = append(overall, r)
				}
			}
			fmt.Fprintf(w, " %9.3f", sum/float64(len(preds)))
		}
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		var per []string
		for _, r := range overall {
			lo, hi, sum = math.Min(lo, r), math.Max(hi, r), sum+r
			per = append(per, fmt.Sprintf("%.3f", r))
		}
		fmt.Fprintf(w, "  %-30s %.3f\n", fmt.Sprintf("%s (%.3f ± %.3f)", strings.Join(per, "/"), sum/float64(len(overall)), (hi-lo)/2), compare.Pearson(base, y[compare.Overall]))
	}
	fmt.Fprintln(w, "base = plain TF-IDF cosine of stems (Overall); ± is half the spread (max − min) over seeds")
}

// trainFlags are the boosting parameters shared by train compare and eval
// semeval --cv.
type trainFlags struct {
	compare.TrainParams
	cross compare.TrainParams
	withX bool
}

func paramFlags(fs *flag.FlagSet) *trainFlags {
	p := &trainFlags{TrainParams: compare.DefaultParams, cross: compare.DefaultCrossParams}
	fs.IntVar(&p.Trees, "trees", p.Trees, "trees per dimension")
	fs.IntVar(&p.Depth, "depth", p.Depth, "tree depth")
	fs.Float64Var(&p.Rate, "rate", p.Rate, "learning rate")
	fs.Float64Var(&p.Ridge, "ridge", p.Ridge, "L2 penalty of the linear part (0 = trees only)")
	fs.Float64Var(&p.MinWeight, "min-weight", p.MinWeight, "minimum sample weight per leaf")
	fs.Uint64Var(&p.Seed, "seed", p.Seed, "random seed of the folds and row subsampling (vary it to tell a difference from noise)")
	fs.BoolVar(&p.withX, "cross", compare.DefaultParams.Cross != nil, "train separate ensembles for cross-lingual pairs (--cross-* set them)")
	fs.IntVar(&p.cross.Trees, "cross-trees", p.cross.Trees, "trees per dimension of the cross-lingual ensembles")
	fs.IntVar(&p.cross.Depth, "cross-depth", p.cross.Depth, "tree depth of the cross-lingual ensembles")
	fs.Float64Var(&p.cross.Rate, "cross-rate", p.cross.Rate, "learning rate of the cross-lingual ensembles")
	fs.Float64Var(&p.cross.Ridge, "cross-ridge", p.cross.Ridge, "L2 penalty of the cross-lingual linear part")
	fs.Float64Var(&p.cross.MinWeight, "cross-min-weight", p.cross.MinWeight, "minimum sample weight per leaf (cross-lingual)")
	fs.BoolVar(&p.Blend, "blend", p.Blend, "mix the learned Overall of cross-lingual pairs with a line on the bilingual cosine, per language-pair class")
	fs.Float64Var(&p.MonoWeight, "cross-mono-weight", p.MonoWeight, "weight of same-language pairs in the cross-lingual training (0 = none)")
	return p
}

// params returns the parameters the flags set.
func (p *trainFlags) params() compare.TrainParams {
	q := p.TrainParams
	q.Cross = nil
	if p.withX {
		c := p.cross
		q.Cross = &c
	}
	return q
}

func (p *trainFlags) check() error {
	for _, q := range []compare.TrainParams{p.TrainParams, p.cross} {
		if q.Depth < 1 || q.Depth > 6 || q.Trees < 0 || q.Rate <= 0 || q.Ridge < 0 {
			return fmt.Errorf("%w: --depth 1–6, --trees ≥ 0, --rate > 0, --ridge ≥ 0", errUsage)
		}
	}
	return nil
}

func dumpFeatures(path string, ls []labelled, ex []compare.Example) error {
	return writeFileAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		head := []string{"pair_id", "source", "lang1", "lang2", "weight"}
		head = append(head, compare.FeatureNames[:]...)
		head = append(head, compare.Dimensions[:]...)
		cw.Write(head)
		for i, e := range ex {
			row := []string{ls[i].pair.ID, filepath.Base(ls[i].source), ls[i].a.Lang, ls[i].b.Lang, strconv.FormatFloat(e.Weight, 'g', 4, 64)}
			for _, v := range e.X {
				row = append(row, strconv.FormatFloat(v, 'g', 5, 64))
			}
			for _, v := range e.Y {
				row = append(row, strconv.FormatFloat(v, 'g', 5, 64))
			}
			cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	})
}

func sourceNames() []string {
	var s []string
	for _, t := range trainSources {
		s = append(s, t.file)
	}
	return s
}

func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func runEvalSemeval(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "eval semeval", "--pairs FILE.csv [--cv K]")
	pairsPath := fs.String("pairs", "", "labelled pairs CSV (SemEval-2022 Task 8 layout)")
	cv := fs.Int("cv", 0, "K-fold cross-validation: train on the other folds of the training set + FILE (grouped by article), predict each fold")
	data := fs.String("data", "", "training directory for --cv (default ../shared/data/semeval2022)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	params := paramFlags(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *pairsPath == "" && len(pos) == 1 {
		*pairsPath = pos[0]
	}
	if *pairsPath == "" {
		return fmt.Errorf("%w: --pairs FILE is required", errUsage)
	}
	if err := params.check(); err != nil {
		return err
	}
	p, err := newPreparer(nil)
	if err != nil {
		return err
	}
	evalSet, err := loadLabelled(ctx, env, p, *pairsPath, func(*compare.Pair) float64 { return 3 })
	if err != nil {
		return err
	}
	if len(evalSet) == 0 {
		return fmt.Errorf("%s: no labelled pairs", *pairsPath)
	}
	if *cv <= 1 {
		var m *compare.Model
		if *modelPath != "" {
			f, err := os.Open(*modelPath)
			if err != nil {
				return err
			}
			m, err = compare.ReadModel(f)
			f.Close()
			if err != nil {
				return err
			}
		}
		c, err := compare.New(m)
		if err != nil {
			return err
		}
		pred := make([]compare.Scores, len(evalSet))
		for i, l := range evalSet {
			pred[i] = c.Score(l.a, l.b)
		}
		report(env.stdout, evalSet, pred, "committed model (the pairs may have been seen in training: use --cv K for held-out figures)")
		return nil
	}
	// Cross-validation over training set ∪ FILE, reported on FILE's rows.
	dir, err := semevalDir(*data)
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(*pairsPath)
	pool := slicesClone(evalSet)
	isEval := make([]bool, len(pool))
	for i := range isEval {
		isEval[i] = true
	}
	for _, s := range trainSources {
		path := filepath.Join(dir, s.file)
		if pa, _ := filepath.Abs(path); pa == abs || !fileExists(path) {
			if pa == abs { // FILE is a training file: keep its training weight
				for i := range pool {
					pool[i].weight = s.weight(&pool[i].pair)
				}
			}
			continue
		}
		ls, err := loadLabelled(ctx, env, p, path, s.weight)
		if err != nil {
			return err
		}
		pool = append(pool, ls...)
		isEval = append(isEval, make([]bool, len(ls))...)
	}
	ex := examples(pool)
	pred := compare.CrossValidate(ex, *cv, params.params())
	var evp []compare.Scores
	for i := range evalSet {
		evp = append(evp, pred[i])
	}
	report(env.stdout, evalSet, evp, fmt.Sprintf("%d-fold cross-validation grouped by article over %d pairs (%s + FILE), held-out predictions on FILE", *cv, len(pool), strings.Join(sourceNames(), " + ")))
	return nil
}

func slicesClone[T any](s []T) []T { return append([]T(nil), s...) }

// report prints Pearson (Spearman) per dimension and language pair, and the
// plain TF-IDF cosine baseline on the same pairs.
func report(w io.Writer, ls []labelled, pred []compare.Scores, what string) {
	fmt.Fprintf(w, "# %s\n", what)
	groups := map[string][]int{}
	sources := map[string]bool{}
	for _, l := range ls {
		sources[l.source] = true
	}
	for i, l := range ls {
		lp := langOf(l.a.Lang) + "-" + langOf(l.b.Lang)
		if l.b.Lang < l.a.Lang && l.a.Lang != "" && l.b.Lang != "" {
			lp = l.b.Lang + "-" + l.a.Lang
		}
		groups[lp] = append(groups[lp], i)
		groups["all"] = append(groups["all"], i)
		if len(sources) > 1 && (lp == "de-de" || lp == "de-en") {
			k := lp + "/" + strings.TrimSuffix(filepath.Base(l.source), ".csv")
			groups[k] = append(groups[k], i)
		}
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if (keys[i] == "all") != (keys[j] == "all") {
			return keys[i] == "all"
		}
		ki, kj := strings.SplitN(keys[i], "/", 2)[0], strings.SplitN(keys[j], "/", 2)[0]
		if ki != kj && len(groups[ki]) != len(groups[kj]) {
			return len(groups[ki]) > len(groups[kj])
		}
		return keys[i] < keys[j]
	})
	fmt.Fprintf(w, "%-20s %5s", "pair", "n")
	for _, d := range compare.Dimensions {
		fmt.Fprintf(w, " %13s", d)
	}
	fmt.Fprintf(w, " %13s\n", "base:Overall")
	for _, k := range keys {
		idx := groups[k]
		if len(idx) < 5 {
			continue
		}
		fmt.Fprintf(w, "%-20s %5d", k, len(idx))
		var base []float64
		for _, i := range idx {
			base = append(base, 4-3*represent.Dot(ls[i].a.Terms, ls[i].b.Terms))
		}
		for d := range compare.Dimensions {
			var x, y []float64
			for _, i := range idx {
				x = append(x, pred[i][d])
				y = append(y, ls[i].pair.Labels[d])
			}
			fmt.Fprintf(w, "   %s", corr(x, y))
		}
		var y []float64
		for _, i := range idx {
			y = append(y, ls[i].pair.Labels[compare.Overall])
		}
		fmt.Fprintf(w, "   %s\n", corr(base, y))
	}
	fmt.Fprintln(w, "cells: Pearson (Spearman); base = plain TF-IDF cosine of stems")
}

func corr(x, y []float64) string {
	p, s := compare.Pearson(x, y), compare.Spearman(x, y)
	if math.IsNaN(p) {
		return "    –      "
	}
	return fmt.Sprintf("%.3f (%.3f)", p, s)
}

func langOf(l string) string {
	if l == "" {
		return "und"
	}
	return l
}
