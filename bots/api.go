package bots

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// maxRandomBytes caps random_bytes, upload and raw payloads.
const maxRandomBytes = 1 << 20

// registerAPI installs the bot's functions and constants as Lua globals
// (documented in docs/BOTS.md).
func (b *bot) registerAPI() {
	L := b.L
	lim := b.cfg.limits
	for name, v := range map[string]lua.LValue{
		"MAX_SPEED":   lua.LNumber(lim.MaxSpeed),
		"AOI_RADIUS":  lua.LNumber(lim.AOIRadius),
		"RATE":        lua.LNumber(b.cfg.rate),
		"WORLD_MIN_X": lua.LNumber(lim.WorldMin[0]),
		"WORLD_MIN_Y": lua.LNumber(lim.WorldMin[1]),
		"WORLD_MIN_Z": lua.LNumber(lim.WorldMin[2]),
		"WORLD_MAX_X": lua.LNumber(lim.WorldMax[0]),
		"WORLD_MAX_Y": lua.LNumber(lim.WorldMax[1]),
		"WORLD_MAX_Z": lua.LNumber(lim.WorldMax[2]),
		"BOT_INDEX":   lua.LNumber(b.cfg.index),
		"SCRIPT":      lua.LString(b.cfg.script),
	} {
		L.SetGlobal(name, v)
	}
	for name, fn := range map[string]lua.LGFunction{
		"pos":          b.luaPos,
		"self":         b.luaSelf,
		"move":         b.luaMove,
		"move_dir":     b.luaMoveDir,
		"stop":         b.luaStop,
		"send":         b.luaSend,
		"skew":         b.luaSkew,
		"act":          b.luaAct,
		"command":      b.luaCommand,
		"upload":       b.luaUpload,
		"media":        b.luaMedia,
		"raw":          b.luaRaw,
		"visible":      b.luaVisible,
		"nearest":      b.luaNearest,
		"sleep":        b.luaSleep,
		"log":          b.luaLog,
		"rand":         b.luaRand,
		"random_bytes": b.luaRandomBytes,
		"now":          b.luaNow,
	} {
		L.SetGlobal(name, L.NewFunction(fn))
	}
	if m, ok := L.GetGlobal(lua.MathLibName).(*lua.LTable); ok {
		m.RawSetString("random", L.NewFunction(b.luaRand))
		m.RawSetString("randomseed", L.NewFunction(func(*lua.LState) int { return 0 }))
	}
}

func pushVec(L *lua.LState, v Vec3) {
	L.Push(lua.LNumber(v[0]))
	L.Push(lua.LNumber(v[1]))
	L.Push(lua.LNumber(v[2]))
}

func checkVec(L *lua.LState, first int) Vec3 {
	return Vec3{float32(L.CheckNumber(first)), float32(L.CheckNumber(first + 1)), float32(L.CheckNumber(first + 2))}
}

// pos() -> x, y, z: the position the bot claims.
func (b *bot) luaPos(L *lua.LState) int {
	pushVec(L, b.pos)
	return 3
}

// self() -> id, x, y, z: the entity id the server gave the bot and its position.
func (b *bot) luaSelf(L *lua.LState) int {
	L.Push(lua.LNumber(b.selfID))
	pushVec(L, b.pos)
	return 4
}

// move(x, y, z): claim this position; it is sent at the end of the tick.
func (b *bot) luaMove(L *lua.LState) int {
	b.pos = checkVec(L, 1)
	return 0
}

// move_dir(dx, dy, dz, speed): walk in this direction at speed units/s.
func (b *bot) luaMoveDir(L *lua.LState) int {
	d := checkVec(L, 1)
	speed := float64(L.CheckNumber(4))
	n := math.Sqrt(float64(d[0]*d[0] + d[1]*d[1] + d[2]*d[2]))
	if n == 0 || speed == 0 {
		b.vel = Vec3{}
		return 0
	}
	k := float32(speed / n)
	b.vel = Vec3{d[0] * k, d[1] * k, d[2] * k}
	return 0
}

