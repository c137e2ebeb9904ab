package rudp

import "sync/atomic"

// Budget is a byte budget shared by many connections: the global cap on
// receive-side memory (reassemblies, out-of-order and undelivered messages). It is safe for
// concurrent use and lock-free.
type Budget struct {
	limit int64
	used  atomic.Int64
}

// NewBudget returns a budget of limit bytes.
func NewBudget(limit int64) *Budget { return &Budget{limit: limit} }

// Used reports the bytes currently charged.
func (b *Budget) Used() int64 { return b.used.Load() }

// take charges n bytes and reports whether they fit; on false nothing is charged.
func (b *Budget) take(n int64) bool {
	if b == nil {
		return true
	}
	if b.used.Add(n) > b.limit {
		b.used.Add(-n)
		return false
	}
	return true
}

// give returns n bytes to the budget.
func (b *Budget) give(n int64) {
	if b != nil {
		b.used.Add(-n)
	}
}
