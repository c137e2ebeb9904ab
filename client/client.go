package client

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server/transfer"
)

// Client is one player's connection to a server.
type Client struct {
	ep     *endpoint.Client
	opts   Options
	userID uint64
	roomID uint32

	welcome  wire.Welcome
	welcomed chan struct{}
	refused  chan wire.DisconnectReason

	mu       sync.Mutex // guards entities, self, replies
	entities map[uint64]wire.EntityState
	self     wire.EntityState
	hasSelf  bool
	replies  map[uint32]func(*wire.CommandReply)

	nextCommand, nextTransfer atomic.Uint32
	posSeq, actSeq            atomic.Uint32
	closeReason               atomic.Uint32
	stats                     counters

	asm *transfer.Assembler // network goroutine only
}

// Dial connects to addr, joins room roomID as userID, and returns once the
// server's Welcome arrived. It fails with ErrRefused if the server refused
// the player, or with the transport's or ctx's error.
func Dial(ctx context.Context, addr string, userID uint64, roomID uint32, opts Options) (*Client, error) {
	c := newClient(userID, roomID, opts)
	first := wire.AppendConnect(nil, &wire.Connect{UserID: userID, RoomID: roomID})
	ep, err := endpoint.Dial(ctx, addr, opts.Endpoint, first, (*handler)(c))
	if err != nil {
		return nil, fmt.Errorf("client: dial %s: %w", addr, err)
	}
	c.ep = ep
	select {
	case <-c.welcomed:
		return c, nil
	case r := <-c.refused:
		ep.Close()
		return nil, fmt.Errorf("client: join room %d: %w (%d)", roomID, ErrRefused, r)
	case <-ep.Done():
		return nil, fmt.Errorf("client: join room %d: %w: %v", roomID, ErrRefused, rudp.CloseReason(c.closeReason.Load()))
	case <-ctx.Done():
		ep.Close()
		return nil, fmt.Errorf("client: join room %d: %w", roomID, ctx.Err())
	}
}

// newClient builds a client with no connection yet.
func newClient(userID uint64, roomID uint32, opts Options) *Client {
	if opts.MaxTransferBytes <= 0 {
		opts.MaxTransferBytes = 1 << 20
	}
	return &Client{
		opts: opts, userID: userID, roomID: roomID,
		welcomed: make(chan struct{}), refused: make(chan wire.DisconnectReason, 1),
		entities: map[uint64]wire.EntityState{}, replies: map[uint32]func(*wire.CommandReply){},
		asm: transfer.NewAssembler(opts.MaxTransferBytes, 4),
	}
}

// UserID is the player's user id.
func (c *Client) UserID() uint64 { return c.userID }

// Welcome is the server's Welcome (room and tick at join).
func (c *Client) Welcome() wire.Welcome { return c.welcome }

// ServerTimeMS is the server's millisecond clock now, for input timestamps.
func (c *Client) ServerTimeMS() uint32 { return c.ep.ServerTimeMS() }

// Transport is the underlying endpoint client.
func (c *Client) Transport() *endpoint.Client { return c.ep }

// Done is closed once the connection is over.
func (c *Client) Done() <-chan struct{} { return c.ep.Done() }

// CloseReason is why the connection ended (rudp.ReasonNone while open).
func (c *Client) CloseReason() rudp.CloseReason { return rudp.CloseReason(c.closeReason.Load()) }

// Close leaves gracefully: FIN, a brief wait for the server, socket closed.
func (c *Client) Close() error {
	if err := c.ep.Close(); err != nil {
		return fmt.Errorf("client: close: %w", err)
	}
	return nil
}

// Self is the player's own state from the latest GameStateSync that carried it.
func (c *Client) Self() (wire.EntityState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.self, c.hasSelf
}

// Entity returns a visible entity's latest state.
func (c *Client) Entity(userID uint64) (wire.EntityState, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entities[userID]
	return e, ok
}

// Entities appends every visible entity's latest state to dst.
func (c *Client) Entities(dst []wire.EntityState) []wire.EntityState {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entities {
		dst = append(dst, e)
	}
	return dst
}

// Visible is the number of entities in view.
func (c *Client) Visible() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entities)
}