// stop(): stand still.
func (b *bot) luaStop(*lua.LState) int {
	b.vel = Vec3{}
	return 0
}

// send(): send the current position now, on top of the one sent each tick.
func (b *bot) luaSend(*lua.LState) int {
	b.sendPosition()
	return 0
}

// skew(seconds): shift the timestamp of every later input.
func (b *bot) luaSkew(L *lua.LState) int {
	b.skew = time.Duration(float64(L.CheckNumber(1)) * float64(time.Second))
	return 0
}

// act(kind, ...): send a player action; kinds and arguments:
// "move" dx, dy, dz, speed | "attack" target, damage | "use" item |
// "interact" object | "cast" skill, x, y, z.
func (b *bot) luaAct(L *lua.LState) int {
	var a Action
	switch kind := L.CheckString(1); kind {
	case "move":
		a = Action{Kind: ActMove, Direction: checkVec(L, 2), Speed: float32(L.CheckNumber(5))}
	case "attack":
		a = Action{Kind: ActAttack, Target: uint64(L.CheckNumber(2)), Value: uint32(L.OptInt(3, 1))}
	case "use":
		a = Action{Kind: ActUseItem, Value: uint32(L.CheckInt(2))}
	case "interact":
		a = Action{Kind: ActInteract, Target: uint64(L.CheckNumber(2))}
	case "cast":
		a = Action{Kind: ActCast, Value: uint32(L.CheckInt(2)), Position: checkVec(L, 3)}
	default:
		L.ArgError(1, fmt.Sprintf("unknown action %q (move, attack, use, interact, cast)", kind))
		return 0
	}
	if err := b.conn.SendAction(a, b.skew); err != nil {
		b.noteSendErr(err)
		return 0
	}
	b.stats.inputsSent.Add(1)
	return 0
}

// command(name, params [, callback(status, body)]) -> id: send a reliable
// command; the callback runs when the reply arrives.
func (b *bot) luaCommand(L *lua.LState) int {
	name := L.CheckString(1)
	params := L.OptString(2, "")
	var cb lua.LValue = lua.LNil
	if L.GetTop() >= 3 {
		cb = L.CheckFunction(3)
	}
	id, err := b.conn.SendCommand(name, []byte(params))
	if err != nil {
		b.noteSendErr(err)
		L.Push(lua.LNil)
		return 1
	}
	b.pending[pendingKey(false, id)] = cb
	b.stats.reliableSent.Add(1)
	L.Push(lua.LNumber(id))
	return 1
}

// upload(bytes) -> id: send a large transfer.
func (b *bot) luaUpload(L *lua.LState) int {
	data := L.CheckString(1)
	if len(data) > maxRandomBytes {
		L.ArgError(1, fmt.Sprintf("upload of %d bytes, at most %d", len(data), maxRandomBytes))
		return 0
	}
	id, err := b.conn.SendLarge([]byte(data))
	if err != nil {
		b.noteSendErr(err)
		L.Push(lua.LNil)
		return 1
	}
	b.pending[pendingKey(true, id)] = lua.LNil
	b.stats.reliableSent.Add(1)
	L.Push(lua.LNumber(id))
	return 1
}

// media(kind, bytes): send one media frame; kind is "key", "predict" or "audio".
func (b *bot) luaMedia(L *lua.LState) int {
	var kind MediaKind
	switch k := L.CheckString(1); k {
	case "key":
		kind = MediaKey
	case "predict":
		kind = MediaPredict
	case "audio":
		kind = MediaAudio
	default:
		L.ArgError(1, fmt.Sprintf("unknown media kind %q (key, predict, audio)", k))
		return 0
	}
	if err := b.conn.SendMedia(kind, []byte(L.CheckString(2))); err != nil {
		b.noteSendErr(err)
	}
	return 0
}

// raw(bytes): write one datagram to the server as is.
func (b *bot) luaRaw(L *lua.LState) int {
	if err := b.conn.SendRaw([]byte(L.CheckString(1))); err != nil {
		b.noteSendErr(err)
	}
	return 0
}

