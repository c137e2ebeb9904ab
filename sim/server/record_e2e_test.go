package server_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/sim/server"
	"github.com/tickforge/tickforge/systems/actions"
)

// registerHurt adds the "hurt" command: it takes 7 HP from the sender, a
// state change made by a game handler outside ingest and actions.
func registerHurt(t *testing.T, s *server.Server) {
	t.Helper()
	err := s.HandleCommand("hurt", func(ctx *server.Context, _ []byte) (wire.ReplyStatus, []byte) {
		e, ok := ctx.Entity()
		if !ok {
			return wire.StatusFailed, nil
		}
		ctx.World().Healths.Get(e).HP -= 7
		return wire.StatusOK, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLiveSessionRecordingReplays records a live session over loopback UDP
// in two rooms — joins, honest moves, a Move action, an attack, a cast, a
// game command that changes HP, a teleporting cheater who is kicked, a
// player who leaves — then replays each room's file without sockets and
// checks every tick's hash.
func TestLiveSessionRecordingReplays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.tfr")
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	cfg.Endpoint.Listener.MaxConnsPerAddr = 64
	cfg.Sim.StrikeLimit = 5
	cfg.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 { return spawns[uid] }
	cfg.Record = server.RecordFiles(path)
	cfg.RecordOptions = record.Options{ChunkTicks: 30, SnapshotEvery: 1} // a diff at whichever tick diverges
	s, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	registerHurt(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			if err := <-done; err != nil {
				t.Errorf("server run: %v", err)
			}
		}
	}
	t.Cleanup(stop)

	a := dial(t, s, 1, 3)
	b := dial(t, s, 4, 3) // one unit from a: in attack range
	c := dial(t, s, 2, 3)
	cheat := dial(t, s, 5, 3)
	other := dial(t, s, 3, 8) // a second room, a second file
	eventually(t, 2*time.Second, "a sees b", func() bool { _, ok := a.Entity(4); return ok })
	time.Sleep(300 * time.Millisecond) // let the spawn anchors age

	x := float32(110)
	for i := 0; i < 5; i++ { // honest steps, 1 unit per 50 ms
		x++
		c.SendPosition([3]float32{x, 0, 100}, identity, [3]float32{})
		other.SendPosition([3]float32{600, 0, 600 + float32(i)}, identity, [3]float32{})
		time.Sleep(50 * time.Millisecond)
	}
	a.SendAction(wire.PlayerAction{Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 4, Damage: 30}})
	a.SendAction(wire.PlayerAction{Kind: wire.ActionCast, Cast: wire.Cast{SkillID: 2, TargetPos: [3]float32{105, 0, 100}}})
	b.SendAction(wire.PlayerAction{Kind: wire.ActionMove, Move: wire.Move{Direction: [3]float32{1, 0, 0}, Speed: 5}})
	cctx, ccancel := context.WithTimeout(context.Background(), 3*time.Second)
	reply, err := c.Command(cctx, "hurt", nil)
	ccancel()
	if err != nil || reply.Status != wire.StatusOK {
		t.Fatalf("hurt command: %+v, %v", reply, err)
	}
	teleportUntilKicked(t, cheat)
	eventually(t, 2*time.Second, "attack and cast applied", func() bool { return s.Stats().Actions[actions.Applied] >= 3 })
	c.Close() // c leaves
	eventually(t, 2*time.Second, "c's and the cheater's leaves", func() bool { return s.Stats().Leaves >= 2 })
	time.Sleep(100 * time.Millisecond)
	stop()

	st := s.Stats()
	if st.CheatKicks != 1 || st.Cheat[ecs.ReasonSpeed] < 5 || st.Commands[wire.StatusOK] != 1 {
		t.Fatalf("live session: kicks %d, speed rejections %d, commands %v", st.CheatKicks, st.Cheat[ecs.ReasonSpeed], st.Commands)
	}
	for _, room := range []uint32{3, 8} {
		name := server.RecordFileName(path, room, 1)
		res := replayRoom(t, name, record.ReplayOptions{})
		t.Logf("room %d: %d ticks, %d actions, %d events, %d players at most", room, res.ticks, res.actions, res.events, res.maxPlayers)
		if res.ticks < 30 {
			t.Fatalf("room %d: only %d ticks replayed", room, res.ticks)
		}
		if room == 3 && (res.actions < 3 || res.events != 1 || res.maxPlayers != 4) {
			t.Fatalf("room 3: %d actions, %d events, %d players at most; want ≥ 3, 1, 4", res.actions, res.events, res.maxPlayers)
		}
		// Broadcast kept: the same hashes (broadcast writes no state); and
		// decoded ahead, the app records copied out of the reader's chunk.
		if kept := replayRoom(t, name, record.ReplayOptions{KeepBroadcast: true, DecodeAhead: true}); kept != res {
			t.Fatalf("room %d with broadcast, decoded ahead: %+v, plain %+v", room, kept, res)
		}
	}
	// Without the room's systems the attack and the command are lost: the
	// engine-only replay must diverge, or the test proves nothing.
	f, err := os.Open(server.RecordFileName(path, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := record.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	rp, err := record.NewReplayer(rd, record.ReplayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var div *record.Divergence
	for err == nil {
		_, err = rp.Step()
	}
	if !errors.As(err, &div) {
		t.Fatalf("engine-only replay: %v, want a divergence", err)
	}
	if div.DiffTick != div.Tick || len(div.Diff) == 0 {
		t.Fatalf("divergence at tick %d without an entity diff (diff tick %d)", div.Tick, div.DiffTick)
	}
	t.Logf("engine-only replay diverges as it should: %v; %s", div, div.Diff[0].String())
}

type replayResult struct {
	ticks, actions, events uint64
	maxPlayers             int
}

// replayRoom replays a room recording on a socketless server with the same
// handlers and fails the test on any error but the clean end.
func replayRoom(t *testing.T, name string, opts record.ReplayOptions) replayResult {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := record.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if m := rd.Header().Meta; m.Source != "serve" || len(m.App) == 0 {
		t.Fatalf("%s: header meta %+v", name, m)
	}
	srv, err := server.NewWithTransport(server.DefaultConfig(), server.DiscardTransport{})
	if err != nil {
		t.Fatal(err)
	}
	registerHurt(t, srv)
	var res replayResult
	opts.BeforeTick = func(_ *sim.Pipeline, tk *record.Tick) {
		for _, a := range tk.App {
			switch a.Channel {
			case server.AppChannelAction:
				res.actions++
			case server.AppChannelEvent:
				res.events++
			}
		}
	}
	rp, err := srv.NewReplayer(rd, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer rp.Close()
	for {
		_, err := rp.Step()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: after %d ticks: %v", name, res.ticks, err)
		}
		res.ticks++
		res.maxPlayers = max(res.maxPlayers, rp.Pipeline().World.PlayerCount())
	}
	if end, ok := rd.End(); !ok || end.Reason != record.EndClosed || end.LastTick != res.ticks {
		t.Fatalf("%s: end %+v %v after %d ticks", name, end, ok, res.ticks)
	}
	return res
}
