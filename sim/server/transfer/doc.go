// Package transfer splits a large payload into LargeDataTransfer chunks and
// reassembles them on the other side, with a cap on the size of a transfer
// and on the transfers open at once. The server and the Go client share it.
package transfer
