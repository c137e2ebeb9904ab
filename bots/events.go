package bots

import (
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Event names passed to on_event as its first argument, made once so that
// delivering an event does not allocate them.
var (
	luaEnter    = lua.LString("enter")
	luaLeave    = lua.LString("leave")
	luaAction   = lua.LString("action")
	luaMedia    = lua.LString("media")
	luaRejected = lua.LString("rejected")
	luaSelf     = lua.LString("self")
	luaStatus   = [...]lua.LValue{lua.LString("ok"), lua.LString("failed"), lua.LString("unknown-command"), lua.LString("denied")}
	luaActions  = [...]lua.LValue{lua.LString("?"), lua.LString("move"), lua.LString("attack"), lua.LString("use"), lua.LString("interact"), lua.LString("cast")}
)

// handleEvent applies one received event to the bot and calls the script.
func (b *bot) handleEvent(e *Event) {
	if b.done {
		return
	}
	now := b.lastTick
	switch e.Kind {
	case EventSnapshot:
		b.stats.updates.Add(1)
		if e.Latency > 0 {
			b.stats.latencyHist.Record(e.Latency)
		}
		for _, en := range e.Entities {
			if en.ID != b.selfID {
				b.visible[en.ID] = en
			}
		}
		if b.defined(b.onSnapshot) {
			b.call(b.onSnapshot, now, lua.LNumber(max(e.Count, len(e.Entities))))
		}
	case EventView:
		clear(b.visible)
		for _, en := range e.Entities {
			if en.ID != b.selfID {
				b.visible[en.ID] = en
			}
		}
	case EventEnter:
		b.stats.updates.Add(1)
		if len(e.Entities) > 0 && e.ID != b.selfID {
			b.visible[e.ID] = e.Entities[0]
		}
		if b.defined(b.onEvent) {
			b.call(b.onEvent, now, luaEnter, lua.LNumber(e.ID))
		}
	case EventLeave:
		delete(b.visible, e.ID)
		if b.defined(b.onEvent) {
			b.call(b.onEvent, now, luaLeave, lua.LNumber(e.ID))
		}
	case EventAction:
		if b.defined(b.onEvent) {
			b.call(b.onEvent, now, luaAction, lua.LNumber(e.ID), actionName(e.Action.Kind))
		}
	case EventMedia:
		if b.defined(b.onEvent) {
			b.call(b.onEvent, now, luaMedia, lua.LNumber(e.ID))
		}
	case EventReply, EventTransferDone:
		b.confirm(now, e)
	case EventRejected:
		b.stats.rejected.Add(uint64(e.Count))
		if b.defined(b.onEvent) {
			b.call(b.onEvent, now, luaRejected, lua.LNumber(e.Count), lua.LString(e.Reason))
		}
	case EventSelf:
		if len(e.Entities) > 0 {
			p := e.Entities[0].Position
			if b.defined(b.onEvent) {
				b.call(b.onEvent, now, luaSelf, lua.LNumber(p[0]), lua.LNumber(p[1]), lua.LNumber(p[2]))
			}
		}
	case EventDisconnect:
		b.finish(now, e.Reason, false)
	}
}

// confirm settles a reliable message the server confirmed and runs the
// command's callback, if any.
func (b *bot) confirm(now time.Duration, e *Event) {
	key := pendingKey(e.Kind == EventTransferDone, uint32(e.ID))
	cb, ok := b.pending[key]
	if !ok {
		return
	}
	delete(b.pending, key)
	b.stats.reliableConfirmed.Add(1)
	if e.Kind == EventReply && cb != lua.LNil {
		if b.defined(cb) {
			b.call(cb, now, statusName(e.Status), lua.LString(e.Body))
		}
	}
}

func actionName(k ActionKind) lua.LValue {
	if int(k) < len(luaActions) {
		return luaActions[k]
	}
	return luaActions[0]
}

func statusName(s uint8) lua.LValue {
	if int(s) < len(luaStatus) {
		return luaStatus[s]
	}
	return lua.LString("error")
}

// pendingKey keeps command and transfer ids apart in bot.pending.
func pendingKey(transfer bool, id uint32) uint64 {
	if transfer {
		return 1<<32 | uint64(id)
	}
	return uint64(id)
}
