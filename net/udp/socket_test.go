package udp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestBatchRoundTrip(t *testing.T) {
	t.Parallel()
	for _, be := range backends() {
		for _, family := range []string{"127.0.0.1:0", "[::1]:0"} {
			t.Run(be.name+"/"+family, func(t *testing.T) {
				t.Parallel()
				a, err := ListenOptions(family, be.opts)
				if err != nil {
					t.Skipf("no %s loopback: %v", family, err)
				}
				defer a.Close()
				b := listen(t, family, be.opts)
				if be.name == "native" != a.Native() {
					t.Fatalf("Native() = %v for backend %s", a.Native(), be.name)
				}
				out := NewSendBatch(32, DefaultSlotSize)
				var want [][]byte
				for i := range 32 {
					d := bytes.Repeat([]byte{byte(i)}, 1+i*37) // 1 .. 1148 bytes
					if err := out.Add(b.LocalAddr(), d); err != nil {
						t.Fatal(err)
					}
					want = append(want, d)
				}
				if n, err := a.WriteBatch(out); n != 32 || err != nil || out.Len() != 0 {
					t.Fatalf("WriteBatch = %d, %v; batch left %d", n, err, out.Len())
				}
				in := NewRecvBatch(8, DefaultSlotSize)
				readN(t, b, in, 32, func(d []byte, i int) {
					if !bytes.Equal(d, want[i]) {
						t.Fatalf("datagram %d: %d bytes of %d, want %d bytes of %d", i, len(d), d[0], len(want[i]), want[i][0])
					}
				})
				if got := in.Addr(0); got != a.LocalAddr() {
					t.Fatalf("source %v, want %v", got, a.LocalAddr())
				}
			})
		}
	}
}

func TestDualStackSocketReportsIPv4Sources(t *testing.T) {
	t.Parallel()
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			server, err := ListenOptions("[::]:0", be.opts)
			if err != nil {
				t.Skipf("no IPv6 wildcard: %v", err)
			}
			defer server.Close()
			client := listen(t, "127.0.0.1:0", be.opts)
			out := NewSendBatch(1, 64)
			to := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), server.LocalAddr().Port())
			if err := out.Add(to, []byte("hi")); err != nil {
				t.Fatal(err)
			}
			if _, err := client.WriteBatch(out); err != nil {
				t.Fatal(err)
			}
			in := NewRecvBatch(4, 64)
			readN(t, server, in, 1, func([]byte, int) {})
			if src := in.Addr(0); src != client.LocalAddr() || !src.Addr().Is4() {
				t.Fatalf("source %v, want unmapped %v", src, client.LocalAddr())
			}
			// Reply through the IPv6 socket to the IPv4 client (4-in-6 mapped).
			if err := out.Add(in.Addr(0), []byte("back")); err != nil {
				t.Fatal(err)
			}
			if n, err := server.WriteBatch(out); n != 1 || err != nil {
				t.Fatalf("reply WriteBatch = %d, %v", n, err)
			}
			readN(t, client, in, 1, func(d []byte, _ int) {
				if string(d) != "back" {
					t.Fatalf("reply %q", d)
				}
			})
		})
	}
}

func TestManySenders(t *testing.T) {
	t.Parallel()
	const senders, each, window = 16, 200, 128
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			server := listen(t, "127.0.0.1:0", be.opts)
			var sent, received atomic.Int64
			var wg sync.WaitGroup
			errs := make(chan error, senders)
			for id := range senders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c, err := ListenOptions("127.0.0.1:0", be.opts)
					if err != nil {
						errs <- err
						return
					}
					defer c.Close()
					out := NewSendBatch(8, 64)
					var d [8]byte
					for seq := 0; seq < each; {
						// Flow control keeps the loopback receive buffer from overflowing.
						for sent.Load()-received.Load() > window {
							time.Sleep(50 * time.Microsecond)
						}
						for out.Len() < out.Cap() && seq < each {
							binary.LittleEndian.PutUint32(d[0:], uint32(id))
							binary.LittleEndian.PutUint32(d[4:], uint32(seq))
							if err := out.Add(server.LocalAddr(), d[:]); err != nil {
								errs <- err
								return
							}
							seq++
						}
						k := out.Len()
						sent.Add(int64(k))
						if n, err := c.WriteBatch(out); n != k || err != nil {
							errs <- fmt.Errorf("sender %d: WriteBatch = %d of %d: %w", id, n, k, err)
							return
						}
					}
				}()
			}
			next := make([]uint32, senders)
			in := NewRecvBatch(32, 64)
			readN(t, server, in, senders*each, func(d []byte, _ int) {
				received.Add(1)
				id, seq := binary.LittleEndian.Uint32(d), binary.LittleEndian.Uint32(d[4:])
				if len(d) != 8 || id >= senders || seq != next[id] {
					t.Fatalf("datagram from sender %d seq %d, want seq %d", id, seq, next[id])
				}
				next[id]++
			})
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
		})
	}
}

