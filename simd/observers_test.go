package simd

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// observerCase is one input of ClassifyObservers: columns, a block, a
// pass and the observers to judge.
type observerCase struct {
	xs, zs   []float32
	rooms    []uint32
	spans    []Span
	q        PointQuery
	pass     ObserverPass
	from, to int32
}

// unwritten marks the entries of the per-observer arrays that nothing has
// written.
const unwritten = -9

// clonePass returns a deep copy of p, so that each path starts from the
// same state.
func clonePass(p *ObserverPass) ObserverPass {
	c := *p
	c.Seen, c.Prev, c.PrevFrom, c.PrevTo = slices.Clone(p.Seen), slices.Clone(p.Prev), slices.Clone(p.PrevFrom), slices.Clone(p.PrevTo)
	c.Link, c.LeftOf = slices.Clone(p.Link), slices.Clone(p.LeftOf)
	c.Keep, c.Enter, c.Left = slices.Clone(p.Keep), slices.Clone(p.Enter), slices.Clone(p.Left)
	c.KeepStart, c.KeepEnd = slices.Clone(p.KeepStart), slices.Clone(p.KeepEnd)
	c.EnterStart, c.EnterEnd = slices.Clone(p.EnterStart), slices.Clone(p.EnterEnd)
	c.LeftStart, c.LeftEnd = slices.Clone(p.LeftStart), slices.Clone(p.LeftEnd)
	return c
}

// oracleObservers is ClassifyObservers written from its documentation, on
// top of oracleClassify; it reports where it stopped and whether the
// stopping observer's set of last tick lies outside Prev (the panic).
func oracleObservers(c *observerCase, p *ObserverPass) (next int32, badPrev bool) {
	padded := 0
	for _, s := range c.spans {
		padded += (int(s.Len) + 7) &^ 7
	}
	for o := c.from; o < c.to; o++ {
		if len(p.Keep)-p.KeepLen < padded || len(p.Enter)-p.EnterLen < padded || len(p.Left)-p.LeftLen < padded {
			return o, !prevInRange(p, o)
		}
		p.Stamp++
		pf, pt := p.PrevFrom[o], p.PrevTo[o]
		if pf < 0 || pt < pf || int(pt) > len(p.Prev) {
			return o, true
		}
		prev := p.Prev[pf:pt]
		for _, v := range prev {
			if v < 0 || int(v) >= len(p.Link) {
				return o, false
			}
			d := p.Link[v]
			if d < 0 || int(d) >= len(p.Seen) {
				return o, false
			}
			p.Seen[d] = p.Stamp
		}
		q := c.q
		q.X, q.Z, q.Room = c.xs[o], c.zs[o], c.rooms[o]
		keep, enter, leave, nSeen := oracleClassify(c.xs, c.zs, c.rooms, c.spans, p.Seen, p.Stamp, q, o)
		if nSeen < len(prev) {
			// The rest of the set lies outside the block: judged by
			// position, if the lists have room for the whole set.
			if len(p.Keep)-p.KeepLen-len(keep) < len(prev) || len(p.Left)-p.LeftLen-len(leave) < len(prev) {
				return o, false
			}
			outside := 0
			for _, v := range prev {
				d := p.Link[v]
				held := false
				for _, sp := range c.spans {
					held = held || d >= sp.From && d < sp.From+sp.Len
				}
				if held {
					continue
				}
				outside++
				dx, dz := float64(c.xs[d]-q.X), float64(c.zs[d]-q.Z)
				if d2 := float32(float32(dx*dx) + float32(dz*dz)); c.rooms[d] == q.Room && d2 <= q.Outer2 {
					keep = append(keep, d)
				} else {
					leave = append(leave, d)
				}
			}
			if nSeen+outside != len(prev) { // a duplicate, or o itself
				return o, false
			}
		}
		if len(keep) > p.MaxKeep {
			return o, false
		}
		p.KeepStart[o], p.EnterStart[o], p.LeftStart[o] = int32(p.KeepLen), int32(p.EnterLen), int32(p.LeftLen)
		p.KeepLen += copy(p.Keep[p.KeepLen:], keep)
		p.EnterLen += copy(p.Enter[p.EnterLen:], enter)
		for _, d := range leave {
			p.Left[p.LeftLen] = p.LeftOf[d]
			p.LeftLen++
		}
		p.KeepEnd[o], p.EnterEnd[o], p.LeftEnd[o] = int32(p.KeepLen), int32(p.EnterLen), int32(p.LeftLen)
	}
	return c.to, false
}

