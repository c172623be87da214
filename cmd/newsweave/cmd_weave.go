package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/analyze/lang"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/ingest"
	"github.com/newsweave/newsweave/store"
	"github.com/newsweave/newsweave/store/sqlite"
)

func init() {
	weaveHook = func(ctx context.Context, db *sqlite.DB, p *ingest.Pipeline, cfg weaveConfig) (func() error, error) {
		w, err := cluster.New(ctx, db, cluster.Options{NoRevise: cfg.NoRevise})
		if err != nil {
			return nil, err
		}
		// Articles and their weave state commit together, a group at a
		// time: no article is ever stored but unwoven.
		p.Commit = func(ctx context.Context, as []*newsweave.Article) ([]bool, error, error) {
			return db.PutArticlesWoven(ctx, as, w)
		}
		p.Prepare = w.Prepare // text evidence on the parallel workers
		return w.Close, nil
	}
	register(&command{name: "cluster", args: "--in DOCS.jsonl [--out ASSIGN.jsonl] [--no-revise]",
		summary: "cluster a JSONL file offline (fresh in-memory state): duplicates, events, storylines",
		run:     runCluster})
	register(&command{name: "eval cluster", args: "--in DOCS.jsonl [--gold-field event] [--story-field topic] [--baseline] [--heldout topic] [--learn FILE] [--no-revise]",
		summary: "B-cubed precision/recall/F1 of event clustering against gold labels",
		run:     runEvalCluster})
	register(&command{name: "storylines", args: "[--db FILE] [--json] [--min N]",
		summary: "list storylines, largest first",
		run:     runStorylines})
	register(&command{name: "timeline", args: "STORYLINE_ID [--db FILE] [--json]",
		summary: "a storyline's events in chronological order",
		run:     runTimeline})
	register(&command{name: "events", args: "[--db FILE] [--limit N] [--json] [--explain EVENT_ID]",
		summary: "list events (clusters), newest first, or explain one event's assignments",
		run:     runEvents})
	register(&command{name: "duplicates", args: "[--db FILE] [--json]",
		summary: "list near-duplicate copies and same-agency reports",
		run:     runDuplicates})
}

// readDocs reads the offline JSONL contract: id, text and optionally title,
// lang, date, url; the whole line is kept for gold fields. Bad lines are
// reported and skipped.
func readClusterDocs(path string, stdin io.Reader, stderr io.Writer) (docs []cluster.Doc, lines []map[string]any, bad int, err error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, 0, err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			fmt.Fprintf(stderr, "%s:%d: bad JSON: %v\n", path, n, err)
			bad++
			continue
		}
		d := cluster.Doc{ID: wvStr(m["id"]), Text: wvStr(m["text"]), Title: wvStr(m["title"]), Lang: wvStr(m["lang"]), Date: wvStr(m["date"]), URL: wvStr(m["url"])}
		if strings.TrimSpace(d.Text) == "" && strings.TrimSpace(d.Title) == "" {
			fmt.Fprintf(stderr, "%s:%d: no text\n", path, n)
			bad++
			continue
		}
		docs = append(docs, d)
		lines = append(lines, m)
	}
	if err := sc.Err(); err != nil {
		return docs, lines, bad, fmt.Errorf("%s: %w", path, err)
	}
	return docs, lines, bad, nil
}

func wvStr(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprint(x)
	default:
		return fmt.Sprint(x)
	}
}

// analyzeDocs turns docs into analysed articles (language, entities, times,
// events) on all cores; weaving then runs in file order.
func analyzeClusterDocs(docs []cluster.Doc, noAnalyze bool) ([]*newsweave.Article, error) {
	arts := make([]*newsweave.Article, len(docs))
	for i := range docs {
		arts[i] = docs[i].Article()
	}
	if noAnalyze {
		return arts, nil
	}
	return arts, analyzeArticles(arts)
}

// analyzeArticles detects the language of articles that have none and
// analyses them (entities, times, events) on all cores.
func analyzeArticles(arts []*newsweave.Article) error {
	an, err := analyze.Default()
	if err != nil {
		return fmt.Errorf("load analysis models: %w", err)
	}
	det := lang.Default()
	var wg sync.WaitGroup
	next := make(chan *newsweave.Article)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if a.Lang == "" {
					a.Lang = det.Detect(a.Title + "\n" + a.Text)
				}
				an.Analyze(a)
			}
		}()
	}
	for _, a := range arts {
		next <- a
	}
	close(next)
	wg.Wait()
	return nil
}

func weaveModelOption(path string) (cluster.Options, error) {
	var o cluster.Options
	if path != "" {
		m, err := cluster.LoadModel(path)
		if err != nil {
			return o, err
		}
		o.Model = m
	}
	return o, nil
}

