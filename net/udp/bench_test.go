package udp

import (
	"net"
	"strconv"
	"testing"
)

// BenchmarkLoopback sends batches of 100-byte datagrams from one loopback
// socket to another and reads them back, in one goroutine: on loopback the
// kernel queues each datagram at the receiver during the send call, so
// nothing is lost and the figure is the pure system-call cost of both
// sides. One op is one batch; ns/datagram and datagrams/s are per datagram.
func BenchmarkLoopback(b *testing.B) {
	for _, be := range backends() {
		for _, size := range []int{1, 8, 32} {
			b.Run(be.name+"/batch="+strconv.Itoa(size), func(b *testing.B) {
				tx := listen(b, "127.0.0.1:0", be.opts)
				rx := listen(b, "127.0.0.1:0", be.opts)
				out := NewSendBatch(size, 256)
				in := NewRecvBatch(size, 256)
				payload := make([]byte, 100)
				b.ReportAllocs()
				b.SetBytes(int64(size * len(payload)))
				for b.Loop() {
					for range size {
						_ = out.Add(rx.LocalAddr(), payload)
					}
					if n, err := tx.WriteBatch(out); n != size || err != nil {
						b.Fatalf("WriteBatch = %d, %v", n, err)
					}
					for got := 0; got < size; {
						n, err := rx.ReadBatch(in)
						if err != nil {
							b.Fatal(err)
						}
						got += n
					}
				}
				reportPerDatagram(b, size)
			})
		}
	}
	b.Run("stdlib/batch=1", func(b *testing.B) {
		tx, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			b.Fatal(err)
		}
		defer tx.Close()
		rx, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			b.Fatal(err)
		}
		defer rx.Close()
		to := rx.LocalAddr().(*net.UDPAddr).AddrPort()
		payload, buf := make([]byte, 100), make([]byte, 256)
		b.ReportAllocs()
		b.SetBytes(int64(len(payload)))
		for b.Loop() {
			if _, err := tx.WriteToUDPAddrPort(payload, to); err != nil {
				b.Fatal(err)
			}
			if _, _, err := rx.ReadFromUDPAddrPort(buf); err != nil {
				b.Fatal(err)
			}
		}
		reportPerDatagram(b, 1)
	})
}

func reportPerDatagram(b *testing.B, size int) {
	datagrams := float64(b.N) * float64(size)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/datagrams, "ns/datagram")
	b.ReportMetric(datagrams/b.Elapsed().Seconds(), "datagrams/s")
}
