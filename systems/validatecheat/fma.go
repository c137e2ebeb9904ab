package validatecheat

// The rules' sums of products round every product to float32 before
// adding it. Go lets the compiler fuse x*y + z into one multiply-add, and
// it does for GOAMD64=v3 and above and for arm64; a fused sum rounds once
// instead of twice, so such a build would judge some borderline moves
// differently from a build for v1, from the assembly's CheckMoves (which
// never fuses) and from a recording made by the other build. An explicit
// conversion forbids the fusion (the Go specification says so), at no cost
// where the compiler would not have fused anyway.

// sumSquares is x² + y² + z², each square rounded, summed left to right.
func sumSquares(x, y, z float32) float32 {
	return float32(x*x) + float32(y*y) + float32(z*z)
}

// sumSquares4 is w² + x² + y² + z², each square rounded, summed left to
// right.
func sumSquares4(w, x, y, z float32) float32 {
	return float32(w*w) + float32(x*x) + float32(y*y) + float32(z*z)
}
