package server_test

import (
	"context"
	"fmt"
	"time"

	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
	"github.com/tickforge/tickforge/systems/actions"
)

// regen is a game system: every player regains one hit point per tick, up
// to 100. Each room gets its own (a system belongs to one world).
type regen struct{ filter *generic.Filter1[ecs.Health] }

func (*regen) Name() string { return "regen" }

func (r *regen) Update(w *ecs.World) {
	q := r.filter.Query(&w.ECS)
	for q.Next() {
		if h := q.Get(); h.HP > 0 && h.HP < 100 {
			h.HP++
		}
	}
}

// TypePing is the game's own message type.
const TypePing = wire.FirstApplicationType

// Example shows the extension API: a game message type with a handler, a
// command, and a system added to every room's schedule.
func Example() {
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	cfg.RoomSetup = func(r *server.Room) error {
		return r.Pipeline.Schedule.InsertAfter(actions.Name, &regen{filter: generic.NewFilter1[ecs.Health]()})
	}
	srv, err := server.New(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.HandleMessage(TypePing, wire.PriorityHigh, func(ctx *server.Context, payload []byte) {
		ctx.Reply(rudp.ReliableOrdered, wire.PriorityHigh, append([]byte{byte(TypePing)}, "pong"...))
	})
	srv.HandleCommand("whoami", func(ctx *server.Context, _ []byte) (wire.ReplyStatus, []byte) {
		return wire.StatusOK, fmt.Appendf(nil, "user %d in room %d, systems %v", ctx.UserID, ctx.Room.ID, ctx.Room.Pipeline.Schedule.Names())
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go srv.Run(ctx)

	pong := make(chan string, 1)
	c, err := client.Dial(ctx, srv.Addr().String(), 42, 1, client.Options{
		OnMessage: func(p []byte) { pong <- string(p[1:]) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	c.Send(rudp.ReliableOrdered, wire.PriorityHigh, []byte{byte(TypePing)})
	fmt.Println(<-pong)
	r, err := c.Command(ctx, "whoami", nil)
	fmt.Println(string(r.Body), err)
	// Output:
	// pong
	// user 42 in room 1, systems [ingest room-events actions regen validate-cheat interpolate aoi-grid broadcast] <nil>
}
