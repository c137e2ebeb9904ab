package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/metrics"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/sim/server"
)

// serveFlags are serve's settings beyond the simulation configuration.
type serveFlags struct {
	addr, admin          string
	logFormat, logLevel  string
	status               time.Duration
	maxRooms, maxPlayers int
	maxConns, perAddr    int
	record               string
	recordSnapshots      int
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := server.DefaultConfig()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configFlags(fs, &cfg.Sim)
	var f serveFlags
	fs.StringVar(&f.addr, "addr", endpoint.DefaultAddr, "UDP address to serve clients on")
	fs.StringVar(&f.admin, "admin", metrics.DefaultAdminAddr, `admin HTTP address (/metrics, /healthz, /debug/pprof); "off" disables it`)
	fs.StringVar(&f.logFormat, "log-format", "auto", "log format: json, console, or auto (console on a terminal)")
	fs.StringVar(&f.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	fs.DurationVar(&f.status, "status-interval", 10*time.Second, "how often to log a status line (0 = never)")
	fs.IntVar(&f.maxRooms, "max-rooms", cfg.MaxRooms, "rooms open at once")
	fs.IntVar(&f.maxPlayers, "max-players-per-room", cfg.MaxPlayersPerRoom, "players per room")
	fs.IntVar(&f.maxConns, "max-conns", cfg.MaxConns, "connections in total")
	fs.IntVar(&f.perAddr, "max-conns-per-addr", 16, "connections from one IP address (loopback is exempt)")
	fs.StringVar(&f.record, "record", "", `record every room to its own file: FILE with the room inserted before the extension ("s.tfr" → "s.room7.tfr")`)
	fs.IntVar(&f.recordSnapshots, "record-snapshots", 0, "with --record, store full entity snapshots every N ticks for divergence diffs (0: never)")
	if err := parseFlags(fs, args, false); err != nil {
		return err
	}
	if f.recordSnapshots < 0 {
		return fmt.Errorf("%w: --record-snapshots = %d, want >= 0", errUsage, f.recordSnapshots)
	}
	if f.record != "" {
		cfg.Record = server.RecordFiles(f.record)
		cfg.RecordOptions.SnapshotEvery = f.recordSnapshots
	}
	cfg.MaxRooms, cfg.MaxPlayersPerRoom, cfg.MaxConns = f.maxRooms, f.maxPlayers, f.maxConns
	cfg.Endpoint.Addr = f.addr
	cfg.Endpoint.Listener.MaxConns, cfg.Endpoint.Listener.MaxConnsPerAddr = f.maxConns, f.perAddr
	if f.perAddr < 1 {
		return fmt.Errorf("%w: max-conns-per-addr = %d, want >= 1", errUsage, f.perAddr)
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	log, err := newLogger(stderr, f.logFormat, f.logLevel)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg.Logger = log
	return serve(ctx, cfg, &f, log)
}

// serve binds the admin port and the UDP port, runs until ctx is done and
// shuts down gracefully: FIN to every client, drain, stop the rooms.
func serve(ctx context.Context, cfg server.Config, f *serveFlags, log zerolog.Logger) error {
	var admin *metrics.Admin
	if f.admin != "off" && f.admin != "" {
		a, err := metrics.NewAdmin(f.admin)
		if err != nil {
			return portError("admin HTTP", f.admin, err)
		}
		admin, cfg.TickObserver = a, a.Ticks
	}
	srv, err := server.New(cfg)
	if err != nil {
		return portError("UDP", f.addr, err)
	}
	adminAddr := "off"
	if admin != nil {
		if err := admin.Attach(srv); err != nil {
			return err
		}
		adminAddr = admin.Addr().String()
	}
	sc := cfg.Sim
	log.Info().Str("addr", srv.Addr().String()).Str("admin", adminAddr).
		Int("tick_rate", sc.TickRate).Float32("max_position_delta", sc.MaxPositionDelta).
		Stringer("interpolation_time", sc.InterpolationTime).Stringer("extrapolation_limit", sc.ExtrapolationLimit).
		Float32("aoi_radius", sc.AOIRadius).Int("aoi_max_visible", sc.AOIMaxVisible).
		Int("max_rooms", cfg.MaxRooms).Int("max_players_per_room", cfg.MaxPlayersPerRoom).
		Int("max_conns", cfg.MaxConns).Str("record", f.record).Msg("tickforge serve: listening")

	adminDone := make(chan error, 1)
	if admin != nil {
		go func() { adminDone <- admin.Serve(ctx) }()
	} else {
		adminDone <- nil
	}
	statusDone := make(chan struct{})
	go func() {
		defer close(statusDone)
		logStatus(ctx, srv, f.status, log)
	}()
	runErr := srv.Run(ctx)
	<-statusDone
	adminErr := <-adminDone
	st := srv.Stats()
	log.Info().Uint64("ticks", st.Ticks).Uint64("overruns", st.Overruns).Uint64("joins", st.Joins).
		Uint64("cheat_kicks", st.CheatKicks).Msg("tickforge serve: stopped")
	return errors.Join(runErr, adminErr)
}

// logStatus logs a status line every interval until ctx is done.
func logStatus(ctx context.Context, srv *server.Server, every time.Duration, log zerolog.Logger) {
	if every <= 0 {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		st := srv.Stats()
		es := srv.Endpoint().Stats()
		log.Info().Int("rooms", st.Rooms).Int("players", st.Players).Int("conns", es.Conns).
			Uint64("ticks", st.Ticks).Uint64("overruns", st.Overruns).
			Uint64("datagrams_in", es.DatagramsIn).Uint64("datagrams_out", es.DatagramsOut).
			Stringer("rtt_mean", es.RTTMean).Uint64("rejected_speed", st.Cheat[ecs.ReasonSpeed]).Msg("status")
	}
}

// portError explains a bind failure; a port in use gets its own wording.
func portError(what, addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%s address %s is already in use (choose another with the flag or TICKFORGE_* variable): %w", what, addr, err)
	}
	return fmt.Errorf("%s address %s: %w", what, addr, err)
}
