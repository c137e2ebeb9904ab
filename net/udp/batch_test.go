package udp

import (
	"errors"
	"net/netip"
	"testing"
)

func TestSendBatchAddBounds(t *testing.T) {
	t.Parallel()
	to := netip.MustParseAddrPort("127.0.0.1:9")
	b := NewSendBatch(2, 4)
	tests := []struct {
		data []byte
		want error
	}{
		{[]byte("12345"), ErrDatagramTooLarge},
		{[]byte("1234"), nil},
		{nil, nil},
		{[]byte("1"), ErrBatchFull},
	}
	for i, tc := range tests {
		if err := b.Add(to, tc.data); !errors.Is(err, tc.want) {
			t.Fatalf("case %d: Add(%q) = %v, want %v", i, tc.data, err, tc.want)
		}
	}
	if b.Len() != 2 || b.Cap() != 2 || b.Slot() != nil {
		t.Fatalf("Len %d Cap %d, Slot on a full batch not nil", b.Len(), b.Cap())
	}
	b.Reset()
	slot := b.Slot()
	if len(slot) != 0 || cap(slot) != 4 {
		t.Fatalf("Slot len %d cap %d, want 0, 4", len(slot), cap(slot))
	}
	slot = append(slot, "ab"...)
	b.Commit(to, len(slot))
	if b.Len() != 1 || string(b.slots[0]) != "ab" || b.addrs[0] != to {
		t.Fatalf("after Commit: len %d, slot %q, addr %v", b.Len(), b.slots[0], b.addrs[0])
	}
}

func TestSlotsDoNotOverlap(t *testing.T) {
	t.Parallel()
	b := NewSendBatch(3, 4)
	to := netip.MustParseAddrPort("127.0.0.1:9")
	for _, d := range []string{"aaaa", "bbbb", "cccc"} {
		if err := b.Add(to, []byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range []string{"aaaa", "bbbb", "cccc"} {
		if string(b.slots[i]) != want {
			t.Fatalf("slot %d = %q, want %q", i, b.slots[i], want)
		}
	}
	r := NewRecvBatch(3, 4)
	for i, s := range r.slots {
		if len(s) != 4 || cap(s) != 4 {
			t.Fatalf("recv slot %d len %d cap %d", i, len(s), cap(s))
		}
	}
}

func TestNewBatchPanicsOnBadSize(t *testing.T) {
	t.Parallel()
	for _, mk := range []func(){func() { NewSendBatch(0, 1) }, func() { NewRecvBatch(1, 0) }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic for a zero size")
				}
			}()
			mk()
		}()
	}
}
