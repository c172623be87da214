package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
	"github.com/newsweave/newsweave/compare"
	"github.com/newsweave/newsweave/extract"
)

func init() {
	register(&command{name: "train cluster", args: "[--data DIR] [--lang de] [--model FILE] [--dry-run]",
		summary: "learn the event scorer for one language from labelled article pairs (SemEval-2022 Task 8)",
		run:     runTrainCluster})
}

// trainClusterFiles are the SemEval-2022 files read by train cluster.
var trainClusterFiles = []string{"de-original.csv", "train-mt.csv"}

func runTrainCluster(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "train cluster", "[--data DIR] [--lang de] [--model FILE] [--dry-run]")
	data := fs.String("data", "", "SemEval-2022 `DIR` with de-original.csv and train-mt.csv (default ../shared/data/semeval2022)")
	langFlag := fs.String("lang", "de", "language `CODE`: pairs with both articles in it are used, and the scorer is stored under it")
	modelPath := fs.String("model", "cluster/model.json", "event model `FILE` to extend: its scorer for --lang is replaced, the rest kept")
	same := fs.Float64("same", 2, "pairs with Overall ≤ `X` (1 = same story … 4 = unrelated) report the same story")
	different := fs.Float64("different", 3, "pairs with Overall ≥ `X` do not; those in between are left out")
	folds := fs.Int("folds", 5, "cross-validation `K` (folds grouped so that no article is on both sides)")
	dry := fs.Bool("dry-run", false, "report the figures, write nothing")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *same >= *different {
		return fmt.Errorf("%w: --same must be below --different", errUsage)
	}
	if *folds < 2 {
		return fmt.Errorf("%w: --folds must be at least 2", errUsage)
	}
	dir, err := semevalDir(*data)
	if err != nil {
		return err
	}
	m := cluster.DefaultModel()
	if _, err := os.Stat(*modelPath); err == nil {
		if m, err = cluster.LoadModel(*modelPath); err != nil {
			return err
		}
	}
	start := time.Now()
	var pairs []compare.Pair
	for _, name := range trainClusterFiles {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		ps, err := compare.ReadPairs(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		bad := 0
		for _, p := range ps {
			if p.Err != nil || !p.Labeled {
				if bad == 0 {
					why := p.Err
					if why == nil {
						why = fmt.Errorf("no Overall label")
					}
					fmt.Fprintf(env.stderr, "train cluster: %s:%d: pair %q skipped: %v\n", name, p.Line, p.ID, why)
				}
				bad++
				continue
			}
			ov := p.Labels[compare.Overall]
			if p.A.Lang == *langFlag && p.B.Lang == *langFlag && (ov <= *same || ov >= *different) {
				pairs = append(pairs, p)
			}
		}
		if bad > 1 {
			fmt.Fprintf(env.stderr, "train cluster: %s: %d rows skipped in all (malformed or unlabelled)\n", name, bad)
		}
	}
	if len(pairs) == 0 {
		return fmt.Errorf("no labelled %s–%s pairs in %s", *langFlag, *langFlag, dir)
	}
	arts := make([]*newsweave.Article, 0, 2*len(pairs))
	for i := range pairs {
		for _, a := range []*newsweave.Article{&pairs[i].A, &pairs[i].B} {
			a.Title, a.Text = extract.RepairMojibake(a.Title), extract.RepairMojibake(a.Text)
			arts = append(arts, a)
		}
	}
	if err := analyzeArticles(arts); err != nil {
		return err
	}
	ids := make([]string, len(pairs))
	for i, p := range pairs {
		ids[i] = p.ID
	}
	groups := compare.ArticleGroups(ids)
	fold := compare.Folds(groups, *folds, 1)
	lp := make([]cluster.LabelledPair, len(pairs))
	nSame := 0
	for i := range pairs {
		lp[i] = cluster.LabelledPair{A: &pairs[i].A, B: &pairs[i].B, Same: pairs[i].Labels[compare.Overall] <= *same, Fold: fold[groups[i]]}
		if lp[i].Same {
			nSame++
		}
	}
	fmt.Fprintf(env.stderr, "train cluster: %d %s pairs (%d same story, Overall ≤ %g; %d not, ≥ %g), analysed in %.1fs\n",
		len(lp), *langFlag, nSame, *same, len(lp)-nSame, *different, time.Since(start).Seconds())
	// Compared against the default scorer, the one the language had before
	// it had its own.
	prior := m
	prior.Lang = nil
	fit, err := cluster.LearnPairs(ctx, lp, *folds, *langFlag, cluster.Options{Model: prior})
	if err != nil {
		return err
	}
	out := env.stdout
	fmt.Fprintf(out, "default scorer (ECB+, not trained on these pairs): %s\n", fit.Base)
	fmt.Fprintf(out, "%s scorer, %d-fold held-out:                 %s\n", *langFlag, *folds, fit.CV)
	fit.Model.Note = fmt.Sprintf("learned on %d %s pairs of SemEval-2022 (%d same story); %d-fold held-out %s", fit.Pairs, *langFlag, nSame, *folds, fit.CV)
	if *dry {
		return nil
	}
	if m.Lang == nil {
		m.Lang = map[string]cluster.LangModel{}
	}
	m.Lang[*langFlag] = fit.Model
	if err := cluster.WriteModel(*modelPath, m); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote the %s scorer (threshold %.2f) to %s (rebuild the binary to embed it)\n", *langFlag, fit.Model.Threshold, *modelPath)
	return nil
}
