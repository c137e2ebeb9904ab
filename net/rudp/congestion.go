package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// Congestion control is a compact BBR (v1) model: the bottleneck rate is the
// maximum delivery rate measured over the last bwWindowRounds round trips,
// the propagation delay is the minimum RTT, packets are paced at gain × rate
// and the bytes in flight are capped at cwndGain × rate × minRTT.

const (
	bwWindowRounds = 10
	startupGain    = 2.89 // 2/ln 2: doubles the rate every round in startup
	drainGain      = 1 / startupGain
	cwndGain       = 2
	minCwnd        = 4 * wire.MaxDatagram
	initialCwnd    = 10 * wire.MaxDatagram
	minRound       = 10 * time.Millisecond
	// pacingBurst is how far behind schedule the pacer may fall and then catch
	// up in a burst, for callers that poll coarsely.
	pacingBurst = 4 * time.Millisecond
	// queueDrainGain replaces a probe gain of 1 or less while the latest RTT
	// shows a standing queue (more than queueSlack above the minimum RTT):
	// an overestimated bottleneck rate would otherwise keep a queue of up to
	// one bandwidth-delay product, delaying High-priority messages.
	queueDrainGain = 0.85
)

var probeGains = [8]float64{1.25, 0.75, 1, 1, 1, 1, 1, 1}

type ccMode uint8

const (
	ccStartup ccMode = iota
	ccDrain
	ccProbeBW
)

// congestion is the per-connection controller and pacer.
type congestion struct {
	mode         ccMode
	initialRate  float64
	btlBw        float64 // bytes/s
	roundMax     [bwWindowRounds]float64
	roundIdx     int
	roundStart   time.Duration
	fullBw       float64
	fullBwRounds int
	cycleIdx     int
	cycleStart   time.Duration
	nextSendAt   time.Duration
	queued       bool          // the latest RTT shows a standing queue
	delivered    uint64        // bytes acked so far
	deliveredAt  time.Duration // when delivered last grew
	firstSentAt  time.Duration // send time of the packet last acked
}

func newCongestion(initialRate int) congestion {
	return congestion{initialRate: float64(initialRate)}
}

func (c *congestion) gain() float64 {
	switch c.mode {
	case ccStartup:
		return startupGain
	case ccDrain:
		return drainGain
	}
	if g := probeGains[c.cycleIdx]; g > 1 || !c.queued {
		return g
	}
	return queueDrainGain
}

// queueSlack is how far the latest RTT may exceed the minimum before the
// controller treats it as a standing queue: a quarter of the minimum plus 2 ms.
func queueSlack(minRTT time.Duration) time.Duration { return minRTT/4 + 2*time.Millisecond }

// pacingRate in bytes per second.
func (c *congestion) pacingRate() float64 {
	if c.btlBw == 0 {
		return c.initialRate
	}
	return c.gain() * c.btlBw
}

// cwnd is the cap on bytes in flight: gain × rate × (minRTT + timer
// granularity). The granularity term keeps a sub-millisecond path from
// running with a window of a few packets, where one lost packet or ack
// stalls the sender until a timer fires; on a WAN path it adds about 1%.
func (c *congestion) cwnd(minRTT time.Duration) int {
	if c.btlBw == 0 || minRTT == 0 {
		return initialCwnd
	}
	g := float64(cwndGain)
	if c.mode == ccStartup {
		g = startupGain
	}
	return max(int(g*c.btlBw*(minRTT+timerGranularity).Seconds()), minCwnd)
}

// canSend reports whether the pacer allows a packet at now.
func (c *congestion) canSend(now time.Duration) bool { return now >= c.nextSendAt }

// onSend advances the pacer by one packet of n bytes.
func (c *congestion) onSend(now time.Duration, n int) {
	base := max(c.nextSendAt, now-pacingBurst)
	c.nextSendAt = base + time.Duration(float64(n)/c.pacingRate()*float64(time.Second))
}

// onAck feeds one acked packet: its size, when it was sent, and the
// delivery state recorded at send time.
func (c *congestion) onAck(now time.Duration, p *sentPacket, latestRTT, minRTT time.Duration, inFlight int) {
	c.queued = latestRTT > minRTT+queueSlack(minRTT)
	c.delivered += uint64(p.size)
	c.deliveredAt = now
	sendElapsed := p.sentAt - p.firstSentAt
	ackElapsed := now - p.deliveredAt
	c.firstSentAt = p.sentAt
	if interval := max(sendElapsed, ackElapsed); interval > 0 {
		rate := float64(c.delivered-p.delivered) / interval.Seconds()
		// An application-limited sample shows only what was offered: it
		// may raise the estimate, never set it below the initial rate.
		if !p.appLimited || rate > max(c.btlBw, c.initialRate/startupGain) {
			c.roundMax[c.roundIdx] = max(c.roundMax[c.roundIdx], rate)
			c.btlBw = max(c.btlBw, rate)
		}
	}
	c.advance(now, minRTT, inFlight)
}

// advance ends rounds and moves between modes.
func (c *congestion) advance(now, minRTT time.Duration, inFlight int) {
	round := max(minRTT, minRound)
	if now-c.roundStart >= round {
		c.roundStart = now
		c.roundIdx = (c.roundIdx + 1) % bwWindowRounds
		c.roundMax[c.roundIdx] = 0
		best := 0.0
		for _, r := range c.roundMax {
			best = max(best, r)
		}
		if best > 0 {
			c.btlBw = best
		}
		if c.mode == ccStartup {
			if c.btlBw >= c.fullBw*1.25 {
				c.fullBw, c.fullBwRounds = c.btlBw, 0
			} else if c.fullBwRounds++; c.fullBwRounds >= 3 {
				c.mode = ccDrain
			}
		}
	}
	if c.mode == ccDrain && inFlight <= int(c.btlBw*minRTT.Seconds()) {
		c.mode, c.cycleIdx, c.cycleStart = ccProbeBW, 0, now
	}
	if c.mode == ccProbeBW && now-c.cycleStart >= round {
		c.cycleIdx = (c.cycleIdx + 1) % len(probeGains)
		c.cycleStart = now
	}
}

// stamp records the delivery state on a packet about to be sent.
func (c *congestion) stamp(now time.Duration, p *sentPacket, inFlight int, appLimited bool) {
	if inFlight == 0 {
		c.firstSentAt, c.deliveredAt = now, now
	}
	p.delivered, p.deliveredAt, p.firstSentAt, p.appLimited = c.delivered, c.deliveredAt, c.firstSentAt, appLimited
}
