package bots

import (
	"slices"
	"time"
)

// Progress is a live view of a run, summed over all bots.
type Progress struct {
	// Elapsed is the time since Run started.
	Elapsed time.Duration
	// Bots is the number of bots in the run; Connected those connected now.
	Bots, Connected int
	// InputsSent, Updates, ReliableSent, ReliableConfirmed and Rejected
	// are the totals so far, as in ScriptReport.
	InputsSent        uint64
	Updates           uint64
	ReliableSent      uint64
	ReliableConfirmed uint64
	Rejected          uint64
	// RTTP50 and RTTP99 are percentiles over the connected bots' latest RTT.
	RTTP50, RTTP99 time.Duration
}

// Progress sums the bots' counters now. It is safe to call while Run runs;
// it allocates one slice for the RTT percentiles.
func (r *Runner) Progress() Progress {
	r.mu.Lock()
	started := r.started
	r.mu.Unlock()
	p := Progress{Bots: len(r.stats)}
	if !started.IsZero() {
		p.Elapsed = time.Since(started)
	}
	rtts := make([]time.Duration, 0, len(r.stats))
	for _, s := range r.stats {
		if s.connected.Load() {
			p.Connected++
			if d := time.Duration(s.rtt.Load()); d > 0 {
				rtts = append(rtts, d)
			}
		}
		p.InputsSent += s.inputsSent.Load()
		p.Updates += s.updates.Load()
		p.ReliableSent += s.reliableSent.Load()
		p.ReliableConfirmed += s.reliableConfirmed.Load()
		p.Rejected += s.rejected.Load()
	}
	if len(rtts) > 0 {
		slices.Sort(rtts)
		p.RTTP50 = rtts[(len(rtts)-1)*50/100]
		p.RTTP99 = rtts[(len(rtts)-1)*99/100]
	}
	return p
}
