// Command newsweave is the news story engine: it ingests raw crawled news,
// extracts clean articles, analyses entities, dates and events, compares
// articles, weaves them into events and storylines, and serves the result.
//
// Each sub-command lives in its own file and registers itself in init, so
// the stages stay independent.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one CLI sub-command ("ingest") or sub-sub-command ("eval ner").
type command struct {
	name    string // full name, e.g. "eval ner"
	args    string // argument synopsis for help
	summary string // one line
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv carries the process streams so commands are testable.
type cliEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("duplicate command " + c.name)
	}
	commands[c.name] = c
}

// errUsage marks errors caused by wrong arguments (exit code 2).
var errUsage = errors.New("usage")

// errPartial marks a batch that completed with some failed inputs (exit 1
// after the whole batch has been processed).
var errPartial = errors.New("some inputs failed")

func main() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	ctx := onSignals(context.Background(), sig, os.Stderr, os.Exit)
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(ctx, env, os.Args[1:]))
}

// onSignals returns a context cancelled by the first signal on sig, so
// commands that watch it (ingest, serve, bench) finish what is committed and
// stop cleanly. Long computations that cannot stop midway (training,
// evaluations) keep running, so a second signal exits at once with status
// 130, as a user pressing Ctrl-C twice expects.
func onSignals(parent context.Context, sig <-chan os.Signal, stderr io.Writer, exit func(int)) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		select {
		case s := <-sig:
			fmt.Fprintf(stderr, "newsweave: %v: stopping (send it again to quit at once)\n", s)
			cancel()
		case <-parent.Done():
			cancel()
			return
		}
		if s, ok := <-sig; ok {
			fmt.Fprintf(stderr, "newsweave: %v again: quitting\n", s)
			exit(130)
		}
	}()
	return ctx
}

func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c := lookup(args[1:]); c != nil {
				fmt.Fprintf(env.stdout, "usage: newsweave %s %s\n\n%s\n", c.name, c.args, c.summary)
				return 0
			}
		}
		usage(env.stdout)
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(env.stdout, "newsweave", version)
		return 0
	}
	c, rest := resolve(args)
	if c == nil {
		if subs := subcommands(args[0]); len(subs) > 0 {
			fmt.Fprintf(env.stderr, "newsweave %s: name one of: %s\n", args[0], strings.Join(subs, ", "))
			return 2
		}
		fmt.Fprintf(env.stderr, "newsweave: unknown command %q (see newsweave --help)\n", strings.Join(args[:min(2, len(args))], " "))
		return 2
	}
	err := c.run(ctx, env, rest)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.stderr, "newsweave %s: %v\nusage: newsweave %s %s\n", c.name, err, c.name, c.args)
		return 2
	case errors.Is(err, errPartial):
		fmt.Fprintf(env.stderr, "newsweave %s: %v\n", c.name, err)
		return 1
	default:
		fmt.Fprintf(env.stderr, "newsweave %s: %v\n", c.name, err)
		return 1
	}
}

// resolve finds the longest registered command name that prefixes args.
func resolve(args []string) (*command, []string) {
	if len(args) >= 2 {
		if c := commands[args[0]+" "+args[1]]; c != nil {
			return c, args[2:]
		}
	}
	if c := commands[args[0]]; c != nil {
		return c, args[1:]
	}
	return nil, nil
}

// subcommands lists the commands of a group ("eval" → "eval cluster", …).
func subcommands(group string) []string {
	var out []string
	for n := range commands {
		if strings.HasPrefix(n, group+" ") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func lookup(args []string) *command {
	c, _ := resolve(args)
	return c
}

const version = "0.1.0"

func usage(w io.Writer) {
	fmt.Fprintln(w, `newsweave — news story engine: ingest, extract, analyse, compare, weave, serve.

usage: newsweave COMMAND [flags] [args]

commands:`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-18s %s\n", n, c.summary)
	}
	fmt.Fprintln(w, `
Run "newsweave COMMAND --help" for the flags of a command.
The default store is newsweave.db (SQLite) in the current directory; --db FILE changes it.`)
}

// newFlagSet returns a flag set that prints its usage to env.stderr and
// reports errors instead of exiting.
func newFlagSet(env *cliEnv, c string, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "usage: newsweave %s %s\n\nflags:\n", c, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed parses flags that may appear before or after positional
// arguments ("ingest a.txt --db x.db"), returning the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "-" || !strings.HasPrefix(args[0], "-") {
			pos = append(pos, args[0])
			args = args[1:]
			if len(args) == 0 {
				return pos, nil
			}
			continue
		}
	}
}

// parseFlagsOnly parses flags for commands that take no positional
// arguments and refuses any that are given.
func parseFlagsOnly(fs *flag.FlagSet, args []string) error {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	return nil
}
