package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/rudp"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeRefusesTakenPortsAndBadFlags(t *testing.T) {
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer udp.Close()
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"udp port taken", []string{"--addr", udp.LocalAddr().String(), "--admin", "off"}, exitError, "UDP address " + udp.LocalAddr().String() + " is already in use"},
		{"admin port taken", []string{"--addr", "127.0.0.1:0", "--admin", tcp.Addr().String()}, exitError, "admin HTTP address " + tcp.Addr().String() + " is already in use"},
		{"bad room cap", []string{"--max-rooms", "0"}, exitUsage, "max_rooms"},
		{"bad per-address cap", []string{"--max-conns-per-addr", "0"}, exitUsage, "max-conns-per-addr"},
		{"unknown flag", []string{"--bogus"}, exitUsage, "bogus"},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"serve", "--log-format", "json"}, tc.args...), &out, &errOut)
		if code != tc.code || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: exit %d (want %d), stderr %q lacks %q", tc.name, code, tc.code, errOut.String(), tc.want)
		}
	}
}

func TestServeShutdownSendsFINAndExitsZero(t *testing.T) {
	probe, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := probe.LocalAddr().String()
	probe.Close()
	t.Setenv("TICKFORGE_ADDR", addr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	var errOut syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "--admin", "off", "--log-format", "json"}, &out, &errOut) }()

	var c *client.Client
	deadline := time.Now().Add(5 * time.Second)
	for c == nil {
		dctx, dcancel := context.WithTimeout(ctx, 500*time.Millisecond)
		c, err = client.Dial(dctx, addr, 1, 1, client.Options{})
		dcancel()
		if err != nil && time.Now().After(deadline) {
			t.Fatalf("dial: %v\n%s", err, errOut.String())
		}
	}
	cancel() // what SIGINT/SIGTERM do through signal.NotifyContext
	select {
	case <-c.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("client saw no shutdown")
	}
	if r := c.CloseReason(); r != rudp.ReasonPeerClosed {
		t.Fatalf("close reason %v, want peer-closed (FIN)", r)
	}
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), `"addr":"`+addr+`"`) {
		t.Fatalf("log lacks the address from TICKFORGE_ADDR:\n%s", errOut.String())
	}
}
