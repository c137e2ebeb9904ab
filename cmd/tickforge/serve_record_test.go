package main

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
)

// TestServeRecordThenReplay runs `serve` recording (TICKFORGE_RECORD) with two clients in room
// 4 — a move, an attack, a teleporting cheater kicked by the strike rule —
// stops it, and replays the room's file with `replay`.
func TestServeRecordThenReplay(t *testing.T) {
	probe, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := probe.LocalAddr().String()
	probe.Close()
	path := filepath.Join(t.TempDir(), "live.tfr")
	t.Setenv("TICKFORGE_RECORD", path) // the variable stands for --record
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	var errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--admin", "off", "--log-format", "json",
			"--strike-limit", "3", "--record-snapshots", "30"}, &out, &errOut)
	}()
	dialOne := func(uid uint64) *client.Client {
		deadline := time.Now().Add(5 * time.Second)
		for {
			dctx, dcancel := context.WithTimeout(ctx, 500*time.Millisecond)
			c, err := client.Dial(dctx, addr, uid, 4, client.Options{})
			dcancel()
			if err == nil {
				t.Cleanup(func() { c.Close() })
				return c
			}
			if time.Now().After(deadline) {
				t.Fatalf("dial %d: %v\n%s", uid, err, errOut.String())
			}
		}
	}
	a, b := dialOne(1), dialOne(2)
	time.Sleep(200 * time.Millisecond) // both spawn at the world's centre: in view and in range
	a.SendAction(wire.PlayerAction{Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 2, Damage: 25}})
	a.SendAction(wire.PlayerAction{Kind: wire.ActionMove, Move: wire.Move{Direction: [3]float32{0, 0, 1}, Speed: 3}})
	for i := 0; i < 6; i++ {
		b.SendPosition([3]float32{900, 0, 900}, [4]float32{0, 0, 0, 1}, [3]float32{})
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case <-b.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("cheater not kicked")
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("serve exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "room recording closed") {
		t.Fatalf("no recording closed in the log:\n%s", errOut.String())
	}
	code, stdout, stderr := replayCmd(t, server.RecordFileName(path, 4, 1))
	if code != exitOK {
		t.Fatalf("replay exit %d:\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{`source "serve", room 4`, "every hash matches; the recording ended (closed)", "players at most 2", "fed back 2 application records"} {
		if !strings.Contains(stdout, want) {
			t.Fatalf("replay output lacks %q:\n%s", want, stdout)
		}
	}
}
