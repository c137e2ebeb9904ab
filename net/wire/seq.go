package wire

// SeqLess reports whether sequence number a comes before b, with wrap-around
// (RFC 1982 serial number arithmetic, half range): a is before b when b is
// 1 to 32767 steps ahead of a modulo 2^16. When a and b are exactly 32768
// apart neither is before the other.
func SeqLess(a, b uint16) bool {
	d := b - a
	return d != 0 && d < 1<<15
}

// SeqDiff returns how many steps a is ahead of b (negative when behind),
// i.e. a-b interpreted as a signed 16-bit number in [-32768, 32767]. The
// value -32768 is the ambiguous half-range distance (see SeqLess).
func SeqDiff(a, b uint16) int16 {
	return int16(a - b)
}
