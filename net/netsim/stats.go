package netsim

// Stats counts what a link did with the datagrams given to it. Every sent
// datagram is either dropped (Lost, OutageLost or QueueDropped), in flight,
// or delivered; duplicated copies add to Delivered on top of that.
type Stats struct {
	// Sent counts calls to Send.
	Sent uint64
	// Delivered counts copies handed to a Deliver callback, duplicates included.
	Delivered uint64
	// Lost counts datagrams dropped by uniform or bursty random loss.
	Lost uint64
	// OutageLost counts datagrams sent while the link was down.
	OutageLost uint64
	// QueueDropped counts datagrams tail-dropped at a full bottleneck queue.
	QueueDropped uint64
	// Duplicated counts extra copies created.
	Duplicated uint64
	// Reordered counts delivered originals that arrived after a datagram
	// sent later than them (they were overtaken).
	Reordered uint64
	// BytesSent is the payload bytes given to Send.
	BytesSent uint64
	// BytesDelivered is the payload bytes handed to Deliver callbacks.
	BytesDelivered uint64
}

// Dropped is the total of datagrams the link threw away for any reason.
func (s Stats) Dropped() uint64 { return s.Lost + s.OutageLost + s.QueueDropped }
