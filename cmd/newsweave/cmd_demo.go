package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsweave/newsweave/demo"
)

func init() {
	register(&command{
		name:    "demo",
		args:    "[--db FILE]",
		summary: "run the main job on the embedded synthetic demo corpus: ingest, weave, show storylines and timelines",
		run:     runDemo,
	})
}

// runDemo is the main job end to end on the shipped corpus. It goes through
// the same commands a user would type (ingest, storylines, timeline,
// duplicates), so the demo shows exactly what the CLI does.
func runDemo(ctx context.Context, env *cliEnv, args []string) error {
	fset := newFlagSet(env, "demo", "[--db FILE]\n\n"+
		"Writes the embedded synthetic demo corpus (45 invented German and English articles, 5 storylines,\n"+
		"text dumps with boilerplate, HTML pages and a JSONL feed) to a temporary folder, ingests it into\n"+
		"the store, and prints the storylines, each storyline's timeline and the near-duplicates found.\n"+
		"Afterwards browse it with: newsweave serve --db FILE --insecure-local")
	db := fset.String("db", "demo.db", "SQLite store `FILE` for the demo")
	if err := parseFlagsOnly(fset, args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "newsweave-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	n, err := writeFS(demo.FS(), dir)
	if err != nil {
		return fmt.Errorf("unpack demo corpus: %w", err)
	}
	fmt.Fprintf(env.stdout, "== newsweave demo: %d synthetic corpus files → %s\n\n", n, *db)
	if *db, err = filepath.Abs(*db); err != nil {
		return err
	}
	// Ingest from inside the unpacked corpus so articles record their
	// corpus-relative path ("vogtland-flood/…txt"), not a temp directory.
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(dir); err != nil {
		return err
	}
	err = runIngest(ctx, env, []string{"--db", *db, "--no-progress", "."})
	if cerr := os.Chdir(wd); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "\n== storylines (with at least two events)")
	if err := runStorylines(ctx, env, []string{"--db", *db, "--min", "2"}); err != nil {
		return err
	}
	sls, err := demoStorylineIDs(ctx, *db)
	if err != nil {
		return err
	}
	for _, id := range sls {
		fmt.Fprintf(env.stdout, "\n== timeline %s\n", id)
		if err := runTimeline(ctx, env, []string{"--db", *db, id}); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.stdout, "\n== near-duplicates (syndicated agency copies)")
	if err := runDuplicates(ctx, env, []string{"--db", *db}); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "\nBrowse: newsweave serve --db %s --insecure-local   (then open http://127.0.0.1:8080/)\n", *db)
	return nil
}

// demoStorylineIDs lists the storylines with at least two events.
func demoStorylineIDs(ctx context.Context, db string) ([]string, error) {
	st, err := openWeaveStore(db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sls, err := st.Storylines(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, s := range sls {
		if len(s.Events) >= 2 {
			ids = append(ids, s.ID)
		}
	}
	return ids, nil
}

// writeFS copies every regular file of fsys below dir, returning the count.
func writeFS(fsys fs.FS, dir string) (int, error) {
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(dst, b, 0o644)
	})
	return n, err
}
