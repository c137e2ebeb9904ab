package endpoint

import (
	"bytes"
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// TestHandWrittenClient speaks the protocol from bytes written by hand, as
// the "Writing a client" walkthrough in docs/PROTOCOL.md does, to keep that
// walkthrough true: SYN, SYN|ACK with the cookie, the cookie echo carrying
// the Connect, a PositionUpdate, and a reliable message from the server.
func TestHandWrittenClient(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	conn, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(s.Addr()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(testTimeout))
	read := func() []byte {
		t.Helper()
		b := make([]byte, 2048)
		n, err := conn.Read(b)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		return b[:n]
	}

	// 1. SYN: seq 0, flags SYN, priority Critical, timestamp 0, version 1,
	// zero padding to 64 bytes.
	syn := make([]byte, 64)
	copy(syn, []byte{0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01})
	conn.Write(syn)

	// 2. SYN|ACK: header (flags 0x03), ack block acking seq 0, version,
	// reserved byte, 16-byte cookie: 32 bytes.
	synAck := read()
	if len(synAck) != 32 || synAck[2] != 0x03 || !bytes.Equal(synAck[8:14], make([]byte, 6)) || synAck[14] != 1 || synAck[15] != 0 {
		t.Fatalf("SYN|ACK = % x", synAck)
	}
	cookie := synAck[16:32]

	// 3. Cookie echo: header seq 1, flags SYN|ACK, Critical; ack block
	// (nothing received yet: zeros); the cookie; one reliable-ordered frame
	// (kind 0x00, msg_type 0x01, length 13, msg_seq 0) whose body is the
	// whole Connect message, type byte first.
	connect := wire.AppendConnect(nil, &wire.Connect{UserID: 42, RoomID: 7})
	echo := []byte{0x01, 0x00, 0x03, 0x00, 0x0A, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0}
	echo = append(echo, cookie...)
	echo = append(echo, 0x00, 0x01, byte(len(connect)), 0x00, 0x00, 0x00)
	echo = append(echo, connect...)
	conn.Write(echo)
	c := s.rec.next(t, "connect")
	if m := s.rec.next(t, "message"); !bytes.Equal(m.payload, connect) || m.ch != rudp.ReliableOrdered {
		t.Fatalf("server got % x on %v, want the Connect", m.payload, m.ch)
	}

	// 4. The server acks packet 1 (an ack-only packet after the ack delay).
	ack := read()
	h, err := wire.ParseHeader(ack)
	if err != nil || h.Flags&wire.FlagACK == 0 || binary.LittleEndian.Uint16(ack[8:]) != 1 {
		t.Fatalf("server's ack = % x (%v)", ack, err)
	}

	// 5. A PositionUpdate on the unreliable-sequenced channel: header seq 2,
	// flags ACK, priority High; ack block acking the server's packet; frame
	// kind 0x01, msg_type 0x04, length 55, msg_seq 0.
	pos := wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 42, Position: [3]float32{1, 2, 3}, Rotation: [4]float32{0, 0, 0, 1}})
	data := []byte{0x02, 0x00, 0x01, 0x01, 0x14, 0x00, 0x00, 0x00}
	data = binary.LittleEndian.AppendUint16(data, h.Seq)
	data = append(data, 0, 0, 0, 0)
	data = append(data, 0x01, 0x04, byte(len(pos)), 0x00, 0x00, 0x00)
	data = append(data, pos...)
	conn.Write(data)
	if m := s.rec.next(t, "message"); !bytes.Equal(m.payload, pos) || m.ch != rudp.UnreliableSequenced {
		t.Fatalf("server got % x on %v, want the PositionUpdate", m.payload, m.ch)
	}

	// 6. A reliable message from the server arrives as a frame whose body is
	// the whole message and whose msg_type is its first byte.
	msg := []byte{byte(wire.FirstApplicationType), 'h', 'i'}
	s.Send(c.id, rudp.ReliableOrdered, wire.PriorityNormal, msg)
	for {
		d := read()
		h, err := wire.ParseHeader(d)
		if err != nil {
			t.Fatal(err)
		}
		off := wire.HeaderSize
		if h.Flags&wire.FlagACK != 0 {
			off += wire.AckBlockSize
		}
		if len(d) == off {
			continue // ack-only or keep-alive
		}
		want := append([]byte{0x00, msg[0], byte(len(msg)), 0x00, 0x00, 0x00}, msg...)
		if !bytes.Equal(d[off:], want) {
			t.Fatalf("frame = % x, want % x", d[off:], want)
		}
		break
	}
}
