package bots

import (
	"math/bits"
	"time"
)

// histSub is log2 of the sub-buckets per power of two: 8 sub-buckets keep a
// percentile within about 9 % of the true value.
const histSub = 3

// histBuckets covers 1 µs up to 2^40 µs (12 days).
const histBuckets = 41 << histSub

// Histogram counts durations in log-linear buckets of microseconds. The zero
// value is empty and ready; it does not allocate when recording.
type Histogram struct {
	counts [histBuckets]uint32
	n      uint64
	max    time.Duration
}

func histIndex(us uint64) int {
	if us < 1<<histSub {
		return int(us)
	}
	e := bits.Len64(us) - 1 - histSub
	i := (e+1)<<histSub + int(us>>uint(e))&(1<<histSub-1)
	if i >= histBuckets {
		return histBuckets - 1
	}
	return i
}

// histUpper is the largest value (µs) that lands in bucket i.
func histUpper(i int) uint64 {
	if i < 1<<histSub {
		return uint64(i)
	}
	e := i>>histSub - 1
	m := uint64(i&(1<<histSub-1)) | 1<<histSub
	return (m+1)<<uint(e) - 1
}

// Record adds one duration; negative durations count as zero.
func (h *Histogram) Record(d time.Duration) {
	if d < 0 {
		d = 0
	}
	h.counts[histIndex(uint64(d/time.Microsecond))]++
	h.n++
	if d > h.max {
		h.max = d
	}
}

// Count is the number of recorded durations.
func (h *Histogram) Count() uint64 { return h.n }

// Merge adds o's counts to h.
func (h *Histogram) Merge(o *Histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	if o.max > h.max {
		h.max = o.max
	}
}

// Percentile returns the upper bound of the bucket holding the p-th
// percentile (0 < p <= 100), capped at the largest value recorded; 0 when
// empty.
func (h *Histogram) Percentile(p float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	rank := uint64(p / 100 * float64(h.n))
	if rank < 1 {
		rank = 1
	}
	var seen uint64
	for i, c := range h.counts {
		seen += uint64(c)
		if seen >= rank {
			d := time.Duration(histUpper(i)) * time.Microsecond
			return min(d, h.max)
		}
	}
	return h.max
}
