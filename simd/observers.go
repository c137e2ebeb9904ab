package simd

// ObserverPass carries an AOI pass's per-observer state through
// WithinBlock.ClassifyObservers: the marks that Classify reads as seen,
// every observer's set of last tick, and the output lists, which grow
// observer by observer. The AOI grid keeps one and points its slices at its
// own arrays before each call.
type ObserverPass struct {
	// Seen holds a stamp per point of the block's columns (it may be
	// shorter than they are, not longer). Each observer's set of last
	// tick is stamped with a value of its own before the observer is
	// judged.
	Seen []uint32
	// Stamp is the last stamp value used; each observer judged takes the
	// next one. The caller keeps Stamp plus the observers of a call from
	// wrapping around.
	Stamp uint32
	// Prev holds the sets of last tick; observer o's set is
	// Prev[PrevFrom[o]:PrevTo[o]], and an entry v of it stands for point
	// Link[v]. (The AOI grid keeps its sets in last tick's dense indices,
	// and Link maps them to this tick's, −1 for entities gone since.)
	Prev, PrevFrom, PrevTo []int32
	Link                   []int32
	// LeftOf maps a point to the value its entry in Left gets (the AOI
	// grid's index of last tick, so that the caller needs no second pass);
	// it covers at least the points of Seen.
	LeftOf []int32
	// MaxKeep is the most points an observer may keep; one that keeps more
	// is left to the caller (the AOI grid's cap, which needs distances).
	MaxKeep int
	// Keep, Enter and Left are the output lists: entries below KeepLen,
	// EnterLen and LeftLen are in use, and the rest of each slice is room
	// to write into.
	Keep, Enter, Left          []int32
	KeepLen, EnterLen, LeftLen int
	// KeepStart[o] and KeepEnd[o] delimit observer o's entries in Keep, and
	// so on for Enter and Left.
	KeepStart, KeepEnd, EnterStart, EnterEnd, LeftStart, LeftEnd []int32
}

// ClassifyObservers judges the observers from, from+1, … (points of the
// block's own columns) in order against the whole block, each the way
// Classify does with q's radii, the observer's own X, Z and room, and the
// observer as the except point. For each observer o it
//
//   - stamps the points of o's set of last tick into p.Seen with the next
//     stamp;
//   - classifies the block's points as Classify does, then judges the
//     points of o's set that the block does not hold by position: kept if
//     in o's room and d² ≤ q.Outer2 (d² rounded as Classify's), left
//     otherwise;
//   - appends the kept points to p.Keep (the block's in span order, then
//     those from outside it in the set's order), the entered ones to
//     p.Enter, and p.LeftOf of each left point to p.Left (the block's,
//     then those from outside it);
//   - sets o's entries of KeepStart … LeftEnd and advances the lengths.
//
// It stops before an observer that it cannot finish on its own and returns
// that observer's index; it returns to when it judged them all. An
// observer is left to the caller when it keeps more than p.MaxKeep points,
// when an entry of its set is outside p.Link or links to a point outside
// p.Seen (a gone entity's −1 among them), when its set is not a set of
// distinct points other than o (the seen points and those outside the
// block do not add up to it), or when an output list has fewer than
// Padded() entries of room, or, if some of its set lie outside the block,
// fewer than the block's entries plus the set's length. For the
// observer returned, a stamp may have been spent and entries past the
// lists' lengths overwritten; nothing else of it was written.
//
// Panics: if from < 0, to > the length of the block's columns, or
// PrevFrom, PrevTo or one of KeepStart … LeftEnd is shorter than to; if
// Seen is shorter than the end of the block's last span or longer than
// the columns, or LeftOf shorter than Seen; or if a set of last tick
// reaches outside p.Prev.
func (b *WithinBlock) ClassifyObservers(p *ObserverPass, q *PointQuery, from, to int32) int32 {
	return b.classifyObserversOn(p, q, from, to, accelerated.Load())
}

// classifyObserversOn is ClassifyObservers on the chosen path.
func (b *WithinBlock) classifyObserversOn(p *ObserverPass, q *PointQuery, from, to int32, useAsm bool) int32 {
	n, cols := int(to), min(len(b.xs), len(b.zs), len(b.rooms))
	if from < 0 || n > cols || len(p.PrevFrom) < n || len(p.PrevTo) < n ||
		min(len(p.KeepStart), len(p.KeepEnd), len(p.EnterStart), len(p.EnterEnd), len(p.LeftStart), len(p.LeftEnd)) < n ||
		len(p.Seen) < b.end || len(p.Seen) > cols || len(p.LeftOf) < len(p.Seen) {
		panic("simd: WithinBlock.ClassifyObservers: an observer is outside the columns or a slice of the pass has the wrong length")
	}
	if from >= to {
		return to
	}
	var next int32
	if useAsm {
		next = classifyObserversAsm(b, p, q, from, to)
	} else {
		next = classifyObserversGeneric(b, p, q, from, to)
	}
	if next < to && !prevInRange(p, next) {
		panic("simd: WithinBlock.ClassifyObservers: a set of last tick reaches outside Prev")
	}
	return next
}