// clusterInput holds the flags shared by `cluster` and `eval cluster`:
// the JSONL input, the event model, analysis and the split rule.
type clusterInput struct {
	in, modelPath       *string
	noAnalyze, noRevise *bool
}

func newClusterInput(fs *flag.FlagSet, inHelp string) *clusterInput {
	return &clusterInput{
		in:        fs.String("in", "", inHelp),
		modelPath: fs.String("model", "", "event model JSON `FILE` (default: the committed model)"),
		noAnalyze: fs.Bool("no-analyze", false, "skip entity/time analysis (faster, weaker)"),
		noRevise:  noReviseFlag(fs),
	}
}

// load parses args (the input may also be the one positional argument),
// reads and analyses the documents and returns the weave options.
func (ci *clusterInput) load(fs *flag.FlagSet, env *cliEnv, args []string) (opt cluster.Options, docs []cluster.Doc, lines []map[string]any, arts []*newsweave.Article, bad int, err error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return opt, nil, nil, nil, 0, err
	}
	if *ci.in == "" && len(pos) == 1 {
		*ci.in = pos[0]
	} else if len(pos) > 0 {
		return opt, nil, nil, nil, 0, fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if *ci.in == "" {
		return opt, nil, nil, nil, 0, fmt.Errorf("%w: --in is required", errUsage)
	}
	if opt, err = weaveModelOption(*ci.modelPath); err != nil {
		return opt, nil, nil, nil, 0, err
	}
	opt.NoRevise = *ci.noRevise
	if docs, lines, bad, err = readClusterDocs(*ci.in, env.stdin, env.stderr); err != nil {
		return opt, nil, nil, nil, 0, err
	}
	if len(docs) == 0 {
		return opt, nil, nil, nil, bad, errors.New("no documents")
	}
	arts, err = analyzeClusterDocs(docs, *ci.noAnalyze)
	return opt, docs, lines, arts, bad, err
}

func runCluster(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "cluster", "--in DOCS.jsonl [--out ASSIGN.jsonl] [--no-revise]")
	ci := newClusterInput(fs, "input JSONL `FILE` (id, text; optional title, lang, date, url); - = stdin")
	out := fs.String("out", "-", "output JSONL `FILE` (- = stdout)")
	opt, docs, _, arts, bad, err := ci.load(fs, env, args)
	if err != nil {
		return err
	}
	recs, _, err := cluster.Run(ctx, arts, opt)
	if err != nil {
		return err
	}
	var w io.Writer = env.stdout
	if *out != "-" && *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for i, r := range recs {
		var dup any
		if r.DuplicateOf != "" {
			dup = r.DuplicateOf
		}
		if err := enc.Encode(map[string]any{"id": docs[i].ID, "event": r.Event, "storyline": r.Storyline, "duplicate_of": dup}); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "%d articles, %d events, %d storylines\n", len(recs), cluster.ClusterCount(cluster.Events(recs)), cluster.ClusterCount(cluster.Storylines(recs)))
	if bad > 0 {
		return fmt.Errorf("%w: %d bad lines skipped", errPartial, bad)
	}
	return nil
}

