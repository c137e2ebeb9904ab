package transfer

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/tickforge/tickforge/net/wire"
)

func TestSplitAssembleRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, ChunkSize - 1, ChunkSize, ChunkSize + 1, 256 << 10, 300_001} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		a := NewAssembler(1<<20, 2)
		var got []byte
		var completed int
		n, err := Split(nil, 7, data, func(chunk []byte) bool {
			var m wire.LargeDataTransfer
			if err := wire.DecodeLargeDataTransfer(chunk, &m); err != nil {
				t.Fatalf("size %d: decode: %v", size, err)
			}
			d, done, err := a.Add(&m)
			if err != nil {
				t.Fatalf("size %d: add: %v", size, err)
			}
			if done {
				got, completed = d, completed+1
			}
			return true
		})
		if err != nil || completed != 1 || !bytes.Equal(got, data) || a.Open() != 0 {
			t.Fatalf("size %d: n=%d err=%v completed=%d equal=%v open=%d", size, n, err, completed, bytes.Equal(got, data), a.Open())
		}
	}
}

func TestAssemblerBounds(t *testing.T) {
	chunk := func(id uint32, i, n uint16, size int) *wire.LargeDataTransfer {
		return &wire.LargeDataTransfer{TransferID: id, ChunkIndex: i, TotalChunks: n, ChunkData: make([]byte, size)}
	}
	tests := []struct {
		name   string
		chunks []*wire.LargeDataTransfer
		want   error // error of the last chunk
	}{
		{"too large", []*wire.LargeDataTransfer{chunk(1, 0, 3, 600), chunk(1, 1, 3, 600)}, ErrTooLarge},
		{"too many open", []*wire.LargeDataTransfer{chunk(1, 0, 2, 1), chunk(2, 0, 2, 1), chunk(3, 0, 2, 1)}, ErrTooMany},
		{"skipped chunk", []*wire.LargeDataTransfer{chunk(1, 0, 3, 1), chunk(1, 2, 3, 1)}, ErrOutOfOrder},
		{"no chunk 0", []*wire.LargeDataTransfer{chunk(1, 1, 3, 1)}, ErrOutOfOrder},
		{"total changes", []*wire.LargeDataTransfer{chunk(1, 0, 3, 1), chunk(1, 1, 4, 1)}, ErrOutOfOrder},
	}
	for _, tc := range tests {
		a := NewAssembler(1000, 2)
		var err error
		for _, c := range tc.chunks {
			_, _, err = a.Add(c)
		}
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestSplitRefused(t *testing.T) {
	calls := 0
	n, err := Split(nil, 1, make([]byte, 3*ChunkSize), func([]byte) bool { calls++; return calls < 2 })
	if !errors.Is(err, ErrRefused) || n != 1 {
		t.Fatalf("n=%d err=%v", n, err)
	}
}

// FuzzAssembler feeds arbitrary chunk sequences: Add never panics, never
// holds more than the bound, and a completed transfer is never larger.
func FuzzAssembler(f *testing.F) {
	f.Add([]byte{0, 0, 2, 5, 0, 1, 2, 5, 1, 0, 1, 3})
	f.Add([]byte{1, 0, 1, 200})
	f.Fuzz(func(t *testing.T, ops []byte) {
		a := NewAssembler(512, 2)
		for len(ops) >= 4 {
			m := wire.LargeDataTransfer{TransferID: uint32(ops[0] % 4), ChunkIndex: uint16(ops[1] % 4), TotalChunks: uint16(ops[2]%4) + 1, ChunkData: make([]byte, ops[3])}
			ops = ops[4:]
			d, done, _ := a.Add(&m)
			if done && len(d) > 512 {
				t.Fatalf("completed transfer of %d bytes", len(d))
			}
			if a.Open() > 2 {
				t.Fatalf("%d open", a.Open())
			}
		}
	})
}
