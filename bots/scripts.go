package bots

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
)

//go:embed scripts/*.lua
var builtins embed.FS

// ErrUnknownScript is returned for a script name that is neither built in
// nor a readable .lua file.
var ErrUnknownScript = errors.New("unknown script")

// cheaters are the built-in scripts that are meant to be rejected or kicked.
var cheaters = map[string]bool{
	"speedhack": true, "teleport": true, "timewarp": true, "flood": true, "garbage": true,
}

// Names lists the built-in scripts in alphabetical order.
func Names() []string {
	entries, err := fs.ReadDir(builtins, "scripts")
	if err != nil {
		panic("bots: embedded scripts missing: " + err.Error())
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".lua"))
	}
	sort.Strings(names)
	return names
}

// IsCheater reports whether the built-in script name is one of the cheaters
// (speedhack, teleport, timewarp, flood, garbage).
func IsCheater(name string) bool { return cheaters[name] }

// Summary returns the opening comment of a built-in script, which says what
// it does, as one line without the script's name.
func Summary(name string) string {
	src, err := Source(name)
	if err != nil {
		return ""
	}
	var parts []string
	for _, line := range strings.Split(src, "\n") {
		text, ok := strings.CutPrefix(strings.TrimSpace(line), "--")
		if !ok {
			break
		}
		parts = append(parts, strings.TrimSpace(text))
	}
	s := strings.Join(parts, " ")
	if _, rest, ok := strings.Cut(s, ": "); ok && strings.HasPrefix(s, name) {
		s = rest
	}
	return s
}

// Source returns the Lua source of a script: a built-in name, or a path
// ending in .lua read from disk.
func Source(name string) (string, error) {
	if strings.HasSuffix(name, ".lua") {
		b, err := os.ReadFile(name)
		if err != nil {
			return "", fmt.Errorf("bots: read script %s: %w", name, err)
		}
		return string(b), nil
	}
	b, err := builtins.ReadFile("scripts/" + name + ".lua")
	if err != nil {
		return "", fmt.Errorf("bots: script %q: %w", name, ErrUnknownScript)
	}
	return string(b), nil
}
