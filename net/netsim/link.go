package netsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// minBufCap is the capacity of a pooled datagram buffer; larger datagrams get
// a buffer of their own size, which is pooled from then on too.
const minBufCap = 2048

// streamKey distinguishes this package's PCG stream from other users of the
// same seed.
const streamKey = 0x6e657473696d3031 // "netsim01"

// Link is a one-way impaired link. It copies each datagram on Send and hands
// the copy to a Deliver callback once the virtual clock reaches its arrival
// time. A Link is not safe for concurrent use; drive it from one goroutine.
type Link struct {
	cfg      Config
	burst    GilbertElliott
	burstOn  bool
	burstBad bool
	rng      *rand.Rand

	downFrom, downTo time.Duration // outage [downFrom, downTo); empty when equal
	busyUntil        time.Duration // when the bottleneck finishes its backlog

	inFlight     arrivals
	free         [][]byte
	nextSeq      uint64
	nextOrder    uint64
	maxDelivered uint64 // seq+1 of the newest original delivered; 0 = none
	stats        Stats
}

// NewLink builds a link whose random choices all come from seed.
//
// Panics: if cfg.Validate fails; a bad link configuration is a bug in the
// test that builds it.
func NewLink(seed uint64, cfg Config) *Link {
	if err := cfg.Validate(); err != nil {
		panic(fmt.Sprintf("netsim: NewLink: %v", err))
	}
	if cfg.Reorder > 0 && cfg.ReorderDelay == 0 {
		cfg.ReorderDelay = DefaultReorderDelay
	}
	if cfg.BandwidthBps > 0 && cfg.QueueBytes == 0 {
		cfg.QueueBytes = DefaultQueueBytes
	}
	l := &Link{cfg: cfg, rng: rand.New(rand.NewPCG(seed, streamKey))}
	if cfg.BurstLoss != nil {
		l.burst, l.burstOn = *cfg.BurstLoss, true
		l.cfg.BurstLoss = &l.burst // keep no alias to the caller's struct
	}
	return l
}

// Config returns the link's configuration with defaults filled in.
func (l *Link) Config() Config { return l.cfg }

// SetDown takes the link down from from until to: every datagram sent in
// [from, to) is lost. Datagrams already in flight still arrive. A later call
// replaces the window; to <= from removes it.
func (l *Link) SetDown(from, to time.Duration) {
	if to <= from {
		from, to = 0, 0
	}
	l.downFrom, l.downTo = from, to
}

// Down reports whether the link is in its outage window at now.
func (l *Link) Down(now time.Duration) bool { return now >= l.downFrom && now < l.downTo }

// Send offers datagram to the link at time now. The link copies it into a
// pooled buffer, so the caller may reuse datagram at once.
func (l *Link) Send(now time.Duration, datagram []byte) {
	l.stats.Sent++
	l.stats.BytesSent += uint64(len(datagram))
	seq := l.nextSeq
	l.nextSeq++
	if l.Down(now) {
		l.stats.OutageLost++
		return
	}
	depart, ok := l.serialize(now, len(datagram))
	if !ok {
		l.stats.QueueDropped++
		return
	}
	if l.lose() {
		l.stats.Lost++
		return
	}
	l.enqueue(depart+l.propagation(), seq, datagram, false)
	if l.cfg.Duplicate > 0 && l.rng.Float64() < l.cfg.Duplicate {
		l.stats.Duplicated++
		l.enqueue(depart+l.propagation(), seq, datagram, true)
	}
}

// Deliver calls fn, in arrival order, for every datagram due by now.
// Datagrams with equal arrival times come out in the order they were sent.
// The slice is only valid during the call: the link reuses its buffer
// afterwards. fn may call Send and Deliver on any link, this one included.
func (l *Link) Deliver(now time.Duration, fn func(datagram []byte)) {
	for {
		buf, ok := l.popDue(now)
		if !ok {
			return
		}
		fn(buf)
		l.release(buf)
	}
}

// NextEvent returns the earliest pending arrival time; ok is false when
// nothing is in flight.
func (l *Link) NextEvent() (at time.Duration, ok bool) {
	if len(l.inFlight) == 0 {
		return 0, false
	}
	return l.inFlight[0].arrival, true
}

// InFlight is the number of datagram copies sent but not yet delivered.
func (l *Link) InFlight() int { return len(l.inFlight) }

// Stats returns the link's counters so far.
func (l *Link) Stats() Stats { return l.stats }

// serialize passes a datagram of n bytes through the bottleneck and returns
// when its last bit leaves; ok is false when the queue has no room for it.
func (l *Link) serialize(now time.Duration, n int) (depart time.Duration, ok bool) {
	bps := l.cfg.BandwidthBps
	if bps <= 0 {
		return now, true
	}
	start := now
	if l.busyUntil > now {
		start = l.busyUntil
		backlog := math.Ceil(float64(l.busyUntil-now) * float64(bps) / 8e9)
		if backlog+float64(n) > float64(l.cfg.QueueBytes) {
			return 0, false
		}
	} else if n > l.cfg.QueueBytes {
		return 0, false
	}
	l.busyUntil = start + time.Duration(math.Ceil(float64(n)*8e9/float64(bps)))
	return l.busyUntil, true
}

// lose draws the uniform and bursty loss for one datagram.
func (l *Link) lose() bool {
	lost := l.cfg.Loss > 0 && l.rng.Float64() < l.cfg.Loss
	if l.burstOn {
		g := &l.burst
		p := g.LossGood
		if l.burstBad {
			p = g.LossBad
		}
		if p > 0 && l.rng.Float64() < p {
			lost = true
		}
		if l.burstBad {
			l.burstBad = !(l.rng.Float64() < g.PBadToGood)
		} else {
			l.burstBad = l.rng.Float64() < g.PGoodToBad
		}
	}
	return lost
}

// propagation draws one copy's delay: base, jitter and reorder hold-back.
func (l *Link) propagation() time.Duration {
	d := l.cfg.Delay
	if j := l.cfg.Jitter; j > 0 {
		d += time.Duration(l.rng.Int64N(int64(2*j)+1)) - j
		if d < 0 {
			d = 0
		}
	}
	if l.cfg.Reorder > 0 && l.rng.Float64() < l.cfg.Reorder {
		d += l.cfg.ReorderDelay
	}
	return d
}

func (l *Link) enqueue(arrival time.Duration, seq uint64, datagram []byte, dup bool) {
	buf := l.acquire(len(datagram))
	copy(buf, datagram)
	l.inFlight.push(inflight{arrival: arrival, order: l.nextOrder, seq: seq, dup: dup, buf: buf})
	l.nextOrder++
}

// popDue removes the next copy due by now and updates the delivery counters.
func (l *Link) popDue(now time.Duration) ([]byte, bool) {
	if len(l.inFlight) == 0 || l.inFlight[0].arrival > now {
		return nil, false
	}
	p := l.inFlight.pop()
	l.stats.Delivered++
	l.stats.BytesDelivered += uint64(len(p.buf))
	if !p.dup {
		if p.seq+1 < l.maxDelivered {
			l.stats.Reordered++
		} else {
			l.maxDelivered = p.seq + 1
		}
	}
	return p.buf, true
}

// acquire returns a pooled buffer of length n.
func (l *Link) acquire(n int) []byte {
	if last := len(l.free) - 1; last >= 0 && cap(l.free[last]) >= n {
		buf := l.free[last]
		l.free[last] = nil
		l.free = l.free[:last]
		return buf[:n]
	}
	return make([]byte, n, max(n, minBufCap))
}

func (l *Link) release(buf []byte) { l.free = append(l.free, buf) }