func runEvalCluster(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "eval cluster", "--in DOCS.jsonl [--gold-field event] [--story-field topic] [--baseline] [--heldout topic] [--learn FILE] [--no-revise]")
	ci := newClusterInput(fs, "labelled JSONL `FILE`")
	goldField := fs.String("gold-field", "event", "JSON field with the gold event `NAME`")
	baseline := fs.Bool("baseline", false, "also measure a plain TF-IDF single-pass clusterer")
	heldout := fs.String("heldout", "", "report held-out figures: split by this group `FIELD` (e.g. topic) in two halves, learn on one, test on the other, both ways")
	learn := fs.String("learn", "", "learn the event model on all of the input and write it to `FILE`")
	storyField := fs.String("story-field", "", "also score storylines against the gold storyline in JSON field `NAME` (e.g. topic) at each storyline threshold; with --learn the best threshold goes into the model")
	opt, docs, lines, arts, _, err := ci.load(fs, env, args)
	if err != nil {
		return err
	}
	gold := make([]string, len(docs))
	for i, m := range lines {
		g, ok := m[*goldField]
		if !ok {
			return fmt.Errorf("%s: line for %q has no %q field", *ci.in, docs[i].ID, *goldField)
		}
		gold[i] = wvStr(g)
	}
	var stories []string
	if *storyField != "" {
		for i, m := range lines {
			g, ok := m[*storyField]
			if !ok {
				return fmt.Errorf("%s: line for %q has no %q field", *ci.in, docs[i].ID, *storyField)
			}
			stories = append(stories, wvStr(g))
		}
	}
	out := env.stdout
	report := func(name string, pred, gold []string) {
		p, r, f := cluster.BCubed(pred, gold)
		fmt.Fprintf(out, "%-28s B3 P %.3f  R %.3f  F1 %.3f  clusters %d (gold %d, docs %d)\n", name, p, r, f,
			cluster.ClusterCount(pred), cluster.ClusterCount(gold), len(gold))
	}
	if *learn != "" {
		m, err := cluster.Learn(ctx, arts, gold, opt)
		if err != nil {
			return err
		}
		if stories != nil {
			opt.Model = m
			best, _, err := cluster.TuneStoryThreshold(ctx, arts, stories, opt)
			if err != nil {
				return err
			}
			m.StoryThreshold = best.Threshold
		}
		if err := cluster.WriteModel(*learn, m); err != nil {
			return err
		}
		fmt.Fprintf(out, "model written to %s: %s (%s)\n", *learn, m.Describe(), m.Note)
		opt.Model = m
	}
	recs, _, err := cluster.Run(ctx, arts, opt)
	if err != nil {
		return err
	}
	report("weave (all, in-sample)", cluster.Events(recs), gold)
	if stories != nil {
		m := opt.Model
		if len(m.Weights) == 0 {
			m = cluster.DefaultModel()
		}
		report(fmt.Sprintf("storylines (threshold %.2f)", m.StoryThreshold), cluster.Storylines(recs), stories)
		best, levels, err := cluster.TuneStoryThreshold(ctx, arts, stories, opt)
		if err != nil {
			return err
		}
		for _, l := range levels {
			mark := ""
			if l.Threshold == best.Threshold {
				mark = "  ← best (precision ≥ 0.99 first)"
			}
			fmt.Fprintf(out, "  storyline threshold %.2f   B3 P %.3f  R %.3f  F1 %.3f  storylines %d%s\n", l.Threshold, l.P, l.R, l.F1, l.Storylines, mark)
		}
	}
	if *baseline {
		bestF, bestT := -1.0, 0.0
		for t := 0.05; t < 0.8; t += 0.05 {
			_, _, f := cluster.BCubed(cluster.Baseline(arts, t), gold)
			if f > bestF {
				bestF, bestT = f, t
			}
		}
		report(fmt.Sprintf("baseline tf-idf (t=%.2f)", bestT), cluster.Baseline(arts, bestT), gold)
	}
	if *heldout != "" {
		groups := make([]string, len(docs))
		for i, m := range lines {
			groups[i] = wvStr(m[*heldout])
		}
		a, b := cluster.SplitHalves(groups)
		var allPred, allGold []string
		var halfF [2]float64
		for k, pair := range [][2][]int{{a, b}, {b, a}} {
			trainA, trainG := wvPick(arts, gold, pair[0])
			testA, testG := wvPick(arts, gold, pair[1])
			m, err := cluster.Learn(ctx, trainA, trainG, cluster.Options{NoRevise: opt.NoRevise})
			if err != nil {
				return err
			}
			recs, _, err := cluster.Run(ctx, testA, cluster.Options{Model: m, NoRevise: opt.NoRevise})
			if err != nil {
				return err
			}
			pred := cluster.Events(recs)
			report(fmt.Sprintf("weave held-out half %d", k+1), pred, testG)
			_, _, halfF[k] = cluster.BCubed(pred, testG)
			if *baseline {
				// Baseline threshold tuned on the train half too.
				bestF, bestT := -1.0, 0.0
				for t := 0.05; t < 0.8; t += 0.05 {
					_, _, f := cluster.BCubed(cluster.Baseline(trainA, t), trainG)
					if f > bestF {
						bestF, bestT = f, t
					}
				}
				report(fmt.Sprintf("baseline held-out half %d", k+1), cluster.Baseline(testA, bestT), testG)
			}
			for i := range pred {
				allPred = append(allPred, fmt.Sprintf("%d/%s", k, pred[i]))
				allGold = append(allGold, testG[i])
			}
		}
		report("weave held-out (both)", allPred, allGold)
		fmt.Fprintf(out, "%-28s F1 %.3f\n", "weave held-out mean of halves", (halfF[0]+halfF[1])/2)
	}
	return nil
}

func wvPick(arts []*newsweave.Article, gold []string, idx []int) ([]*newsweave.Article, []string) {
	a := make([]*newsweave.Article, len(idx))
	g := make([]string, len(idx))
	for i, j := range idx {
		// Copy: weaving must not see state from the other half.
		c := *arts[j]
		a[i], g[i] = &c, gold[j]
	}
	return a, g
}

func openWeaveStore(path string) (*sqlite.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no store at %s (run newsweave ingest first)", path)
	}
	return openStore(path)
}

