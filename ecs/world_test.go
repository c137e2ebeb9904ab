package ecs

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

func TestSpawnAndDespawnByConnection(t *testing.T) {
	w, err := NewWorld(DefaultConfig(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		conn   uint32
		wantOK bool
	}{
		{"first", 0, true},
		{"sparse index", 500, true},
		{"duplicate", 500, false},
		{"largest allowed", MaxConn, true},
		{"above the maximum", MaxConn + 1, false},
	} {
		_, ok := w.SpawnPlayer(SpawnSpec{Conn: tc.conn, UserID: uint64(tc.conn), Position: mgl32.Vec3{1, 0, 1}})
		if ok != tc.wantOK {
			t.Errorf("%s: spawn ok = %v, want %v", tc.name, ok, tc.wantOK)
		}
	}
	if w.PlayerCount() != 3 {
		t.Fatalf("players = %d, want 3", w.PlayerCount())
	}
	e, ok := w.EntityOf(500)
	if !ok || w.Players.Get(e).Conn != 500 || w.Inputs.Get(e).AnchorPos != (mgl32.Vec3{1, 0, 1}) {
		t.Fatal("conn 500 lookup wrong")
	}
	if !w.DespawnConn(500) || w.DespawnConn(500) || w.DespawnConn(12345) {
		t.Fatal("despawn results wrong")
	}
	if _, ok := w.EntityOf(500); ok || w.PlayerCount() != 2 {
		t.Fatal("conn 500 still present")
	}
	if _, ok := w.SpawnPlayer(SpawnSpec{Conn: 500}); !ok {
		t.Fatal("conn index not reusable after despawn")
	}
}

func TestConfigValidate(t *testing.T) {
	good := DefaultConfig()
	if err := good.Validate(); err != nil {
		t.Fatalf("default config invalid: %v", err)
	}
	for _, tc := range []struct {
		name string
		mut  func(*Config)
	}{
		{"zero tick rate", func(c *Config) { c.TickRate = 0 }},
		{"negative speed", func(c *Config) { c.MaxPositionDelta = -1 }},
		{"zero radius", func(c *Config) { c.AOIRadius = 0 }},
		{"no visible", func(c *Config) { c.AOIMaxVisible = 0 }},
		{"payload too large", func(c *Config) { c.MaxPayload = 1201 }},
		{"inverted bounds", func(c *Config) { c.WorldMin[0] = c.WorldMax[0] }},
		{"zero strike window", func(c *Config) { c.StrikeWindow = 0 }},
	} {
		c := DefaultConfig()
		tc.mut(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", tc.name)
		}
	}
}