// genObserverCase builds a block over up to 200 points, observers among
// them, and a pass whose sets of last tick mostly lie in the block, with
// rarer points outside it, outside Seen, or the observer itself, and
// whose lists sometimes run short of room or MaxKeep is small.
func genObserverCase(rng *rand.Rand, n int) *observerCase {
	n = max(n, 1)
	c := &observerCase{q: PointQuery{Radius2: 2500, Outer2: 3025}}
	if rng.IntN(5) == 0 {
		c.q.Outer2 = c.q.Radius2
	}
	centre := PointQuery{X: float32(rng.IntN(200) - 100), Z: float32(rng.IntN(200) - 100), Radius2: 2500,
		Room: uint32(rng.IntN(2))}
	c.xs, c.zs, c.rooms = genPoints(rng, n, centre)
	c.spans = genSpans(rng, n)
	c.from = int32(rng.IntN(n))
	c.to = c.from + int32(rng.IntN(n-int(c.from)+1))

	p := &c.pass
	stamp := rng.Uint32()
	p.Stamp = stamp
	p.Seen = genSeen(rng, n, stamp+uint32(rng.IntN(3)))
	var inBlock []int32
	for _, s := range c.spans {
		for j := s.From; j < s.From+s.Len; j++ {
			inBlock = append(inBlock, j)
		}
	}
	// Clean sets: distinct points of the block, never the observer.
	p.PrevFrom, p.PrevTo = make([]int32, n), make([]int32, n)
	for o := range n {
		p.PrevFrom[o] = int32(len(p.Prev))
		if len(inBlock) > 0 {
			for _, k := range rng.Perm(len(inBlock))[:min(len(inBlock), rng.IntN(13))] {
				if inBlock[k] != int32(o) {
					p.Prev = append(p.Prev, inBlock[k])
				}
			}
		}
		p.PrevTo[o] = int32(len(p.Prev))
	}
	// Half the cases get one flaw at an observer of the run.
	if c.to > c.from && rng.IntN(2) == 0 {
		o := c.from + int32(rng.IntN(int(c.to-c.from)))
		at := p.PrevFrom[o]
		if p.PrevTo[o] == at { // an empty set: give it a point to spoil
			p.Prev = slices.Insert(p.Prev, int(at), int32(0))
			for k := range p.PrevFrom {
				if k != int(o) && p.PrevFrom[k] >= at {
					p.PrevFrom[k]++
				}
				if p.PrevTo[k] >= at {
					p.PrevTo[k]++
				}
			}
		}
		switch rng.IntN(6) {
		case 0:
			p.Prev[at] = int32(rng.IntN(n)) // maybe outside the block
		case 1:
			p.Prev[at] = int32(n + rng.IntN(3)) // outside Seen
		case 2:
			p.Prev[at] = -1 - int32(rng.IntN(3))
		case 3:
			p.Prev[at] = o
		case 4:
			p.Prev[at] = p.Prev[p.PrevTo[o]-1] // a duplicate, or itself
		case 5:
			p.PrevTo[o] = int32(len(p.Prev) + 1 + rng.IntN(4)) // outside Prev
		}
	}
	// The sets so far hold points; store them as entries that Link maps
	// back, through a shuffled table with gone (−1) and stray entries too.
	// A planted point outside Seen or negative stays as it is, so it lands
	// outside Link, or on a stray entry.
	p.Link = make([]int32, n+rng.IntN(8))
	for v := range p.Link {
		p.Link[v] = pick(rng, int32(-1), int32(n+rng.IntN(3)), int32(rng.IntN(n)))
	}
	entryOf := make([]int32, n)
	for d, v := range rng.Perm(len(p.Link))[:n] {
		p.Link[v], entryOf[d] = int32(d), int32(v)
	}
	for k, d := range p.Prev {
		if d >= 0 && int(d) < n {
			p.Prev[k] = entryOf[d]
		}
	}
	p.LeftOf = make([]int32, n)
	for i := range p.LeftOf {
		p.LeftOf[i] = rng.Int32()
	}
	p.MaxKeep = 1 << 30
	if rng.IntN(4) == 0 {
		p.MaxKeep = rng.IntN(20)
	}
	lists := []*[]int32{&p.Keep, &p.Enter, &p.Left}
	lens := []*int{&p.KeepLen, &p.EnterLen, &p.LeftLen}
	for i, l := range lists {
		*lens[i] = rng.IntN(5)
		room := (n + 8*len(c.spans)) * int(c.to-c.from+1)
		if rng.IntN(6) == 0 {
			room = rng.IntN(3 * n)
		}
		*l = make([]int32, *lens[i]+room)
		for k := range *l {
			(*l)[k] = int32(k) ^ 0x5a5a
		}
	}
	for _, a := range []*[]int32{&p.KeepStart, &p.KeepEnd, &p.EnterStart, &p.EnterEnd, &p.LeftStart, &p.LeftEnd} {
		*a = make([]int32, n)
		for k := range *a {
			(*a)[k] = unwritten
		}
	}
	return c
}

