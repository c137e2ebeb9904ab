package rudp

import (
	"encoding/binary"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
	"github.com/tickforge/tickforge/net/wire"
)

// TestCongestionBottleneck offers 8× the bottleneck rate: mostly Low
// unreliable bulk plus a small High sequenced stream stamped with its send
// time. The first case is the acceptance scenario (256 kbit/s, 2 Mbit/s offered).
func TestCongestionBottleneck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		bottleneck int64
		oneWay     time.Duration
	}{
		{256_000, 50 * time.Millisecond},
		{1_000_000, 20 * time.Millisecond},
		{128_000, 100 * time.Millisecond},
	} {
		t.Run(fmt.Sprintf("%dkbit-%v", tc.bottleneck/1000, tc.oneWay), func(t *testing.T) {
			t.Parallel()
			congestionCase(t, tc.bottleneck, tc.oneWay)
		})
	}
}

func congestionCase(t *testing.T, bottleneck int64, oneWay time.Duration) {
	const (
		warmup = 5 * time.Second
		end    = 25 * time.Second
	)
	baseRTT := 2 * oneWay
	offeredPer10ms := int(bottleneck) / 100 // bytes per 10 ms = 8× the bottleneck
	link := netsim.Config{Delay: oneWay}
	bneck := netsim.Config{Delay: oneWay, BandwidthBps: bottleneck}
	s := newSim(t, 3, link, Config{})
	s.pair = netsim.NewPair(3, bneck, link)

	var (
		highLat     []time.Duration
		lowBytes    int
		lowMsgs     int
		bulk        = make([]byte, 1000)
		high        [12]byte
		nextTick    time.Duration
		highEvery   = 50 * time.Millisecond
		nextHigh    time.Duration
		statsAtWarm netsim.Stats
		warmed      bool
		shedAtWarm  uint64
	)
	s.run(0, end, func(now time.Duration) time.Duration {
		if !warmed && now >= warmup {
			statsAtWarm, warmed = s.pair.AtoB.Stats(), true
			shedAtWarm = s.client.Stats().Shed[wire.PriorityHigh]
		}
		if s.server != nil {
			var m Message
			for s.server.Next(&m) {
				switch m.Type {
				case 20:
					sent := time.Duration(binary.LittleEndian.Uint64(m.Body[4:]))
					if now >= warmup {
						highLat = append(highLat, now-sent)
					}
				case 21:
					lowBytes += len(m.Body)
					lowMsgs++
				}
			}
		}
		if s.client.State() != StateEstablished {
			return now + 10*time.Millisecond
		}
		if now >= nextHigh {
			binary.LittleEndian.PutUint64(high[4:], uint64(now))
			if err := s.client.Send(UnreliableSequenced, wire.PriorityHigh, 20, high[:]); err != nil {
				t.Fatalf("send high: %v", err)
			}
			nextHigh = now + highEvery
		}
		if now >= nextTick {
			for left := offeredPer10ms; left > 0; left -= len(bulk) {
				_ = s.client.Send(Unreliable, wire.PriorityLow, 21, bulk[:min(left, len(bulk))])
			}
			nextTick = now + 10*time.Millisecond
		}
		return min(nextTick, nextHigh)
	})
	st := s.pair.AtoB.Stats()
	span := (end - warmup).Seconds()
	delivered := float64(st.BytesDelivered-statsAtWarm.BytesDelivered) * 8
	util := delivered / (float64(bottleneck) * span)
	sent := st.Sent - statsAtWarm.Sent
	loss := float64(st.Dropped()-statsAtWarm.Dropped()) / float64(sent)
	sort.Slice(highLat, func(i, j int) bool { return highLat[i] < highLat[j] })
	p99 := highLat[len(highLat)*99/100]
	maxLat := highLat[len(highLat)-1]
	cs := s.client.Stats()
	t.Logf("High shed before warm-up: %d", shedAtWarm)
	t.Logf("utilisation %.1f%%, link loss %.2f%%, High latency p50 %v p99 %v max %v (base RTT %v), Low shed %d delivered %d, btlbw %.0f B/s",
		util*100, loss*100, highLat[len(highLat)/2], p99, maxLat, baseRTT, cs.Shed[wire.PriorityLow], lowMsgs, cs.BottleneckRate)
	if util < 0.80 {
		t.Errorf("utilisation %.1f%%, want >= 80%%", util*100)
	}
	if loss > 0.05 {
		t.Errorf("loss %.2f%%, want <= 5%%", loss*100)
	}
	if maxLat >= 2*baseRTT {
		t.Errorf("High latency max %v, want < %v", maxLat, 2*baseRTT)
	}
	if cs.Shed[wire.PriorityLow] == 0 {
		t.Errorf("no Low message was shed although 8x the bottleneck was offered")
	}
	// Start-up overshoots the bottleneck queue for a moment; after warm-up
	// no High message may be shed.
	if n := cs.Shed[wire.PriorityHigh] - shedAtWarm; n != 0 {
		t.Errorf("%d High messages shed after warm-up", n)
	}
}
