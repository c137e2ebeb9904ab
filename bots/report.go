package bots

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// ScriptReport is what the bots running one script did and saw.
type ScriptReport struct {
	Script  string `json:"script"`
	Cheater bool   `json:"cheater"`
	// Bots is how many bots ran the script; Connected how many of them got
	// through the handshake.
	Bots      int `json:"bots"`
	Connected int `json:"connected"`
	// InputsSent counts position updates and actions.
	InputsSent uint64 `json:"inputs_sent"`
	// Updates counts snapshots and entity-enter events received.
	Updates uint64 `json:"updates_received"`
	// ReliableSent counts commands and large transfers; ReliableConfirmed
	// the ones the server answered.
	ReliableSent      uint64 `json:"reliable_sent"`
	ReliableConfirmed uint64 `json:"reliable_confirmed"`
	// Rejected counts inputs the server said it rejected.
	Rejected uint64 `json:"rejected_inputs"`
	// RTT percentiles of the connections' smoothed RTT, sampled 4 times a second.
	RTTP50 time.Duration `json:"rtt_p50_ns"`
	RTTP99 time.Duration `json:"rtt_p99_ns"`
	// Latency percentiles of update age on arrival, when the client knows it.
	LatencyP50 time.Duration `json:"update_latency_p50_ns"`
	LatencyP99 time.Duration `json:"update_latency_p99_ns"`
	// Disconnects counts bots that ended before the run did, by reason.
	Disconnects map[string]int `json:"disconnects"`
	// Failures counts bots that never connected, by error.
	Failures map[string]int `json:"connect_failures"`

	rtt, latency Histogram
}

// BotReport is what one bot did and saw.
type BotReport struct {
	Index             int    `json:"index"`
	Script            string `json:"script"`
	UserID            uint64 `json:"user_id"`
	Connected         bool   `json:"connected"`
	InputsSent        uint64 `json:"inputs_sent"`
	Updates           uint64 `json:"updates_received"`
	ReliableSent      uint64 `json:"reliable_sent"`
	ReliableConfirmed uint64 `json:"reliable_confirmed"`
	Rejected          uint64 `json:"rejected_inputs"`
	// Disconnect is why the bot ended before the run did; Failure why it
	// never connected ("" for none).
	Disconnect string `json:"disconnect,omitempty"`
	Failure    string `json:"connect_failure,omitempty"`
}

// Report is the outcome of a run: one entry per script, the total, and one
// entry per bot.
type Report struct {
	Elapsed time.Duration  `json:"elapsed_ns"`
	Scripts []ScriptReport `json:"scripts"`
	Total   ScriptReport   `json:"total"`
	Bots    []BotReport    `json:"bots,omitempty"`
}

// aggregate sums the bots' counters per script (in order of first
// appearance in scripts) and in total; bot i has user id firstUser+i. It
// must run after the bots stopped.
func aggregate(scripts []string, stats []*botStats, firstUser uint64, elapsed time.Duration) Report {
	rep := Report{Elapsed: elapsed, Total: ScriptReport{Script: "total"}, Bots: make([]BotReport, len(scripts))}
	index := map[string]int{}
	for i, name := range scripts {
		b := stats[i]
		rep.Bots[i] = BotReport{Index: i, Script: name, UserID: firstUser + uint64(i), Connected: b.everConnected,
			InputsSent: b.inputsSent.Load(), Updates: b.updates.Load(), ReliableSent: b.reliableSent.Load(),
			ReliableConfirmed: b.reliableConfirmed.Load(), Rejected: b.rejected.Load(),
			Disconnect: b.disconnect, Failure: b.failure}
		k, ok := index[name]
		if !ok {
			k = len(rep.Scripts)
			index[name] = k
			rep.Scripts = append(rep.Scripts, ScriptReport{Script: name, Cheater: IsCheater(name)})
		}
		rep.Scripts[k].add(stats[i])
		rep.Total.add(stats[i])
	}
	for i := range rep.Scripts {
		rep.Scripts[i].settle()
	}
	rep.Total.settle()
	return rep
}

func (s *ScriptReport) add(b *botStats) {
	s.Bots++
	if b.everConnected {
		s.Connected++
	}
	s.InputsSent += b.inputsSent.Load()
	s.Updates += b.updates.Load()
	s.ReliableSent += b.reliableSent.Load()
	s.ReliableConfirmed += b.reliableConfirmed.Load()
	s.Rejected += b.rejected.Load()
	s.rtt.Merge(&b.rttHist)
	s.latency.Merge(&b.latencyHist)
	if b.disconnect != "" {
		if s.Disconnects == nil {
			s.Disconnects = map[string]int{}
		}
		s.Disconnects[b.disconnect]++
	}
	if b.failure != "" {
		if s.Failures == nil {
			s.Failures = map[string]int{}
		}
		s.Failures[b.failure]++
	}
}

func (s *ScriptReport) settle() {
	s.RTTP50, s.RTTP99 = s.rtt.Percentile(50), s.rtt.Percentile(99)
	s.LatencyP50, s.LatencyP99 = s.latency.Percentile(50), s.latency.Percentile(99)
}

// WriteTable writes the report as an aligned text table, one row per script
// and a total row.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "script\tbots\tconnected\tinputs\tupdates\treliable sent\tconfirmed\trejected\trtt p50\trtt p99\tupd p50\tupd p99\tended early\t")
	for _, s := range append(slices.Clone(r.Scripts), r.Total) {
		name := s.Script
		if s.Cheater {
			name += "*"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", name, s.Bots, s.Connected,
			s.InputsSent, s.Updates, s.ReliableSent, s.ReliableConfirmed, s.Rejected,
			ms(s.RTTP50), ms(s.RTTP99), ms(s.LatencyP50), ms(s.LatencyP99), reasons(s.Disconnects, s.Failures))
	}
	fmt.Fprintf(tw, "(* cheater; elapsed %s)\t\n", r.Elapsed.Round(time.Millisecond))
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("bots: write report: %w", err)
	}
	return nil
}

// ms formats a duration in milliseconds, "-" for none.
func ms(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
}

// reasons formats disconnect reasons and connect failures as "reason×n,...".
func reasons(disc, fail map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(disc)) {
		parts = append(parts, fmt.Sprintf("%s×%d", k, disc[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(fail)) {
		parts = append(parts, fmt.Sprintf("no-connect(%s)×%d", k, fail[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}
