package endpoint

import (
	"errors"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/udp"
)

func (c *Client) now() time.Duration { return time.Since(c.epoch) }

// loop is the client's network goroutine.
func (c *Client) loop() {
	rd := startReader(c.sock)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	closeReq := c.closeReq
	var closeBy time.Duration
	closing, readerEnded := false, false
	nextRefresh := time.Duration(0)
	var overdue overdueGuard
	for {
		now := c.now()
		c.drainOutbox(now)
		c.conn.Poll(now, c.emitFn)
		c.flush()
		if c.conn.State() == rudp.StateClosed {
			break
		}
		if closing && now >= closeBy {
			c.conn.Abort()
			c.conn.Poll(now, c.emitFn)
			c.flush()
			break
		}
		if now >= nextRefresh {
			c.refresh()
			nextRefresh = now + statsRefresh
		}
		next := min(c.conn.NextDeadline(), nextRefresh)
		if closing {
			next = min(next, closeBy)
		}
		var batch *udp.RecvBatch
		if wait := overdue.wait(next - c.now()); wait > 0 {
			timer.Reset(wait)
			select {
			case batch = <-rd.full:
			case <-c.out.wake:
			case <-timer.C:
			case <-closeReq:
			case err := <-rd.done:
				c.cfg.Logger.Error().Err(readerError(err)).Msg("endpoint: client socket read failed")
				readerEnded = true
				c.conn.Abort()
			}
		} else {
			select {
			case batch = <-rd.full:
			default:
			}
		}
		if batch != nil {
			c.receive(c.now(), batch)
			rd.free <- batch
		}
		if !closing && isClosed(closeReq) {
			closing, closeReq = true, nil
			now := c.now()
			closeBy = now + clientCloseWait
			c.conn.Close(now)
		}
	}
	rd.close()
	c.sock.Close()
	if !readerEnded {
		<-rd.done
	}
	c.refresh()
	reason := c.conn.CloseReason()
	if closing && reason == rudp.ReasonShutdown {
		reason = rudp.ReasonLocalClose // our own reset after the close wait
	}
	c.reason.Store(uint32(reason))
	c.conn.Release()
	if c.est {
		c.h.OnClose(reason)
	}
	close(c.done)
}

func isClosed(ch chan struct{}) bool {
	if ch == nil {
		return false
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// receive feeds the connection every datagram of the batch from the server.
func (c *Client) receive(now time.Duration, rb *udp.RecvBatch) {
	data, addrs := rb.Datagrams()
	for i, d := range data {
		if addrs[i] != c.server {
			continue
		}
		c.conn.Receive(now, d)
	}
	if !c.est && c.conn.State() >= rudp.StateEstablished && c.conn.State() != rudp.StateClosed {
		c.est = true
		close(c.established)
	}
	if ms, _, ok := c.conn.PeerClock(now); ok {
		c.clockOffset.Store(ms - uint32(now/time.Millisecond))
		c.clockValid.Store(true)
	}
	for c.conn.Next(&c.msg) {
		if len(c.msg.Body) == 0 || c.msg.Body[0] != c.msg.Type {
			continue
		}
		c.h.OnMessage(c.msg.Channel, c.msg.Body)
	}
}

// drainOutbox hands queued messages to the connection. When rudp's send
// queue is full, the message is held and retried after the next Poll, and
// the outbox stays queued, so Send reports the back-pressure by returning
// false instead of losing reliable messages.
func (c *Client) drainOutbox(now time.Duration) {
	if c.held {
		if errors.Is(c.conn.SendAt(now, c.hold.ch, c.hold.prio, c.hold.buf[0], c.hold.buf), rudp.ErrQueueFull) {
			return
		}
		c.out.recycle(c.hold.buf)
		c.held, c.hold = false, outEntry{}
	}
	var e outEntry
	for c.out.pop(&e) {
		if errors.Is(c.conn.SendAt(now, e.ch, e.prio, e.buf[0], e.buf), rudp.ErrQueueFull) {
			c.hold, c.held = e, true
			return
		}
		c.out.recycle(e.buf) // other refusals (closing, too large) drop the message
		e = outEntry{}
	}
}

func (c *Client) emit(datagram []byte) {
	if c.sendQ.Len() == c.sendQ.Cap() {
		c.flush()
	}
	c.sendQ.Add(c.server, datagram) //nolint:errcheck // datagrams never exceed the slot size
}

func (c *Client) flush() {
	if c.sendQ.Len() > 0 {
		if _, err := c.sock.WriteBatch(c.sendQ); err != nil {
			c.cfg.Logger.Debug().Err(err).Msg("endpoint: client write")
		}
	}
}

func (c *Client) refresh() {
	st := c.conn.Stats()
	c.statsMu.Lock()
	c.stats = st
	c.statsMu.Unlock()
}
