package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tickforge/tickforge/bots"
	"github.com/tickforge/tickforge/sim/server"
)

func TestBotsList(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"bots", "--list"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, name := range bots.Names() {
		if !strings.Contains(out.String(), name) {
			t.Errorf("--list lacks %s:\n%s", name, out.String())
		}
	}
	if !strings.Contains(out.String(), "speedhack  cheater") {
		t.Errorf("--list does not mark cheaters:\n%s", out.String())
	}
}

func TestBotsUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"bots", "--script", "moonwalk"}, "unknown script"},
		{[]string{"bots", "--n", "3", "--script", "wander=5"}, "more than the 3 bots"},
		{[]string{"bots", "--duration", "0s"}, "duration"},
		{[]string{"bots", "--ramp", "1m", "--duration", "1s"}, "ramp"},
		{[]string{"bots", "extra"}, "unexpected argument"},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), tc.args, &out, &errOut); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", tc.args, code, exitUsage)
		}
		if !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errOut.String(), tc.want)
		}
	}
}

// TestBotsAgainstServer runs the command against an in-process server on
// loopback and reads its JSON report and progress lines.
func TestBotsAgainstServer(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	srv, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	}()

	var out, errOut bytes.Buffer
	args := []string{"bots", "--addr", srv.Addr().String(), "--n", "4", "--script", "wander,chatter=1",
		"--duration", "1500ms", "--ramp", "0s", "--progress", "300ms", "--json"}
	if code := run(context.Background(), args, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var rep bots.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out.String())
	}
	tot := rep.Total
	if tot.Bots != 4 || tot.Connected != 4 || tot.InputsSent == 0 || tot.Updates == 0 || len(tot.Disconnects) != 0 {
		t.Fatalf("total %+v", tot)
	}
	// the server knows no "ping": an unknown-command reply still confirms delivery
	if tot.ReliableSent == 0 || tot.ReliableConfirmed != tot.ReliableSent {
		t.Fatalf("reliable sent %d confirmed %d", tot.ReliableSent, tot.ReliableConfirmed)
	}
	if n := strings.Count(errOut.String(), "connected 4/4"); n == 0 {
		t.Fatalf("no progress line with all bots connected:\n%s", errOut.String())
	}
	if rep.Bots != nil {
		t.Fatal("per-bot rows without --per-bot")
	}

	out.Reset()
	// no --ramp: the default 5 s shrinks to a quarter of the duration
	args = []string{"bots", "--addr", srv.Addr().String(), "--n", "2", "--duration", "400ms", "--progress", "0s"}
	if code := run(context.Background(), args, &out, &errOut); code != exitOK {
		t.Fatalf("table run: exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"script", "wander", "total", "elapsed"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("table lacks %q:\n%s", want, out.String())
		}
	}
}
