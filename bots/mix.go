package bots

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrBadMix is wrapped by every error ParseMix returns.
var ErrBadMix = errors.New("bad script mix")

// MixEntry is one script in a mix and how many bots run it.
type MixEntry struct {
	Script string
	Count  int
}

// ParseMix reads a script mix such as "wander,speedhack=5,chatter=10" for n
// bots: entries with "=k" get exactly k bots, and the bots left over are
// shared evenly among the entries without a count (the first ones get one
// more when it does not divide). Every script must exist (Source).
func ParseMix(spec string, n int) ([]MixEntry, error) {
	if n < 1 {
		return nil, fmt.Errorf("%w: %d bots, want at least 1", ErrBadMix, n)
	}
	var mix []MixEntry
	var open []int
	fixed := 0
	seen := map[string]bool{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			return nil, fmt.Errorf("%w: empty entry in %q", ErrBadMix, spec)
		}
		name, countText, hasCount := strings.Cut(part, "=")
		if seen[name] {
			return nil, fmt.Errorf("%w: script %q listed twice", ErrBadMix, name)
		}
		seen[name] = true
		if _, err := Source(name); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadMix, err)
		}
		e := MixEntry{Script: name}
		if hasCount {
			k, err := strconv.Atoi(countText)
			if err != nil || k < 0 {
				return nil, fmt.Errorf("%w: count %q for %s, want a whole number >= 0", ErrBadMix, countText, name)
			}
			e.Count = k
			fixed += k
		} else {
			open = append(open, len(mix))
		}
		mix = append(mix, e)
	}
	left := n - fixed
	switch {
	case left < 0:
		return nil, fmt.Errorf("%w: counts add up to %d, more than the %d bots", ErrBadMix, fixed, n)
	case left > 0 && len(open) == 0:
		return nil, fmt.Errorf("%w: counts add up to %d, fewer than the %d bots, and no script takes the rest", ErrBadMix, fixed, n)
	}
	for i, idx := range open {
		mix[idx].Count = left / len(open)
		if i < left%len(open) {
			mix[idx].Count++
		}
	}
	return mix, nil
}

// Assign expands a mix into one script name per bot, interleaving the
// scripts so that a ramp-up starts every kind of bot early.
func Assign(mix []MixEntry) []string {
	left := make([]int, len(mix))
	total := 0
	for i, e := range mix {
		left[i] = e.Count
		total += e.Count
	}
	out := make([]string, 0, total)
	for len(out) < total {
		for i := range mix {
			if left[i] > 0 {
				out = append(out, mix[i].Script)
				left[i]--
			}
		}
	}
	return out
}
