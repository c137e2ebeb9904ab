// Package ecs holds tickforge's simulation state: the components stored in
// arche's archetype arrays, the world that owns them, the per-tick resources
// systems share, and a deterministic hash of the whole state.
//
// Coordinates are Y-up: the ground plane is X/Z, which is the plane the AOI
// grid partitions. Time is a time.Duration since the simulation started and
// is always passed in; nothing in this package reads a wall clock.
package ecs
