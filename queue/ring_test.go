package queue

import (
	"errors"
	"sync"
	"testing"
)

func TestNewRingCapacity(t *testing.T) {
	for _, tc := range []struct {
		capacity int
		ok       bool
	}{{0, false}, {1, false}, {2, true}, {3, false}, {1024, true}, {1000, false}} {
		_, err := NewRing[int](tc.capacity)
		if (err == nil) != tc.ok {
			t.Errorf("NewRing(%d) err = %v, want ok=%v", tc.capacity, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrCapacity) {
			t.Errorf("NewRing(%d) err = %v, want ErrCapacity", tc.capacity, err)
		}
	}
}

func TestRingFIFOAndFull(t *testing.T) {
	r := MustRing[int](4)
	for i := 0; i < 4; i++ {
		if !r.Push(&i) {
			t.Fatalf("push %d refused", i)
		}
	}
	extra := 99
	if r.Push(&extra) {
		t.Fatal("push into a full ring succeeded")
	}
	if r.Len() != 4 {
		t.Fatalf("Len = %d, want 4", r.Len())
	}
	for i := 0; i < 4; i++ {
		var v int
		if !r.Pop(&v) || v != i {
			t.Fatalf("pop %d = %d", i, v)
		}
	}
	var v int
	if r.Pop(&v) {
		t.Fatal("pop from an empty ring succeeded")
	}
}

func TestRingConcurrentProducers(t *testing.T) {
	const producers, each = 4, 5000
	r := MustRing[int](256)
	wg := startProducers(r, producers, each)
	seen := make([]bool, producers*each)
	last := make([]int, producers)
	for i := range last {
		last[i] = -1
	}
	for got := 0; got < producers*each; {
		var v int
		if !r.Pop(&v) {
			continue
		}
		if seen[v] {
			t.Fatalf("value %d popped twice", v)
		}
		seen[v] = true
		p, i := v/each, v%each
		if i <= last[p] {
			t.Fatalf("producer %d out of order: %d after %d", p, i, last[p])
		}
		last[p] = i
		got++
	}
	wg.Wait()
}

func TestRingAllocatesNothing(t *testing.T) {
	r := MustRing[[4]uint64](64)
	v := [4]uint64{1, 2, 3, 4}
	allocs := testing.AllocsPerRun(1000, func() {
		r.Push(&v)
		r.Pop(&v)
	})
	if allocs != 0 {
		t.Fatalf("allocs per push+pop = %v, want 0", allocs)
	}
}

func BenchmarkRingPushPop(b *testing.B) {
	r := MustRing[[8]uint64](1024)
	var v [8]uint64
	b.ReportAllocs()
	for b.Loop() {
		r.Push(&v)
		r.Pop(&v)
	}
}

// startProducers starts producers goroutines, producer p pushing
// p*each … p*each+each-1 in order (spinning while the ring is full);
// wait on the returned group for them to finish.
func startProducers(r *Ring[int], producers, each int) *sync.WaitGroup {
	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				v := p*each + i
				for !r.Push(&v) {
				}
			}
		}(p)
	}
	return &wg
}
