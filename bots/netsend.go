package bots

import (
	"encoding/binary"
	"fmt"
	"net"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// identity is the rotation bots send: they do not turn.
var identity = [4]float32{0, 0, 0, 1}

// stamp is the server-clock timestamp of an input sent now, shifted by skew.
func (n *netConn) stamp(skew time.Duration) uint32 {
	return n.c.ServerTimeMS() + uint32(int32(skew/time.Millisecond))
}

// SendPosition sends a PositionUpdate (unreliable-sequenced, High).
func (n *netConn) SendPosition(pos, vel Vec3, skew time.Duration) error {
	n.posSeq++
	n.buf = wire.AppendPositionUpdate(n.buf[:0], &wire.PositionUpdate{
		UserID: n.userID, Position: pos, Rotation: identity, Velocity: vel,
		Timestamp: n.stamp(skew), Sequence: n.posSeq,
	})
	if !n.c.Send(rudp.UnreliableSequenced, wire.PriorityHigh, n.buf) {
		return fmt.Errorf("bots: position of user %d: %w", n.userID, ErrSendRefused)
	}
	return nil
}

// SendAction sends a PlayerAction (reliable-ordered, High).
func (n *netConn) SendAction(a Action, skew time.Duration) error {
	n.actSeq++
	m := wire.PlayerAction{UserID: n.userID, Sequence: n.actSeq, Timestamp: n.stamp(skew), Kind: wire.ActionKind(a.Kind)}
	switch a.Kind {
	case ActMove:
		m.Move = wire.Move{Direction: a.Direction, Speed: a.Speed}
	case ActAttack:
		m.Attack = wire.Attack{TargetID: a.Target, Damage: a.Value}
	case ActUseItem:
		m.UseItem = wire.UseItem{ItemID: a.Value}
	case ActInteract:
		m.Interact = wire.Interact{ObjectID: a.Target}
	case ActCast:
		m.Cast = wire.Cast{SkillID: a.Value, TargetPos: a.Position}
	default:
		return fmt.Errorf("bots: action kind %d: %w", a.Kind, wire.ErrOutOfRange)
	}
	n.buf = wire.AppendPlayerAction(n.buf[:0], &m)
	if !n.c.Send(rudp.ReliableOrdered, wire.PriorityHigh, n.buf) {
		return fmt.Errorf("bots: action of user %d: %w", n.userID, ErrSendRefused)
	}
	return nil
}

// SendCommand sends a ReliableCommand; its reply becomes an EventReply.
func (n *netConn) SendCommand(name string, params []byte) (uint32, error) {
	id, err := n.c.SendCommand(name, params, func(r *wire.CommandReply) {
		e := netEvent{kind: EventReply, id: uint64(r.CommandID), status: uint8(r.Status)}
		e.bodyLen = uint8(copy(e.body[:], r.Body))
		n.push(&e)
	})
	if err != nil {
		return 0, fmt.Errorf("bots: %w", err)
	}
	return id, nil
}

// SendLarge sends a transfer followed by UploadDoneCommand; the command's
// reply becomes EventTransferDone for the transfer.
func (n *netConn) SendLarge(data []byte) (uint32, error) {
	id, err := n.c.SendLargeTransfer(data)
	if err != nil {
		return 0, fmt.Errorf("bots: %w", err)
	}
	var params [4]byte
	binary.LittleEndian.PutUint32(params[:], id)
	if _, err := n.c.SendCommand(UploadDoneCommand, params[:], func(*wire.CommandReply) {
		n.push(&netEvent{kind: EventTransferDone, id: uint64(id)})
	}); err != nil {
		return 0, fmt.Errorf("bots: confirm transfer %d: %w", id, err)
	}
	return id, nil
}

// SendMedia sends one media frame (unreliable, Low).
func (n *netConn) SendMedia(kind MediaKind, data []byte) error {
	if !n.c.SendMedia(&wire.MediaStream{StreamID: uint32(n.userID), FrameType: wire.FrameType(kind), Timestamp: n.stamp(0), FrameData: data}) {
		return fmt.Errorf("bots: media of user %d: %w", n.userID, ErrSendRefused)
	}
	return nil
}

// SendRaw writes a datagram to the server from a second socket of this bot
// (the connection's own socket belongs to the transport).
func (n *netConn) SendRaw(d []byte) error {
	if n.raw == nil {
		ua, err := net.ResolveUDPAddr("udp", n.addr)
		if err != nil {
			return fmt.Errorf("bots: raw socket: %w", err)
		}
		if n.raw, err = net.DialUDP("udp", nil, ua); err != nil {
			return fmt.Errorf("bots: raw socket: %w", err)
		}
	}
	if _, err := n.raw.Write(d); err != nil {
		return fmt.Errorf("bots: raw datagram: %w", err)
	}
	return nil
}

// Close leaves politely and closes the raw socket if there is one.
func (n *netConn) Close() error {
	if n.raw != nil {
		_ = n.raw.Close()
	}
	if err := n.c.Close(); err != nil {
		return fmt.Errorf("bots: close user %d: %w", n.userID, err)
	}
	return nil
}
