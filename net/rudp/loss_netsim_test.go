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
func transferOver(t *testing.T, seed uint64, link netsim.Config, count, size int) (time.Duration, Stats) {
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
