// Package sim runs the simulation: a fixed-step loop driven by a clock that
// is passed in, an ordered schedule of named systems that games can extend,
// and per-system timing that allocates nothing per tick.
package sim
