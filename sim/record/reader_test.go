package record

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

var (
	cachedOnce    sync.Once
	cachedSession session
)

// cached returns one small recording shared by the reader tests; the first
// caller records it (and fails if recording fails).
func cached(t *testing.T) session {
	// A queue deep enough for every chunk, so a writer slowed by a loaded
	// machine never merges chunks: the tests below rely on exactly one chunk
	// per 10 ticks.
	cachedOnce.Do(func() { cachedSession = recordSession(t, smallArena, 60, 5, Options{ChunkTicks: 10, QueueChunks: 64}) })
	if cachedSession.file == nil {
		t.Fatal("the shared recording failed")
	}
	return cachedSession
}

func TestReaderReadsCleanEnd(t *testing.T) {
	t.Parallel()
	s := cached(t)
	rd, err := NewReader(bytes.NewReader(s.file))
	if err != nil {
		t.Fatal(err)
	}
	h := rd.Header()
	if h.Version != Version || h.Meta.Scenario != "small" || h.Meta.Capacity != smallArena.Players || h.Config.WorldMax[0] != smallArena.WorldSize {
		t.Fatalf("header %+v", h)
	}
	ticks, err := readAll(s.file)
	if err != nil || len(ticks) != 64 {
		t.Fatalf("read %d ticks, err %v", len(ticks), err)
	}
	for {
		if _, err := rd.Next(); err != nil {
			break
		}
	}
	end, ok := rd.End()
	if !ok || end.Reason != EndClosed || end.LastTick != 64 || rd.Offset() != int64(len(s.file)) {
		t.Fatalf("end %+v %v at offset %d of %d", end, ok, rd.Offset(), len(s.file))
	}
}

func TestReaderTruncatedTail(t *testing.T) {
	t.Parallel()
	s := cached(t)
	// 64 ticks (the stall catches up five ticks for one step): six chunks of
	// ten ticks, one of four, then the end marker.
	offs := chunkOffsets(t, s.file)
	if len(offs) != 8 || s.stats.Ticks != 64 {
		t.Fatalf("%d chunks of %d ticks, want 8 and 64", len(offs), s.stats.Ticks)
	}
	tests := []struct {
		name      string
		cut       int
		wantTicks int
		stoppedAt int
	}{
		{"no end marker", offs[7], 64, offs[7]},
		{"end marker cut", offs[7] + 10, 64, offs[7]},
		{"inside the last chunk", offs[6] + 40, 60, offs[6]},
		{"inside a chunk header", offs[3] + 5, 30, offs[3]},
		{"inside a chunk payload", offs[4] + chunkHeaderSize + 20, 40, offs[4]},
		{"at a chunk boundary", offs[2], 20, offs[2]},
		{"right after the file header", offs[0], 0, offs[0]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ticks, err := readAll(s.file[:tc.cut])
			var fe *FormatError
			if !errors.Is(err, ErrTruncated) || !errors.As(err, &fe) {
				t.Fatalf("err = %v, want ErrTruncated", err)
			}
			if len(ticks) != tc.wantTicks || fe.Offset != int64(tc.stoppedAt) || fe.LastTick != uint64(tc.wantTicks) {
				t.Fatalf("read %d ticks, stopped at %d after tick %d; want %d ticks, offset %d", len(ticks), fe.Offset, fe.LastTick, tc.wantTicks, tc.stoppedAt)
			}
			if !strings.Contains(err.Error(), "offset") {
				t.Fatalf("message %q lacks the offset", err)
			}
		})
	}
}

func TestReaderCorruption(t *testing.T) {
	t.Parallel()
	s := cached(t)
	offs := chunkOffsets(t, s.file)
	if len(offs) != 8 {
		t.Fatalf("the shared recording has %d chunks, want 7 and the end marker", len(offs))
	}
	flip := func(at int) []byte {
		b := bytes.Clone(s.file)
		b[at] ^= 0x40
		return b
	}
	tests := []struct {
		name      string
		file      []byte
		offset    int
		wantTicks int
		reason    string
	}{
		{"payload byte", flip(offs[2] + chunkHeaderSize + 100), offs[2], 20, "payload checksum"},
		{"length in chunk header", flip(offs[1] + 9), offs[1], 10, "header checksum"},
		{"chunk marker", flip(offs[5]), offs[5], 50, "marker"},
		{"end marker", flip(offs[7] + 20), offs[7], 64, "checksum"},
		{"trailing data", append(bytes.Clone(s.file), 0), len(s.file), 64, "after the end marker"},
		{"chunks swapped", swapChunks(s.file, offs, 1, 2), offs[1], 10, "starts at tick 21"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ticks, err := readAll(tc.file)
			var fe *FormatError
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &fe) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
			if fe.Offset != int64(tc.offset) || len(ticks) != tc.wantTicks || !strings.Contains(fe.Reason, tc.reason) {
				t.Fatalf("%v after %d ticks; want offset %d after %d ticks, reason %q", err, len(ticks), tc.offset, tc.wantTicks, tc.reason)
			}
		})
	}
}

func swapChunks(file []byte, offs []int, i, j int) []byte {
	out := bytes.Clone(file[:offs[i]])
	out = append(out, file[offs[j]:offs[j+1]]...)
	out = append(out, file[offs[i]:offs[j]]...)
	return append(out, file[offs[j+1]:]...)
}

func TestReaderRejectsNonRecordings(t *testing.T) {
	t.Parallel()
	s := cached(t)
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	version2 := bytes.Clone(s.file)
	binary.LittleEndian.PutUint16(version2[8:], 2)
	badJSON := bytes.Clone(s.file)
	badJSON[fileHeaderFixed] = '['
	jsLen := int(binary.LittleEndian.Uint32(s.file[12:]))
	binary.LittleEndian.PutUint32(badJSON[fileHeaderFixed+jsLen:], crc32.Checksum(badJSON[8:fileHeaderFixed+jsLen], castagnoli))
	tests := []struct {
		name string
		file []byte
		want error
		text string
	}{
		{"empty", nil, ErrEmpty, "empty"},
		{"random bytes", random, ErrNotRecording, "not a tickforge recording"},
		{"text file", []byte("tick,hash\n1,abc\n"), ErrNotRecording, "not a tickforge recording"},
		{"magic only", s.file[:8], ErrTruncated, "file header"},
		{"cut in the JSON", s.file[:40], ErrTruncated, "file header"},
		{"unknown version", version2, ErrUnsupportedVersion, "version 2"},
		{"header checksum", flipAt(s.file, 30), ErrCorrupt, "header checksum"},
		{"bad JSON", badJSON, ErrCorrupt, "header JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReader(bytes.NewReader(tc.file))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) {
				t.Fatalf("err = %v, want %v mentioning %q", err, tc.want, tc.text)
			}
		})
	}
}

func flipAt(b []byte, at int) []byte {
	c := bytes.Clone(b)
	c[at] ^= 1
	return c
}
