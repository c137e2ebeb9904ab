package metrics

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/tickforge/tickforge/sim/server"
)

// DefaultAdminAddr is the admin HTTP address used when none is given.
const DefaultAdminAddr = "127.0.0.1:9100"

// Admin is the admin HTTP server: /metrics, /healthz and /debug/pprof.
type Admin struct {
	// Registry holds every tickforge metric plus the Go and process collectors.
	Registry *prometheus.Registry
	// Ticks is the TickObserver to install in server.Config.TickObserver.
	Ticks *TickObserver

	ln      net.Listener
	httpSrv *http.Server
	healthy func() error
}

// NewAdmin binds addr (a port in use is an error wrapping
// syscall.EADDRINUSE) and builds the registry. Attach the server with
// Attach once it exists.
func NewAdmin(addr string) (*Admin, error) {
	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	if err := reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	ticks, err := NewTickObserver(reg)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: admin listen %s: %w", addr, err)
	}
	a := &Admin{Registry: reg, Ticks: ticks, ln: ln, healthy: func() error { return nil }}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.HandleFunc("/healthz", a.healthz)
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	a.httpSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	return a, nil
}

// Attach registers srv's collector and makes /healthz report srv's health.
func (a *Admin) Attach(srv *server.Server) error {
	if err := a.Registry.Register(NewCollector(srv)); err != nil {
		return fmt.Errorf("metrics: attach: %w", err)
	}
	return nil
}

// SetHealth replaces the /healthz check (nil error means healthy).
func (a *Admin) SetHealth(check func() error) { a.healthy = check }

// Addr is the bound address.
func (a *Admin) Addr() net.Addr { return a.ln.Addr() }

// Serve serves until ctx is done, then shuts down within a second.
func (a *Admin) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- a.httpSrv.Serve(a.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("metrics: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := a.httpSrv.Shutdown(sctx); err != nil {
		return fmt.Errorf("metrics: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("metrics: serve: %w", err)
	}
	return nil
}

func (a *Admin) healthz(w http.ResponseWriter, _ *http.Request) {
	if err := a.healthy(); err != nil {
		http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ok")
}
