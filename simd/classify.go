package simd

// Classified counts what WithinBlock.Classify wrote.
type Classified struct {
	// Keep, Enter and Leave are the entries written to each output.
	Keep, Enter, Leave int
	// Seen is the number of the block's points that carried the stamp
	// (the except point aside).
	Seen int
}

// Classify judges the block's points against q and sorts them by what the
// querying observer saw last tick: point j was seen if seen[j] == stamp
// (the caller stamps last tick's visible set before the call). With
//
//	d2 = float32((xs[j]-q.X)²) + float32((zs[j]-q.Z)²)
//
// (rounded step by step, no fused multiply-add), point j is within if
// rooms[j] == q.Room and d2 <= q.Radius2, and outer if rooms[j] == q.Room
// and d2 <= q.Outer2 (NaN is neither):
//
//   - keep gets the points within, and the seen points within outer (the
//     hysteresis band): the observer's visible set as far as the block
//     knows it;
//   - enter gets the points within that were not seen;
//   - leave gets the seen points not within outer.
//
// Each output is in span order. Point except (the observer itself; −1 for
// none) is neither within, outer nor seen. The returned Seen counts the
// stamped points of the spans, so a caller that stamped more knows that
// some lie outside the block and must be judged another way. Entries of the
// outputs past their counts are overwritten with scratch values. q is
// passed by pointer so that a caller that updates a query in place per
// call (as the AOI grid does) has nothing copied.
//
// Panics: if keep, enter or leave is shorter than Padded(), or seen shorter
// than the end of the block's last span.
func (b *WithinBlock) Classify(keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery, except int32) Classified {
	return b.classifyOn(keep, enter, leave, seen, stamp, q, except, accelerated.Load())
}

// classifyOn is Classify on the chosen path.
func (b *WithinBlock) classifyOn(keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery, except int32,
	useAsm bool) Classified {
	if len(keep) < b.padded || len(enter) < b.padded || len(leave) < b.padded || len(seen) < b.end {
		panic("simd: WithinBlock.Classify: an output or seen is too short for the spans")
	}
	if b.padded == 0 {
		return Classified{}
	}
	if useAsm {
		return classifyAsm(b, keep, enter, leave, seen, stamp, q, except)
	}
	return classifyGeneric(b, keep, enter, leave, seen, stamp, q, int(except))
}