// checkObservers runs every path over copies of the case's pass and
// compares each with the oracle: where it stopped, the stamps, the lists
// up to their lengths and the per-observer arrays (including that the
// stopping observer's entries and those after it are unwritten).
func checkObservers(t *testing.T, c *observerCase) {
	t.Helper()
	want := clonePass(&c.pass)
	wantNext, wantPanic := oracleObservers(c, &want)
	var blk WithinBlock
	blk.Reset(c.xs, c.zs, c.rooms, c.spans)
	for _, useAsm := range paths() {
		got := clonePass(&c.pass)
		name := fmt.Sprintf("%s, observers [%d, %d), spans %v", pathName(useAsm), c.from, c.to, c.spans)
		next, panicked := func() (next int32, panicked bool) {
			defer func() {
				if recover() != nil {
					panicked = true
				}
			}()
			return blk.classifyObserversOn(&got, &c.q, c.from, c.to, useAsm), false
		}()
		if panicked != wantPanic {
			t.Fatalf("%s: panicked %v, want %v", name, panicked, wantPanic)
		}
		if panicked {
			continue
		}
		if next != wantNext {
			t.Fatalf("%s: stopped at %d, want %d", name, next, wantNext)
		}
		if got.Stamp != want.Stamp || !slices.Equal(got.Seen, want.Seen) {
			t.Fatalf("%s: stamp %d and seen %v, want %d and %v", name, got.Stamp, got.Seen, want.Stamp, want.Seen)
		}
		for _, l := range []struct {
			what      string
			got, want []int32
			gotLen    int
			wantLen   int
		}{
			{"keep", got.Keep, want.Keep, got.KeepLen, want.KeepLen},
			{"enter", got.Enter, want.Enter, got.EnterLen, want.EnterLen},
			{"left", got.Left, want.Left, got.LeftLen, want.LeftLen},
			{"keep starts", got.KeepStart, want.KeepStart, -1, -1},
			{"keep ends", got.KeepEnd, want.KeepEnd, -1, -1},
			{"enter starts", got.EnterStart, want.EnterStart, -1, -1},
			{"enter ends", got.EnterEnd, want.EnterEnd, -1, -1},
			{"left starts", got.LeftStart, want.LeftStart, -1, -1},
			{"left ends", got.LeftEnd, want.LeftEnd, -1, -1},
		} {
			if l.gotLen >= 0 {
				if l.gotLen != l.wantLen {
					t.Fatalf("%s: %s length %d, want %d", name, l.what, l.gotLen, l.wantLen)
				}
				l.got, l.want = l.got[:l.gotLen], l.want[:l.wantLen]
			}
			if !slices.Equal(l.got, l.want) {
				t.Fatalf("%s: %s %v, want %v", name, l.what, l.got, l.want)
			}
		}
	}
}

func TestClassifyObserversMatchesOracle(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(41, 42))
	stops := map[string]int{}
	for range 4000 {
		c := genObserverCase(rng, 1+rng.IntN(150))
		checkObservers(t, c)
		p := clonePass(&c.pass)
		next, bad := oracleObservers(c, &p)
		switch {
		case bad:
			stops["bad range"]++
		case next == c.to:
			stops["all judged"]++
		default:
			stops["stopped"]++
		}
	}
	t.Logf("outcomes: %v", stops)
	// The cases must reach every outcome, each often.
	for _, k := range []string{"bad range", "all judged", "stopped"} {
		if stops[k] < 100 {
			t.Errorf("weak coverage: %v", stops)
		}
	}
}

