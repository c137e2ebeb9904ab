// Package actions is the system that applies players' PlayerAction messages
// to the world once per tick: Move sets velocity, Attack damages a visible
// target in range, and UseItem, Interact and Cast are validated and relayed
// to observers as reliable events.
package actions
