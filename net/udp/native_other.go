//go:build !(linux && (amd64 || arm64))

package udp

import "errors"

// nativeAvailable is false here: sockets always use the x/net path.
const nativeAvailable = false

type nativeRecv struct{}

type nativeSend struct{}

var errNoNative = errors.New("udp: native batch I/O not built for this platform")

func (s *Socket) readNative(*RecvBatch) error { return errNoNative }

func (s *Socket) writeNative(*SendBatch) (int, error) { return 0, errNoNative }
