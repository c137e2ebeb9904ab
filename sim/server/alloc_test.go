package server_test

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// TestPerMessagePathAllocatesNothing: decoding and routing a
// PositionUpdate, a PlayerAction and a MediaStream on the network goroutine
// allocates nothing once the buffer free list is warm.
func TestPerMessagePathAllocatesNothing(t *testing.T) {
	_, tr, h := headless(t, nil)
	join(t, h, tr, 1, 1, 1)
	msgs := [][]byte{
		wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 1, Position: [3]float32{100, 0, 100}, Rotation: [4]float32{0, 0, 0, 1}}),
		wire.AppendPlayerAction(nil, &wire.PlayerAction{UserID: 1, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: 1}}),
		wire.AppendMediaStream(nil, &wire.MediaStream{StreamID: 1, FrameType: wire.FrameAudio, FrameData: make([]byte, 200)}),
	}
	for _, m := range msgs {
		for i := 0; i < 400; i++ { // warm the free list: the room recycles these next tick
			h.OnMessage(1, rudp.Unreliable, m)
		}
		time.Sleep(50 * time.Millisecond)
		if n := testing.AllocsPerRun(200, func() { h.OnMessage(1, rudp.Unreliable, m) }); n != 0 {
			t.Errorf("%v: %v allocations per message", wire.Type(m[0]), n)
		}
	}
}
