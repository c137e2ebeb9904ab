//go:build linux && (amd64 || arm64)

package udp

import (
	"errors"
	"fmt"
	"net"
	"os"
	"unsafe"

	"golang.org/x/sys/unix"
)

// nativeAvailable says this platform has the socket's own recvmmsg/sendmmsg path.
const nativeAvailable = true

// nativeRecv is a RecvBatch's recvmmsg scratch: headers, one iovec per slot
// pointing into the slot, and a source sockaddr per slot. call is the bound
// method handed to RawConn.Read, made once so reads do not allocate.
type nativeRecv struct {
	hdrs  []unix.Mmsghdr
	iovs  []unix.Iovec
	names []unix.RawSockaddrInet6
	call  func(fd uintptr) bool
	n     int
	errno unix.Errno
}

func (r *nativeRecv) init(b *RecvBatch) {
	n := len(b.slots)
	r.hdrs = make([]unix.Mmsghdr, n)
	r.iovs = make([]unix.Iovec, n)
	r.names = make([]unix.RawSockaddrInet6, n)
	for i := range r.hdrs {
		r.iovs[i].Base = unsafe.SliceData(b.slots[i])
		r.iovs[i].SetLen(len(b.slots[i]))
		h := &r.hdrs[i].Hdr
		h.Iov = &r.iovs[i]
		h.SetIovlen(1)
		h.Name = (*byte)(unsafe.Pointer(&r.names[i]))
	}
	r.call = r.recvmmsg
}

// recvmmsg is one non-blocking attempt; it returns false to make the runtime
// poller wait for the socket to become readable and call it again.
func (r *nativeRecv) recvmmsg(fd uintptr) bool {
	for i := range r.hdrs {
		r.hdrs[i].Hdr.Namelen = unix.SizeofSockaddrInet6
		r.hdrs[i].Hdr.Flags = 0
		r.hdrs[i].Len = 0
	}
	for {
		n, _, errno := unix.Syscall6(unix.SYS_RECVMMSG, fd, uintptr(unsafe.Pointer(unsafe.SliceData(r.hdrs))),
			uintptr(len(r.hdrs)), unix.MSG_DONTWAIT, 0, 0)
		switch errno {
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		r.n, r.errno = int(n), errno
		return true
	}
}

func (s *Socket) readNative(b *RecvBatch) error {
	r := &b.native
	if r.call == nil {
		r.init(b)
	}
	if err := s.raw.Read(r.call); err != nil {
		return err
	}
	if r.errno != 0 {
		return os.NewSyscallError("recvmmsg", r.errno)
	}
	for i := range r.n {
		if r.hdrs[i].Hdr.Flags&unix.MSG_TRUNC != 0 {
			b.Truncated++
			continue
		}
		b.keep(i, int(r.hdrs[i].Len), decodeSockaddr(&r.names[i]))
	}
	return nil
}

// nativeSend is a SendBatch's sendmmsg scratch, laid out like nativeRecv.
// ok marks the datagrams whose destination the socket can reach.
type nativeSend struct {
	hdrs  []unix.Mmsghdr
	iovs  []unix.Iovec
	names []unix.RawSockaddrInet6
	call  func(fd uintptr) bool
	from  int // first header of the current sendmmsg call
	to    int // one past its last header
	n     int
	errno unix.Errno
}

func (w *nativeSend) init(capacity int) {
	w.hdrs = make([]unix.Mmsghdr, capacity)
	w.iovs = make([]unix.Iovec, capacity)
	w.names = make([]unix.RawSockaddrInet6, capacity)
	for i := range w.hdrs {
		h := &w.hdrs[i].Hdr
		h.Iov = &w.iovs[i]
		h.SetIovlen(1)
		h.Name = (*byte)(unsafe.Pointer(&w.names[i]))
	}
	w.call = w.sendmmsg
}

func (w *nativeSend) sendmmsg(fd uintptr) bool {
	for {
		n, _, errno := unix.Syscall6(unix.SYS_SENDMMSG, fd, uintptr(unsafe.Pointer(&w.hdrs[w.from])),
			uintptr(w.to-w.from), unix.MSG_DONTWAIT, 0, 0)
		switch errno {
		case unix.EINTR:
			continue
		case unix.EAGAIN:
			return false
		}
		w.n, w.errno = int(n), errno
		return true
	}
}

func (s *Socket) writeNative(out *SendBatch) (int, error) {
	w := &out.native
	if w.call == nil {
		w.init(len(out.slots))
	}
	for i := range out.n {
		slot := out.slots[i]
		w.iovs[i].Base = unsafe.SliceData(slot[:cap(slot)]) // slots have capacity, so never nil
		w.iovs[i].SetLen(len(slot))
		w.hdrs[i].Hdr.Namelen = encodeSockaddr(&w.names[i], out.addrs[i], s.ipv6)
	}
	var firstErr error
	sent, start := 0, 0
	for start < out.n {
		end := start
		for end < out.n && w.hdrs[end].Hdr.Namelen != 0 {
			end++
		}
		if end == start { // unreachable destination: skip it
			if firstErr == nil {
				firstErr = fmt.Errorf("datagram %d to %v: %w", start, out.addrs[start], ErrAddressFamily)
			}
			start++
			continue
		}
		w.from, w.to = start, end
		if err := s.raw.Write(w.call); err != nil {
			return sent, err // closed socket
		}
		if w.errno != 0 || w.n <= 0 {
			// sendmmsg reports an error only when the first datagram of the call
			// fails; skip that one and carry on.
			if firstErr == nil {
				firstErr = fmt.Errorf("datagram %d to %v: %w", start, out.addrs[start], os.NewSyscallError("sendmmsg", w.errno))
			}
			if errors.Is(w.errno, unix.EBADF) {
				return sent, net.ErrClosed
			}
			start++
			continue
		}
		sent += w.n
		start += w.n
	}
	return sent, firstErr
}
