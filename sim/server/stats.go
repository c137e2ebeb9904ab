package server

import (
	"sync/atomic"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/actions"
)

// Stats is a snapshot of the server's counters. Cheat, action and loop
// figures are summed over open rooms and the rooms closed before.
type Stats struct {
	// Rooms and Players are the open rooms and their players.
	Rooms, Players int
	// Joins counts admitted Connects; Leaves players who left or were removed.
	Joins, Leaves uint64
	// Refused counts Connects refused (room limit, room full, setup error).
	Refused uint64
	// MessagesIn counts received messages by wire type (application types
	// are counted under index wire.FirstApplicationType).
	MessagesIn [wire.FirstApplicationType + 1]uint64
	// Malformed counts messages that failed to decode, came before Connect,
	// named another user, or had an unregistered type.
	Malformed uint64
	// InboundDropped counts messages dropped because a room queue was full,
	// by priority.
	InboundDropped [wire.NumPriorities]uint64
	// OutboundShed counts messages the server did not send because the
	// outbound queue was full, by priority (Critical is retried, never shed).
	OutboundShed [wire.NumPriorities]uint64
	// CriticalRetried counts reliable messages held for retry; CriticalKicks
	// connections kicked because their held messages overflowed.
	CriticalRetried, CriticalKicks uint64
	// CheatKicks counts connections kicked for cheat strikes.
	CheatKicks uint64
	// Commands counts ReliableCommands by reply status (index = wire.ReplyStatus, capped at 3).
	Commands [4]uint64
	// Transfers counts completed LargeDataTransfers; TransferErrors refused chunks.
	Transfers, TransferErrors uint64
	// MediaRelayed counts MediaStream copies sent to AOI peers.
	MediaRelayed uint64
	// Cheat counts validate-cheat verdicts by reason.
	Cheat [ecs.NumReasons]uint64
	// Actions counts PlayerAction verdicts.
	Actions [actions.NumRejects]uint64
	// Ticks and Overruns are summed over rooms.
	Ticks, Overruns uint64
}

type counters struct {
	joins, leaves, refused                     atomic.Uint64
	messagesIn                                 [wire.FirstApplicationType + 1]atomic.Uint64
	malformed                                  atomic.Uint64
	inboundDropped, outboundShed               [wire.NumPriorities]atomic.Uint64
	criticalRetried, criticalKicks, cheatKicks atomic.Uint64
	commands                                   [4]atomic.Uint64
	transfers, transferErrors, mediaRelayed    atomic.Uint64
	cheat                                      [ecs.NumReasons]atomic.Uint64
	actions                                    [actions.NumRejects]atomic.Uint64
	ticks, overruns                            atomic.Uint64
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	c := &s.stats
	var st Stats
	s.mu.Lock()
	st.Rooms = len(s.rooms)
	for _, r := range s.rooms {
		st.Players += int(r.players.Load())
	}
	s.mu.Unlock()
	st.Joins, st.Leaves, st.Refused = c.joins.Load(), c.leaves.Load(), c.refused.Load()
	for i := range st.MessagesIn {
		st.MessagesIn[i] = c.messagesIn[i].Load()
	}
	st.Malformed = c.malformed.Load()
	for i := range st.InboundDropped {
		st.InboundDropped[i], st.OutboundShed[i] = c.inboundDropped[i].Load(), c.outboundShed[i].Load()
	}
	st.CriticalRetried, st.CriticalKicks, st.CheatKicks = c.criticalRetried.Load(), c.criticalKicks.Load(), c.cheatKicks.Load()
	for i := range st.Commands {
		st.Commands[i] = c.commands[i].Load()
	}
	st.Transfers, st.TransferErrors, st.MediaRelayed = c.transfers.Load(), c.transferErrors.Load(), c.mediaRelayed.Load()
	for i := range st.Cheat {
		st.Cheat[i] = c.cheat[i].Load()
	}
	for i := range st.Actions {
		st.Actions[i] = c.actions[i].Load()
	}
	st.Ticks, st.Overruns = c.ticks.Load(), c.overruns.Load()
	return st
}

// countIn counts a received message by type.
func (c *counters) countIn(t wire.Type) {
	if t > wire.FirstApplicationType {
		t = wire.FirstApplicationType
	}
	c.messagesIn[t].Add(1)
}
