package rudp

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
)

// transferOver sends count reliable messages of size bytes as fast as the
// queue takes them over link (both directions) and returns when the server
// had them all in order: the time from the handshake's end, and the
// client's stats.
func transferOver(t testing.TB, seed uint64, link netsim.Config, count, size int) (time.Duration, Stats) {
	t.Helper()
	s := newSim(t, seed, link, Config{})
	r := &receiver{t: t, lastSeq: -1}
	snd := &reliableSender{count: count, size: size}
	var doneAt, startAt time.Duration
	s.run(0, 60*time.Second, func(now time.Duration) time.Duration {
		if s.client.State() != StateEstablished {
			return -1
		}
		if startAt == 0 {
			startAt = now
		}
		r.drain(s.server)
		if int(r.nextRel) == count {
			if doneAt == 0 {
				doneAt = now
			}
			return -1
		}
		return snd.pump(now, s.client)
	})
	if int(r.nextRel) != count {
		t.Fatalf("delivered %d of %d messages (client %+v)", r.nextRel, count, s.client.Stats())
	}
	return doneAt - startAt, s.client.Stats()
}

// TestSubMillisecondPathLossRepair: on a 100 µs RTT path losing 10% each
// way, losses are repaired from later acks within a few RTTs and lost tails
// are probed after about 2 ms, not after a fixed minimum RTO. Virtual time,
// 50,000 messages: clean 29 ms, 10% loss 284 ms; with the former 40 ms RTO
// floor and count-and-time rule 3.35 s (115× clean).
func TestSubMillisecondPathLossRepair(t *testing.T) {
	t.Parallel()
	link := netsim.Config{Delay: 50 * time.Microsecond, Loss: 0.10}
	clean, _ := transferOver(t, 5, netsim.Config{Delay: 50 * time.Microsecond}, 50000, 100)
	lossy, st := transferOver(t, 5, link, 50000, 100)
	t.Logf("50000 msgs: clean %v, 10%% loss %v; client lost %d, retransmits %d, spurious %d, srtt %v, rto %v",
		clean, lossy, st.DataPacketsLost, st.Retransmits, st.SpuriousLosses, st.SRTT, st.RTO)
	if st.DataPacketsLost == 0 {
		t.Fatal("10% loss declared no packet lost")
	}
	if lossy > 20*clean {
		t.Fatalf("10%% loss slowed the transfer from %v to %v, more than 20×", clean, lossy)
	}
}

// TestRandomLossKeepsRate documents the choice that random loss does not
// cut the pacing rate: the controller models the path from delivery rate
// and RTT only (BBR), so on a 2 Mbit/s, 2 ms RTT bottleneck that also loses
// 10% of packets at random the sender keeps the link nearly as busy as
// without loss. A loss-based controller would settle far lower.
func TestRandomLossKeepsRate(t *testing.T) {
	t.Parallel()
	goodput := func(loss float64) float64 {
		fwd := netsim.Config{Delay: time.Millisecond, BandwidthBps: 2_000_000, Loss: loss}
		back := netsim.Config{Delay: time.Millisecond, Loss: loss}
		s := newSim(t, 11, back, Config{})
		s.pair = netsim.NewPair(11, fwd, back)
		r := &receiver{t: t, lastSeq: -1}
		snd := &reliableSender{count: 1 << 30, size: 1000}
		var bytesAt2s int
		s.run(0, 6*time.Second, func(now time.Duration) time.Duration {
			r.drain(s.server)
			if now >= 2*time.Second && bytesAt2s == 0 {
				bytesAt2s = max(r.bytes, 1)
			}
			if s.client.State() != StateEstablished {
				return -1
			}
			return min(snd.pump(now, s.client), now+time.Millisecond)
		})
		return float64(r.bytes-bytesAt2s) * 8 / 4
	}
	clean, lossy := goodput(0), goodput(0.10)
	t.Logf("goodput seconds 2–6: clean %.0f bit/s, 10%% loss %.0f bit/s (bottleneck 2,000,000)", clean, lossy)
	if clean < 0.8*2_000_000 {
		t.Fatalf("clean goodput %.0f bit/s below 80%% of the bottleneck", clean)
	}
	if lossy < 0.75*clean {
		t.Fatalf("10%% random loss cut goodput from %.0f to %.0f bit/s, more than the loss itself", clean, lossy)
	}
}
