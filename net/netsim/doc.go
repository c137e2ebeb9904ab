// Package netsim simulates an impaired one-way network link on a virtual
// clock, so transport tests run fast, without sockets, and reproducibly.
//
// A Link applies, in this order: an outage window, a bandwidth limit with a
// bounded tail-drop queue, uniform and bursty (Gilbert–Elliott) loss, base
// delay with uniform jitter, reordering (extra delay for a fraction of
// packets) and duplication. All randomness comes from one seeded generator,
// so the same seed, configuration and call sequence give the same outcome.
// Time is a time.Duration passed into every call; nothing here reads a wall
// clock, starts a goroutine or sleeps.
package netsim
