//go:build race

package udp

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// allocation counts of code that pools (x/net) are not meaningful.
const raceEnabled = true
