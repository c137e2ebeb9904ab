package bots_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/bots"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim/server"
)

// TestDenseRoomEveryBotKeepsReceiving puts 40 bots on one spawn point, so
// the GameStateSync that welcomes the n-th joiner holds n records
// (15 + 48n bytes), crossing the 1024-byte fragment size, and checks that
// every bot keeps receiving updates and command replies.
//
// The 21st joiner's welcome sync is 1023 bytes; a reliable message of
// 1013–1024 bytes used to be undeliverable and block everything behind it
// on the ordered channel. This test caught that transport bug.
func TestDenseRoomEveryBotKeepsReceiving(t *testing.T) {
	h := startInProcess(t, func(c *server.Config) {
		c.SpawnPoint = func(uint64, uint32) mgl32.Vec3 { return mgl32.Vec3{500, 0, 500} }
	})
	mix, err := bots.ParseMix("circle,chatter=10", 40)
	if err != nil {
		t.Fatal(err)
	}
	sim := ecs.DefaultConfig()
	r, err := bots.NewRunner(bots.Config{
		Addr: h.addr, Mix: mix, Dial: bots.NetDialer(h.netConfig()), Room: 1,
		Duration: 3 * time.Second, Ramp: time.Second, Seed: 3,
		Limits: bots.Limits{MaxSpeed: sim.MaxPositionDelta, AOIRadius: sim.AOIRadius,
			WorldMin: bots.Vec3(sim.WorldMin), WorldMax: bots.Vec3(sim.WorldMax)},
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := r.Run(context.Background())
	var most uint64
	for _, b := range rep.Bots {
		most = max(most, b.Updates)
	}
	for _, b := range rep.Bots {
		if !b.Connected || b.Updates < most/4 || b.ReliableConfirmed != b.ReliableSent || b.Disconnect != "" {
			t.Errorf("bot %d (%s, user %d): %d updates (best bot %d), reliable %d/%d, ended %q",
				b.Index, b.Script, b.UserID, b.Updates, most, b.ReliableConfirmed, b.ReliableSent, b.Disconnect)
		}
	}
}
