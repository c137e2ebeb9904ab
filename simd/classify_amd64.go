//go:build amd64 && !purego

package simd

// classifyAVX2 judges the points of nSpans spans 8 per step (see
// WithinBlock.Classify), left-packing the indices of each step's kept,
// entered and left points into keep, enter and leave, 8 entries stored per
// step (enter and leave only for steps that have some).
//
// It reads the columns and spans from b and the query from q.
//
//go:noescape
func classifyAVX2(b *WithinBlock, q *PointQuery, keep, enter, leave *int32, seen *uint32, stamp uint32,
	except int, t *laneTables) (nKeep, nEnter, nLeave, nSeen int)

// classifyAsm runs the assembly over a checked block with at least one
// non-empty span (so every column, output and seen is non-empty).
func classifyAsm(b *WithinBlock, keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery,
	except int32) Classified {
	k, e, l, s := classifyAVX2(b, q, &keep[0], &enter[0], &leave[0], &seen[0], stamp, int(except), &lanes)
	return Classified{Keep: k, Enter: e, Leave: l, Seen: s}
}

// classifyObserversAVX2 is WithinBlock.ClassifyObservers for a pass checked
// against the block (see classify_amd64.s).
//
//go:noescape
func classifyObserversAVX2(b *WithinBlock, p *ObserverPass, q *PointQuery, from, to int, t *laneTables) (next int)

// classifyObserversAsm runs the assembly over a checked pass.
func classifyObserversAsm(b *WithinBlock, p *ObserverPass, q *PointQuery, from, to int32) int32 {
	return int32(classifyObserversAVX2(b, p, q, int(from), int(to), &lanes))
}
