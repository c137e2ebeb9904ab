package server

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/systems/actions"
)

// The application-record channels of a room recording.
const (
	// AppChannelAction carries one PlayerAction the actions system popped:
	// u32 conn, then the action's wire encoding.
	AppChannelAction uint8 = 1
	// AppChannelEvent carries one room event handed to a game handler:
	// u8 kind, u8 message type, u32 conn, u64 user id, u32 transfer id,
	// then the message (or transfer) bytes.
	AppChannelEvent uint8 = 2
)

// eventRecordHeader is the size of an AppChannelEvent record before its bytes.
const eventRecordHeader = 1 + 1 + 4 + 8 + 4

// actionRules are the action rules a replay needs, stored as the header's
// Meta.App. actions.Config itself holds a function, which JSON cannot carry.
type actionRules struct {
	AttackRange float32 `json:"attack_range"`
	MaxDamage   uint32  `json:"max_damage"`
	CastRange   float32 `json:"cast_range"`
	MaxPerTick  int     `json:"max_per_tick"`
}

// rulesOf returns c's rules with the defaults actions.New would fill in.
func rulesOf(c actions.Config) actionRules {
	d := actions.DefaultConfig()
	r := actionRules{AttackRange: c.AttackRange, MaxDamage: c.MaxDamage, CastRange: c.CastRange, MaxPerTick: c.MaxPerTick}
	if r.AttackRange <= 0 {
		r.AttackRange = d.AttackRange
	}
	if r.MaxDamage == 0 {
		r.MaxDamage = d.MaxDamage
	}
	if r.CastRange <= 0 {
		r.CastRange = d.CastRange
	}
	if r.MaxPerTick <= 0 {
		r.MaxPerTick = d.MaxPerTick
	}
	return r
}

// apply sets c's rules to r's, keeping c's Validate hook.
func (r actionRules) apply(c actions.Config) actions.Config {
	c.AttackRange, c.MaxDamage, c.CastRange, c.MaxPerTick = r.AttackRange, r.MaxDamage, r.CastRange, r.MaxPerTick
	return c
}

// appMeta is the server's Meta.App.
type appMeta struct {
	Actions actionRules `json:"actions"`
}

// recordingActions is the actions system's Source in a live room: it pops
// the room's queue and records each action it hands over.
type recordingActions struct {
	q    *queue.Ring[actions.Action]
	room *Room
}

// Pop implements actions.Source.
func (s *recordingActions) Pop(a *actions.Action) bool {
	if !s.q.Pop(a) {
		return false
	}
	if r := s.room; r.rec != nil && wire.PlayerActionSize(a.Msg.Kind) != 0 {
		// An undefined kind is rejected before it can change anything, so
		// it needs no record.
		r.recBuf = binary.LittleEndian.AppendUint32(r.recBuf[:0], a.Conn)
		r.recBuf = wire.AppendPlayerAction(r.recBuf, &a.Msg)
		r.rec.RecordApp(AppChannelAction, r.recBuf)
	}
	return true
}

// startRecording opens the room's recording, if the server records. It
// runs on the room goroutine before the first tick.
func (r *Room) startRecording() {
	cfg := &r.srv.cfg
	if cfg.Record == nil {
		return
	}
	w, err := cfg.Record(r.ID)
	if err != nil {
		r.srv.log.Error().Err(err).Uint32("room", r.ID).Msg("cannot open the room's recording; the room runs unrecorded")
		return
	}
	app, err := json.Marshal(appMeta{Actions: rulesOf(r.actionCfg)})
	if err == nil {
		meta := record.Meta{
			Source: "serve", Capacity: r.capacity, Room: r.ID, App: app,
			Started: time.Now().UTC().Format(time.RFC3339), // for people; the simulation never reads it
		}
		r.rec, err = record.AttachWith(r.Pipeline, w, meta, cfg.RecordOptions)
	}
	if err != nil {
		r.srv.log.Error().Err(err).Uint32("room", r.ID).Msg("cannot record the room")
		closeWriter(w)
		return
	}
	r.recOut = w
	r.recBuf = make([]byte, 0, 256)
}

// stopRecording closes the room's recording after its last tick.
func (r *Room) stopRecording() {
	if r.rec == nil {
		return
	}
	err := r.rec.Close()
	st := r.rec.Stats()
	if cerr := closeWriter(r.recOut); err == nil {
		err = cerr
	}
	r.rec, r.recOut = nil, nil
	ev := r.srv.log.Info()
	if err != nil {
		ev = r.srv.log.Error().Err(err)
	}
	ev.Uint32("room", r.ID).Uint64("ticks", st.Ticks).Uint64("events", st.Events).
		Uint64("bytes", st.WrittenBytes).Uint64("stalls", st.Stalls).Msg("room recording closed")
}

// recordEvent stores a room event that reaches a game handler. Events
// without one (unknown commands, unregistered types, sync requests,
// media) change no state and are not recorded.
func (r *Room) recordEvent(e *roomEvent) {
	reg := &r.srv.reg
	switch e.kind {
	case evCommand:
		if len(reg.commands) == 0 {
			return
		}
	case evTransfer:
		if reg.transfer == nil {
			return
		}
	case evApplication:
		if reg.messages[e.typ] == nil {
			return
		}
	default:
		return
	}
	b := append(r.recBuf[:0], byte(e.kind), byte(e.typ))
	b = binary.LittleEndian.AppendUint32(b, uint32(e.conn))
	b = binary.LittleEndian.AppendUint64(b, e.userID)
	b = binary.LittleEndian.AppendUint32(b, e.transferID)
	r.recBuf = append(b, e.buf...)
	if !r.rec.RecordApp(AppChannelEvent, r.recBuf) {
		r.srv.log.Warn().Uint32("room", r.ID).Int("bytes", len(r.recBuf)).
			Msg("room event too large to record; a replay will diverge if its handler changes the world")
	}
}

func closeWriter(w io.Writer) error {
	if c, ok := w.(io.Closer); ok {
		if err := c.Close(); err != nil {
			return fmt.Errorf("server: close recording: %w", err)
		}
	}
	return nil
}

// RecordFiles returns a Config.Record that writes each room to its own
// file named after path with the room inserted before the extension:
// "session.tfr" gives "session.room7.tfr" for room 7. A room opened again
// after closing idle gets "session.room7.2.tfr", then ".3", and so on.
// Existing files are overwritten. It is safe for concurrent use.
func RecordFiles(path string) func(room uint32) (io.Writer, error) {
	var mu sync.Mutex
	opened := map[uint32]int{}
	return func(room uint32) (io.Writer, error) {
		mu.Lock()
		opened[room]++
		n := opened[room]
		mu.Unlock()
		name := RecordFileName(path, room, n)
		f, err := os.Create(name)
		if err != nil {
			return nil, fmt.Errorf("server: record room %d: %w", room, err)
		}
		return f, nil
	}
}

// RecordFileName is the file RecordFiles writes for the n-th opening
// (from 1) of a room.
func RecordFileName(path string, room uint32, n int) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	if n > 1 {
		return fmt.Sprintf("%s.room%d.%d%s", base, room, n, ext)
	}
	return fmt.Sprintf("%s.room%d%s", base, room, ext)
}