func runStorylines(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "storylines", "[--db FILE] [--json] [--min N]")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	minEvents := fs.Int("min", 1, "only storylines with at least `N` events")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	st, err := openWeaveStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	sls, err := st.Storylines(ctx)
	if err != nil {
		return err
	}
	var keep []newsweave.Storyline
	for _, s := range sls {
		if len(s.Events) >= *minEvents {
			keep = append(keep, s)
		}
	}
	if *asJSON {
		return weaveJSON(env.stdout, keep)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STORYLINE\tEVENTS\tSTART\tEND\tACTORS\tTITLE")
	for _, s := range keep {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", s.ID, len(s.Events), wvDash(s.Start), wvDash(s.End),
			wvClip(strings.Join(wvNames(s.ActorNames, s.Actors), ", "), 40), wvClip(s.Title, 70))
	}
	return tw.Flush()
}

func runTimeline(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "timeline", "STORYLINE_ID [--db FILE] [--json]")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need exactly one STORYLINE_ID", errUsage)
	}
	st, err := openWeaveStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	s, cs, err := st.Storyline(ctx, pos[0])
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no storyline %q (see newsweave storylines)", pos[0])
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return weaveJSON(env.stdout, map[string]any{"storyline": s, "events": cs})
	}
	fmt.Fprintf(env.stdout, "%s  %s  (%s – %s)\n", s.ID, s.Title, wvDash(s.Start), wvDash(s.End))
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tEVENT\tARTICLES\tOUTLETS\tACTORS\tTITLE")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", wvDash(c.Date), c.ID, len(c.Articles), wvClip(strings.Join(c.Outlets, ", "), 30),
			wvClip(strings.Join(wvNames(c.ActorNames, c.Actors), ", "), 40), wvClip(c.Title, 70))
	}
	return tw.Flush()
}

func runEvents(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "events", "[--db FILE] [--limit N] [--json] [--explain EVENT_ID]")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "show at most `N` events (0 = all)")
	explain := fs.String("explain", "", "show each article's assignment decision and score for `EVENT_ID`")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	st, err := openWeaveStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	if *explain != "" {
		c, err := st.Event(ctx, *explain)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no event %q (see newsweave events)", *explain)
		}
		if err != nil {
			return err
		}
		ds, err := st.WeaveDecisions(ctx, c.ID)
		if err != nil {
			return err
		}
		ms, err := st.WeaveMerges(ctx, c.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			return weaveJSON(env.stdout, map[string]any{"event": c, "decisions": ds, "merges": ms})
		}
		fmt.Fprintf(env.stdout, "%s  %s  (%s, storyline %s)\n", c.ID, c.Title, wvDash(c.Date), c.StorylineID)
		tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SEQ\tARTICLE\tDECISION\tSCORE\tDAY\tSOURCE\tTITLE")
		for _, d := range ds {
			how := "joined"
			switch {
			case d.DuplicateOf != "":
				how = fmt.Sprintf("copy of %s (J=%.2f)", d.DuplicateOf, d.DuplicateScore)
			case d.NewEvent:
				how = "opened"
			}
			if d.AgencyOf != "" {
				how += fmt.Sprintf(", %s story as %s", d.Agency, d.AgencyOf)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%.3f\t%s\t%s\t%s\n", d.Seq, d.ArticleID, how, d.EventScore, wvDash(d.Day), wvDash(d.Source), wvClip(d.Title, 60))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, m := range ms {
			switch {
			case m.Kind == "split" && m.From == c.ID:
				fmt.Fprintf(env.stdout, "seq %d: split, articles moved out to %s (separation %.3f)\n", m.Seq, m.Into, m.Score)
			case m.Kind == "split":
				fmt.Fprintf(env.stdout, "seq %d: split off %s (separation %.3f); its decisions above were made in %s\n", m.Seq, m.From, m.Score, m.From)
			case m.Kind == "event" && m.Into == c.ID:
				fmt.Fprintf(env.stdout, "seq %d: merged %s into it (score %.3f)\n", m.Seq, m.From, m.Score)
			}
		}
		return nil
	}
	cs, err := st.Events(ctx, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return weaveJSON(env.stdout, cs)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tEVENT\tSTORYLINE\tARTICLES\tOUTLETS\tTITLE")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", wvDash(c.Date), c.ID, c.StorylineID, len(c.Articles), wvClip(strings.Join(c.Outlets, ", "), 30), wvClip(c.Title, 70))
	}
	return tw.Flush()
}

func runDuplicates(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "duplicates", "[--db FILE] [--json]")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	st, err := openWeaveStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ds, err := st.Duplicates(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return weaveJSON(env.stdout, ds)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tORIGINAL\tKIND\tSCORE")
	for _, d := range ds {
		kind := d.Kind
		if d.Agency != "" {
			kind += " (" + d.Agency + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\n", d.Article, d.Original, kind, d.Score)
	}
	return tw.Flush()
}

func weaveJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func wvDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func wvClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func wvNames(display, ids []string) []string {
	if len(display) == len(ids) && len(display) > 0 {
		return display
	}
	return ids
}
