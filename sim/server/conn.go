package server

import (
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/sim/server/transfer"
	"github.com/tickforge/tickforge/systems/actions"
	"github.com/tickforge/tickforge/systems/ingest"
)

// connPhase is where a connection is in its life.
type connPhase uint8

const (
	phaseNone   connPhase = iota // no connection with this id
	phaseNew                     // handshake done, waiting for Connect
	phaseJoined                  // admitted to a room
	phaseLeft                    // sent Disconnect or was refused; waiting for OnDisconnect
)

// connState is the network goroutine's record of one connection.
type connState struct {
	phase  connPhase
	room   *Room
	userID uint64
	asm    *transfer.Assembler // created at the first transfer chunk
	// inRoom is set once the connection's Connect was queued to a room:
	// the room then owes the id's release (after applying its disconnect).
	inRoom bool
}

// scratch holds values handed to queues by pointer, so the network
// goroutine's pushes do not allocate.
type scratch struct {
	input  ingest.Event
	action actions.Action
	event  roomEvent
}

// conn returns the state of id, growing the table as needed.
func (s *Server) conn(id endpoint.ConnID) *connState {
	if int(id) >= len(s.conns) {
		s.conns = append(s.conns, make([]connState, int(id)+1-len(s.conns))...)
	}
	return &s.conns[id]
}
