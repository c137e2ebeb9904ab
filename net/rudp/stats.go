package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// Stats is a snapshot of one connection's counters and estimates.
type Stats struct {
	// SRTT, RTTVar, MinRTT and RTO are the round-trip estimates.
	SRTT, RTTVar, MinRTT, RTO time.Duration
	// PacingRate and BottleneckRate are the congestion controller's rates in bytes/s.
	PacingRate, BottleneckRate float64
	// CongestionWindow is the cap on bytes in flight; InFlight the bytes sent and not yet acked or lost.
	CongestionWindow, InFlight int
	// PacketsSent, PacketsReceived, BytesSent and BytesReceived count datagrams on the wire.
	PacketsSent, PacketsReceived, BytesSent, BytesReceived uint64
	// DataPacketsAcked and DataPacketsLost count tracked (message-carrying) packets by outcome.
	DataPacketsAcked, DataPacketsLost uint64
	// Retransmits counts reliable frames sent again after their packet was lost.
	Retransmits uint64
	// SpuriousLosses counts packets declared lost by the packet-count rule
	// whose ack arrived afterwards: evidence that the path reorders, after
	// which that rule also waits 9/8 RTT (see docs/PROTOCOL.md).
	SpuriousLosses uint64
	// MessagesSent counts messages accepted by Send; MessagesDelivered messages returned by Next.
	MessagesSent, MessagesDelivered uint64
	// Shed counts unreliable messages dropped from the send queue, per priority.
	Shed [wire.NumPriorities]uint64
	// QueueDepth is the number of frames waiting to be sent, per priority.
	QueueDepth [wire.NumPriorities]int
	// QueuedBytes is the memory held by messages queued or unacknowledged on
	// the send side (bodies rounded up to their block size).
	QueuedBytes int
	// ReceiveBytes is the receive-side memory held (bodies rounded up to their block size).
	ReceiveBytes int
	// Reassemblies is the number of messages being reassembled.
	Reassemblies int
	// Drops counts discarded datagrams and messages by reason.
	Drops [NumDropReasons]uint64
}

// Loss is the fraction of tracked packets declared lost.
func (s Stats) Loss() float64 {
	n := s.DataPacketsAcked + s.DataPacketsLost
	if n == 0 {
		return 0
	}
	return float64(s.DataPacketsLost) / float64(n)
}

// Stats returns a snapshot of the connection's counters.
func (c *Conn) Stats() Stats {
	s := c.stats
	s.SRTT, s.RTTVar, s.MinRTT, s.RTO = c.rtt.srtt, c.rtt.rttvar, c.rtt.min, c.rtt.rto()
	s.PacingRate, s.BottleneckRate = c.cc.pacingRate(), c.cc.btlBw
	s.CongestionWindow, s.InFlight = c.cc.cwnd(c.rtt.min), c.inFlight
	for p := range s.QueueDepth {
		s.QueueDepth[p] = c.resendQ[p].len() + c.freshQ[p].len()
	}
	s.QueueDepth[wire.PriorityCritical] += c.urgentQ.len()
	s.QueuedBytes, s.ReceiveBytes, s.Reassemblies = c.queuedBytes, c.recvBytes, c.reassemblies
	return s
}

func (c *Conn) drop(r DropReason) { c.stats.Drops[r]++ }
