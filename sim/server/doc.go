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
//
// Connection ids: a room names players by the endpoint's connection id and
// learns of joins and leaves through the same queue as their inputs. The
// endpoint therefore holds a closed connection's id (HoldClosedIDs) until
// the room has applied its disconnect and released it, so a room that
// drains a departed player's last inputs together with a newcomer's connect
// never takes the one for the other.
package server
