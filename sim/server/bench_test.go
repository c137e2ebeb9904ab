package server_test

import (
	"testing"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// BenchmarkOnMessage measures the network goroutine's share of one message:
// decode, check and push into the room's queue. At benchmark speed the room
// (draining at 60 Hz) cannot keep up, so most iterations measure decode,
// check and the counted drop of a full queue; "dropped/msg" says how many.
func BenchmarkOnMessage(b *testing.B) {
	msgs := []struct {
		name string
		msg  []byte
	}{
		{"PositionUpdate", wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 1, Rotation: [4]float32{0, 0, 0, 1}})},
		{"PlayerAction", wire.AppendPlayerAction(nil, &wire.PlayerAction{UserID: 1, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: 1}})},
		{"MediaStream", wire.AppendMediaStream(nil, &wire.MediaStream{StreamID: 1, FrameType: wire.FrameAudio, FrameData: make([]byte, 160)})},
	}
	for _, m := range msgs {
		b.Run(m.name, func(b *testing.B) {
			s, tr, h := headless(b, nil)
			join(b, h, tr, 1, 1, 1)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				h.OnMessage(1, rudp.Unreliable, m.msg)
			}
			b.StopTimer()
			st := s.Stats()
			dropped := st.InboundDropped[wire.PriorityHigh] + st.InboundDropped[wire.PriorityLow]
			b.ReportMetric(float64(dropped)/float64(b.N), "dropped/msg")
		})
	}
}
