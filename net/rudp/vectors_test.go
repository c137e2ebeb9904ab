package rudp

import (
	"bytes"
	"encoding/hex"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors")

// vector is one byte-exact example from docs/PROTOCOL.md.
type vector struct {
	name, comment string
	bytes         []byte
}

// buildVectors produces the handshake and framing examples from a fixed
// script: client 10.0.0.2:40000, cookie key "0123456789abcdef0123456789abcdef",
// SYN at 0 ms, SYN|ACK at server time 1000 ms.
func buildVectors(t *testing.T) []vector {
	var vs []vector
	add := func(name, comment string, b []byte) {
		vs = append(vs, vector{name, comment, append([]byte(nil), b...)})
	}
	ln, err := NewListener(testListenerConfig(Config{}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Dial(0, Config{}, 0x01, []byte{0x01, 1, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0})
	if err != nil {
		t.Fatal(err)
	}
	var syn, synAck, echo []byte
	c.Poll(0, func(d []byte) { syn = append(syn, d...) })
	add("syn", "client SYN: seq 0, SYN, Critical, t=0, version 1, zero padding to 64 bytes", syn)
	ln.HandleDatagram(time.Second, testClientAddr, syn, func(d []byte) { synAck = append(synAck, d...) })
	add("syn_ack", "server SYN|ACK at server time 1000 ms: ack 0, version 1, reserved 0, cookie(10.0.0.2:40000, bucket 0)", synAck)
	c.Receive(40*time.Millisecond, synAck)
	c.Poll(40*time.Millisecond, func(d []byte) { echo = append(echo, d...) })
	add("cookie_echo", "client cookie echo at 40 ms: seq 1, SYN|ACK, Critical, empty ack block, cookie, reliable frame msg_seq 0 carrying Connect{user 1, room 7}", echo)
	server, ok := ln.HandleDatagram(time.Second+20*time.Millisecond, testClientAddr, echo, func([]byte) {})
	if !ok {
		t.Fatal("echo refused")
	}
	var data []byte
	_ = server.Send(ReliableOrdered, wire.PriorityNormal, 0x09, []byte("cmd"))
	_ = server.Send(UnreliableSequenced, wire.PriorityHigh, 0x04, []byte{0xAA, 0xBB})
	_ = server.Send(Unreliable, wire.PriorityLow, 0x0C, nil)
	server.Poll(time.Second+25*time.Millisecond, func(d []byte) { data = append(data, d...) })
	add("data", "server data packet at 1025 ms: seq 1, ACK, High (highest frame priority), ack 1 (echo), frames in priority order: sequenced 0x04 AA BB (High), reliable 0x09 'cmd' (Normal), unreliable 0x0C empty (Low), each msg_seq 0", data)
	big := make([]byte, FragmentSize+3)
	for i := range big {
		big[i] = byte(i)
	}
	var frag [][]byte
	_ = server.Send(ReliableOrdered, wire.PriorityNormal, 0x0B, big)
	server.Poll(time.Second+30*time.Millisecond, func(d []byte) { frag = append(frag, append([]byte(nil), d...)) })
	if len(frag) != 1 {
		t.Fatalf("fragmented send made %d packets, want both fragments in one", len(frag))
	}
	add("frag", "FRAG packet at 1030 ms: seq 2, ACK|FRAG, Normal, both fragments (1024 + 3 bytes, bytes 0,1,2,...) of reliable message 0x0B msg_seq 1", frag[0])
	var rst []byte
	server.Abort()
	server.Poll(time.Second+40*time.Millisecond, func(d []byte) { rst = append(rst, d...) })
	add("rst", "RST with reason 8 (shutdown)", rst)
	return vs
}

func TestVectors(t *testing.T) {
	dir := filepath.Join("testdata", "vectors")
	for _, v := range buildVectors(t) {
		path := filepath.Join(dir, v.name+".hex")
		text := "# " + v.comment + "\n" + hex.EncodeToString(v.bytes) + "\n"
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run with -update)", v.name, err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		want, err := hex.DecodeString(lines[len(lines)-1])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(v.bytes, want) {
			t.Errorf("%s: encoded\n%x\nwant\n%x", v.name, v.bytes, want)
		}
	}
}

// TestVectorsDecode reads the committed vectors back: a fresh Listener
// accepts the echo and delivers Connect, and a fresh client accepts the
// SYN|ACK, the data packet and the RST.
func TestVectorsDecode(t *testing.T) {
	read := func(name string) []byte {
		raw, err := os.ReadFile(filepath.Join("testdata", "vectors", name+".hex"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		b, err := hex.DecodeString(lines[len(lines)-1])
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ln, err := NewListener(testListenerConfig(Config{}))
	if err != nil {
		t.Fatal(err)
	}
	var reply []byte
	ln.HandleDatagram(time.Second, testClientAddr, read("syn"), func(d []byte) { reply = append([]byte(nil), d...) })
	if !bytes.Equal(reply, read("syn_ack")) {
		t.Fatalf("SYN answered with %x", reply)
	}
	server, ok := ln.HandleDatagram(2*time.Second, testClientAddr, read("cookie_echo"), func([]byte) {})
	var m Message
	if !ok || !server.Next(&m) || m.Type != 0x01 || len(m.Body) != 13 {
		t.Fatalf("echo: accepted %v, message %+v", ok, m)
	}
	if _, ok := ln.HandleDatagram(2*time.Second, netip.MustParseAddrPort("10.0.0.3:40000"), read("cookie_echo"), func([]byte) {}); ok {
		t.Fatal("the cookie was accepted from another address")
	}
	c, _ := Dial(0, Config{}, 1, nil)
	c.Poll(0, func([]byte) {})
	c.Receive(40*time.Millisecond, read("syn_ack"))
	c.Receive(60*time.Millisecond, read("data"))
	got := map[uint8]string{}
	for c.Next(&m) {
		got[m.Type] = string(m.Body)
	}
	if got[0x09] != "cmd" || got[0x04] != "\xAA\xBB" || len(got) != 3 {
		t.Fatalf("data packet delivered %q", got)
	}
	c.Receive(70*time.Millisecond, read("rst"))
	if c.CloseReason() != ReasonShutdown {
		t.Fatalf("RST gave %v", c.CloseReason())
	}
}
