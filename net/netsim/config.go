package netsim

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidConfig is wrapped by Config.Validate for every bad field.
var ErrInvalidConfig = errors.New("netsim: invalid config")

// DefaultQueueBytes is the bottleneck queue size used when Config.BandwidthBps
// is set and Config.QueueBytes is not.
const DefaultQueueBytes = 64 << 10

// DefaultReorderDelay is the extra delay a reordered packet gets when
// Config.Reorder is set and Config.ReorderDelay is not.
const DefaultReorderDelay = 10 * time.Millisecond

// GilbertElliott is the two-state bursty loss model. The link is either in
// the good or the bad state; each packet is lost with the state's loss
// probability, then the state changes with the transition probability.
// Typical settings are LossGood 0 and LossBad near 1, which give loss bursts
// of mean length 1/PBadToGood packets.
type GilbertElliott struct {
	// PGoodToBad is the per-packet probability of entering the bad state.
	PGoodToBad float64
	// PBadToGood is the per-packet probability of leaving the bad state.
	PBadToGood float64
	// LossGood is the loss probability while in the good state.
	LossGood float64
	// LossBad is the loss probability while in the bad state.
	LossBad float64
}

// MeanLoss is the long-run fraction of packets the model loses.
func (g GilbertElliott) MeanLoss() float64 {
	sum := g.PGoodToBad + g.PBadToGood
	if sum == 0 {
		return g.LossGood
	}
	bad := g.PGoodToBad / sum
	return (1-bad)*g.LossGood + bad*g.LossBad
}

// MeanBurst is the mean number of consecutive packets spent in the bad state.
// It is +Inf when PBadToGood is zero.
func (g GilbertElliott) MeanBurst() float64 { return 1 / g.PBadToGood }

// Config describes one direction of a link. The zero value is a perfect link
// with no delay.
type Config struct {
	// Loss is the probability that a packet is dropped, independent of others.
	Loss float64
	// BurstLoss adds bursty loss on top of Loss; nil turns it off.
	BurstLoss *GilbertElliott
	// Delay is the base one-way propagation delay.
	Delay time.Duration
	// Jitter widens Delay to a uniform draw from [Delay-Jitter, Delay+Jitter]
	// (clamped at zero). Jitter alone can reorder closely spaced packets.
	Jitter time.Duration
	// Reorder is the fraction of packets held back by ReorderDelay, so later
	// packets overtake them.
	Reorder float64
	// ReorderDelay is the extra delay of a reordered packet; zero means
	// DefaultReorderDelay.
	ReorderDelay time.Duration
	// Duplicate is the probability that a delivered packet arrives twice. The
	// copy takes its own delay draw and does not use bandwidth.
	Duplicate float64
	// BandwidthBps limits the link to this many bits per second: each packet
	// occupies the bottleneck for len*8/BandwidthBps, and packets wait in a
	// FIFO queue behind it. Zero or negative means unlimited.
	BandwidthBps int64
	// QueueBytes bounds the bottleneck queue; a packet that would push the
	// backlog past it is tail-dropped. Zero means DefaultQueueBytes. Only used
	// with BandwidthBps.
	QueueBytes int
}

// Validate reports the first field that is out of range, wrapping
// ErrInvalidConfig.
func (c Config) Validate() error {
	type prob struct {
		name string
		p    float64
	}
	probs := []prob{{"Loss", c.Loss}, {"Reorder", c.Reorder}, {"Duplicate", c.Duplicate}}
	if g := c.BurstLoss; g != nil {
		probs = append(probs,
			prob{"BurstLoss.PGoodToBad", g.PGoodToBad}, prob{"BurstLoss.PBadToGood", g.PBadToGood},
			prob{"BurstLoss.LossGood", g.LossGood}, prob{"BurstLoss.LossBad", g.LossBad})
	}
	for _, pr := range probs {
		if !(pr.p >= 0 && pr.p <= 1) { // also rejects NaN
			return fmt.Errorf("%w: %s = %v, want a probability in [0, 1]", ErrInvalidConfig, pr.name, pr.p)
		}
	}
	type dur struct {
		name string
		d    time.Duration
	}
	for _, d := range []dur{{"Delay", c.Delay}, {"Jitter", c.Jitter}, {"ReorderDelay", c.ReorderDelay}} {
		if d.d < 0 {
			return fmt.Errorf("%w: %s = %v, want >= 0", ErrInvalidConfig, d.name, d.d)
		}
	}
	if c.QueueBytes < 0 {
		return fmt.Errorf("%w: QueueBytes = %d, want >= 0", ErrInvalidConfig, c.QueueBytes)
	}
	return nil
}
