package endpoint

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/udp"
)

// never is a deadline that does not come.
const never = time.Duration(math.MaxInt64)

// shutdownLinger is how long Run waits, after ctx is done, for clients to
// answer the FIN before resetting the rest.
const shutdownLinger = time.Second

// loop is the network goroutine.
func (s *Server) loop(ctx context.Context) error {
	rd := startReader(s.sock)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	nextRefresh := time.Duration(0)
	var shutdownAt time.Duration
	var runErr error
	readerEnded := false
	done := ctx.Done()
	var overdue overdueGuard
	for {
		now := s.Now()
		s.drainOutbox(now)
		s.drainReleased()
		next := s.pollDue(now)
		if s.closed {
			s.closed = false
			s.lis.Sweep(s.sweepFn)
		}
		s.flush()
		if now >= nextRefresh {
			s.refresh()
			nextRefresh = now + statsRefresh
		}
		next = min(next, nextRefresh)
		if s.shutting {
			if s.lis.Len() == 0 {
				break
			}
			if now >= shutdownAt {
				s.abortAll(now)
				break
			}
			next = min(next, shutdownAt)
		}
		var batch *udp.RecvBatch
		if wait := overdue.wait(next - s.Now()); wait > 0 {
			timer.Reset(wait)
			select {
			case batch = <-rd.full:
			case <-s.out.wake:
			case <-timer.C:
			case <-done:
			case err := <-rd.done:
				readerEnded, runErr = true, readerError(err)
			}
		} else {
			select {
			case batch = <-rd.full:
			case err := <-rd.done:
				readerEnded, runErr = true, readerError(err)
			default:
			}
		}
		if runErr != nil {
			break
		}
		if batch != nil {
			s.receive(s.Now(), batch)
			rd.free <- batch
		}
		if !s.shutting && ctx.Err() != nil {
			done = nil
			s.shutting = true
			now := s.Now()
			shutdownAt = now + shutdownLinger
			s.closeAll(now)
		}
	}
	rd.close()
	closeErr := s.sock.Close()
	if !readerEnded {
		if err := <-rd.done; err != nil && runErr == nil {
			runErr = err
		}
	} else {
		closeErr = nil // the socket was already gone; runErr says why
	}
	s.refresh()
	if runErr != nil {
		return fmt.Errorf("endpoint: run: %w", runErr)
	}
	if closeErr != nil {
		return fmt.Errorf("endpoint: run: %w", closeErr)
	}
	return nil
}

// readerError is the error to end Run with when the reader goroutine stopped
// on its own: its read error, or ErrClosed when the socket was closed.
func readerError(err error) error {
	if err == nil {
		return ErrClosed
	}
	return err
}

// closeAll starts a graceful close (FIN) of every connection.
func (s *Server) closeAll(now time.Duration) {
	for id := 1; id < len(s.slots); id++ {
		if c := s.slots[id].conn; c != nil {
			c.Close(now)
			s.deadlines[id] = 0
		}
	}
}

// abortAll resets every connection still open after the shutdown linger,
// emits the RSTs, and removes them.
func (s *Server) abortAll(now time.Duration) {
	for id := 1; id < len(s.slots); id++ {
		if sl := &s.slots[id]; sl.conn != nil {
			sl.conn.Abort()
			s.emitTo = sl.addr
			sl.conn.Poll(now, s.emitFn)
		}
	}
	s.lis.Sweep(s.sweepFn)
	s.flush()
}

// pollDue polls every connection whose deadline has come and returns the
// earliest deadline left.
func (s *Server) pollDue(now time.Duration) time.Duration {
	next := never
	for id := 1; id < len(s.deadlines); id++ {
		d := s.deadlines[id]
		if d > now {
			next = min(next, d)
			continue
		}
		sl := &s.slots[id]
		if sl.conn == nil {
			continue
		}
		s.emitTo = sl.addr
		if len(sl.held) > 0 {
			s.retryHeld(sl, now)
		}
		s.pollSlot(sl, now)
		d = sl.conn.NextDeadline()
		s.deadlines[id] = d
		next = min(next, d)
	}
	return next
}

