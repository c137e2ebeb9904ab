package endpoint

import "time"

// overdueWait is how long a network loop blocks when a deadline stays due
// across a pass that could not act on it.
const overdueWait = 100 * time.Microsecond

// overdueGuard keeps a network loop from spinning: a deadline still due
// after a full pass means the connection could not act on it yet (pacing,
// a window), so the next wait is overdueWait instead of zero.
type overdueGuard struct{ overdue bool }

// wait returns how long to block given the time until the next deadline.
func (g *overdueGuard) wait(untilNext time.Duration) time.Duration {
	if untilNext <= 0 && g.overdue {
		untilNext = overdueWait
	}
	g.overdue = untilNext <= 0
	return untilNext
}
