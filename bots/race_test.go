//go:build race

package bots_test

// raceEnabled reports a -race build, where every goroutine runs several
// times slower and the end-to-end test runs fewer bots.
const raceEnabled = true