// TestClassifyObserversStopReasons pins each reason to stop on a small
// block a reader can follow: three observers at x = 0, 10 and 20 with
// radius 15 (outer 15 too), all in the block.
func TestClassifyObserversStopReasons(t *testing.T) {
	t.Parallel()
	base := func() *observerCase {
		c := &observerCase{
			xs: []float32{0, 10, 20, 100}, zs: make([]float32, 4), rooms: make([]uint32, 4),
			spans: []Span{{From: 0, Len: 3}}, q: PointQuery{Radius2: 225, Outer2: 225},
			from: 0, to: 3,
		}
		p := &c.pass
		p.Seen, p.LeftOf = make([]uint32, 4), []int32{100, 101, 102, 103}
		p.Link = []int32{0, 1, 2, 3, -1, 4} // entry 4 is an entity gone since, 5 is outside Seen
		p.Prev = []int32{1, 0, 2, 1}
		p.PrevFrom, p.PrevTo = []int32{0, 1, 3}, []int32{1, 3, 4} // 0 saw 1; 1 saw 0, 2; 2 saw 1
		p.MaxKeep = 8
		p.Keep, p.Enter, p.Left = make([]int32, 24), make([]int32, 24), make([]int32, 24)
		for _, a := range []*[]int32{&p.KeepStart, &p.KeepEnd, &p.EnterStart, &p.EnterEnd, &p.LeftStart, &p.LeftEnd} {
			*a = []int32{unwritten, unwritten, unwritten}
		}
		return c
	}
	for _, tc := range []struct {
		name   string
		change func(c *observerCase)
		next   int32
	}{
		{"every observer judged", func(*observerCase) {}, 3},
		{"a point of observer 1's set outside the block and out of reach", func(c *observerCase) { c.pass.Prev[2] = 3 }, 3},
		{"observer 1 sees 0 twice", func(c *observerCase) { c.pass.Prev[2] = 0 }, 1},
		{"an entry of observer 2's set outside Link", func(c *observerCase) { c.pass.Prev[3] = 6 }, 2},
		{"an entry of observer 2's set links to a gone entity", func(c *observerCase) { c.pass.Prev[3] = 4 }, 2},
		{"an entry of observer 2's set links outside Seen", func(c *observerCase) { c.pass.Prev[3] = 5 }, 2},
		{"observer 1 keeps more than MaxKeep", func(c *observerCase) { c.pass.MaxKeep = 1 }, 1},
		{"no room for observer 1", func(c *observerCase) { c.pass.Keep = c.pass.Keep[:8] }, 1},
		{"observer 0 sees itself", func(c *observerCase) { c.pass.Prev[0] = 0 }, 0},
	} {
		c := base()
		tc.change(c)
		p := clonePass(&c.pass)
		if next, _ := oracleObservers(c, &p); next != tc.next {
			t.Fatalf("%s: the oracle stops at %d, want %d", tc.name, next, tc.next)
		}
		checkObservers(t, c)
	}
	// By hand, with nothing changed: 0 keeps 1 (seen), 1 keeps 0 and 2, 2
	// keeps 1; nobody enters or leaves.
	c := base()
	var blk WithinBlock
	blk.Reset(c.xs, c.zs, c.rooms, c.spans)
	for _, useAsm := range paths() {
		p := clonePass(&c.pass)
		if next := blk.classifyObserversOn(&p, &c.q, 0, 3, useAsm); next != 3 {
			t.Fatalf("%s: stopped at %d", pathName(useAsm), next)
		}
		if got := p.Keep[:p.KeepLen]; !slices.Equal(got, []int32{1, 0, 2, 1}) || p.EnterLen != 0 || p.LeftLen != 0 {
			t.Fatalf("%s: keep %v, %d entered, %d left", pathName(useAsm), got, p.EnterLen, p.LeftLen)
		}
	}
	// Point 3 (x = 100) in observer 1's set instead of point 2: outside
	// the block, it is judged by position and leaves (as LeftOf[3] = 103),
	// while 2 enters.
	c.pass.Prev[2] = 3
	for _, useAsm := range paths() {
		p := clonePass(&c.pass)
		blk.classifyObserversOn(&p, &c.q, 0, 3, useAsm)
		if got := p.Left[:p.LeftLen]; !slices.Equal(got, []int32{103}) || p.LeftStart[1] != 0 || p.LeftEnd[1] != 1 {
			t.Fatalf("%s: left %v, observer 1's from %d to %d", pathName(useAsm), got, p.LeftStart[1], p.LeftEnd[1])
		}
		if got := p.Enter[p.EnterStart[1]:p.EnterEnd[1]]; !slices.Equal(got, []int32{2}) {
			t.Fatalf("%s: observer 1 entered %v, want [2]", pathName(useAsm), got)
		}
	}
	// Exactly on the leave radius (x = 28, 18 from observer 1, outer² = 18²)
	// and outside the block, it stays: kept after the block's points.
	c.q.Outer2 = 324
	c.xs[3] = 28
	for _, useAsm := range paths() {
		p := clonePass(&c.pass)
		blk.classifyObserversOn(&p, &c.q, 0, 3, useAsm)
		if got := p.Keep[p.KeepStart[1]:p.KeepEnd[1]]; !slices.Equal(got, []int32{0, 2, 3}) || p.LeftLen != 0 {
			t.Fatalf("%s: observer 1 keeps %v with %d left, want [0 2 3] and none", pathName(useAsm), got, p.LeftLen)
		}
	}
	c.q.Outer2, c.xs[3], c.pass.Prev[2] = 225, 100, 2

	// Moving observer 2 to x = 30 takes it out of 1's radius: 1 leaves 2's
	// list (as LeftOf[1] = 101) and 2 leaves 1's.
	c.xs[2] = 30
	for _, useAsm := range paths() {
		p := clonePass(&c.pass)
		blk.classifyObserversOn(&p, &c.q, 0, 3, useAsm)
		if got := p.Left[:p.LeftLen]; !slices.Equal(got, []int32{102, 101}) || p.LeftStart[2] != 1 {
			t.Fatalf("%s: left %v, observer 2's from %d", pathName(useAsm), got, p.LeftStart[2])
		}
	}
}

