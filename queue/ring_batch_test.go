package queue

import (
	"sync"
	"testing"
)

func TestPopBatchOrderAndShortReads(t *testing.T) {
	r := MustRing[int](8)
	buf := make([]int, 5)
	if n := r.PopBatch(buf); n != 0 {
		t.Fatalf("empty ring gave %d", n)
	}
	next, want := 0, 0
	for round := 0; round < 20; round++ { // wraps the ring many times
		for k := 0; k < round%9; k++ {
			v := next
			if !r.Push(&v) {
				t.Fatalf("round %d: push %d refused", round, v)
			}
			next++
		}
		for {
			n := r.PopBatch(buf)
			for _, v := range buf[:n] {
				if v != want {
					t.Fatalf("round %d: popped %d, want %d", round, v, want)
				}
				want++
			}
			if n < len(buf) {
				break
			}
		}
		if want != next {
			t.Fatalf("round %d: popped up to %d, pushed %d", round, want, next)
		}
	}
	if n := r.PopBatch(nil); n != 0 {
		t.Fatalf("nil buffer gave %d", n)
	}
}

// TestPopBatchConcurrent mixes producers with two consumers, one using
// PopBatch and one Pop: every value arrives exactly once, each producer's
// values in order within each consumer.
func TestPopBatchConcurrent(t *testing.T) {
	const producers, each = 4, 5000
	r := MustRing[int](64)
	wg := startProducers(r, producers, each)
	var mu sync.Mutex
	seen := make([]bool, producers*each)
	total := 0
	consume := func(batch bool) {
		last := make([]int, producers)
		for i := range last {
			last[i] = -1
		}
		buf := make([]int, 7)
		for {
			var got []int
			if batch {
				got = buf[:r.PopBatch(buf)]
			} else if r.Pop(&buf[0]) {
				got = buf[:1]
			}
			mu.Lock()
			for _, v := range got {
				if seen[v] {
					t.Errorf("value %d popped twice", v)
				}
				seen[v] = true
				if p, i := v/each, v%each; i <= last[p] {
					t.Errorf("producer %d out of order: %d after %d", p, i, last[p])
				} else {
					last[p] = i
				}
			}
			total += len(got)
			done := total == producers*each
			mu.Unlock()
			if done {
				return
			}
		}
	}
	var cw sync.WaitGroup
	for _, batch := range []bool{true, false} {
		cw.Add(1)
		go func(batch bool) { defer cw.Done(); consume(batch) }(batch)
	}
	cw.Wait()
	wg.Wait()
}

func TestPopBatchAllocatesNothing(t *testing.T) {
	r := MustRing[[4]uint64](64)
	v := [4]uint64{1, 2, 3, 4}
	buf := make([][4]uint64, 8)
	allocs := testing.AllocsPerRun(1000, func() {
		for i := 0; i < 8; i++ {
			r.Push(&v)
		}
		r.PopBatch(buf)
	})
	if allocs != 0 {
		t.Fatalf("allocs per 8 pushes + PopBatch = %v, want 0", allocs)
	}
}

// BenchmarkRingPopBatch pushes 64 values and drains them with PopBatch.
func BenchmarkRingPopBatch(b *testing.B) {
	r := MustRing[[8]uint64](1024)
	var v [8]uint64
	buf := make([][8]uint64, 64)
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 64; i++ {
			r.Push(&v)
		}
		r.PopBatch(buf)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(64*b.N), "ns/value")
}
