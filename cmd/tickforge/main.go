// Command tickforge is the authoritative simulation server and its tools:
//
//	tickforge serve    run the headless authoritative server
//	tickforge bench    run the tick pipeline on a synthetic scenario and report the tick budget
//	tickforge replay   re-simulate a recording tick by tick and verify every state hash
//	tickforge bots     connect scripted Lua bot clients to a server and report what they saw
//
// Run `tickforge COMMAND -h` for a command's flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand of tickforge.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"serve", "run the headless authoritative server", runServe},
	{"bench", "run the tick pipeline on a synthetic scenario and report the tick budget per system", runBench},
	{"replay", "re-simulate a recording tick by tick and verify every state hash", runReplay},
	{"bots", "connect scripted Lua bot clients to a server and report what they saw", runBots},
}

// errUsage marks errors caused by bad command-line input.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "tickforge %s: %v\n", c.name, err)
			return exitUsage
		default:
			fmt.Fprintf(stderr, "tickforge %s: %v\n", c.name, err)
			return exitError
		}
	}
	fmt.Fprintf(stderr, "tickforge: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: tickforge COMMAND [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'tickforge COMMAND -h' for a command's flags.")
}
