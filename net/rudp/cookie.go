package rudp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"net/netip"
	"time"
)

// cookieJar makes and checks handshake cookies: HMAC-SHA256 under a server
// secret over the client's address, port and a time bucket, truncated to
// CookieSize bytes. A cookie is accepted in its own bucket and the next, so
// it lives between one and two CookieBucket lengths. The MAC state is reused,
// so making and checking cookies does not allocate.
type cookieJar struct {
	mac    hash.Hash
	bucket time.Duration
	in     [16 + 2 + 4]byte
	sum    [sha256.Size]byte
}

func newCookieJar(key []byte, bucket time.Duration) *cookieJar {
	return &cookieJar{mac: hmac.New(sha256.New, key), bucket: bucket}
}

// make writes the cookie for addr in time bucket b into dst.
func (j *cookieJar) make(dst []byte, addr netip.AddrPort, b uint32) {
	a16 := addr.Addr().As16()
	copy(j.in[:16], a16[:])
	binary.LittleEndian.PutUint16(j.in[16:], addr.Port())
	binary.LittleEndian.PutUint32(j.in[18:], b)
	j.mac.Reset()
	j.mac.Write(j.in[:])
	copy(dst, j.mac.Sum(j.sum[:0])[:CookieSize])
}

func (j *cookieJar) bucketAt(now time.Duration) uint32 { return uint32(now / j.bucket) }

// check reports whether cookie is valid for addr at now.
func (j *cookieJar) check(cookie []byte, addr netip.AddrPort, now time.Duration) bool {
	var want [CookieSize]byte
	b := j.bucketAt(now)
	for _, bucket := range [2]uint32{b, b - 1} {
		j.make(want[:], addr, bucket)
		if hmac.Equal(want[:], cookie) {
			return true
		}
	}
	return false
}
