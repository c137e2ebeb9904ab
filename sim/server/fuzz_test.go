package server_test

import (
	"testing"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// FuzzOnMessage feeds hostile messages to a joined connection and as the
// first message of a new one: the server never panics.
func FuzzOnMessage(f *testing.F) {
	f.Add(wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 1}))
	f.Add(wire.AppendPlayerAction(nil, &wire.PlayerAction{UserID: 1, Kind: wire.ActionAttack}))
	f.Add(command(1, 1, "x"))
	f.Add(wire.AppendLargeDataTransfer(nil, &wire.LargeDataTransfer{TransferID: 1, TotalChunks: 2, ChunkData: []byte{1}}))
	f.Add(wire.AppendMediaStream(nil, &wire.MediaStream{FrameType: wire.FrameKey}))
	f.Add(wire.AppendConnect(nil, &wire.Connect{UserID: 1}))
	f.Add(wire.AppendDisconnect(nil, &wire.Disconnect{UserID: 1}))
	f.Add([]byte{0x80, 0xFF})
	_, tr, h := headless(f, nil)
	join(f, h, tr, 1, 1, 1)
	f.Fuzz(func(t *testing.T, msg []byte) {
		h.OnMessage(1, rudp.ReliableOrdered, msg)
		h.OnConnect(2, netipZero)
		h.OnMessage(2, rudp.ReliableOrdered, msg)
		h.OnDisconnect(2, rudp.ReasonPeerClosed)
		if len(msg) > 0 && msg[0] == byte(wire.TypeDisconnect) {
			h.OnDisconnect(1, rudp.ReasonPeerClosed)
			join(t, h, tr, 1, 1, 1)
		}
	})
}
