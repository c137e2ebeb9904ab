package wire

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkParseHeader(b *testing.B) {
	d := make([]byte, 200)
	Header{Seq: 9, Flags: FlagACK, Priority: PriorityHigh, Timestamp: 1}.Put(d)
	b.SetBytes(HeaderSize)
	for b.Loop() {
		if _, err := ParseHeader(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPositionUpdate(b *testing.B) {
	m := PositionUpdate{UserID: 1, Position: [3]float32{1, 2, 3}, Rotation: [4]float32{0, 0, 0, 1}, Sequence: 5}
	buf := make([]byte, 0, PositionUpdateSize)
	var out PositionUpdate
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(PositionUpdateSize)
		for b.Loop() {
			buf = AppendPositionUpdate(buf[:0], &m)
		}
	})
	enc := AppendPositionUpdate(nil, &m)
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(PositionUpdateSize)
		for b.Loop() {
			if err := DecodePositionUpdate(enc, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGameStateSync measures what broadcast does per observer: a header
// plus pre-encoded records copied in, for a datagram-sized snapshot.
func BenchmarkGameStateSync(b *testing.B) {
	const entities = 24 // as many records as fit one 1200-byte datagram
	rng := rand.New(rand.NewPCG(21, 22))
	var records []byte
	for range entities {
		e := randEntityState(rng)
		records = AppendEntityState(records, &e)
	}
	buf := make([]byte, 0, MaxDatagram)
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			buf = append(AppendGameStateSyncHeader(buf[:0], 1, 2, entities), records...)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*entities), "ns/entity")
	})
	enc := AppendGameStateSync(nil, &GameStateSync{RoomID: 1, Tick: 2, Records: records})
	b.Run("decode", func(b *testing.B) {
		var m GameStateSync
		var e EntityState
		for b.Loop() {
			if err := DecodeGameStateSync(enc, &m); err != nil {
				b.Fatal(err)
			}
			for i := range m.Count() {
				m.Entity(i, &e)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*entities), "ns/entity")
	})
}

func BenchmarkPlayerAction(b *testing.B) {
	rng := rand.New(rand.NewPCG(23, 24))
	msgs := make([][]byte, 64)
	for i := range msgs {
		msgs[i] = AppendPlayerAction(nil, randPlayerAction(rng))
	}
	var m PlayerAction
	i := 0
	for b.Loop() {
		if err := DecodePlayerAction(msgs[i&63], &m); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkPacketBatchAdd fills a 256-datagram batch, as one ReadBatch round does.
func BenchmarkPacketBatchAdd(b *testing.B) {
	const perBatch = 256
	datagrams := make([][]byte, perBatch)
	for i := range datagrams {
		datagrams[i] = make([]byte, 100+i)
		Header{Seq: uint16(i), Priority: PriorityHigh}.Put(datagrams[i])
	}
	var batch PacketBatch
	batch.Grow(perBatch)
	for b.Loop() {
		batch.Reset()
		for i, d := range datagrams {
			batch.Add(d, uint32(i))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perBatch), "ns/datagram")
}
