package bots

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSandboxRefusesEscapes(t *testing.T) {
	t.Parallel()
	escapes := map[string]string{
		"os":             `os.exit(1)`,
		"io":             `io.open("/etc/passwd")`,
		"require":        `require("os")`,
		"dofile":         `dofile("/etc/passwd")`,
		"loadfile":       `loadfile("/etc/passwd")`,
		"load":           `load(function() return nil end)`,
		"loadstring":     `loadstring("return 1")()`,
		"debug":          `debug.getinfo(1)`,
		"package":        `package.loadlib("x", "y")`,
		"coroutine":      `coroutine.create(function() end)`,
		"channel":        `channel.make()`,
		"collectgarbage": `collectgarbage("count")`,
		"getfenv":        `getfenv(1).x = 1`,
		"setfenv":        `setfenv(1, {})`,
		"print":          `print("hi")`,
		"rep bomb":       `local s = string.rep("x", 1e9)`,
		"rep method":     `local s = ("xy"):rep(1e9)`,
		"random_bytes":   `random_bytes(1e9)`,
		"stack bomb":     `local function f() return 1 + f() end f()`,
	}
	for name, src := range escapes {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := newTestBotErr(src, nil, DefaultInstructionBudget)
			if err == nil {
				b.close()
				t.Fatalf("script %q ran; want it refused", src)
			}
			if !errors.Is(err, ErrScriptStopped) {
				t.Fatalf("error %v, want ErrScriptStopped", err)
			}
		})
	}
}

func TestSandboxAllowsSafeLibraries(t *testing.T) {
	t.Parallel()
	src := `
local t = {}
table.insert(t, string.format("%d-%s", math.floor(2.7), ("ab"):upper()))
assert(t[1] == "2-AB", t[1])
assert(#string.rep("ab", 3) == 6)
assert(type(pcall) == "function" and type(setmetatable) == "function")
ok = true`
	b, _ := newTestBot(t, src, nil)
	if b.L.GetGlobal("ok").String() != "true" {
		t.Fatal("safe script did not finish")
	}
}

func TestRunawayCallbackIsStopped(t *testing.T) {
	t.Parallel()
	logs := &logSink{}
	b, err := newTestBotErr(`function on_tick(dt) while true do end end`, logs, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	c := &fakeConn{}
	b.attach(0, c)
	start := time.Now()
	b.step(tick)
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("runaway callback took %v to stop", took)
	}
	if !b.done || b.stats.disconnect != "script-error" || !c.closed {
		t.Fatalf("bot done=%v reason=%q closed=%v; want stopped with script-error and closed", b.done, b.stats.disconnect, c.closed)
	}
	if len(logs.lines) == 0 || !strings.Contains(strings.Join(logs.lines, "\n"), "budget") {
		t.Fatalf("log %q does not mention the budget", logs.lines)
	}
	// A stopped bot stays stopped.
	b.step(2 * tick)
	if len(c.positions) != 0 {
		t.Fatalf("stopped bot sent %d positions", len(c.positions))
	}
}

func TestRunawayTopLevelIsStopped(t *testing.T) {
	t.Parallel()
	_, err := newTestBotErr(`while true do end`, nil, 100_000)
	if !errors.Is(err, ErrScriptStopped) || !errors.Is(err, ErrBudgetExceeded) {
		t.Fatalf("error %v, want ErrScriptStopped over budget", err)
	}
}

func TestScriptErrorEndsBot(t *testing.T) {
	t.Parallel()
	b, c := newTestBot(t, `function on_tick() error("boom") end
function on_disconnect(r) reason = r end`, nil)
	b.step(tick)
	if !b.done || b.stats.disconnect != "script-error" || !c.closed {
		t.Fatalf("done=%v reason=%q closed=%v", b.done, b.stats.disconnect, c.closed)
	}
}

func TestCompileErrorIsReported(t *testing.T) {
	t.Parallel()
	if _, err := newTestBotErr(`function (`, nil, DefaultInstructionBudget); err == nil || !strings.Contains(err.Error(), "compile") {
		t.Fatalf("error %v, want a compile error", err)
	}
}

func TestBudgetAllowsBoundedWork(t *testing.T) {
	t.Parallel()
	// about 400k instructions per call: within the default budget, every tick
	b, c := newTestBot(t, `function on_tick() local s = 0 for i = 1, 100000 do s = s + i end total = s end`, nil)
	runTicks(b, 0, 3)
	if b.done || len(c.positions) != 3 || b.L.GetGlobal("total").String() != "5000050000" {
		t.Fatalf("bounded callback stopped: done=%v reason=%q", b.done, b.stats.disconnect)
	}
}

func TestBudgetIsPerCallback(t *testing.T) {
	t.Parallel()
	// 40 ticks of ~40k instructions each add up to more than the budget of
	// 100k; only a single callback over it may stop the bot.
	b, err := newTestBotErr(`function on_tick() for i = 1, 10000 do end end`, nil, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	c := &fakeConn{}
	b.attach(0, c)
	defer b.finish(0, "test-ended", true)
	runTicks(b, 0, 40)
	if b.done {
		t.Fatalf("bot stopped: %s", b.stats.disconnect)
	}
}
