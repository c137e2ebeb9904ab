package rudp

import "time"

// clockDriftPerSecond widens a kept clock sample's error bound as it ages, to
// cover the drift between two crystal clocks (100 ppm each, rounded up).
const clockDriftPerSecond = time.Millisecond

// clockSync estimates the peer's millisecond clock from round trips. A packet
// sent at local time s and acked by a peer packet stamped with the peer's
// clock T that arrived at local time r proves the stamp was taken between s
// and r, so peer − local ∈ [T − r, T − s]; the midpoint is the estimate and
// half the round trip (plus the 1 ms stamp resolution) the error bound. The
// sample with the tightest bound, aged by clockDriftPerSecond, is kept.
type clockSync struct {
	offset uint32 // peer ms − local ms, mod 2^32
	bound  time.Duration
	at     time.Duration
	valid  bool
}

// sample feeds one round trip: sent and received are local times, peerMillis
// the peer's stamp on the packet that acknowledged the sent one.
func (c *clockSync) sample(sent, received time.Duration, peerMillis uint32) {
	if received < sent {
		return
	}
	bound := (received-sent)/2 + time.Millisecond
	if c.valid && bound > c.agedBound(received) {
		return
	}
	mid := uint32(((sent + received) / 2) / time.Millisecond)
	c.offset, c.bound, c.at, c.valid = peerMillis-mid, bound, received, true
}

func (c *clockSync) agedBound(now time.Duration) time.Duration {
	return c.bound + clockDriftPerSecond*(now-c.at)/time.Second
}

// peerMillis is the estimated peer clock at local time now and its error bound.
func (c *clockSync) peerMillis(now time.Duration) (uint32, time.Duration, bool) {
	if !c.valid {
		return 0, 0, false
	}
	return uint32(now/time.Millisecond) + c.offset, c.agedBound(now), true
}
