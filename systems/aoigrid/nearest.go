package aoigrid

import "math/bits"

// candidate is an entity that passed an observer's radius test.
type candidate struct {
	d2    float32 // squared distance on X/Z
	dense int32   // dense index this tick
	uid   uint64  // UserID, the first tie-breaker
	id    uint32  // entity ID, the last tie-breaker (unique among live entities)
}

// nearer reports whether a sorts before b: smaller distance, then smaller
// UserID, then smaller entity ID. It is a strict total order on candidates of
// distinct entities.
func nearer(a, b *candidate) bool {
	if a.d2 != b.d2 {
		return a.d2 < b.d2
	}
	if a.uid != b.uid {
		return a.uid < b.uid
	}
	return a.id < b.id
}

// selectNearest reorders c so that c[:k] holds its k nearest candidates (in
// no particular order). It is quickselect with a median-of-three pivot,
// falling back to heapsort if partitioning degenerates, so it is O(n) on
// average and O(n log n) at worst; it allocates nothing.
func selectNearest(c []candidate, k int) {
	if k <= 0 || k >= len(c) {
		return
	}
	lo, hi := 0, len(c)-1
	budget := 2 * bits.Len(uint(len(c)))
	for lo < hi {
		if budget == 0 {
			heapSort(c[lo : hi+1])
			return
		}
		budget--
		p := partition(c, lo, hi)
		switch {
		case p == k:
			return
		case p < k:
			lo = p + 1
		default:
			hi = p - 1
		}
	}
}

// partition splits c[lo:hi+1] around a median-of-three pivot and returns the
// pivot's final index: everything before it is nearer, everything after is not.
func partition(c []candidate, lo, hi int) int {
	mid := lo + (hi-lo)/2
	if nearer(&c[mid], &c[lo]) {
		c[mid], c[lo] = c[lo], c[mid]
	}
	if nearer(&c[hi], &c[lo]) {
		c[hi], c[lo] = c[lo], c[hi]
	}
	if nearer(&c[mid], &c[hi]) {
		c[mid], c[hi] = c[hi], c[mid]
	}
	// c[hi] is now the median of the three.
	store := lo
	for i := lo; i < hi; i++ {
		if nearer(&c[i], &c[hi]) {
			c[i], c[store] = c[store], c[i]
			store++
		}
	}
	c[store], c[hi] = c[hi], c[store]
	return store
}

// heapSort sorts c nearest first.
func heapSort(c []candidate) {
	n := len(c)
	for i := n/2 - 1; i >= 0; i-- {
		siftDown(c, i, n)
	}
	for end := n - 1; end > 0; end-- {
		c[0], c[end] = c[end], c[0]
		siftDown(c, 0, end)
	}
}

// siftDown restores the max-heap property (farthest at the root) below i
// within c[:n].
func siftDown(c []candidate, i, n int) {
	for {
		child := 2*i + 1
		if child >= n {
			return
		}
		if child+1 < n && nearer(&c[child], &c[child+1]) {
			child++
		}
		if !nearer(&c[i], &c[child]) {
			return
		}
		c[i], c[child] = c[child], c[i]
		i = child
	}
}
