// Package bots runs many scripted bot clients against a tickforge server and
// reports what they sent, what they saw and what the server rejected.
//
// Each bot owns one connection (a Conn, normally the real RUDP client) and one
// sandboxed Lua state running a script: built-in ones are embedded (Names,
// Source) and cover honest players and cheaters. Run drives the bots at a fixed
// rate on a few worker goroutines and aggregates a Report per script.
// docs/BOTS.md documents the Lua API.
package bots
