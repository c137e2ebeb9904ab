package netsim

import "time"

// reverseSeedMix separates the B→A link's random stream from the A→B one.
const reverseSeedMix = 0x9e3779b97f4a7c15

// Pair is a two-way path made of two independent links.
type Pair struct {
	// AtoB carries datagrams from endpoint A to endpoint B.
	AtoB *Link
	// BtoA carries datagrams from endpoint B to endpoint A.
	BtoA *Link
}

// NewPair builds both directions from one seed; each direction draws from its
// own random stream.
//
// Panics: if either configuration fails Config.Validate.
func NewPair(seed uint64, aToB, bToA Config) *Pair {
	return &Pair{AtoB: NewLink(seed, aToB), BtoA: NewLink(seed^reverseSeedMix, bToA)}
}

// NewSymmetricPair builds a pair whose directions share one configuration.
//
// Panics: if cfg fails Config.Validate.
func NewSymmetricPair(seed uint64, cfg Config) *Pair { return NewPair(seed, cfg, cfg) }

// SetDown takes both directions down for [from, to).
func (p *Pair) SetDown(from, to time.Duration) {
	p.AtoB.SetDown(from, to)
	p.BtoA.SetDown(from, to)
}

// NextEvent is the earlier of the two directions' next arrivals.
func (p *Pair) NextEvent() (time.Duration, bool) {
	return earliest(p.AtoB, p.BtoA)
}

func earliest(links ...*Link) (at time.Duration, ok bool) {
	for _, l := range links {
		if t, has := l.NextEvent(); has && (!ok || t < at) {
			at, ok = t, true
		}
	}
	return at, ok
}
