//go:build amd64 && !purego

package simd

import "math"

// remapAVX2 remaps the entries of idx 8 at a time, for as many whole steps
// of 8 as n allows, and stops before the first step that holds an entry
// outside [0, tableLen); it returns how many entries it remapped.
//
//go:noescape
func remapAVX2(idx *int32, n int, table *int32, tableLen int) (done int)

// remapAsm runs the assembly over the whole steps of idx and returns how
// many entries it covered; the Go path finishes the rest (and panics on an
// entry out of range).
func remapAsm(idx, table []int32) int {
	if len(idx) < 8 || len(table) == 0 || len(table) > math.MaxInt32 {
		return 0
	}
	return remapAVX2(&idx[0], len(idx), &table[0], len(table))
}
