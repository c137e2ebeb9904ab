package rudp

import "time"

// rttEstimator is the RFC 6298 smoothed RTT and variance with a bounded,
// exponentially backed-off retransmission timeout in the shape of QUIC's
// probe timeout (RFC 9002 §6.2).
type rttEstimator struct {
	srtt, rttvar, min time.Duration
	latest            time.Duration
	minAt             time.Duration
	samples           uint64
	backoff           uint8
	initial           time.Duration
	lo, hi            time.Duration
	ackDelay          time.Duration // the longest the peer holds an ack back
}

const (
	// minRTTWindow is how long a minimum RTT sample stays valid.
	minRTTWindow = 10 * time.Second
	// timerGranularity is the smallest variance margin of the RTO and the
	// slack added to the loss-detection delay: timers and schedulers are not
	// more precise than this, so shorter margins only cause spurious resends.
	timerGranularity = time.Millisecond
)

func newRTTEstimator(initial, lo, hi, ackDelay time.Duration) rttEstimator {
	return rttEstimator{initial: initial, lo: lo, hi: hi, ackDelay: ackDelay}
}

// sample feeds one RTT measurement taken at now.
func (r *rttEstimator) sample(now, rtt time.Duration) {
	if rtt <= 0 {
		rtt = time.Microsecond
	}
	r.latest = rtt
	if r.samples == 0 {
		r.srtt, r.rttvar = rtt, rtt/2
	} else {
		d := r.srtt - rtt
		if d < 0 {
			d = -d
		}
		r.rttvar = (3*r.rttvar + d) / 4
		r.srtt = (7*r.srtt + rtt) / 8
	}
	if r.samples == 0 || rtt <= r.min || now-r.minAt > minRTTWindow {
		r.min, r.minAt = rtt, now
	}
	r.samples++
	r.backoff = 0
}

// rto is the current retransmission timeout including backoff:
// srtt + max(4·rttvar, srtt/8, granularity) + the peer's ack delay, clamped
// to [lo, hi]. It doubles as the tail-loss probe: when nothing newer is
// acked, the oldest packet in flight is resent after it.
func (r *rttEstimator) rto() time.Duration {
	base := r.initial
	if r.samples > 0 {
		base = r.srtt + max(4*r.rttvar, r.srtt/8, timerGranularity) + r.ackDelay
	}
	base = min(max(base, r.lo), r.hi)
	for i := uint8(0); i < r.backoff && base < r.hi; i++ {
		base *= 2
	}
	return min(base, r.hi)
}

// backOff doubles the timeout after a retransmission timeout fired.
func (r *rttEstimator) backOff() {
	if r.backoff < 16 {
		r.backoff++
	}
}

// smoothed is srtt, or the initial RTO before any sample.
func (r *rttEstimator) smoothed() time.Duration {
	if r.samples == 0 {
		return r.initial
	}
	return r.srtt
}

// lossDelay is how long after it was sent a packet counts as lost once a
// packet sent after it was acked (RACK, RFC 9002 §6.1.2):
// 9/8 · max(srtt, latest RTT) + granularity.
func (r *rttEstimator) lossDelay() time.Duration {
	return max(r.smoothed(), r.latest)*9/8 + timerGranularity
}
