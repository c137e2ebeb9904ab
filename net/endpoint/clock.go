package endpoint

import "time"

// sendClockLag is how far a connection's clock may lag behind now when it
// is handed a message. rudp has no clock of its own: Poll and Receive tell
// a connection the time, and Send stamps the message's queue time with the
// last time it was told, from which unreliable messages are shed after
// rudp.Config.ShedAfter (100 ms for Low by default). A connection that was
// idle for longer would shed the message at once, so a connection lagging
// by more than this is polled first. A connection polled every tick
// (16.7 ms at 60 Hz) is not polled again.
const sendClockLag = 20 * time.Millisecond

// freshen brings a server connection's clock up to now, by polling it, when
// it lags by more than sendClockLag. The poll may emit what was due anyway.
func (s *Server) freshen(sl *slot, now time.Duration) {
	if now-sl.clock <= sendClockLag {
		return
	}
	s.emitTo = sl.addr
	s.pollSlot(sl, now)
}
