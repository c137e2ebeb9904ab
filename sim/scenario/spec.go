package scenario

import (
	"fmt"
	"sort"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

// Spec describes a synthetic scenario.
type Spec struct {
	// Name is the scenario's name.
	Name string
	// Players is the number of players, each sending one input per tick.
	Players int
	// WorldSize is the side of the square world (X and Z from 0 to WorldSize).
	WorldSize float32
	// CheatRate is the share of inputs that cheat, per kind of cheat.
	CheatRate float64
}

// Specs are the built-in scenarios.
var Specs = map[string]Spec{
	"arena": {Name: "arena", Players: 1_000, WorldSize: 1_000, CheatRate: 0.01},
	"city":  {Name: "city", Players: 10_000, WorldSize: 2_000, CheatRate: 0.01},
	"mmo":   {Name: "mmo", Players: 100_000, WorldSize: 10_000, CheatRate: 0.01},
}

// Lookup returns the built-in scenario called name.
func Lookup(name string) (Spec, error) {
	s, ok := Specs[name]
	if !ok {
		names := make([]string, 0, len(Specs))
		for n := range Specs {
			names = append(names, n)
		}
		sort.Strings(names)
		return Spec{}, fmt.Errorf("scenario: unknown scenario %q (have %v)", name, names)
	}
	return s, nil
}

// Config returns cfg with the world bounds set to the scenario's world.
func (s Spec) Config(cfg ecs.Config) ecs.Config {
	cfg.WorldMin = mgl32.Vec3{0, -100, 0}
	cfg.WorldMax = mgl32.Vec3{s.WorldSize, 100, s.WorldSize}
	return cfg
}
