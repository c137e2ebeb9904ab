package bots

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// fakeDialer hands out fakeConns and keeps them for inspection; the user
// ids listed in refuse fail to connect.
type fakeDialer struct {
	mu     sync.Mutex
	conns  map[uint64]*fakeConn
	refuse map[uint64]bool
}

func (d *fakeDialer) dial(ctx context.Context, addr string, userID uint64, room uint32) (Conn, error) {
	if addr != "127.0.0.1:7777" || room != 3 {
		return nil, errors.New("wrong address or room")
	}
	if d.refuse[userID] {
		return nil, context.DeadlineExceeded
	}
	c := &fakeConn{id: userID, spawn: Vec3{500, 0, 500}, rtt: time.Millisecond, autoConfirm: true}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.conns[userID] = c
	return c, nil
}

func TestRunnerRunsMixAndStops(t *testing.T) {
	t.Parallel()
	d := &fakeDialer{conns: map[uint64]*fakeConn{}, refuse: map[uint64]bool{105: true}}
	mix, err := ParseMix("wander,chatter=2,speedhack=1", 8)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRunner(Config{
		Addr: "127.0.0.1:7777", Room: 3, Mix: mix, Dial: d.dial, Rate: 50,
		Duration: 400 * time.Millisecond, Ramp: 100 * time.Millisecond,
		FirstUserID: 100, Seed: 1, Workers: 2, Limits: testLimits,
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan Report)
	go func() { done <- r.Run(context.Background()) }()
	time.Sleep(250 * time.Millisecond)
	if p := r.Progress(); p.Connected != 7 || p.InputsSent == 0 || p.RTTP50 != time.Millisecond {
		t.Errorf("progress mid-run %+v, want 7 connected, inputs, rtt 1ms", p)
	}
	var rep Report
	select {
	case rep = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop by itself")
	}
	if rep.Elapsed < 400*time.Millisecond || rep.Elapsed > 2*time.Second {
		t.Errorf("elapsed %v", rep.Elapsed)
	}
	if rep.Total.Bots != 8 || rep.Total.Connected != 7 || rep.Total.Failures["timeout"] != 1 {
		t.Fatalf("total %+v", rep.Total)
	}
	for _, s := range rep.Scripts {
		if s.InputsSent == 0 || len(s.Disconnects) != 0 {
			t.Errorf("%s: %+v", s.Script, s)
		}
	}
	if chat := rep.Scripts[1]; chat.Script != "chatter" || chat.ReliableSent == 0 || chat.ReliableSent != chat.ReliableConfirmed {
		t.Errorf("chatter row %+v", chat)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.conns) != 7 {
		t.Fatalf("%d conns dialled, want 7", len(d.conns))
	}
	for id, c := range d.conns {
		if !c.closed {
			t.Errorf("conn of user %d not closed at the end", id)
		}
	}
}

func TestRunnerEndsOnContext(t *testing.T) {
	t.Parallel()
	d := &fakeDialer{conns: map[uint64]*fakeConn{}}
	r, err := NewRunner(Config{Addr: "127.0.0.1:7777", Room: 3, Mix: []MixEntry{{"wander", 4}}, Dial: d.dial,
		Duration: time.Hour, Ramp: time.Hour, Limits: testLimits})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	rep := r.Run(ctx)
	// bot 0 starts at once; the others were due later in the hour-long ramp.
	if rep.Total.Connected != 1 || rep.Total.Failures["run-ended"] != 3 {
		t.Fatalf("total %+v", rep.Total)
	}
}

func TestNewRunnerRejectsBadConfig(t *testing.T) {
	t.Parallel()
	d := &fakeDialer{}
	good := Config{Mix: []MixEntry{{"wander", 1}}, Dial: d.dial, Duration: time.Second}
	tests := map[string]func(c *Config){
		"no dial":     func(c *Config) { c.Dial = nil },
		"no mix":      func(c *Config) { c.Mix = nil },
		"no bots":     func(c *Config) { c.Mix = []MixEntry{{"wander", 0}} },
		"no duration": func(c *Config) { c.Duration = 0 },
		"long ramp":   func(c *Config) { c.Ramp = 2 * time.Second },
		"rate":        func(c *Config) { c.Rate = -1 },
		"script":      func(c *Config) { c.Mix = []MixEntry{{"nosuch", 1}} },
	}
	if _, err := NewRunner(good); err != nil {
		t.Fatalf("good config: %v", err)
	}
	for name, mutate := range tests {
		c := good
		mutate(&c)
		if _, err := NewRunner(c); !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: error %v, want ErrBadConfig", name, err)
		}
	}
}