// prevInRange reports whether observer o's set of last tick lies in p.Prev.
func prevInRange(p *ObserverPass, o int32) bool {
	from, to := p.PrevFrom[o], p.PrevTo[o]
	return from >= 0 && from <= to && int(to) <= len(p.Prev)
}

// classifyObserversGeneric is the reference of ClassifyObservers, for a
// pass already checked against the block; the assembly must agree with it
// exactly, in its outputs and in where it stops. It leaves an observer
// whose set of last tick is outside p.Prev to the caller, which panics.
func classifyObserversGeneric(b *WithinBlock, p *ObserverPass, q *PointQuery, from, to int32) int32 {
	pq := *q
	for o := from; o < to; o++ {
		if len(p.Keep)-p.KeepLen < b.padded || len(p.Enter)-p.EnterLen < b.padded || len(p.Left)-p.LeftLen < b.padded {
			return o
		}
		p.Stamp++
		if !prevInRange(p, o) {
			return o
		}
		prev := p.Prev[p.PrevFrom[o]:p.PrevTo[o]]
		if !stampLinked(p.Seen, p.Link, prev, p.Stamp) {
			return o
		}
		pq.X, pq.Z, pq.Room = b.xs[o], b.zs[o], b.rooms[o]
		keep, enter, left := p.Keep[p.KeepLen:], p.Enter[p.EnterLen:], p.Left[p.LeftLen:]
		r := classifyGeneric(b, keep, enter, left, p.Seen, p.Stamp, &pq, int(o))
		if r.Seen < len(prev) {
			var ok bool
			if r, ok = b.judgeOutside(keep, left, r, p, prev, &pq); !ok {
				return o
			}
		}
		if r.Keep > p.MaxKeep {
			return o
		}
		for i, d := range left[:r.Leave] {
			left[i] = p.LeftOf[d]
		}
		p.KeepStart[o], p.EnterStart[o], p.LeftStart[o] = int32(p.KeepLen), int32(p.EnterLen), int32(p.LeftLen)
		p.KeepLen, p.EnterLen, p.LeftLen = p.KeepLen+r.Keep, p.EnterLen+r.Enter, p.LeftLen+r.Leave
		p.KeepEnd[o], p.EnterEnd[o], p.LeftEnd[o] = int32(p.KeepLen), int32(p.EnterLen), int32(p.LeftLen)
	}
	return to
}

// judgeOutside appends the points of set (entries of p.Link, all checked)
// that the block does not hold to keep or left after the r.Keep and
// r.Leave the block wrote: kept if in q's room and d² ≤ q.Outer2, left
// otherwise. It reports false, writing nothing the counts cover, if the
// lists lack room for the whole set or the set does not add up (seen and
// outside points fewer than its entries).
func (b *WithinBlock) judgeOutside(keep, left []int32, r Classified, p *ObserverPass, set []int32,
	q *PointQuery) (Classified, bool) {
	if len(keep)-r.Keep < len(set) || len(left)-r.Leave < len(set) {
		return r, false
	}
	found := r.Seen
	for _, v := range set {
		d := p.Link[v]
		if b.holds(d) {
			continue
		}
		found++
		dx, dz := b.xs[d]-q.X, b.zs[d]-q.Z
		if b.rooms[d] == q.Room && float32(dx*dx)+float32(dz*dz) <= q.Outer2 {
			keep[r.Keep] = d
			r.Keep++
		} else {
			left[r.Leave] = d
			r.Leave++
		}
	}
	return r, found == len(set)
}

// holds reports whether point d lies in one of the block's spans.
func (b *WithinBlock) holds(d int32) bool {
	for _, s := range b.spans {
		if uint32(d-s.From) < uint32(s.Len) {
			return true
		}
	}
	return false
}

// stampLinked sets seen[link[v]] = stamp for every entry v of set and
// reports whether each v was inside link and each link[v] inside seen (it
// stops at the first that is not).
func stampLinked(seen []uint32, link, set []int32, stamp uint32) bool {
	for _, v := range set {
		if uint(v) >= uint(len(link)) {
			return false
		}
		d := link[v]
		if uint(d) >= uint(len(seen)) {
			return false
		}
		seen[d] = stamp
	}
	return true
}
