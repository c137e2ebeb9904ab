// Package queue provides the bounded, lock-free queues that carry data
// between the network goroutines and the goroutine that owns the world.
//
// It imports nothing of tickforge, so every layer can use it.
package queue
