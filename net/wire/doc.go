// Package wire is tickforge's protocol vocabulary: the 8-byte packet header,
// its flags and priorities, the ack block, and the application message codecs.
//
// Everything is little-endian and fixed-layout; docs/PROTOCOL.md is the
// byte-level specification and testdata/wire holds byte-exact test vectors.
// Encoders append into a caller-owned buffer and decoders fill a caller-owned
// struct, sub-slicing the input for byte payloads, so neither allocates.
// A decoder is given exactly one message (framing is net/rudp's job), and
// leaves its struct's contents unspecified when it returns an error.
// Decoders never panic on hostile input; they return an error that
// errors.Is matches against one of the sentinel errors in this package.
package wire
