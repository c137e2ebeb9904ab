package sim

import (
	"fmt"

	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/systems/aoigrid"
	"github.com/tickforge/tickforge/systems/broadcast"
	"github.com/tickforge/tickforge/systems/ingest"
	"github.com/tickforge/tickforge/systems/interpolate"
	"github.com/tickforge/tickforge/systems/validatecheat"
)

// PipelineOptions configures NewPipeline. Zero values take the defaults.
type PipelineOptions struct {
	// Config is the simulation configuration (ecs.DefaultConfig if zero).
	Config ecs.Config
	// Capacity is the expected number of entities (default 1,024).
	Capacity int
	// InboundCapacity is the inbound queue's size, a power of two (default
	// the next power of two ≥ 4 × Capacity, at least 4,096).
	InboundCapacity int
	// MaxEventsPerTick caps the events one tick applies (default InboundCapacity).
	MaxEventsPerTick int
	// Sink receives broadcast payloads (default a DiscardSink).
	Sink broadcast.Sink
	// Logger receives the systems' logs (default: none).
	Logger *zerolog.Logger
}

// Pipeline is one room's world with the engine's five systems scheduled in
// order — ingest, validate-cheat, interpolate, aoi-grid, broadcast — and the
// loop that runs them. Games add their own systems to Schedule.
type Pipeline struct {
	World    *ecs.World
	Inbound  *queue.Ring[ingest.Event]
	Batch    *ecs.InputBatch
	Schedule *Schedule
	Loop     *Loop
	Hasher   *ecs.Hasher

	Ingest      *ingest.System
	Validate    *validatecheat.System
	Interpolate *interpolate.System
	AOI         *aoigrid.System
	Broadcast   *broadcast.System
}

// NewPipeline builds a pipeline whose first tick is due at time zero.
func NewPipeline(o PipelineOptions) (*Pipeline, error) {
	if o.Config.TickRate == 0 {
		o.Config = ecs.DefaultConfig()
	}
	if o.Capacity <= 0 {
		o.Capacity = 1024
	}
	if o.InboundCapacity <= 0 {
		o.InboundCapacity = 4096
		for o.InboundCapacity < 4*o.Capacity {
			o.InboundCapacity *= 2
		}
	}
	if o.MaxEventsPerTick <= 0 {
		o.MaxEventsPerTick = o.InboundCapacity
	}
	if o.Sink == nil {
		o.Sink = &broadcast.DiscardSink{}
	}
	log := zerolog.Nop()
	if o.Logger != nil {
		log = *o.Logger
	}
	w, err := ecs.NewWorld(o.Config, o.Capacity)
	if err != nil {
		return nil, fmt.Errorf("sim: new pipeline: %w", err)
	}
	in, err := queue.NewRing[ingest.Event](o.InboundCapacity)
	if err != nil {
		return nil, fmt.Errorf("sim: new pipeline: inbound queue: %w", err)
	}
	p := &Pipeline{World: w, Inbound: in, Batch: &ecs.InputBatch{}, Schedule: &Schedule{}, Hasher: ecs.NewHasher()}
	p.Ingest = ingest.New(in, p.Batch, o.MaxEventsPerTick)
	p.Validate = validatecheat.New(p.Batch, log.With().Str("system", validatecheat.Name).Logger())
	p.Interpolate = interpolate.New()
	p.AOI = aoigrid.New(o.Capacity)
	p.Broadcast = broadcast.New(p.AOI, o.Sink)
	for _, s := range []ecs.System{p.Ingest, p.Validate, p.Interpolate, p.AOI, p.Broadcast} {
		if err := p.Schedule.Append(s); err != nil {
			return nil, fmt.Errorf("sim: new pipeline: %w", err)
		}
	}
	p.Loop = NewLoop(w, p.Schedule, 0)
	return p, nil
}

// Push hands one event to the inbound queue and reports whether it fit.
// Any goroutine may call it.
func (p *Pipeline) Push(ev *ingest.Event) bool { return p.Inbound.Push(ev) }

// Hash is the world's current state hash.
func (p *Pipeline) Hash() ecs.StateHash { return p.Hasher.Hash(p.World) }
