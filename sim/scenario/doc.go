// Package scenario generates seeded synthetic load for the tick pipeline:
// players spawned across a world, each sending one movement input per tick
// (a random walk within the speed limit), with a fixed share of cheating
// inputs of every kind. `tickforge bench`, the benchmarks and the
// determinism tests drive the pipeline with it.
package scenario