// TestClassifyObserversRoomForOutside: an observer whose set reaches
// outside the block needs room for the block's entries plus its whole set,
// and is left to the caller without it. Observer 0 at x = 0 saw points 1
// to 9 (x = 1 … 9, all within reach); the block holds points 0 and 1.
func TestClassifyObserversRoomForOutside(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		room, next int32
	}{{8, 0}, {9, 0}, {10, 1}} {
		c := &observerCase{xs: make([]float32, 10), zs: make([]float32, 10), rooms: make([]uint32, 10),
			spans: []Span{{From: 0, Len: 2}}, q: PointQuery{Radius2: 225, Outer2: 225}, from: 0, to: 1}
		p := &c.pass
		p.Seen, p.LeftOf, p.Link = make([]uint32, 10), make([]int32, 10), make([]int32, 10)
		for i := range c.xs {
			c.xs[i], p.Link[i] = float32(i), int32(i)
		}
		p.Prev, p.PrevFrom, p.PrevTo = []int32{1, 2, 3, 4, 5, 6, 7, 8, 9}, []int32{0}, []int32{9}
		p.MaxKeep = 100
		p.Keep, p.Enter, p.Left = make([]int32, tc.room), make([]int32, 8), make([]int32, 16)
		for _, a := range []*[]int32{&p.KeepStart, &p.KeepEnd, &p.EnterStart, &p.EnterEnd, &p.LeftStart, &p.LeftEnd} {
			*a = []int32{unwritten}
		}
		q := clonePass(p)
		if next, _ := oracleObservers(c, &q); next != tc.next {
			t.Fatalf("room %d: the oracle stops at %d, want %d", tc.room, next, tc.next)
		}
		checkObservers(t, c)
		if tc.next == 1 && !slices.Equal(q.Keep[:q.KeepLen], []int32{1, 2, 3, 4, 5, 6, 7, 8, 9}) {
			t.Fatalf("room %d: keep %v", tc.room, q.Keep[:q.KeepLen])
		}
	}
}

