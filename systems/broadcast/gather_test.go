package broadcast

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
)

func randomRecords(rng *rand.Rand, n int) []record {
	records := make([]record, n)
	for i := range records {
		for j := range records[i] {
			records[i][j] = byte(rng.Uint32())
		}
	}
	return records
}

// TestGatherMatchesReference checks both gather loops against a plain
// append of the chosen records, for random views (repeats included), send
// flags and slot offsets, and that the slots are the payload's bytes.
func TestGatherMatchesReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 300 {
		records := randomRecords(rng, 1+rng.IntN(200))
		sends := make([]uint8, len(records))
		for i := range sends {
			sends[i] = uint8(rng.IntN(2))
		}
		vis := make([]int32, rng.IntN(30))
		for i := range vis {
			vis[i] = int32(rng.IntN(len(records)))
		}
		const hdr = wire.GameStateSyncHeaderSize
		skip := rng.IntN(3) // slots already used by earlier chunks
		payload := make([]byte, hdr+(skip+len(vis))*wire.EntityStateSize)
		slots := recordSlots(payload, hdr, skip+len(vis))

		var all, sending []byte
		for _, d := range vis {
			all = append(all, records[d][:]...)
			if sends[d] == 1 {
				sending = append(sending, records[d][:]...)
			}
		}
		at := payload[hdr+skip*wire.EntityStateSize:]
		gatherAll(slots[skip:], records, vis)
		if !bytes.Equal(at[:len(all)], all) {
			t.Fatalf("trial %d: gatherAll wrote %x, want %x", trial, at[:len(all)], all)
		}
		n := gatherSending(slots[skip:], records, sends, vis)
		if n*wire.EntityStateSize != len(sending) || !bytes.Equal(at[:len(sending)], sending) {
			t.Fatalf("trial %d: gatherSending kept %d records %x, want %x", trial, n, at[:n*wire.EntityStateSize], sending)
		}
	}
}

func TestGatherPanicsOnBadIndex(t *testing.T) {
	t.Parallel()
	records := make([]record, 4)
	slots := make([]record, 4)
	for _, tc := range []struct {
		name string
		run  func()
	}{
		{"all/index", func() { gatherAll(slots, records, []int32{0, 4}) }},
		{"all/negative", func() { gatherAll(slots, records, []int32{-1}) }},
		{"all/short-dst", func() { gatherAll(slots[:1], records, []int32{0, 1}) }},
		{"sending/index", func() { gatherSending(slots, records, make([]uint8, 4), []int32{1, 9}) }},
		{"slots/short-payload", func() { recordSlots(make([]byte, 20), 15, 1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			tc.run()
		})
	}
}

// TestPayloadSizeFollowsConfig changes MaxPayload between ticks: every
// payload stays within the new budget and decodes, and every visible record
// still arrives; a budget below one record (which Config.Validate rejects)
// sends one record per payload.
func TestPayloadSizeFollowsConfig(t *testing.T) {
	r := newRig(t)
	const n = 60
	var ents []ecs.Entity
	for i := range n {
		e, _ := r.w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(i + 1), Position: mgl32.Vec3{500 + float32(i%8), 0, 500 + float32(i/8)}})
		ents = append(ents, e)
	}
	r.tick()
	for _, maxPayload := range []int{1200, 256, 700, 1200, 40} {
		r.w.Config.MaxPayload = maxPayload
		for _, e := range ents {
			r.moveTo(e, r.w.Positions.Get(e).Vec3.Add(mgl32.Vec3{0.25, 0, 0}))
		}
		r.tick()
		budget := max(maxPayload-TransportReserve, wire.GameStateSyncHeaderSize+wire.EntityStateSize)
		records := 0
		for _, s := range r.sink.out {
			var m wire.GameStateSync
			if err := wire.DecodeGameStateSync(s.payload, &m); err != nil {
				t.Fatalf("max payload %d: %v", maxPayload, err)
			}
			if len(s.payload) > budget {
				t.Fatalf("max payload %d: payload of %d bytes", maxPayload, len(s.payload))
			}
			records += m.Count()
		}
		if records != n*(n-1) {
			t.Fatalf("max payload %d: %d records sent, want %d", maxPayload, records, n*(n-1))
		}
	}
}

// TestUpdateAllocatesNothingWhenSomeStill covers the path where only some
// entities go out (the branch-free gather) and enter/leave events.
func TestUpdateAllocatesNothingWhenSomeStill(t *testing.T) {
	r := newRig(t)
	r.sys = New(r.aoi, &DiscardSink{})
	var ents []ecs.Entity
	for i := range 400 {
		e, _ := r.w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(i + 1), Position: mgl32.Vec3{float32(i * 7 % 300), 0, float32(i * 13 % 300)}})
		ents = append(ents, e)
	}
	step := 0
	tick := func() {
		step++
		for i, e := range ents {
			if (i+step)%3 == 0 {
				r.moveTo(e, r.w.Positions.Get(e).Vec3.Add(mgl32.Vec3{float32(step%5)*30 - 60, 0, 0}))
			}
		}
		r.tick()
	}
	for range 5 {
		tick()
	}
	if allocs := testing.AllocsPerRun(20, tick); allocs != 0 {
		t.Fatalf("allocs per tick = %v", allocs)
	}
	if st := r.sys.Stats(); st.Enters == 0 || st.Leaves == 0 || st.Records == 0 {
		t.Fatalf("scene exercised too little: %+v", st)
	}
}
