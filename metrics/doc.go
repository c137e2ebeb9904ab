// Package metrics exposes a tickforge server to Prometheus and serves the
// admin HTTP endpoints: /metrics, /healthz and /debug/pprof.
//
// Per-tick figures (tick duration per system) are observed by the rooms'
// goroutines through a lock-free TickObserver; everything else is read from
// the server's and the endpoint's atomic counters when Prometheus scrapes.
package metrics
