// Package server is tickforge's authoritative server: it joins the
// reliable-UDP endpoint to one simulation pipeline per room, routes every
// seed message to its room, and lets a game add its own message types,
// commands, transfer handlers and systems.
//
// Threads: the endpoint's network goroutine calls the Handler methods, which
// decode messages and push plain values into bounded lock-free queues; each
// room runs its pipeline on its own goroutine and writes its output back
// through the endpoint's lock-free Send. Handlers a game registers run on the
// room goroutine (they may read and change the world), except Critical
// message handlers, which run at once on the network goroutine.
package server
