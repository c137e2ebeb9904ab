package bots

import (
	"sync/atomic"
	"time"
)

// botStats are one bot's counters. The atomics may be read while the run
// goes on (Progress); the histograms and the reason only after it ended.
type botStats struct {
	connected         atomic.Bool
	inputsSent        atomic.Uint64
	updates           atomic.Uint64
	reliableSent      atomic.Uint64
	reliableConfirmed atomic.Uint64
	rejected          atomic.Uint64
	rtt               atomic.Int64

	everConnected bool
	rttHist       Histogram
	latencyHist   Histogram
	// disconnect is why the bot ended before the run did ("" if it did not).
	disconnect string
	// failure is why the bot never connected ("" if it did).
	failure string
}

// noteRTT records one round-trip sample.
func (s *botStats) noteRTT(d time.Duration) {
	if d <= 0 {
		return
	}
	s.rtt.Store(int64(d))
	s.rttHist.Record(d)
}