// visible() -> array of {id=, x=, y=, z=}: the entities in sight, by id.
func (b *bot) luaVisible(L *lua.LState) int {
	b.scratch = b.scratch[:0]
	for id := range b.visible {
		b.scratch = append(b.scratch, id)
	}
	slices.Sort(b.scratch)
	t := L.CreateTable(len(b.scratch), 0)
	for _, id := range b.scratch {
		e := b.visible[id]
		r := L.CreateTable(0, 4)
		r.RawSetString("id", lua.LNumber(e.ID))
		r.RawSetString("x", lua.LNumber(e.Position[0]))
		r.RawSetString("y", lua.LNumber(e.Position[1]))
		r.RawSetString("z", lua.LNumber(e.Position[2]))
		t.Append(r)
	}
	L.Push(t)
	return 1
}

// nearest() -> id, x, y, z, distance of the nearest visible entity, or nil.
func (b *bot) luaNearest(L *lua.LState) int {
	best, bestD := Entity{}, float32(math.MaxFloat32)
	found := false
	for _, e := range b.visible {
		dx, dy, dz := e.Position[0]-b.pos[0], e.Position[1]-b.pos[1], e.Position[2]-b.pos[2]
		d := dx*dx + dy*dy + dz*dz
		if d < bestD || (d == bestD && e.ID < best.ID) {
			best, bestD, found = e, d, true
		}
	}
	if !found {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(best.ID))
	pushVec(L, best.Position)
	L.Push(lua.LNumber(math.Sqrt(float64(bestD))))
	return 5
}

// sleep(seconds): skip on_tick for this long; the bot keeps moving, sending
// and receiving.
func (b *bot) luaSleep(L *lua.LState) int {
	b.sleepUntil = b.lastTick + time.Duration(float64(L.CheckNumber(1))*float64(time.Second))
	return 0
}

// log(...): write the arguments, separated by spaces, to the run's log.
func (b *bot) luaLog(L *lua.LState) int {
	parts := make([]string, L.GetTop())
	for i := range parts {
		parts[i] = L.ToStringMeta(L.Get(i + 1)).String()
	}
	b.cfg.logf("bot %d (%s): %s", b.cfg.index, b.cfg.script, strings.Join(parts, " "))
	return 0
}

// rand() -> [0,1); rand(n) -> 1..n; rand(m, n) -> m..n. Seeded per bot.
func (b *bot) luaRand(L *lua.LState) int {
	switch L.GetTop() {
	case 0:
		L.Push(lua.LNumber(b.rng.Float64()))
	case 1:
		n := L.CheckInt64(1)
		if n < 1 {
			L.ArgError(1, "interval is empty")
			return 0
		}
		L.Push(lua.LNumber(1 + b.rng.Int64N(n)))
	default:
		m, n := L.CheckInt64(1), L.CheckInt64(2)
		if n < m {
			L.ArgError(2, "interval is empty")
			return 0
		}
		L.Push(lua.LNumber(m + b.rng.Int64N(n-m+1)))
	}
	return 1
}

// random_bytes(n) -> a string of n seeded random bytes (n <= 1 MiB).
func (b *bot) luaRandomBytes(L *lua.LState) int {
	n := L.CheckInt(1)
	if n < 0 || n > maxRandomBytes {
		L.ArgError(1, fmt.Sprintf("%d bytes, want 0..%d", n, maxRandomBytes))
		return 0
	}
	buf := make([]byte, n)
	for i := 0; i < n; i += 8 {
		v := b.rng.Uint64()
		for j := 0; j < 8 && i+j < n; j++ {
			buf[i+j] = byte(v >> (8 * j))
		}
	}
	L.Push(lua.LString(buf))
	return 1
}

// now() -> seconds since the bot connected.
func (b *bot) luaNow(L *lua.LState) int {
	L.Push(lua.LNumber((b.lastTick - b.start).Seconds()))
	return 1
}
