package bots

import (
	"errors"
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// ErrScriptStopped is wrapped when a bot's script failed or ran past its
// budget and the bot was stopped.
var ErrScriptStopped = errors.New("script stopped")

// maxRepBytes caps string.rep so one call cannot allocate without bound.
const maxRepBytes = 1 << 20

// removedGlobals are base-library functions a bot script must not reach:
// file loading, module loading, environment switching and the collector.
var removedGlobals = []string{
	"dofile", "loadfile", "load", "loadstring", "require", "module",
	"getfenv", "setfenv", "collectgarbage", "newproxy", "print", "_printregs",
}

// newSandbox returns a Lua state with only the base (minus removedGlobals),
// table, string and math libraries, and a bounded string.rep. The stacks are
// small and may not grow without bound.
func newSandbox() (*lua.LState, error) {
	L := lua.NewState(lua.Options{
		SkipOpenLibs:        true,
		CallStackSize:       64,
		RegistrySize:        256,
		RegistryMaxSize:     64 * 1024,
		MinimizeStackMemory: true,
	})
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
	} {
		if err := L.CallByParam(lua.P{Fn: L.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name)); err != nil {
			L.Close()
			return nil, fmt.Errorf("bots: open lua library %q: %w", lib.name, err)
		}
	}
	for _, name := range removedGlobals {
		L.SetGlobal(name, lua.LNil)
	}
	str, ok := L.GetGlobal(lua.StringLibName).(*lua.LTable)
	if !ok {
		L.Close()
		return nil, errors.New("bots: lua string library missing")
	}
	str.RawSetString("rep", L.NewFunction(boundedRep))
	// math.random and math.randomseed are replaced per bot by the seeded rand.
	return L, nil
}

// boundedRep is string.rep refusing results over maxRepBytes.
func boundedRep(L *lua.LState) int {
	s := L.CheckString(1)
	n := L.CheckInt(2)
	if n <= 0 || len(s) == 0 {
		L.Push(lua.LString(""))
		return 1
	}
	if n > maxRepBytes/len(s) {
		L.RaiseError("string.rep: result over %d bytes", maxRepBytes)
		return 0
	}
	buf := make([]byte, 0, n*len(s))
	for range n {
		buf = append(buf, s...)
	}
	L.Push(lua.LString(buf))
	return 1
}
