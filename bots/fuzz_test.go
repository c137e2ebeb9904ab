package bots

import (
	"testing"
)

// FuzzScript runs arbitrary script text through compile, the sandbox and a
// few ticks with events: whatever the text, nothing panics and the bot
// either runs or stops with an error.
func FuzzScript(f *testing.F) {
	for _, name := range Names() {
		src, err := Source(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		``, `function (`, `while true do end`, `os.exit(1)`, `local t = {} for i = 1, 1e6 do t[i] = i end`,
		`function on_tick(dt) act("cast", 1, 0/0, 1/0, -1/0) move(0/0, 1e39, -1e39) end`,
		`function on_event(k, id) command(string.rep("x", 300), string.rep("y", 70000)) end`,
		`function on_tick() media("audio", random_bytes(2000)) raw("") upload("") end`,
		`setmetatable(_G, {__index = function() error("x") end}) function on_tick() undefined() end`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		proto, err := compile("fuzz", src)
		if err != nil {
			return
		}
		b, err := newBot(botConfig{script: "fuzz", proto: proto, seed: 1, rate: 60, limits: testLimits,
			budget: 200_000, logf: func(string, ...any) {}}, &botStats{})
		if err != nil {
			return
		}
		c := &fakeConn{id: 1, spawn: Vec3{500, 0, 500}, autoConfirm: true}
		b.attach(0, c)
		c.queued = []Event{
			{Kind: EventEnter, ID: 2, Entities: []Entity{{ID: 2}}},
			{Kind: EventSnapshot, Count: 1},
			{Kind: EventRejected, Count: 1, Reason: "speed"},
			{Kind: EventLeave, ID: 2},
		}
		runTicks(b, 0, 5)
		b.finish(tick*6, "fuzz-ended", true)
	})
}
