package udp

import (
	"encoding/binary"
	"errors"
	"net"
	"testing"
)

// TestReadLoopEcho runs a server's reader goroutine that echoes every batch
// back through the same socket while the test writes to it, so a read and a
// write are in flight on one socket at once.
func TestReadLoopEcho(t *testing.T) {
	t.Parallel()
	const total, burst = 2000, 16
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			server := listen(t, "127.0.0.1:0", be.opts)
			client := listen(t, "127.0.0.1:0", be.opts)
			done := make(chan error, 1)
			go func() {
				echo := NewSendBatch(32, 64)
				done <- server.ReadLoop(NewRecvBatch(32, 64), func(in *RecvBatch) {
					data, from := in.Datagrams()
					for i := range data {
						if err := echo.Add(from[i], data[i]); err != nil {
							t.Error(err)
						}
					}
					if _, err := server.WriteBatch(echo); err != nil {
						t.Error(err)
					}
				})
			}()
			out := NewSendBatch(burst, 64)
			in := NewRecvBatch(burst, 64)
			var d [4]byte
			for seq := 0; seq < total; seq += burst {
				for i := range burst {
					binary.LittleEndian.PutUint32(d[:], uint32(seq+i))
					_ = out.Add(server.LocalAddr(), d[:])
				}
				if n, err := client.WriteBatch(out); n != burst || err != nil {
					t.Fatalf("WriteBatch = %d, %v", n, err)
				}
				readN(t, client, in, burst, func(data []byte, i int) {
					if got := binary.LittleEndian.Uint32(data); got != uint32(seq+i) {
						t.Fatalf("echo %d, want %d", got, seq+i)
					}
				})
			}
			server.Close()
			if err := <-done; err != nil {
				t.Fatalf("ReadLoop: %v", err)
			}
			_ = out.Add(client.LocalAddr(), d[:])
			if _, err := server.WriteBatch(out); !errors.Is(err, net.ErrClosed) {
				t.Fatalf("WriteBatch on a closed socket: %v, want net.ErrClosed", err)
			}
			if out.Len() != 0 {
				t.Fatalf("WriteBatch left %d datagrams queued", out.Len())
			}
		})
	}
}
