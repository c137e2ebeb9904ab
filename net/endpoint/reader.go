package endpoint

import (
	"errors"
	"net"

	"github.com/tickforge/tickforge/net/udp"
)

// readerBatches is how many receive batches circulate between the reader
// goroutine and the network goroutine: one being read while others wait.
const readerBatches = 3

// reader is the goroutine that blocks in the socket's batched read and hands
// each filled batch to the network goroutine, which gives it back when done.
// Batches circulate, so reading allocates nothing.
type reader struct {
	sock *udp.Socket
	full chan *udp.RecvBatch
	free chan *udp.RecvBatch
	stop chan struct{}
	done chan error
}

func startReader(sock *udp.Socket) *reader {
	r := &reader{
		sock: sock,
		full: make(chan *udp.RecvBatch, readerBatches),
		free: make(chan *udp.RecvBatch, readerBatches),
		stop: make(chan struct{}),
		done: make(chan error, 1),
	}
	for range readerBatches {
		r.free <- udp.NewRecvBatch(recvBatchSize, udp.DefaultSlotSize)
	}
	go r.run()
	return r
}

func (r *reader) run() {
	for {
		var b *udp.RecvBatch
		select {
		case b = <-r.free:
		case <-r.stop:
			r.done <- nil
			return
		}
		if _, err := r.sock.ReadBatch(b); err != nil {
			if errors.Is(err, net.ErrClosed) {
				err = nil
			}
			r.done <- err
			return
		}
		select {
		case r.full <- b:
		case <-r.stop:
			r.done <- nil
			return
		}
	}
}

// close stops the reader; the caller closes the socket to unblock a read in
// progress, then waits on done.
func (r *reader) close() { close(r.stop) }
