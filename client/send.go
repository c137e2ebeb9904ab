package client

import (
	"context"
	"fmt"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server/transfer"
)

// Send sends a whole wire message (type byte first), for game message types.
func (c *Client) Send(ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	return c.ep.Send(ch, prio, payload)
}

// SendPosition sends a PositionUpdate stamped with the next sequence number
// and the server's clock, unreliable-sequenced at High priority.
func (c *Client) SendPosition(pos [3]float32, rot [4]float32, vel [3]float32) bool {
	var b [wire.PositionUpdateSize]byte
	p := wire.AppendPositionUpdate(b[:0], &wire.PositionUpdate{
		UserID: c.userID, Position: pos, Rotation: rot, Velocity: vel,
		Timestamp: c.ep.ServerTimeMS(), Sequence: uint16(c.posSeq.Add(1)),
	})
	return c.ep.Send(rudp.UnreliableSequenced, wire.PriorityHigh, p)
}

// SendAction sends a PlayerAction (reliable, High) with the player's user
// id, the next action sequence number and the server's clock filled in.
func (c *Client) SendAction(a wire.PlayerAction) bool {
	a.UserID, a.Sequence, a.Timestamp = c.userID, uint16(c.actSeq.Add(1)), c.ep.ServerTimeMS()
	var b [64]byte
	return c.ep.Send(rudp.ReliableOrdered, wire.PriorityHigh, wire.AppendPlayerAction(b[:0], &a))
}

// SendCommand sends a ReliableCommand; onReply, if not nil, is called with
// the reply on the network goroutine (its Body valid during the call). It
// returns the command id.
func (c *Client) SendCommand(name string, params []byte, onReply func(*wire.CommandReply)) (uint32, error) {
	if len(name) == 0 || len(name) > wire.MaxCommandName || len(params) > wire.MaxBytesField {
		return 0, fmt.Errorf("client: command %q: name or parameters too long", name)
	}
	id := c.nextCommand.Add(1)
	if onReply != nil {
		c.mu.Lock()
		c.replies[id] = onReply
		c.mu.Unlock()
	}
	msg := wire.AppendReliableCommand(nil, &wire.ReliableCommand{CommandID: id, UserID: c.userID, Command: []byte(name), Parameters: params})
	if !c.ep.Send(rudp.ReliableOrdered, wire.PriorityNormal, msg) {
		c.mu.Lock()
		delete(c.replies, id)
		c.mu.Unlock()
		return 0, fmt.Errorf("client: command %q: %w", name, ErrQueueFull)
	}
	return id, nil
}

// Command sends a ReliableCommand and waits for its reply (Body copied).
func (c *Client) Command(ctx context.Context, name string, params []byte) (wire.CommandReply, error) {
	done := make(chan wire.CommandReply, 1)
	id, err := c.SendCommand(name, params, func(r *wire.CommandReply) {
		cp := *r
		cp.Body = append([]byte(nil), r.Body...)
		done <- cp
	})
	if err != nil {
		return wire.CommandReply{}, err
	}
	select {
	case r := <-done:
		return r, nil
	case <-c.ep.Done():
		return wire.CommandReply{}, fmt.Errorf("client: command %q: %w", name, ErrClosed)
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.replies, id)
		c.mu.Unlock()
		return wire.CommandReply{}, fmt.Errorf("client: command %q: %w", name, ctx.Err())
	}
}

// SendLargeTransfer sends data as a LargeDataTransfer (reliable chunks at
// Low priority) and returns its transfer id.
func (c *Client) SendLargeTransfer(data []byte) (uint32, error) {
	id := c.nextTransfer.Add(1)
	if _, err := transfer.Split(nil, id, data, func(chunk []byte) bool {
		return c.ep.Send(rudp.ReliableOrdered, wire.PriorityLow, chunk)
	}); err != nil {
		return 0, fmt.Errorf("client: transfer %d: %w", id, err)
	}
	return id, nil
}

// SendMedia sends a MediaStream frame unreliably at Low priority; the
// server relays it to the players in this player's view. The encoded frame
// must fit one fragment (rudp.FragmentSize bytes).
func (c *Client) SendMedia(m *wire.MediaStream) bool {
	var b [rudp.FragmentSize]byte
	if 1+4+1+4+2+len(m.FrameData) > len(b) {
		return false
	}
	return c.ep.Send(rudp.Unreliable, wire.PriorityLow, wire.AppendMediaStream(b[:0], m))
}

// RequestSync asks for a GameStateSync of everything in view.
func (c *Client) RequestSync() bool {
	var b [wire.GameStateSyncHeaderSize]byte
	return c.ep.Send(rudp.ReliableOrdered, wire.PriorityNormal, wire.AppendGameStateSyncHeader(b[:0], c.roomID, 0, 0))
}
