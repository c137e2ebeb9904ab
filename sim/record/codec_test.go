package record

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/ingest"
)

func TestEventRoundTrip(t *testing.T) {
	t.Parallel()
	nan := math.Float32frombits(0x7fc0_1234) // a NaN with a payload
	const nowMS = 1_000_000
	var wrapped uint32 = nowMS
	wrapped -= 1 << 31 // before the epoch: wraps around
	tests := []struct {
		name string
		ev   ingest.Event
	}{
		{"connect with spawn", ingest.Event{Kind: ingest.KindConnect, Conn: 1 << 21, UserID: math.MaxUint64, Room: 7, HasSpawn: true, Spawn: mgl32.Vec3{-1, 2.5, 3}}},
		{"connect without spawn", ingest.Event{Kind: ingest.KindConnect, Conn: 0, UserID: 1}},
		{"disconnect", ingest.Event{Kind: ingest.KindDisconnect, Conn: math.MaxUint32}},
		{"input", ingest.Event{Kind: ingest.KindInput, Conn: 300, Input: ecs.Input{Conn: 300, Seq: 65535, Timestamp: nowMS - 17,
			Position: mgl32.Vec3{1, 2, 3}, Rotation: mgl32.Quat{W: 0.5, V: mgl32.Vec3{0.5, -0.5, 0.5}}, Velocity: mgl32.Vec3{-100, 0, 100}}}},
		{"input with NaN and a far-future timestamp", ingest.Event{Kind: ingest.KindInput, Conn: 3, Input: ecs.Input{Conn: 3, Timestamp: nowMS + 1<<31 - 1,
			Position: mgl32.Vec3{nan, float32(math.Inf(-1)), float32(math.Copysign(0, -1))}}}},
		{"input with a timestamp before the epoch wraps", ingest.Event{Kind: ingest.KindInput, Conn: 3, Input: ecs.Input{Conn: 3, Timestamp: wrapped}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := appendEvent(nil, &tc.ev, nowMS)
			c := cursor{b: b}
			var got ingest.Event
			readEvent(&c, &got, nowMS)
			if c.bad || len(c.b) != 0 {
				t.Fatalf("decode: bad %v, %d bytes left", c.bad, len(c.b))
			}
			if appendEventBits(&got) != appendEventBits(&tc.ev) {
				t.Fatalf("got %+v, want %+v", got, tc.ev)
			}
		})
	}
}

// appendEventBits renders an event with floats as bits, so NaN compares equal.
func appendEventBits(ev *ingest.Event) string {
	return string(appendEvent(nil, ev, 0))
}

func TestEntityRoundTripAndSize(t *testing.T) {
	t.Parallel()
	e := EntityState{Conn: 5, UserID: 6, Room: 7, Position: [3]float32{1, 2, 3}, Rotation: [4]float32{0, 0, 0, 1},
		HP: -3, LastSeq: 9, HasSeq: true, Kick: true, RateRefilledAt: -1, MotionStart: 1 << 40, Active: true, Moved: true, CellX: -4, CellZ: 8}
	b := appendEntity(nil, &e)
	if len(b) != entitySize {
		t.Fatalf("encoded %d bytes, entitySize is %d", len(b), entitySize)
	}
	var got EntityState
	c := cursor{b: b}
	readEntity(&c, &got)
	if c.bad || got != e {
		t.Fatalf("got %+v, want %+v", got, e)
	}
	b[len(b)-9] = 2 // Moved is a bool: 2 is corrupt
	c = cursor{b: b}
	readEntity(&c, &got)
	if !c.bad {
		t.Fatal("a bool byte of 2 was accepted")
	}
}

func TestDiffReportsMissingAndChangedEntities(t *testing.T) {
	t.Parallel()
	rec := []EntityState{{Conn: 1}, {Conn: 2, HP: 10}, {Conn: 4}}
	rep := []EntityState{{Conn: 1}, {Conn: 2, HP: 9}, {Conn: 3}}
	d := Diff(rec, rep)
	if len(d) != 3 {
		t.Fatalf("diff %v", d)
	}
	if d[0].Conn != 2 || len(d[0].Fields) != 1 || d[0].Fields[0] != (FieldDiff{"HP", "10", "9"}) {
		t.Fatalf("changed entity: %+v", d[0])
	}
	if d[1].Conn != 3 || d[1].Missing != "recorded" || d[2].Conn != 4 || d[2].Missing != "replayed" {
		t.Fatalf("missing entities: %+v %+v", d[1], d[2])
	}
	if got := d[1].String(); got != "conn 3: only in the replayed state" {
		t.Fatalf("text %q", got)
	}
	negZero := []EntityState{{Conn: 1, Position: [3]float32{float32(math.Copysign(0, -1))}}}
	if len(Diff(rec[:1], negZero)) != 1 {
		t.Fatal("0 and -0 compared equal, but the state hash tells them apart")
	}
}
