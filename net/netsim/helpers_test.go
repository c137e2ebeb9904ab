package netsim

import (
	"encoding/binary"
	"time"
)

// delivery is one datagram as seen by the receiver in a test.
type delivery struct {
	id      uint64        // sender's number for the datagram
	sent    time.Duration // when it was sent
	arrived time.Duration // when Deliver handed it over
}

// stamp writes id and send time into an outgoing test datagram of size n
// (at least 16 bytes).
func stamp(buf []byte, id uint64, sent time.Duration) {
	binary.LittleEndian.PutUint64(buf[0:8], id)
	binary.LittleEndian.PutUint64(buf[8:16], uint64(sent))
}

// traffic sends count datagrams of size bytes every interval from time 0,
// delivers everything, and returns the deliveries in arrival order.
func traffic(l *Link, count int, size int, interval time.Duration) []delivery {
	out := make([]delivery, 0, count)
	buf := make([]byte, max(size, 16))
	var now time.Duration
	recv := func(d []byte) {
		out = append(out, delivery{
			id:      binary.LittleEndian.Uint64(d[0:8]),
			sent:    time.Duration(binary.LittleEndian.Uint64(d[8:16])),
			arrived: now,
		})
	}
	for i := range count {
		now = time.Duration(i) * interval
		for {
			t, ok := l.NextEvent()
			if !ok || t > now {
				break
			}
			saved := now
			now = t
			l.Deliver(t, recv)
			now = saved
		}
		stamp(buf, uint64(i), now)
		l.Send(now, buf)
	}
	for {
		t, ok := l.NextEvent()
		if !ok {
			break
		}
		now = t
		l.Deliver(t, recv)
	}
	return out
}
