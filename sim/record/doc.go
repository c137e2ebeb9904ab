// Package record writes a simulation's ticks to a compressed, chunked
// recording and replays a recording through the same systems to verify it.
//
// A Recorder attaches to a sim.Pipeline: the tick goroutine only copies
// each tick's consumed events, time and state hash into a preallocated
// buffer, and a writer goroutine compresses and writes whole chunks. A
// Reader walks a recording chunk by chunk, and a Replayer re-runs it and
// reports the first tick whose state hash differs. docs/RECORDING.md
// describes the file format byte by byte.
package record