// pollSlot polls a connection at now (s.emitTo must be its address) and
// notes a close for the next sweep.
func (s *Server) pollSlot(sl *slot, now time.Duration) {
	sl.conn.Poll(now, s.emitFn)
	if sl.conn.State() == rudp.StateClosed {
		s.closed = true
	}
}

// emit queues one datagram for s.emitTo, writing the batch when it is full.
func (s *Server) emit(datagram []byte) {
	if s.sendQ.Len() == s.sendQ.Cap() {
		s.flush()
	}
	if err := s.sendQ.Add(s.emitTo, datagram); err != nil {
		s.ctr.drop(DropWriteError)
		return
	}
	s.ctr.datagramsOut.Add(1)
	s.ctr.bytesOut.Add(uint64(len(datagram)))
}

// flush writes the queued datagrams.
func (s *Server) flush() {
	if s.sendQ.Len() == 0 {
		return
	}
	n := s.sendQ.Len()
	sent, err := s.sock.WriteBatch(s.sendQ)
	if sent < n {
		s.ctr.drops[DropWriteError].Add(uint64(n - sent))
	}
	if err != nil {
		s.cfg.Logger.Debug().Err(err).Msg("endpoint: write batch")
	}
}

// maxHeld caps the messages held per connection while rudp's send queue is
// full; beyond it Send's messages are dropped (DropRefused).
const maxHeld = 256

// drainOutbox hands queued Sends and Kicks to their connections.
func (s *Server) drainOutbox(now time.Duration) {
	var e outEntry
	for s.out.pop(&e) {
		if !s.apply(now, &e) {
			s.out.recycle(e.buf)
		}
		e = outEntry{}
	}
}

// apply carries out one outbox entry. It reports whether the entry's
// buffer was kept (held for a retry).
func (s *Server) apply(now time.Duration, e *outEntry) (kept bool) {
	if e.id == 0 || int(e.id) >= len(s.slots) || s.slots[e.id].conn == nil {
		s.ctr.drop(DropNoConn)
		return false
	}
	sl := &s.slots[e.id]
	s.deadlines[e.id] = 0
	if e.kind == outKick {
		s.kick(sl, e.reason)
		return false
	}
	if len(sl.held) > 0 || !s.sendNow(sl, e, now) {
		if len(sl.held) >= maxHeld || sl.conn.State() >= rudp.StateClosing {
			s.ctr.drop(DropRefused)
			return false
		}
		sl.held = append(sl.held, *e)
		return true
	}
	return false
}

// sendNow hands a message to its connection and reports false when rudp's
// send queue is full (the caller holds the message). Other refusals
// (closing, too large for the channel) drop it, counted as DropRefused.
func (s *Server) sendNow(sl *slot, e *outEntry, now time.Duration) bool {
	err := sl.conn.SendAt(now, e.ch, e.prio, e.buf[0], e.buf)
	switch {
	case err == nil:
		s.ctr.messagesOut.Add(1)
	case errors.Is(err, rudp.ErrQueueFull):
		return false
	default:
		s.ctr.drop(DropRefused)
	}
	return true
}

// retryHeld hands a connection's held messages to it, in order, until its
// send queue is full again.
func (s *Server) retryHeld(sl *slot, now time.Duration) {
	n := 0
	for n < len(sl.held) && s.sendNow(sl, &sl.held[n], now) {
		s.out.recycle(sl.held[n].buf)
		n++
	}
	if n > 0 {
		rest := copy(sl.held, sl.held[n:])
		clear(sl.held[rest:])
		sl.held = sl.held[:rest]
	}
}

// dropHeld discards a closed connection's held messages.
func (s *Server) dropHeld(sl *slot) {
	for i := range sl.held {
		s.out.recycle(sl.held[i].buf)
		s.ctr.drop(DropRefused)
	}
	clear(sl.held)
	sl.held = sl.held[:0]
}

// kick resets a connection with reason (rudp sends reasons that only have
// a local meaning as ReasonShutdown); the next Poll emits the RST.
func (s *Server) kick(sl *slot, reason rudp.CloseReason) {
	sl.conn.Reset(reason)
	sl.kicked = sl.conn.CloseReason()
	s.closed = true
}
