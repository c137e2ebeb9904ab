// Package benchmarks holds tickforge's cross-package benchmarks. It is its
// own module so that peers measured against tickforge (such as kcp-go) never
// enter the engine's go.mod.
package benchmarks