// TestClassifyObserversPanics checks the arguments the documentation says
// are refused.
func TestClassifyObserversPanics(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(c *observerCase)
	}{
		{"from below 0", func(c *observerCase) { c.from = -1 }},
		{"to past the columns", func(c *observerCase) { c.to = int32(len(c.xs) + 1) }},
		{"short PrevTo", func(c *observerCase) { c.pass.PrevTo = c.pass.PrevTo[:c.to-1] }},
		{"short LeftEnd", func(c *observerCase) { c.pass.LeftEnd = c.pass.LeftEnd[:c.to-1] }},
		{"LeftOf shorter than Seen", func(c *observerCase) { c.pass.LeftOf = c.pass.LeftOf[:39] }},
		{"short Seen", func(c *observerCase) { c.pass.Seen = c.pass.Seen[:2] }},
		{"Seen longer than the columns", func(c *observerCase) { c.pass.Seen = append(c.pass.Seen, 0) }},
		{"a set outside Prev", func(c *observerCase) { c.pass.PrevTo[c.from] = int32(len(c.pass.Prev) + 1) }},
	} {
		for _, useAsm := range paths() {
			c := genObserverCase(rand.New(rand.NewPCG(7, 8)), 40)
			c.spans = []Span{{From: 0, Len: 40}}
			c.from, c.to = 1, 30
			c.pass.PrevFrom[1], c.pass.PrevTo[1] = 0, 0
			c.pass.Keep = make([]int32, 40*40)
			tc.change(c)
			var blk WithinBlock
			blk.Reset(c.xs, c.zs, c.rooms, c.spans)
			func() {
				defer func() {
					if recover() == nil {
						t.Fatalf("%s: no panic for %s", pathName(useAsm), tc.name)
					}
				}()
				blk.classifyObserversOn(&c.pass, &c.q, c.from, c.to, useAsm)
			}()
		}
	}
}

// FuzzClassifyObservers builds a case from a seed and checks every path
// against the oracle.
func FuzzClassifyObservers(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 99} {
		f.Add(seed, uint8(seed*37))
	}
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		checkObservers(t, genObserverCase(rand.New(rand.NewPCG(seed, 3)), int(n)))
	})
}

// BenchmarkClassifyObservers judges the observers of one cell at city
// density: six observers against BenchmarkClassify's block, each with a
// set of last tick of about 20 points in the block.
func BenchmarkClassifyObservers(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			q := PointQuery{Radius2: 2500, Outer2: 3025}
			const n = 200
			xs, zs, rooms := make([]float32, n), make([]float32, n), make([]uint32, n)
			for i := range xs {
				xs[i], zs[i] = rng.Float32()*150, rng.Float32()*150
			}
			spans := []Span{{From: 10, Len: 19}, {From: 90, Len: 19}, {From: 170, Len: 19}}
			var blk WithinBlock
			blk.Reset(xs, zs, rooms, spans)
			var p ObserverPass
			p.Seen, p.LeftOf, p.Link = make([]uint32, n), make([]int32, n), make([]int32, n)
			for v := range p.Link {
				p.Link[v] = int32(v)
			}
			p.PrevFrom, p.PrevTo = make([]int32, n), make([]int32, n)
			const from, to = 95, 101
			for o := from; o < to; o++ {
				p.PrevFrom[o] = int32(len(p.Prev))
				for _, k := range rng.Perm(57)[:21] { // 20 distinct points of the block but o
					if d := spans[k/19].From + int32(k%19); d != int32(o) && len(p.Prev)-int(p.PrevFrom[o]) < 20 {
						p.Prev = append(p.Prev, d)
					}
				}
				p.PrevTo[o] = int32(len(p.Prev))
			}
			p.MaxKeep = n
			p.Keep, p.Enter, p.Left = make([]int32, 6*72), make([]int32, 6*72), make([]int32, 6*72)
			for _, a := range []*[]int32{&p.KeepStart, &p.KeepEnd, &p.EnterStart, &p.EnterEnd, &p.LeftStart, &p.LeftEnd} {
				*a = make([]int32, n)
			}
			b.ReportAllocs()
			for b.Loop() {
				p.KeepLen, p.EnterLen, p.LeftLen = 0, 0, 0
				if next := blk.classifyObserversOn(&p, &q, from, to, useAsm); next != to {
					b.Fatalf("stopped at observer %d", next)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(to-from), "ns/observer")
		})
	}
}

// TestClassifyObserversAllocatesNothing runs the public entry point, on
// whichever path is enabled, over a generated case.
func TestClassifyObserversAllocatesNothing(t *testing.T) {
	c := genObserverCase(rand.New(rand.NewPCG(9, 10)), 120)
	var blk WithinBlock
	blk.Reset(c.xs, c.zs, c.rooms, c.spans)
	p := clonePass(&c.pass)
	if a := testing.AllocsPerRun(50, func() {
		p.KeepLen, p.EnterLen, p.LeftLen = 0, 0, 0
		blk.ClassifyObservers(&p, &c.q, c.from, c.to)
	}); a != 0 {
		t.Fatalf("%v allocations per call", a)
	}
}
