package rudp

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// oldMinRTO is the minimum RTO before time-threshold loss detection; every
// loss below must be repaired sooner than a loss used to wait.
const oldMinRTO = 40 * time.Millisecond

// settle exchanges packets for 50 ms so the handshake's messages are acked
// and the RTT measured, and returns the time to continue from.
// The client's retransmission count is reset so tests see only their own.
func settle(p *directPair) time.Duration {
	for range 50 {
		p.step()
	}
	if p.client.inFlight != 0 || p.server.inFlight != 0 {
		panic("direct pair did not settle")
	}
	drainTags(p.server)
	p.client.stats.Retransmits = 0
	return p.now + time.Millisecond
}

// collect polls c at now and returns copies of the datagrams it emitted.
func collect(c *Conn, now time.Duration) [][]byte {
	var out [][]byte
	c.Poll(now, func(d []byte) { out = append(out, append([]byte(nil), d...)) })
	return out
}

// dataOnly keeps the datagrams that carry frames (more than header and ack block).
func dataOnly(ds [][]byte) [][]byte {
	var out [][]byte
	for _, d := range ds {
		if len(d) > wire.HeaderSize+wire.AckBlockSize {
			out = append(out, d)
		}
	}
	return out
}

// sendOne queues a 20-byte reliable message and polls it out as one packet.
func sendOne(t *testing.T, c *Conn, now time.Duration, tag byte) []byte {
	t.Helper()
	body := make([]byte, 20)
	body[0] = tag
	if err := c.Send(ReliableOrdered, wire.PriorityNormal, 9, body); err != nil {
		t.Fatal(err)
	}
	ds := dataOnly(collect(c, now))
	if len(ds) != 1 {
		t.Fatalf("message %d went out in %d data packets, want 1", tag, len(ds))
	}
	return ds[0]
}

// ackOf parses the ack block of a datagram.
func ackOf(t *testing.T, d []byte) wire.AckBlock {
	t.Helper()
	h, err := wire.ParseHeader(d)
	if err != nil || h.Flags&wire.FlagACK == 0 {
		t.Fatalf("datagram without ack block: %v %v", h, err)
	}
	ab, err := wire.ParseAckBlock(d[wire.HeaderSize:])
	if err != nil {
		t.Fatal(err)
	}
	return ab
}

// drainTags returns the first body byte of every message c delivers.
func drainTags(c *Conn) []byte {
	var tags []byte
	var m Message
	for c.Next(&m) {
		if m.Type == 9 {
			tags = append(tags, m.Body[0])
		}
	}
	return tags
}

// TestTimeThresholdLoss: A is lost, B (sent after it) is acked at once
// because it arrived out of order, and A is resent 9/8·RTT + 1 ms after it
// was sent, not after a minimum RTO.
func TestTimeThresholdLoss(t *testing.T) {
	t.Parallel()
	p := newDirectPair(t, Config{InitialRate: 10 << 20})
	now := settle(p)
	sentA := now
	_ = sendOne(t, p.client, now, 'A') // lost
	dB := sendOne(t, p.client, now, 'B')

	now += time.Millisecond
	p.server.Receive(now, dB)
	acks := collect(p.server, now)
	if len(acks) != 1 {
		t.Fatalf("server sent %d packets after a gap, want an immediate ack", len(acks))
	}
	now += time.Millisecond
	p.client.Receive(now, acks[0])

	deadline := p.client.NextDeadline()
	wantBy := sentA + p.client.rtt.lossDelay()
	if deadline != wantBy {
		t.Fatalf("next deadline %v, want sent + loss delay = %v", deadline, wantBy)
	}
	if deadline-sentA >= oldMinRTO || deadline-sentA >= p.client.rtt.rto() {
		t.Fatalf("loss delay %v not shorter than RTO %v", deadline-sentA, p.client.rtt.rto())
	}
	if ds := dataOnly(collect(p.client, deadline-time.Microsecond)); len(ds) != 0 || p.client.Stats().Retransmits != 0 {
		t.Fatalf("resent before the loss delay: %d packets", len(ds))
	}
	resent := dataOnly(collect(p.client, deadline))
	if len(resent) != 1 || p.client.Stats().Retransmits != 1 {
		t.Fatalf("at the loss deadline: %d packets, %d retransmits", len(resent), p.client.Stats().Retransmits)
	}
	p.server.Receive(deadline, resent[0])
	if got := string(drainTags(p.server)); got != "AB" {
		t.Fatalf("server delivered %q, want AB", got)
	}
}

// TestPacketThresholdLoss: three later packets acked declare a packet lost
// at once, however short the time since it was sent.
func TestPacketThresholdLoss(t *testing.T) {
	t.Parallel()
	p := newDirectPair(t, Config{InitialRate: 10 << 20})
	now := settle(p)
	_ = sendOne(t, p.client, now, 'A')
	var later [][]byte
	for _, tag := range []byte("BCD") {
		later = append(later, sendOne(t, p.client, now, tag))
	}
	for _, d := range later {
		p.server.Receive(now, d)
	}
	for _, a := range collect(p.server, now) {
		p.client.Receive(now, a)
	}
	if d := p.client.NextDeadline(); d != now {
		t.Fatalf("next deadline %v, want now (%v)", d, now)
	}
	if ds := dataOnly(collect(p.client, now)); len(ds) != 1 || p.client.Stats().Retransmits != 1 {
		t.Fatalf("after 3 later acks: %d packets, %d retransmits", len(ds), p.client.Stats().Retransmits)
	}
}

