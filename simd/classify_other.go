//go:build !amd64 || purego

package simd

// classifyAsm is the stub of builds without assembly; it is never called
// there, as accelerated is always false.
func classifyAsm(b *WithinBlock, keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery,
	except int32) Classified {
	return classifyGeneric(b, keep, enter, leave, seen, stamp, q, int(except))
}

// classifyObserversAsm is the stub of builds without assembly; it is never
// called there.
func classifyObserversAsm(b *WithinBlock, p *ObserverPass, q *PointQuery, from, to int32) int32 {
	return classifyObserversGeneric(b, p, q, from, to)
}
