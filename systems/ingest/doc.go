// Package ingest is the tick's first system: it drains the inbound queue that
// the network fills, spawns and removes player entities, and gathers the
// tick's movement inputs into the world's structure-of-arrays InputBatch.
package ingest
