package record

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"

	"github.com/tickforge/tickforge/ecs"
)

// Meta describes where a recording came from. Replay needs Capacity; the
// rest is for people reading the summary.
type Meta struct {
	// Source is what produced the recording, e.g. "bench" or "serve".
	Source string `json:"source,omitempty"`
	// Scenario is the synthetic scenario's name, if any.
	Scenario string `json:"scenario,omitempty"`
	// Seed is the scenario generator's seed, if any.
	Seed uint64 `json:"seed,omitempty"`
	// Capacity is the pipeline's expected number of entities.
	Capacity int `json:"capacity,omitempty"`
	// Started is the wall-clock start of the recording (RFC 3339), set by
	// the caller; the simulation never reads it.
	Started string `json:"started,omitempty"`
	// Note is free text.
	Note string `json:"note,omitempty"`
	// Room is the server room the recording is of ("serve" recordings).
	Room uint32 `json:"room,omitempty"`
	// App holds the application's own settings that replay needs, as JSON
	// the application defines (the server stores its action rules here).
	App json.RawMessage `json:"app,omitempty"`
}

// Header is the recording's file header: format version, the full
// simulation configuration and the meta data.
type Header struct {
	// Version is the format version.
	Version int `json:"-"`
	// Config is the simulation configuration the recording ran under.
	Config ecs.Config `json:"config"`
	// Meta describes the recording's origin.
	Meta Meta `json:"meta"`
	// SnapshotEvery is how often (in ticks) full entity snapshots were
	// stored; 0 means never.
	SnapshotEvery int `json:"snapshot_every,omitempty"`
}

// appendFileHeader encodes h:
//
//	0  [8]u8 magic 89 'T' 'F' 'R' 0d 0a 1a 0a
//	8  u16   format version
//	10 u16   reserved, 0
//	12 u32   JSON length n
//	16 [n]u8 JSON object {"config":…,"meta":…,"snapshot_every":…}
//	16+n u32 CRC32-C of bytes 8..16+n
func appendFileHeader(dst []byte, h *Header) ([]byte, error) {
	js, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("record: encode header: %w", err)
	}
	start := len(dst)
	dst = append(dst, magic[:]...)
	dst = binary.LittleEndian.AppendUint16(dst, Version)
	dst = binary.LittleEndian.AppendUint16(dst, 0)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(js)))
	dst = append(dst, js...)
	return binary.LittleEndian.AppendUint32(dst, crc32.Checksum(dst[start+8:], castagnoli)), nil
}
