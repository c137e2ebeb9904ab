package actions

import "github.com/tickforge/tickforge/net/wire"

// Action is one queued PlayerAction and the connection it came from. It is a
// plain value with no pointers, so a queue copies it without allocating.
type Action struct {
	// Conn is the network connection that sent the action.
	Conn uint32
	// Msg is the decoded action; Msg.UserID is the sender's user id.
	Msg wire.PlayerAction
}

// Source is where the system reads the tick's actions; queue.Ring[Action] is one.
type Source interface {
	// Pop removes the oldest action into *a and reports whether there was one.
	Pop(a *Action) bool
}

// Reject says why an action was refused. Zero means applied.
type Reject uint8

// The reasons an action is refused.
const (
	// Applied means the action was carried out.
	Applied Reject = iota
	// RejectUnknownPlayer: the connection has no player entity.
	RejectUnknownPlayer
	// RejectWrongUser: the action names another user than the connection's.
	RejectWrongUser
	// RejectNotReady: the player spawned this tick and has no view yet.
	RejectNotReady
	// RejectNonFinite: a direction, speed or position is NaN or infinite.
	RejectNonFinite
	// RejectNotVisible: the attack target is not in the attacker's view.
	RejectNotVisible
	// RejectOutOfRange: the attack target or cast position is too far.
	RejectOutOfRange
	// RejectTargetDown: the attack target has no hit points left.
	RejectTargetDown
	// RejectInvalid: a zero item or object id, a position outside the world,
	// or a kind the game's Validate hook refused.
	RejectInvalid
	// NumRejects sizes arrays indexed by Reject.
	NumRejects
)

var rejectNames = [NumRejects]string{"applied", "unknown_player", "wrong_user", "not_ready", "non_finite",
	"not_visible", "out_of_range", "target_down", "invalid"}

// String returns the reason's snake_case name, for logs and metrics labels.
func (r Reject) String() string {
	if r < NumRejects {
		return rejectNames[r]
	}
	return "unknown"
}