// TestTailLossProbe: a lone lost packet (nothing later to overtake it) is
// resent after srtt + max(4·rttvar, srtt/8, 1 ms) + AckDelay, well below the
// old 40 ms floor.
func TestTailLossProbe(t *testing.T) {
	t.Parallel()
	p := newDirectPair(t, Config{InitialRate: 10 << 20})
	now := settle(p)
	sentA := now
	_ = sendOne(t, p.client, now, 'A') // lost
	rto := p.client.rtt.rto()
	if rto >= oldMinRTO || rto < p.client.cfg.AckDelay+timerGranularity {
		t.Fatalf("RTO %v outside [AckDelay + 1 ms, 40 ms)", rto)
	}
	for p.client.Stats().Retransmits == 0 {
		now = p.client.NextDeadline()
		if now-sentA > rto {
			t.Fatalf("no retransmission by %v after sending (RTO %v)", now-sentA, rto)
		}
		collect(p.client, now)
	}
	if now-sentA != rto {
		t.Fatalf("resent %v after sending, want the RTO %v", now-sentA, rto)
	}
}

// TestLateAckBeyondAckBits: a packet arriving 40 behind the newest cannot be
// named by ack_bits; the receiver sends an ack block anchored on it, so the
// sender does not resend it.
func TestLateAckBeyondAckBits(t *testing.T) {
	t.Parallel()
	p := newDirectPair(t, Config{InitialRate: 10 << 20})
	now := settle(p)
	var ds [][]byte
	for i := range 41 {
		ds = append(ds, sendOne(t, p.client, now, byte(i)))
	}
	h, err := wire.ParseHeader(ds[0])
	if err != nil {
		t.Fatal(err)
	}
	lateSeq := h.Seq
	var acks [][]byte
	for _, d := range ds[1:] {
		p.server.Receive(now, d)
		acks = append(acks, collect(p.server, now)...)
	}
	p.server.Receive(now, ds[0])
	late := collect(p.server, now)
	anchored := 0
	for _, d := range late {
		if ackOf(t, d).Ack == lateSeq {
			anchored++
		}
	}
	if anchored != 1 {
		t.Fatalf("%d of the server's %d packets anchor their ack block on the late packet, want 1", anchored, len(late))
	}
	for _, a := range append(acks, late...) {
		p.client.Receive(now, a)
	}
	st := p.client.Stats()
	if st.DataPacketsAcked < 41 {
		t.Fatalf("%d data packets acked, want all 41", st.DataPacketsAcked)
	}
	collect(p.client, now+time.Second)
	if p.client.Stats().Retransmits != 0 {
		t.Fatalf("%d retransmits of delivered data", p.client.Stats().Retransmits)
	}
	if got := len(drainTags(p.server)); got != 41 {
		t.Fatalf("server delivered %d messages, want 41", got)
	}
}

// TestRecvWindowAckBlockAt checks anchored blocks against the window bits.
func TestRecvWindowAckBlockAt(t *testing.T) {
	t.Parallel()
	var w recvWindow
	for _, s := range []uint16{100, 102, 103, 140, 65} {
		w.mark(s)
	}
	tests := []struct {
		seq  uint16
		ok   bool
		bits uint32
	}{
		{103, true, 0b101}, // bit 0: 102 received, bit 1: 101 not, bit 2: 100 received
		{100, true, 0},     // 65 is 35 before 100, beyond the 32 bits
		{101, false, 0},    // never received
		{140, true, 0},     // the newest; nothing in the 32 before it
		{141, false, 0},    // newer than the newest
	}
	for _, tc := range tests {
		ab, ok := w.ackBlockAt(tc.seq)
		if ok != tc.ok || (ok && (ab.Ack != tc.seq || ab.AckBits != tc.bits)) {
			t.Errorf("ackBlockAt(%d) = %+v, %v; want bits %b, %v", tc.seq, ab, ok, tc.bits, tc.ok)
		}
	}
	if got := w.behind(100); got != 40 {
		t.Errorf("behind(100) = %d, want 40", got)
	}
	if got := w.behind(141); got != -1 {
		t.Errorf("behind(141) = %d, want -1", got)
	}
}

// TestReorderingSlowsPacketThreshold: a packet the count rule condemned
// turns up after all; from then on the count rule waits 9/8 RTT too.
func TestReorderingSlowsPacketThreshold(t *testing.T) {
	t.Parallel()
	p := newDirectPair(t, Config{InitialRate: 10 << 20})
	now := settle(p)
	round := func(tag byte) (first []byte, sentAt time.Duration) {
		first = sendOne(t, p.client, now, tag)
		for i := range byte(3) {
			d := sendOne(t, p.client, now, tag+1+i)
			p.server.Receive(now, d)
		}
		for _, a := range collect(p.server, now) {
			p.client.Receive(now, a)
		}
		return first, now
	}
	late, _ := round('a')
	if d := p.client.NextDeadline(); d != now {
		t.Fatalf("before any reordering: deadline %v, want now %v", d, now)
	}
	resent := dataOnly(collect(p.client, now)) // 'a' declared lost and resent
	now += 100 * time.Microsecond
	p.server.Receive(now, late) // ... but it was only late
	for _, d := range resent {
		p.server.Receive(now, d)
	}
	for _, a := range collect(p.server, now) {
		p.client.Receive(now, a)
	}
	if got := p.client.Stats().SpuriousLosses; got != 1 {
		t.Fatalf("SpuriousLosses = %d, want 1", got)
	}
	now += time.Millisecond
	_, sentAt := round('e')
	want := sentAt + p.client.rtt.lossDelay() - timerGranularity
	if d := p.client.NextDeadline(); d != want {
		t.Fatalf("after reordering: deadline %v, want sent + 9/8 RTT = %v", d, want)
	}
}
