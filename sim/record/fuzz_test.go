package record

import (
	"bytes"
	"errors"
	"hash/crc32"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// FuzzReader feeds arbitrary bytes to the reader: it must never panic and
// every error must be one of the documented kinds.
func FuzzReader(f *testing.F) {
	s := recordSession(f, scenarioTiny, 12, 9, Options{ChunkTicks: 3, SnapshotEvery: 4})
	offs := chunkOffsets(f, s.file)
	f.Add(s.file)
	f.Add(s.file[:offs[1]+50])
	f.Add(s.file[:offs[0]])
	f.Add(flipAt(s.file, offs[1]+chunkHeaderSize+7))
	f.Add([]byte{})
	f.Add([]byte("not a recording at all"))
	f.Add(append(append([]byte{}, magic[:]...), 1, 0, 0, 0, 2, 0, 0, 0, '{', '}'))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReader(bytes.NewReader(data))
		if err != nil {
			checkKind(t, err)
			return
		}
		defer rd.Close()
		for i := 0; i < 1000; i++ {
			if _, err := rd.Next(); err != nil {
				if err != io.EOF {
					checkKind(t, err)
				}
				return
			}
		}
	})
}

func checkKind(t *testing.T, err error) {
	for _, want := range []error{ErrEmpty, ErrNotRecording, ErrUnsupportedVersion, ErrCorrupt, ErrTruncated} {
		if errors.Is(err, want) {
			return
		}
	}
	t.Fatalf("undocumented error %v", err)
}

// FuzzTickRecords wraps arbitrary bytes in a well-formed chunk (valid
// checksums, real zstd frame) so the tick and event decoders, which the
// checksums otherwise shield, see hostile input too.
func FuzzTickRecords(f *testing.F) {
	s := recordSession(f, scenarioTiny, 12, 9, Options{ChunkTicks: 3, SnapshotEvery: 2})
	offs := chunkOffsets(f, s.file)
	header := s.file[:offs[0]]
	dec, err := zstd.NewReader(nil)
	if err != nil {
		f.Fatal(err)
	}
	raw, err := dec.DecodeAll(s.file[offs[0]+chunkHeaderSize:offs[1]], nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw, uint32(3))
	f.Add(raw[:len(raw)/2], uint32(3))
	f.Add(raw, uint32(1))
	f.Add([]byte{}, uint32(1))
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, payload []byte, ticks uint32) {
		if ticks == 0 {
			ticks = 1
		}
		comp := enc.EncodeAll(payload, nil)
		h := chunkHeader{kind: kindTicks, compLen: uint32(len(comp)), rawLen: uint32(len(payload)),
			firstTick: 1, ticks: ticks, payloadCRC: crc32.Checksum(comp, castagnoli)}
		file := append(bytes.Clone(header), make([]byte, chunkHeaderSize)...)
		h.put(file[len(header):])
		file = append(file, comp...)
		ticksRead, err := readAll(file)
		if err != nil {
			checkKind(t, err)
		}
		if len(ticksRead) > int(ticks) {
			t.Fatalf("read %d ticks from a chunk of %d", len(ticksRead), ticks)
		}
	})
}
