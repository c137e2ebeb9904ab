// Package client is tickforge's Go client: it dials a server, joins a room,
// sends inputs, actions, commands, transfers and media, and keeps the
// entities the server says it can see. Bots, tests and Go game clients use it.
//
// Callbacks in Options run on the connection's network goroutine and must
// not block; the methods of Client are safe from any goroutine.
package client