func TestPortTaken(t *testing.T) {
	t.Parallel()
	a := listen(t, "127.0.0.1:0", Options{})
	_, err := Listen(a.LocalAddr().String())
	if !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("second Listen on %v: %v, want EADDRINUSE", a.LocalAddr(), err)
	}
	if _, err := Listen("not an address"); err == nil {
		t.Fatal("Listen accepted a malformed address")
	}
}

func TestCloseUnblocksReader(t *testing.T) {
	t.Parallel()
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			s, err := ListenOptions("127.0.0.1:0", be.opts)
			if err != nil {
				t.Fatal(err)
			}
			readErr := make(chan error, 1)
			loopErr := make(chan error, 1)
			go func() {
				_, err := s.ReadBatch(NewRecvBatch(4, 64))
				readErr <- err
			}()
			s2 := listen(t, "127.0.0.1:0", be.opts)
			go func() { loopErr <- s2.ReadLoop(NewRecvBatch(4, 64), func(*RecvBatch) {}) }()
			time.Sleep(20 * time.Millisecond) // let both block in the kernel poller
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s2.Close()
			for _, ch := range []chan error{readErr, loopErr} {
				select {
				case err := <-ch:
					if ch == readErr && !errors.Is(err, net.ErrClosed) {
						t.Fatalf("ReadBatch after Close: %v, want net.ErrClosed", err)
					}
					if ch == loopErr && err != nil {
						t.Fatalf("ReadLoop after Close: %v, want nil", err)
					}
				case <-time.After(5 * time.Second):
					t.Fatal("Close did not unblock the reader")
				}
			}
			if err := s.Close(); err == nil {
				t.Fatal("second Close succeeded")
			}
		})
	}
}

func TestUnreachableDestinationIsSkipped(t *testing.T) {
	t.Parallel()
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			a := listen(t, "127.0.0.1:0", be.opts)
			b := listen(t, "127.0.0.1:0", be.opts)
			out := NewSendBatch(4, 64)
			for i, to := range []netip.AddrPort{b.LocalAddr(), netip.MustParseAddrPort("[2001:db8::1]:9"), {}, b.LocalAddr()} {
				if err := out.Add(to, []byte{byte(i)}); err != nil {
					t.Fatal(err)
				}
			}
			n, err := a.WriteBatch(out)
			if n != 2 || !errors.Is(err, ErrAddressFamily) {
				t.Fatalf("WriteBatch = %d, %v; want 2 sent and ErrAddressFamily", n, err)
			}
			in := NewRecvBatch(4, 64)
			var got []byte
			readN(t, b, in, 2, func(d []byte, _ int) { got = append(got, d[0]) })
			if !bytes.Equal(got, []byte{0, 3}) {
				t.Fatalf("received %v, want [0 3]", got)
			}
		})
	}
}

func TestOversizedDatagramIsCountedAndDropped(t *testing.T) {
	t.Parallel()
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			a := listen(t, "127.0.0.1:0", be.opts)
			b := listen(t, "127.0.0.1:0", be.opts)
			out := NewSendBatch(2, 1500)
			_ = out.Add(b.LocalAddr(), make([]byte, 1500))
			_ = out.Add(b.LocalAddr(), []byte("small"))
			if n, err := a.WriteBatch(out); n != 2 || err != nil {
				t.Fatalf("WriteBatch = %d, %v", n, err)
			}
			in := NewRecvBatch(4, 1024)
			readN(t, b, in, 1, func(d []byte, _ int) {
				if string(d) != "small" {
					t.Fatalf("got %d bytes, want the small datagram", len(d))
				}
			})
			if in.Truncated != 1 {
				t.Fatalf("Truncated = %d, want 1", in.Truncated)
			}
		})
	}
}
